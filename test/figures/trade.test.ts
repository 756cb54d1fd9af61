import { describe, expect, it } from 'vitest';
import { buildTradeSeries, formatTradeTable, resolvePartner, TABLE_LINE_WIDTH, type TradeSeries } from '../../src/figures/trade.js';
import { fitGoods } from '../../src/figures/tradeTable.js';
import { row } from './helpers.js';

// Real cells of the Appendix tables (Irgengioro 2022), 2017–2019.
const rows = [
  row('Kazakhstan', 'exports', 2019, '$7.14 M', 7_140_000, ['Transportation(aircraft)', 'machines', 'paper goods', 'animal products']),
  row('Kazakhstan', 'imports', 2019, '$58.1 M', 58_100_000, ['Foodstuffs (rolled tobacco)', 'vegetable products', 'animal products', 'machines']),
  row('Kazakhstan', 'exports', 2018, '$4.04 M', 4_040_000, ['Animal products (horse meat)', 'machines', 'paper goods', 'textiles']),
  row('Kazakhstan', 'imports', 2018, '$70.9 M', 70_900_000),
  row('Kazakhstan', 'exports', 2017, '$2.85 M', 2_850_000),
  row('Kazakhstan', 'imports', 2017, '$72.8 M', 72_800_000),
  row('Kyrgyzstan', 'exports', 2019, '$413 K', 413_000, ['Transportation (cars)']),
  row('Kyrgyzstan', 'imports', 2019, '$2.39 M', 2_390_000),
];

function series(query: Parameters<typeof buildTradeSeries>[1]): TradeSeries {
  const result = buildTradeSeries(rows, query);
  if (!result.ok) throw new Error(result.error);
  return result.series;
}

describe('resolvePartner accepts names and demonyms in any case', () => {
  const partners = ['Kazakhstan', 'Kyrgyzstan'];
  it.each([
    ['Kazakhstan', 'Kazakhstan'],
    ['kazakhstan', 'Kazakhstan'],
    ['KAZAKH', 'Kazakhstan'],
    ['kazakhstani', 'Kazakhstan'],
    ["Kazakhstan's", 'Kazakhstan'],
    ['kyrgyz', 'Kyrgyzstan'],
    ['Kyrgyzstani', 'Kyrgyzstan'],
    ['kirghiz', 'Kyrgyzstan'],
  ])('%s → %s', (input, partner) => {
    expect(resolvePartner(input, partners)).toBe(partner);
  });

  it('returns null for a country without a table', () => {
    expect(resolvePartner('uzbek', partners)).toBeNull();
    expect(resolvePartner('Narnia', partners)).toBeNull();
  });
});

describe('buildTradeSeries', () => {
  it('pairs both directions per year, oldest first, with computed balance and total', () => {
    const s = series({ partner: 'kazakh' });
    expect(s.partner).toBe('Kazakhstan');
    expect(s.from).toBe(2017);
    expect(s.to).toBe(2019);
    expect(s.years.map((y) => y.year)).toEqual([2017, 2018, 2019]);
    const y2019 = s.years[2]!;
    expect(y2019.exports?.valueText).toBe('$7.14 M');
    expect(y2019.imports?.valueText).toBe('$58.1 M');
    expect(y2019.balanceUsd).toBe(7_140_000 - 58_100_000);
    expect(y2019.totalUsd).toBe(65_240_000);
    expect(s.sources).toEqual([{ documentId: 'irgengioro-2022', table: 'Appendix: Mongolia–Kazakhstan trade by year', pages: [25] }]);
  });

  it('keeps only the asked direction, and then computes no balance', () => {
    const s = series({ partner: 'Kazakhstan', direction: 'exports' });
    expect(s.years.every((y) => y.exports !== null && y.imports === null && y.balanceUsd === null)).toBe(true);
    const i = series({ partner: 'Kazakhstan', direction: 'imports' });
    expect(i.years.every((y) => y.exports === null && y.imports !== null && y.totalUsd === null)).toBe(true);
  });

  it('limits the years to from–to', () => {
    expect(series({ partner: 'Kazakhstan', from: 2018, to: 2019 }).years.map((y) => y.year)).toEqual([2018, 2019]);
    expect(series({ partner: 'Kazakhstan', from: 2018 }).years.map((y) => y.year)).toEqual([2018, 2019]);
    expect(series({ partner: 'Kazakhstan', to: 2017 }).years.map((y) => y.year)).toEqual([2017]);
  });

  it('returns clear errors as values, not throws', () => {
    expect(buildTradeSeries(rows, { partner: 'Uzbekistan' })).toEqual({
      ok: false,
      error: 'No trade table for "Uzbekistan": the corpus has tables for Kazakhstan and Kyrgyzstan.',
    });
    expect(buildTradeSeries(rows, { partner: 'Kazakhstan', from: 2019, to: 2017 })).toEqual({
      ok: false,
      error: 'The start year (2019) is after the end year (2017).',
    });
    expect(buildTradeSeries(rows, { partner: 'Kazakhstan', from: 2005, to: 2018 })).toEqual({
      ok: false,
      error: 'Trade figures for Kazakhstan cover 2017–2019 only; 2005–2018 is outside that range.',
    });
    expect(buildTradeSeries(rows, { partner: 'Kazakhstan', to: 2030 }).ok).toBe(false);
    expect(buildTradeSeries(rows, { partner: 'Kazakhstan', from: 2017.5 }).ok).toBe(false);
  });
});

