import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { slashCommand, startFakeDiscord, type FakeDiscord } from '../fake-discord/fakeDiscord.js';
import { startTestBotWith, TEST_TOKEN, waitFor, type TestBot } from '../discord/harness.js';
import { entryEnv, expectNoToken, runEntry, startRefusingDiscord, testCommand, type Data, type RefusingDiscord } from './helpers.js';

/**
 * The bot token never shows: not in log lines, not in what users see, not in crash output.
 * Errors here carry the token in their message on purpose, the way a careless library or a
 * proxy echoing the Authorization header would.
 */

const SECRET_HALF = TEST_TOKEN.split('.').slice(1).join('.');
const INJECT_FAULT = fileURLToPath(new URL('./injectFault.ts', import.meta.url));

const servers: Array<FakeDiscord | RefusingDiscord | TestBot> = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

describe('an error carrying the token, inside a command', () => {
  it('is logged with its ref, redacted in message and stack; the user sees only the ref', async () => {
    const t = await startTestBotWith({
      extraCommands: [
        testCommand('test-leaky', () => {
          throw new Error(`login failed: "Authorization: Bot ${TEST_TOKEN}" was refused`);
        }),
        testCommand('test-leaky-value', () => {
          // not even an Error: a string and a plain object thrown as they are
          throw { detail: `token=${TEST_TOKEN}`, nested: { header: `Bot ${TEST_TOKEN}` } };
        }),
      ],
    });
    servers.push(t);
    for (const name of ['test-leaky', 'test-leaky-value']) {
      const r = await t.fake.interact(slashCommand(name));
      const shown = JSON.stringify(r.callback?.data);
      const ref = /Something went wrong \(ref ([0-9A-F]{6})\)/.exec(shown)?.[1];
      expect(ref, shown).toBeDefined();
      expect(shown).not.toContain(SECRET_HALF);
      const line = t.logs.find((l) => l.ref === ref && l.msg === `interaction failed (ref ${ref})`);
      expect(line).toBeDefined();
      expect(JSON.stringify(line)).toContain('[REDACTED]');
    }
    const err = t.logs.find((l) => l.what === '/test-leaky' && l.err)!.err as Data;
    expect(err.message).toBe('login failed: "Authorization: Bot [REDACTED]" was refused');
    expect(err.stack).toContain('Bot [REDACTED]');
    expectNoToken(JSON.stringify(t.logs));
  });
});

describe('crash output of the real entry', () => {
  it('login fails with an error echoing the token (a proxy answering 400 with the header): the crash line is redacted', async () => {
    const echo = await startRefusingDiscord(4004, (req, res) => {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: `Malformed Authorization header: ${req.headers.authorization}`, code: 0 }));
    });
    servers.push(echo);
    const p = runEntry(entryEnv(echo.apiUrl));
    expect(await p.exitWithin(10_000)).toBe(1);
    expect(echo.authorizations).toEqual([`Bot ${TEST_TOKEN}`]); // it really was sent, and echoed
    expect(p.stderr()).toContain('Malformed Authorization header: Bot [REDACTED]');
    expectNoToken(p.stderr() + p.stdout());
  });

  it('an uncaught exception carrying the token, while serving: one redacted crash line, exit 1', async () => {
    const fake = await startFakeDiscord();
    servers.push(fake);
    const p = runEntry(entryEnv(fake.apiUrl, { DISCORD_GUILD_ID: fake.guildId }), { preload: INJECT_FAULT });
    await waitFor(() => p.logs().some((l) => l.msg === 'commands registered'), 15_000, `commands registered (stderr: ${p.stderr()})`);
    p.kill('SIGUSR2');
    expect(await p.exitWithin(10_000)).toBe(1);
    expectNoToken(p.stderr() + p.stdout()); // Node's own report would print the message as it is
    expect(p.plainLines()[0]).toBe('steppe: crashed: Error: upstream refused "Authorization: Bot [REDACTED]"');
    expect(p.stderr()).toMatch(/injectFault\.ts:\d+/); // the stack is kept, only the token goes
  });

  it('an unhandled rejection carrying the token: logged redacted, and Steppe keeps answering', async () => {
    const fake = await startFakeDiscord();
    servers.push(fake);
    const p = runEntry(entryEnv(fake.apiUrl, { DISCORD_GUILD_ID: fake.guildId, STEPPE_TEST_FAULT: 'reject' }), { preload: INJECT_FAULT });
    await waitFor(() => p.logs().some((l) => l.msg === 'commands registered'), 15_000, `commands registered (stderr: ${p.stderr()})`);
    p.kill('SIGUSR2');
    await waitFor(() => p.logs().some((l) => l.msg === 'unhandled rejection'), 5000, 'the rejection being logged');
    const line = p.logs().find((l) => l.msg === 'unhandled rejection')!;
    expect(line.err.message).toBe('upstream refused "Authorization: Bot [REDACTED]"');
    const r = await fake.interact(slashCommand('ask', { question: 'How many Kazakhs live in Mongolia?' }));
    expect((r.callback!.data as Data).embeds[0].description).toContain('160,000 Kazakhs');
    p.kill('SIGTERM');
    expect(await p.exitWithin(10_000)).toBe(0);
    expectNoToken(p.stderr() + p.stdout());
  });
});
