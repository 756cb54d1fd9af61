/**
 * Years written in prose: single years ("in 2019", "by 1996") and periods ("between 2013
 * and 2017", "from 1990–92"), found in masked text (citations already blanked).
 */
import type { Span } from './sentences.js';

export interface YearMention extends Span {
  year: number;
  /** Part of a period: a figure next to it is not about one year. */
  inPeriod: boolean;
  /** Introduced by a time preposition ("in", "since", "by", "until", "in the year"). */
  dated: boolean;
}

const YEAR = /(?<![\p{L}\d$.,-])(1[5-9]\d\d|20\d\d)(?![\p{L}\d]|,\d)/gu;
const PERIODS = [
  /(?<![\d])(1[5-9]\d\d|20\d\d)\s*[–-]\s*(\d{2,4})(?!\d)/g,
  /\bbetween\s+(?:the\s+years\s+)?(1[5-9]\d\d|20\d\d)\s+and\s+(1[5-9]\d\d|20\d\d)\b/gi,
  /\bfrom\s+(1[5-9]\d\d|20\d\d)\s+(?:to|until|till)\s+(1[5-9]\d\d|20\d\d)\b/gi,
];
const TIME_PREPOSITION = /\b(?:in|since|by|until|till|from|during|before|after|in the year|as of)\s+$/i;

export function findYears(masked: string, span: Span): YearMention[] {
  const text = masked.slice(span.start, span.end);
  const periods: Span[] = PERIODS.flatMap((p) => [...text.matchAll(p)].map((m) => ({ start: m.index, end: m.index + m[0].length })));
  const years: YearMention[] = [];
  for (const m of text.matchAll(YEAR)) {
    const start = m.index;
    const end = start + m[0].length;
    years.push({
      year: Number(m[1]),
      start: span.start + start,
      end: span.start + end,
      inPeriod: periods.some((p) => start >= p.start && end <= p.end),
      dated: TIME_PREPOSITION.test(text.slice(Math.max(0, start - 20), start)),
    });
  }
  return years;
}

/**
 * The one year a figure is about: the clause's single year, else the sentence's single
 * year; null when there is none, several, or the nearest mention is a period.
 */
export function yearOf(clauseYears: readonly YearMention[], sentenceYears: readonly YearMention[]): number | null {
  for (const scope of [clauseYears, sentenceYears]) {
    if (scope.length === 0) continue;
    if (scope.some((y) => y.inPeriod)) return null;
    const distinct = new Set(scope.map((y) => y.year));
    return distinct.size === 1 ? scope[0]!.year : null;
  }
  return null;
}
