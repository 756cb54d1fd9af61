import { beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answer.js';
import { socialReply } from '../../src/answer/social.js';
import { createEngine, type Engine } from '../../src/engine.js';
import { converse } from '../conversation/conversing.js';

describe('a turn that is talk, not a question', () => {
  it('is answered in kind: thanks, greetings, goodbyes, acknowledgements', () => {
    for (const t of ['thanks', 'Thanks!', 'thx', 'ty', 'thank you so much', 'cheers steppe', 'ok thanks 🙏', 'great, thanks!']) expect(socialReply(t), t).toMatch(/^You’re welcome/);
    for (const t of ['hi', 'Hello there', 'hey steppe', 'good morning', 'yo']) expect(socialReply(t), t).toMatch(/^Hi!/);
    for (const t of ['bye', 'see you later', 'ok bye']) expect(socialReply(t), t).toBe('Bye! Ask any time.');
    for (const t of ['ok', 'cool', 'got it', 'interesting!', 'ok cool 👍', 'makes sense', 'lol']) expect(socialReply(t), t).toMatch(/^👍/);
  });

  it('a question about Steppe itself (“what can you do?”, “help”) says what it answers, how to follow up, and where the commands are', () => {
    for (const t of ['what can you do?', 'help', 'who are you?', 'hey, what can you do?', 'how do i use this', 'what can I ask you?']) {
      expect(socialReply(t), t).toMatch(/^I answer questions on Mongolia–Central Asia relations.*“why\?”.*\/help/);
    }
    // After an answer these ask about what was said.
    for (const t of ['how does it work?', 'what is this?', 'help for whom?', 'what can kazakhstan do?']) expect(socialReply(t), t).toBeNull();
  });

  it('is not a question that opens with a greeting or thanks, nor any other question', () => {
    for (const t of ['hi, why did the flights stop?', 'thanks, and Kyrgyzstan?', 'ok so who said that?', 'why?', 'and in 2016?', 'more', 'Kazakhstan', 'thanks to whom did trade grow?', 'what is the third neighbor policy?']) {
      expect(socialReply(t), t).toBeNull();
    }
  });
});

describe('answers to talk', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createEngine();
  });

  it('quote no passage: "thanks" is not searched', () => {
    const answer = answerQuestion(engine, 'thanks!');
    expect(answer.passages).toEqual([]);
    expect(answer.message).toMatch(/^You’re welcome/);
  });

  it('a turn that could not be searched is no frame for the next: “what does the article say about russia” after “what can you do?” is asked as it is', () => {
    const [help, next] = converse(engine, 'what can you do?', 'what does the article say about russia');
    expect(help!.answer.message).toMatch(/^I answer questions/);
    expect(next!.resolution.kind).toBe('standalone');
    expect(next!.resolution.resolved).toBe('what does the article say about russia');
    const [, , after] = converse(engine, 'how much did mongolia export to kazakhstan in 2016?', 'the', 'and kyrgyzstan?');
    expect(after!.answer.lead[0]).toMatch(/Kyrgyzstan.*2016|2016.*Kyrgyzstan/);
  });

  it('leave the conversation where it was: a follow-up after "thanks" follows the question before it', () => {
    const [, thanks, next] = converse(engine, 'how much did mongolia export to kazakhstan in 2016?', 'thx!', 'and kyrgyzstan?');
    expect(thanks!.answer.passages).toEqual([]);
    expect(next!.resolution.resolved.toLowerCase()).toContain('kyrgyzstan');
    expect(next!.answer.lead[0]).toMatch(/Kyrgyzstan/);
    expect(next!.answer.lead[0]).toMatch(/2016/);
  });
});
