import { afterAll, describe, expect, it } from 'vitest';
import { slashCommand, startFakeDiscord, type FakeDiscord, type InteractionResult } from '../fake-discord/fakeDiscord.js';
import { waitFor } from '../discord/harness.js';
import { entryEnv, expectNoToken, runEntry, type Data, type Proc } from './helpers.js';

/**
 * SIGTERM (a deploy, a container stop) in the middle of a burst, against the real entry:
 * every interaction Steppe has received gets its reply — answers for those already being
 * worked on, "restarting" for those that arrive while it drains — even when Discord holds
 * some replies with a 429; then the gateway closes and the process exits 0, logging no error.
 */

const fakes: FakeDiscord[] = [];
afterAll(async () => {
  await Promise.all(fakes.map((f) => f.close()));
});

const QUESTIONS = [
  'How many Kazakhs live in Mongolia?',
  'What is the Belt and Road Initiative?',
  'Who is Akayev?',
  'How much does Mongolia trade with Kazakhstan?',
  'Why did Kazakhs leave Mongolia in the 1990s?',
  'What connects Mongolia and Kyrgyzstan?',
];
const CALLBACK = /\/callback$/;
const RESTARTING = 'Steppe is restarting; try again in a few seconds.';

async function startEntry(): Promise<{ fake: FakeDiscord; p: Proc }> {
  const fake = await startFakeDiscord();
  fakes.push(fake);
  const p = runEntry(entryEnv(fake.apiUrl, { DISCORD_GUILD_ID: fake.guildId }));
  await waitFor(() => p.logs().some((l) => l.msg === 'commands registered'), 15_000, `commands registered (stderr: ${p.stderr()})`);
  return { fake, p };
}

const callbackStatuses = (r: InteractionResult) => r.requests.filter((q) => CALLBACK.test(q.path)).map((q) => q.status);
const shownText = (r: InteractionResult) => String(((r.callback?.data as Data | undefined)?.embeds as Data[] | undefined)?.[0]?.description ?? '');

function expectCleanExit(p: Proc): void {
  expect(p.logs().filter((l) => l.level >= 50)).toEqual([]);
  expect(p.plainLines()).toEqual([]);
  expect(p.logs().map((l) => l.msg)).toEqual(expect.arrayContaining(['shutting down', 'in-flight interactions finished; closing the gateway', 'stopped']));
  expectNoToken(p.stderr() + p.stdout());
}

describe('SIGTERM during a burst', () => {
  it('30 concurrent /ask, 5 held by a 429 (Retry-After 1 s) when SIGTERM arrives: all 30 get one reply, then exit 0', async () => {
    const { fake, p } = await startEntry();
    fake.failNext(CALLBACK, 429, { retryAfter: 1, times: 5 });
    const burst = Promise.all(
      Array.from({ length: 30 }, (_, i) => fake.interact(slashCommand('ask', { question: QUESTIONS[i % QUESTIONS.length]! }), { timeoutMs: 12_000 })),
    );
    await waitFor(() => fake.requests.filter((r) => r.status === 429).length === 5, 8000, 'five rate-limited replies');
    p.kill('SIGTERM');
    const results = await burst;
    expect(await p.exitWithin(10_000)).toBe(0);

    for (const r of results) {
      // Answer work is queued (one user after another): a question still waiting after 1.5 s
      // is deferred, then its answer edited in. Either way one reply lands.
      expect([4, 5], r.label).toContain(r.callback?.type);
      expect(callbackStatuses(r).filter((s) => s === 204)).toHaveLength(1); // exactly one reply landed
      if (r.callback?.type === 5) expect(r.final()?.loading, r.label).toBe(false);
    }
    // the five held by the 429 were in flight: they got their answers, late but whole
    const held = results.filter((r) => callbackStatuses(r)[0] === 429);
    expect(held).toHaveLength(5);
    for (const r of held) {
      expect(callbackStatuses(r)).toEqual([429, 204]);
      expect(shownText(r)).not.toBe(RESTARTING);
      expect((r.callback!.data as Data).embeds[0].title).toBe((r.payload.data as Data).options[0].value);
    }
    // anything that reached the bot after SIGTERM was told to retry, not dropped
    for (const r of results) if (!held.includes(r) && shownText(r) === RESTARTING) expect(((r.callback!.data as Data).flags & 64) === 64).toBe(true);
    expect(p.logs().find((l) => l.msg === 'in-flight interactions finished; closing the gateway')!.pending).toBeGreaterThanOrEqual(5);
    expectCleanExit(p);
  });

  it('interactions arriving while it drains get "restarting", and that reply lands even when it is itself held by a 429', async () => {
    const { fake, p } = await startEntry();
    // first: three answers in flight, held 1 s
    fake.failNext(CALLBACK, 429, { retryAfter: 1, times: 3 });
    const first = Promise.all(QUESTIONS.slice(0, 3).map((question) => fake.interact(slashCommand('ask', { question }), { timeoutMs: 8000 })));
    await waitFor(() => fake.requests.filter((r) => r.status === 429).length === 3, 5000, 'three rate-limited replies');
    p.kill('SIGTERM');
    await waitFor(() => p.logs().some((l) => l.msg === 'shutting down'), 3000, 'shutting down');
    // then: three more arrive during the drain; their "restarting" replies are held 2 s, past the first ones
    fake.failNext(CALLBACK, 429, { retryAfter: 2, times: 3 });
    const late = await Promise.all(QUESTIONS.slice(3, 6).map((question) => fake.interact(slashCommand('ask', { question }), { timeoutMs: 8000 })));
    const early = await first;
    expect(await p.exitWithin(10_000)).toBe(0);

    for (const r of early) {
      expect(callbackStatuses(r)).toEqual([429, 204]);
      expect(shownText(r)).not.toBe(RESTARTING);
    }
    for (const r of late) {
      expect(callbackStatuses(r)).toEqual([429, 204]);
      expect(shownText(r)).toBe(RESTARTING);
      expect(((r.callback!.data as Data).flags & 64) === 64).toBe(true);
    }
    expect(p.logs().find((l) => l.msg === 'in-flight interactions finished; closing the gateway')!.pending).toBe(6);
    expectCleanExit(p);
  });
});
