/**
 * A trade series as a PNG bar chart, drawn with the canvas 2D API on @napi-rs/canvas (Skia,
 * shipped as a per-platform npm binary; no browser). The canvas module and fonts load on the
 * first chart only, so answers without charts never pay.
 *
 * Three shapes, chosen from the data (see `chartKind`), all laid out first as plain values
 * (`TradeChartLayout`, what the tests read) and then drawn from that layout:
 * - `grouped`: one bar per flow and year on one scale, when the flows are of a size.
 * - `panels`: one panel per flow, each on its own scale, when one flow is under a fifth of
 *   the other (Mongolia's exports to Kazakhstan, $0.6–7 M, beside imports of $22–74 M,
 *   would be slivers of a few pixels); the subtitle says how the two compare, so the
 *   separate scales do not mislead.
 * - `single-year`: horizontal bars with the values as printed and the balance, since one
 *   pair of vertical bars on a year axis reads as an empty chart.
 * The y-axis title carries the unit, picked for the values drawn (thousands, millions,
 * billions); the caption names the source and, when the corpus states a different value
 * for a flow drawn, says so (the bars concerned get a `*`).
 *
 * Why package.json pins @napi-rs/canvas exactly (now 1.1.1): the canvas is a native module
 * shipped as one npm package per platform, and the 1.0.x releases after the first pin had
 * not published every per-platform binary to the registry, so `npm ci` on another platform
 * failed against the lockfile. 1.1.1 has them all (linux gnu/musl x64/arm64, darwin
 * x64/arm64, win32 x64/arm64, …); move the pin only with the lockfile regenerated and this
 * module's tests (test/figures/chart.test.ts) green.
 *
 * The picture sits on an opaque light card, so it reads the same on Discord's dark and
 * light themes. Fonts come from the @expo-google-fonts/inter npm package, never the system,
 * so every machine draws the same glyphs.
 */
import { createRequire } from 'node:module';
import type { SKRSContext2D } from '@napi-rs/canvas';
import { formatUsd } from './money.js';
import type { TradeSeries, TradeView, TradeYear } from './trade.js';

export interface TradeChartOptions {
  /** Partner as displayed; defaults to the series' partner. */
  partner?: string;
  /** Flows to draw; defaults to the series' direction. */
  direction?: TradeView;
  /** One line at the foot, e.g. "Source: Irgengioro 2022, Appendix (UN Comtrade / OEC)". */
  sourceCaption: string;
  /** Where another source states a different value for a flow drawn (see chartNotes.ts): said in the caption. */
  disagreements?: readonly ChartDisagreement[];
  width?: number;
  height?: number;
}

/** Another source's value for a flow drawn, worded for the caption. */
export interface ChartDisagreement {
  /** The flow the other source speaks of; `total` is exports + imports. */
  flow: FlowKey | 'total';
  /** The year compared; null for an undated statement set against every year. */
  year: number | null;
  /** One sentence for the caption, e.g. "2019 imports: Irgengioro (2022), p. 6 says $2.32 million; the table $2.39 M". */
  text: string;
}

export type FlowKey = 'exports' | 'imports';
export type ChartKind = 'grouped' | 'panels' | 'single-year';

/** The default size of a grouped chart; panels and single-year charts change the height (see `defaultHeight`). */
export const CHART_SIZE = { width: 1000, height: 560 } as const;

/** A flow drawn on its own panel when its largest value is under this share of the other's. */
export const PANEL_RATIO = 0.2;

const FONT_FAMILY = 'SteppeSans';
const FONT_FILES = [
  '@expo-google-fonts/inter/400Regular/Inter_400Regular.ttf',
  '@expo-google-fonts/inter/600SemiBold/Inter_600SemiBold.ttf',
  '@expo-google-fonts/inter/700Bold/Inter_700Bold.ttf',
];

