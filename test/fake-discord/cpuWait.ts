/**
 * How long this thread has been runnable but waiting for a CPU, from Linux's schedstat
 * (`/proc/thread-self/schedstat`, second field, in ns). The bot and the fake share one
 * event loop in the tests, so on a machine busy with other processes, wall-clock time
 * since a dispatch is mostly time the OS gave to someone else. Subtracting this wait
 * measures what the bot itself spent (running, or waiting on its own timers and I/O) —
 * which is what Discord's 3-second rule is meant to check here. A bot that sleeps or
 * blocks still accrues the full time: sleeping is not waiting for a CPU, and blocking the
 * loop is running. Where schedstat is missing, this is 0 and the clock is the wall clock.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const SCHEDSTAT = '/proc/thread-self/schedstat';

function readCpuWaitMs(): number | null {
  try {
    const waitNs = Number(readFileSync(SCHEDSTAT, 'utf8').split(' ')[1]);
    return Number.isFinite(waitNs) ? waitNs / 1e6 : null;
  } catch {
    return null;
  }
}

const available = readCpuWaitMs() !== null;

/** Milliseconds this thread has waited for a CPU so far (0 where unknown). */
export function cpuWaitMs(): number {
  return available ? (readCpuWaitMs() ?? 0) : 0;
}

/** A point in time on both clocks: wall (performance.now) and CPU wait. */
export interface Instant {
  wallMs: number;
  cpuWaitMs: number;
}

export function now(): Instant {
  return { wallMs: performance.now(), cpuWaitMs: cpuWaitMs() };
}

/** Milliseconds from `since` to now, not counting time spent waiting for a CPU (never negative). */
export function ownMsSince(since: Instant): number {
  const wall = performance.now() - since.wallMs;
  return Math.max(0, wall - (cpuWaitMs() - since.cpuWaitMs));
}

/**
 * The same clock for a child process (its main thread), for "it exits promptly" checks on
 * the real entry. Sampled every 50 ms while the child lives, since its schedstat vanishes
 * at exit: the last sample can miss up to 50 ms of waiting, so the child's own time comes
 * out slightly longer, never shorter.
 */
export function childCpuWait(pid: number): { ms(): number; stop(): void } {
  const file = `/proc/${pid}/task/${pid}/schedstat`;
  let last = 0;
  const sample = (): void => {
    try {
      const waitNs = Number(readFileSync(file, 'utf8').split(' ')[1]);
      if (Number.isFinite(waitNs)) last = waitNs / 1e6;
    } catch {
      // gone (exited) or unavailable: keep the last sample
    }
  };
  sample();
  const timer = setInterval(sample, 50);
  timer.unref();
  return {
    ms: () => (sample(), last),
    stop: () => clearInterval(timer),
  };
}
