import { describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answer.js';
import { createEngine } from '../../src/engine.js';
import { readableContext, turnReply, UNDERSTOOD_AS } from '../../src/reply/build.js';

// A real answer: the footer is a property of any answered turn.
const answer = answerQuestion(await createEngine(), 'does mongolia have an embassy in kyrgyzstan?');
const footerOf = (asked: string, resolved: string) => turnReply(answer, { asked, resolved }).footer ?? '';

describe('the footer’s “Understood as” line', () => {
  it('keeps the names, places and years carried from the turn before, not the words added to steer the search', () => {
    expect(readableContext('what do people there worry about? (Kyrgyzstan, Kemel Toktomushev, role, belt, tends)')).toBe('what do people there worry about? (Kyrgyzstan, Kemel Toktomushev)');
    expect(readableContext('and what goods? (Kazakhstan, 2019, exports)')).toBe('and what goods? (Kazakhstan, 2019)');
    expect(footerOf('why?', 'why: is the third neighbor policy in trouble? (Reeves, textbook, lamb)')).toMatch(/^Understood as: why: is the third neighbor policy in trouble\? \(Reeves\)\n/);
  });

  it('is left out when only such words were added: the question reads as typed', () => {
    expect(footerOf('is it in trouble?', 'is it in trouble? (textbook, strain)')).not.toContain(UNDERSTOOD_AS);
  });

  it('searches and pages the question as understood, context words and all', () => {
    const reply = turnReply(answer, { asked: 'why?', resolved: 'why: is it in trouble? (Reeves, lamb)' });
    expect(reply.question).toBe('why: is it in trouble? (Reeves, lamb)');
  });

  it('shows a question the reader wrote with brackets of their own as it was read', () => {
    expect(footerOf('what is the SCO (shanghai)?', 'what is the SCO (shanghai)? (Mongolia, observer)')).toContain('(Mongolia, observer)');
  });
});
