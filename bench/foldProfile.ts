/**
 * `npx tsx bench/foldProfile.ts <bot>.cpuprofile [stage-substring] [top]`: a profile kept by
 * BENCH_PROFILE_OUT, its bursts only (the window file beside it), as self time per function
 * and inclusive time per function, optionally only samples whose stack has a frame whose
 * "function file" contains the substring.
 */
import { readFileSync } from 'node:fs';
import type { CpuProfile } from './profile.js';

const [file, filter = '', topArg = '30'] = process.argv.slice(2);
const p = JSON.parse(readFileSync(file!, 'utf8')) as CpuProfile;
const window = JSON.parse(readFileSync(file!.replace(/\.cpuprofile$/, '.window.json'), 'utf8')) as { fromUs: number; toUs: number };
const parent = new Map<number, number>();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const label = (id: number) => {
  const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
  const f = url.replace(/^file:\/\/\/work\/main\//, '').replace(/^.*node_modules\//, '');
  return `${functionName || '(anon)'} ${f}:${lineNumber + 1}`;
};
const self = new Map<string, number>();
const incl = new Map<string, number>();
let total = 0;
let t = p.startTime;
p.samples.forEach((id, i) => {
  t += p.timeDeltas[i] ?? 0;
  const dt = (p.timeDeltas[i + 1] ?? 0) / 1000;
  if (t < window.fromUs || t > window.toUs) return;
  if (byId.get(id)!.callFrame.functionName === '(idle)') return;
  const stack: string[] = [];
  for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) stack.push(label(n));
  if (filter && !stack.some((s) => s.includes(filter))) return;
  total += dt;
  self.set(stack[0]!, (self.get(stack[0]!) ?? 0) + dt);
  for (const s of new Set(stack)) incl.set(s, (incl.get(s) ?? 0) + dt);
});
const top = Number(topArg);
const show = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, v]) => `${v.toFixed(0).padStart(7)} ms  ${k}`).join('\n');
console.log(`total ${total.toFixed(0)} ms${filter ? ` (stacks with ${filter})` : ''}\n-- self\n${show(self)}\n-- inclusive\n${show(incl)}`);
