import { Writable } from 'node:stream';
import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord.js';
import { commands } from '../../commands/index.js';
import { parseConfig } from '../../src/config.js';
import { startBot, type RunningBot } from '../../src/discord/bot.js';
import { createEngine, type Engine } from '../../src/engine.js';
import { createLogger, registerSecret } from '../../src/log.js';
import { shardForGuild, startFakeDiscord, type FakeDiscord, type FakeMessage } from '../fake-discord/fakeDiscord.js';

/**
 * The real bot (startBot with the real commands and engine) connected to the loopback
 * fake Discord. Logs are captured as parsed JSON lines.
 */

export const TEST_TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GfakeX.abcdefghijklmnopqrstuvwxyz0123456789AB';

let enginePromise: Promise<Engine> | null = null;
/** The bot's reply to a user message (a Discord reply referencing it). */
export function botReplyTo(fake: FakeDiscord, said: FakeMessage, timeoutMs = 8000): Promise<FakeMessage> {
  return fake.waitForBotMessage((m) => (m.message_reference as { message_id?: string } | undefined)?.message_id === said.id, { timeoutMs });
}

export const sharedEngine = () => (enginePromise ??= createEngine());

export interface TestBot {
  fake: FakeDiscord;
  bot: RunningBot;
  store: Store;
  logs: Array<Record<string, unknown>>;
  close(): Promise<void>;
}

export function startTestBot(env: Record<string, string> = {}, fakeOptions: Parameters<typeof startFakeDiscord>[0] = {}): Promise<TestBot> {
  return startTestBotWith({ env, fake: fakeOptions });
}

