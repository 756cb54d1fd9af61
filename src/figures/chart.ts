/**
 * A trade series as a PNG bar chart: both flows per year, drawn with the canvas 2D API on
 * @napi-rs/canvas (Skia, shipped as a per-platform npm binary; no browser). The canvas
 * module and fonts load on the first chart only, so answers without charts never pay.
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
import type { TradeSeries, TradeView, TradeYear } from './trade.js';

export interface TradeChartOptions {
  /** Partner as displayed; defaults to the series' partner. */
  partner?: string;
  /** Flows to draw; defaults to the series' direction. */
  direction?: TradeView;
  /** One line at the foot, e.g. "Source: Irgengioro 2022, Appendix (UN Comtrade / OEC)". */
  sourceCaption: string;
  width?: number;
  height?: number;
}

export const CHART_SIZE = { width: 1000, height: 560 } as const;

const FONT_FAMILY = 'SteppeSans';
const FONT_FILES = [
  '@expo-google-fonts/inter/400Regular/Inter_400Regular.ttf',
  '@expo-google-fonts/inter/600SemiBold/Inter_600SemiBold.ttf',
  '@expo-google-fonts/inter/700Bold/Inter_700Bold.ttf',
];

const COLORS = {
  card: '#F4F5F7',
  border: '#D5D9E0',
  title: '#111827',
  text: '#374151',
  muted: '#6B7280',
  grid: '#DDE1E7',
  axis: '#9CA3AF',
  // Blue and orange stay distinct for the common colour-vision deficiencies.
  exports: '#2563EB',
  imports: '#EA580C',
} as const;

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
  key: 'exports' | 'imports';
  label: string;
  color: string;
  value: (y: TradeYear) => number | null;
}

export async function renderTradeChart(series: TradeSeries, options: TradeChartOptions): Promise<Buffer> {
  const { createCanvas } = await loadCanvas();
  const width = options.width ?? CHART_SIZE.width;
  const height = options.height ?? CHART_SIZE.height;
  const partner = options.partner ?? series.partner;
  const direction = options.direction ?? series.direction;
  const flows = flowsFor(direction, partner);

  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = COLORS.card;
  ctx.fillRect(0, 0, width, height);
  ctx.strokeStyle = COLORS.border;
  ctx.lineWidth = 2;
  ctx.strokeRect(1, 1, width - 2, height - 2);

  const pad = 36;
  ctx.textBaseline = 'alphabetic';
  ctx.fillStyle = COLORS.title;
  ctx.font = font(700, 28);
  ctx.fillText(`${chartTitle(direction, partner)}, ${yearSpan(series)}`, pad, 52);
  ctx.fillStyle = COLORS.muted;
  ctx.font = font(400, 17);
  ctx.fillText('Value of goods per year, US$ millions', pad, 80);

  drawLegend(ctx, flows, pad, 112);

  const plot = { left: pad + 64, right: width - pad, top: 160, bottom: height - 88 };
  const max = Math.max(0, ...series.years.flatMap((y) => flows.map((f) => f.value(y) ?? 0)));
  const ticks = niceTicks(max / 1e6);
  const top = ticks[ticks.length - 1]!;
  const yOf = (millions: number) => plot.bottom - (millions / top) * (plot.bottom - plot.top);

  drawYAxis(ctx, plot, ticks, yOf);
  drawBars(ctx, plot, series.years, flows, yOf);

  ctx.fillStyle = COLORS.muted;
  ctx.font = font(400, 15);
  ctx.textAlign = 'left';
  ctx.fillText(fitText(ctx, options.sourceCaption, width - 2 * pad), pad, height - 22);

  return canvas.toBuffer('image/png');
}

function flowsFor(direction: TradeView, partner: string): Flow[] {
  const all: Flow[] = [
    {
      key: 'exports',
      label: `Mongolia → ${partner} (Mongolia's exports)`,
      color: COLORS.exports,
      value: (y) => y.exports?.valueUsd ?? null,
    },
    {
      key: 'imports',
      label: `${partner} → Mongolia (Mongolia's imports)`,
      color: COLORS.imports,
      value: (y) => y.imports?.valueUsd ?? null,
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

function drawLegend(ctx: SKRSContext2D, flows: Flow[], x: number, y: number): void {
  ctx.font = font(400, 17);
  ctx.textAlign = 'left';
  let cursor = x;
  for (const flow of flows) {
    ctx.fillStyle = flow.color;
    roundRect(ctx, cursor, y - 14, 18, 18, 3);
    ctx.fill();
    ctx.fillStyle = COLORS.text;
    ctx.fillText(flow.label, cursor + 28, y);
    cursor += 28 + ctx.measureText(flow.label).width + 36;
  }
}

interface Plot {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

function drawYAxis(ctx: SKRSContext2D, plot: Plot, ticks: number[], yOf: (m: number) => number): void {
  const step = ticks.length > 1 ? ticks[1]! - ticks[0]! : 1;
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  ctx.font = font(400, 15);
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const t of ticks) {
    const y = Math.round(yOf(t)) + 0.5;
    ctx.strokeStyle = t === 0 ? COLORS.axis : COLORS.grid;
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(plot.left, y);
    ctx.lineTo(plot.right, y);
    ctx.stroke();
    ctx.fillStyle = COLORS.muted;
    ctx.fillText(t.toFixed(decimals), plot.left - 10, y);
  }
  // Unit label, rotated along the axis.
  ctx.save();
  ctx.translate(plot.left - 56, (plot.top + plot.bottom) / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textAlign = 'center';
  ctx.fillStyle = COLORS.text;
  ctx.font = font(600, 15);
  ctx.fillText('US$ millions', 0, 0);
  ctx.restore();
  ctx.textBaseline = 'alphabetic';
}

function drawBars(
  ctx: SKRSContext2D,
  plot: Plot,
  years: readonly TradeYear[],
  flows: Flow[],
  yOf: (m: number) => number,
): void {
  const slot = (plot.right - plot.left) / Math.max(1, years.length);
  const groupWidth = Math.min(slot * 0.78, 120);
  const barWidth = groupWidth / flows.length;
  years.forEach((year, i) => {
    const centre = plot.left + slot * (i + 0.5);
    const groupLeft = centre - groupWidth / 2;
    flows.forEach((flow, j) => {
      const usd = flow.value(year);
      if (usd === null) return;
      const millions = usd / 1e6;
      const x = groupLeft + j * barWidth + 1;
      const y = yOf(millions);
      ctx.fillStyle = flow.color;
      roundRect(ctx, x, y, barWidth - 2, plot.bottom - y, Math.min(3, (plot.bottom - y) / 2), true);
      ctx.fill();
      // The value on top of its bar, in the axis unit, so small bars stay readable.
      ctx.fillStyle = COLORS.text;
      ctx.font = font(600, barWidth < 34 ? 12 : 13);
      ctx.textAlign = 'center';
      ctx.fillText(formatMillions(millions), x + (barWidth - 2) / 2, y - 6);
    });
    ctx.fillStyle = COLORS.text;
    ctx.font = font(400, 16);
    ctx.textAlign = 'center';
    ctx.fillText(String(year.year), centre, plot.bottom + 26);
  });
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
