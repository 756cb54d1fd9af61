import type { SentenceSpan } from '../search/sentences.js';

/**
 * Which whole sentences a quote of at most `max` characters shows around sentence `focus`:
 * the neighbours added one at a time, the one after first, while they fit (each counted with a
 * space, and 2 for the marks around the quote). The renderers cut their excerpts by it, and
 * "go on" reads on from past its last sentence — past what the reader has seen.
 */
export function excerptWindow(sentences: readonly SentenceSpan[], focus: number, max: number): { first: number; last: number } {
  let first = focus;
  let last = focus;
  // The length kept as the window grows: summing the sentences again at every step made a long
  // paragraph's excerpt quadratic.
  let length = sentences[focus]!.text.length + 3;
  let grew = true;
  while (grew) {
    grew = false;
    if (last + 1 < sentences.length && length + sentences[last + 1]!.text.length + 1 <= max) {
      last++;
      length += sentences[last]!.text.length + 1;
      grew = true;
    }
    if (first > 0 && length + sentences[first - 1]!.text.length + 1 <= max) {
      first--;
      length += sentences[first]!.text.length + 1;
      grew = true;
    }
  }
  return { first, last };
}
