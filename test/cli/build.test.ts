import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slashCommand, startFakeDiscord, type FakeDiscord } from '../fake-discord/fakeDiscord.js';
import { tempDatabaseFile, TEST_TOKEN } from '../discord/harness.js';

/**
 * `npm start` runs the bot compiled (`npm run build:js`, then `node dist/src/main.js`): the
 * real build, into a folder of its own, and the compiled entry points run as plain Node —
 * no TypeScript loader anywhere. Every path the code resolves (package.json for the version,
 * corpus/, the shard entry, the chart fonts) must hold from the compiled tree as it does
 * from src/.
 *
 * The output folder sits under the repository's git-ignored `tmp/`: compiled code finds its
 * packages (node_modules) and the repository (package.json, corpus/) by walking up from
 * itself, as dist/ does. The bot runs from an unrelated working directory, so nothing is
 * found through the working directory by accident.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSC = path.join(ROOT, 'node_modules/typescript/bin/tsc');

let outDir: string;
let cwd: string;
const children: ChildProcess[] = [];

/** The environment minus anything Steppe reads, so the host's settings cannot leak in. */
function cleanEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(base)) {
    if (/^(DISCORD_|LOG_LEVEL$|COOLDOWN_|SHARD_|CORPUS_DIR$|DATABASE_URL$|NODE_OPTIONS$)/.test(key)) delete base[key];
  }
  // an empty DISCORD_TOKEN keeps a .env from supplying one (dotenv never overrides)
  // The bot's own SQLite file in a temp folder: never ./data.
  return { DISCORD_TOKEN: '', DATABASE_URL: `sqlite:${tempDatabaseFile()}`, ...base, ...env };
}

/** The Node flags an npm script gives its entry: `node [flags…] dist/src/<entry>.js`. */
function scriptFlags(script: string, entry: string): string[] {
  const command = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts[script] ?? '';
  const words = command.trim().split(/\s+/);
  expect(words[0], command).toBe('node');
  expect(words.at(-1), command).toBe(`dist/src/${entry}.js`);
  return words.slice(1, -1);
}

function runNode(file: string, env: Record<string, string>, flags: string[] = []) {
  const child = spawn(process.execPath, [...flags, file], { cwd, env: cleanEnv(env), stdio: ['pipe', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  const exit = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  /**
   * Resolves when stderr has shown `text`; rejects, with what it printed, if the process
   * exits first. Waits on the output, not on a clock: only the test's own timeout bounds it,
   * so a loaded machine makes it slower, not wrong.
   */
  const printed = (text: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (err.includes(text)) resolve();
      };
      child.stderr.on('data', check);
      check();
      void exit.then((code) => reject(new Error(`exited ${code} before printing “${text}”; stderr:\n${err}`)));
    });
  return { child, exit, printed, stdout: () => out, stderr: () => err };
}

/** pids of the direct children of `pid` (Linux /proc), or null where /proc cannot tell. */
function childPids(pid: number): number[] | null {
  const file = `/proc/${pid}/task/${pid}/children`;
  if (!existsSync(file)) return null;
  return readFileSync(file, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
}

/** The repository's tmp/, removed again if this suite made it (no empty folder left behind). */
const TMP = path.join(ROOT, 'tmp');
const madeTmp = !existsSync(TMP);

beforeAll(async () => {
  mkdirSync(TMP, { recursive: true });
  outDir = mkdtempSync(path.join(ROOT, 'tmp', 'build-test-'));
  cwd = mkdtempSync(path.join(tmpdir(), 'steppe-build-test-cwd-'));
  // exactly `npm run build:js`, with only the output folder changed
  await promisify(execFile)(process.execPath, [TSC, '-p', 'tsconfig.build.json', '--outDir', outDir], { cwd: ROOT, timeout: 60_000 }).catch(
    (err: Error & { stdout?: string; stderr?: string }) => {
      throw new Error(`the build failed: ${err.message}\n${err.stdout ?? ''}${err.stderr ?? ''}`);
    },
  );
}, 70_000);

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await Promise.all(children.map((c) => (c.exitCode === null && c.signalCode === null ? new Promise((r) => c.once('close', r)) : null)));
  if (outDir) rmSync(outDir, { recursive: true, force: true });
  if (madeTmp && existsSync(TMP) && readdirSync(TMP).length === 0) rmdirSync(TMP);
  if (cwd) rmSync(cwd, { recursive: true, force: true });
});

