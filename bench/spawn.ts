import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './questions.js';

/**
 * Child processes for the bench, always bounded: each runs in a process group of its own so
 * that a timeout can stop it and anything it started (tsx's launcher runs Node as a child)
 * by its id, never by name.
 */

export const TSX_CLI = path.join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs');
/** Room for the ×1000 heap; harmless below. */
export const HEAP_FLAG = '--max-old-space-size=8192';

/** The compiled bot, as `npm start` runs it (after `npm run build:js`). */
export const COMPILED_MAIN = path.join(REPO_ROOT, 'dist/src/main.js');

/**
 * `npm run build` (what `npm start` runs first) or `npm run build:js` (src/ and commands/
 * → dist/ only), so what the bench runs is the current source compiled, never a stale
 * dist/. About a second; throws with the script's output on failure.
 */
export function npmBuild(script: 'build' | 'build:js'): { ms: number } {
  const start = performance.now();
  const r = spawnSync('npm', ['run', '--silent', script], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`npm run ${script} failed (${r.error?.message ?? `exit ${r.status ?? r.signal}`}): ${`${r.stdout}${r.stderr}`.trim().slice(-1000)}`);
  return { ms: performance.now() - start };
}

/**
 * `npm run build:js` unless dist/ is newer than every file it is built from (src/, commands/, the
 * tsconfigs, package.json): for steps that start many processes on the compiled code.
 */
export function ensureBuilt(): { ms: number; built: boolean } {
  const start = performance.now();
  if (existsSync(COMPILED_MAIN)) {
    const builtAt = statSync(COMPILED_MAIN).mtimeMs; // tsc rewrites every output file on each build
    const inputs = ['tsconfig.json', 'tsconfig.build.json', 'package.json', ...['src', 'commands'].flatMap((dir) => tsFiles(path.join(REPO_ROOT, dir)))];
    if (inputs.every((f) => statSync(path.resolve(REPO_ROOT, f)).mtimeMs <= builtAt)) return { ms: performance.now() - start, built: false };
  }
  npmBuild('build:js');
  return { ms: performance.now() - start, built: true };
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join(dir, f));
}

/**
 * The Node flags `npm start` gives the bot (`node [flags…] dist/src/main.js` in
 * package.json), so the bench measures the process `npm start` runs, flags included.
 */
export function startNodeFlags(): string[] {
  const scripts = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const words = (scripts.start ?? '').trim().split(/\s+/);
  const entry = words.indexOf('dist/src/main.js');
  if (words[0] !== 'node' || entry < 0) throw new Error(`package.json "start" is not "node [flags…] dist/src/main.js": ${scripts.start}`);
  return words.slice(1, entry);
}

export interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  wallMs: number;
  stdout: string;
  stderr: string;
  /** `PHASE {json}` progress lines from stderr, parsed. */
  phases: Array<Record<string, unknown>>;
}

/** Process groups of children still running, so an interrupted bench can stop them. */
const live = new Set<number>();

/** Stops every child still running (each by its own group id): for Ctrl-C on the bench. */
export function killLiveChildren(): void {
  for (const pid of live) killGroup(pid);
  live.clear();
}

export function runChild(command: string, args: string[], timeoutMs: number, env: NodeJS.ProcessEnv = process.env): Promise<ChildResult> {
  return new Promise((resolve) => {
    const start = performance.now();
    // detached: a group of its own, so a timeout can stop the child and its tsx-launched Node.
    const child = spawn(command, args, { cwd: REPO_ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    if (child.pid) live.add(child.pid);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (child.pid) live.delete(child.pid);
      const phases = stderr
        .split('\n')
        .filter((l) => l.startsWith('PHASE '))
        .map((l) => JSON.parse(l.slice(6)) as Record<string, unknown>);
      resolve({ code, signal, timedOut, wallMs: performance.now() - start, stdout, stderr, phases });
    });
  });
}

/** SIGKILL the process group we created for `pid` (ours alone: spawned with detached). */
export function killGroup(pid: number | undefined, signal: NodeJS.Signals = 'SIGKILL'): void {
  if (!pid) return;
  try {
    process.kill(-pid, signal);
  } catch {
    /* already gone */
  }
}

/** The last stdout line parsed as JSON, or null. */
export function lastJson<T>(r: ChildResult): T | null {
  const line = r.stdout.trim().split('\n').pop();
  if (!line) return null;
  try {
    return JSON.parse(line) as T;
  } catch {
    return null;
  }
}

/** A short reason for a failed child: its last stderr line that is not progress. */
export function failure(r: ChildResult): string {
  if (r.timedOut) return `stopped at its time cap after ${Math.round(r.wallMs / 1000)} s`;
  const last = r.stderr
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('PHASE '))
    .slice(-3)
    .join(' | ');
  return `exit ${r.code ?? r.signal}: ${last.slice(0, 300)}`;
}
