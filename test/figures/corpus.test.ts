/**
 * The figures layer on the real corpus, through the lead's loader: every Appendix cell,
 * the named prose figures with their citations, and the known disagreements.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.js';
import type { Corpus, TradeRow } from '../../src/corpus/types.js';
import { renderTradeChart } from '../../src/figures/chart.js';
import { extractFigures, findDisagreements, type FigureRecord } from '../../src/figures/extract.js';
import { buildTradeSeries, formatTradeTable, TABLE_LINE_WIDTH, type TradeSeries } from '../../src/figures/trade.js';

let corpus: Corpus;
let rows: TradeRow[];
let figures: FigureRecord[];

beforeAll(async () => {
  corpus = await loadCorpus(fileURLToPath(new URL('../../corpus', import.meta.url)));
  rows = corpus.documents.flatMap((d) => d.tables);
  figures = extractFigures(corpus.documents.flatMap((d) => d.paragraphs));
});

/**
 * Expected cells read straight from the raw file with a tiny regex of its own:
 * `2019\t\$7.14 M\tgoods\t\$58.1 M\tgoods`. Rows before the Kyrgyzstan header belong to
 * the Kazakhstan table. In both tables Mongolia's exports come first.
 */
function rawTableCells(): { partner: string; year: number; exports: string; imports: string }[] {
  const lines = readFileSync(new URL('../../corpus/irgengioro-2022.txt', import.meta.url), 'utf8').split('\n');
  const kyrgyzHeader = lines.findIndex((l) => l.startsWith('Mongolia exports to Kyrgyzstan'));
  expect(kyrgyzHeader).toBeGreaterThan(0);
  return lines.flatMap((line, i) => {
    const m = /^(\d{4})\t\\\$([\d.]+ [KM])\t[^\t]*\t\\\$([\d.]+ [KM])\t/.exec(line);
    if (!m) return [];
    return [{ partner: i < kyrgyzHeader ? 'Kazakhstan' : 'Kyrgyzstan', year: Number(m[1]), exports: `$${m[2]}`, imports: `$${m[3]}` }];
  });
}

const usd = (text: string) => Math.round(Number(text.slice(1, -2)) * (text.endsWith('M') ? 1e6 : 1e3));

function seriesOf(partner: string): TradeSeries {
  const result = buildTradeSeries(rows, { partner });
  if (!result.ok) throw new Error(result.error);
  return result.series;
}

describe('Appendix tables: every cell, both tables, both directions, 2010–2019', () => {
  const cells = rawTableCells();

  it('the raw file holds 10 years for each partner', () => {
    for (const partner of ['Kazakhstan', 'Kyrgyzstan']) {
      expect(cells.filter((c) => c.partner === partner).map((c) => c.year).sort()).toEqual([2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019]);
    }
  });

  it.each(['Kazakhstan', 'Kyrgyzstan'])('the %s series carries each printed value and its dollar amount', (partner) => {
    const series = seriesOf(partner);
    expect([series.from, series.to]).toEqual([2010, 2019]);
    for (const cell of cells.filter((c) => c.partner === partner)) {
      const year = series.years.find((y) => y.year === cell.year)!;
      expect(year.exports?.valueText, `${partner} ${cell.year} exports`).toBe(cell.exports);
      expect(year.exports?.valueUsd).toBe(usd(cell.exports));
      expect(year.imports?.valueText, `${partner} ${cell.year} imports`).toBe(cell.imports);
      expect(year.imports?.valueUsd).toBe(usd(cell.imports));
      expect(year.balanceUsd).toBe(usd(cell.exports) - usd(cell.imports));
    }
  });

  it('spot checks, listed explicitly', () => {
    const kz = seriesOf('kazakh').years;
    const kg = seriesOf('kyrgyz').years;
    expect(kz.find((y) => y.year === 2010)!.exports!.valueUsd).toBe(616_000);
    expect(kz.find((y) => y.year === 2014)!.imports!.valueText).toBe('$59 M');
    expect(kg.find((y) => y.year === 2019)!.imports!.valueUsd).toBe(2_390_000);
    expect(kg.find((y) => y.year === 2012)!.exports!.valueText).toBe('$965 K');
  });

  it.each(['Kazakhstan', 'Kyrgyzstan'])('the %s table for ten years fits one Discord code block', (partner) => {
    for (const direction of ['both', 'exports', 'imports'] as const) {
      const table = formatTradeTable(seriesOf(partner), direction);
      expect(table.length).toBeLessThan(1900);
      for (const line of table.split('\n')) expect(line.length).toBeLessThanOrEqual(TABLE_LINE_WIDTH);
    }
  });

  it.each(['Kazakhstan', 'Kyrgyzstan'])('the %s chart renders as a PNG', async (partner) => {
    const png = await renderTradeChart(seriesOf(partner), { sourceCaption: 'Source: Irgengioro 2022, Appendix (UN Comtrade / OEC)' });
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(png.length).toBeGreaterThan(20_000);
  });
});

