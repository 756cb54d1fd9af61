import { beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answer.js';
import { createEngine, type Engine } from '../../src/engine.js';
import { withoutChatWrapper } from '../../src/search/question.js';

/** What people wrap a question in says nothing of its topic: the answer is the bare question's. */

let engine: Engine;
beforeAll(async () => {
  engine = await createEngine();
});

const QUESTIONS = ['why were the direct flights between almaty and ulaanbaatar cancelled?', 'what is the third neighbor policy?', 'how many mongolian tourists visited kazakhstan?'];
const WRAPPERS = ['quick q: %', 'sorry if this is a dumb question but %', 'i was wondering, %', 'question: %', 'random q but %', 'does anyone know %', '% thanks!', '% pls', '% lol', 'sorry, quick question: % thx in advance'];

describe('a question wrapped in chat', () => {
  it('finds what the bare question finds', () => {
    for (const q of QUESTIONS) {
      const bare = answerQuestion(engine, q).passages.map((p) => p.paragraphId);
      for (const w of WRAPPERS) expect(answerQuestion(engine, w.replace('%', q)).passages.map((p) => p.paragraphId), w).toEqual(bare);
    }
  });

  it('loses only the wrapping: a question that asks about thanks, or says please as its verb, keeps them', () => {
    expect(withoutChatWrapper('who did the author thank?')).toBe('who did the author thank?');
    expect(withoutChatWrapper('please explain the third neighbor policy')).toBe('please explain the third neighbor policy');
    expect(withoutChatWrapper('what is the SCO? thanks')).toBe('what is the SCO?');
    expect(withoutChatWrapper('thanks')).toBe('thanks');
  });
});