/** The card, text and axis colours every chart shares (the report's chart too). */
export const CHART_COLORS = {
  card: '#F4F5F7',
  border: '#D5D9E0',
  title: '#111827',
  text: '#374151',
  muted: '#6B7280',
  grid: '#DDE1E7',
  axis: '#9CA3AF',
  // Blue and orange stay distinct for the common colour-vision deficiencies.
  first: '#2563EB',
  second: '#EA580C',
} as const;

const COLORS = { ...CHART_COLORS, exports: CHART_COLORS.first, imports: CHART_COLORS.second } as const;

/** The card every chart is drawn on: background, border, title and the line under it. */
export function drawCard(ctx: SKRSContext2D, width: number, height: number, title: string, subtitle: string): void {
  ctx.fillStyle = CHART_COLORS.card;
  ctx.fillRect(0, 0, width, height);
  ctx.strokeStyle = CHART_COLORS.border;
  ctx.lineWidth = 2;
  ctx.strokeRect(1, 1, width - 2, height - 2);
  ctx.textBaseline = 'alphabetic';
  ctx.textAlign = 'left';
  ctx.fillStyle = CHART_COLORS.title;
  ctx.font = font(700, 28);
  ctx.fillText(fitText(ctx, title, width - 2 * PAD), PAD, 52);
  ctx.fillStyle = CHART_COLORS.muted;
  ctx.font = font(400, 17);
  ctx.fillText(fitText(ctx, subtitle, width - 2 * PAD), PAD, 80);
}

/** A horizontal grid line at `y` (the axis colour for zero), on the pixel grid; returns the y drawn at. */
export function gridLine(ctx: SKRSContext2D, left: number, right: number, y: number, zero: boolean): number {
  const at = Math.round(y) + 0.5;
  ctx.strokeStyle = zero ? CHART_COLORS.axis : CHART_COLORS.grid;
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(left, at);
  ctx.lineTo(right, at);
  ctx.stroke();
  return at;
}

type CanvasModule = typeof import('@napi-rs/canvas');
let canvasModule: Promise<CanvasModule> | null = null;

/** Imports the canvas module and registers the fonts once per process (the report's chart shares it). */
export function loadCanvas(): Promise<CanvasModule> {
  canvasModule ??= import('@napi-rs/canvas').then((mod) => {
    const require = createRequire(import.meta.url);
    for (const file of FONT_FILES) {
      const path = require.resolve(file);
      if (!mod.GlobalFonts.registerFromPath(path, FONT_FAMILY)) throw new Error(`cannot register chart font ${path}`);
    }
    return mod;
  });
  return canvasModule;
}

export const font = (weight: 400 | 600 | 700, px: number) => `${weight} ${px}px ${FONT_FAMILY}`;

interface Flow {
  key: FlowKey;
  label: string;
  /** The flow in a panel title or axis title: "Exports". */
  short: string;
  color: string;
  value: (y: TradeYear) => number | null;
  text: (y: TradeYear) => string | null;
}

