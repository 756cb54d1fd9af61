import { tempDatabaseFile } from './harness.js';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { commandPayload } from '../../src/discord/bot.js';
import { slashCommand, startFakeDiscord, validateCommand, type FakeDiscord } from '../fake-discord/fakeDiscord.js';
import { callbackLatencies, recordLatencies, TEST_TOKEN, waitFor } from './harness.js';
import { describeBound, safetyNet } from '../fake-discord/safetyNet.js';

/**
 * The real entry point as a separate process: `node --import tsx src/main.ts` against the
 * loopback Discord (register, answer, SIGTERM with a reply in flight → exit 0), bad
 * configuration (exit 1, one line naming the variable), no token (the local console), and
 * `npm run deploy -- --dry-run`. The token never appears in any output.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface Proc {
  stdout(): string;
  stderr(): string;
  /** Parsed JSON log lines from stderr. */
  logs(): Array<Record<string, any>>;
  exit: Promise<number | null>;
  kill(signal: NodeJS.Signals): void;
  write(text: string): void;
  end(): void;
}

/** The environment minus anything Steppe reads, so the host's settings cannot leak in. */
function cleanEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(base)) {
    if (/^(DISCORD_|LOG_LEVEL$|COOLDOWN_|SHARD_|CORPUS_DIR$|DATABASE_URL$|INDEX_CACHE_DIR$)/.test(key)) delete base[key];
  }
  // an empty DISCORD_TOKEN also keeps a developer's .env from supplying one (dotenv never overrides)
  // Each process its own SQLite file in a temp folder: never ./data, never another test's.
  return { DISCORD_TOKEN: '', DATABASE_URL: `sqlite:${tempDatabaseFile()}`, ...base, ...env };
}

const children: Array<{ kill(signal: NodeJS.Signals): void; exit: Promise<number | null> }> = [];

