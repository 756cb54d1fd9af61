import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importText } from '../../src/corpus/ingest/text.js';
import { withoutWikiResidue } from '../../src/corpus/ingest/wikiResidue.js';
import { material } from './material.js';

/** Shapes taken from the plain-text wiki exports in ../shared/material/texts. */
describe('wiki markup residue in imported text', () => {
  it('drops image captions closed by ]] from where they began: the last sentence end, or the paragraph start', () => {
    expect(withoutWikiResidue('MNRA_soldiers_1939.jpg soldiers at Khalkhin Gol, 1939.]] Outer Mongolia was ruled by Choibalsan.')).toBe('Outer Mongolia was ruled by Choibalsan.');
    expect(withoutWikiResidue('Kyrgyz population voting.[25] Vladimir Putin on 16 March 2015]] In 2011 Atambayev travelled.')).toBe('Kyrgyz population voting.[25] In 2011 Atambayev travelled.');
    // An initial is not a sentence end; a note marker before the close ends the text's own sentence.
    expect(withoutWikiResidue('He met with John F. Kennedy in 1961]] The visit mattered.')).toBe('The visit mattered.');
    // Nor is an abbreviated month before its day ("… Mongolia, Aug. 13, 2013.]]": the caption began at the paragraph's start).
    expect(withoutWikiResidue('2013 in Ulaanbaatar, Mongolia, Aug. 13, 2013.]] Mongolia underwent a democratic revolution in 1990.')).toBe(
      'Mongolia underwent a democratic revolution in 1990.',
    );
    expect(withoutWikiResidue('Trade began in silk and cotton fabrics.[12]]] Russian traders began to appear.')).toBe('Trade began in silk and cotton fabrics.[12] Russian traders began to appear.');
  });

  it('drops galleries, bare file names and infobox parameters; a paragraph of nothing else goes', () => {
    expect(withoutWikiResidue('Hulegu Khan, ruler of the Ilkhanate File:IlkhanidHorseArcher.jpg%7C13th century Ilkhanid archer')).toBe('Hulegu Khan, ruler of the Ilkhanate');
    expect(withoutWikiResidue('Central_Asia_-_political_map_2008.svg The area was bounded on the west.')).toBe('The area was bounded on the west.');
    expect(withoutWikiResidue('| flag_p5 = Flag of Khiva 1920-1923.svg | p6 = Kingdom of Romania | flag_p6 = Flag of Romania.svg |')).toBe('');
    expect(withoutWikiResidue(', one of many hydroelectric power stations in the Soviet Union]]')).toBe('');
  });

  it('drops a reference’s bare address left before a paragraph’s first sentence', () => {
    expect(withoutWikiResidue('http://altaica.ru/LIBRARY/CHOI/choi1996.pdf The linguist Kabak (2004) states that Turkic and Korean share similar phonology.')).toBe(
      'The linguist Kabak (2004) states that Turkic and Korean share similar phonology.',
    );
    // An address inside the sentence, or a paragraph that is an address, is the text's.
    expect(withoutWikiResidue('See http://altaica.ru/LIBRARY/ for The Choi papers.')).toBe('See http://altaica.ru/LIBRARY/ for The Choi papers.');
    expect(withoutWikiResidue('http://www.tribuneindia.com/2005/20051124/main1.htm')).toBe('http://www.tribuneindia.com/2005/20051124/main1.htm');
  });

  it('leaves prose alone: decimals, abbreviations, ordinary brackets', () => {
    for (const s of ['Plain text, with a ratio of 3.5 and U.S. policy.', 'Exports [in USD] rose to $7.14 M in 2019 (see Table 1).']) expect(withoutWikiResidue(s)).toBe(s);
  });

  it('is applied when a text is imported: no caption-only paragraph, no residue in the quotes', () => {
    const draft = importText('Mongolia in World War II\n\nin session.]]\n\nParliament]] Mongolia provided livestock to the Soviet Union.\n\nThe end of the war.\n');
    const paragraphs = draft.pages.flatMap((p) => p.blocks).filter((b) => b.type === 'paragraph').map((b) => (b as { text: string }).text);
    expect(paragraphs).toEqual(['Mongolia provided livestock to the Soviet Union.', 'The end of the war.']);
  });

  it('makes no heading of a caption: a caption alone on its line, or a caption\'s tail after a heading', () => {
    const draft = importText(
      'Foreign relations of China\n\nRecent foreign policy\n\nBoeing 777 in China-France 50 years anniversary livery]]\n\nIn recent years, China\'s leaders have travelled widely.\n\nPrehistory\n\ndata[7]]]\n\nHumans have inhabited Kazakhstan since the Lower Paleolithic.\n',
    );
    const blocks = draft.pages.flatMap((p) => p.blocks);
    const headings = blocks.filter((b) => b.type === 'heading').map((b) => (b as { text: string }).text);
    expect(headings).toEqual(['Recent foreign policy', 'Prehistory']);
    expect(JSON.stringify(blocks)).not.toContain(']]');
  });

  it('reads unexpanded templates as what they stand for, or drops them', () => {
    // The figure of a `{{#expr}}` was lost in the export: the parenthesis it leaves says nothing.
    expect(withoutWikiResidue('five republics: Kazakhstan (pop. {{#expr:/1e6 round 0}} million), Kyrgyzstan ({{#expr:/1e6 round 0}} million), and Uzbekistan (33 million).')).toBe(
      'five republics: Kazakhstan, Kyrgyzstan, and Uzbekistan (33 million).',
    );
    expect(withoutWikiResidue("against the Tang Dynasty{{'}}s border guards")).toBe("against the Tang Dynasty's border guards");
    expect(withoutWikiResidue('{{-}}')).toBe('');
    // A citation the export cut off, or one whole: the sentence before it stays.
    expect(withoutWikiResidue('supply of hydrocarbons.{{cite news')).toBe('supply of hydrocarbons.');
    expect(withoutWikiResidue('Mohammad Reza Badamchi{{cite news|url=http://nasrnews.ir/News|date=10 November 2016}} Member')).toBe('Mohammad Reza Badamchi Member');
    // A citation's tail on a line of its own (a reference): its title and site.
    expect(withoutWikiResidue('Kazakhstan Automotive Industry Outlook 2017-2022|website=focus2move.com|language=en-US|access-date=2018-07-21}}')).toBe(
      'Kazakhstan Automotive Industry Outlook 2017-2022. focus2move.com',
    );
    // The closing braces of an infobox or caption field, and infobox parameters one a line.
    expect(withoutWikiResidue('Soviet Republic}}')).toBe('');
    expect(withoutWikiResidue('photo2b = High way 2.jpg{{!}}')).toBe('');
    expect(withoutWikiResidue('x = y is what the model says.')).toBe('x = y is what the model says.');
  });

  it('drops what an unrendered template left: empty parentheses, an image’s options and its caption', () => {
    expect(withoutWikiResidue('The highest point (). The lowest point is the Hoh Nuur.')).toBe('The highest point. The lowest point is the Hoh Nuur.');
    expect(withoutWikiResidue('KAZAKHSTAN (, ), officially the REPUBLIC OF KAZAKHSTAN (; ),[1] is a country.')).toBe('KAZAKHSTAN, officially the REPUBLIC OF KAZAKHSTAN,[1] is a country.');
    expect(withoutWikiResidue('The other borders are with Iran (to the south, ), and Abai Qunanbaiuly (, sometimes russified).')).toBe(
      'The other borders are with Iran (to the south), and Abai Qunanbaiuly (sometimes russified).',
    );
    expect(withoutWikiResidue('|thumb|left|250px|Approximate areas occupied by the three Kazakh jüz.')).toBe('');
    expect(withoutWikiResidue('.svg|thumb|Trends in research expenditure in Central Asia, 2001–2013.')).toBe('');
    // Parentheses with something in them, and calls in code, are left alone.
    for (const s of ['The ratio (1, 2) held.', 'Call f() first.']) expect(withoutWikiResidue(s)).toBe(s);
  });

  it('reads a wiki table flattened onto one line as its rows of facts, and drops file names however glued', () => {
    expect(withoutWikiResidue('|President |Kassym-Jomart Tokayev |Nur Otan |20 March 2019 |- |Prime Minister ||Askar Mamin |Nur Otan |21 February 2019 |} The president is elected.')).toBe(
      'President, Kassym-Jomart Tokayev, Nur Otan, 20 March 2019; Prime Minister, Askar Mamin, Nur Otan, 21 February 2019. The president is elected.',
    );
    expect(withoutWikiResidue('GOBI CORPORATION is a Mongolian cashmere manufacturer, established in 1981.829A9531.jpg')).toBe('GOBI CORPORATION is a Mongolian cashmere manufacturer, established in 1981.');
    expect(withoutWikiResidue('The_drive_out_of_Bishkek._(3968077431).jpg ADVANCE FROM THE NORTHEAST (1847–1864): The eastern end.')).toBe('ADVANCE FROM THE NORTHEAST (1847–1864): The eastern end.');
    expect(withoutWikiResidue('Syrdaryamap.png Southward from the Siberian Line.')).toBe('Southward from the Siberian Line.');
    expect(withoutWikiResidue(', khan of the Middle jüz]] .]] [[File:Жуз.svg|thumb|left|250px|Approximate areas occupied by the three Kazakh jüz.')).toBe('');
    expect(withoutWikiResidue('size = 266')).toBe('');
  });

  it('takes no sentence for a heading, judged without its note markers or the residue on its line', () => {
    const draft = importText(
      'Politics of Turkmenistan\n\nThe President of Turkmenistan is elected using the two-round system.[8]\n\nRETAIL SALES IN RUSSIA[149]\n\nGOBI CORPORATION is a cashmere maker, established in 1981.829A9531.jpg\n\nThe end of it.\n',
    );
    const blocks = draft.pages.flatMap((p) => p.blocks).map((b) => `${b.type}: ${(b as { text: string }).text}`);
    expect(blocks).toEqual([
      'paragraph: The President of Turkmenistan is elected using the two-round system.[8]',
      'heading: RETAIL SALES IN RUSSIA[149]',
      'paragraph: GOBI CORPORATION is a cashmere maker, established in 1981.',
      'paragraph: The end of it.',
    ]);
  });

  it('leaves no template in any of the material texts, in paragraphs, tables or references', async () => {
    const dir = material('texts');
    if (!dir) return;
    const residue: string[] = [];
    for (const f of (await readdir(dir)).filter((f) => f.endsWith('.txt') && !/^[A-Z0-9_-]+\.txt$/.test(f))) {
      const draft = importText(await readFile(path.join(dir, f), 'utf8'));
      const texts = [...draft.pages.flatMap((p) => p.blocks).flatMap((b) => (b.type === 'table' ? b.rows.flat() : [b.text])), ...draft.references];
      for (const t of texts) if (/\{\{|\}\}|#expr/u.test(t)) residue.push(`${f}: ${t.slice(0, 80)}`);
    }
    expect(residue).toEqual([]);
  });
});
