import { describe, expect, it } from 'vitest';
import { CHART_SIZE, chartKind, chartTitle, drawTradeChart, niceTicks, renderTradeChart, unitFor, type ChartBar, type TradeChartLayout } from '../../src/figures/chart.js';
import { chartDisagreements, disagreementFooter, seriesTitle } from '../../src/figures/chartNotes.js';
import { extractFigures, findDisagreements } from '../../src/figures/extract.js';
import { buildTradeSeries, type TradeSeries } from '../../src/figures/trade.js';
import { IRGENGIORO_TRADE, MILIATE_RELATIONS } from './fixtures.js';
import { row } from './helpers.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const CAPTION = 'Source: Irgengioro 2022, Appendix (UN Comtrade / OEC)';
const BLUE = [0x25, 0x63, 0xeb];
const ORANGE = [0xea, 0x58, 0x0c];

/** Width and height from the IHDR chunk, which must come first. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** The PNG decoded, to read what was drawn where. */
async function pixels(png: Buffer): Promise<(x: number, y: number) => number[]> {
  const { createCanvas, loadImage } = await import('@napi-rs/canvas');
  const image = await loadImage(png);
  const ctx = createCanvas(image.width, image.height).getContext('2d');
  ctx.drawImage(image, 0, 0);
  const data = ctx.getImageData(0, 0, image.width, image.height).data;
  return (x, y) => {
    const i = (Math.round(y) * image.width + Math.round(x)) * 4;
    return [data[i]!, data[i + 1]!, data[i + 2]!];
  };
}

const near = (rgb: number[], want: number[]) => rgb.every((c, i) => Math.abs(c - want[i]!) <= 6);

/** The bar's inside has the bar's colour. */
async function expectBarDrawn(png: Buffer, bar: ChartBar): Promise<void> {
  const at = await pixels(png);
  const want = bar.flow === 'exports' ? BLUE : ORANGE;
  // Quarter points, clear of the rounded corners and the anti-aliased edges.
  const xs = [0.25, 0.5, 0.75].map((f) => bar.x + bar.width * f);
  const ys = [0.25, 0.5, 0.75].map((f) => bar.y + bar.height * f);
  for (const x of xs) for (const y of ys) expect(near(at(x, y), want), `${bar.flow} ${bar.year} at ${x},${y}: ${at(x, y)}`).toBe(true);
}

// The Appendix's Mongolia–Kazakhstan cells (Irgengioro 2022): exports $0.6–7 M, imports $22–74 M.
const KAZAKHSTAN: [number, string, number, string, number][] = [
  [2010, '$616 K', 616_000, '$22.7 M', 22_700_000],
  [2011, '$1.41 M', 1_410_000, '$35.4 M', 35_400_000],
  [2012, '$1.78 M', 1_780_000, '$52.8 M', 52_800_000],
  [2013, '$1.02 M', 1_020_000, '$63.2 M', 63_200_000],
  [2014, '$5.03 M', 5_030_000, '$59 M', 59_000_000],
  [2015, '$2.34 M', 2_340_000, '$52.1 M', 52_100_000],
  [2016, '$1.19 M', 1_190_000, '$74.2 M', 74_200_000],
  [2017, '$2.85 M', 2_850_000, '$72.8 M', 72_800_000],
  [2018, '$4.04 M', 4_040_000, '$70.9 M', 70_900_000],
  [2019, '$7.14 M', 7_140_000, '$58.1 M', 58_100_000],
];
// And Mongolia–Kyrgyzstan, 2015–2019: the flows are of a size.
const KYRGYZSTAN: [number, string, number, string, number][] = [
  [2015, '$1.68 M', 1_680_000, '$2.85 M', 2_850_000],
  [2016, '$401 K', 401_000, '$2.94 M', 2_940_000],
  [2017, '$269 K', 269_000, '$1.75 M', 1_750_000],
  [2018, '$255 K', 255_000, '$2.35 M', 2_350_000],
  [2019, '$413 K', 413_000, '$2.39 M', 2_390_000],
];
const ROWS = [
  ...KAZAKHSTAN.flatMap(([year, et, ev, it, iv]) => [row('Kazakhstan', 'exports', year, et, ev), row('Kazakhstan', 'imports', year, it, iv)]),
  ...KYRGYZSTAN.flatMap(([year, et, ev, it, iv]) => [row('Kyrgyzstan', 'exports', year, et, ev), row('Kyrgyzstan', 'imports', year, it, iv)]),
].map((r) => ({ ...r, page: r.partner === 'Kyrgyzstan' ? 28 : 25 }));

function series(query: Parameters<typeof buildTradeSeries>[1]): TradeSeries {
  const result = buildTradeSeries(ROWS, query);
  if (!result.ok) throw new Error(result.error);
  return result.series;
}

const barOf = (layout: TradeChartLayout, flow: string, year: number) => layout.panels.flatMap((p) => p.bars).find((b) => b.flow === flow && b.year === year)!;

