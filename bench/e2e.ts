import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { slashCommand, startFakeDiscord, type FakeDiscord, type InteractionResult } from '../test/fake-discord/fakeDiscord.js';
import { DEFAULT_CORPUS_DIR } from '../src/corpus/manifest.js';
import { stageTimes, type CpuProfile, type StageMatcher } from './profile.js';
import { REPO_ROOT } from './questions.js';
import { COMPILED_MAIN, npmBuild, startNodeFlags } from './spawn.js';
import { runOtherPaths, type PathResult } from './paths.js';
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
  /**
   * Also run each bot a second time under `node --cpu-prof` (the timed run stays unprofiled)
   * and report CPU ms per interaction by stage over its bursts.
   */
  profile?: boolean;
  /** Run the naive bot beside Steppe (default true). */
  naive?: boolean;
  /** After Steppe's /ask bursts, the other paths (bench/paths.ts: /search, /quote, autocomplete, More, @mentions, /figures) (default true). */
  otherPaths?: boolean;
}

/** CPU ms per interaction by stage, from a `--cpu-prof` run's two bursts. */
export interface StageProfile {
  interactions: number;
  totalMsPerInteraction: number;
  /** Stage → ms per interaction, largest first. */
  stages: Array<{ stage: string; ms: number }>;
}

/** The naive bot's run: the same figures, for the ratio. */
export type NaiveRun = Omit<E2eResult, 'naive' | 'buildMs' | 'otherPaths'> & { profile?: StageProfile };

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
  /** Of which system (kernel) time. */
  botSystemCpuMs: number;
  /** warn/error log lines the bot wrote during the run. */
  botWarnings: number;
  /** REST calls the bot made over both bursts, per interaction, and their average JSON body (characters). */
  rest: { perInteraction: number; bodyBytes: number };
  shutdown: { signal: string; exitCode: number | null; ms: number; clean: boolean };
  /** Distinct questions in the burst (each asked once per burst when equal to `interactions`). */
  distinctQuestions: number;
  /** CPU ms per interaction by stage (profiled run; see E2eOptions.profile). */
  profile?: StageProfile;
  /** The naive bot (discord.js + MiniSearch defaults, bench/naiveBot.mjs) in the same run. */
  naive?: NaiveRun;
  /** Steppe's other paths, after its /ask bursts (see bench/paths.ts). */
  otherPaths?: PathResult[];
}