export interface Rect {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** A unit the axis counts in: US$ thousands, millions or billions. */
export interface MoneyUnit {
  divisor: number;
  name: 'thousands' | 'millions' | 'billions';
}

export interface ChartBar {
  flow: FlowKey;
  year: number;
  /** The bar in canvas pixels (top-left origin). */
  x: number;
  y: number;
  width: number;
  height: number;
  /** The value label drawn at its end, in the axis unit (single-year: as the source prints it); `*` when a source disagrees. */
  label: string;
  color: string;
}

export interface ChartPanel {
  /** The flows on this panel's scale. */
  flows: FlowKey[];
  /** Above the panel, in the flow's colour (panels only). */
  title: { text: string; color: string } | null;
  plot: Rect;
  unit: MoneyUnit;
  /** Tick values in `unit`, from 0. */
  ticks: number[];
  /** Along the value axis, with the unit: "Exports, US$ millions". */
  axisTitle: string;
  /** Whether the value axis runs up (vertical bars) or across (single-year). */
  orientation: 'vertical' | 'horizontal';
  bars: ChartBar[];
  /** Single-year: the row labels beside the bars. */
  rowLabels: { text: string; detail: string; y: number }[];
}

export interface TradeChartLayout {
  kind: ChartKind;
  width: number;
  height: number;
  title: string;
  subtitle: string;
  legend: { label: string; color: string }[];
  panels: ChartPanel[];
  /** Year labels under each vertical panel: the year and its slot centre. */
  years: { year: number; x: number }[];
  /** Lines at the foot: the source, then any disagreement, wrapped to the width. */
  caption: string[];
}

const PAD = 36;
const CAPTION_LINE = 20;
const MAX_CAPTION_LINES = 5;

/** The chart as a PNG. */
export async function renderTradeChart(series: TradeSeries, options: TradeChartOptions): Promise<Buffer> {
  return (await drawTradeChart(series, options)).png;
}

/** The chart as a PNG and the layout it was drawn from (what the tests check). */
export async function drawTradeChart(series: TradeSeries, options: TradeChartOptions): Promise<{ png: Buffer; layout: TradeChartLayout }> {
  const { createCanvas } = await loadCanvas();
  // Captions wrap by measured width: measure on a scratch canvas, then draw at the final height.
  const measure = createCanvas(1, 1).getContext('2d');
  const layout = layoutTradeChart(series, options, measure);
  const canvas = createCanvas(layout.width, layout.height);
  paint(canvas.getContext('2d'), layout);
  return { png: canvas.toBuffer('image/png'), layout };
}

/** Which shape reads best for these years and flows (see the module comment). */
export function chartKind(series: TradeSeries, direction: TradeView = series.direction): ChartKind {
  if (series.years.length === 1) return 'single-year';
  const flows = flowsFor(direction, series.partner).filter((f) => series.years.some((y) => f.value(y) !== null));
  if (flows.length < 2) return 'grouped';
  const maxes = flows.map((f) => Math.max(0, ...series.years.map((y) => f.value(y) ?? 0)));
  const [small, large] = [Math.min(...maxes), Math.max(...maxes)];
  return large > 0 && small < PANEL_RATIO * large ? 'panels' : 'grouped';
}

export function layoutTradeChart(series: TradeSeries, options: TradeChartOptions, measure: SKRSContext2D): TradeChartLayout {
  const partner = options.partner ?? series.partner;
  const direction = options.direction ?? series.direction;
  const kind = chartKind(series, direction);
  const flows = flowsFor(direction, partner).filter((f) => series.years.some((y) => f.value(y) !== null));
  const disagreements = options.disagreements ?? [];
  const marked = (flow: FlowKey, year: number) => disagreements.some((d) => d.flow === flow && d.year === year);

  const width = options.width ?? CHART_SIZE.width;
  measure.font = font(400, 15);
  const caption = wrapCaption(measure, [options.sourceCaption, ...captionNotes(disagreements)], width - 2 * PAD);
  const height = options.height ?? defaultHeight(kind, flows.length) + CAPTION_LINE * (caption.length - 1);

  const title = `${chartTitle(direction, partner)}, ${yearSpan(series)}`;
  const base = { kind, width, height, title, caption };
  // The foot: year labels (26 px under the plot) and the caption lines.
  const bottom = height - 62 - CAPTION_LINE * caption.length;

  if (kind === 'single-year') {
    const year = series.years[0]!;
    const max = Math.max(0, ...flows.map((f) => f.value(year) ?? 0));
    const unit = unitFor(max);
    const ticks = niceTicks(max / unit.divisor);
    // Tick labels and the axis title (+20, +42 px) sit between the bars and the caption.
    const plot = { left: PAD + 300, right: width - PAD - 110, top: 104, bottom: bottom - 20 };
    const rowHeight = (plot.bottom - plot.top) / Math.max(1, flows.length);
    const scale = (v: number) => (v / unit.divisor / ticks.at(-1)!) * (plot.right - plot.left);
    const bars: ChartBar[] = [];
    const rowLabels: ChartPanel['rowLabels'] = [];
    flows.forEach((f, i) => {
      const usd = f.value(year);
      const centre = plot.top + rowHeight * (i + 0.5);
      rowLabels.push({ text: f.short === 'Exports' ? `Mongolia → ${partner}` : `${partner} → Mongolia`, detail: `Mongolia's ${f.short.toLowerCase()}`, y: centre });
      if (usd === null) return;
      const thickness = Math.min(44, rowHeight * 0.6);
      // Never thinner than 3 px, so a small value is still a visible bar beside its label.
      bars.push({ flow: f.key, year: year.year, x: plot.left, y: centre - thickness / 2, width: Math.max(3, scale(usd)), height: thickness, label: `${f.text(year)}${marked(f.key, year.year) ? ' *' : ''}`, color: f.color });
    });
    const balance = year.balanceUsd === null ? '' : `; balance ${formatUsd(year.balanceUsd)} (exports − imports, computed)`;
    return {
      ...base,
      subtitle: `Goods traded in ${year.year}${balance}`,
      legend: [],
      panels: [{ flows: flows.map((f) => f.key), title: null, plot, unit, ticks, axisTitle: `Value, US$ ${unit.name}`, orientation: 'horizontal', bars, rowLabels }],
      years: [],
    };
  }

  const plotLeft = PAD + 74;
  const plotRight = width - PAD;
  const slot = (plotRight - plotLeft) / Math.max(1, series.years.length);
  const years = series.years.map((y, i) => ({ year: y.year, x: plotLeft + slot * (i + 0.5) }));

  if (kind === 'panels') {
    const gap = 34;
    const top = 96;
    const each = (bottom - top - gap * (flows.length - 1)) / flows.length;
    const panels = flows.map((f, i) => {
      const regionTop = top + i * (each + gap);
      const plot = { left: plotLeft, right: plotRight, top: regionTop + 40, bottom: regionTop + each };
      return verticalPanel(series, [f], plot, slot, marked, { text: f.label, color: f.color }, `${f.short}, US$`);
    });
    return { ...base, subtitle: `Goods traded each year; each flow on its own scale (${comparison(series)})`, legend: [], panels, years };
  }

  const plot = { left: plotLeft, right: plotRight, top: 160, bottom };
  const what = flows.length === 1 ? flows[0]!.short : 'Value';
  const subtitle = flows.length === 1 ? `Goods ${flows[0]!.key === 'exports' ? 'exported' : 'imported'} each year` : 'Goods traded each year, both flows on one scale';
  return {
    ...base,
    subtitle,
    legend: flows.map((f) => ({ label: f.label, color: f.color })),
    panels: [verticalPanel(series, flows, plot, slot, marked, null, `${what}, US$`)],
    years,
  };
}

function defaultHeight(kind: ChartKind, flows: number): number {
  if (kind === 'panels') return 700;
  if (kind === 'single-year') return 320 + 70 * Math.max(1, flows);
  return CHART_SIZE.height;
}

function verticalPanel(
  series: TradeSeries,
  flows: Flow[],
  plot: Rect,
  slot: number,
  marked: (flow: FlowKey, year: number) => boolean,
  title: ChartPanel['title'],
  axisPrefix: string,
): ChartPanel {
  const max = Math.max(0, ...series.years.flatMap((y) => flows.map((f) => f.value(y) ?? 0)));
  const unit = unitFor(max);
  const ticks = niceTicks(max / unit.divisor);
  const top = ticks.at(-1)!;
  const yOf = (v: number) => plot.bottom - (v / top) * (plot.bottom - plot.top);
  const groupWidth = Math.min(slot * 0.78, 120);
  const barWidth = groupWidth / flows.length;
  const bars: ChartBar[] = [];
  series.years.forEach((year, i) => {
    const groupLeft = plot.left + slot * (i + 0.5) - groupWidth / 2;
    flows.forEach((f, j) => {
      const usd = f.value(year);
      if (usd === null) return;
      const value = usd / unit.divisor;
      const y = Math.min(yOf(value), plot.bottom - 1);
      bars.push({
        flow: f.key,
        year: year.year,
        x: groupLeft + j * barWidth + 1,
        y,
        width: barWidth - 2,
        height: plot.bottom - y,
        label: `${formatMillions(value)}${marked(f.key, year.year) ? '*' : ''}`,
        color: f.color,
      });
    });
  });
  return { flows: flows.map((f) => f.key), title, plot, unit, ticks, axisTitle: `${axisPrefix} ${unit.name}`, orientation: 'vertical', bars, rowLabels: [] };
}

/** The unit whose numbers read best for a largest value of `maxUsd`. */
export function unitFor(maxUsd: number): MoneyUnit {
  if (maxUsd >= 1e9) return { divisor: 1e9, name: 'billions' };
  if (maxUsd >= 1e6 || maxUsd <= 0) return { divisor: 1e6, name: 'millions' };
  return { divisor: 1e3, name: 'thousands' };
}

/** How the flows on separate scales compare: "exports were 1.6–12 % of imports". */
function comparison(series: TradeSeries): string {
  const shares = series.years
    .filter((y) => y.exports && y.imports && y.imports.valueUsd > 0 && y.exports.valueUsd > 0)
    .map((y) => y.exports!.valueUsd / y.imports!.valueUsd);
  if (shares.length === 0) return 'the scales differ';
  const [small, large] = Math.max(...shares) < 1 ? ['exports', 'imports'] : ['imports', 'exports'];
  const ratios = small === 'exports' ? shares : shares.map((s) => 1 / s);
  const pct = (r: number) => {
    const p = r * 100;
    return p < 10 ? String(Number(p.toPrecision(2))) : String(Math.round(p));
  };
  const low = pct(Math.min(...ratios));
  const high = pct(Math.max(...ratios));
  return `${small} were ${low === high ? low : `${low}–${high}`} % of ${large}`;
}

function captionNotes(disagreements: readonly ChartDisagreement[]): string[] {
  if (disagreements.length === 0) return [];
  return [`Sources disagree: ${disagreements.map((d) => d.text).join('; ')}.`];
}

/** The caption lines wrapped at word breaks to `maxWidth`, at most MAX_CAPTION_LINES (the last cut with "…"). */
function wrapCaption(ctx: SKRSContext2D, paragraphs: string[], maxWidth: number): string[] {
  const lines: string[] = [];
  for (const paragraph of paragraphs) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const next = line ? `${line} ${word}` : word;
      if (line && ctx.measureText(next).width > maxWidth) {
        lines.push(line);
        line = word;
      } else line = next;
    }
    if (line) lines.push(line);
  }
  if (lines.length <= MAX_CAPTION_LINES) return lines.map((l) => fitText(ctx, l, maxWidth));
  const kept = lines.slice(0, MAX_CAPTION_LINES);
  kept[MAX_CAPTION_LINES - 1] = fitText(ctx, `${kept[MAX_CAPTION_LINES - 1]} ${lines[MAX_CAPTION_LINES]}`, maxWidth);
  return kept;
}

