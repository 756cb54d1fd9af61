import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src/engine.js';
import { converse } from './conversing.js';

/**
 * What a follow-up carries from the turns before it: the question word alone asks the
 * question before again, a hyphenated topic word is carried whole, and the topic of the
 * question two turns back survives a middle turn that named it only by a pronoun or not at all.
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

  it('the rarest word of the question two turns back is still in context after a middle turn that stood alone', () => {
    const [, , third] = converse(engine, 'what did the oralmandar program do?', 'how many kazakhs came back to mongolia?', 'was it a success?');
    expect(third!.resolution.resolved.toLowerCase()).toContain('oralmandar');
  });
});
