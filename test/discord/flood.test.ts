import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { autocomplete, DEFAULT_USER, slashCommand, type InteractionResult } from '../fake-discord/fakeDiscord.js';
import { startTestBotWith, type TestBot } from './harness.js';
import { nonsenseWords } from '../hardening/nonsense.js';

/**
 * A flood from a few users, each within the cooldown's burst, with the most expensive
 * question there is (a page of words the corpus lacks) and autocomplete on every keystroke:
 * another user's question waits behind at most one job of each flooder, not behind all of
 * them. Counted by the order the answer jobs start in; the fake also enforces Discord's 3 s
 * rule on the first response, and the latencies are printed with STEPPE_WORK_REPORT=1.
 */

const FLOODERS = 3;
const BURST = 5;
const user = (n: number) => ({ ...DEFAULT_USER, id: String(200000000000000000n + BigInt(n)), username: `user${n}` });

const nonsense = nonsenseWords(5);

let t: TestBot;
beforeAll(async () => {
  t = await startTestBotWith({ env: { COOLDOWN_SECONDS: '3', COOLDOWN_BURST: String(BURST) }, fake: { callbackDeadlineMs: 3000 } });
  await t.fake.interact(slashCommand('ask', { question: 'Why are Mongolia–Kazakhstan relations so weak?' }, { user: user(99) }));
});
afterAll(async () => {
  await t?.close();
});

describe('a flood from a few users', () => {
  it('does not make another user’s question wait behind it', async () => {
    const work = t.bot.handler.work;
    const started: string[] = [];
    const run = work.run.bind(work);
    work.run = (userId, job) =>
      run(userId, () => {
        started.push(userId);
        return job();
      });
    const flood: Array<Promise<InteractionResult>> = [];
    for (let n = 0; n < FLOODERS; n++) {
      for (let i = 0; i < BURST; i++) {
        flood.push(t.fake.interact(slashCommand('ask', { question: nonsense(990) }, { user: user(n) }), { timeoutMs: 20_000 }));
        flood.push(t.fake.interact(autocomplete('cite', { reference: 'a '.repeat(3000) }, { user: user(n) }), { waitFor: 'callback', timeoutMs: 20_000 }));
      }
    }
    const victim = user(42);
    const asked = await t.fake.interact(slashCommand('ask', { question: 'How many Kazakhs live in Mongolia?' }, { user: victim }), { timeoutMs: 20_000 });
    const flooded = await Promise.all(flood);
    work.run = run;

    expect(asked.callback?.type).toBe(4);
    expect(JSON.stringify(asked.callback?.data)).toContain('Kazakhs');
    // Jobs that started before the victim's: those already running when it arrived, plus at
    // most one more of each flooder.
    const position = started.indexOf(victim.id);
    const flooderJobs = FLOODERS * BURST;
    expect(position).toBeGreaterThanOrEqual(0);
    expect(position).toBeLessThanOrEqual(FLOODERS + 2);
    expect(started.length).toBe(flooderJobs + 1);
    // every flood interaction got an answer too (autocomplete: choices or none, never a failure)
    for (const r of flooded) expect(r.callback?.type).toBeDefined();
    if (process.env.STEPPE_WORK_REPORT) {
      const late = flooded.filter((r) => (r.callbackMs ?? 0) > 3000).length;
      console.log(`victim: first response after ${asked.callbackMs?.toFixed(0)} ms, ${position} jobs before it of ${flooderJobs}; flood: ${late} late, slowest ${Math.max(...flooded.map((r) => r.callbackMs ?? 0)).toFixed(0)} ms`);
    }
  });
});
