import { describe, expect, it } from 'vitest';
import { importText } from '../../src/corpus/ingest/text.js';

/** Paragraphs of plain text as the exports in ../shared/material/texts break them. */
describe('paragraphs of imported plain text', () => {
  const paragraphs = (text: string) =>
    importText(text)
      .pages.flatMap((p) => p.blocks)
      .filter((b) => b.type === 'paragraph')
      .map((b) => (b as { text: string }).text);

  it('joins a line wrapped mid-sentence before a capital, after a word no sentence ends on', () => {
    // The Congressional Record wraps its lines and puts a blank line after each.
    const text = [
      'AFGHANISTAN WAR POWERS RESOLUTION',
      '',
      'Karzai comes directly from the Bush camp and was put in place because of his role with Unocal in developing the Trans',
      '',
      'Afghanistan Gas Pipeline project. That remains a chief strategic goal.',
      '',
      'Bridas, led by its ambitious chairman, became the first company to exploit the oil fields of',
      '',
      'Turkmenistan and propose a pipeline through neighboring Afghanistan.',
      '',
      'It supported the NATO-led Kosovo Force from 2005 to 2007 and contributed troops to several operations led by the US',
      '',
      'Mongolia actively cooperates with NATO on counterterrorism.',
    ].join('\n');
    expect(paragraphs(text)).toEqual([
      'Karzai comes directly from the Bush camp and was put in place because of his role with Unocal in developing the Trans Afghanistan Gas Pipeline project. That remains a chief strategic goal.',
      'Bridas, led by its ambitious chairman, became the first company to exploit the oil fields of Turkmenistan and propose a pipeline through neighboring Afghanistan.',
      // "the US" may end a sentence the export left without its stop: the next paragraph stays apart.
      'It supported the NATO-led Kosovo Force from 2005 to 2007 and contributed troops to several operations led by the US',
      'Mongolia actively cooperates with NATO on counterterrorism.',
    ]);
  });

  it('keeps what an export leaves that is no text out of the paragraphs and the bibliography', () => {
    // A wiki article's page name over its notes, notes left empty ("[4]": 2,115 paragraphs of the
    // 118 material texts), a table not rendered, a press release's end mark.
    const text = [
      'Foreign relations of Afghanistan',
      '',
      'Afghanistan has been a member of the United Nations since 1946.',
      '',
      '[TABLE]',
      '',
      'Foreign_relations_of_Afghanistan',
      '',
      '[1] Embassy of Argentina in Pakistan',
      '',
      '[4]',
      '',
      '[5]',
      '',
      '\\###',
    ].join('\n');
    const draft = importText(text);
    expect(paragraphs(text)).toEqual(['Afghanistan has been a member of the United Nations since 1946.']);
    expect(draft.pages.flatMap((p) => p.blocks).filter((b) => b.type === 'heading')).toEqual([]);
    expect(draft.references).toEqual(['Embassy of Argentina in Pakistan']);
    // A name with underscores inside a sentence is the sentence's.
    expect(paragraphs('Title\n\nThe variable max_depth sets how deep the tree may grow.\n')).toEqual(['The variable max_depth sets how deep the tree may grow.']);
  });

  it('reads a label alone over the same label with its values as the one fact', () => {
    // The Factbook's "Languages:" line, then "Languages: Afghan Persian or Dari …".
    const text = 'Afghanistan\n\nLanguages:\nLanguages: Afghan Persian or Dari (official) 77%, Pashto (official) 48%\nReligions: Muslim 99.7%\n';
    expect(paragraphs(text)).toEqual(['Languages: Afghan Persian or Dari (official) 77%, Pashto (official) 48%', 'Religions: Muslim 99.7%']);
  });

  it('reads a label alone over its values by year as the one fact, notes and all', () => {
    // The Factbook's "Real GDP per capita:" line, then one line a year: alone, the label had been quoted as the answer.
    const text = 'Mongolia\n\nReal GDP per capita:\nReal GDP per capita 2024: $16,800 (2024 est.)\nReal GDP per capita 2023: $16,200 (2023 est.)\nnote: data in 2021 dollars\nGDP (official exchange rate): $23.586 billion (2024 est.)\n';
    expect(paragraphs(text)).toEqual([
      'Real GDP per capita: 2024: $16,800 (2024 est.); 2023: $16,200 (2023 est.); note: data in 2021 dollars',
      'GDP (official exchange rate): $23.586 billion (2024 est.)',
    ]);
    // A year under another label is that label's own line.
    expect(paragraphs('Mongolia\n\nExports:\nImports 2024: $12 billion\n')).toEqual(['Exports:', 'Imports 2024: $12 billion']);
  });

  it('reads two apostrophes as a double quote, two hyphens between words as a dash', () => {
    expect(paragraphs("Speech\n\nHis rhetorical flourish: ''Our cause is just, our resolve unshaken''.\n")).toEqual(['His rhetorical flourish: "Our cause is just, our resolve unshaken".']);
    expect(paragraphs('Speech\n\nA perpetual war--which is our lot--and Mr. Mone Jr.--two lawyers. Run it with --dry-run.\n')).toEqual(['A perpetual war—which is our lot—and Mr. Mone Jr.—two lawyers. Run it with --dry-run.']);
  });
});
