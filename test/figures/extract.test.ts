import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractFigures, findDisagreements, type FigureRecord } from '../../src/figures/extract.js';
import {
  IRGENGIORO_DEBT,
  IRGENGIORO_EAST_ASIA,
  IRGENGIORO_PEOPLE,
  IRGENGIORO_TRADE,
  MILIATE_PEOPLE,
  MILIATE_RELATIONS,
} from './fixtures.js';
import { paragraph, row } from './helpers.js';

const ALL = [IRGENGIORO_TRADE, IRGENGIORO_EAST_ASIA, IRGENGIORO_PEOPLE, IRGENGIORO_DEBT, MILIATE_PEOPLE, MILIATE_RELATIONS];
const records = extractFigures(ALL);

/** The one record whose written text is `text` (within a paragraph, if given). */
function figure(text: string, paragraphId?: string): FigureRecord {
  const hits = records.filter((r) => r.text === text && (!paragraphId || r.paragraphId === paragraphId));
  expect(hits, `exactly one figure written "${text}"`).toHaveLength(1);
  return hits[0]!;
}

describe('extractFigures: money', () => {
  it('reads who exported to whom, for which year, from the sentence', () => {
    expect(figure('$58.1 million')).toMatchObject({
      value: 58_100_000,
      unit: 'USD',
      measureKey: 'exports|kazakhstan|mongolia',
      flow: { from: 'Kazakhstan', to: 'Mongolia' },
      year: 2019,
    });
    // "…, while Mongolia only exported $7.14 million": the partner comes from the parallel clause.
    expect(figure('$7.14 million')).toMatchObject({ flow: { from: 'Mongolia', to: 'Kazakhstan' }, year: 2019 });
    expect(figure('$2.32 million')).toMatchObject({
      value: 2_320_000,
      measureKey: 'exports|kyrgyzstan|mongolia',
      flow: { from: 'Kyrgyzstan', to: 'Mongolia' },
      year: 2019,
      measure: 'exports from Kyrgyzstan to Mongolia',
    });
    expect(figure('$413 thousand')).toMatchObject({ value: 413_000, flow: { from: 'Mongolia', to: 'Kyrgyzstan' }, year: 2019 });
  });

  it('reads "imports from China" as China → Mongolia, and each "to X" after an amount', () => {
    expect(figure('$1.95 billion')).toMatchObject({ value: 1_950_000_000, flow: { from: 'China', to: 'Mongolia' }, year: 2019 });
    expect(figure('$287 million')).toMatchObject({ flow: { from: 'South Korea', to: 'Mongolia' } });
    expect(figure('$594 million')).toMatchObject({ flow: { from: 'Japan', to: 'Mongolia' } });
    expect(figure('$6.59 Billion')).toMatchObject({ value: 6_590_000_000, flow: { from: 'Mongolia', to: 'China' }, year: null });
    expect(figure('$34.7 million')).toMatchObject({ flow: { from: 'Mongolia', to: 'South Korea' } });
    expect(figure('$20.8 million')).toMatchObject({ flow: { from: 'Mongolia', to: 'Japan' } });
  });

  it('keeps hedges in the text, and fills unnamed partners from the paragraph', () => {
    expect(figure('a little over US$43 million')).toMatchObject({
      value: 43_000_000,
      qualifier: 'a little over',
      measureKey: 'trade|kazakhstan|mongolia',
      year: null,
    });
    // "($26 million in exports from Mongolia; $18 million in imports)": Kazakhstan is the
    // paragraph's partner, Mongolia the document's subject.
    expect(figure('$26 million')).toMatchObject({ flow: { from: 'Mongolia', to: 'Kazakhstan' } });
    expect(figure('$18 million')).toMatchObject({ flow: { from: 'Kazakhstan', to: 'Mongolia' } });
    expect(figure('only about US$12 million')).toMatchObject({
      value: 12_000_000,
      measureKey: 'investment|kazakhstan|mongolia',
      flow: { from: 'Kazakhstan', to: 'Mongolia' },
    });
  });
});