function run(command: string, args: string[], env: Record<string, string>): Proc {
  const child = spawn(command, args, { cwd: ROOT, env: cleanEnv(env), stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  const exit = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const proc: Proc = {
    stdout: () => out,
    stderr: () => err,
    logs: () =>
      err
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, any>),
    exit,
    kill: (signal) => child.kill(signal),
    write: (text) => child.stdin.write(text),
    end: () => child.stdin.end(),
  };
  children.push(proc);
  return proc;
}

const runMain = (env: Record<string, string>) => run(process.execPath, ['--import', 'tsx', 'src/main.ts'], env);

async function exitWithin(p: Proc, ms: number): Promise<number | null> {
  let timer: NodeJS.Timeout | undefined;
  const bound = safetyNet(ms); // a safety net, stretched on a loaded machine
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no exit within ${describeBound(ms, bound)}\nstderr:\n${p.stderr()}`)), bound)));
  try {
    return await Promise.race([p.exit, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function expectNoToken(p: Proc): void {
  const all = p.stdout() + p.stderr();
  expect(all).not.toContain(TEST_TOKEN);
  expect(all).not.toContain(TEST_TOKEN.split('.').slice(1).join('.'));
}

afterAll(async () => {
  // nothing outlives the suite, whatever failed
  for (const c of children) c.kill('SIGKILL');
  await Promise.all(children.map((c) => c.exit));
});

describe('npm start (src/main.ts) against the loopback Discord', () => {
  let fake: FakeDiscord;
  afterAll(async () => {
    await fake?.close();
  });

  it('registers, answers /ask, and on SIGTERM finishes the reply in flight, then exits 0; the token is never printed', async () => {
    fake = await startFakeDiscord();
    const p = runMain({ DISCORD_TOKEN: TEST_TOKEN, DISCORD_API_URL: fake.apiUrl, DISCORD_GUILD_ID: fake.guildId, LOG_LEVEL: 'info', COOLDOWN_SECONDS: '0' });
    await waitFor(() => p.logs().some((l) => l.msg === 'commands registered'), 15_000, `commands registered (stderr: ${p.stderr()})`);
    expect(fake.registeredCommands({ guildId: fake.guildId }).map((c) => c.name)).toEqual(commands.map((c) => c.definition.name));
    expect(p.logs().find((l) => l.msg === 'commands registered')).toMatchObject({ result: 'updated', scope: 'guild' });

    const asked = await fake.interact(slashCommand('ask', { question: 'How many Kazakhs live in Mongolia?' }));
    expect(asked.callback?.type).toBe(4);
    expect(asked.callbackMs!).toBeLessThan(3000);
    const data = asked.callback!.data as Record<string, any>;
    expect(data.embeds[0].description).toContain('**There are approximately 160,000 Kazakhs living in Mongolia');
    expect(data.allowed_mentions).toEqual({ parse: [] });

    // Hold the next reply in flight: its callback is rate-limited and retried after 1 s.
    fake.failNext(/^POST \/interactions\//, 429, { retryAfter: 1 });
    const inFlight = fake.interact(slashCommand('ask', { question: 'What is the Belt and Road Initiative?' }), { timeoutMs: 8000 });
    await waitFor(() => fake.requests.some((r) => r.status === 429), 5000, 'the rate-limited callback');
    p.kill('SIGTERM');
    const late = await inFlight;
    expect(late.requests.filter((r) => r.path.endsWith('/callback')).map((r) => r.status)).toEqual([429, 204]);
    expect(late.callback?.type).toBe(4);
    expect((late.callback!.data as Record<string, any>).embeds[0].title).toBe('What is the Belt and Road Initiative?');

    expect(await exitWithin(p, 10_000)).toBe(0);
    const messages = p.logs().map((l) => l.msg);
    expect(messages).toEqual(expect.arrayContaining(['corpus indexed', 'connected to Discord', 'commands registered', 'shutting down', 'stopped']));
    expect(p.logs().find((l) => l.msg === 'in-flight interactions finished; closing the gateway')?.pending).toBe(1);
    expect(p.logs().filter((l) => l.level >= 50)).toEqual([]);
    expect(p.stdout()).toBe(''); // stdout is not for logs
    expectNoToken(p);
    recordLatencies('entry (child process)', callbackLatencies(fake));
  });
});

describe('bad configuration', () => {
  it('a malformed DISCORD_GUILD_ID: exit 1 with one line naming the variable', async () => {
    const p = runMain({ DISCORD_TOKEN: TEST_TOKEN, DISCORD_GUILD_ID: '12345-not-a-server' });
    expect(await exitWithin(p, 15_000)).toBe(1);
    const lines = p.stderr().trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^steppe: DISCORD_GUILD_ID must be a server id \(17–20 digits\)/);
    expect(p.stdout()).toBe('');
    expectNoToken(p);
  });

  it('a malformed DISCORD_TOKEN: exit 1, one line naming the variable, not echoing the value', async () => {
    const p = runMain({ DISCORD_TOKEN: 'hunter2-my-secret-password' });
    expect(await exitWithin(p, 15_000)).toBe(1);
    const lines = p.stderr().trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^steppe: DISCORD_TOKEN does not look like a bot token/);
    expect(p.stderr() + p.stdout()).not.toContain('hunter2');
  });
});

describe('without DISCORD_TOKEN: the local console', () => {
  it('reads commands from stdin, prints rendered answers, and exits 0 at end of input', async () => {
    const p = runMain({});
    p.write('/ask question: How many Kazakhs live in Mongolia?\n');
    p.write('/quote id: irgengioro-2022/23\n');
    p.write('/nope\n');
    p.write('Who is Akayev?\n'); // a bare question is an /ask
    p.end();
    expect(await exitWithin(p, 15_000)).toBe(0);
    const out = p.stdout();
    expect(p.stderr()).toContain('DISCORD_TOKEN is not set, so Steppe is not connecting to Discord');
    expect(out).toContain('How many Kazakhs live in Mongolia?');
    expect(out).toContain('There are approximately 160,000 Kazakhs living in Mongolia');
    expect(out).toContain('— Miliate (2013), “The Steppes to the States”, p. 1, ¶ miliate-2013/2');
    expect(out).toContain('¶ irgengioro-2022/23');
    expect(out).toContain('Unknown command /nope. Type /help for the list.');
    expect(out).toMatch(/Who is Akayev\?\n[\s\S]*¶ irgengioro-2022\/\d+/);
    expect(out).not.toMatch(/\u001b\[/); // no terminal colours when stdout is not a terminal
    expect(out).not.toMatch(/^\{"level"/m); // logs stay on stderr
  });

  it('bare questions are one conversation; /new starts another', async () => {
    const p = runMain({});
    p.write('how much did kazakhstan export to mongolia in 2019?\n');
    p.write('and the other direction?\n');
    p.write('/new\n');
    p.write('and the other direction?\n');
    p.end();
    expect(await exitWithin(p, 15_000)).toBe(0);
    const [before, after] = p.stdout().split(/\n(?=New conversation)/);
    const answers = before!.split(/\n(?=and the other direction\?\n)/);
    expect(answers).toHaveLength(2);
    expect(answers[1]).toContain('Understood as: how much did mongolia export to kazakhstan in 2019?');
    expect(answers[1]).toContain('7.14');
    expect(after).toContain('New conversation');
    // (Asked afresh, there is no flow to turn round: said so, not searched.)
    expect(after).not.toContain('Understood as');
    expect(after).toContain('There is nothing to turn round yet');
  });
});

describe('the saved index (INDEX_CACHE_DIR)', () => {
  const startAndAsk = async (env: Record<string, string>) => {
    const p = runMain({ LOG_LEVEL: 'info', ...env });
    p.write('How many Kazakhs live in Mongolia?\n');
    p.end();
    expect(await exitWithin(p, 20_000)).toBe(0);
    expect(p.stdout()).toContain('160,000');
    return p;
  };

  it('the first start builds and saves the index, the next one loads it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'steppe-entry-cache-'));
    try {
      const first = await startAndAsk({ INDEX_CACHE_DIR: dir });
      expect(first.logs().find((l) => l.msg === 'corpus indexed')?.index).toBe('built');
      // One index saved (the figures beside it in a file of their own, read on first use).
      expect(readdirSync(dir).filter((f) => /^index-.*\.json$/.test(f))).toHaveLength(1);
      const second = await startAndAsk({ INDEX_CACHE_DIR: dir });
      expect(second.logs().find((l) => l.msg === 'corpus indexed')?.index).toBe('cache');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a folder that cannot be used: a warning naming the variable, and the bot still answers', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'steppe-entry-cache-'));
    const notAFolder = path.join(dir, 'file');
    writeFileSync(notAFolder, 'x');
    try {
      const p = await startAndAsk({ INDEX_CACHE_DIR: notAFolder });
      const warning = p.logs().find((l) => l.level === 40);
      expect(warning?.msg).toMatch(/index could not be saved \(INDEX_CACHE_DIR\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('npm run deploy -- --dry-run', () => {
  it('prints the command payload as JSON: every command, names and descriptions within Discord’s rules', async () => {
    const p = run('npm', ['run', '--silent', 'deploy', '--', '--dry-run'], {});
    expect(await exitWithin(p, 15_000)).toBe(0);
    const payload = JSON.parse(p.stdout()) as Array<Record<string, any>>;
    expect(payload).toEqual(JSON.parse(JSON.stringify(commandPayload(commands))));
    expect(payload.map((c) => c.name)).toEqual(commands.map((c) => c.definition.name));
    expect(new Set(payload.map((c) => `${c.type ?? 1}:${c.name}`)).size).toBe(payload.length);
    for (const c of payload) {
      expect(validateCommand(c), c.name).toBeUndefined();
      if ((c.type ?? 1) === 1) {
        expect(c.name).toMatch(/^[-_\p{L}\p{N}]{1,32}$/u);
        expect(c.name).toBe(c.name.toLowerCase());
        expect(c.description.length).toBeGreaterThanOrEqual(1);
        expect(c.description.length).toBeLessThanOrEqual(100);
        for (const o of c.options ?? []) {
          expect(o.name).toMatch(/^[-_\p{L}\p{N}]{1,32}$/u);
          expect(o.description.length).toBeGreaterThanOrEqual(1);
          expect(o.description.length).toBeLessThanOrEqual(100);
        }
        // Discord: name + description + every option's name, description and choices ≤ 4000 characters
        const size = JSON.stringify(c).length;
        expect(size).toBeLessThan(4000);
      } else {
        expect(c.name.length).toBeLessThanOrEqual(32);
        expect(c.description ?? '').toBe('');
      }
    }
  });
});
