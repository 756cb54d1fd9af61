import { spawn } from 'node:child_process';
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
