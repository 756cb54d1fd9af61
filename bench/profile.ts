import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { REPO_ROOT } from './questions.js';

/**
 * Where the time goes: a V8 CPU profile around a piece of work, folded into self time per
 * source file and per function. Instrumenting src/ is not ours to do; the sampling
 * profiler needs no change to it, and names the same functions a flame graph would.
 */

export interface ProfileEntry {
  name: string;
  ms: number;
  share: number;
}

export interface ProfileSummary {
  totalMs: number;
  byFile: ProfileEntry[];
  byFunction: ProfileEntry[];
}

interface CpuNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

/** A readable owner for a script URL: `src/search/index.ts`, `minisearch`, `(gc)`. */
function owner(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const file = url.startsWith('file://') ? new URL(url).pathname : url;
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  if (nm) return nm[1]!;
  if (file.startsWith('node:')) return file;
  return path.relative(REPO_ROOT, file);
}

export async function profile<T>(work: () => T | Promise<T>, top = 12): Promise<{ value: T; summary: ProfileSummary }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  // 1 ms samples: enough resolution for multi-second builds, little overhead.
  await session.post('Profiler.setSamplingInterval', { interval: 1000 });
  await session.post('Profiler.start');
  const value = await work();
  const { profile: p } = (await session.post('Profiler.stop')) as unknown as { profile: CpuProfile };
  session.disconnect();
  return { value, summary: summarise(p, top) };
}

/** A V8 CPU profile as `Profiler.stop` and `node --cpu-prof` give it (times in µs). */
export interface CpuProfile {
  nodes: Array<CpuNode & { children?: number[] }>;
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Self time per file and per function. */
export function summarise(p: CpuProfile, top = 12): ProfileSummary {
  // Self time per node: each sample's delta is charged to the node it landed in.
  const selfUs = new Map<number, number>();
  p.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
  const byFile = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  for (const node of p.nodes) {
    const us = selfUs.get(node.id) ?? 0;
    if (!us) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    // Idle time is not work; "(program)" (V8 itself: compiling, IC misses) is kept, named.
    if (functionName === '(idle)') continue;
    total += us;
    const file = owner(url, functionName);
    byFile.set(file, (byFile.get(file) ?? 0) + us);
    // tsx's transform puts a module on one line: a line number only helps for plain JS.
    const fn = `${functionName || '(anonymous)'} ${file}${url && lineNumber > 0 ? `:${lineNumber + 1}` : ''}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
  }
  const entries = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: us / 1000, share: total ? us / total : 0 }));
  return { totalMs: total / 1000, byFile: entries(byFile), byFunction: entries(byFunction) };
}

/** A stage of the work, recognised by a frame on the stack: its function name and the file it is in. */
export interface StageMatcher {
  stage: string;
  fn: RegExp;
  file?: RegExp;
}

/**
 * CPU time by stage within a time window (µs on the profile's clock, CLOCK_MONOTONIC on
 * Linux, the clock of `process.hrtime` in every process): each sample is charged to the
 * innermost frame on its stack that a matcher names (the first matcher that names it),
 * else to "(gc)", "(program)" or "other". Idle samples are left out.
 */
export function stageTimes(p: CpuProfile, matchers: StageMatcher[], window?: { fromUs: number; toUs: number }): { totalMs: number; stages: Record<string, number> } {
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const stageOf = new Map<number, string>();
  const resolve = (id: number): string => {
    const known = stageOf.get(id);
    if (known !== undefined) return known;
    const node = byId.get(id)!;
    const { functionName, url } = node.callFrame;
    const file = url.startsWith('file://') ? new URL(url).pathname : url;
    let stage = matchers.find((m) => m.fn.test(functionName) && (!m.file || m.file.test(file)))?.stage;
    if (!stage) {
      const up = parent.get(id);
      stage = up === undefined ? 'other' : resolve(up);
    }
    stageOf.set(id, stage);
    return stage;
  };
  const stages: Record<string, number> = {};
  let total = 0;
  let t = p.startTime;
  p.samples.forEach((id, i) => {
    t += p.timeDeltas[i] ?? 0;
    const dt = p.timeDeltas[i + 1] ?? 0; // a sample stands for the time until the next one
    if (window && (t < window.fromUs || t > window.toUs)) return;
    const name = byId.get(id)?.callFrame.functionName ?? '';
    if (name === '(idle)') return;
    const stage = name === '(garbage collector)' ? '(gc)' : name === '(program)' ? '(program)' : resolve(id);
    stages[stage] = (stages[stage] ?? 0) + dt / 1000;
    total += dt / 1000;
  });
  return { totalMs: total, stages };
}
