import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.js';
import type { Corpus, CorpusDocument } from '../../src/corpus/types.js';

let corpus: Corpus;
let article: CorpusDocument;
let piece: CorpusDocument;
const raw = readFileSync(new URL('../../corpus/irgengioro-2022.txt', import.meta.url), 'utf8');

beforeAll(async () => {
  corpus = await loadCorpus();
  article = corpus.documents.find((d) => d.meta.id === 'irgengioro-2022')!;
  piece = corpus.documents.find((d) => d.meta.id === 'miliate-2013')!;
});

const paragraphWith = (doc: CorpusDocument, s: string) => doc.paragraphs.filter((p) => p.text.includes(s));

describe('documents and metadata', () => {
  it('loads both documents with their metadata', () => {
    expect(corpus.documents.map((d) => d.meta.id).sort()).toEqual(['irgengioro-2022', 'miliate-2013']);
    expect(article.meta.doi).toBe('10.1057/s41311-021-00372-7');
    expect(piece.meta.authors).toEqual(['Brandon Miliate']);
  });

  it('keeps the title block, affiliation, e-mail and copyright out of the passages', () => {
    const all = corpus.documents.flatMap((d) => d.paragraphs.map((p) => p.text)).join('\n');
    expect(all).not.toContain('john.irgengioro@ugent.be');
    expect(all).not.toContain('exclusive licence to Springer Nature');
    expect(all).not.toContain('Ghent University, Ghent, Belgium');
    expect(all).not.toMatch(/^Keywords/m);
    expect(article.frontMatter.some((l) => l.startsWith('©'))).toBe(true);
    expect(piece.frontMatter[0]).toBe('The Steppes to the States');
    expect(piece.frontMatter.some((l) => l.includes('PhD student'))).toBe(true);
  });

  it('gives every paragraph a stable, short id that encodes document and position', () => {
    for (const p of corpus.paragraphsById.values()) {
      expect(p.id).toMatch(/^[a-z0-9-]+\/\d+$/);
      expect(p.id.length).toBeLessThanOrEqual(40);
    }
    expect(corpus.paragraphsById.get('irgengioro-2022/1')!.text).toMatch(/^This article provides an analysis/);
  });
});