function paint(ctx: SKRSContext2D, layout: TradeChartLayout): void {
  const { width, height } = layout;
  drawCard(ctx, width, height, layout.title, layout.subtitle);
  if (layout.legend.length > 0) drawLegend(ctx, layout.legend, PAD, 112);

  for (const panel of layout.panels) {
    if (panel.title) {
      ctx.textAlign = 'left';
      ctx.fillStyle = panel.title.color;
      roundRect(ctx, PAD, panel.plot.top - 34, 16, 16, 3);
      ctx.fill();
      ctx.fillStyle = COLORS.title;
      ctx.font = font(600, 17);
      ctx.fillText(panel.title.text, PAD + 26, panel.plot.top - 20);
    }
    if (panel.orientation === 'vertical') {
      drawYAxis(ctx, panel);
      drawVerticalBars(ctx, panel);
      ctx.fillStyle = COLORS.text;
      ctx.font = font(400, 16);
      ctx.textAlign = 'center';
      for (const y of layout.years) ctx.fillText(String(y.year), y.x, panel.plot.bottom + 24);
    } else drawHorizontal(ctx, panel);
  }

  ctx.fillStyle = COLORS.muted;
  ctx.font = font(400, 15);
  ctx.textAlign = 'left';
  layout.caption.forEach((line, i) => {
    ctx.fillText(line, PAD, height - 22 - CAPTION_LINE * (layout.caption.length - 1 - i));
  });
}

