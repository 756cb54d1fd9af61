import { excerptWindow } from '../answer/excerptWindow.js';
import { splitSentences } from '../search/sentences.js';

/**
 * Cutting text to a budget without breaking words or sentences: whole sentences are kept
 * around the one that matters, and "…" marks what was left out.
 */

export const ELLIPSIS = '…';

/** The first `end` UTF-16 units, minus a trailing half of a surrogate pair (Discord refuses invalid Unicode). */
function sliceWhole(text: string, end: number): string {
  const s = text.slice(0, end);
  return /[\ud800-\udbff]$/.test(s) ? s.slice(0, -1) : s;
}

/** Shortens to at most `max` characters, at a sentence end if one is near, else at a word. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return ELLIPSIS.slice(0, max);
  const room = sliceWhole(text, max - 1);
  const sentenceEnd = Math.max(room.lastIndexOf('. '), room.lastIndexOf('? '), room.lastIndexOf('! '));
  if (sentenceEnd > max * 0.6) return `${room.slice(0, sentenceEnd + 1)} ${ELLIPSIS}`.slice(0, max);
  const space = room.lastIndexOf(' ');
  const cut = space > max * 0.5 ? room.slice(0, space) : room;
  return `${cut.replace(/[\s,;:]+$/, '')}${ELLIPSIS}`;
}

export interface Excerpt {
  before: string;
  focus: string;
  after: string;
  cutStart: boolean;
  cutEnd: boolean;
}

/**
 * The best sentence (`highlight`) with as many whole neighbouring sentences as fit in
 * `max` characters, preferring the ones that follow it.
 */
export function excerptAround(text: string, highlight: { start: number; end: number } | undefined, max: number): Excerpt {
  const sentences = splitSentences(text);
  const focusIndex = highlight ? Math.max(0, sentences.findIndex((s) => s.start >= highlight.start - 1 && s.start <= highlight.end)) : 0;
  const focusSentence = sentences[focusIndex];
  if (!focusSentence) return { before: '', focus: truncate(text, max), after: '', cutStart: false, cutEnd: text.length > max };
  if (focusSentence.text.length + 2 > max) {
    return { before: '', focus: truncate(focusSentence.text, max - 2), after: '', cutStart: focusIndex > 0, cutEnd: true };
  }
  const { first, last } = excerptWindow(sentences, focusIndex, max);
  const join = (from: number, to: number) => sentences.slice(from, to).map((s) => s.text).join(' ');
  return {
    before: join(first, focusIndex),
    focus: focusSentence.text,
    after: join(focusIndex + 1, last + 1),
    cutStart: first > 0,
    cutEnd: last < sentences.length - 1,
  };
}

/**
 * An excerpt as one string: `focus` applied to the best sentence, `plain` to its
 * neighbours, "…" where sentences were left out.
 */
export function joinExcerpt(ex: Excerpt, focus: (s: string) => string, plain: (s: string) => string = (s) => s): string {
  const parts = [
    ex.cutStart ? ELLIPSIS : '',
    ex.before ? `${plain(ex.before)} ` : '',
    focus(ex.focus),
    ex.after ? ` ${plain(ex.after)}` : '',
    ex.cutEnd ? ` ${ELLIPSIS}` : '',
  ];
  return parts.join('').trim();
}