describe('page breaks', () => {
  it('joins a paragraph split by a page break in mid-sentence, across the page footnotes', () => {
    const [p] = paragraphWith(article, 'how are the future prospects of Mongolia');
    expect(p).toBeDefined();
    expect(p!.text).toMatch(/how are the future prospects of Mongolia's relations with Central Asia\?/);
    expect(p!.text).not.toContain('Ghent');
    const [trade] = paragraphWith(article, 'imports from Japan amounted to $594 million');
    expect(trade!.text).toContain('foodstuffs, and chemical products; and imports from Japan');
  });

  it('knows the page each paragraph starts on, counting runs of three or more blank lines', () => {
    expect(article.paragraphs[0]!.page).toBe(1);
    const [p] = paragraphWith(article, 'both de jure and de facto independence after the collapse');
    // The paragraph starts on the page before the break that splits it.
    const body = raw.trimStart();
    const breaksBefore = body.slice(0, body.indexOf('The period in the 1990s')).match(/\n(?:[ \t]*\n){3,}/g)!.length;
    expect(p!.page).toBe(breaksBefore + 1);
    const pages = article.paragraphs.map((x) => x.page);
    expect([...pages].sort((a, b) => a - b)).toEqual(pages);
  });

  it('never leaves a body paragraph starting in lower case (a missed join)', () => {
    const bad = corpus.documents.flatMap((d) => d.paragraphs).filter((p) => /^\p{Ll}/u.test(p.text));
    expect(bad.map((p) => p.id)).toEqual([]);
  });
});

describe('display text', () => {
  it('unescapes dollar signs and removes Markdown emphasis', () => {
    const all = article.paragraphs.map((p) => p.text).join('\n');
    expect(all).not.toContain('\\$');
    expect(all).toContain('$1.95 billion');
    expect(all).toContain('vis-a-vis its neighbors');
    expect(all).not.toMatch(/\*vis-a-vis\*/);
  });
});

describe('sections', () => {
  it('turns headings into sections, run-in sub-headings into level-2 sections', () => {
    const titles = article.sections.map((s) => s.title);
    expect(titles).toContain('Introduction');
    expect(titles).toContain('Conclusion');
    expect(titles).toContain('Mongolia–Central Asia Relations—a relationship that never was?');
    const sub = article.sections.find((s) => s.title === 'On rising powers and weak state behavior')!;
    expect(sub.level).toBe(2);
    expect(sub.parent).toBe('Implications of the rise of China for Mongolia–Central Asia relations');
    expect(article.sections.every((s) => s.title !== 'References')).toBe(true);
  });

  it('files each paragraph under its section', () => {
    const [p] = paragraphWith(article, 'the direct flights between Almaty and Ulaanbaatar were cancelled');
    expect(p!.section).toBe('The long stagnation: Mongolia–Central Asian relations towards the present');
  });
});

describe('footnotes', () => {
  it('links footnote markers to the footnote text', () => {
    expect(article.footnotes.map((f) => f.number)).toEqual([1, 2]);
    const owner1 = article.paragraphs.find((p) => p.footnotes.some((f) => f.number === 1))!;
    expect(owner1.text).toContain('¹');
    expect(owner1.footnotes[0]!.text).toMatch(/^See Tables and Figures section/);
    const owner2 = article.paragraphs.find((p) => p.footnotes.some((f) => f.number === 2))!;
    expect(owner2.footnotes[0]!.text).toContain('Kazakh Eli identity');
    // Footnote text is not a passage of its own.
    expect(paragraphWith(article, 'See Laruelle 2018 p.408')).toEqual([]);
  });
});

/** Expected Appendix values, read straight from the raw lines by an independent pattern. */
function expectedRows(): Array<{ year: number; cells: string[] }> {
  return raw
    .split('\n')
    .filter((l) => /^\d{4}\t/.test(l))
    .map((l) => {
      const cells = l.split('\t');
      return { year: Number(cells[0]), cells: [cells[1]!, cells[3]!].map((c) => c.replace('\\$', '$').trim()) };
    });
}

describe('Appendix trade tables', () => {
  it('parses every row of both tables in both directions: 2 partners × 2 directions × 10 years', () => {
    expect(article.tables).toHaveLength(40);
    for (const partner of ['Kazakhstan', 'Kyrgyzstan']) {
      for (const direction of ['exports', 'imports'] as const) {
        const years = article.tables.filter((r) => r.partner === partner && r.direction === direction).map((r) => r.year);
        expect(years.sort()).toEqual([2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019]);
      }
    }
  });

  it('reads each value as printed and as a number of US dollars', () => {
    const toUsd = (s: string) => {
      const m = /\$([\d.]+) ([KM])/.exec(s)!;
      return Math.round(Number(m[1]) * (m[2] === 'M' ? 1e6 : 1e3));
    };
    const printed = new Set(article.tables.map((r) => r.valueText));
    for (const { cells } of expectedRows()) for (const c of cells) expect(printed).toContain(c);
    for (const r of article.tables) expect(r.valueUsd).toBe(toUsd(r.valueText));
  });

  it('assigns directions from the header order, seen from Mongolia', () => {
    const row = (partner: string, direction: string, year: number) =>
      article.tables.find((r) => r.partner === partner && r.direction === direction && r.year === year)!;
    expect(row('Kazakhstan', 'exports', 2019).valueText).toBe('$7.14 M');
    expect(row('Kazakhstan', 'imports', 2019).valueText).toBe('$58.1 M');
    expect(row('Kazakhstan', 'exports', 2010)).toMatchObject({ valueUsd: 616_000, goods: ['Textiles', 'animal products'] });
    expect(row('Kyrgyzstan', 'exports', 2019)).toMatchObject({ valueText: '$413 K', goods: ['Transportation (cars)'] });
    expect(row('Kyrgyzstan', 'imports', 2019).valueUsd).toBe(2_390_000);
    expect(row('Kyrgyzstan', 'imports', 2012).goods).toEqual([
      'Foodstuffs (processed tobacco)',
      'refined petroleum',
      'vegetable products',
    ]);
  });

  it('does not turn table rows into prose passages', () => {
    expect(article.paragraphs.some((p) => p.text.includes('Feldspar, used rubber tires'))).toBe(false);
  });
});

describe('references', () => {
  it('turns the References list into bibliography entries', () => {
    expect(article.references.length).toBeGreaterThan(90);
    const pieper = article.references.filter((r) => r.key === 'Pieper');
    expect(pieper.map((r) => r.year).sort()).toEqual(['2020a', '2020b']);
    const batbayar = corpus.referencesById.get('irgengioro-2022/ref/batbayar-2002')!;
    expect(batbayar).toMatchObject({
      authors: 'Batbayar, Tsendendamba',
      title: "Geopolitics and Mongolia's Search for Post-Soviet Identity",
      venue: 'Eurasian Geography and Economics',
    });
    const akromov = corpus.referencesById.get('irgengioro-2022/ref/akromov-2020')!;
    expect(akromov.title).toBe("Uzbekistan's New Foreign Policy: Rekindling Regional Ties in Central Asia");
    expect(akromov.url).toMatch(/^https:\/\/www\.internationalaffairshouse\.org\//);
  });

  it('links in-text citations, with letters, pages, narrative form and ibid', () => {
    const citing = (s: string) => paragraphWith(article, s)[0]!.citations;
    expect(citing('a hybrid of Central and East Asia')).toContainEqual({
      raw: 'Pieper, 2020b, p.2',
      referenceId: 'irgengioro-2022/ref/pieper-2020b',
      locator: 'p.2',
    });
    expect(citing('Batbayar (2002), for example')).toContainEqual(
      expect.objectContaining({ referenceId: 'irgengioro-2022/ref/batbayar-2002' }),
    );
    const ibid = citing('(ibid, p.174)').find((c) => c.raw.startsWith('ibid'))!;
    expect(ibid.referenceId).toBe('irgengioro-2022/ref/soni-1996');
    expect(citing('Keohane and Nye (2012)')).toContainEqual(
      expect.objectContaining({ referenceId: 'irgengioro-2022/ref/keohane-2012' }),
    );
  });

  it('links a citation a year off the author’s only entry (“Toktomushev 2016” → Toktomushev 2017, cited by its online year), not one of two', async () => {
    const { resolveReference } = await import('../../src/corpus/parseCitations.js');
    expect(paragraphWith(article, 'international beggary')[0]!.citations).toContainEqual(expect.objectContaining({ raw: expect.stringMatching(/^Toktomushev 2016/), referenceId: 'irgengioro-2022/ref/toktomushev-2017' }));
    const ref = (key: string, year: string) => ({ id: `d/ref/${key}-${year}`, documentId: 'd', authors: key, key, year, title: 't', venue: null, url: null, text: `${key} ${year}` });
    expect(resolveReference('Smith', '2015', [ref('Smith', '2016')])?.id).toBe('d/ref/Smith-2016');
    expect(resolveReference('Smith', '2015', [ref('Smith', '2016'), ref('Smith', '2014')])).toBeUndefined();
    expect(resolveReference('Smith', '2013', [ref('Smith', '2016')])).toBeUndefined();
  });

  it('links a citation to the only entry of its year whose name is one letter off (“Baabar 1995” → the entry printed “Vaabar, B.”), never a short name or one of two', async () => {
    const { resolveReference } = await import('../../src/corpus/parseCitations.js');
    expect(paragraphWith(article, 'Central Asian Security Zone')[0]!.citations).toContainEqual(expect.objectContaining({ raw: expect.stringMatching(/^Baabar 1995/), referenceId: 'irgengioro-2022/ref/vaabar-1995' }));
    const ref = (key: string, year: string) => ({ id: `d/ref/${key}-${year}`, documentId: 'd', authors: key, key, year, title: 't', venue: null, url: null, text: `${key} ${year}` });
    expect(resolveReference('Johnson', '2015', [ref('Jonson', '2015')])?.id).toBe('d/ref/Jonson-2015');
    expect(resolveReference('Johnson', '2015', [ref('Johnsen', '2015')])?.id).toBe('d/ref/Johnsen-2015');
    // Another year, two near names, a short name, two letters off: not linked.
    expect(resolveReference('Johnson', '2015', [ref('Jonson', '2016')])).toBeUndefined();
    expect(resolveReference('Johnson', '2015', [ref('Jonson', '2015'), ref('Johnsen', '2015')])).toBeUndefined();
    expect(resolveReference('Wang', '2015', [ref('Wong', '2015')])).toBeUndefined();
    expect(resolveReference('Johnson', '2015', [ref('Jonsen', '2015')])).toBeUndefined();
  });

  it('reads “(ibid)” as the citation just before it, even one the bibliography lacks; an organisation cited without its “of” is still found', () => {
    const tourism = paragraphWith(article, 'tourist arrivals in Mongolia in 2019')[0]!.citations;
    const visit = tourism.findIndex((c) => c.raw === 'Visit Ulaanbaatar 2019');
    expect(visit).toBeGreaterThanOrEqual(0);
    expect(tourism[visit]!.referenceId).toBeNull();
    // (It used to point at the trade database cited two paragraphs before.)
    expect(tourism[visit + 1]).toMatchObject({ raw: 'ibid', referenceId: null });
    expect(tourism.find((c) => c.raw === 'National Statistics Committee Kyrgyzstan 2017')?.referenceId).toBe('irgengioro-2022/ref/national-statistics-committee-of-kyrgyzstan-2017');
  });

  it('resolves most in-text citations to an entry', () => {
    const links = article.paragraphs.flatMap((p) => p.citations);
    const resolved = links.filter((c) => c.referenceId).length;
    expect(resolved / links.length).toBeGreaterThan(0.85);
  });
});

describe('an imported text with no headings (a transcript)', () => {
  const meta = { id: 'remarks-2023', file: 'remarks-2023.txt', authors: ['The White House'], affiliations: [], title: 'Remarks', venue: 'whitehouse.gov', year: 2023, date: '2023-08-02', doi: null, url: null, kind: 'document' };
  const text = 'Remarks\n\n2:02 P.M. EDT\n\nVICE PRESIDENT HARRIS: Good afternoon, everyone.\n\nThank you, Vice President Harris, for kind — of your words. And thank you for hosting me —\n\nVICE PRESIDENT HARRIS: Of course.\n';

  it('has no section guessed from its lines when `npm run add` wrote it (its metadata records the source)', async () => {
    const { parseDocument } = await import('../../src/corpus/parseDocument.js');
    const imported = parseDocument(text, { ...meta, source: 'remarks.txt' });
    expect(imported.sections.map((s) => s.title)).toEqual([]);
    expect(imported.paragraphs.some((p) => p.text.startsWith('Thank you, Vice President Harris'))).toBe(true);
    // A hand-made extraction (no source) keeps the guessing its format relies on.
    expect(parseDocument(text, meta).sections.length).toBeGreaterThan(0);
  });
});

describe('an imported document’s items across a page break', () => {
  const meta = { id: 'rule-2020', file: 'rule-2020.txt', authors: ['Federal Aviation Administration'], affiliations: [], title: 'A rule', venue: 'Federal Register', year: 2020, date: '', doi: null, url: null, kind: 'document', source: 'rule.pdf' };
  const text = '# Requirements\n\n(2) The operator must keep records of each inspection.\n\f\n(3) The operator must report each failure within 24 hours.\n\nthe end of a sentence cut by the page.\n';

  it('are paragraphs of their own: an item opening with “(3)” on the next page is not joined onto the one before', async () => {
    const { parseDocument } = await import('../../src/corpus/parseDocument.js');
    const texts = parseDocument(text, meta).paragraphs.map((p) => p.text);
    expect(texts).toContain('(2) The operator must keep records of each inspection.');
    expect(texts).toContain('(3) The operator must report each failure within 24 hours.');
  });
});