describe('extractFigures: people, counts, shares, distances, ranks, years', () => {
  it('finds counts of people, written in digits or words, with their hedges', () => {
    expect(figure('Only five')).toMatchObject({ value: 5, unit: 'people', qualifier: 'Only', measureKey: 'students|kazakhstan|mongolia', flow: { from: 'Mongolia', to: 'Kazakhstan' }, year: null });
    expect(figure('only around 250')).toMatchObject({ value: 250, unit: 'people', qualifier: 'only around', measureKey: 'students|kazakhstan|mongolia', year: 2017 });
    expect(figure('only 32')).toMatchObject({ value: 32, measureKey: 'students|kyrgyzstan|mongolia', year: null });
    expect(figure('approximately 160,000')).toMatchObject({ value: 160_000, unit: 'people', measureKey: 'population|kazakhstan|mongolia' });
    expect(figure('Some 60,000')).toMatchObject({ value: 60_000, unit: 'people', measureWord: 'returnees', flow: { from: 'Mongolia', to: 'Kazakhstan' } });
    expect(figure('about 10,000')).toMatchObject({ value: 10_000, unit: 'people', measureWord: 'returnees' });
  });

  it('finds tourists and visitors with their direction and year', () => {
    expect(figure('16,264')).toMatchObject({ unit: 'people', measureKey: 'visitors|kazakhstan|mongolia', flow: { from: 'Kazakhstan', to: 'Mongolia' }, year: 2019 });
    expect(figure('only 20,700')).toMatchObject({ flow: { from: 'Mongolia', to: 'Kazakhstan' }, year: 2018 });
    expect(figure('approximately 1,494,300')).toMatchObject({ flow: { from: 'Mongolia', to: 'China' }, year: 2018 });
    expect(figure('more than 7300')).toMatchObject({ value: 7300, measureKey: 'students|mongolia|south-korea', year: 2018 });
  });

  it('finds distances, percentages, rankings and event years', () => {
    expect(figure('less than 40 kilometers')).toMatchObject({ value: 40, unit: 'km', qualifier: 'less than', measureKey: 'width|kazakhstan|mongolia' });
    expect(figure('over 40 percent')).toMatchObject({ value: 40, unit: 'percent', entities: expect.arrayContaining(['Kyrgyzstan', 'China']) });
    expect(figure('only the 35th-largest')).toMatchObject({ value: 35, unit: 'rank', measureKey: 'investment|kazakhstan|mongolia' });
    expect(figure('third largest')).toMatchObject({ value: 3, unit: 'rank', measureWord: 'students' });
    expect(figure('1992')).toMatchObject({ value: 1992, unit: 'year', measureKey: 'established relations|kazakhstan|mongolia', year: null });
  });

  it('carries the citation: sentence, paragraph, document and page', () => {
    const f = figure('$2.32 million');
    expect(f.paragraphId).toBe('irgengioro-2022/9');
    expect(f.documentId).toBe('irgengioro-2022');
    expect(f.page).toBe(6);
    expect(f.sentence).toMatch(/^Meanwhile, Mongolia's trade relations with Kyrgyzstan are also imbalanced, .*\$413 thousand\.$/);
    expect(IRGENGIORO_TRADE.text).toContain(f.sentence);
  });

  it('reports no unit-less numbers, citation years or page numbers', () => {
    const texts = records.map((r) => r.text);
    expect(texts).not.toContain('2017 ');
    // "(Enkh-Orgil 2017)", "(ICEF Monitor 2019)": citation years are never figures or dates.
    expect(records.filter((r) => r.unit === 'year').map((r) => r.value)).toEqual([1992]);
    expect(records.some((r) => r.text === 'two' || r.text === '19')).toBe(false);
    const made = extractFigures([paragraph('x/1', 1, 'The two countries met three times after COVID-19 (Smith 2020, p.161), in Article 5.')]);
    expect(made).toEqual([]);
  });
});

describe('extractFigures: a data sheet’s fields', () => {
  it('reads “Population: total: 37,015,151 (2025 est.); male: …” as the population, and not its male or female count', () => {
    const sheet = [
      paragraph('factbook-uzbekistan/1', 1, 'Uzbekistan is a doubly landlocked country in Central Asia.'),
      paragraph('factbook-uzbekistan/2', 1, 'Uzbekistan borders Kazakhstan, Kyrgyzstan, Tajikistan, Afghanistan and Turkmenistan.'),
      paragraph('factbook-uzbekistan/3', 1, 'Population: total: 37,015,151 (2025 est.); male: 18,576,048; female: 18,439,103'),
    ];
    const population = extractFigures(sheet).filter((f) => f.measureWord === 'population');
    expect(population.map((f) => [f.value, f.unit, f.entities])).toEqual([[37_015_151, 'people', ['Uzbekistan']]]);
    expect(population[0]!.year).toBe(2025);
  });

  it('counts what its own noun names: “12 five-pointed white stars” beside “the Turkic peoples” are stars, not a population', () => {
    const flag = [paragraph('factbook-uzbekistan/4', 1, 'Flag: description: a white crescent moon and 12 five-pointed white stars; blue stands for the Turkic peoples and the sky.')];
    expect(extractFigures(flag).filter((f) => f.measureWord === 'population')).toEqual([]);
  });
});

describe('findDisagreements', () => {
  const table = [
    row('Kyrgyzstan', 'exports', 2019, '$413 K', 413_000),
    row('Kyrgyzstan', 'imports', 2019, '$2.39 M', 2_390_000),
    row('Kazakhstan', 'exports', 2019, '$7.14 M', 7_140_000),
    row('Kazakhstan', 'imports', 2019, '$58.1 M', 58_100_000),
    row('Kazakhstan', 'exports', 2012, '$1.78 M', 1_780_000),
    row('Kazakhstan', 'imports', 2012, '$52.8 M', 52_800_000),
  ];
  const disagreements = findDisagreements(records, table);
  const find = (key: string, year: number | null) => disagreements.filter((d) => d.measureKey === key && d.year === year);

  it('text vs table for the same year: Kyrgyzstan’s 2019 exports to Mongolia, $2.32 M vs $2.39 M', () => {
    const [d, ...more] = find('exports|kyrgyzstan|mongolia', 2019);
    expect(more).toEqual([]);
    expect(d!.flow).toEqual({ from: 'Kyrgyzstan', to: 'Mongolia' });
    expect(d!.figures.map((f) => [f.text, f.source.kind])).toEqual([
      ['$2.32 million', 'prose'],
      ['$2.39 M', 'table'],
    ]);
    expect(d!.figures[0]!.source).toMatchObject({ documentId: 'irgengioro-2022', paragraphId: 'irgengioro-2022/9', page: 6 });
    expect(d!.figures[1]!.source).toMatchObject({ table: 'Appendix: Mongolia–Kyrgyzstan trade by year', page: 25, computed: false });
  });

  it('two documents: Mongolian students in Kazakhstan, "only five" vs "around 250"', () => {
    const [d] = find('students|kazakhstan|mongolia', null);
    expect(d!.figures.map((f) => [f.text, f.source.documentId, f.year])).toEqual([
      ['Only five', 'miliate-2013', null],
      ['only around 250', 'irgengioro-2022', 2017],
    ]);
  });

  it('an undated total against the table’s computed totals: "a little over US$43 million"', () => {
    const [d] = find('trade|kazakhstan|mongolia', null);
    expect(d!.figures[0]).toMatchObject({ text: 'a little over US$43 million', source: { documentId: 'miliate-2013' } });
    const totals = d!.figures.filter((f) => f.source.kind === 'table');
    expect(totals.map((f) => [f.year, f.text])).toEqual([
      [2012, '$54.6 M'],
      [2019, '$65.2 M'],
    ]);
    expect(totals.every((f) => f.source.kind === 'table' && f.source.computed)).toBe(true);
  });

  it('does not flag figures that agree ($58.1 million = $58.1 M) or sources that are one document’s prose', () => {
    expect(find('exports|kazakhstan|mongolia', 2019)).toEqual([]);
    expect(find('exports|kyrgyzstan|mongolia', 2019).flatMap((d) => d.figures).map((f) => f.text)).not.toContain('$413 thousand');
    // "just one visit" and "just three visits" are the same document: no disagreement.
    expect(disagreements.every((d) => new Set(d.figures.map((f) => `${f.source.documentId}#${f.source.kind}`)).size >= 2)).toBe(true);
  });

  it('respects hedges: "less than 40 km" agrees with "around 37 km"', () => {
    const a = paragraph('a-2020/1', 1, 'Mongolia is separated from Kazakhstan by a strip of land less than 40 kilometers wide.');
    const b = paragraph('b-2021/1', 3, 'Mongolia is separated from Kazakhstan by a strip of land around 37 km wide.');
    const c = paragraph('c-2022/1', 2, 'Mongolia is separated from Kazakhstan by a strip of land 55 km wide.');
    expect(findDisagreements(extractFigures([a, b]), [])).toEqual([]);
    const [d] = findDisagreements(extractFigures([a, c]), []);
    expect(d!.figures.map((f) => f.text)).toEqual(['less than 40 kilometers', '55 km']);
  });

  it('is rules, not cases: the same sentences about other countries disagree the same way', () => {
    const swap = (text: string) => text.replace(/Kazakhstan/g, 'Uzbekistan').replace(/Mongolian/g, 'Turkmen').replace(/Mongolia/g, 'Turkmenistan');
    const m = paragraph('m-2013/3', 1, swap(MILIATE_RELATIONS.text));
    const i = paragraph('i-2022/11', 8, swap(IRGENGIORO_PEOPLE.text));
    const keys = findDisagreements(extractFigures([m, i]), []).map((d) => d.measureKey);
    expect(keys).toContain('students|turkmenistan|uzbekistan');
  });
});

describe('extractFigures on arbitrary text', () => {
  it('never throws, and every figure quotes its own sentence, which quotes its paragraph', () => {
    const pieces = [
      'Mongolia', 'Kazakhstan', "Kyrgyzstan's", 'Mongolian students', 'exported', 'imports from China', 'to', 'in 2019',
      '(Smith 2020, p.3)', '$7.14 M', 'US$43 million', 'around 250', 'only five', '40 percent', '37 km', '35th-largest',
      'between 2013 and 2017', ';', ',', '.', '(', ')', 'while', '—', 'visited', 'trade', 'people', '1992', '¹', '\\$2 K',
    ];
    const text = fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 6 })), { maxLength: 40 }).map((words) => words.join(' '));
    fc.assert(
      fc.property(text, (t) => {
        const p = paragraph('fuzz-2024/1', 1, t);
        for (const f of extractFigures([p])) {
          expect(p.text).toContain(f.sentence);
          expect(Number.isFinite(f.value)).toBe(true);
          expect(f.measureKey.startsWith(`${f.measureWord}`)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('figures in research papers (imported PDFs), read by the same rules', () => {
  const study = paragraph('dementia-2014/2', 147, 'The study involved 2,462 dementia-free participants aged 55 years and older. Of these, 35.6% reported a negative life event.');
  const corpus = paragraph('corpus-2020/70', 4970, 'S2ORC consists of 81.1M papers, 380.5M resolved citation links, and structured full text from 8.1M open-access PDFs. Its pretraining corpus includes 42.7% biomedical papers.');
  const other = paragraph('specter-2020/19', 2272, 'We found that 99% of the papers share a citation.');
  const once = paragraph('dementia-2014/9', 150, 'Similar cohorts exist in the United States.');
  const read = extractFigures([study, corpus, other, once]);
  const at = (text: string) => read.find((r) => r.text === text);

  it('"the study involved 2,462 participants" counts participants, not students', () => {
    expect(at('2,462')?.measure).toBe('participants');
    // Students who study abroad are still students.
    const abroad = extractFigures([paragraph('miliate-2013/3', 1, 'Only five Mongolian students study in Kazakhstan annually.')]);
    expect(abroad[0]?.measureWord).toBe('students');
  });

  it('reads compact scales: "81.1M papers" is 81,100,000 papers', () => {
    expect(at('81.1M')).toMatchObject({ value: 81_100_000, unit: 'count', measure: 'papers' });
    expect(at('8.1M')?.value).toBe(8_100_000);
  });

  it('gives a figure no country when the document has no country running through it (one mention is not one)', () => {
    expect(at('2,462')?.entities).toEqual([]);
  });

  it('finds no disagreement between percentages of different things that name no country: 35.6%, 42.7% and 99% are not one measure', () => {
    expect(findDisagreements(read, [])).toEqual([]);
  });
});

describe('disagreements among imported encyclopedias and factbooks: only what is plausibly one measure', () => {
  const factbook = paragraph('factbook-kazakhstan/3', 1, 'Kazakhstan: total foreign investment in Kazakhstan reached USD 211.5 billion in 2014.');
  const bank = paragraph('bank-kazakhstan/4', 1, 'The bank invested US$2.7 billion in Kazakhstan in 2014.');
  const census = paragraph('census-2014/1', 1, 'In 2014 Kazakhstan had a population of 17.3 million people.');
  const estimate = paragraph('estimate-2014/1', 1, 'Kazakhstan had 16.2 million inhabitants in 2014.');
  const history = paragraph('history-kazakhstan/9', 1, 'Over one million people of Kazakhstan died in the famines.');
  const phone = paragraph('factbook-mongolia/1', 1, 'Mongolia is a landlocked country between Russia and China.');
  const phone2 = paragraph('factbook-mongolia/2', 1, 'Mongolia has a small population spread over a large territory.');
  const phone3 = paragraph('factbook-mongolia/215', 1, 'Telephones: subscriptions per 100 inhabitants: 142 (2022 est.).');
  const census2 = paragraph('census-mongolia/1', 1, 'Mongolia had a population of 3.4 million people in 2022.');
  const found = findDisagreements(extractFigures([factbook, bank, census, estimate, history, phone, phone2, phone3, census2]), []);
  const keys = found.map((d) => `${d.measureKey} ${d.year}`);

  it('sets one country’s figures of one year against each other only within a factor of three (another estimate, not another thing)', () => {
    expect(keys).not.toContain('investment|kazakhstan 2014');
    expect(keys).toContain('population|kazakhstan 2014');
  });

  it('sets no undated figure of one country against the others ("over one million … died" is no population)', () => {
    expect(found.filter((d) => d.year === null)).toEqual([]);
  });

  it('compares only figures whose country the paragraph names: "per 100 inhabitants" is not Mongolia’s population', () => {
    expect(found.flatMap((d) => d.figures).map((f) => f.text)).not.toContain('100');
  });
});

describe('event years', () => {
  it('are never a disagreement: agreements signed in 1956 and in 1960 are two agreements', () => {
    const a = paragraph('war-1962/20', 1, 'In 1956, China and India signed an agreement on trade.');
    const b = paragraph('relations-china/126', 1, 'In 1960, China and India signed an agreement on the boundary.');
    expect(findDisagreements(extractFigures([a, b]), [])).toEqual([]);
  });
});

describe('rates', () => {
  it('are not counts: "18.26 births/1,000 population", "142 subscriptions per 100 inhabitants" count nothing', () => {
    const p = paragraph('factbook-x/1', 1, 'Birth rate: 18.26 births/1,000 population (2025 est.). Telephones: 142 subscriptions per 100 inhabitants.');
    expect(extractFigures([p])).toEqual([]);
  });
});

describe('debt', () => {
  it('is a measure of its own, and a bank named "Export–Import" trades nothing', () => {
    const p = paragraph('irgengioro-2022/18', 11, "Debts accrued to China's Export–Import Bank have already swelled to over 40 percent of Kyrgyzstan's national debt.");
    const [f] = extractFigures([p]);
    expect(f).toMatchObject({ text: 'over 40 percent', measureWord: 'debt' });
  });
});
