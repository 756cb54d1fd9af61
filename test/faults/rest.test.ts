import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorReply } from '../../src/reply/build.js';
import { slashCommand, type InteractionResult } from '../fake-discord/fakeDiscord.js';
import { sleep, startTestBotWith, waitFor, type TestBot } from '../discord/harness.js';
import { answer, testCommand, type Data } from './helpers.js';

/**
 * Discord's REST API misbehaves while the bot replies. What discord.js (14.28,
 * @discordjs/rest) does about it is measured here by counting the calls the fake saw:
 * a 429 is retried after its Retry-After, a 5xx is retried at once up to 3 times (4 calls
 * in all), a 4xx is not retried. A reply that fails for good is logged with the ref the
 * user would have seen, and the bot goes on serving. The fake enforces Discord's 3 s rule.
 */

const extraCommands = [
  testCommand('test-slow', async () => {
    await sleep(200);
    return answer('done after 200 ms');
  }, { slow: true }),
  // deferred publicly, then a private outcome: the placeholder is deleted and a private follow-up sent
  testCommand('test-slow-refusal', async () => {
    await sleep(200);
    return { reply: errorReply('Nothing to show you.'), private: true };
  }, { slow: true }),
];

let t: TestBot;
beforeAll(async () => {
  t = await startTestBotWith({ extraCommands, fake: { callbackDeadlineMs: 3000 } });
});
afterAll(async () => {
  await t?.close();
});

const ask = (question = 'How many Kazakhs live in Mongolia?') =>
  t.fake.interact(slashCommand('ask', { question }), { timeoutMs: 9000, quietMs: 300 });
/** For an interaction that never gets a reply: dispatch it and return its live record at once. */
async function dispatchUnanswered(question: string): Promise<InteractionResult> {
  const before = t.fake.interactions().length;
  void t.fake.interact(slashCommand('ask', { question }), { timeoutMs: 8000 }).catch(() => undefined);
  await waitFor(() => t.fake.interactions().length > before, 2000, 'the dispatch');
  return t.fake.interactions().at(-1)!;
}

/** Once a (new) failed error report is logged: the last two error lines naming a ref, the failure and the failed report. */
async function nextFailureAndReport(reportsBefore: number): Promise<Array<Record<string, unknown>>> {
  await waitFor(() => reports() > reportsBefore, 6000, 'the failed error report being logged');
  return t.logs.filter((l) => l.level === 50 && String(l.msg).includes('(ref ')).slice(-2);
}
const reports = () => t.logs.filter((l) => String(l.msg).startsWith('could not report the error')).length;

const statuses = (r: InteractionResult, method: string, suffix: RegExp) =>
  r.requests.filter((q) => q.method === method && suffix.test(q.path)).map((q) => q.status);
const CALLBACK = /\/callback$/;
const ORIGINAL = /\/messages\/@original$/;
const FOLLOW_UP = /^\/webhooks\/\d+\/[^/]+$/;

function expectAnswered(r: InteractionResult): void {
  expect(r.callback?.type).toBe(4);
  expect((r.callback!.data as Data).embeds[0].description).toContain('160,000 Kazakhs');
}

/** The private "Something went wrong (ref X)" the user saw, or undefined. */
function refShown(r: InteractionResult): string | undefined {
  const text = String(((r.callback?.data as Data | undefined)?.embeds as Data[] | undefined)?.[0]?.description ?? '');
  return /^Something went wrong \(ref ([0-9A-F]{6})\)/.exec(text)?.[1];
}

const logsWithRef = (ref: string) => t.logs.filter((l) => l.ref === ref);