function flowsFor(direction: TradeView, partner: string): Flow[] {
  const all: Flow[] = [
    {
      key: 'exports',
      label: `Mongolia → ${partner} (Mongolia's exports)`,
      short: 'Exports',
      color: COLORS.exports,
      value: (y) => y.exports?.valueUsd ?? null,
      text: (y) => y.exports?.valueText ?? null,
    },
    {
      key: 'imports',
      label: `${partner} → Mongolia (Mongolia's imports)`,
      short: 'Imports',
      color: COLORS.imports,
      value: (y) => y.imports?.valueUsd ?? null,
      text: (y) => y.imports?.valueText ?? null,
    },
  ];
  return all.filter((f) => direction === 'both' || direction === f.key);
}

export function chartTitle(direction: TradeView, partner: string): string {
  if (direction === 'exports') return `Mongolia's exports to ${partner}`;
  if (direction === 'imports') return `Mongolia's imports from ${partner}`;
  return `Mongolia–${partner} trade`;
}

function yearSpan(series: TradeSeries): string {
  return series.from === series.to ? String(series.from) : `${series.from}–${series.to}`;
}

function drawLegend(ctx: SKRSContext2D, legend: TradeChartLayout['legend'], x: number, y: number): void {
  ctx.font = font(400, 17);
  ctx.textAlign = 'left';
  let cursor = x;
  for (const item of legend) {
    ctx.fillStyle = item.color;
    roundRect(ctx, cursor, y - 14, 18, 18, 3);
    ctx.fill();
    ctx.fillStyle = COLORS.text;
    ctx.fillText(item.label, cursor + 28, y);
    cursor += 28 + ctx.measureText(item.label).width + 36;
  }
}