describe('npm run build:js (tsconfig.build.json)', () => {
  it('emits src/ and commands/ as JavaScript under the output folder, and nothing of the tests or the bench', () => {
    expect(readdirSync(outDir).sort()).toEqual(['commands', 'src']);
    for (const file of ['src/main.js', 'src/sharded.js', 'src/cli/deploy.js', 'src/cli/ask.js', 'commands/index.js']) {
      expect(existsSync(path.join(outDir, file)), file).toBe(true);
    }
  });

  // Bounded by the test's timeout only (no clock inside): generous for a loaded machine.
  it('the compiled entry without DISCORD_TOKEN: the local console answers from stdin with a citation', { timeout: 60_000 }, async () => {
    const p = runNode(path.join(outDir, 'src/main.js'), {}, scriptFlags('start', 'main'));
    p.child.stdin.write('How many Kazakhs live in Mongolia?\n');
    p.child.stdin.write('/about\n');
    p.child.stdin.end();
    expect(await p.exit, p.stderr()).toBe(0);
    expect(p.stderr()).toContain('DISCORD_TOKEN is not set');
    const out = p.stdout();
    expect(out).toContain('There are approximately 160,000 Kazakhs living in Mongolia');
    expect(out).toContain('— Miliate (2013), “The Steppes to the States”, p. 1, ¶ miliate-2013/2');
    // /about: the version read from package.json, the corpus found from the compiled tree
    const version = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    expect(out).toMatch(new RegExp(`Version\\s+${version.replace(/\./g, '\\.')}`));
    expect(out).toContain('irgengioro-2022');
  });

  describe('the compiled start:sharded', () => {
    let fake: FakeDiscord;
    afterAll(async () => {
      await fake?.close();
    });

    it('spawns the compiled main.js beside it as plain Node with its own flags; the shard connects and answers; SIGTERM stops both, exit 0', async () => {
      fake = await startFakeDiscord();
      const flags = scriptFlags('start:sharded', 'sharded');
      const p = runNode(path.join(outDir, 'src/sharded.js'), {
        DISCORD_TOKEN: TEST_TOKEN,
        DISCORD_API_URL: fake.apiUrl,
        DISCORD_GUILD_ID: fake.guildId,
        SHARD_COUNT: '1',
        SHARD_SPAWN_DELAY_MS: '0',
        COOLDOWN_SECONDS: '0',
        LOG_LEVEL: 'info',
      }, flags);
      await p.printed('all shards ready');
      expect(fake.connectedShards()).toContain(0);
      expect(p.child.exitCode, p.stderr()).toBeNull();

      const shards = childPids(p.child.pid!);
      if (shards) {
        expect(shards).toHaveLength(1);
        const argv = readFileSync(`/proc/${shards[0]}/cmdline`, 'utf8').split('\0').filter(Boolean);
        // the .js beside sharded.js, with the manager's Node flags and no loader
        expect(argv.slice(1)).toEqual([...flags, path.join(outDir, 'src/main.js')]);
      }

      const asked = await fake.interact(slashCommand('ask', { question: 'How many Kazakhs live in Mongolia?' }), { waitFor: 'final', timeoutMs: 30_000 });
      expect(asked.callback?.type).toBe(4);
      expect(JSON.stringify(asked.callback!.data)).toContain('¶ miliate-2013/2');

      p.child.kill('SIGTERM');
      expect(await p.exit).toBe(0);
      expect(p.stderr()).not.toContain(TEST_TOKEN);
    }, 90_000);
  });
});
