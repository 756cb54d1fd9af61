import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { slashCommand, startFakeDiscord, type FakeDiscord, type InteractionResult } from '../test/fake-discord/fakeDiscord.js';
import { REPO_ROOT } from './questions.js';
import { COMPILED_MAIN, npmBuild, startNodeFlags } from './spawn.js';
import { latency, type Latency } from './stats.js';

/**
 * End to end through the loopback Discord: the real entry point in a child process,
 * connected to the fake on 127.0.0.1, hit with a burst of /ask interactions.
 *
 * The bot runs as `npm start` runs it: `npm run build` first, then
 * `node [the start script's flags] dist/src/main.js` — Node itself, not npm, so the RSS read
 * (/proc/<pid>/status) is the bot's own. `entry: 'tsx'` runs the source instead
 * (`node --import <tsx loader> src/main.ts`, how `npm start` ran before the build step), for
 * comparison. The working directory is an empty temp folder so a developer's `.env` cannot
 * change the run (dotenv reads `.env` from the working directory); the corpus path is
 * resolved from the repository root, not the working directory.
 */

/** Same shape as test/discord/harness.ts TEST_TOKEN: config.ts only checks the shape. */
const FAKE_TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GfakeX.abcdefghijklmnopqrstuvwxyz0123456789AB';
const READY_TIMEOUT_MS = 30_000;
const INTERACTION_TIMEOUT_MS = 15_000;
const SETTLE_TIMEOUT_MS = 15_000;
const EXIT_TIMEOUT_MS = 10_000;
/** Discord's deadline for the initial response. */
const DISCORD_DEADLINE_MS = 3000;

export interface E2eOptions {
  interactions: number;
  concurrency: number;
  questions: string[];
  /** `compiled` (default): dist/src/main.js, as `npm start`; `tsx`: src/main.ts through the tsx loader. */
  entry?: 'compiled' | 'tsx';
  /** Node flags for the bot; default: those of the `start` script in package.json. */
  nodeFlags?: string[];
  /** Distinct users the interactions come from, in turn (default 1: all from the fake's default user). */
  users?: number;
}

/** Figures of the first burst; the second burst only shows whether RSS levels off. */
export interface E2eResult extends BurstResult {
  interactions: number;
  concurrency: number;
  /** The bot's command line after `node` (flags and entry file, relative to the repository). */
  command: string;
  /** `npm run build` before the run (compiled entry only), as `npm start` does. */
  buildMs: number | null;
  /** Spawn → commands registered (the bot's start-up, corpus ×1, Discord login included). */
  botReadyMs: number;
  second: Pick<BurstResult, 'burstMs' | 'answered' | 'callback'>;
  rssBeforeMB: number;
  rssAfterMB: number;
  rssAfterSecondMB: number;
  /** Peak resident set (VmHWM) of the bot process over its life. */
  rssPeakMB: number;
  /** CPU time (user + system) the bot spent over both bursts: steadier than latencies on a shared machine. */
  botCpuMs: number;
  /** warn/error log lines the bot wrote during the run. */
  botWarnings: number;
  shutdown: { signal: string; exitCode: number | null; ms: number; clean: boolean };
}

function procStatus(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** CPU time (user + system) of a process so far, from /proc/<pid>/stat (in USER_HZ ticks, 100 a second on Linux). */
function procCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // after "pid (comm) ": state is field 3
  return (Number(fields[11]) + Number(fields[12])) * 10; // utime, stime: fields 14 and 15
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function until(predicate: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await sleep(20);
  }
}

function waitExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** When the user sees the answer: the callback, or for a deferred reply its first edit/follow-up. */
function answeredAtMs(r: InteractionResult): number | undefined {
  if (!r.callback) return undefined;
  if (r.callback.type !== 5 && r.callback.type !== 6) return r.callback.atMs;
  const later = [...r.edits, ...r.followUps].map((c) => c.atMs);
  return later.length ? Math.min(...later) : undefined;
}

interface BurstResult {
  burstMs: number;
  throughputPerS: number;
  /** Got a callback, and a deferred one got its edit (the user sees an answer). */
  answered: number;
  /** Rejected by `interact` (no callback within its timeout) or never settled. */
  failed: number;
  failures: string[];
  callbackTypes: Record<string, number>;
  /** Initial callbacks later than 3 s: Discord would have dropped these. */
  callbacksAfter3s: number;
  /** Answers (callback, or the edit of a deferred one) complete later than 3 s. */
  answersAfter3s: number;
  callback: Latency & { max: number };
  finalAnswer: Latency & { max: number };
}

