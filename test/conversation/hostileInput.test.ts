import { beforeAll, describe, expect, it } from 'vitest';
import { answerTurn, turnText } from '../../src/conversation/converse.js';
import { createEngine, type Engine } from '../../src/engine.js';
import { MAX_QUESTION_LENGTH } from '../../src/search/question.js';
import { converse } from './conversing.js';

/**
 * Input no one types as a question, which must not slow the bot for everyone else: turns
 * are read by hundreds of patterns, and a few of them grow faster than linearly with a run
 * of white space or punctuation ("so" and 2,000 tabs took 1.7 s). What reaches them is cut
 * to a question's length and its white space to single spaces first.
 */

let engine: Engine;
beforeAll(async () => {
  engine = await createEngine();
});

describe('a turn longer than a question', () => {
  it('is told it is too long, not read in the conversation, and leaves the conversation as it was', () => {
    const [first] = converse(engine, 'what does the article say about trade?');
    const long = `and kyrgyzstan? ${'so what about it '.repeat(70)}`;
    expect(long.length).toBeGreaterThan(MAX_QUESTION_LENGTH);
    const next = answerTurn(engine, first!.state, long);
    expect(next.answer.status).toBe('invalid');
    expect(next.answer.message).toMatch(/too long/);
    expect(next.resolution.kind).toBe('standalone');
    expect(next.state).toBe(first!.state);
  });
});

describe('what the patterns read of a turn', () => {
  it('is the turn with any run of white space (tabs, new lines, zero-width marks) as one space', () => {
    expect(turnText(`so${'\t'.repeat(900)}x`)).toBe('so x');
    expect(turnText(' and\n\n  kyrgyzstan?\u200b ')).toBe('and kyrgyzstan?');
  });

  it('is nothing for a turn longer than a question', () => {
    expect(turnText('a'.repeat(MAX_QUESTION_LENGTH + 1))).toBeNull();
    expect(turnText('a'.repeat(MAX_QUESTION_LENGTH))).not.toBeNull();
  });
});

describe('a follow-up, then a remark', () => {
  it('is still read as the follow-up ("kazakhstan too? it’s pretty big.")', () => {
    const [, turn] = converse(engine, 'how much did mongolia export to kyrgyzstan in 2015?', 'kazakhstan too? it’s pretty big.');
    expect(turn!.resolution.kind).not.toBe('standalone');
    expect(turn!.resolution.resolved).toMatch(/Kazakhstan/i);
    expect(turn!.resolution.resolved).not.toMatch(/pretty big/);
  });

  it('random characters after a question are answered like any turn, not crash it', () => {
    const noise = '=%Y ? o)sg#D6#HL<!f/@yG0~Q~I;UEEHgnCg+Q?rH?2#n15`OU0G?P66v<eQz=`q"k4~Pmrjbn6h4W|2e<t=<qVN*>MIX;^%QhtwqA_;4P.EUp8Vn[VU%1C[hif';
    const [, turn] = converse(engine, 'what does the article say about trade?', noise);
    expect(['answered', 'no-match', 'invalid']).toContain(turn!.answer.status);
  });
});
