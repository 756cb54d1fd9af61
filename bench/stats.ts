/**
 * Small statistics and formatting helpers. Every figure the bench prints is a median of
 * several runs with its min–max, so one noisy run on a shared 2-core machine cannot
 * pass for the truth.
 */

export interface Spread {
  median: number;
  min: number;
  max: number;
  runs: number;
}

/** Linear-interpolated quantile (q in 0..1) of an unsorted sample. */
export function quantile(values: number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export function spread(values: number[]): Spread {
  return { median: quantile(values, 0.5), min: Math.min(...values), max: Math.max(...values), runs: values.length };
}

/** Latency percentiles of one run (all queries of that run). */
export interface Latency {
  p50: number;
  p99: number;
}

export function latency(samplesMs: number[]): Latency {
  return { p50: quantile(samplesMs, 0.5), p99: quantile(samplesMs, 0.99) };
}

/** p50/p99 over several runs: the median of each run's percentile, with the runs' min–max. */
export function latencySpread(runs: Latency[]): { p50: Spread; p99: Spread } {
  return { p50: spread(runs.map((r) => r.p50)), p99: spread(runs.map((r) => r.p99)) };
}

/** A number with sensible precision: 0.012, 1.23, 12.3, 1234. */
export function num(n: number): string {
  if (!Number.isFinite(n)) return '—';
  const a = Math.abs(n);
  if (a === 0) return '0';
  if (a < 0.1) return n.toFixed(3);
  if (a < 10) return n.toFixed(2);
  if (a < 100) return n.toFixed(1);
  return Math.round(n).toString();
}

/** `median (min–max)`, or just the value for a single run. */
export function fmt(s: Spread | undefined, unit = ''): string {
  if (!s || !Number.isFinite(s.median)) return '—';
  if (s.runs <= 1 || s.min === s.max) return `${num(s.median)}${unit}`;
  return `${num(s.median)}${unit} (${num(s.min)}–${num(s.max)})`;
}

export function ratio(a: number, b: number): string {
  if (!Number.isFinite(a) || !Number.isFinite(b) || b === 0) return '—';
  return `${num(a / b)}×`;
}

export const MB = 1024 * 1024;

/** A plain text table with aligned columns (left for the first, right for the rest). */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
