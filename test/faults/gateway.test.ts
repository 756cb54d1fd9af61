import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slashCommand, type FakeDiscord } from '../fake-discord/fakeDiscord.js';
import { startTestBotWith, type TestBot } from '../discord/harness.js';
import type { Data } from './helpers.js';

/**
 * The gateway drops mid-session. discord.js (14.28, @discordjs/ws 1.2.3) reconnects about
 * 0.5 s later: after a dropped connection (1006), 4000 Unknown error or 4009 Session timed
 * out it sends RESUME (it treats 4009 as resumable too); only when Discord refuses the
 * resume (op 9, d: false) does it IDENTIFY afresh, no sooner than 5 s after the last
 * IDENTIFY. Each time the next /ask is answered.
 */

let t: TestBot;
beforeAll(async () => {
  t = await startTestBotWith();
});
afterAll(async () => {
  await t?.close();
});

/**
 * Makes the fake forget every gateway session, so a RESUME gets op 9 (d: false) as Discord
 * answers one after 4009. The fake has no public switch for this (closeSocket keeps the
 * session; invalidateSession also sends op 9 on the live socket), so this reaches its
 * session table; it fails loudly if that ever moves.
 */
function expireSessions(fake: FakeDiscord): void {
  const sessions = (fake as unknown as { gateway?: { sessions?: unknown } }).gateway?.sessions;
  if (!(sessions instanceof Map)) throw new Error('fake-discord: gateway.sessions is gone; give the fake a way to expire sessions');
  sessions.clear();
}

/** Dispatched as soon as the shard is live again (the fake waits for it), answered in full. */
async function askAndExpectAnswer(): Promise<void> {
  const r = await t.fake.interact(slashCommand('ask', { question: 'How many Kazakhs live in Mongolia?' }), { timeoutMs: 9000 });
  expect(r.callback?.type).toBe(4);
  expect((r.callback!.data as Data).embeds[0].description).toContain('160,000 Kazakhs');
}

describe('the gateway closes mid-session', () => {
  it.each([
    [1006, 'the connection drops without a close frame'],
    [4000, 'Discord closes with 4000 Unknown error'],
    [4009, 'Discord closes with 4009 Session timed out (and accepts the resume)'],
  ])('%i (%s): the bot resumes the same session and answers the next /ask', async (code) => {
    const { identifyCount, resumeCount } = t.fake;
    t.fake.closeSocket(code);
    await t.fake.waitForGateway((f) => f.resumeCount === resumeCount + 1 && f.connectedShards().length === 1, 5000);
    await askAndExpectAnswer();
    expect(t.fake.identifyCount).toBe(identifyCount); // resumed, not re-identified
    expect(t.fake.resumeCount).toBe(resumeCount + 1);
    const resume = t.fake.gatewayFrames.filter((f) => f.op === 6).at(-1)!.d as Data;
    expect(resume.session_id).toBeTruthy();
    expect(resume.seq).toBeGreaterThan(0);
  });

  it('4009 when Discord refuses the resume (op 9, not resumable): the bot identifies afresh and answers', async () => {
    const { identifyCount, resumeCount } = t.fake;
    t.fake.closeSocket(4009);
    expireSessions(t.fake); // while the client waits its 0.5 s before reconnecting
    await t.fake.waitForGateway((f) => f.identifyCount === identifyCount + 1 && f.connectedShards().length === 1, 9000);
    await askAndExpectAnswer();
    expect(t.fake.identifyCount).toBe(identifyCount + 1);
    expect(t.fake.resumeCount).toBe(resumeCount + 1); // it tried to resume first
    const lastTwo = t.fake.gatewayFrames.filter((f) => f.op === 2 || f.op === 6).slice(-2);
    expect(lastTwo.map((f) => f.op)).toEqual([6, 2]);
    expect(t.fake.identifies.at(-1)!.intents).toBe(1 | (1 << 9) | (1 << 12)); // Guilds, GuildMessages, DirectMessages, as at start
  });

  it('the log shows no error for any of these: they are routine', () => {
    expect(t.logs.filter((l) => (l.level as number) >= 50)).toEqual([]);
    expect(t.logs.filter((l) => l.msg === 'gateway resumed').length).toBeGreaterThanOrEqual(3);
  });
});