function procStatus(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** CPU time (user + system) of a process so far, from /proc/<pid>/stat (in USER_HZ ticks, 100 a second on Linux). */
function procCpuMs(pid: number): number {
  const { user, system } = procCpu(pid);
  return user + system;
}

/** The same, user and system apart (system: the kernel's side of sockets and pipes, the loopback's TCP included). */
function procCpu(pid: number): { user: number; system: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // after "pid (comm) ": state is field 3
  return { user: Number(fields[11]) * 10, system: Number(fields[12]) * 10 }; // utime, stime: fields 14 and 15
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

/** Where the CPU of an interaction goes, by the frames on its stack (innermost named frame wins). */
const STEPPE_STAGES: StageMatcher[] = [
  { stage: 'render: escapeText', fn: /^escapeText$/, file: /\/discord\/render\.js$/ },
  { stage: 'render: escapeText', fn: /^escape/, file: /@discordjs\/formatters\/|\/render\/escape\.js$/ },
  { stage: 'render: excerpt', fn: /^(excerptAround|joinExcerpt)$/, file: /\/render\/fit\.js$/ },
  { stage: 'render: other', fn: /^renderMessage$/, file: /\/discord\/render\.js$/ },
  { stage: 'answer: query: dense', fn: /./, file: /\/search\/(dense|vectors)\.js$/ },
  { stage: 'answer: query: windows', fn: /./, file: /\/search\/windows\.js$/ },
  { stage: 'answer: query: rank', fn: /./, file: /\/search\/(rank|preamble)\.js$/ },
  { stage: 'answer: query: minisearch', fn: /./, file: /node_modules\/minisearch\/|\/search\/postings\.js$/ },
  { stage: 'answer: query: analyse, expand, other', fn: /^query$/, file: /\/search\/index\.js$/ },
  { stage: 'answer: figures', fn: /^answerFigures$/, file: /\/answer\/figures\.js$/ },
  { stage: 'answer: document questions', fn: /^(findDocumentMentions|answerDocumentQuestion)$/ },
  { stage: 'answer: other', fn: /^answerQuestion$/, file: /\/answer\/answer\.js$/ },
  { stage: 'reply building', fn: /./, file: /\/src\/reply\// },
  { stage: 'question log (store)', fn: /./, file: /\/src\/(store|feedback)\/|node_modules\/libsql\// },
  { stage: 'conversation', fn: /./, file: /\/src\/conversation\// },
  { stage: 'logging (pino)', fn: /./, file: /node_modules\/(pino|sonic-boom|thread-stream)/ },
  { stage: 'discord.js, REST, ws', fn: /./, file: /node_modules\/(discord\.js|@discordjs|@sapphire|undici|ws)\// },
  { stage: 'handler, queue (ours)', fn: /./, file: /\/src\/discord\/|\/commands\// },
];
const NAIVE_STAGES: StageMatcher[] = [
  { stage: 'answer: query: minisearch', fn: /./, file: /node_modules\/minisearch\// },
  { stage: 'discord.js, REST, ws', fn: /./, file: /node_modules\/(discord\.js|@discordjs|@sapphire|undici|ws)\// },
  { stage: 'handler, queue (ours)', fn: /./, file: /naiveBot\.mjs$/ },
];

interface BotSpec {
  name: string;
  args: string[];
  env: Record<string, string>;
  stages: StageMatcher[];
}

/**
 * Both bots on the same questions: the naive one first, then Steppe (as `npm start` runs
 * it); with `profile`, each again under `--cpu-prof` for the stage table.
 */
export async function runE2e(options: E2eOptions, log: (s: string) => void): Promise<E2eResult> {
  const entry = options.entry ?? 'compiled';
  const buildMs = entry === 'compiled' ? npmBuild('build').ms : null;
  const flags = options.nodeFlags ?? (entry === 'compiled' ? startNodeFlags() : []);
  const args =
    entry === 'compiled'
      ? [...flags, COMPILED_MAIN]
      : [...flags, '--import', pathToFileURL(path.join(REPO_ROOT, 'node_modules/tsx/dist/loader.mjs')).href, path.join(REPO_ROOT, 'src/main.ts')];
  const db = mkdtempSync(path.join(tmpdir(), 'steppe-bench-db-'));
  try {
    const steppe: BotSpec = {
      name: 'steppe',
      args,
      // Its own database, never ./data/steppe.db.
      env: { COOLDOWN_SECONDS: '0', DATABASE_URL: `sqlite:${path.join(db, 'steppe.db')}` },
      stages: STEPPE_STAGES,
    };
    const naiveSpec: BotSpec = { name: 'naive', args: [path.join(REPO_ROOT, 'bench/naiveBot.mjs')], env: { CORPUS_DIR: DEFAULT_CORPUS_DIR }, stages: NAIVE_STAGES };
    let naive: NaiveRun | undefined;
    if (options.naive !== false) {
      naive = await runBot(naiveSpec, options, log);
      if (options.profile) naive.profile = (await runBot(naiveSpec, options, log, true)).profile;
    }
    log(`  steppe${buildMs !== null ? ` (built in ${Math.round(buildMs)} ms)` : ''}`);
    const result: E2eResult = { ...(await runBot(steppe, options, log)), buildMs, ...(naive ? { naive } : {}) };
    if (options.profile) {
      rmSync(path.join(db, 'steppe.db'), { force: true });
      result.profile = (await runBot(steppe, options, log, true)).profile;
    }
    return result;
  } finally {
    rmSync(db, { recursive: true, force: true });
  }
}

async function runBot(spec: BotSpec, options: E2eOptions, log: (s: string) => void, profiled = false): Promise<Omit<E2eResult, 'naive' | 'buildMs'>> {
  const fake: FakeDiscord = await startFakeDiscord();
  const cwd = mkdtempSync(path.join(tmpdir(), 'steppe-bench-bot-'));
  const profDir = profiled ? mkdtempSync(path.join(tmpdir(), 'steppe-bench-prof-')) : null;
  let bot: ChildProcess | null = null;
  let botOutput = '';
  try {
    const args = profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`, ...spec.args] : spec.args;
    const command = args.map((a) => (path.isAbsolute(a) ? path.relative(REPO_ROOT, a) : a.startsWith('file:') ? 'tsx' : a.startsWith('--cpu-prof-dir') ? '--cpu-prof-dir=…' : a)).join(' ');
    log(`  ${spec.name}${profiled ? ' (profiled)' : ''}: node ${command}`);
    const spawnedAt = performance.now();
    bot = spawn(process.execPath, args, {
      cwd,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? cwd,
        DISCORD_TOKEN: FAKE_TOKEN,
        DISCORD_API_URL: fake.apiUrl,
        DISCORD_GUILD_ID: fake.guildId,
        LOG_LEVEL: 'warn',
        ...spec.env,
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
    if (process.env.BENCH_BOT_OUTPUT) {
      mkdirSync(process.env.BENCH_BOT_OUTPUT, { recursive: true });
      writeFileSync(path.join(process.env.BENCH_BOT_OUTPUT, `${spec.name}${profiled ? '.profiled' : ''}.idle.smaps`), readFileSync(`/proc/${pid}/smaps`, 'utf8'));
    }
    const cpuBeforeMs = procCpuMs(pid);
    const systemBeforeMs = procCpu(pid).system;
    log(`  bot ready in ${Math.round(botReadyMs)} ms (pid ${pid}, RSS ${Math.round(rssBeforeMB)} MB); burst of ${options.interactions} at concurrency ${options.concurrency}`);

    const requestsBefore = fake.requests.length;
    const fromUs = Number(process.hrtime.bigint() / 1000n);
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
    if (process.env.BENCH_BOT_OUTPUT) {
      mkdirSync(process.env.BENCH_BOT_OUTPUT, { recursive: true });
      writeFileSync(path.join(process.env.BENCH_BOT_OUTPUT, `${spec.name}${profiled ? '.profiled' : ''}.smaps`), readFileSync(`/proc/${pid}/smaps`, 'utf8'));
    }
    const botCpuMs = procCpuMs(pid) - cpuBeforeMs;
    const botSystemCpuMs = procCpu(pid).system - systemBeforeMs;
    const sent = fake.requests.slice(requestsBefore);
    const rest = { perInteraction: sent.length / (options.interactions * 2), bodyBytes: sent.reduce((n, r) => n + (r.body === undefined ? 0 : JSON.stringify(r.body).length), 0) / Math.max(1, sent.length) };
    const toUs = Number(process.hrtime.bigint() / 1000n);
    // (After the measures above: the /ask figures stay those of the /ask bursts alone.)
    const otherPaths = spec.name === 'steppe' && !profiled && options.otherPaths !== false ? await runOtherPaths(fake, () => procCpuMs(pid), options.questions, log) : undefined;

    // Clean shutdown: SIGTERM the bot (it drains in-flight replies), then close the fake.
    const stopAt = performance.now();
    bot.kill('SIGTERM');
    const exited = await waitExit(bot, EXIT_TIMEOUT_MS);
    const shutdownMs = performance.now() - stopAt;
    if (!exited) bot.kill('SIGKILL');
    const botWarnings = botOutput.split('\n').filter((l) => /"level":(40|50|60)/.test(l)).length;
    // BENCH_BOT_OUTPUT=<dir>: keep what the bot printed (<bot>.log), e.g. under `--trace-gc` in nodeFlags.
    if (process.env.BENCH_BOT_OUTPUT) {
      mkdirSync(process.env.BENCH_BOT_OUTPUT, { recursive: true });
      writeFileSync(path.join(process.env.BENCH_BOT_OUTPUT, `${spec.name}${profiled ? '.profiled' : ''}.log`), botOutput);
    }
    let profile: StageProfile | undefined;
    if (profDir && exited) {
      const file = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
      if (file) {
        const p = JSON.parse(readFileSync(path.join(profDir, file), 'utf8')) as CpuProfile;
        // BENCH_PROFILE_OUT=<dir>: keep the raw profile (<bot>.cpuprofile, with <bot>.window.json) for a closer look.
        const keep = process.env.BENCH_PROFILE_OUT;
        if (keep) {
          mkdirSync(keep, { recursive: true });
          copyFileSync(path.join(profDir, file), path.join(keep, `${spec.name}.cpuprofile`));
          writeFileSync(path.join(keep, `${spec.name}.window.json`), JSON.stringify({ fromUs, toUs }));
        }
        const n = options.interactions * 2;
        const { totalMs, stages } = stageTimes(p, spec.stages, { fromUs, toUs });
        profile = {
          interactions: n,
          totalMsPerInteraction: totalMs / n,
          stages: Object.entries(stages)
            .map(([stage, ms]) => ({ stage, ms: ms / n }))
            .sort((a, b) => b.ms - a.ms),
        };
      }
    }

    return {
      interactions: options.interactions,
      concurrency: options.concurrency,
      distinctQuestions: new Set(Array.from({ length: options.interactions }, (_, i) => options.questions[i % options.questions.length])).size,
      command,
      botReadyMs,
      ...first,
      second: { burstMs: second.burstMs, answered: second.answered, callback: second.callback },
      rssBeforeMB,
      rssAfterMB,
      rssAfterSecondMB,
      rssPeakMB,
      botCpuMs,
      botSystemCpuMs,
      botWarnings,
      rest,
      shutdown: { signal: 'SIGTERM', exitCode: bot.exitCode, ms: shutdownMs, clean: exited && bot.exitCode === 0 },
      ...(profile ? { profile } : {}),
      ...(otherPaths ? { otherPaths } : {}),
    };
  } finally {
    if (bot && bot.exitCode === null && bot.signalCode === null) {
      bot.kill('SIGKILL');
      await waitExit(bot, 2000);
    }
    await fake.close();
    rmSync(cwd, { recursive: true, force: true });
    if (profDir) rmSync(profDir, { recursive: true, force: true });
  }
}
