/**
 * Start-up to "ready to answer" of the compiled bot, in a process of its own (run by
 * scale.ts as `tsx --expose-gc bench/startup.ts <corpusDir>`). Prints one JSON line.
 *
 * The measurement runs in a child, `node --expose-gc [npm start's flags] <HEAP_FLAG>
 * bench/startupChild.mjs dist/src/engine.js <corpusDir>`: plain Node on the compiled engine,
 * as `npm start` runs the bot (the bench's heap room for ×1000 overrides start's heap cap).
 * It cannot run here: tsx's loader, once in a process, costs every later import (compiled
 * JavaScript included) about as much as it costs TypeScript — at ×1, ~0.15 s more boot and
 * ~0.1 s more imports. This process only makes sure dist/ is current (building it
 * if a source is newer) and relays the child's line, with `relayMs`: what it cost on top.
 * The parent's whole-process wall time therefore includes tsx's launcher, this relay and
 * the child.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from './questions.js';
import { ensureBuilt, HEAP_FLAG, startNodeFlags } from './spawn.js';

const relayStart = performance.now();
const [dir, cacheDir, questionsFile] = process.argv.slice(2);
if (!dir) {
  process.stderr.write('usage: tsx --expose-gc bench/startup.ts <corpusDir> [indexCacheDir [questionsFile]]\n');
  process.exit(2);
}
ensureBuilt();
const child = spawnSync(
  process.execPath,
  ['--expose-gc', ...startNodeFlags(), HEAP_FLAG, path.join(REPO_ROOT, 'bench/startupChild.mjs'), path.join(REPO_ROOT, 'dist/src/engine.js'), dir, ...(cacheDir ? [cacheDir] : []), ...(cacheDir && questionsFile ? [questionsFile] : [])],
  { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 },
);
if (child.status !== 0) {
  process.stderr.write(`startup child: ${child.error?.message ?? `exit ${child.status ?? child.signal}`}\n`);
  process.exit(1);
}
const line = child.stdout.trim().split('\n').pop() ?? '';
const measured = JSON.parse(line) as Record<string, unknown>;
process.stdout.write(`${JSON.stringify({ ...measured, relayMs: performance.now() - relayStart })}\n`);