describe('429 Too Many Requests with Retry-After', () => {
  it('on the edit of a deferred reply: the edit is sent again after Retry-After and the answer arrives', async () => {
    t.fake.failNext(/^PATCH \/webhooks\//, 429, { retryAfter: 1 });
    const r = await t.fake.interact(slashCommand('test-slow'), { timeoutMs: 9000, quietMs: 300 });
    expect(r.callback?.type).toBe(5);
    expect(statuses(r, 'PATCH', ORIGINAL)).toEqual([429, 200]);
    const [limited, retried] = r.requests.filter((q) => q.method === 'PATCH');
    expect(retried!.time - limited!.time).toBeGreaterThanOrEqual(950);
    expect(r.final()!.loading).toBe(false);
    expect(r.final()!.embeds[0]!.description).toBe('done after 200 ms');
  });

  it('on a follow-up: the follow-up is sent again after Retry-After and arrives (privately)', async () => {
    t.fake.failNext(/^POST \/webhooks\//, 429, { retryAfter: 1 });
    const r = await t.fake.interact(slashCommand('test-slow-refusal'), { timeoutMs: 9000, quietMs: 300 });
    expect(statuses(r, 'POST', FOLLOW_UP)).toEqual([429, 200]);
    expect(r.followUps).toHaveLength(1);
    expect(((r.followUps[0]!.body!.flags as number) & 64) === 64).toBe(true);
    expect((r.followUps[0]!.body!.embeds as Data[])[0]!.description).toBe('Nothing to show you.');
    expect(r.messages().filter((m) => m.loading && !m.deleted)).toEqual([]);
  });
});

describe('500 Internal Server Error', () => {
  it('twice on the interaction callback: retried at once, the third call lands and the answer arrives', async () => {
    t.fake.failNext(CALLBACK, 500, { times: 2 });
    const r = await ask();
    expect(statuses(r, 'POST', CALLBACK)).toEqual([500, 500, 204]);
    expectAnswered(r);
    expect(r.callbackMs!).toBeLessThan(3000);
  });

  it('three times on the edit: the fourth call lands', async () => {
    t.fake.failNext(/^PATCH \/webhooks\//, 500, { times: 3 });
    const r = await t.fake.interact(slashCommand('test-slow'), { timeoutMs: 9000, quietMs: 300 });
    expect(statuses(r, 'PATCH', ORIGINAL)).toEqual([500, 500, 500, 200]);
    expect(r.final()!.embeds[0]!.description).toBe('done after 200 ms');
  });
});

describe('a reply that fails for good', () => {
  it('500 on all 4 calls of the reply: logged with a ref, the user gets that ref, the next /ask is answered', async () => {
    t.fake.failNext(CALLBACK, 500, { times: 4 });
    const r = await ask();
    expect(statuses(r, 'POST', CALLBACK)).toEqual([500, 500, 500, 500, 204]); // then the error report lands
    const ref = refShown(r);
    expect(ref).toBeDefined();
    const [failed] = logsWithRef(ref!);
    expect(failed).toMatchObject({ level: 50, msg: `interaction failed (ref ${ref})`, what: '/ask' });
    expect((failed!.err as Data).message).toBe('Internal Server Error');
    expectAnswered(await ask());
  });

  it('500 on every call, the error report too: both failures are logged with the same ref, the next /ask is answered', async () => {
    t.fake.failNext(CALLBACK, 500, { times: 8 });
    const before = reports();
    const r = await dispatchUnanswered('Who is Akayev?');
    const lines = await nextFailureAndReport(before);
    expect(statuses(r, 'POST', CALLBACK)).toEqual(Array(8).fill(500));
    expect(r.callback).toBeUndefined(); // the user saw "The application did not respond"
    const ref = lines[0]!.ref as string;
    expect(lines.map((l) => l.msg)).toEqual([`interaction failed (ref ${ref})`, `could not report the error (ref ${ref})`]);
    expect(lines[1]!.ref).toBe(ref);
    expectAnswered(await ask());
  });

  it('a 429 on the first response for longer than its 3 s life: dropped at once with one log line, not retried into 10062; the next /ask is answered', async () => {
    t.fake.failNext(CALLBACK, 429, { retryAfter: 3.1 });
    const dropped = () => t.logs.filter((l) => String(l.msg).startsWith('reply dropped: Discord rate-limited it'));
    const before = dropped().length;
    const r = await dispatchUnanswered('What is the Belt and Road Initiative?');
    await waitFor(() => t.logs.some((l) => l.msg === 'interaction' && l.outcome === 'dropped-rate-limited'), 6000, 'the interaction line');
    expect(dropped().length).toBe(before + 1);
    expect(dropped().at(-1)).toMatchObject({ level: 40, method: 'POST', retryAfterMs: expect.any(Number) });
    expect(statuses(r, 'POST', CALLBACK)).toEqual([429]); // no late retry, no error report held the same way
    expect(r.callback).toBeUndefined();
    expectAnswered(await ask());
  });

  it('none of this escaped the handler or crashed anything', () => {
    expect(t.logs.filter((l) => l.msg === 'interaction handler failed outside a command' || l.msg === 'unhandled rejection')).toEqual([]);
    expect(t.bot.client.isReady()).toBe(true);
  });
});
