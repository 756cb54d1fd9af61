import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildReport } from '../../src/feedback/report.js';
import { contentWords, groupBySimilarWording } from '../../src/feedback/similar.js';
import type { QuestionLogEntry, Store } from '../../src/store/index.js';
import { engines, postgresRequired, StoreOpener, TestClock } from './engines.js';

/** What the report reads beyond the contract's lists: questions per day, low-confidence answers; on both engines. */


function entry(answerId: string, overrides: Partial<QuestionLogEntry> = {}): QuestionLogEntry {
  return {
    answerId,
    guildId: 'guild-1',
    channelKind: 'text',
    askedVia: 'command',
    command: 'ask',
    question: `question ${answerId}`,
    passages: [{ paragraphId: 'irgengioro-2022/3', score: 10 }],
    found: true,
    latencyMs: 5,
    ...overrides,
  };
}

describe.each(engines())('report queries on $name', (engine) => {
  const clock = new TestClock(Date.UTC(2025, 0, 10, 12));
  const opener = new StoreOpener();
  let store: Store;
  beforeEach(async ({ skip }) => {
    if (engine.unavailable) {
      if (engine.name === 'postgres' && postgresRequired()) throw new Error(engine.unavailable);
      skip(`${engine.name}: ${engine.unavailable}`);
    }
    clock.time = Date.UTC(2025, 0, 10, 12);
    store = await opener.open(await engine.newDatabase(), { now: clock.now });
  });
  afterEach(() => opener.closeAll());
  afterAll(() => engine.dispose());

  it('counts questions and answered ones per UTC day, per server', async () => {
    const at = (d: number, h: number) => Date.UTC(2025, 0, d, h);
    await store.logQuestion(entry('a1', { askedAt: at(8, 0) }));
    await store.logQuestion(entry('a2', { askedAt: at(8, 23), found: false, passages: [] }));
    await store.logQuestion(entry('a3', { askedAt: at(10, 1) }));
    await store.logQuestion(entry('a4', { askedAt: at(10, 2), guildId: 'guild-2' }));
    expect(await store.questionsByDay({ guildId: 'guild-1' })).toEqual([
      { day: at(8, 0), questions: 2, answered: 1 },
      { day: at(10, 0), questions: 1, answered: 1 },
    ]);
    expect(await store.questionsByDay({ since: at(9, 0) })).toEqual([{ day: at(10, 0), questions: 2, answered: 2 }]);
    // The report fills the day in between with zeros.
    const report = await buildReport(store, { guildId: 'guild-1', now: clock.time });
    expect(report.perDay).toEqual([
      { day: '2025-01-08', questions: 2, answered: 1 },
      { day: '2025-01-09', questions: 0, answered: 0 },
      { day: '2025-01-10', questions: 1, answered: 1 },
    ]);
  });

  it('lists answers whose best passage scored under half the median, weakest first, by wording', async () => {
    const scores = [10, 12, 9, 11, 2, 1.5, 8];
    for (const [i, score] of scores.entries()) {
      await store.logQuestion(entry(`a${i}`, { question: score < 3 ? 'Who built the railway?' : `q${i}`, passages: [{ paragraphId: `miliate-2013/${i + 1}`, score }] }));
    }
    await store.logQuestion(entry('gap', { found: false, passages: [] }));
    await store.logQuestion(entry('other-server', { guildId: 'guild-2', passages: [{ paragraphId: 'x/1', score: 0.1 }] }));
    const weak = await store.lowConfidenceAnswers({ guildId: 'guild-1' });
    // Sorted 1.5 2 8 9 10 11 12: the median is 9, the bar 4.5.
    expect(weak).toEqual({
      medianScore: 9,
      threshold: 4.5,
      questions: [{ question: 'Who built the railway?', normalizedQuestion: 'who built the railway', count: 2, bestScore: 1.5, paragraphId: 'miliate-2013/6' }],
    });
    expect((await store.lowConfidenceAnswers({ guildId: 'guild-1', share: 0.95 })).questions.map((q) => q.bestScore)).toEqual([1.5, 8]);
    expect(await store.lowConfidenceAnswers({ guildId: 'nobody' })).toEqual({ medianScore: null, threshold: null, questions: [] });
    await expect(store.lowConfidenceAnswers({ share: 0 })).rejects.toMatchObject({ code: 'invalid-input' });
  });
});

describe('grouping by similar wording', () => {
  it('puts wordings of one question together, most asked first, and keeps different questions apart', () => {
    const asked = [
      { q: 'What is the BRI?', n: 1 },
      { q: 'BRI: what is it', n: 2 },
      { q: 'what are the BRI projects in Mongolia', n: 1 },
      { q: 'Who is Akayev?', n: 3 },
      { q: 'what is it?', n: 1 },
      { q: 'What is it', n: 1 },
    ];
    const groups = groupBySimilarWording(asked, (a) => a.q, (a) => a.n);
    expect(groups.map((g) => [g.question, g.count, g.variants])).toEqual([
      ['Who is Akayev?', 3, []],
      ['BRI: what is it', 3, ['What is the BRI?']],
      // No content word: only the same wording joins it.
      ['what is it?', 2, ['What is it']],
      ['what are the BRI projects in Mongolia', 1, []],
    ]);
    expect([...contentWords('How many Kazakhs live in Mongolia?')]).toEqual(['kazakh', 'live', 'mongolia']);
  });
});
