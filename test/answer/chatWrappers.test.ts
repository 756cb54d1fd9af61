import { beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answer.js';
import { createEngine, type Engine } from '../../src/engine.js';
import { withoutChatNoise } from '../../src/search/question.js';

/** What people wrap a question in (chat openers, thanks, links, capitals) says nothing of its topic: the answer is the bare question's. */

let engine: Engine;
beforeAll(async () => {
  engine = await createEngine();
});

const QUESTIONS = ['why were the direct flights between almaty and ulaanbaatar cancelled?', 'what is the third neighbor policy?', 'how many mongolian tourists visited kazakhstan?'];
const WRAPPERS = ['hi all, %', 'hey everyone - %', 'https://example.com/page %', '% www.example.org', 'quick q: %', 'sorry if this is a dumb question but %', 'i was wondering, %', 'question: %', 'random q but %', 'does anyone know %', '% thanks!', '% pls', '% lol', 'sorry, quick question: % thx in advance', '@Steppe %', 'steppe, %', 'hey steppe: %', '% (asking for my thesis)', 'for my class project: %', 'Hello, %', 'good morning! %', 'ok %', 'hm. %', 'um, %', 'alright, %', 'ok dumb question but %', 'exam tmrw. %', 'essay due tonight - %', 'IR essay q: %', 'think-tank q: %'];

describe('a question wrapped in chat', () => {
  it('finds what the bare question finds', () => {
    for (const q of QUESTIONS) {
      const bare = answerQuestion(engine, q).passages.map((p) => p.paragraphId);
      for (const w of WRAPPERS) expect(answerQuestion(engine, w.replace('%', q)).passages.map((p) => p.paragraphId), w).toEqual(bare);
      // Shouted, or typed with runs of spaces: the same question.
      expect(answerQuestion(engine, q.toUpperCase()).passages.map((p) => p.paragraphId)).toEqual(bare);
      expect(answerQuestion(engine, q.replace(/ /g, '   ')).passages.map((p) => p.paragraphId)).toEqual(bare);
    }
  });

  it('loses only the wrapping: a question that asks about thanks, or says please as its verb, keeps them', () => {
    expect(withoutChatNoise('who did the author thank?')).toBe('who did the author thank?');
    expect(withoutChatNoise('please explain the third neighbor policy')).toBe('please explain the third neighbor policy');
    // The bot's name is a vocative only when it calls the bot: "steppe cooperation" is a topic.
    expect(withoutChatNoise('steppe cooperation, what is it?')).toBe('steppe cooperation, what is it?');
    // Why a researcher asks is not what: the topic stays, "writing", "keep", "sure" go.
    expect(withoutChatNoise("so i'm writing a paper on mongolian foreign policy and i keep seeing the third neighbor policy mentioned, but i'm not sure what it means")).toBe('mongolian foreign policy and the third neighbor policy mentioned, but what it means');
    expect(withoutChatNoise('what does it take for a paper to be peer reviewed?')).toBe('what does it take for a paper to be peer reviewed?');
    expect(withoutChatNoise('what is the SCO? thanks')).toBe('what is the SCO?');
    expect(withoutChatNoise('thanks')).toBe('thanks');
  });

  it('loses what the work is, however it is said: “writing an essay for my IR seminar on …”, “Working on a feature about …”', () => {
    expect(withoutChatNoise('hi all, writing an essay for my IR seminar on small states. why is mongolia different?')).toBe('small states. why is mongolia different?');
    expect(withoutChatNoise('Working on a feature about Chinese money in Central Asia. Is it investment?')).toBe('Chinese money in Central Asia. Is it investment?');
    expect(withoutChatNoise('I’m writing a paper for my class on Mongolia, why is trade low?')).toBe('Mongolia, why is trade low?');
    expect(withoutChatNoise('Filing a piece on steppe tourism - how many tourists came?')).toBe('steppe tourism - how many tourists came?');
    expect(withoutChatNoise("I'm writing an internal note on Chinese loans. Are they FDI?")).toBe('Chinese loans. Are they FDI?');
    // "what's the deal with X?": what about X — the idiom, not a deal.
    expect(withoutChatNoise("what's the deal with mongolia and the sco?")).toBe('what about mongolia and the sco?');
    expect(withoutChatNoise('what deal did mongolia sign with russia?')).toBe('what deal did mongolia sign with russia?');
    // "I want (to) ask about …": the asking goes, what it is about stays.
    expect(withoutChatNoise("Hello, I want ask about Mongolia 'third neighbour' policy. Is Turkey in it?")).toBe("about Mongolia 'third neighbour' policy. Is Turkey in it?");
    expect(withoutChatNoise('I would like to know about the SCO, is Mongolia a member?')).toBe('about the SCO, is Mongolia a member?');
    expect(withoutChatNoise('I want to ask what the SCO is')).toBe('I want to ask what the SCO is');
    // Writing as the topic stays: "the writing of the article", "what is he working on?".
    expect(withoutChatNoise('what is irgengioro working on now?')).toBe('what is irgengioro working on now?');
  });

  it('loses the asker’s aside after the question (“… in this paper? my prof keeps throwing the term around”), and “can someone explain”', () => {
    expect(withoutChatNoise("can someone explain what 'multi-vector' foreign policy means in this paper? my prof keeps throwing the term around")).toBe("what 'multi-vector' foreign policy means in this paper?");
    // (The classmate's claim stays, whoever holds it; the seminar goes.)
    expect(withoutChatNoise('why is trade low? my classmate says it is the border. our seminar is tomorrow.')).toBe('why is trade low? it is the border.');
    expect(withoutChatNoise('why is trade low? my classmates keep asking. our seminar is tomorrow.')).toBe('why is trade low?');
    // Before the question, it may be what is asked about: only who says it goes.
    expect(withoutChatNoise('my prof says mongolia is a weak state. is that right?')).toBe('mongolia is a weak state. is that right?');
    expect(withoutChatNoise('My essay argues that Mongolia should team up with Kazakhstan, but a classmate says tiny states just cave. Who is right?')).toBe('Mongolia should team up with Kazakhstan, but tiny states just cave. Who is right?');
  });

  it('loses “i heard (that)”, “i’ve read that” before a claim: the claim is what is asked about', () => {
    expect(withoutChatNoise('i heard the pm there is always from the north. why?')).toBe('the pm there is always from the north. why?');
    expect(withoutChatNoise("so I've read that mongolia is landlocked, true?")).toBe('mongolia is landlocked, true?');
    expect(withoutChatNoise('what have i heard?')).toBe('what have i heard?');
  });

  it('loses “i thought (that)”, “i think” before a claim, and a word of talk (“ok”, “hm.”) before the question', () => {
    expect(withoutChatNoise('wait, i thought they touched')).toBe('wait, they touched');
    expect(withoutChatNoise('I think the paper has a bigger number, which one?')).toBe('the paper has a bigger number, which one?');
    expect(withoutChatNoise("Hm. Doesn't the article say rail is the problem?")).toBe("Doesn't the article say rail is the problem?");
    expect(withoutChatNoise('oh and kyrgyzstan?')).toBe('and kyrgyzstan?');
    // Asked what the bot thinks, or "ok" alone: the words stay.
    expect(withoutChatNoise('what do you think about the bri?')).toBe('what do you think about the bri?');
    expect(withoutChatNoise('ok')).toBe('ok');
    expect(withoutChatNoise('okhotsk sea trade?')).toBe('okhotsk sea trade?');
  });

  it('loses idioms that say nothing of the topic (“in the first place”, “at the end of the day”)', () => {
    expect(withoutChatNoise('who actually set up the sco in the first place?')).toBe('who actually set up the sco ?');
    expect(withoutChatNoise('at the end of the day, is mongolia a small state?')).toBe('is mongolia a small state?');
    // (A place that is first keeps its words.)
    expect(withoutChatNoise('which team took first place?')).toBe('which team took first place?');
  });

  it('“keep going - …” with a question of its own asks that question; “go on” alone is no wrapper', () => {
    expect(withoutChatNoise('keep going - did people actually take to the streets?')).toBe('did people actually take to the streets?');
    expect(withoutChatNoise('go on')).toBe('go on');
    expect(withoutChatNoise('continue the story')).toBe('continue the story');
  });
});
