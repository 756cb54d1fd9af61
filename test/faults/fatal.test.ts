import { afterAll, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from '../fake-discord/fakeDiscord.js';
import { waitFor } from '../discord/harness.js';
import { entryEnv, expectNoToken, runEntry, startRefusingDiscord, type Proc, type RefusingDiscord } from './helpers.js';

/**
 * Discord refuses the bot for good: a bad token or a privileged intent not enabled. No
 * retry can fix that, so the real entry must print one line saying what is wrong and what
 * to do, and exit non-zero promptly — not loop reconnecting, and not sit connected to
 * nothing (discord.js stops reconnecting after these codes but keeps the process alive).
 */

const servers: Array<FakeDiscord | RefusingDiscord> = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

/** Exactly one line meant for people; JSON log lines are at most warnings, bar the one naming the close. */
function expectOneFatalLine(p: Proc, pattern: RegExp): void {
  expect(p.plainLines()).toEqual([expect.stringMatching(pattern)]);
  expect(p.plainLines()[0]).toMatch(/^steppe: /);
  expectNoToken(p.stderr() + p.stdout());
  expect(p.stdout()).toBe('');
}

const TOKEN_LINE = /Discord rejected DISCORD_TOKEN .*: reset the token in the Developer Portal \(Bot → Reset Token\) and put the new one in DISCORD_TOKEN$/;
const INTENT_LINE =
  /Discord refused a privileged intent \(gateway close 4014, disallowed intents\): enable .* in the Developer Portal \(Bot → Privileged Gateway Intents\).*\(requested: Guilds, GuildMessages, DirectMessages\)$/;

describe('a bad token', () => {
  it('GET /gateway/bot answers 401: exit 1 at once with "reset the token", the gateway never opened', async () => {
    const fake = await startFakeDiscord();
    servers.push(fake);
    fake.failNext(/^GET \/gateway\/bot$/, 401, { times: 10 });
    const p = runEntry(entryEnv(fake.apiUrl));
    const started = p.mark();
    expect(await p.exitWithin(10_000)).toBe(78);
    expect(p.ownMsSince(started)).toBeLessThan(10_000); // its own time: a loaded machine does not count
    expectOneFatalLine(p, /\(401 Unauthorized\)/);
    expect(p.plainLines()[0]).toMatch(TOKEN_LINE);
    expect(fake.requests.filter((r) => r.path === '/gateway/bot')).toHaveLength(1); // no retry loop
    expect(fake.identifyCount).toBe(0);
  });

  it('the gateway closes 4004 at IDENTIFY (Discord’s answer to a revoked token): one IDENTIFY, exit 1 with "reset the token"', async () => {
    const discord = await startRefusingDiscord(4004);
    servers.push(discord);
    const p = runEntry(entryEnv(discord.apiUrl));
    expect(await p.exitWithin(10_000)).toBe(78);
    expectOneFatalLine(p, /\(gateway close 4004, authentication failed\)/);
    expect(p.plainLines()[0]).toMatch(TOKEN_LINE);
    expect(discord.identifies).toBe(1);
    expect(discord.connections).toBe(1);
  });

  it('the token is reset while Steppe runs (4004 mid-session): it stops, says so, exits 1 instead of idling', async () => {
    const fake = await startFakeDiscord();
    servers.push(fake);
    const p = runEntry(entryEnv(fake.apiUrl, { DISCORD_GUILD_ID: fake.guildId }));
    await waitFor(() => p.logs().some((l) => l.msg === 'commands registered'), 15_000, `commands registered (stderr: ${p.stderr()})`);
    const closedAt = p.mark();
    fake.closeSocket(4004);
    expect(await p.exitWithin(10_000)).toBe(78);
    expect(p.ownMsSince(closedAt)).toBeLessThan(3000); // its own time: a loaded machine does not count
    expectOneFatalLine(p, TOKEN_LINE);
    expect(p.logs().find((l) => l.msg === 'gateway closed for good')).toMatchObject({ code: 4004 });
    expect(fake.identifyCount).toBe(1);
    expect(fake.resumeCount).toBe(0);
  });
});

describe('a privileged intent not enabled in the Developer Portal', () => {
  it('the gateway closes 4014 at IDENTIFY: one IDENTIFY, exit 1 with "enable the intent", naming what was requested', async () => {
    const discord = await startRefusingDiscord(4014);
    servers.push(discord);
    const p = runEntry(entryEnv(discord.apiUrl));
    expect(await p.exitWithin(10_000)).toBe(78);
    expectOneFatalLine(p, INTENT_LINE);
    expect(discord.identifies).toBe(1);
  });

  it('4014 after READY (intents changed under a running bot): exit 1 with the same line, no reconnect', async () => {
    const fake = await startFakeDiscord();
    servers.push(fake);
    const p = runEntry(entryEnv(fake.apiUrl, { DISCORD_GUILD_ID: fake.guildId }));
    await waitFor(() => p.logs().some((l) => l.msg === 'connected to Discord'), 15_000, `connected (stderr: ${p.stderr()})`);
    fake.closeSocket(4014);
    expect(await p.exitWithin(10_000)).toBe(78);
    expectOneFatalLine(p, INTENT_LINE);
    expect(fake.identifyCount + fake.resumeCount).toBe(1);
  });
});