describe('renderTradeChart', () => {
  it('draws a valid, non-trivial PNG of the default size', async () => {
    const png = await renderTradeChart(series({ partner: 'Kyrgyzstan' }), { sourceCaption: CAPTION });
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(pngSize(png)).toEqual(CHART_SIZE);
    // Text, bars and an opaque card compress to tens of kilobytes; a blank image to ~1 KB.
    expect(png.length).toBeGreaterThan(15_000);
  });

  it('honours a custom size and a single direction', async () => {
    const { png, layout } = await drawTradeChart(series({ partner: 'Kyrgyzstan', from: 2016, to: 2019 }), {
      sourceCaption: CAPTION,
      direction: 'imports',
      width: 600,
      height: 400,
    });
    expect(pngSize(png)).toEqual({ width: 600, height: 400 });
    expect(layout.panels.flatMap((p) => p.bars).map((b) => b.flow)).toEqual(['imports', 'imports', 'imports', 'imports']);
  });

  it('is opaque: the corner pixel is the light card, not transparency', async () => {
    const png = await renderTradeChart(series({ partner: 'Kazakhstan', from: 2019 }), { sourceCaption: CAPTION });
    const { createCanvas, loadImage } = await import('@napi-rs/canvas');
    const image = await loadImage(png);
    const ctx = createCanvas(image.width, image.height).getContext('2d');
    ctx.drawImage(image, 0, 0);
    const [r, g, b, a] = ctx.getImageData(10, 10, 1, 1).data;
    expect(a).toBe(255);
    expect(Math.min(r!, g!, b!)).toBeGreaterThan(200);
  });
});

describe('a small flow beside a large one', () => {
  it('gets a panel and a scale of its own, so $0.6 M exports are bars, not slivers beside $74 M imports', async () => {
    const s = series({ partner: 'Kazakhstan' });
    expect(chartKind(s)).toBe('panels');
    const { png, layout } = await drawTradeChart(s, { sourceCaption: CAPTION });
    expect(layout.panels.map((p) => [p.flows, p.ticks.at(-1), p.axisTitle])).toEqual([
      [['exports'], 8, 'Exports, US$ millions'],
      [['imports'], 80, 'Imports, US$ millions'],
    ]);
    // On one 0–80 scale the 2010 exports bar was 0.616/80 of ~310 px: 2 px. On its own 0–8 scale, 15.
    const smallest = barOf(layout, 'exports', 2010);
    expect(smallest.label).toBe('0.616');
    expect(smallest.height).toBeGreaterThan(12);
    await expectBarDrawn(png, smallest);
    await expectBarDrawn(png, barOf(layout, 'imports', 2016));
    // Separate scales could mislead: the subtitle says how the flows compare.
    expect(layout.subtitle).toBe('Goods traded each year; each flow on its own scale (exports were 1.6–12 % of imports)');
    expect(layout.panels.map((p) => p.title?.text)).toEqual(["Mongolia → Kazakhstan (Mongolia's exports)", "Kazakhstan → Mongolia (Mongolia's imports)"]);
  });

  it('flows of a size share one scale, side by side', async () => {
    const s = series({ partner: 'Kyrgyzstan' });
    expect(chartKind(s)).toBe('grouped');
    const { png, layout } = await drawTradeChart(s, { sourceCaption: CAPTION });
    expect(layout.panels).toHaveLength(1);
    expect(layout.panels[0]!.flows).toEqual(['exports', 'imports']);
    expect(layout.legend.map((l) => l.label)).toEqual(["Mongolia → Kyrgyzstan (Mongolia's exports)", "Kyrgyzstan → Mongolia (Mongolia's imports)"]);
    await expectBarDrawn(png, barOf(layout, 'exports', 2018));
    await expectBarDrawn(png, barOf(layout, 'imports', 2018));
  });
});

describe('the value axis', () => {
  it('has a title with the unit, which the subtitle does not repeat', async () => {
    const { png, layout } = await drawTradeChart(series({ partner: 'Kyrgyzstan' }), { sourceCaption: CAPTION });
    const panel = layout.panels[0]!;
    expect(panel.axisTitle).toBe('Value, US$ millions');
    expect(layout.subtitle).not.toMatch(/US\$|million/);
    // The rotated title is drawn left of the tick labels, along the plot.
    const at = await pixels(png);
    let ink = 0;
    for (let y = panel.plot.top; y < panel.plot.bottom; y++) for (let x = 36; x < 50; x++) if (Math.max(...at(x, y)) < 150) ink++;
    expect(ink).toBeGreaterThan(100);
  });

  it('counts in thousands when every value is under a million', async () => {
    const { layout } = await drawTradeChart(series({ partner: 'Kyrgyzstan', direction: 'exports', from: 2016, to: 2019 }), { sourceCaption: CAPTION });
    expect(layout.panels[0]!.axisTitle).toBe('Exports, US$ thousands');
    expect(layout.panels[0]!.ticks.at(-1)).toBe(500);
    expect(layout.panels[0]!.bars.map((b) => b.label)).toEqual(['401', '269', '255', '413']);
    expect(unitFor(1.95e9).name).toBe('billions');
  });
});

