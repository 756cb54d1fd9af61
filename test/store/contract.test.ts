import { afterAll, afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { StoreError, type DatabaseTarget, type QuestionLogEntry, type Store } from '../../src/store/index.js';
import { engines, postgresRequired, StoreOpener, TestClock } from './engines.js';

/** The store's contract: the same specification, run on SQLite and on PostgreSQL. */

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

function question(overrides: Partial<QuestionLogEntry> & { answerId: string }): QuestionLogEntry {
  return {
    guildId: 'guild-1',
    channelKind: 'text',
    askedVia: 'command',
    command: 'ask',
    question: 'Why are Mongolia–Kazakhstan relations so weak?',
    passages: [
      { paragraphId: 'irgengioro-2022/10', score: 12.5 },
      { paragraphId: 'miliate-2013/4', score: 7.25 },
    ],
    found: true,
    latencyMs: 14,
    ...overrides,
  };
}

it('PostgreSQL is available to the store tests (required under CI=true)', ({ skip }) => {
  const { adminUrl, note } = inject('postgres');
  if (!adminUrl && !postgresRequired()) skip(`PostgreSQL store tests skipped: ${note}`);
  expect(adminUrl, note).toBeTruthy();
});

describe.each(engines())('the store on $name', (engine) => {
  const clock = new TestClock();
  const opener = new StoreOpener();
  let target: DatabaseTarget;
  let store: Store;

  beforeEach(async ({ skip }) => {
    if (engine.unavailable) {
      if (engine.name === 'postgres' && postgresRequired()) throw new Error(engine.unavailable);
      skip(`${engine.name}: ${engine.unavailable}`);
    }
    clock.time = Date.UTC(2025, 0, 1, 12);
    target = await engine.newDatabase();
    store = await opener.open(target, { now: clock.now, maxConversationBytes: 4096 });
  });
  afterEach(() => opener.closeAll());
  afterAll(() => engine.dispose());

  describe('conversations', () => {
    it('returns the state saved under a key, with its expiry', async () => {
      const state = { turns: [{ q: 'Who is Akayev?', a: ['p/1'] }], lang: 'mn', note: 'Улаанбаатар ✓', n: 3.5, ok: true, none: null };
      await store.saveConversation('discord:thread:123', state, clock.time + 10 * MINUTE);
      expect(await store.getConversation('discord:thread:123')).toEqual({ state, expiresAt: clock.time + 10 * MINUTE, updatedAt: clock.time });
    });

    it('has nothing for a key never saved', async () => {
      expect(await store.getConversation('discord:thread:404')).toBeNull();
    });

    it('replaces the state on each save', async () => {
      await store.saveConversation('k', { turn: 1 }, clock.time + MINUTE);
      clock.advance(1000);
      await store.saveConversation('k', { turn: 2 }, clock.time + MINUTE);
      expect(await store.getConversation('k')).toMatchObject({ state: { turn: 2 }, updatedAt: clock.time });
    });

    it('forgets a conversation once it expires, and pruning deletes only expired ones', async () => {
      await store.saveConversation('short', { a: 1 }, clock.time + MINUTE);
      await store.saveConversation('long', { b: 2 }, clock.time + 10 * MINUTE);
      clock.advance(MINUTE);
      expect(await store.getConversation('short')).toBeNull();
      expect(await store.getConversation('long')).not.toBeNull();
      expect(await store.pruneExpiredConversations()).toBe(1);
      expect(await store.pruneExpiredConversations()).toBe(0);
      expect(await store.getConversation('long')).not.toBeNull();
    });

    it('deletes a conversation', async () => {
      await store.saveConversation('k', { a: 1 }, clock.time + MINUTE);
      await store.deleteConversation('k');
      expect(await store.getConversation('k')).toBeNull();
    });

    it('refuses a state larger than the bound, and an empty or over-long key', async () => {
      await expect(store.saveConversation('k', { text: 'x'.repeat(5000) }, clock.time + MINUTE)).rejects.toMatchObject({ code: 'invalid-input' });
      await expect(store.saveConversation('', { a: 1 }, clock.time + MINUTE)).rejects.toBeInstanceOf(StoreError);
      await expect(store.saveConversation('k'.repeat(201), { a: 1 }, clock.time + MINUTE)).rejects.toBeInstanceOf(StoreError);
      expect(await store.getConversation('k')).toBeNull();
    });
  });

  describe('votes', () => {
    it('keeps one vote per user per answer, and the user can change it', async () => {
      await store.recordVote({ answerId: 'a1', voterId: 'u1', direction: 'up' });
      await store.recordVote({ answerId: 'a1', voterId: 'u2', direction: 'up' });
      expect(await store.countVotes('a1')).toEqual({ up: 2, down: 0 });
      await store.recordVote({ answerId: 'a1', voterId: 'u1', direction: 'up' });
      expect(await store.countVotes('a1')).toEqual({ up: 2, down: 0 });
      await store.recordVote({ answerId: 'a1', voterId: 'u1', direction: 'down' });
      expect(await store.countVotes('a1')).toEqual({ up: 1, down: 1 });
      expect(await store.countVotes('a2')).toEqual({ up: 0, down: 0 });
    });

    it('keeps a down vote’s reason and text, and an up vote clears them', async () => {
      const down = await store.recordVote({ answerId: 'a1', voterId: 'u1', direction: 'down', reason: 'wrong-figure', comment: '  The 2016 value is imports.  ' });
      expect(down).toEqual({ answerId: 'a1', voterId: 'u1', direction: 'down', reason: 'wrong-figure', comment: 'The 2016 value is imports.', votedAt: clock.time });
      expect(await store.getVote('a1', 'u1')).toEqual(down);
      await store.recordVote({ answerId: 'a1', voterId: 'u1', direction: 'up', reason: 'other', comment: 'ignored' });
      expect(await store.getVote('a1', 'u1')).toMatchObject({ direction: 'up', reason: null, comment: null });
    });

    it('adds a reason to an existing down vote only', async () => {
      await store.recordVote({ answerId: 'a1', voterId: 'u1', direction: 'down' });
      clock.advance(5000);
      expect(await store.setVoteReason('a1', 'u1', 'not-in-corpus', 'Nothing on the 1990s')).toEqual({
        answerId: 'a1',
        voterId: 'u1',
        direction: 'down',
        reason: 'not-in-corpus',
        comment: 'Nothing on the 1990s',
        votedAt: clock.time,
      });
      await store.recordVote({ answerId: 'a1', voterId: 'u2', direction: 'up' });
      expect(await store.setVoteReason('a1', 'u2', 'other')).toBeNull();
      expect(await store.setVoteReason('a1', 'nobody', 'other')).toBeNull();
      expect(await store.getVote('a1', 'u2')).toMatchObject({ direction: 'up', reason: null });
    });

    it('takes a comment of up to 1000 characters and refuses a longer one or an unknown reason', async () => {
      await store.recordVote({ answerId: 'a1', voterId: 'u1', direction: 'down', reason: 'other', comment: 'é'.repeat(1000) });
      expect((await store.getVote('a1', 'u1'))?.comment).toHaveLength(1000);
      await expect(store.recordVote({ answerId: 'a1', voterId: 'u1', direction: 'down', comment: 'x'.repeat(1001) })).rejects.toMatchObject({ code: 'invalid-input' });
      await expect(store.setVoteReason('a1', 'u1', 'boring' as never)).rejects.toMatchObject({ code: 'invalid-input' });
      expect((await store.getVote('a1', 'u1'))?.comment).toHaveLength(1000);
    });

    it('has no vote for a user who never voted', async () => {
      expect(await store.getVote('a1', 'u1')).toBeNull();
    });
  });

  describe('question log', () => {
    it('keeps what was asked and what was answered', async () => {
      const entry = question({
        answerId: 'a1',
        guildId: '123456789012345678',
        channelKind: 'thread',
        askedVia: 'message',
        command: null,
        askerId: 'hash:9f2c',
        resolvedQuestion: 'How much did Mongolia export to Kazakhstan in 2016?',
        figures: [{ value: '$18.3 million', year: 2016, source: 'table 2' }],
        latencyMs: 23.6,
      });
      await store.logQuestion(entry);
      expect(await store.getQuestion('a1')).toEqual({ ...entry, askedAt: clock.time, latencyMs: 24 });
    });

    it('fills in what an entry leaves out', async () => {
      await store.logQuestion(question({ answerId: 'a1', passages: [], found: false }));
      expect(await store.getQuestion('a1')).toMatchObject({ askedAt: clock.time, askerId: null, resolvedQuestion: null, figures: [], passages: [], found: false });
      expect(await store.getQuestion('a2')).toBeNull();
    });

    it('refuses a second entry for the same answer id', async () => {
      await store.logQuestion(question({ answerId: 'a1' }));
      await expect(store.logQuestion(question({ answerId: 'a1' }))).rejects.toMatchObject({ code: 'query' });
    });

    it('counts questions, answered and votes over a period and per server', async () => {
      await store.logQuestion(question({ answerId: 'old', askedAt: clock.time - 10 * DAY }));
      await store.logQuestion(question({ answerId: 'a1' }));
      await store.logQuestion(question({ answerId: 'a2', found: false, passages: [] }));
      await store.logQuestion(question({ answerId: 'a3', guildId: 'guild-2' }));
      await store.recordVote({ answerId: 'a1', voterId: 'u1', direction: 'up' });
      await store.recordVote({ answerId: 'a3', voterId: 'u1', direction: 'down' });
      await store.recordVote({ answerId: 'old', voterId: 'u1', direction: 'down' });
      const since = clock.time - DAY;
      expect(await store.questionStats({ since })).toEqual({ questions: 3, answered: 2, unanswered: 1, votes: { up: 1, down: 1 } });
      expect(await store.questionStats({ since, guildId: 'guild-1' })).toEqual({ questions: 2, answered: 1, unanswered: 1, votes: { up: 1, down: 0 } });
      expect(await store.questionStats({ until: since })).toEqual({ questions: 1, answered: 1, unanswered: 0, votes: { up: 0, down: 1 } });
      expect(await store.questionStats()).toMatchObject({ questions: 4 });
    });

    it('reports the most asked questions, wording normalised, over a period', async () => {
      const ask = (answerId: string, text: string, extra: Partial<QuestionLogEntry> = {}) => store.logQuestion(question({ answerId, question: text, ...extra }));
      await ask('a1', 'What is the BRI?');
      await ask('a2', 'what is the  BRI');
      await ask('a3', 'What is the bri ?', { found: false, passages: [] });
      await ask('a4', 'Who is Akayev?');
      await ask('a5', 'Who is Akayev?');
      await ask('a6', 'How many Kazakhs live in Mongolia?');
      await ask('a7', 'How many Kazakhs live in Mongolia?', { askedAt: clock.time - 30 * DAY });
      const top = await store.mostAskedQuestions({ since: clock.time - DAY });
      expect(top.map(({ normalizedQuestion, count, answered }) => ({ normalizedQuestion, count, answered }))).toEqual([
        { normalizedQuestion: 'what is the bri', count: 3, answered: 2 },
        { normalizedQuestion: 'who is akayev', count: 2, answered: 2 },
        { normalizedQuestion: 'how many kazakhs live in mongolia', count: 1, answered: 1 },
      ]);
      expect(['What is the BRI?', 'what is the  BRI', 'What is the bri ?']).toContain(top[0]!.question);
      expect(top[0]!.lastAskedAt).toBe(clock.time);
      expect(await store.mostAskedQuestions({ limit: 1 })).toHaveLength(1);
      const allTime = await store.mostAskedQuestions();
      expect(allTime.find((q) => q.normalizedQuestion === 'how many kazakhs live in mongolia')).toMatchObject({ count: 2, lastAskedAt: clock.time });
    });

    it('reports the questions that found nothing: the coverage gaps', async () => {
      await store.logQuestion(question({ answerId: 'a1', question: 'Tell me about Tuvan throat singing', found: false, passages: [] }));
      await store.logQuestion(question({ answerId: 'a2', question: 'tell me about tuvan throat singing!', found: false, passages: [] }));
      await store.logQuestion(question({ answerId: 'a3', question: 'What is the SCO?', found: false, passages: [], guildId: 'guild-2' }));
      await store.logQuestion(question({ answerId: 'a4', question: 'What is the BRI?' }));
      const gaps = await store.unansweredQuestions({ since: clock.time - DAY });
      expect(gaps.map((g) => [g.normalizedQuestion, g.count, g.answered])).toEqual([
        ['tell me about tuvan throat singing', 2, 0],
        ['what is the sco', 1, 0],
      ]);
      expect((await store.unansweredQuestions({ guildId: 'guild-2' })).map((g) => g.question)).toEqual(['What is the SCO?']);
      expect(await store.unansweredQuestions({ since: clock.time + 1 })).toEqual([]);
    });

    it('reports the worst rated answers with their reasons and comments', async () => {
      await store.logQuestion(question({ answerId: 'bad', question: 'What did Mongolia export in 2016?', passages: [{ paragraphId: 'doc/7', score: 3 }] }));
      await store.logQuestion(question({ answerId: 'mixed', question: 'Who is Akayev?', guildId: 'guild-2' }));
      await store.logQuestion(question({ answerId: 'good', question: 'What is the BRI?' }));
      await store.logQuestion(question({ answerId: 'empty', question: 'Tuvan music?', passages: [], found: false }));
      await store.recordVote({ answerId: 'bad', voterId: 'u1', direction: 'down', reason: 'wrong-figure', comment: 'imports, not exports' });
      clock.advance(1);
      await store.recordVote({ answerId: 'bad', voterId: 'u2', direction: 'down', reason: 'wrong-figure' });
      clock.advance(1);
      await store.recordVote({ answerId: 'bad', voterId: 'u3', direction: 'down', reason: 'other', comment: 'too long' });
      await store.recordVote({ answerId: 'mixed', voterId: 'u1', direction: 'down', reason: 'wrong-passage' });
      await store.recordVote({ answerId: 'mixed', voterId: 'u2', direction: 'up' });
      await store.recordVote({ answerId: 'good', voterId: 'u1', direction: 'up' });
      await store.recordVote({ answerId: 'empty', voterId: 'u1', direction: 'down', reason: 'not-in-corpus' });
      const worst = await store.worstRatedAnswers({ since: clock.time - DAY });
      expect(worst.map((w) => w.answerId)).toEqual(['bad', 'empty', 'mixed']);
      expect(worst[0]).toEqual({
        answerId: 'bad',
        question: 'What did Mongolia export in 2016?',
        askedAt: clock.time - 2,
        guildId: 'guild-1',
        topParagraphId: 'doc/7',
        up: 0,
        down: 3,
        reasons: { 'wrong-passage': 0, 'wrong-figure': 2, 'not-in-corpus': 0, other: 1 },
        comments: ['imports, not exports', 'too long'],
      });
      expect(worst[1]).toMatchObject({ topParagraphId: null, reasons: { 'not-in-corpus': 1 } });
      expect(worst[2]).toMatchObject({ up: 1, down: 1, guildId: 'guild-2' });
      expect((await store.worstRatedAnswers({ guildId: 'guild-2' })).map((w) => w.answerId)).toEqual(['mixed']);
      expect(await store.worstRatedAnswers({ limit: 1 })).toHaveLength(1);
    });

    it('reports votes by the best paragraph of the answers voted on', async () => {
      await store.logQuestion(question({ answerId: 'a1', passages: [{ paragraphId: 'doc/1', score: 2 }, { paragraphId: 'doc/2', score: 1 }] }));
      await store.logQuestion(question({ answerId: 'a2', passages: [{ paragraphId: 'doc/1', score: 2 }] }));
      await store.logQuestion(question({ answerId: 'a3', passages: [{ paragraphId: 'doc/3', score: 2 }] }));
      await store.recordVote({ answerId: 'a1', voterId: 'u1', direction: 'down' });
      await store.recordVote({ answerId: 'a2', voterId: 'u1', direction: 'down' });
      await store.recordVote({ answerId: 'a2', voterId: 'u2', direction: 'up' });
      await store.recordVote({ answerId: 'a3', voterId: 'u1', direction: 'up' });
      expect(await store.votesByParagraph()).toEqual([
        { paragraphId: 'doc/1', up: 1, down: 2 },
        { paragraphId: 'doc/3', up: 1, down: 0 },
      ]);
    });

    it('prunes questions asked and votes cast before a cutoff, passages with them', async () => {
      await store.logQuestion(question({ answerId: 'old', askedAt: clock.time - 100 * DAY }));
      await store.logQuestion(question({ answerId: 'new' }));
      await store.recordVote({ answerId: 'new', voterId: 'u1', direction: 'up' });
      clock.advance(-100 * DAY);
      await store.recordVote({ answerId: 'old', voterId: 'u1', direction: 'down' });
      clock.advance(100 * DAY);
      expect(await store.pruneQuestionLog(clock.time - 90 * DAY)).toBe(1);
      expect(await store.getQuestion('old')).toBeNull();
      expect(await store.getVote('old', 'u1')).toBeNull();
      expect(await store.getQuestion('new')).toMatchObject({ passages: [{ paragraphId: 'irgengioro-2022/10' }, { paragraphId: 'miliate-2013/4' }] });
      expect(await store.countVotes('new')).toEqual({ up: 1, down: 0 });
      expect(await store.votesByParagraph()).toEqual([{ paragraphId: 'irgengioro-2022/10', up: 1, down: 0 }]);
    });
  });

  describe('server settings', () => {
    it('has none stored at first: defaults are the caller’s', async () => {
      expect(await store.getGuildSettings('guild-1')).toEqual({});
    });

    it('stores JSON values by key, per server, changeable and removable', async () => {
      await store.setGuildSetting('guild-1', 'privateByDefault', true);
      await store.setGuildSetting('guild-1', 'answerChannels', ['111', '222']);
      await store.setGuildSetting('guild-1', 'cooldown', { seconds: 5, burst: 2 });
      await store.setGuildSetting('guild-2', 'privateByDefault', false);
      await store.setGuildSetting('guild-1', 'privateByDefault', false);
      expect(await store.getGuildSettings('guild-1')).toEqual({ answerChannels: ['111', '222'], cooldown: { seconds: 5, burst: 2 }, privateByDefault: false });
      await store.deleteGuildSetting('guild-1', 'cooldown');
      expect(await store.getGuildSettings('guild-1')).toEqual({ answerChannels: ['111', '222'], privateByDefault: false });
      expect(await store.getGuildSettings('guild-2')).toEqual({ privateByDefault: false });
    });
  });

  describe('shared cooldowns', () => {
    const rule = { seconds: 3, burst: 2 };

    it('lets a burst through, then says how long to wait, and refills with time', async () => {
      expect(await store.takeCooldown('user:1', rule)).toBe(0);
      expect(await store.takeCooldown('user:1', rule)).toBe(0);
      expect(await store.takeCooldown('user:1', rule)).toBe(3);
      expect(await store.takeCooldown('user:2', rule)).toBe(0);
      clock.advance(2000);
      expect(await store.takeCooldown('user:1', rule)).toBe(1);
      clock.advance(1000);
      expect(await store.takeCooldown('user:1', rule)).toBe(0);
      expect(await store.takeCooldown('user:1', { seconds: 0, burst: 1 })).toBe(0);
    });

    it('spends each token once when many take at the same moment', async () => {
      const waits = await Promise.all(Array.from({ length: 8 }, () => store.takeCooldown('user:1', { seconds: 60, burst: 3 })));
      expect(waits.filter((w) => w === 0)).toHaveLength(3);
    });

    it('forgets buckets that have refilled', async () => {
      await store.takeCooldown('user:1', rule);
      await store.takeCooldown('user:2', rule);
      await store.takeCooldown('user:2', rule);
      clock.advance(3000);
      expect(await store.pruneCooldowns()).toBe(1);
      clock.advance(3000);
      expect(await store.pruneCooldowns()).toBe(1);
    });
  });

  it('keeps everything across a close and reopen', async () => {
    await store.saveConversation('k', { turn: 1 }, clock.time + MINUTE);
    await store.recordVote({ answerId: 'a1', voterId: 'u1', direction: 'down', reason: 'other' });
    await store.logQuestion(question({ answerId: 'a1' }));
    await store.setGuildSetting('guild-1', 'logQuestions', false);
    await store.close();
    const reopened = await opener.open(target, { now: clock.now });
    expect(await reopened.getConversation('k')).toMatchObject({ state: { turn: 1 } });
    expect(await reopened.getVote('a1', 'u1')).toMatchObject({ direction: 'down', reason: 'other' });
    expect(await reopened.getQuestion('a1')).toMatchObject({ answerId: 'a1', found: true });
    expect(await reopened.getGuildSettings('guild-1')).toEqual({ logQuestions: false });
  });

  it('says where it is, without a password', () => {
    expect(store.engine).toBe(engine.name);
    expect(store.location).toMatch(engine.name === 'sqlite' ? /^SQLite file \/.+\.db$/ : /^PostgreSQL postgres:\/\/steppe_test_\w+@127\.0\.0\.1:\d+\/postgres$/);
  });
});
