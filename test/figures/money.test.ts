import { describe, expect, it } from 'vitest';
import { findUsdAmounts, formatUsd, parseUsd } from '../../src/figures/money.js';

describe('parseUsd reads an amount as the source prints it', () => {
  it.each([
    ['$7.14 M', 7_140_000],
    ['$616 K', 616_000],
    ['US$43 million', 43_000_000],
    ['$1.95 billion', 1_950_000_000],
    ['\\$6.59 Billion', 6_590_000_000],
    ['$26 million', 26_000_000],
    ['$413 thousand', 413_000],
    ['$59 M', 59_000_000],
    ['US$ 12 million', 12_000_000],
    ['$1,250', 1_250],
  ])('%s → %d', (text, value) => {
    expect(parseUsd(text)).toBe(value);
  });

  it('returns null for anything that is not exactly one amount', () => {
    expect(parseUsd('7.14 M')).toBeNull();
    expect(parseUsd('$5 and $6')).toBeNull();
    expect(parseUsd('about $5')).toBeNull();
    expect(parseUsd('')).toBeNull();
  });
});

describe('findUsdAmounts finds every amount in running text', () => {
  it('keeps the printed text, its offsets and its precision', () => {
    const text = 'Trade currently stands at a little over US$43 million ($26 million in exports from Mongolia; $18 million in imports).';
    const found = findUsdAmounts(text);
    expect(found.map((a) => [a.text, a.value])).toEqual([
      ['US$43 million', 43_000_000],
      ['$26 million', 26_000_000],
      ['$18 million', 18_000_000],
    ]);
    expect(text.slice(found[0]!.index, found[0]!.end)).toBe('US$43 million');
    expect(found[0]!.precision).toBe(1_000_000);
  });

  it('gives the place value of the last printed digit as precision', () => {
    expect(findUsdAmounts('$7.14 M')[0]!.precision).toBe(10_000);
    expect(findUsdAmounts('$58.1 million')[0]!.precision).toBe(100_000);
    expect(findUsdAmounts('$616 K')[0]!.precision).toBe(1_000);
  });

  it('does not read a following word as a scale letter', () => {
    expect(findUsdAmounts('$5 more than before')[0]!.value).toBe(5);
  });

  it('unescapes Markdown-escaped dollars in the text it reports', () => {
    const [a] = findUsdAmounts('a whopping \\$6.59 Billion worth');
    expect(a!.text).toBe('$6.59 Billion');
    expect(a!.end - a!.index).toBe('\\$6.59 Billion'.length);
  });
});

describe('formatUsd writes computed values in the tables’ style', () => {
  it.each([
    [7_140_000, '$7.14 M'],
    [616_000, '$616 K'],
    [1_200_000_000, '$1.2 B'],
    [58_100_000, '$58.1 M'],
    [65_240_000, '$65.2 M'],
    [59_000_000, '$59 M'],
    [999_600, '$1 M'],
    [413, '$413'],
    [0, '$0'],
  ])('%d → %s', (n, text) => {
    expect(formatUsd(n)).toBe(text);
  });

  it('shows a negative balance with a minus sign', () => {
    expect(formatUsd(7_140_000 - 58_100_000)).toBe('-$51 M');
    expect(formatUsd(-413_000)).toBe('-$413 K');
  });

  it('round-trips through parseUsd to three significant digits', () => {
    for (const n of [616_000, 7_140_000, 22_700_000, 1_950_000_000]) expect(parseUsd(formatUsd(n))).toBe(n);
  });
});
