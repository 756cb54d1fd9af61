import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { citeParagraph, formatCitation } from '../../src/answer/citation.js';
import { joinHyphenated, vocabularyOf } from '../../src/corpus/ingest/hyphenation.js';
import { importFiles } from '../../src/corpus/ingest/index.js';
import { bullets, type Line, withAccents } from '../../src/corpus/ingest/pdf-lines.js';
import { figuresApart, findTextTables } from '../../src/corpus/ingest/pdf-tables.js';
import { loadCorpus } from '../../src/corpus/load.js';
import { repairMojibake } from '../../src/corpus/ingest/mojibake.js';
import { tidyPdfText } from '../../src/corpus/ingest/pdf-text.js';
import { glyphMapOf, mapGlyphs, NEGATION, strikeNegations, symbolsAtSpace } from '../../src/corpus/ingest/pdf-fonts.js';
import { OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { prose, tinyPdf, type TinyLine } from './tinyPdf.js';

/**
 * The PDF rules that hold for any file, on small PDFs made here (no ../shared needed): what
 * the eleven real papers in pdf.test.ts showed, each kept by a file that fails without it.
 */

const BODY =
  'Herders on the steppe move their animals between summer and winter pastures, and the routes they take have changed little in a century. This study follows forty families through one year and records where they camp, how far they travel and what they sell at the markets on the way.';

async function importTiny(name: string, pages: TinyLine[][], info: Record<string, string> = {}) {
  const dir = await mkdtemp(path.join(tmpdir(), 'steppe-tinypdf-'));
  const file = path.join(dir, `${name}.pdf`);
  await writeFile(file, tinyPdf(pages, info));
  if (process.env.KEEP_TINY) await writeFile(`/tmp/dbg/${name}.pdf`, tinyPdf(pages, info));
  const corpusDir = path.join(dir, 'corpus');
  const [result] = await importFiles([file], { corpusDir });
  return { result: result!, corpusDir };
}

describe('PDF import rules', () => {
  it('imports a PDF that names no venue: the venue is left empty, not demanded', async () => {
    const page: TinyLine[] = [
      { text: 'Seasonal Routes of Mongolian Herders', x: 72, y: 700, size: 20, bold: true },
      { text: 'Ann Author and Bo Writer', x: 72, y: 670, size: 12 },
      { text: '© 2021 the authors', x: 72, y: 650, size: 9 },
      ...prose(BODY, 72, 600),
      ...prose(BODY.replace('This study', 'A second study'), 72, 520),
    ];
    const { result, corpusDir } = await importTiny('herders', [page]);
    expect(result.error).toBeUndefined();
    expect(result.status).toBe('added');
    expect(result.missing).toContain('venue');
    const json = JSON.parse(await readFile(result.metaPath, 'utf8'));
    expect(json.venue).toBeNull();
    const corpus = await loadCorpus(corpusDir);
    const doc = corpus.documents[0]!;
    expect(doc.meta).toMatchObject({ title: 'Seasonal Routes of Mongolian Herders', authors: ['Ann Author', 'Bo Writer'], year: 2021, venue: '' });
    // A citation needs no venue.
    expect(formatCitation(citeParagraph(corpus, doc.paragraphs[0]!))).toMatch(/^Author and Writer \(2021\), “Seasonal Routes of Mongolian Herders”, (?:§ [^,]+, )?p\. 1, ¶ herders\/\d+$/);
  });

  it('still fails a PDF that gives no year in one line naming the file and the field', async () => {
    const page: TinyLine[] = [{ text: 'Seasonal Routes of Mongolian Herders', x: 72, y: 700, size: 20 }, { text: 'Ann Author', x: 72, y: 670, size: 12 }, ...prose(BODY, 72, 600)];
    const { result } = await importTiny('undated', [page]);
    expect(result.status).toBe('failed');
    expect(result.error).toMatch(/undated\.pdf: could not find year: pass --year/);
    expect(result.error).not.toContain('\n');
  });

  it('never takes a running header (or a piece of one) for the title', async () => {
    // Every page but the first carries "Steppe Gazette / Vol. 3, No. 7 / Notices"; the first prints
    // "Notices" largest, then the notice's subject in bold.
    const header = (n: number): TinyLine[] => [
      { text: 'Steppe Gazette / Vol. 3, No. 7 / Monday, May 3, 2021 / Notices', x: 120, y: 750, size: 10 },
      { text: String(100 + n), x: 540, y: 750, size: 11, bold: true },
    ];
    const first: TinyLine[] = [
      { text: 'Notices', x: 72, y: 720, size: 18, bold: true },
      { text: 'Steppe Gazette', x: 400, y: 745, size: 8 },
      { text: 'Monday, May 3, 2021', x: 400, y: 712, size: 8 },
      { text: '100', x: 72, y: 750, size: 11, bold: true },
      { text: 'MINISTRY OF FOOD AND AGRICULTURE', x: 72, y: 600, size: 10, bold: true },
      { text: 'Rules on the Sale of Horses at', x: 72, y: 560, size: 10, bold: true },
      { text: 'Border Markets', x: 72, y: 549, size: 10, bold: true },
      { text: 'AGENCY: Ministry of Food and Agriculture (MOFA).', x: 72, y: 520, size: 10 },
      ...prose(BODY, 72, 490),
    ];
    const pages = [first, ...[1, 2, 3].map((n) => [...header(n), ...prose(BODY, 72, 700), ...prose(BODY, 72, 600)])];
    const { result } = await importTiny('gazette', pages);
    expect(result.error).toBeUndefined();
    expect(result.meta!.title).toBe('Rules on the Sale of Horses at Border Markets');
    expect(result.meta!.authors).toEqual(['Ministry of Food and Agriculture']);
  });

  it('keeps a table out of the paragraphs, writes it as a table, and the sentence it cut goes on', async () => {
    // A paragraph stopped mid-sentence by a table set in smaller print, going on under it.
    const cells = (y: number, row: string[]): TinyLine[] => row.map((text, i) => ({ text, x: 72 + i * 90, y, size: 8 }));
    const page: TinyLine[] = [
      { text: 'Seasonal Routes of Mongolian Herders', x: 72, y: 720, size: 20, bold: true },
      { text: 'Ann Author', x: 72, y: 690, size: 12 },
      { text: '© 2021 the authors', x: 72, y: 672, size: 9 },
      ...prose(`${BODY} The families we followed in the western aimags moved`, 72, 640),
      ...cells(560, ['Province', 'Families', 'Distance (km)', 'Camps']),
      ...cells(549, ['Khovd', '14', '212', '4']),
      ...cells(538, ['Uvs', '11', '187', '3']),
      ...cells(527, ['Zavkhan', '15', '240', '5']),
      ...prose('further than those in the east, and they sold more of their wool at the border markets than at the provincial centres.', 72, 500),
    ];
    const { result, corpusDir } = await importTiny('routes', [page]);
    expect(result.error).toBeUndefined();
    expect(result.counts!.tables).toBe(1);
    const text = await readFile(result.textPath, 'utf8');
    expect(text).toContain('Province\tFamilies\tDistance (km)\tCamps\nKhovd\t14\t212\t4\nUvs\t11\t187\t3\nZavkhan\t15\t240\t5');
    const doc = (await loadCorpus(corpusDir)).documents[0]!;
    expect(doc.paragraphs.map((p) => p.text).join('\n')).not.toMatch(/Khovd|Zavkhan|Camps/);
    expect(doc.paragraphs.some((p) => p.text.includes('in the western aimags moved further than those in the east'))).toBe(true);
  });

  it('joins TeX accents to their letters and words broken before a capital the document writes whole', () => {
    expect(withAccents('Saier and F¨arber (2019); P´erez; Mitrovi´c; 2.5 ˚A')).toBe('Saier and Färber (2019); Pérez; Mitrović; 2.5 Å');
    // An acute standing for a possessive's apostrophe is one.
    expect(withAccents('using Student´s t-test; ALZHEIMER´S DISEASE; ALZHEIMER ´S; authors´ roles')).toBe('using Student’s t-test; ALZHEIMER’S DISEASE; ALZHEIMER’S; authors’ roles');
    // TeX's bullet without a Unicode map: U+000F before a list item's words.
    expect(bullets('\u000f What is the percentage')).toBe('• What is the percentage');
    expect(bullets('\u0002 A molecule incorporating')).toBe('• A molecule incorporating');
    const vocabulary = vocabularyOf('SciBERT is pretrained on science; Anglo Saxon');
    expect(joinHyphenated('unlike BERT-Large, SciB-', 'ERT is', vocabulary)).toBe('unlike BERT-Large, SciBERT is');
    expect(joinHyphenated('the Anglo-', 'Saxon kings', vocabulary)).toBe('the Anglo-Saxon kings');
    // Halves that are both words join where English writes them as one, unless the document writes the compound.
    const words = vocabularyOf('no table; fine-tuning of the model, tuning it finely; document level');
    expect(joinHyphenated('Despite no-', 'table advances', words)).toBe('Despite notable advances');
    expect(joinHyphenated('after fine-', 'tuning on', words)).toBe('after fine-tuning on');
    expect(joinHyphenated('a document-', 'level task', words)).toBe('a document-level task');
    // A dash closed up on its word at the break stays closed up on the next line's.
    expect(joinHyphenated('While mention–', 'mention edges', vocabulary)).toBe('While mention–mention edges');
    expect(joinHyphenated('Nature 9:1132–', '1146.', vocabulary)).toBe('Nature 9:1132–1146.');
    expect(joinHyphenated('PART 39—', 'AIRWORTHINESS', vocabulary)).toBe('PART 39—AIRWORTHINESS');
    expect(joinHyphenated('pastures –', 'and camps', vocabulary)).toBe('pastures – and camps');
  });

  it('puts an accent struck after its letter on that letter, not the next', async () => {
    // The Federal Register sets "Agência" as "Age" and then "ˆncia", the circumflex starting back
    // over the "e"; "Aviação" as "Aviac", "¸a", "˜o". (WinAnsi: 0x88 ˆ, 0xB8 ¸, 0x98 ˜; each letter 5.4 wide.)
    const w = (s: string) => [...s].reduce((n, c) => n + (c === ' ' ? 2.78 : 5.4), 0);
    const head = 'The evaluation is run with three authorities: Age';
    const page: TinyLine[] = [
      { text: 'Seasonal Routes of Mongolian Herders', x: 72, y: 700, size: 20, bold: true },
      { text: 'Ann Author', x: 72, y: 670, size: 12 },
      { text: '© 2021 the authors', x: 72, y: 650, size: 9 },
      ...prose(BODY, 72, 600),
      { text: head, x: 72, y: 540 },
      { text: '\x88ncia Nacional de Aviac', x: 72 + w(head) - 4, y: 540 },
      { text: '\xb8a', x: 72 + w(`${head}xncia Nacional de Aviac`) - 8, y: 540 },
      { text: '\x98o Civil of Brazil and two more agencies, as the text says.', x: 72 + w(`${head}xncia Nacional de Aviacxa`) - 12, y: 540 },
    ];
    const { corpusDir } = await importTiny('accents', [page]);
    const text = (await loadCorpus(corpusDir)).documents[0]!.paragraphs.map((p) => p.text).join('\n');
    expect(text).toContain('three authorities: Agência Nacional de Aviação Civil of Brazil');
  });

  it('reads MathTime’s math fonts, which carry no Unicode map, as the signs they print', () => {
    // "f .x/ D Œ0; 1ç" is how pdf.js reads f(x) = [0, 1] set in MT2MIT and MT2SYT.
    const italic = glyphMapOf('GNLJAA+MT2MIT');
    const symbols = glyphMapOf('XACRIZ+MT2SYT');
    expect(`f${mapGlyphs(' .', italic)}x${mapGlyphs('/ ', italic)}${mapGlyphs('D ', symbols)}${mapGlyphs('Œ0; 1ç', italic)}`).toBe('f (x) = [0, 1]');
    expect(mapGlyphs('!', glyphMapOf('ICHIRX+MT2SYS'))).toBe('→');
    expect(mapGlyphs('Œck', italic) + mapGlyphs(' I ', symbols) + mapGlyphs('wk ç', italic)).toBe('[ck ; wk ]');
    // Any other font's text is its own.
    expect(glyphMapOf('BTBNDM+NimbusRomNo9L-Regu')).toBeNull();
    expect(tidyPdfText('from paper nodes p1 −→ p2 for each, if P¹ cite −−→ P²')).toBe('from paper nodes p1 → p2 for each, if P¹ cite → P²');
  });

  it('strikes TeX’s negation slash, which pdf.js gives as its code “6”, through the sign it is drawn over', () => {
    expect(mapGlyphs('6', glyphMapOf('VLXDAJ+CMSY10'))).toBe(NEGATION);
    // Digits in a text font are digits.
    expect(glyphMapOf('BTBNDM+NimbusRomNo9L-Regu')).toBeNull();
    const run = (str: string, x: number, w: number, y = 500) => ({ str, x, y, w, size: 10 });
    // "a \not= b": a zero-width slash, then "=" drawn over it.
    expect(strikeNegations([run('a', 100, 5), run(NEGATION, 108.5, 0), run('=', 108, 7.8), run('b', 118, 5)]).map((r) => r.str)).toEqual(['a', '≠', 'b']);
    // "\not\xrightarrow{cite}": the slash over the shaft of an arrow drawn long ("−", "−", "→"), its
    // label set above it: the head is struck, the label left alone.
    const arrow = strikeNegations([run('P', 320, 8), run(NEGATION, 345.8, 0), run('cite', 342.5, 13.5, 506), run('−', 340, 8.5), run('−', 344.6, 8.5), run('→ P', 349.2, 21.5)]);
    expect(arrow.map((r) => r.str)).toEqual(['P', 'cite', '−', '−', '↛ P']);
    // A slash over nothing on its baseline is no mark.
    expect(strikeNegations([run('x', 100, 5), run(NEGATION, 200, 0)]).map((r) => r.str)).toEqual(['x']);
  });

  it('finds the ← MathTime sets at the space’s code, which pdf.js’s text layer drops as a word space, where it is drawn', () => {
    const glyph = (unicode: string, width: number) => ({ unicode, width, isSpace: unicode === ' ' });
    const list = {
      fnArray: [OPS.save, OPS.transform, OPS.beginText, OPS.setFont, OPS.setTextMatrix, OPS.showText, OPS.setFont, OPS.moveText, OPS.showText, OPS.setFont, OPS.showText, OPS.endText, OPS.restore],
      argsArray: [
        null,
        [1, 0, 0, 1, 0, 10],
        null,
        ['f1', 10],
        [[1, 0, 0, 1, 100, 500]],
        [[glyph('g', 500)]],
        ['f2', 8],
        [5.454, 4.505],
        [[glyph(' ', 1146)]],
        ['f1', 10],
        // A word space in a text font is a space.
        [[glyph(' ', 250), glyph('k', 500)]],
        null,
        null,
      ],
    };
    const names: Record<string, string> = { f1: 'BTBNDM+NimbusRomNo9L-Regu', f2: 'ICHIRX+MT2SYS' };
    const found = symbolsAtSpace(list, OPS as unknown as Record<string, number>, (n) => names[n]!);
    expect(found).toHaveLength(1);
    expect(found[0]!.str).toBe('←');
    expect([found[0]!.x, found[0]!.y, found[0]!.size]).toEqual([105.454, 514.505, 8]);
    expect(found[0]!.w).toBeCloseTo(9.168, 3);
  });

  it('keeps a first page’s front matter out of the passages, an address’s last line with it', async () => {
    const page: TinyLine[] = [
      { text: 'Steppe Studies', x: 72, y: 750, size: 8 },
      { text: 'Volume 2021, Article ID 123456, 9 pages', x: 72, y: 740, size: 8 },
      { text: 'Seasonal Routes of Mongolian Herders', x: 72, y: 700, size: 20, bold: true },
      { text: 'Ann Author and Bo Writer', x: 72, y: 670, size: 12 },
      { text: 'Department of Geography, National University of Mongolia, Ikh Surguuliin gudamj 1,', x: 72, y: 655, size: 9 },
      { text: 'Ulaanbaatar 14201, Mongolia', x: 72, y: 645, size: 9 },
      { text: 'Received 9 November 2020; Accepted 25 December 2020', x: 72, y: 630, size: 9 },
      { text: 'Academic Editor: C. Editor', x: 72, y: 618, size: 9 },
      { text: 'Copyright © 2021 Ann Author et al. This is an open access article.', x: 72, y: 606, size: 9 },
      { text: 'Abstract', x: 72, y: 580, size: 12, bold: true },
      ...prose(BODY, 72, 565),
      { text: 'Key words: herding, pastures, Mongolia', x: 72, y: 500, size: 9 },
      { text: '1 Introduction', x: 72, y: 470, size: 12, bold: true },
      ...prose(BODY.replace('This study', 'A second study'), 72, 455),
    ];
    const { result, corpusDir } = await importTiny('frontmatter', [page]);
    expect(result.error).toBeUndefined();
    const doc = (await loadCorpus(corpusDir)).documents[0]!;
    const texts = doc.paragraphs.map((p) => p.text);
    expect(texts.filter((t) => /Volume 2021|Ulaanbaatar 14201|Received 9 November|Academic Editor|Copyright|Key words|Keywords/.test(t))).toEqual([]);
    expect(texts).toHaveLength(2);
    // The keywords are kept, as a text's are: front matter.
    expect(doc.frontMatter.some((t) => t.startsWith('Keywords: herding'))).toBe(true);
  });

  it('reads a structured abstract set in one run, with no heading over it, as the Abstract’s parts', async () => {
    const abstract =
      'Objectives. We ask how herders choose their routes. Methods. Forty families were followed through one year, and their camps recorded. Results. The routes changed little in a century. Conclusions. Herders keep to the routes of their parents.';
    const page: TinyLine[] = [
      { text: 'Seasonal Routes of Mongolian Herders', x: 72, y: 720, size: 20, bold: true },
      { text: 'Ann Author and Bo Writer', x: 72, y: 690, size: 12 },
      { text: '© 2021 the authors', x: 72, y: 672, size: 9 },
      ...prose(abstract, 72, 640, { size: 9 }),
      { text: '1. Introduction', x: 72, y: 560, size: 12, bold: true },
      ...prose(BODY, 72, 540),
    ];
    const { corpusDir } = await importTiny('runabstract', [page]);
    const doc = (await loadCorpus(corpusDir)).documents[0]!;
    const methods = doc.paragraphs.find((p) => p.text.startsWith('Forty families were followed'))!;
    expect([methods.topSection, methods.section, methods.role]).toEqual(['Abstract', 'Methods', 'abstract']);
    expect(methods.text).toBe('Forty families were followed through one year, and their camps recorded.');
    expect(doc.paragraphs.find((p) => p.text.startsWith('Herders on the steppe'))!.topSection).toBe('1. Introduction');
  });

  it('takes rows whose nearest caption is a figure’s for the figure’s labels, not a table', async () => {
    const cells = (y: number, row: string[]): TinyLine[] => row.map((text, i) => ({ text, x: 72 + i * 90, y, size: 8 }));
    const grid = (top: number) => [
      ...cells(top, ['Khovd', 'Uvs', 'Zavkhan', 'Bayan-Ulgii']),
      ...cells(top - 11, ['spring', 'summer', 'autumn', 'winter']),
      ...cells(top - 22, ['0.2', '0.4', '0.6', '0.8']),
    ];
    const page: TinyLine[] = [
      { text: 'Seasonal Routes of Mongolian Herders', x: 72, y: 740, size: 20, bold: true },
      { text: 'Ann Author', x: 72, y: 715, size: 12 },
      { text: '© 2021 the authors', x: 72, y: 700, size: 9 },
      ...prose(BODY, 72, 680),
      ...grid(600),
      { text: 'Figure 1: Distance moved by season and province.', x: 72, y: 560, size: 9 },
      ...prose(BODY.replace('This study', 'A second study'), 72, 530),
      ...grid(440),
      { text: 'Table 1: Distance moved by season and province.', x: 72, y: 400, size: 9 },
    ];
    const { result, corpusDir } = await importTiny('figurelabels', [page]);
    expect(result.counts!.tables).toBe(1);
    const doc = (await loadCorpus(corpusDir)).documents[0]!;
    expect(doc.paragraphs.map((p) => p.text).join('\n')).not.toMatch(/Khovd|spring|Bayan/);
  });

  it('drops a figure’s own words read just before its caption: short, no sentence', async () => {
    const page: TinyLine[] = [
      { text: 'Seasonal Routes of Mongolian Herders', x: 72, y: 740, size: 20, bold: true },
      { text: 'Ann Author', x: 72, y: 715, size: 12 },
      { text: '© 2021 the authors', x: 72, y: 700, size: 9 },
      ...prose(BODY, 72, 680),
      { text: 'Kilometres moved', x: 200, y: 600, size: 10 },
      { text: 'Spring Summer Autumn Winter', x: 150, y: 560, size: 10 },
      { text: 'Figure 2: Distance moved by season.', x: 72, y: 530, size: 10 },
      ...prose(BODY.replace('This study', 'A second study'), 72, 500),
    ];
    const { corpusDir } = await importTiny('figurewords', [page]);
    const texts = (await loadCorpus(corpusDir)).documents[0]!.paragraphs.map((p) => p.text);
    expect(texts.filter((t) => /Kilometres moved|Spring Summer/.test(t))).toEqual([]);
    expect(texts).toContain('Figure 2: Distance moved by season.');
  });

  it('splits a header whose labels are set closer than a cell gap over the columns of the rows under it', async () => {
    // "Yes (%)", "No (%)" and "Respondents" 0.8 em apart (a cell gap is 0.9 em), each over its column.
    const header: TinyLine[] = [
      { text: 'Item', x: 72, y: 560, size: 8 },
      { text: 'Yes (%)', x: 180, y: 560, size: 8 },
      { text: 'No (%)', x: 214.6, y: 560, size: 8 },
      { text: 'Respondents', x: 244.9, y: 560, size: 8 },
    ];
    const row = (y: number, label: string, values: string[]): TinyLine[] => [{ text: label, x: 72, y, size: 8 }, ...values.map((text, i) => ({ text, x: [188, 222, 262][i]!, y, size: 8 }))];
    const page: TinyLine[] = [
      { text: 'Seasonal Routes of Mongolian Herders', x: 72, y: 720, size: 20, bold: true },
      { text: 'Ann Author', x: 72, y: 690, size: 12 },
      { text: '© 2021 the authors', x: 72, y: 672, size: 9 },
      ...prose(BODY, 72, 650),
      { text: 'Table 1 What the families were told at the clinic', x: 72, y: 575, size: 9, bold: true },
      ...header,
      ...row(548, 'Privacy given', ['99', '1', '97']),
      ...row(536, 'Health conditions told', ['88', '12', '97']),
      ...row(524, 'Treated with respect', ['97', '3', '96']),
      ...prose(BODY, 72, 480),
    ];
    const { result } = await importTiny('clinic', [page]);
    expect(result.error).toBeUndefined();
    expect(result.counts!.tables).toBe(1);
    const text = await readFile(result.textPath, 'utf8');
    expect(text).toContain('Item\tYes (%)\tNo (%)\tRespondents\nPrivacy given\t99\t1\t97\nHealth conditions told\t88\t12\t97');
    expect(text).not.toMatch(/^Item Yes/m);
  });

  it('reads a table of words in columns under its caption as rows of cells, a cell of several lines as one', async () => {
    const cell = (text: string, column: number, y: number): TinyLine => ({ text, x: [72, 200, 330][column]!, y, size: 8 });
    const page: TinyLine[] = [
      { text: 'Seasonal Routes of Mongolian Herders', x: 72, y: 720, size: 20, bold: true },
      { text: 'Ann Author', x: 72, y: 690, size: 12 },
      { text: '© 2021 the authors', x: 72, y: 672, size: 9 },
      ...prose(BODY, 72, 650),
      { text: 'Table 2 Themes raised by each group we spoke to', x: 72, y: 575, size: 9, bold: true },
      cell('Group', 0, 562),
      cell('Strengths', 1, 562),
      cell('Weaknesses', 2, 562),
      cell('1. Families (n = 40)', 0, 548),
      cell('- Good pastures near', 1, 548),
      cell('the river', 1, 539),
      cell('- Long routes to', 2, 548),
      cell('market', 2, 539),
      cell('2. Traders (n = 6)', 0, 525),
      cell('- Fair prices', 1, 525),
      cell('- Poor roads in', 2, 525),
      cell('spring', 2, 516),
      cell('3. Officials (n = 3)', 0, 502),
      cell('- New wells', 1, 502),
      cell('- Few vets', 2, 502),
      ...prose(BODY, 72, 470),
    ];
    const { result, corpusDir } = await importTiny('themes', [page]);
    expect(result.error).toBeUndefined();
    expect(result.counts!.tables).toBe(1);
    const text = await readFile(result.textPath, 'utf8');
    expect(text).toContain(
      [
        'Group\tStrengths\tWeaknesses',
        '1. Families (n = 40)\t- Good pastures near the river\t- Long routes to market',
        '2. Traders (n = 6)\t- Fair prices\t- Poor roads in spring',
        '3. Officials (n = 3)\t- New wells\t- Few vets',
      ].join('\n'),
    );
    const doc = (await loadCorpus(corpusDir)).documents[0]!;
    expect(doc.paragraphs.map((p) => p.text).join('\n')).not.toMatch(/Good pastures|Officials/);
    // Small print under a table's caption that is one column of text (a note) is no table.
    const note: TinyLine[] = [
      { text: 'Seasonal Routes of Mongolian Herders', x: 72, y: 720, size: 20, bold: true },
      { text: 'Ann Author', x: 72, y: 690, size: 12 },
      { text: '© 2021 the authors', x: 72, y: 672, size: 9 },
      ...prose(BODY, 72, 650),
      { text: 'Table 3 Not shown: the families asked that their camps stay unnamed.', x: 72, y: 575, size: 9, bold: true },
      ...prose(BODY, 72, 562, { size: 8, width: 110 }),
    ];
    const plain = await importTiny('note', [note]);
    expect(plain.result.counts!.tables).toBe(0);
  });

  it('gives each figure its cell where the file sets a row’s figures as one run, and the header’s labels so', () => {
    expect(
      figuresApart([
        ['Training signal', 'CLS USR CITE REC All'],
        ['SPECTER', '84.2 88.4 91.5 36.9 80.0'],
        ['SciBERT on co-view', '83.0 84.2', '84.1 36.4 76.0'],
        ['SciBERT fine-tune on co-citation 82.9 84.3 85.2 36.6 76.4'],
      ]),
    ).toEqual([
      ['Training signal', 'CLS', 'USR', 'CITE', 'REC', 'All'],
      ['SPECTER', '84.2', '88.4', '91.5', '36.9', '80.0'],
      ['SciBERT on co-view', '83.0', '84.2', '84.1', '36.4', '76.0'],
      ['SciBERT fine-tune on co-citation', '82.9', '84.3', '85.2', '36.6', '76.4'],
    ]);
    // A figure with its interval, a list of numbers in a sentence's commas, a two-word label: left whole.
    const whole = [
      ['(2-way)', '(Fleiss)', 'All', 'First 5'],
      ['Fine', '0.41', '0.55', '0.61', '0.99 (0.96–1.03)'],
      ['Coarse', '0.35', '0.48', '0.52', '0.97 (0.92–1.02)'],
    ];
    expect(figuresApart(whole)).toEqual(whole);
    expect(figuresApart([['δ 166.9, 155.9, 137,'], ['128.4, 128(2C), 127.8, 126.6,']])).toEqual([['δ 166.9, 155.9, 137,'], ['128.4, 128(2C), 127.8, 126.6,']]);
  });

  it('goes on with a sentence after a page holding only a float, whose caption set wholly in bold is its own', async () => {
    const cells = (y: number, row: string[]): TinyLine[] => row.map((text, i) => ({ text, x: 72 + i * 90, y, size: 8 }));
    const first: TinyLine[] = [
      { text: 'Seasonal Routes of Mongolian Herders', x: 72, y: 720, size: 20, bold: true },
      { text: 'Ann Author', x: 72, y: 690, size: 12 },
      { text: '© 2021 the authors', x: 72, y: 672, size: 9 },
      ...prose(`${BODY} Knowing where the families camp is a first step towards the`, 72, 640),
    ];
    const float: TinyLine[] = [
      { text: 'Table 1 Families and camps by province', x: 72, y: 720, size: 9, bold: true },
      ...cells(700, ['Province', 'Families', 'Camps']),
      ...cells(689, ['Khovd', '14', '4']),
      ...cells(678, ['Uvs', '11', '3']),
      ...cells(667, ['Zavkhan', '15', '5']),
    ];
    const last: TinyLine[] = [...prose('wells and markets the herders need, which the provinces plan to build over the next ten years.', 72, 720)];
    const { result, corpusDir } = await importTiny('floats', [first, float, last]);
    expect(result.error).toBeUndefined();
    const texts = (await loadCorpus(corpusDir)).documents[0]!.paragraphs.map((p) => p.text);
    expect(texts.some((t) => t.endsWith('is a first step towards the wells and markets the herders need, which the provinces plan to build over the next ten years.'))).toBe(true);
    expect(texts).toContain('Table 1 Families and camps by province');
  });

  it('reads a table of text cells as its cells, not a paragraph a line', () => {
    // Two columns of small print in one band: questions on the left, quoted answers on the right,
    // their lines on the same baselines, which reading order gives in turn (LongEval's Table 6,
    // whose right column crosses the page's gutter).
    const left = ['Question & TL;DR Response snippets', 'Q: Did the herders move', 'their camps in winter?', '', 'TL;DR: most of them did,', 'two stayed.', '', 'Q: Did they sell wool at', 'the border markets?'];
    const right = [
      '',
      '“We moved twice in the cold months, once after the first',
      'snow and once when the grass was gone.”',
      '“We stayed by the well, as our fathers did.”',
      '“The winter camp is the one we keep for the old animals.”',
      '',
      '',
      '“All of it went to the buyers at the border this year.”',
      '“The prices at the border markets were better than in town.”',
    ];
    const line = (text: string, x: number, y: number, size: number, bold = false): Line => ({
      runs: [{ str: text, x, y, w: text.length * size * 0.5, size, bold }],
      text,
      x0: x,
      x1: x + (bold ? 300 : text.length * size * 0.5),
      y,
      size,
      bold,
      page: 3,
      leadMarker: null,
      column: 0,
      spanning: x > 100,
    });
    const lines = left.flatMap((t, i) => [
      ...(t ? [line(t, 80, 700 - i * 10, 9, i === 0)] : []),
      ...(right[i] ? [line(right[i]!, 205, 700 - i * 10, 7)] : []),
    ]);
    const [table, ...more] = findTextTables([line('The body text before the table, in its own print.', 71, 720, 10.9), ...lines], 10.9);
    expect(more).toEqual([]);
    expect(table!.lines).toHaveLength(lines.length);
    expect(table!.paragraphs).toEqual([
      'Q: Did the herders move their camps in winter?',
      '“We moved twice in the cold months, once after the first snow and once when the grass was gone.”',
      '“We stayed by the well, as our fathers did.”',
      'TL;DR: most of them did, two stayed.',
      '“The winter camp is the one we keep for the old animals.”',
      'Q: Did they sell wool at the border markets?',
      '“All of it went to the buyers at the border this year.”',
      '“The prices at the border markets were better than in town.”',
    ]);
    // Body text set in two columns is no table of text: its columns are read one after the other.
    const twoColumns = [...prose(BODY, 72, 700, { size: 8, width: 50 }), ...prose(BODY, 320, 700, { size: 8, width: 50 })].map((l) => line(l.text, l.x, l.y, 8));
    expect(findTextTables(twoColumns, 10.9)).toEqual([]);
  });

  it('repairs UTF-8 read one byte a character (T1 fonts, Windows-1252), and only that', () => {
    expect(repairMojibake('the ÏĽ distribution, NaÃŕve Bayes')).toBe('the ω distribution, Naïve Bayes');
    expect(repairMojibake('donâ€™t, Ã©tÃ©')).toBe('don’t, été');
    // Real accented text, and capitals a Polish name puts together, are left as they are.
    for (const s of ['Färber, Ökonomie, São Paulo, Côte d’Ivoire', 'GÓŁKA', 'ÉTÉ']) expect(repairMojibake(s)).toBe(s);
  });

  it('tidies what shows only once lines are joined: accents, degree signs, broken URLs', () => {
    expect(tidyPdfText('solved at 2.2 ˚ A in complex, grown at 16 ◦C')).toBe('solved at 2.2 Å in complex, grown at 16 °C');
    expect(tidyPdfText('at https:// www.regulations.gov by searching')).toBe('at https://www.regulations.gov by searching');
    expect(tidyPdfText('released: https://github.com/ UKPLab/sentence-transformers')).toBe('released: https://github.com/UKPLab/sentence-transformers');
    expect(tidyPdfText('https://github.com/allenai/ openie-standalone')).toBe('https://github.com/allenai/openie-standalone');
    expect(tidyPdfText('see https://www.nlm.nih.gov/mesh/meshhome. html')).toBe('see https://www.nlm.nih.gov/mesh/meshhome.html');
    expect(tidyPdfText('available at https: //metamap.nlm.nih.gov/MetaMapLite.shtml')).toBe('available at https://metamap.nlm.nih.gov/MetaMapLite.shtml');
    expect(tidyPdfText('(http://www. who.int/topics/hospitals/en/).')).toBe('(http://www.who.int/topics/hospitals/en/).');
    expect(tidyPdfText('http://dx.doi.org/10.7717/ peerj-cs.118#supplemental-information.')).toBe('http://dx.doi.org/10.7717/peerj-cs.118#supplemental-information.');
    // A URL ending a sentence before ordinary words stays apart from them.
    expect(tidyPdfText('see https://allenai.org/ for details')).toBe('see https://allenai.org/ for details');
    expect(tidyPdfText('at https://www.regulations.gov. Follow the')).toBe('at https://www.regulations.gov. Follow the');
  });
});
