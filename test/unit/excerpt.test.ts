import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { excerptAround } from '../../src/render/fit.js';
import { splitSentences } from '../../src/search/sentences.js';

/**
 * What an answer quotes of a passage: the best sentence and as many whole sentences around
 * it as fit, one after it first, then one before it, in turn. The reference below is that
 * rule as first written (the length summed again at each step); excerptAround keeps the
 * length as it grows, and must choose the same sentences.
 */
function reference(text: string, highlight: { start: number; end: number }, max: number) {
  const sentences = splitSentences(text);
  const focus = Math.max(0, sentences.findIndex((s) => s.start >= highlight.start - 1 && s.start <= highlight.end));
  let first = focus;
  let last = focus;
  const length = () => sentences.slice(first, last + 1).reduce((n, s) => n + s.text.length + 1, 0) + 2;
  let grew = true;
  while (grew) {
    grew = false;
    if (last + 1 < sentences.length && length() + sentences[last + 1]!.text.length + 1 <= max) {
      last++;
      grew = true;
    }
    if (first > 0 && length() + sentences[first - 1]!.text.length + 1 <= max) {
      first--;
      grew = true;
    }
  }
  return { first, last, count: sentences.length };
}

const sentence = fc
  .tuple(fc.integer({ min: 1, max: 30 }), fc.constantFrom('.', '?', '!'))
  .map(([words, end]) => `${Array.from({ length: words }, (_, i) => (i === 0 ? 'Steppe' : 'word')).join(' ')}${end}`);

describe('excerptAround', () => {
  it('keeps the best sentence whole with the neighbours that fit, the one after it first', () => {
    const sentences = Array.from({ length: 9 }, (_, i) => `Sentence ${i + 1} is about the steppe.`);
    const text = sentences.join(' ');
    const start = text.indexOf(sentences[4]!);
    const room = sentences[4]!.length + sentences[5]!.length + 4;
    const ex = excerptAround(text, { start, end: start + sentences[4]!.length }, room);
    expect(ex).toEqual({ before: '', focus: sentences[4], after: sentences[5], cutStart: true, cutEnd: true });
  });

  it('chooses the same sentences as the rule summed again at every step', () => {
    fc.assert(
      fc.property(fc.array(sentence, { minLength: 1, maxLength: 25 }), fc.nat(), fc.integer({ min: 20, max: 1500 }), (parts, pick, max) => {
        const text = parts.join(' ');
        const sentences = splitSentences(text);
        const chosen = sentences[pick % sentences.length]!;
        const highlight = { start: chosen.start, end: chosen.end };
        const ex = excerptAround(text, highlight, max);
        const want = reference(text, highlight, max);
        const focus = sentences[Math.max(0, sentences.findIndex((s) => s.start >= highlight.start - 1 && s.start <= highlight.end))]!;
        // A best sentence longer than the budget is cut alone (not the rule under test).
        fc.pre(focus.text.length + 2 <= max);
        const join = (from: number, to: number) => sentences.slice(from, to).map((s) => s.text).join(' ');
        const at = sentences.indexOf(focus);
        expect(ex.before).toBe(join(want.first, at));
        expect(ex.after).toBe(join(at + 1, want.last + 1));
        expect(ex.cutStart).toBe(want.first > 0);
        expect(ex.cutEnd).toBe(want.last < want.count - 1);
      }),
      { numRuns: 300 },
    );
  });
});