/** `promise`, or a rejection after `ms` (a safety net, stretched on a loaded machine: safetyNet.ts). */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const bound = safetyNet(ms);
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not finish within ${describeBound(ms, bound)}`)), bound))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

// ---------------------------------------------------------------------------
// Additions for the command, limits, deferral, restart and entry-point suites.

import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore, type Store } from '../../src/store/index.js';
import type { Command } from '../../src/command.js';
import type { InteractionResult, JsonObject } from '../fake-discord/fakeDiscord.js';
import { describeBound, safetyNet } from '../fake-discord/safetyNet.js';

export interface BotOnFake {
  bot: RunningBot;
  /** The bot's store (closed by stop()). */
  store: Store;
  logs: Array<Record<string, unknown>>;
  /** Stops this bot only (bounded); the fake keeps running. */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Environment on top of the harness defaults (token, fake URL and guild, no cooldown). */
  env?: Record<string, string>;
  /** The command list to run instead of the real one. */
  commands?: Command[];
  /** Test-only commands registered and handled next to the real ones. */
  extraCommands?: Command[];
  /** Another corpus (default: the shared engine over corpus/). */
  engine?: Engine;
  /**
   * The SQLite file this bot keeps votes, questions and conversations in (give the same one
   * to a restarted bot). Default: a new file in a temp folder, never ./data. A
   * `DATABASE_URL` in `env` wins over both.
   */
  databaseFile?: string;
  /** Reads the corpus again for /reload (default: none, and /reload says to restart). */
  loadEngine?: () => Promise<Engine>;
}

/** Temp folders to remove when the process exits: one listener for all (test files share a worker). */
const tempDirs: string[] = [];
let removeOnExit = false;

/** A fresh SQLite file path in its own temp folder (removed when the process exits). */
export function tempDatabaseFile(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'steppe-bot-db-'));
  tempDirs.push(dir);
  if (!removeOnExit) {
    removeOnExit = true;
    process.once('exit', () => {
      for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
    });
  }
  return path.join(dir, 'steppe.db');
}

/** Starts the real bot against an existing fake (e.g. a second start, or a restart). */
export async function startBotOn(fake: FakeDiscord, options: StartOptions = {}): Promise<BotOnFake> {
  const logs: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const config = parseConfig({
    DISCORD_TOKEN: TEST_TOKEN,
    DISCORD_API_URL: fake.apiUrl,
    DISCORD_GUILD_ID: fake.guildId,
    COOLDOWN_SECONDS: '0',
    LOG_LEVEL: 'info',
    DATABASE_URL: `sqlite:${options.databaseFile ?? tempDatabaseFile()}`,
    ...options.env,
  });
  registerSecret(config.DISCORD_TOKEN);
  const list = [...(options.commands ?? commands), ...(options.extraCommands ?? [])];
  const store = await openStore(config.DATABASE_URL);
  let bot: RunningBot;
  try {
    bot = await startBot({ config, engine: options.engine ?? (await sharedEngine()), commands: list, logger: createLogger('info', sink), store, ...(options.loadEngine ? { loadEngine: options.loadEngine } : {}) });
    await withTimeout(bot.ready, 8000, 'bot ready');
  } catch (err) {
    await store.close().catch(() => undefined);
    throw err;
  }
  return {
    bot,
    store,
    logs,
    // As main.ts: the bot drains (question-log writes included), then the store closes.
    stop: () =>
      withTimeout(bot.stop(), 8000, 'bot.stop()')
        .catch(() => undefined)
        .then(() => store.close().catch(() => undefined)),
  };
}

/** A fresh fake with the real bot (plus any test-only commands) on it. */
export async function startTestBotWith(options: StartOptions & { fake?: Parameters<typeof startFakeDiscord>[0] } = {}): Promise<TestBot> {
  const fake = await startFakeDiscord(options.fake ?? {});
  try {
    const { bot, store, logs, stop } = await startBotOn(fake, options);
    return {
      fake,
      bot,
      store,
      logs,
      async close() {
        await stop();
        await fake.close();
      },
    };
  } catch (err) {
    await fake.close();
    throw err;
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Polls `predicate` every 20 ms until it holds; rejects naming `what` after `timeoutMs`
 * (a safety net, stretched by the load as it is now: safetyNet.ts).
 */
export async function waitFor(predicate: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > safetyNet(timeoutMs)) throw new Error(`${what} did not happen within ${describeBound(timeoutMs)}`);
    await sleep(20);
  }
}

/** Every message body the bot sent for an interaction: the callback data (4/7), edits and follow-ups. */
export function sentBodies(r: InteractionResult): JsonObject[] {
  const bodies: JsonObject[] = [];
  if (r.callback?.data && (r.callback.type === 4 || r.callback.type === 7)) bodies.push(r.callback.data);
  for (const call of [...r.edits, ...r.followUps]) if (call.body) bodies.push(call.body);
  return bodies;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Everything Discord would refuse in a message body, as readable problems (empty when fine):
 * content ≤ 2000, ≤ 10 embeds, title ≤ 256, description ≤ 4096, ≤ 25 fields (name ≤ 256,
 * value 1–1024), footer ≤ 2048, all embed text ≤ 6000, ≤ 5 rows of ≤ 5 buttons, custom ids
 * ≤ 100, labels ≤ 80, select menus of 1–25 options (label/value/description ≤ 100), and
 * every string valid Unicode (no half of a surrogate pair).
 */
export function limitProblems(body: JsonObject): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) problems.push(what);
  };
  const len = (v: unknown) => (typeof v === 'string' ? v.length : 0);
  check(len(body.content) <= 2000, `content is ${len(body.content)} characters`);
  const embeds = (body.embeds ?? []) as JsonObject[];
  check(embeds.length <= 10, `${embeds.length} embeds`);
  let total = 0;
  for (const [i, e] of embeds.entries()) {
    const fields = (e.fields ?? []) as JsonObject[];
    const footer = (e.footer as JsonObject | undefined)?.text;
    const author = (e.author as JsonObject | undefined)?.name;
    check(len(e.title) <= 256, `embed ${i} title is ${len(e.title)}`);
    check(len(e.description) <= 4096, `embed ${i} description is ${len(e.description)}`);
    check(fields.length <= 25, `embed ${i} has ${fields.length} fields`);
    check(len(footer) <= 2048, `embed ${i} footer is ${len(footer)}`);
    for (const f of fields) {
      check(len(f.name) >= 1 && len(f.name) <= 256, `embed ${i} field name is ${len(f.name)}`);
      check(len(f.value) >= 1 && len(f.value) <= 1024, `embed ${i} field "${String(f.name)}" value is ${len(f.value)}`);
    }
    total += len(e.title) + len(e.description) + len(footer) + len(author) + fields.reduce((n, f) => n + len(f.name) + len(f.value), 0);
  }
  check(total <= 6000, `embed text totals ${total}`);
  const rows = (body.components ?? []) as JsonObject[];
  check(rows.length <= 5, `${rows.length} action rows`);
  for (const row of rows) {
    const items = (row.components ?? []) as JsonObject[];
    check(items.length >= 1 && items.length <= 5, `a row of ${items.length} components`);
    for (const c of items) {
      if (c.custom_id !== undefined) check(len(c.custom_id) >= 1 && len(c.custom_id) <= 100, `custom_id of ${len(c.custom_id)}`);
      if (c.label !== undefined) check(len(c.label) <= 80, `label of ${len(c.label)}`);
      if (c.url !== undefined) check(len(c.url) <= 512, `url of ${len(c.url)}`);
      if (c.type === 3) {
        const options = (c.options ?? []) as JsonObject[];
        check(options.length >= 1 && options.length <= 25, `select with ${options.length} options`);
        check(len(c.placeholder) <= 150, `placeholder of ${len(c.placeholder)}`);
        check(new Set(options.map((o) => o.value)).size === options.length, 'select option values repeat');
        for (const o of options) {
          check(len(o.label) >= 1 && len(o.label) <= 100, `option label of ${len(o.label)}`);
          check(len(o.value) >= 1 && len(o.value) <= 100, `option value of ${len(o.value)}`);
          check(len(o.description) <= 100, `option description of ${len(o.description)}`);
        }
      }
    }
  }
  const strings: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') strings.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(body);
  for (const s of strings) if (LONE_SURROGATE.test(s)) problems.push(`invalid Unicode (half a surrogate pair) in “${s.slice(0, 60)}”`);
  return problems;
}

/** Milliseconds from dispatch to callback for every acknowledged interaction on `fake`. */
export function callbackLatencies(fake: FakeDiscord): number[] {
  return fake
    .interactions()
    .map((r) => r.callbackMs)
    .filter((ms): ms is number => ms !== undefined);
}

/** Appends `latencies` to the file named by STEPPE_LATENCY_LOG, if set (for measuring across the suite). */
export function recordLatencies(suite: string, latencies: number[]): void {
  const file = process.env.STEPPE_LATENCY_LOG;
  if (file) appendFileSync(file, `${JSON.stringify({ suite, latencies })}\n`);
}

/** A guild id (snowflake) that Discord would route to `shard` of `count`. */
export function guildOnShard(shard: number, count: number): string {
  for (let n = 100n; ; n++) {
    const id = String((n << 22n) + 1n);
    if (shardForGuild(id, count) === shard) return id;
  }
}

/** A test-only slash command (with a `private` option) around `run`. */
export function testCommand(name: string, run: Command['run'], extra: Partial<Command> = {}): Command {
  return {
    definition: {
      type: ApplicationCommandType.ChatInput,
      name,
      description: `Test-only: ${name}`,
      options: [{ type: ApplicationCommandOptionType.Boolean, name: 'private', description: 'Only you see it' }],
    },
    help: { usage: `/${name}`, text: 'test only' },
    run,
    ...extra,
  };
}
