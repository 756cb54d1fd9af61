import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Command, CommandOutcome } from '../../src/command.js';
import { errorReply } from '../../src/reply/build.js';
import { slashCommand, type InteractionResult } from '../fake-discord/fakeDiscord.js';
import { callbackLatencies, limitProblems, recordLatencies, sentBodies, sleep, startTestBotWith, testCommand, type TestBot } from './harness.js';

/**
 * The 3-second rule and unexpected errors, with test-only commands registered next to the
 * real ones. The fake enforces Discord's deadline: a callback later than 3 s gets
 * 10062 Unknown interaction, as it would live.
 */

type Data = Record<string, any>;


const answer = (lead: string, isPrivate = false): CommandOutcome => ({ reply: { tone: 'answer', title: 'Slow answer', lead }, private: isPrivate });

/** For each run of test-marked-slow, the callback type Discord had seen when its work started. */
const deferredBeforeWork: (number | null)[] = [];

const extraCommands: Command[] = [
  testCommand('test-fast', () => answer('fast')),
  testCommand('test-marked-slow', async (ctx) => {
    // Whether the deferral had reached Discord when the work began: an event, not a clock.
    deferredBeforeWork.push(t.fake.interactions().at(-1)?.callback?.type ?? null);
    await sleep(300);
    return answer('done after 300 ms', ctx.options.private === true);
  }, { slow: true }),
  // not marked slow, but takes longer than Discord's 3 seconds
  testCommand('test-takes-3s', async () => {
    await sleep(3200);
    return answer('done after 3.2 s');
  }),
  testCommand('test-late-refusal', async () => {
    await sleep(1800);
    return { reply: errorReply('Nothing to show you.'), private: true };
  }),
  testCommand('test-throws', () => {
    throw new Error('kaboom: the index caught fire');
  }),
  testCommand('test-throws-late', async () => {
    await sleep(1800);
    throw new Error('late kaboom');
  }),
  testCommand('test-outlives-a-failed-deferral', async () => {
    await sleep(2200);
    return answer('done after 2.2 s');
  }),
  testCommand('test-throws-while-deferring', async () => {
    await sleep(1650);
    throw new Error('racing kaboom');
  }),
];

let t: TestBot;
beforeAll(async () => {
  t = await startTestBotWith({ extraCommands, fake: { callbackDeadlineMs: 3000 } });
});
afterAll(async () => {
  await t?.close();
});

const run = (name: string, options: Record<string, boolean> = {}) => t.fake.interact(slashCommand(name, options), { waitFor: 'final', timeoutMs: 9000 });
const isPrivate = (d: Data | undefined) => ((d?.flags ?? 0) & 64) === 64;

function expectSendable(r: InteractionResult): void {
  for (const body of sentBodies(r)) {
    expect(limitProblems(body)).toEqual([]);
    expect(body.allowed_mentions).toEqual({ parse: [] });
  }
}

/** The error message's ref, checked against the log: same ref, the stack, the command. */
function expectLoggedError(description: string, what: string, message: string): void {
  const m = /^Something went wrong \(ref ([0-9A-F]{6})\)\. It has been logged; try again, or rephrase\.$/.exec(description);
  expect(m, description).not.toBeNull();
  const ref = m![1]!;
  const line = t.logs.find((l) => l.ref === ref && l.level === 50);
  expect(line, `no error log line with ref ${ref}`).toBeDefined();
  expect(line!.msg).toBe(`interaction failed (ref ${ref})`);
  expect(line!.what).toBe(what);
  const err = line!.err as { message: string; stack: string };
  expect(err.message).toBe(message);
  expect(err.stack).toContain(`Error: ${message}`);
  expect(err.stack).toMatch(/deferral\.test\.ts:\d+/);
  expect(t.logs.filter((l) => l.msg === 'interaction' && l.what === what).at(-1)?.outcome).toBe('error');
}

