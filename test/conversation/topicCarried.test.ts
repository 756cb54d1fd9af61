import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src/engine.js';
import { converse } from './conversing.js';

/**
 * What a follow-up carries from the turns before it: the question word alone asks the
 * question before again, a hyphenated topic word is carried whole, and “who is he?” is
 * who the person is.
 * Questions of these specs' own, not the evaluation sets'.
 */

let engine: Engine;
beforeAll(async () => {
  engine = await createEngine();
});

describe('what a follow-up carries', () => {
  it('“when?” alone asks the question before, with that question word', () => {
    const [, when] = converse(engine, 'how many kazakhs went back to kazakhstan from mongolia?', 'when?');
    expect(when!.resolution.resolved).toMatch(/^when: how many kazakhs went back to kazakhstan from mongolia\?/);
    expect(when!.answer.passages[0]!.text).toContain('Oralmandar program from 1990–92');
  });

  it('“where mostly?” is the question before asked with “where”, not a new search for “mostly”', () => {
    const [, where] = converse(engine, 'how many kazakhs are there in mongolia?', 'where mostly?');
    expect(where!.resolution.resolved).toMatch(/^where mostly: how many kazakhs are there in mongolia\?/);
    expect(where!.answer.passages[0]!.text).toContain('Bayan Olgii');
  });

  it('a hyphenated topic word (“multi-vectorism”) is carried to “it” whole', () => {
    const [, follow] = converse(engine, 'what does multi-vectorism mean?', 'does kyrgyzstan follow it?');
    expect(follow!.resolution.kind).toBe('contextual');
    expect(follow!.resolution.resolved).toContain('multi-vectorism');
  });

  it('“who is he?” after a question naming a document’s author is who the author is, asked without the words of the answer before', () => {
    const [, who] = converse(engine, 'what does miliate say about russia?', 'who is he?');
    expect(who!.resolution.resolved).toBe('who is Miliate?');
    expect(who!.answer.lead[0]).toMatch(/Brandon Miliate\*\* \(Indiana University\)/);
  });

  it('“does the other article agree?” drops the first one’s author from what it carries', () => {
    const [, , other] = converse(engine, 'why did central asian unity fail according to miliate?', 'and what did mongolia do about it', 'does the other article agree?');
    expect(other!.resolution.documentId).toBe('irgengioro-2022');
    expect(other!.resolution.resolved).not.toMatch(/miliate|\(\s*\)|\(,/i);
  });

  it('“and on X?”, “and about X?” ask the question before of a new topic', () => {
    const [, sources] = converse(engine, 'what are the sources on kyrgyz debt?', 'and on the dalai lama?');
    expect(sources!.resolution.resolved).toBe('what are the sources on the dalai lama?');
    expect(sources!.answer.lead[0]).toMatch(/^Works cited on/);
    const [, about] = converse(engine, 'what does miliate say about china?', 'and about russia?');
    expect(about!.resolution.resolved).toBe('what does miliate say about russia?');
  });
});

describe('the words a follow-up borrows from the answer before', () => {
  it('are never a modal in lower case (“if I may” is not the month), however rare the corpus makes it', async () => {
    const { rareWords } = await import('../../src/conversation/words.js');
    expect(rareWords(engine, 'And the second question, if I may, is about the Oralmandar program.', new Set(), 5)).not.toContain('may');
    expect(rareWords(engine, 'The treaty was signed in May by both presidents.', new Set(), 5)).toContain('May');
  });
});