describe('a chart of one year', () => {
  it('reads as two labelled horizontal bars with the values as printed and the balance', async () => {
    const s = series({ partner: 'Kyrgyzstan', from: 2019, to: 2019 });
    const { png, layout } = await drawTradeChart(s, { sourceCaption: CAPTION });
    expect(layout.kind).toBe('single-year');
    expect(layout.title).toBe('Mongolia–Kyrgyzstan trade, 2019');
    expect(layout.subtitle).toBe('Goods traded in 2019; balance -$1.98 M (exports − imports, computed)');
    const [panel] = layout.panels;
    expect(panel!.orientation).toBe('horizontal');
    expect(panel!.axisTitle).toBe('Value, US$ millions');
    expect(panel!.rowLabels.map((r) => r.text)).toEqual(['Mongolia → Kyrgyzstan', 'Kyrgyzstan → Mongolia']);
    const [exp, imp] = panel!.bars;
    expect([exp!.label, imp!.label]).toEqual(['$413 K', '$2.39 M']);
    // Widths on one scale: 2.39/2.5 of the plot for imports, 0.413/2.5 for exports.
    expect(imp!.width).toBeGreaterThan(450);
    expect(exp!.width / imp!.width).toBeCloseTo(0.413 / 2.39, 2);
    await expectBarDrawn(png, exp!);
    await expectBarDrawn(png, imp!);
    expect(seriesTitle(s)).toBe('Mongolia–Kyrgyzstan trade, 2019');
  });

  it('keeps a tiny value a visible bar', async () => {
    const { png, layout } = await drawTradeChart(series({ partner: 'Kazakhstan', from: 2010, to: 2010 }), { sourceCaption: CAPTION });
    const exports = barOf(layout, 'exports', 2010);
    expect(exports.width).toBeGreaterThanOrEqual(3);
    expect(exports.label).toBe('$616 K');
    await expectBarDrawn(png, exports);
  });
});

describe('when sources disagree', () => {
  const records = extractFigures([IRGENGIORO_TRADE, MILIATE_RELATIONS]);
  const disagreements = findDisagreements(records, ROWS);
  const label = (id: string) => (id === 'miliate-2013' ? 'Miliate (2013)' : 'Irgengioro (2022)');

  it('the caption says so, and the bar concerned is marked', async () => {
    const s = series({ partner: 'Kyrgyzstan' });
    const notes = chartDisagreements(s, disagreements, label);
    expect(notes).toEqual([{ flow: 'imports', year: 2019, text: '* 2019 imports: Irgengioro (2022), p. 6 says $2.32 million; the table $2.39 M' }]);
    const { png, layout } = await drawTradeChart(s, { sourceCaption: CAPTION, disagreements: notes });
    expect(layout.caption).toEqual([CAPTION, 'Sources disagree: * 2019 imports: Irgengioro (2022), p. 6 says $2.32 million; the table $2.39 M.']);
    expect(barOf(layout, 'imports', 2019).label).toBe('2.39*');
    expect(barOf(layout, 'exports', 2019).label).toBe('0.413');
    // The second caption line is drawn (ink in the band above the source line), and the chart grew to hold it.
    expect(pngSize(png)).toEqual({ width: CHART_SIZE.width, height: CHART_SIZE.height + 20 });
    const at = await pixels(png);
    let ink = 0;
    for (let y = layout.height - 30; y < layout.height - 18; y++) for (let x = 36; x < 600; x++) if (Math.max(...at(x, y)) < 160) ink++;
    expect(ink).toBeGreaterThan(200);
    expect(disagreementFooter(notes)).toBe('⚠ Sources disagree: 2019 imports: Irgengioro (2022), p. 6 says $2.32 million; the table $2.39 M.');
  });

  it('an undated statement that matches no year is one note per paragraph, flows in order', () => {
    const notes = chartDisagreements(series({ partner: 'Kazakhstan' }), disagreements, label);
    expect(notes).toEqual([
      {
        flow: 'exports',
        year: null,
        text: 'Miliate (2013), p. 1 gives, undated, exports $26 million, imports $18 million, total a little over US$43 million: no year of the table matches',
      },
    ]);
    // Only the flows drawn: an imports chart mentions the imports figure alone.
    expect(chartDisagreements(series({ partner: 'Kazakhstan', direction: 'imports' }), disagreements, label, 'imports').map((n) => n.text)).toEqual([
      'Miliate (2013), p. 1 gives, undated, imports $18 million: no year of the table matches',
    ]);
    // A year outside the chart is not its concern.
    expect(chartDisagreements(series({ partner: 'Kyrgyzstan', from: 2015, to: 2018 }), disagreements, label)).toEqual([]);
    expect(disagreementFooter([])).toBeNull();
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