/** `interactions` /ask calls, `concurrency` in flight at once, questions taken in turn. */
async function burst(fake: FakeDiscord, options: E2eOptions): Promise<BurstResult> {
  const results: InteractionResult[] = [];
  const failures: string[] = [];
  let next = 0;
  const start = performance.now();
  const slot = async () => {
    for (;;) {
      const i = next++;
      if (i >= options.interactions) return;
      const question = options.questions[i % options.questions.length]!;
      const users = options.users ?? 1;
      const user = users > 1 ? { user: { id: String(200_000_000_000_000_000n + BigInt(i % users)), username: `user${i % users}`, global_name: null } } : {};
      try {
        // Resolve on the callback: the slot then takes the next interaction, so `concurrency` are in flight.
        results.push(await fake.interact(slashCommand('ask', { question }, user), { waitFor: 'callback', timeoutMs: INTERACTION_TIMEOUT_MS }));
      } catch (err) {
        failures.push((err as Error).message.split('\n')[0]!);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, slot));
  // Deferred replies may still be editing: wait (bounded) until every one is answered.
  const settled = await Promise.allSettled(results.map((r) => r.waitUntil((x) => answeredAtMs(x) !== undefined, SETTLE_TIMEOUT_MS)));
  const burstMs = performance.now() - start;
  for (const s of settled) if (s.status === 'rejected') failures.push(String((s.reason as Error).message).split('\n')[0]!);

  const callbackMs = results.map((r) => r.callbackMs).filter((x): x is number => x !== undefined);
  const answerMs = results.map(answeredAtMs).filter((x): x is number => x !== undefined);
  const callbackTypes: Record<string, number> = {};
  for (const r of results) {
    const t = String(r.callback?.type ?? 'none');
    callbackTypes[t] = (callbackTypes[t] ?? 0) + 1;
  }
  return {
    burstMs,
    throughputPerS: options.interactions / (burstMs / 1000),
    answered: answerMs.length,
    failed: options.interactions - answerMs.length,
    failures: [...new Set(failures)].slice(0, 5),
    callbackTypes,
    callbacksAfter3s: callbackMs.filter((ms) => ms > DISCORD_DEADLINE_MS).length,
    answersAfter3s: answerMs.filter((ms) => ms > DISCORD_DEADLINE_MS).length,
    callback: { ...latency(callbackMs), max: Math.max(...callbackMs) },
    finalAnswer: { ...latency(answerMs), max: Math.max(...answerMs) },
  };
}

export async function runE2e(options: E2eOptions, log: (s: string) => void): Promise<E2eResult> {
  const fake: FakeDiscord = await startFakeDiscord();
  const cwd = mkdtempSync(path.join(tmpdir(), 'steppe-bench-bot-'));
  let bot: ChildProcess | null = null;
  let botOutput = '';
  try {
    const entry = options.entry ?? 'compiled';
    const buildMs = entry === 'compiled' ? npmBuild('build').ms : null;
    const flags = options.nodeFlags ?? (entry === 'compiled' ? startNodeFlags() : []);
    const args =
      entry === 'compiled'
        ? [...flags, COMPILED_MAIN]
        : [...flags, '--import', pathToFileURL(path.join(REPO_ROOT, 'node_modules/tsx/dist/loader.mjs')).href, path.join(REPO_ROOT, 'src/main.ts')];
    const command = args.map((a) => (path.isAbsolute(a) ? path.relative(REPO_ROOT, a) : a.startsWith('file:') ? 'tsx' : a)).join(' ');
    log(`  bot: node ${command}${buildMs !== null ? ` (built in ${Math.round(buildMs)} ms)` : ''}`);
    const spawnedAt = performance.now();
    bot = spawn(process.execPath, args, {
      cwd,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? cwd,
        DISCORD_TOKEN: FAKE_TOKEN,
        DISCORD_API_URL: fake.apiUrl,
        DISCORD_GUILD_ID: fake.guildId,
        COOLDOWN_SECONDS: '0',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    bot.stdout!.on('data', (d: Buffer) => (botOutput += d.toString('utf8')));
    bot.stderr!.on('data', (d: Buffer) => (botOutput += d.toString('utf8')));
    const pid = bot.pid!;

    // Ready = the bot registered its commands, which it does once the gateway is ready.
    await until(() => fake.registeredCommands({ guildId: fake.guildId }).length > 0 || bot!.exitCode !== null, READY_TIMEOUT_MS, 'the bot registering its commands');
    if (bot.exitCode !== null) throw new Error(`the bot exited with ${bot.exitCode}: ${botOutput.slice(-500)}`);
    const botReadyMs = performance.now() - spawnedAt;
    await sleep(500); // let start-up garbage settle before the "before" reading
    const rssBeforeMB = procStatus(pid, 'VmRSS');
    const cpuBeforeMs = procCpuMs(pid);
    log(`  bot ready in ${Math.round(botReadyMs)} ms (pid ${pid}, RSS ${Math.round(rssBeforeMB)} MB); burst of ${options.interactions} at concurrency ${options.concurrency}`);

    const first = await burst(fake, options);
    await sleep(200);
    const rssAfterMB = procStatus(pid, 'VmRSS');
    // The same burst again: RSS that levels off is the heap sizing itself to the load; RSS
    // that climbs by as much again is state kept per interaction (a leak).
    log(`  second burst (RSS ${Math.round(rssAfterMB)} MB after the first)`);
    const second = await burst(fake, options);
    await sleep(200);
    const rssAfterSecondMB = procStatus(pid, 'VmRSS');
    const rssPeakMB = procStatus(pid, 'VmHWM');
    const botCpuMs = procCpuMs(pid) - cpuBeforeMs;

    // Clean shutdown: SIGTERM the bot (it drains in-flight replies), then close the fake.
    const stopAt = performance.now();
    bot.kill('SIGTERM');
    const exited = await waitExit(bot, EXIT_TIMEOUT_MS);
    const shutdownMs = performance.now() - stopAt;
    if (!exited) bot.kill('SIGKILL');
    const botWarnings = botOutput.split('\n').filter((l) => /"level":(40|50|60)/.test(l)).length;

    return {
      interactions: options.interactions,
      concurrency: options.concurrency,
      command,
      buildMs,
      botReadyMs,
      ...first,
      second: { burstMs: second.burstMs, answered: second.answered, callback: second.callback },
      rssBeforeMB,
      rssAfterMB,
      rssAfterSecondMB,
      rssPeakMB,
      botCpuMs,
      botWarnings,
      shutdown: { signal: 'SIGTERM', exitCode: bot.exitCode, ms: shutdownMs, clean: exited && bot.exitCode === 0 },
    };
  } finally {
    if (bot && bot.exitCode === null && bot.signalCode === null) {
      bot.kill('SIGKILL');
      await waitExit(bot, 2000);
    }
    await fake.close();
    rmSync(cwd, { recursive: true, force: true });
  }
}
