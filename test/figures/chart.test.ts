import { describe, expect, it } from 'vitest';
import { CHART_SIZE, chartTitle, niceTicks, renderTradeChart } from '../../src/figures/chart.js';
import { buildTradeSeries, type TradeSeries } from '../../src/figures/trade.js';
import { row } from './helpers.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const CAPTION = 'Source: Irgengioro 2022, Appendix (UN Comtrade / OEC)';

/** Width and height from the IHDR chunk, which must come first. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

function series(partner: string, values: [number, number, number][]): TradeSeries {
  const rows = values.flatMap(([year, exp, imp]) => [
    row(partner, 'exports', year, `$${exp} M`, exp * 1e6),
    row(partner, 'imports', year, `$${imp} M`, imp * 1e6),
  ]);
  const result = buildTradeSeries(rows, { partner });
  if (!result.ok) throw new Error(result.error);
  return result.series;
}

describe('renderTradeChart', () => {
  it('draws a valid, non-trivial PNG of the default size', async () => {
    const png = await renderTradeChart(
      series('Kazakhstan', [
        [2017, 2.85, 72.8],
        [2018, 4.04, 70.9],
        [2019, 7.14, 58.1],
      ]),
      { sourceCaption: CAPTION },
    );
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(pngSize(png)).toEqual(CHART_SIZE);
    // Text, bars and an opaque card compress to tens of kilobytes; a blank image to ~1 KB.
    expect(png.length).toBeGreaterThan(15_000);
  });

  it('honours a custom size and a single direction', async () => {
    const png = await renderTradeChart(series('Kyrgyzstan', [[2019, 0.413, 2.39]]), {
      sourceCaption: CAPTION,
      direction: 'imports',
      width: 600,
      height: 400,
    });
    expect(pngSize(png)).toEqual({ width: 600, height: 400 });
  });

  it('is opaque: the corner pixel is the light card, not transparency', async () => {
    const png = await renderTradeChart(series('Kazakhstan', [[2019, 7.14, 58.1]]), { sourceCaption: CAPTION });
    // Decode one pixel near the corner: opaque and light on any Discord theme.
    const { createCanvas, loadImage } = await import('@napi-rs/canvas');
    const image = await loadImage(png);
    const ctx = createCanvas(image.width, image.height).getContext('2d');
    ctx.drawImage(image, 0, 0);
    const [r, g, b, a] = ctx.getImageData(10, 10, 1, 1).data;
    expect(a).toBe(255);
    expect(Math.min(r!, g!, b!)).toBeGreaterThan(200);
  });
});

describe('chart helpers', () => {
  it('titles by direction', () => {
    expect(chartTitle('both', 'Kazakhstan')).toBe('Mongolia–Kazakhstan trade');
    expect(chartTitle('exports', 'Kyrgyzstan')).toBe("Mongolia's exports to Kyrgyzstan");
    expect(chartTitle('imports', 'Kyrgyzstan')).toBe("Mongolia's imports from Kyrgyzstan");
  });

  it('niceTicks starts at 0 and its top tick is at or above the maximum', () => {
    expect(niceTicks(74.2)).toEqual([0, 20, 40, 60, 80]);
    expect(niceTicks(4.37)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(niceTicks(0)).toEqual([0, 1]);
    for (const max of [0.413, 7.14, 58.1, 1950, 3.0]) {
      const ticks = niceTicks(max);
      expect(ticks[0]).toBe(0);
      expect(ticks.at(-1)!).toBeGreaterThanOrEqual(max);
      expect(ticks.length).toBeGreaterThanOrEqual(2);
      expect(ticks.length).toBeLessThanOrEqual(8);
    }
  });
});