describe('prose figures, with their citations', () => {
  function stated(text: string, documentId: string): FigureRecord {
    const hits = figures.filter((f) => f.text === text && f.documentId === documentId);
    expect(hits, `one figure "${text}" in ${documentId}`).toHaveLength(1);
    const f = hits[0]!;
    // The citation points at a real paragraph that says it, on that paragraph's page.
    const p = corpus.paragraphsById.get(f.paragraphId)!;
    expect(p.text).toContain(f.sentence);
    expect(f.sentence).toContain(text);
    expect(f.page).toBe(p.page);
    return f;
  }

  it.each([
    ['$58.1 million', 'irgengioro-2022', 58_100_000, 'exports|kazakhstan|mongolia', 2019],
    ['$7.14 million', 'irgengioro-2022', 7_140_000, 'exports|kazakhstan|mongolia', 2019],
    ['$2.32 million', 'irgengioro-2022', 2_320_000, 'exports|kyrgyzstan|mongolia', 2019],
    ['$413 thousand', 'irgengioro-2022', 413_000, 'exports|kyrgyzstan|mongolia', 2019],
    ['$1.95 billion', 'irgengioro-2022', 1_950_000_000, 'exports|china|mongolia', 2019],
    ['$6.59 Billion', 'irgengioro-2022', 6_590_000_000, 'exports|china|mongolia', null],
    ['16,264', 'irgengioro-2022', 16_264, 'visitors|kazakhstan|mongolia', 2019],
    ['only around 250', 'irgengioro-2022', 250, 'students|kazakhstan|mongolia', 2017],
    ['a little over US$43 million', 'miliate-2013', 43_000_000, 'trade|kazakhstan|mongolia', null],
    ['$26 million', 'miliate-2013', 26_000_000, 'exports|kazakhstan|mongolia', null],
    ['Only five', 'miliate-2013', 5, 'students|kazakhstan|mongolia', null],
    ['approximately 160,000', 'miliate-2013', 160_000, 'population|kazakhstan|mongolia', null],
    ['Some 60,000', 'miliate-2013', 60_000, 'returnees|kazakhstan|mongolia', null],
    ['about 10,000', 'miliate-2013', 10_000, 'returnees|kazakhstan|mongolia', null],
    ['only the 35th-largest', 'miliate-2013', 35, 'investment|kazakhstan|mongolia', null],
    ['less than 40 kilometers', 'miliate-2013', 40, 'width|kazakhstan|mongolia', null],
    // "… while Mongolia does not border any other country at all besides China and Russia—its
    // closest point to Kazakhstan at around 37 km away being cut off by a China–Russia …":
    // Mongolia's ("its") distance to Kazakhstan, not China's or Russia's.
    ['around 37 km', 'irgengioro-2022', 37, 'distance|kazakhstan|mongolia', null],
  ] as const)('%s (%s)', (text, documentId, value, key, year) => {
    expect(stated(text, documentId)).toMatchObject({ value, measureKey: key, year });
  });

  it('visits go the way the text says: "one visit from the chairman of the State Great Khural (parliament) of Mongolia to Kyrgyzstan", "three visits from speakers … of the Kyrgyzstani Jogorku Kenesh … to Mongolia"', () => {
    expect(stated('just one', 'irgengioro-2022')).toMatchObject({ measureWord: 'visits', flow: { from: 'Mongolia', to: 'Kyrgyzstan' } });
    expect(stated('just three', 'irgengioro-2022')).toMatchObject({ measureWord: 'visits', flow: { from: 'Kyrgyzstan', to: 'Mongolia' } });
  });

  it('event years: diplomatic relations established in 1992, embassy in Kyrgyzstan in 2019', () => {
    expect(stated('1992', 'miliate-2013')).toMatchObject({ unit: 'year', measureKey: 'established relations|kazakhstan|mongolia' });
    expect(figures.find((f) => f.unit === 'year' && f.value === 2019 && f.measureKey === 'established embassy|kyrgyzstan|mongolia')).toBeDefined();
  });

  it('nothing is read from the bibliography years or the table captions', () => {
    expect(figures.every((f) => !/^(19|20)\d\d$/.test(f.text) || f.unit === 'year')).toBe(true);
    expect(figures.filter((f) => f.unit === 'year').every((f) => f.value >= 1900 && f.value <= 2021)).toBe(true);
  });
});

describe('disagreements in the real corpus', () => {
  const keyed = () => findDisagreements(figures, rows);

  it('Kyrgyzstan’s 2019 exports to Mongolia: $2.32 million in the text, $2.39 M in the Appendix', () => {
    const d = keyed().find((x) => x.measureKey === 'exports|kyrgyzstan|mongolia' && x.year === 2019)!;
    expect(d.figures.map((f) => `${f.text} (${f.source.kind})`)).toEqual(['$2.32 million (prose)', '$2.39 M (table)']);
  });

  it('Mongolian students in Kazakhstan: "Only five" (Miliate) vs "only around 250" in 2017 (Irgengioro)', () => {
    const d = keyed().find((x) => x.measureKey === 'students|kazakhstan|mongolia')!;
    expect(d.figures.map((f) => [f.text, f.source.documentId])).toEqual([
      ['Only five', 'miliate-2013'],
      ['only around 250', 'irgengioro-2022'],
    ]);
  });

  it('Mongolia–Kazakhstan trade: "a little over US$43 million" (Miliate) vs every year of the table', () => {
    const d = keyed().find((x) => x.measureKey === 'trade|kazakhstan|mongolia' && x.year === null)!;
    expect(d.figures[0]!.text).toBe('a little over US$43 million');
    const years = d.figures.filter((f) => f.source.kind === 'table').map((f) => f.year);
    expect(years).toEqual([2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019]);
  });

  it('agreeing statements are not reported: the text’s $58.1 million and $7.14 million match the table', () => {
    expect(keyed().filter((d) => d.year === 2019 && d.measureKey === 'exports|kazakhstan|mongolia')).toEqual([]);
  });
});
