/**
 * Bounds for waits that end on an event (a reply, a log line, a process exit). The bound
 * only turns a hang into a failure; it is never what a test checks. On a machine busy with
 * other processes (say load 14 on 2 cores) everything takes several times longer in wall
 * time, so a bound tuned on an idle machine fires while the awaited event is still on its
 * way. Each bound is therefore stretched by the machine's load per CPU (1-minute average,
 * re-read when checked, never below 1): 5 s idle, 35 s at load 14 on 2 cores.
 */
import os from 'node:os';

/** Runnable processes per CPU over the last minute, at least 1. */
export function loadFactor(): number {
  const cpus = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, os.loadavg()[0]! / Math.max(1, cpus));
}

/** `ms` (as tuned on an idle machine) stretched by the current load. */
export function safetyNet(ms: number): number {
  return Math.round(ms * loadFactor());
}

/** "300 ms", or "300 ms (2100 ms at this load)" when stretched: for timeout messages. */
export function describeBound(ms: number, bound = safetyNet(ms)): string {
  return bound > ms ? `${ms} ms (${bound} ms at this load)` : `${ms} ms`;
}
