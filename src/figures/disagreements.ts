/**
 * Where sources state different values for the same measure: a prose figure against an
 * Appendix table row, or two documents against each other. "Same measure" is decided by
 * general rules only: equal measure key (measure word + set of countries, at least one), compatible unit,
 * compatible direction, and the same year — or an undated statement ("Trade currently
 * stands at…", "Only five … annually") set against every dated figure of that measure.
 */
import type { TradeRow } from '../corpus/types.js';
import type { FigureRecord, FigureUnit } from './extract.js';
import { findUsdAmounts, formatUsd } from './money.js';
import type { Flow } from './prose/roles.js';
import { measureKey } from './measureKey.js';

export type FigureSource =
  | { kind: 'prose'; documentId: string; paragraphId: string; page: number; sentence: string }
  /** `computed`: a trade total the bot added up from two printed cells. */
  | { kind: 'table'; documentId: string; table: string; page: number; computed: boolean };

/**
 * A figure from prose or from a table, in one shape so they can be compared: the fields a
 * prose record has (see FigureRecord; for table cells `text` is the cell as printed or a
 * formatted computed total, and `qualifier` is null), plus where it comes from.
 */
export type ComparableFigure = Pick<
  FigureRecord,
  'value' | 'unit' | 'text' | 'qualifier' | 'precision' | 'measure' | 'measureKey' | 'flow' | 'year'
> & { source: FigureSource };

export interface Disagreement {
  measureKey: string;
  /** Description of the measure, from the first figure: "exports from Kyrgyzstan to Mongolia". */
  measure: string;
  unit: FigureUnit;
  flow: Flow | null;
  /** The year compared; null when an undated statement is set against the other figures. */
  year: number | null;
  /** Every figure of the comparison, prose first; at least two sources, not all agreeing. */
  figures: ComparableFigure[];
}

const HOME = 'Mongolia';

/** Appendix rows as figures, plus each year's total trade (computed, and marked so). */
export function tableFigures(rows: readonly TradeRow[]): ComparableFigure[] {
  const figures: ComparableFigure[] = [];
  const pairs = new Map<string, TradeRow[]>();
  for (const row of rows) {
    const flow = row.direction === 'exports' ? { from: HOME, to: row.partner } : { from: row.partner, to: HOME };
    figures.push({
      value: row.valueUsd,
      unit: 'USD',
      text: row.valueText,
      qualifier: null,
      precision: findUsdAmounts(row.valueText)[0]?.precision ?? 1,
      measure: `exports from ${flow.from} to ${flow.to}`,
      measureKey: measureKey('exports', [flow.from, flow.to]),
      flow,
      year: row.year,
      source: { kind: 'table', documentId: row.documentId, table: row.table, page: row.page, computed: false },
    });
    const key = `${row.documentId}|${row.partner}|${row.year}`;
    pairs.set(key, [...(pairs.get(key) ?? []), row]);
  }
  for (const pair of pairs.values()) {
    const exports = pair.find((r) => r.direction === 'exports');
    const imports = pair.find((r) => r.direction === 'imports');
    if (!exports || !imports) continue;
    const total = exports.valueUsd + imports.valueUsd;
    const precisions = [exports, imports].map((r) => findUsdAmounts(r.valueText)[0]?.precision ?? 1);
    figures.push({
      value: total,
      unit: 'USD',
      text: formatUsd(total),
      qualifier: null,
      precision: Math.max(...precisions),
      measure: `trade: ${HOME}, ${exports.partner}`,
      measureKey: measureKey('trade', [HOME, exports.partner]),
      flow: null,
      year: exports.year,
      source: { kind: 'table', documentId: exports.documentId, table: exports.table, page: exports.page, computed: true },
    });
  }
  return figures;
}

export function proseFigures(records: readonly FigureRecord[]): ComparableFigure[] {
  return records.map((r) => ({
    value: r.value,
    unit: r.unit,
    text: r.text,
    qualifier: r.qualifier,
    precision: r.precision,
    measure: r.measure,
    measureKey: r.measureKey,
    flow: r.flow,
    year: r.year,
    source: { kind: 'prose', documentId: r.documentId, paragraphId: r.paragraphId, page: r.page, sentence: r.sentence },
  }));
}

export function findDisagreements(records: readonly FigureRecord[], tradeRows: readonly TradeRow[]): Disagreement[] {
  // A measure with no country or subject ("share", "participants") says too little to tell
  // two statements are about the same thing: "42.7%" of one paper's corpus and "99%" of
  // another's are not a disagreement.
  // Only figures whose measure and countries the text states (FigureRecord.stated) are
  // compared; no percentages ("10% of the population under arms" and "2% of Asia's
  // population" share a measure word, not a measure) and no event years (China and India
  // signed agreements in 1956 and in 1960: two agreements, not two dates for one).
  const all = [...proseFigures(records.filter((r) => r.stated)), ...tableFigures(tradeRows)].filter(
    (f) => f.measureKey.includes('|') && f.unit !== 'percent' && f.unit !== 'year',
  );
  const buckets = groupBy(all, (f) => `${f.measureKey}#${unitFamily(f.unit)}`);
  const found = new Map<string, Disagreement>();
  for (const bucket of buckets.values()) {
    for (const part of flowPartitions(bucket)) {
      for (const group of comparisons(part)) {
        if (!conflicting(group.figures) || !plausiblyOneMeasure(group)) continue;
        const figures = [...group.figures].sort(proseFirst);
        const signature = `${group.year}|${figures.map(figureId).join(',')}`;
        const first = figures[0]!;
        const flow = figures.find((f) => f.flow)?.flow ?? null;
        found.set(signature, { measureKey: first.measureKey, measure: first.measure, unit: first.unit, flow, year: group.year, figures });
      }
    }
  }
  return [...found.values()].sort((a, b) => a.measureKey.localeCompare(b.measureKey) || (a.year ?? 0) - (b.year ?? 0));
}

