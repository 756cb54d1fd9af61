/**
 * Year-by-year trade between Mongolia and one partner, built from the Appendix table rows.
 * Values the source prints are carried as its rows (so they can be shown and cited as
 * printed); only the balance and the total are computed here.
 */
import type { TradeRow } from '../corpus/types.js';
import { countryFromWord } from './countries.js';

/** Which flows a question asks about; `both` also yields balance and total. */
export type TradeView = 'exports' | 'imports' | 'both';

export interface TradeQuery {
  /** Country name or demonym as the user typed it: `kazakh`, `Kyrgyzstani`, `KAZAKHSTAN`. */
  partner: string;
  direction?: TradeView;
  from?: number;
  to?: number;
}

export interface TradeYear {
  year: number;
  /** Mongolia's exports to the partner, as printed; null when absent or not asked for. */
  exports: TradeRow | null;
  /** The partner's exports to Mongolia (Mongolia's imports), as printed. */
  imports: TradeRow | null;
  /** exports − imports in US$, computed; null unless both rows are present. */
  balanceUsd: number | null;
  /** exports + imports in US$, computed; null unless both rows are present. */
  totalUsd: number | null;
}

export interface TradeSeries {
  /** Canonical partner name as the table prints it. */
  partner: string;
  direction: TradeView;
  /** First and last year covered, inclusive. */
  from: number;
  to: number;
  /** One entry per year, oldest first. */
  years: TradeYear[];
  /** Every source the values come from (document, table caption, page), for citations. */
  sources: TradeSource[];
}

export interface TradeSource {
  documentId: string;
  table: string;
  pages: number[];
}

/** A validation failure is a value: the caller shows `error` to the user as is. */
export type TradeSeriesResult = { ok: true; series: TradeSeries } | { ok: false; error: string };

/** Partners that have at least one table row, sorted. */
export function tradePartners(rows: readonly TradeRow[]): string[] {
  return [...new Set(rows.map((r) => r.partner))].sort();
}

/**
 * The table partner a user means, matching names and demonyms case-insensitively
 * (`kazakh` → Kazakhstan, `kirghiz` → Kyrgyzstan), or null.
 */
export function resolvePartner(input: string, partners: readonly string[]): string | null {
  const wanted = countryFromWord(input) ?? input.trim();
  return partners.find((p) => p.toLowerCase() === wanted.toLowerCase()) ?? null;
}

export function buildTradeSeries(rows: readonly TradeRow[], query: TradeQuery): TradeSeriesResult {
  const partners = tradePartners(rows);
  const partner = resolvePartner(query.partner, partners);
  if (!partner) {
    const known = partners.length > 0 ? partners.join(' and ') : 'no partner';
    return { ok: false, error: `No trade table for "${query.partner.trim()}": the corpus has tables for ${known}.` };
  }
  const direction = query.direction ?? 'both';
  const partnerRows = rows.filter((r) => r.partner === partner);
  const available = partnerRows.map((r) => r.year);
  const first = Math.min(...available);
  const last = Math.max(...available);
  const from = query.from ?? first;
  const to = query.to ?? last;

  for (const [label, year] of [['start', from], ['end', to]] as const) {
    if (!Number.isInteger(year)) return { ok: false, error: `The ${label} year must be a whole year, not "${year}".` };
  }
  if (from > to) return { ok: false, error: `The start year (${from}) is after the end year (${to}).` };
  if (from < first || to > last) {
    return {
      ok: false,
      error: `Trade figures for ${partner} cover ${first}–${last} only; ${from}–${to} is outside that range.`,
    };
  }

  const wants = (d: TradeRow['direction']) => direction === 'both' || direction === d;
  const years: TradeYear[] = [];
  for (let year = from; year <= to; year++) {
    // One document's row per direction and year: the first one found (the corpus has
    // one table per partner; a second source would be a disagreement, not a series).
    const pick = (d: TradeRow['direction']) =>
      wants(d) ? (partnerRows.find((r) => r.year === year && r.direction === d) ?? null) : null;
    const exports = pick('exports');
    const imports = pick('imports');
    const both = exports && imports;
    years.push({
      year,
      exports,
      imports,
      balanceUsd: both ? exports.valueUsd - imports.valueUsd : null,
      totalUsd: both ? exports.valueUsd + imports.valueUsd : null,
    });
  }
  return { ok: true, series: { partner, direction, from, to, years, sources: sourcesOf(years) } };
}

function sourcesOf(years: readonly TradeYear[]): TradeSource[] {
  const byTable = new Map<string, TradeSource>();
  for (const row of years.flatMap((y) => [y.exports, y.imports])) {
    if (!row) continue;
    const key = `${row.documentId}\u0000${row.table}`;
    const source = byTable.get(key) ?? { documentId: row.documentId, table: row.table, pages: [] };
    if (!source.pages.includes(row.page)) source.pages.push(row.page);
    byTable.set(key, source);
  }
  for (const s of byTable.values()) s.pages.sort((a, b) => a - b);
  return [...byTable.values()];
}

export { formatTradeTable, TABLE_LINE_WIDTH } from './tradeTable.js';