describe('formatTradeTable', () => {
  it('prints stated values as the source does and the balance in the same style', () => {
    const table = formatTradeTable(series({ partner: 'Kazakhstan' }), 'both');
    const lines = table.split('\n');
    expect(lines[0]).toMatch(/^Year\s+Exports\s+Imports\s+Balance\s+Exported goods\s+Imported goods$/);
    const y2019 = lines.find((l) => l.startsWith('2019'))!;
    expect(y2019).toMatch(/^2019\s+\$7\.14 M\s+\$58\.1 M\s+-\$51 M\s+Transportation/);
    expect(table).toContain('exports = Mongolia → Kazakhstan');
    expect(table).toContain('imports = Kazakhstan → Mongolia');
    expect(table).toContain('(computed)');
  });

  it('aligns columns: every row has the year, values and goods at the same offsets', () => {
    const lines = formatTradeTable(series({ partner: 'Kazakhstan' })).split('\n');
    const rowsOnly = lines.filter((l) => /^\d{4} /.test(l));
    const goodsStart = lines[0]!.indexOf('Exported goods');
    for (const l of rowsOnly) expect(l[goodsStart - 1]).toBe(' ');
    const importsEnd = lines[0]!.indexOf('Imports') + 'Imports'.length;
    for (const l of rowsOnly) expect(l.slice(importsEnd - 1, importsEnd)).toMatch(/[MK]/);
  });

  it('shows only the asked direction with a wide goods column', () => {
    const table = formatTradeTable(series({ partner: 'kyrgyz', direction: 'exports' }));
    expect(table.split('\n')[0]).toMatch(/^Year\s+Exports\s+Main goods$/);
    expect(table).toContain('$413 K');
    expect(table).toContain('Transportation (cars)');
    expect(table).not.toContain('Imports');
  });

  it('marks shortened goods lists with "…" and keeps every line within the width', () => {
    const long = Array.from({ length: 10 }, (_, i) =>
      row('Kazakhstan', 'exports', 2010 + i, '$1.41 M', 1_410_000, ['Machines (Large construction vehicles)', 'transportation equipment', 'textiles', 'paper goods']),
    ).flatMap((r) => [r, { ...r, direction: 'imports' as const, valueText: '$74.2 M', valueUsd: 74_200_000, goods: ['Foodstuffs (rolled tobacco)', 'animal hide (trunks and cases)', 'chemical products', 'vegetable products'] }]);
    const result = buildTradeSeries(long, { partner: 'Kazakhstan' });
    if (!result.ok) throw new Error(result.error);
    for (const direction of ['both', 'exports', 'imports'] as const) {
      const table = formatTradeTable(result.series, direction);
      // Two goods columns share the width; one goods column fits these lists whole.
      if (direction === 'both') expect(table).toContain('…');
      for (const line of table.split('\n')) expect(line.length).toBeLessThanOrEqual(TABLE_LINE_WIDTH);
      // Ten years fit one Discord message with room for fences and a caption.
      expect(table.length).toBeLessThan(1900);
    }
  });

  it('fitGoods drops items before cutting words, then details in parentheses', () => {
    const goods = ['Foodstuffs (rolled tobacco)', 'vegetable products', 'machines'];
    expect(fitGoods(goods, 80)).toBe('Foodstuffs (rolled tobacco), vegetable products, machines');
    expect(fitGoods(goods, 40)).toBe('Foodstuffs, vegetable products, machines');
    expect(fitGoods(goods, 39)).toBe('Foodstuffs, vegetable products, …');
    expect(fitGoods(goods, 30)).toBe('Foodstuffs (rolled tobacco), …');
    expect(fitGoods(goods, 8)).toBe('Foodstu…');
    expect(fitGoods([], 20)).toBe('—');
  });
});

describe('tradeFigures (the /figures and `npm run figures` answer)', () => {
  it('titles a single year as that year, a range as a range', async () => {
    const { loadCorpus } = await import('../../src/corpus/load.js');
    const { tradeFigures } = await import('../../src/answer/tradeFigures.js');
    const corpus = await loadCorpus();
    const one = await tradeFigures(corpus, { partner: 'Kazakhstan', from: 2019, to: 2019, chart: false });
    const range = await tradeFigures(corpus, { partner: 'Kazakhstan', from: 2015, to: 2019, chart: false });
    expect(one.ok && one.title).toMatch(/, 2019$/);
    expect(range.ok && range.title).toMatch(/, 2015–2019$/);
  });
});