/**
 * A measure between two countries ("exports from Kazakhstan to Mongolia", "Mongolian
 * students in Kazakhstan") is specific enough to set "only five" against "around 250". One
 * country's stock ("investment in Kazakhstan", "population: Mongolia") is not: imported
 * encyclopedias and factbooks give a dozen such figures of different things (total and per
 * capita, a province, a war's dead). For those, only figures of one year within a factor of
 * STOCK_RATIO of each other — a revision or another estimate — are a disagreement.
 */
const STOCK_RATIO = 3;

function plausiblyOneMeasure(group: { year: number | null; figures: ComparableFigure[] }): boolean {
  const countries = group.figures[0]!.measureKey.split('|').length - 1;
  if (countries >= 2) return true;
  if (group.year === null) return false;
  const values = group.figures.map((f) => Math.abs(f.value)).filter((v) => v > 0);
  return values.length >= 2 && Math.max(...values) <= STOCK_RATIO * Math.min(...values);
}

/** People and counts compare; every other unit only with itself. */
function unitFamily(unit: FigureUnit): string {
  return unit === 'people' ? 'count' : unit;
}

/** One part per known direction, each with the figures whose direction is unknown. */
function flowPartitions(bucket: ComparableFigure[]): ComparableFigure[][] {
  const flowKeys = [...new Set(bucket.filter((f) => f.flow).map((f) => flowKey(f.flow!)))];
  if (flowKeys.length === 0) return [bucket];
  return flowKeys.map((k) => bucket.filter((f) => !f.flow || flowKey(f.flow) === k));
}

/**
 * Same-year groups, plus one group per part that has undated figures: those are set
 * against everything else in the part, since "currently" may mean any of the years.
 */
function comparisons(part: ComparableFigure[]): { year: number | null; figures: ComparableFigure[] }[] {
  const groups: { year: number | null; figures: ComparableFigure[] }[] = [];
  for (const [year, figures] of groupBy(part.filter((f) => f.year !== null), (f) => String(f.year))) {
    groups.push({ year: Number(year), figures });
  }
  if (part.some((f) => f.year === null)) groups.push({ year: null, figures: part });
  return groups;
}

/**
 * True when some figure has a figure from another source and agrees with none of them.
 * For a same-year group that is any differing pair; for an undated statement against a
 * series, it means no year of the series matches the statement.
 */
function conflicting(figures: ComparableFigure[]): boolean {
  const undated = figures.filter((f) => f.year === null);
  const candidates = undated.length > 0 ? undated : figures;
  return candidates.some((f) => {
    const others = figures.filter((o) => sourceId(o) !== sourceId(f));
    return others.length > 0 && !others.some((o) => agree(f, o));
  });
}

/** Two figures agree when the ranges they allow overlap (see `allowedRange`). */
function agree(a: ComparableFigure, b: ComparableFigure): boolean {
  const [aLow, aHigh] = allowedRange(a);
  const [bLow, bHigh] = allowedRange(b);
  return aLow <= bHigh + 1e-9 && bLow <= aHigh + 1e-9;
}

/**
 * The values a figure allows: half a unit of its last printed digit either side ("$58.1
 * million" = "$58.1 M"), widened or bounded by its hedge: "less than 40" allows 37,
 * "around 250" allows ±10 %, "a little over 43 million" allows up to 10 % more.
 */
export function allowedRange(f: Pick<ComparableFigure, 'value' | 'precision' | 'qualifier'>): [number, number] {
  const v = f.value;
  const half = f.precision / 2;
  const q = (f.qualifier ?? '').toLowerCase();
  const has = (words: string) => new RegExp(`\\b(?:${words})\\b`).test(q);
  if (has('a little over|a little more than|just over|slightly over')) return [v, v * 1.1 + half];
  if (has('more than|over|above|at least|well over')) return [v, Infinity];
  if (has('a little under|just under|slightly under|nearly|almost')) return [v * 0.9 - half, v];
  if (has('less than|fewer than|under|below|at most|up to')) return [0, v];
  if (has('around|about|approximately|roughly|some|circa|an estimated|estimated')) return [v * 0.9 - half, v * 1.1 + half];
  return [v - half, v + half];
}

/** Sources are documents, with a document's tables apart from its prose. */
function sourceId(f: ComparableFigure): string {
  return `${f.source.documentId}#${f.source.kind}`;
}

function figureId(f: ComparableFigure): string {
  const s = f.source;
  return s.kind === 'prose' ? `${s.paragraphId}:${f.text}` : `${s.documentId}:${s.table}:${f.year}:${f.text}:${s.computed}`;
}

function flowKey(flow: Flow): string {
  return `${flow.from}>${flow.to}`;
}

function proseFirst(a: ComparableFigure, b: ComparableFigure): number {
  const rank = (f: ComparableFigure) => (f.source.kind === 'prose' ? 0 : 1);
  return rank(a) - rank(b) || (a.year ?? 0) - (b.year ?? 0);
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    map.set(k, [...(map.get(k) ?? []), item]);
  }
  return map;
}
