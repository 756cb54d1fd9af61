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

  it('reads two apostrophes as a double quote', () => {
    expect(paragraphs("Speech\n\nHis rhetorical flourish: ''Our cause is just, our resolve unshaken''.\n")).toEqual(['His rhetorical flourish: "Our cause is just, our resolve unshaken".']);
  });
});
