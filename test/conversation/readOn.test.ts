import { beforeAll, describe, expect, it } from 'vitest';
import { END_OF_DOCUMENT_MESSAGE, SEEN_CHARS } from '../../src/answer/readOn.js';
import { renderAnswerText, TERMINAL_QUOTE_CHARS } from '../../src/render/text.js';
import { createEngine, type Engine } from '../../src/engine.js';
import { converse } from './conversing.js';

/**
 * "go on", "continue", "keep going" after a passage: the reader wants what the text says next,
 * as when turning a page — not the next passages the search found ("more").
 */

let engine: Engine;
beforeAll(async () => {
  engine = await createEngine();
});

const shown = (turn: ReturnType<typeof converse>[number]) => {
  const p = turn.answer.passages[0]!;
  return { id: p.paragraphId, sentence: p.text.slice(p.highlight.start, p.highlight.end) };
};

describe('reading on from the passage shown', () => {
  it('is the text after what the quote showed, in the same paragraph, each “go on” from where the last one stopped', () => {
    // (A long paragraph: the quote shows part of it.)
    const [first, on, again] = converse(engine, 'why did mongolia and kazakhstan drift apart?', 'go on', 'keep going');
    const a = shown(first!);
    const b = shown(on!);
    const c = shown(again!);
    expect(on!.resolution.kind).toBe('readOn');
    expect(b.id).toBe(a.id);
    const text = first!.answer.passages[0]!.text;
    expect(text.indexOf(b.sentence)).toBeGreaterThan(text.indexOf(a.sentence));
    // Not a sentence the reader has just read: "go on" had shown the same quote again.
    expect(renderAnswerText(first!.answer, undefined, TERMINAL_QUOTE_CHARS)).not.toContain(b.sentence);
    expect(renderAnswerText(on!.answer, undefined, TERMINAL_QUOTE_CHARS)).not.toContain(c.sentence);
    expect(c.id === b.id ? text.indexOf(c.sentence) > text.indexOf(b.sentence) : true).toBe(true);
  });

  it('counts as seen no more than the smallest quote a renderer shows', () => {
    expect(SEEN_CHARS).toBeLessThanOrEqual(TERMINAL_QUOTE_CHARS);
  });

  it('past the paragraph’s last sentence is the next paragraph of the document, from its start', () => {
    const turns = converse(engine, 'what is schweller’s lamb?', ...Array.from({ length: 12 }, () => 'continue'));
    const ids = turns.map((t) => t.answer.passages[0]?.paragraphId);
    const [doc, start] = ids[0]!.split('/');
    const moved = ids.find((id) => id && id !== ids[0]);
    expect(moved).toBe(`${doc}/${Number(start) + 1}`);
    const at = turns.find((t) => t.answer.passages[0]?.paragraphId === moved)!;
    expect(at.answer.passages[0]!.highlight.start).toBe(0);
  });

  it('at the end of the document says so, and crashes nothing', () => {
    // (The op-ed's conclusion is its last paragraph: a few sentences, then the end.)
    const turns = converse(engine, 'what does miliate conclude?', ...Array.from({ length: 7 }, () => 'go on'));
    expect(turns[turns.length - 1]!.answer.message).toBe(END_OF_DOCUMENT_MESSAGE);
    expect(turns[turns.length - 2]!.answer.message).toBe(END_OF_DOCUMENT_MESSAGE);
  });

  it('“more” still pages to the next passages found', () => {
    const [first, more] = converse(engine, 'why are mongolia and kazakhstan so distant?', 'more');
    expect(more!.resolution.kind).toBe('more');
    expect(more!.answer.passages[0]!.paragraphId).not.toBe(first!.answer.passages[0]!.paragraphId);
  });
});