function tickDecimals(ticks: number[]): number {
  const step = ticks.length > 1 ? ticks[1]! - ticks[0]! : 1;
  return Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
}

function drawYAxis(ctx: SKRSContext2D, panel: ChartPanel): void {
  const { plot, ticks } = panel;
  const top = ticks.at(-1)!;
  const decimals = tickDecimals(ticks);
  ctx.font = font(400, 15);
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const t of ticks) {
    const y = gridLine(ctx, plot.left, plot.right, plot.bottom - (t / top) * (plot.bottom - plot.top), t === 0);
    ctx.fillStyle = COLORS.muted;
    ctx.fillText(t.toFixed(decimals), plot.left - 10, y);
  }
  // The axis title with its unit, rotated along the axis.
  ctx.save();
  ctx.translate(PAD + 6, (plot.top + plot.bottom) / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textAlign = 'center';
  ctx.fillStyle = COLORS.text;
  ctx.font = font(600, 14);
  ctx.fillText(fitText(ctx, panel.axisTitle, plot.bottom - plot.top + 40), 0, 0);
  ctx.restore();
  ctx.textBaseline = 'alphabetic';
}

function drawVerticalBars(ctx: SKRSContext2D, panel: ChartPanel): void {
  for (const bar of panel.bars) {
    ctx.fillStyle = bar.color;
    roundRect(ctx, bar.x, bar.y, bar.width, bar.height, Math.min(3, bar.height / 2), true);
    ctx.fill();
    // The value on top of its bar, in the axis unit, so small bars stay readable.
    ctx.fillStyle = COLORS.text;
    ctx.font = font(600, bar.width < 32 ? 12 : 13);
    ctx.textAlign = 'center';
    ctx.fillText(bar.label, bar.x + bar.width / 2, bar.y - 6);
  }
}

