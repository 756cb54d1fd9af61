/**
 * The measuring half of startup.ts, in plain JavaScript so that Node runs it by itself —
 * no TypeScript loader in the process, as `npm start` runs the compiled bot:
 * `node --expose-gc [flags] bench/startupChild.mjs <compiled engine.js> <corpusDir>`.
 * The real `createEngine(dir)`, nothing else. Prints one JSON line.
 *
 * `performance.now()` counts from this process's start, so `readyMs` includes Node's own
 * boot and the module imports.
 */
import { pathToFileURL } from 'node:url';

const atScriptStart = performance.now();
// cacheDir: the saved-index folder, as INDEX_CACHE_DIR gives it to the bot (absent: build, save nothing).
const [engineFile, dir, cacheDir] = process.argv.slice(2);
if (!engineFile || !dir) {
  process.stderr.write('usage: node --expose-gc bench/startupChild.mjs <dist/src/engine.js> <corpusDir> [cacheDir]\n');
  process.exit(2);
}
const gc = globalThis.gc;

const { createEngine } = await import(pathToFileURL(engineFile).href);
const imported = performance.now();
// A collection now costs a few ms on a near-empty heap; it is timed and left out of readyMs.
const gcStart = performance.now();
gc?.();
const baselineHeap = process.memoryUsage().heapUsed;
const gcMs = performance.now() - gcStart;

const engine = await createEngine(dir, { indexCacheDir: cacheDir ?? null });
const ready = performance.now();

gc?.();
const memory = process.memoryUsage();
process.stdout.write(
  `${JSON.stringify({
    readyMs: ready - gcMs,
    scriptStartMs: atScriptStart,
    importMs: imported - atScriptStart,
    createEngineMs: engine.buildMs,
    paragraphs: engine.index.paragraphCount,
    indexSource: engine.indexSource,
    heapDeltaMB: gc ? (memory.heapUsed - baselineHeap) / 2 ** 20 : null,
    rssMB: memory.rss / 2 ** 20,
  })}\n`,
);
