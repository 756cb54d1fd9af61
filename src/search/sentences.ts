/**
 * Sentence splitting for marking the best sentence of a passage. natural's sentence
 * tokenizer splits at "U.S." and "p.2"; the sources are full of both, so this one only
 * splits where a sentence-final mark is followed by a space and a capital (or an opening
 * quote/bracket), and never after a known abbreviation or a single initial.
 */

const ABBREVIATIONS = new Set([
  'p', 'pp', 'al', 'e.g', 'i.e', 'cf', 'vs', 'etc', 'no', 'vol', 'ed', 'eds', 'fig', 'figs', 'mr', 'mrs', 'ms', 'dr',
  'prof', 'st', 'jr', 'sr', 'u.s', 'u.k', 'u.n', 'ibid', 'approx', 'ca', 'inc', 'ltd', 'co', 'corp', 'dept', 'gov',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'op', 'cit',
]);

export interface SentenceSpan {
  text: string;
  start: number;
  end: number;
}

/**
 * The sentences of a text, remembered: the index splits every paragraph it ranks, and the
 * reply splits the same paragraph again to cut its excerpt (1.1 ms an answer under the
 * bench's burst); both get the index's spans. Shared: callers must not change the array or
 * its spans (they are frozen). Bounded: at 8,192 texts the memory starts over.
 */
const remembered = new Map<string, readonly SentenceSpan[]>();
const REMEMBERED_MAX = 8192;

export function splitSentences(text: string): SentenceSpan[] {
  let spans = remembered.get(text);
  if (!spans) {
    if (remembered.size >= REMEMBERED_MAX) remembered.clear();
    spans = Object.freeze(split(text).map((s) => Object.freeze(s)));
    remembered.set(text, spans);
  }
  // Typed as mutable for the callers' sake; frozen, so a change throws instead of spreading.
  return spans as SentenceSpan[];
}

const LAST_WORD = /([\p{L}.]+)$/u;
/** How far back the last word is looked for first: abbreviations and initials are short. */
const LAST_WORD_REACH = 32;

/**
 * The run of letters and dots that ends at `at` (after `start`). Looked for in the last
 * LAST_WORD_REACH characters, and in all of the sentence so far only when the run reaches
 * back that far (or to a character short of it: half of a surrogate pair): the same run,
 * without the $-anchored search through the whole sentence at every full stop (a fifth of
 * a paragraph's analysis).
 */
function lastWordBefore(text: string, start: number, at: number): string {
  const from = Math.max(start, at - LAST_WORD_REACH);
  const near = LAST_WORD.exec(text.slice(from, at))?.[1] ?? '';
  if (from === start || near.length < at - from - 1) return near;
  return LAST_WORD.exec(text.slice(start, at))?.[1] ?? '';
}

function split(text: string): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  let start = 0;
  const boundary = /([.!?…]["'”’)\]]*)(\s+)(?=[\p{Lu}\d"“‘'([])/gu;
  for (const m of text.matchAll(boundary)) {
    const end = m.index + m[1]!.length;
    const lastWordRaw = lastWordBefore(text, start, m.index);
    const lastWord = lastWordRaw.toLowerCase();
    // Initials: `J.`, `Kh.`, `U.S.`
    const initial = /^\p{Lu}\p{Ll}?$/u.test(lastWordRaw) || /^(\p{L}\.)+\p{L}$/u.test(lastWord);
    if (m[1]!.startsWith('.') && (ABBREVIATIONS.has(lastWord) || initial)) {
      continue;
    }
    const sentence = text.slice(start, end).trim();
    if (sentence) spans.push({ text: sentence, start, end });
    start = m.index + m[0].length;
  }
  const rest = text.slice(start).trim();
  if (rest) spans.push({ text: rest, start, end: text.length });
  return spans;
}
