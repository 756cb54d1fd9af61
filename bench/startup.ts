/**
 * Start-up to "ready to answer", in a process of its own (run by scale.ts as
 * `tsx --expose-gc bench/startup.ts <corpusDir>`): the real `createEngine(dir)`, nothing
 * else, so the figure is what a bot pays before it can answer. Prints one JSON line.
 *
 * `performance.now()` counts from this process's start, so `readyMs` includes Node's own
 * boot, the TypeScript loader and the module imports; the parent adds the whole-process
 * wall time (tsx's launcher process and exit included).
 */
const atScriptStart = performance.now();
const dir = process.argv[2];
if (!dir) {
  process.stderr.write('usage: tsx --expose-gc bench/startup.ts <corpusDir>\n');
  process.exit(2);
}
const gc = (globalThis as { gc?: () => void }).gc;

const { createEngine } = await import('../src/engine.js');
const imported = performance.now();
// A collection now costs a few ms on a near-empty heap; it is timed and left out of readyMs.
const gcStart = performance.now();
gc?.();
const baselineHeap = process.memoryUsage().heapUsed;
const gcMs = performance.now() - gcStart;

const engine = await createEngine(dir);
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
    heapDeltaMB: gc ? (memory.heapUsed - baselineHeap) / 2 ** 20 : null,
    rssMB: memory.rss / 2 ** 20,
  })}\n`,
);
