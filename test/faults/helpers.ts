/**
 * Shared pieces of the fault suites: the real entry (`node --import tsx src/main.ts`) as a
 * child process, a minimal "refusing Discord" for gateway closes at IDENTIFY, and
 * test-only commands.
 */
import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, expect } from 'vitest';
import { WebSocketServer } from 'ws';
import type { CommandOutcome } from '../../src/command.js';
import { tempDatabaseFile, TEST_TOKEN } from '../discord/harness.js';
import { childCpuWait, type Instant } from '../fake-discord/cpuWait.js';
import { describeBound, safetyNet } from '../fake-discord/safetyNet.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface Proc {
  stdout(): string;
  stderr(): string;
  /** Parsed JSON log lines from stderr. */
  logs(): Array<Record<string, any>>;
  /** Lines of stderr that are not JSON logs (the `steppe: …` messages meant for people). */
  plainLines(): string[];
  exit: Promise<number | null>;
  kill(signal: NodeJS.Signals): void;
  /** Resolves with the exit code, or rejects (with stderr) if the process is still running after `ms`. */
  exitWithin(ms: number): Promise<number | null>;
  /** Now, on the child's own clock (for ownMsSince). */
  mark(): Instant;
  /**
   * The child's own milliseconds from `mark` to its exit (or to now while it runs): wall time
   * minus the time it waited for a CPU, so "exits promptly" holds on a loaded machine too
   * and still fails a child that waits on a timer or reconnects (see cpuWait.ts).
   */
  ownMsSince(mark: Instant): number;
}

/** The environment minus anything Steppe reads, so the host's settings cannot leak in. */
function cleanEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(base)) {
    if (/^(DISCORD_|LOG_LEVEL$|COOLDOWN_|SHARD_|CORPUS_DIR$)/.test(key)) delete base[key];
  }
  // an empty DISCORD_TOKEN also keeps a developer's .env from supplying one (dotenv never overrides)
  // Each process its own SQLite file in a temp folder: never ./data, never another test's.
  return { DISCORD_TOKEN: '', DATABASE_URL: `sqlite:${tempDatabaseFile()}`, ...base, ...env };
}

const children: Proc[] = [];

afterAll(async () => {
  // nothing outlives the suite, whatever failed
  for (const c of children) c.kill('SIGKILL');
  await Promise.all(children.map((c) => c.exit));
});

/** `node --import tsx [--import preload] src/main.ts` with `env` on top of a clean environment. */
export function runEntry(env: Record<string, string>, opts: { preload?: string } = {}): Proc {
  const args = ['--import', 'tsx', ...(opts.preload ? ['--import', opts.preload] : []), 'src/main.ts'];
  const child = spawn(process.execPath, args, { cwd: ROOT, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  const exit = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const cpuWait = childCpuWait(child.pid ?? 0);
  let exitedAt: number | undefined;
  child.on('exit', () => {
    exitedAt = performance.now();
    cpuWait.stop();
  });
  const lines = () => err.split('\n').filter((l) => l.trim() !== '');
  const proc: Proc = {
    stdout: () => out,
    stderr: () => err,
    logs: () => lines().filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, any>),
    plainLines: () => lines().filter((l) => !l.startsWith('{')),
    exit,
    kill: (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
    async exitWithin(ms) {
      let timer: NodeJS.Timeout | undefined;
      const bound = safetyNet(ms); // a safety net, stretched on a loaded machine
      const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no exit within ${describeBound(ms, bound)}\nstderr:\n${err}`)), bound)));
      try {
        return await Promise.race([exit, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    mark: () => ({ wallMs: performance.now(), cpuWaitMs: cpuWait.ms() }),
    ownMsSince: (mark) => Math.max(0, (exitedAt ?? performance.now()) - mark.wallMs - (cpuWait.ms() - mark.cpuWaitMs)),
  };
  children.push(proc);
  return proc;
}

/** Environment for the entry against a fake (or refusing) Discord. */
export function entryEnv(apiUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return { DISCORD_TOKEN: TEST_TOKEN, DISCORD_API_URL: apiUrl, LOG_LEVEL: 'info', COOLDOWN_SECONDS: '0', ...extra };
}

/** Neither the whole token nor its secret half (after the first dot) appears in `text`. */
export function expectNoToken(text: string): void {
  expect(text).not.toContain(TEST_TOKEN);
  expect(text).not.toContain(TEST_TOKEN.split('.').slice(1).join('.'));
}

// ---------------------------------------------------------------------------

export interface RefusingDiscord {
  apiUrl: string;
  /** IDENTIFY frames received. */
  readonly identifies: number;
  /** Gateway connections opened. */
  readonly connections: number;
  /** Authorization headers of the REST calls received. */
  readonly authorizations: string[];
  close(): Promise<void>;
}

/**
 * A Discord that refuses the bot the way the real one does at start-up: `GET /gateway/bot`
 * answers (or `gatewayBot` overrides the answer), the gateway says HELLO, and an IDENTIFY
 * is answered by closing the socket with `closeCode` — no READY. (The shared fake always
 * sends READY first; see the report for the option it would need.)
 */
export async function startRefusingDiscord(
  closeCode: number,
  gatewayBot?: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<RefusingDiscord> {
  let identifies = 0;
  let connections = 0;
  const authorizations: string[] = [];
  const server = createServer((req, res) => {
    authorizations.push(req.headers.authorization ?? '');
    if (!/\/gateway\/bot$/.test(new URL(req.url ?? '/', 'http://x').pathname)) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: '404: Not Found', code: 0 }));
      return;
    }
    if (gatewayBot) return gatewayBot(req, res);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 86_400_000, max_concurrency: 1 },
      }),
    );
  });
  const wss = new WebSocketServer({ server });
  wss.on('connection', (ws) => {
    connections += 1;
    ws.on('error', () => undefined);
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41_250 }, s: null, t: null }));
    ws.on('message', (raw) => {
      const frame = JSON.parse(String(raw)) as { op: number };
      if (frame.op === 1) ws.send(JSON.stringify({ op: 11, d: null, s: null, t: null }));
      if (frame.op === 2) {
        identifies += 1;
        ws.close(closeCode, closeCode === 4004 ? 'Authentication failed.' : 'Disallowed intent(s).');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    apiUrl: `http://127.0.0.1:${port}/api`,
    get identifies() {
      return identifies;
    },
    get connections() {
      return connections;
    },
    authorizations,
    async close() {
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

// ---------------------------------------------------------------------------

export { testCommand } from '../discord/harness.js';

export const answer = (lead: string, isPrivate = false): CommandOutcome => ({
  reply: { tone: 'answer', title: 'Test answer', lead },
  private: isPrivate,
});

export type Data = Record<string, any>;
