/**
 * Numbers as prose writes them, before anyone decides what they count: dollar amounts,
 * percentages, distances, rankings ("35th-largest"), digits ("16,264", "7300") and number
 * words ("five", "three million"), each with the hedge in front of it ("only", "around",
 * "a little over"). Years are found separately (`years.ts`).
 */
import { findUsdAmounts, lastDigitPlace } from '../money.js';
import type { Span } from './sentences.js';

export type QuantityKind = 'money' | 'percent' | 'km' | 'rank' | 'number';

export interface Quantity extends Span {
  kind: QuantityKind;
  value: number;
  /** The number as written, hedge included: "around 250", "a little over US$43 million". */
  text: string;
  /** The hedge alone ("around", "only about"), or null. */
  qualifier: string | null;
  /** Place value of the last written digit, in the value's unit (see `lastDigitPlace`). */
  precision: number;
  /** Written with a scale word ("three million", "1.4 billion"). */
  scaled: boolean;
  /** Spelled out ("five") rather than written in digits. */
  spelled: boolean;
  /** For rankings: the word after "largest" etc. ("investor"), to find what is ranked. */
  rankedWord?: string;
}

const HEDGE =
  'a little over|a little more than|a little under|just over|just under|well over|more than|less than|fewer than|at least|at most|up to|an estimated|nearly|almost|around|about|approximately|roughly|some|only|over|under|below|above|circa|just|merely';
const QUALIFIER_BEFORE = new RegExp(`\\b((?:(?:${HEDGE})\\s+){1,2})(?:the\\s+)?$`, 'i');

const ONES = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const SCALE_WORDS: Record<string, number> = { hundred: 1e2, thousand: 1e3, million: 1e6, billion: 1e9 };
const ORDINALS = ['', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];

const WORD_NUMBER = new RegExp(
  `\\b(?:(${TENS.filter(Boolean).join('|')})(?:[-\\s](${ONES.slice(1, 10).join('|')}))?|(${ONES.slice(1).join('|')}))(?:\\s+(hundred|thousand|million|billion))?\\b`,
  'gi',
);
/**
 * Digits not glued to letters, hyphens or other digits ("COVID-19", "G039220N", "1990–92"),
 * except a compact scale ("81.1M papers", "12K users", "3B parameters").
 */
const DIGITS =
  /(?<![\p{L}\d.,$\\–-])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?:([KMB])(?![\p{L}\d])|(?![\p{L}\d%]|[.,]\d)(?:\s+(thousand|million|billion)\b)?)/gu;
const COMPACT_SCALE: Record<string, number> = { K: 1e3, M: 1e6, B: 1e9 };
const PERCENT = /(?<![\p{L}\d.])(\d+)(?:\.(\d+))?\s?(?:%|percent\b|per cent\b)/gu;
const KM = /(?<![\p{L}\d.])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s?-?\s?(?:kilometers|kilometres|km)\b/gu;
const RANK_DIGITS = /\b(\d+)(?:st|nd|rd|th)[-\s]+(largest|biggest|smallest|highest|lowest|most important|top)(?:\s+([\p{L}-]+))?/giu;
const RANK_WORDS = new RegExp(
  `\\b(${ORDINALS.filter(Boolean).join('|')})[-\\s]+(largest|biggest|smallest|highest|lowest|most important)(?:\\s+([\\p{L}-]+(?:\\s+[\\p{L}-]+)?))?`,
  'giu',
);

/** Every quantity in `span` of `masked`, in order, none overlapping another. */
export function findQuantities(masked: string, span: Span): Quantity[] {
  const text = masked.slice(span.start, span.end);
  const found: Quantity[] = [];
  const taken = (start: number, end: number) => found.some((q) => start < q.end && end > q.start);
  const add = (q: Omit<Quantity, 'text' | 'qualifier' | 'start' | 'end'>, localStart: number, localEnd: number) => {
    const start = span.start + localStart;
    const end = span.start + localEnd;
    if (taken(start, end)) return;
    const hedge = QUALIFIER_BEFORE.exec(masked.slice(span.start, start));
    const qualifier = hedge ? hedge[1]!.trim().replace(/\s+/g, ' ') : null;
    const textStart = hedge ? span.start + hedge.index : start;
    found.push({ ...q, start, end, qualifier, text: masked.slice(textStart, end).replace(/\s+/g, ' ').replace(/\\\$/g, '$') });
  };

  for (const a of findUsdAmounts(text)) {
    add({ kind: 'money', value: a.value, precision: a.precision, scaled: /[a-z]$/i.test(a.text), spelled: false }, a.index, a.end);
  }
  for (const m of text.matchAll(PERCENT)) {
    add({ kind: 'percent', value: Number(`${m[1]}${m[2] ? `.${m[2]}` : ''}`), precision: lastDigitPlace(m[1]!, m[2] ?? ''), scaled: false, spelled: false }, m.index, m.index + m[0].length);
  }
  for (const m of text.matchAll(KM)) {
    const whole = m[1]!.replace(/,/g, '');
    add({ kind: 'km', value: Number(`${whole}${m[2] ? `.${m[2]}` : ''}`), precision: lastDigitPlace(whole, m[2] ?? ''), scaled: false, spelled: false }, m.index, m.index + m[0].length);
  }
  for (const m of text.matchAll(RANK_DIGITS)) {
    add({ kind: 'rank', value: Number(m[1]), precision: 1, scaled: false, spelled: false, rankedWord: m[3] }, m.index, m.index + m[0].length - (m[3] ? m[3].length + 1 : 0));
  }
  for (const m of text.matchAll(RANK_WORDS)) {
    const ranked = m[3];
    add({ kind: 'rank', value: ORDINALS.indexOf(m[1]!.toLowerCase()), precision: 1, scaled: false, spelled: true, rankedWord: ranked }, m.index, m.index + m[1]!.length + 1 + m[2]!.length);
  }
  for (const m of text.matchAll(DIGITS)) {
    const whole = m[1]!.replace(/,/g, '');
    const scale = m[3] ? COMPACT_SCALE[m[3]]! : m[4] ? SCALE_WORDS[m[4].toLowerCase()]! : 1;
    const printed = Number(`${whole}${m[2] ? `.${m[2]}` : ''}`);
    add({ kind: 'number', value: Math.round(printed * scale), precision: lastDigitPlace(whole, m[2] ?? '') * scale, scaled: scale > 1, spelled: false }, m.index, m.index + m[0].length);
  }
  for (const m of text.matchAll(WORD_NUMBER)) {
    const base = m[3] ? ONES.indexOf(m[3].toLowerCase()) : TENS.indexOf(m[1]!.toLowerCase()) * 10 + (m[2] ? ONES.indexOf(m[2].toLowerCase()) : 0);
    const scale = m[4] ? SCALE_WORDS[m[4].toLowerCase()]! : 1;
    add({ kind: 'number', value: base * scale, precision: scale, scaled: scale > 1, spelled: true }, m.index, m.index + m[0].length);
  }
  return found.sort((a, b) => a.start - b.start);
}

/** A bare four-digit number that reads as a year ("in 1992"), not a count ("7300 students"). */
export function looksLikeYear(q: Quantity): boolean {
  return q.kind === 'number' && !q.spelled && !q.scaled && Number.isInteger(q.value) && q.value >= 1500 && q.value <= 2100 && !q.text.includes(',');
}