function drawHorizontal(ctx: SKRSContext2D, panel: ChartPanel): void {
  const { plot, ticks } = panel;
  const top = ticks.at(-1)!;
  const decimals = tickDecimals(ticks);
  ctx.font = font(400, 15);
  ctx.textAlign = 'center';
  for (const t of ticks) {
    const x = Math.round(plot.left + (t / top) * (plot.right - plot.left)) + 0.5;
    ctx.strokeStyle = t === 0 ? COLORS.axis : COLORS.grid;
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(x, plot.top);
    ctx.lineTo(x, plot.bottom);
    ctx.stroke();
    ctx.fillStyle = COLORS.muted;
    ctx.fillText(t.toFixed(decimals), x, plot.bottom + 20);
  }
  ctx.fillStyle = COLORS.text;
  ctx.font = font(600, 14);
  ctx.fillText(panel.axisTitle, (plot.left + plot.right) / 2, plot.bottom + 42);
  ctx.textAlign = 'left';
  for (const row of panel.rowLabels) {
    ctx.fillStyle = COLORS.title;
    ctx.font = font(600, 18);
    ctx.fillText(row.text, PAD, row.y - 2);
    ctx.fillStyle = COLORS.muted;
    ctx.font = font(400, 15);
    ctx.fillText(row.detail, PAD, row.y + 18);
  }
  for (const bar of panel.bars) {
    ctx.fillStyle = bar.color;
    roundRect(ctx, bar.x, bar.y, bar.width, bar.height, Math.min(4, bar.width / 2));
    ctx.fill();
    ctx.fillStyle = COLORS.title;
    ctx.font = font(700, 20);
    ctx.textBaseline = 'middle';
    ctx.fillText(bar.label, bar.x + bar.width + 10, bar.y + bar.height / 2);
    ctx.textBaseline = 'alphabetic';
  }
}

/** `58.1`, `7.14`, `0.62`: three significant digits at most, like the source's table. */
export function formatMillions(m: number): string {
  if (m === 0) return '0';
  if (m >= 100) return m.toFixed(0);
  return String(Number(m.toPrecision(3)));
}

/** Tick values from 0 to a round top at or above `max`, 4–7 steps of 1, 2, 2.5 or 5 × 10ⁿ. */
export function niceTicks(max: number): number[] {
  if (!(max > 0)) return [0, 1];
  const rough = max / 5;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((f) => f * magnitude).find((s) => s >= rough)!;
  const ticks: number[] = [];
  // The top tick is the first one at or above the tallest bar, so no bar leaves the plot.
  for (let i = 0; ticks.length < 2 || ticks[ticks.length - 1]! < max; i++) ticks.push(Number((i * step).toPrecision(12)));
  return ticks;
}

/** Rectangle with rounded corners (only the top ones for bars standing on the axis). */
function roundRect(ctx: SKRSContext2D, x: number, y: number, w: number, h: number, r: number, topOnly = false): void {
  ctx.beginPath();
  ctx.moveTo(x + r, y);
  ctx.lineTo(x + w - r, y);
  ctx.arcTo(x + w, y, x + w, y + r, r);
  if (topOnly) {
    ctx.lineTo(x + w, y + h);
    ctx.lineTo(x, y + h);
  } else {
    ctx.lineTo(x + w, y + h - r);
    ctx.arcTo(x + w, y + h, x + w - r, y + h, r);
    ctx.lineTo(x + r, y + h);
    ctx.arcTo(x, y + h, x, y + h - r, r);
  }
  ctx.lineTo(x, y + r);
  ctx.arcTo(x, y, x + r, y, r);
  ctx.closePath();
}

/** `text` cut with "…" to fit `maxWidth` pixels in the current font. */
export function fitText(ctx: SKRSContext2D, text: string, maxWidth: number): string {
  if (ctx.measureText(text).width <= maxWidth) return text;
  let cut = text;
  while (cut.length > 1 && ctx.measureText(`${cut}…`).width > maxWidth) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}