describe('deferral: the 3-second rule', () => {
  it('a quick command is answered directly (callback type 4), never deferred', async () => {
    const r = await run('test-fast');
    expect(r.callback?.type).toBe(4);
    expect(r.edits).toHaveLength(0);
  });

  it('a command marked slow is deferred at once (type 5), then the reply is edited in', async () => {
    deferredBeforeWork.length = 0;
    const r = await run('test-marked-slow');
    expect(r.callback?.type).toBe(5);
    // Deferred before the work started, not by the 1.5 s timer (and so before it finished).
    expect(deferredBeforeWork).toEqual([5]);
    expect(r.callback!.atMs).toBeLessThan(r.edits[0]!.atMs);
    expect(isPrivate(r.callback!.data)).toBe(false);
    expect(r.edits).toHaveLength(1);
    expect(r.edits[0]!.original).toBe(true);
    expect(r.edits[0]!.atMs).toBeGreaterThanOrEqual(300);
    const final = r.final()!;
    expect(final.loading).toBe(false);
    expect(final.ephemeral).toBe(false);
    expect(final.embeds[0]!.description).toBe('done after 300 ms');
    expectSendable(r);
  });

  it('private: the deferral itself is private, so the “thinking…” placeholder is too', async () => {
    const r = await run('test-marked-slow', { private: true });
    expect(r.callback?.type).toBe(5);
    expect(isPrivate(r.callback!.data)).toBe(true);
    expect(r.final()!.ephemeral).toBe(true);
    expect(r.final()!.embeds[0]!.description).toBe('done after 300 ms');
  });

  it('a command that is not marked slow but runs 3.2 s is deferred after 1.5 s and edited when done', async () => {
    const r = await run('test-takes-3s');
    expect(r.callback?.type).toBe(5);
    expect(r.callback!.atMs).toBeGreaterThanOrEqual(1400); // wall clock: the timer never fires early
    // Deferred by the timer while the work was still running (a timer fires late on a loaded
    // machine, never early: no upper bound on the clock; the fake's 3 s rule is the deadline).
    expect(r.callback!.atMs).toBeLessThan(r.edits[0]!.atMs);
    expect(r.requests.filter((q) => q.path.endsWith('/callback')).map((q) => q.status)).toEqual([204]); // not 10062
    expect(r.edits).toHaveLength(1);
    expect(r.edits[0]!.atMs).toBeGreaterThanOrEqual(3200);
    expect(r.final()!.embeds[0]!.description).toBe('done after 3.2 s');
    expectSendable(r);
  });

  it('a private outcome after a public deferral replaces the placeholder with a private follow-up', async () => {
    const r = await run('test-late-refusal');
    expect(r.callback?.type).toBe(5);
    expect(isPrivate(r.callback!.data)).toBe(false);
    expect(r.deletes.map((d) => d.original)).toEqual([true]);
    expect(r.followUps).toHaveLength(1);
    expect(isPrivate(r.followUps[0]!.body)).toBe(true);
    expect((r.followUps[0]!.body!.embeds as Data[])[0]!.description).toBe('Nothing to show you.');
    expect(r.final()!.deleted).toBe(true);
    expectSendable(r);
  });
});

describe('unexpected errors', () => {
  it('→ a private “Something went wrong (ref XXXXXX)”, and a log line with the same ref and the stack', async () => {
    const r = await run('test-throws');
    expect(r.callback?.type).toBe(4);
    const data = r.callback!.data as Data;
    expect(isPrivate(data)).toBe(true);
    expect(data.allowed_mentions).toEqual({ parse: [] });
    expectLoggedError(data.embeds[0].description, '/test-throws', 'kaboom: the index caught fire');
  });

  it('after a public deferral: the placeholder goes and the error arrives privately', async () => {
    const r = await run('test-throws-late');
    expect(r.callback?.type).toBe(5);
    expect(r.deletes.map((d) => d.original)).toEqual([true]);
    expect(r.followUps).toHaveLength(1);
    expect(isPrivate(r.followUps[0]!.body)).toBe(true);
    expectLoggedError((r.followUps[0]!.body!.embeds as Data[])[0]!.description, '/test-throws-late', 'late kaboom');
  });

  it('while the deferral is still on its way (rate-limited callback): reported once, nothing left “thinking…”', async () => {
    // the deferral at 1.5 s gets a 429 and is retried 0.5 s later; the command throws in between
    t.fake.failNext(/^POST \/interactions\//, 429, { retryAfter: 0.5 });
    const r = await run('test-throws-while-deferring');
    await sleep(300); // let any late REST call land
    expect(r.requests.filter((q) => q.path.endsWith('/callback')).map((q) => q.status)).toEqual([429, 204]);
    expect(r.callback?.type).toBe(5);
    expect(r.callbackMs!).toBeLessThan(3000);
    expect(r.messages().filter((m) => m.loading && !m.deleted)).toEqual([]);
    const privateMessages = r.messages().filter((m) => m.ephemeral && !m.deleted);
    expect(privateMessages).toHaveLength(1);
    expectLoggedError(String(privateMessages[0]!.embeds[0]!.description), '/test-throws-while-deferring', 'racing kaboom');
    expect(t.logs.filter((l) => String(l.msg).startsWith('could not report the error'))).toEqual([]);
  });

  it('a deferral Discord refuses while the command still runs is this interaction’s error, reported once, and crashes nothing', async () => {
    // the deferral at 1.5 s fails (an expired interaction answers 404); the command ends at 2.2 s
    t.fake.failNext(/^POST \/interactions\//, 404);
    const r = await run('test-outlives-a-failed-deferral');
    const statuses = r.requests.filter((q) => q.path.endsWith('/callback')).map((q) => q.status);
    expect(statuses).toEqual([404, 204]);
    const data = r.callback!.data as Data;
    expect(isPrivate(data)).toBe(true);
    const ref = /\(ref ([0-9A-F]{6})\)/.exec(data.embeds[0].description)?.[1];
    const line = t.logs.find((l) => l.ref === ref && l.level === 50);
    expect((line!.err as { message: string }).message).toMatch(/Injected failure/);
    expect(t.logs.filter((l) => l.msg === 'interaction handler failed outside a command')).toEqual([]);
  });

  it('every callback above arrived within 3 s', () => {
    const latencies = callbackLatencies(t.fake);
    recordLatencies('deferral', latencies);
    expect(latencies.length).toBe(t.fake.interactions().length);
    for (const ms of latencies) expect(ms).toBeLessThan(3000);
  });
});
