/**
 * The measuring half of startup.ts, in plain JavaScript so that Node runs it by itself —
 * no TypeScript loader in the process, as `npm start` runs the compiled bot:
 * `node --expose-gc [flags] bench/startupChild.mjs <compiled engine.js> <corpusDir>`.
 * The real `createEngine(dir)`, nothing else. Prints one JSON line.
 *
 * `performance.now()` counts from this process's start, so `readyMs` includes Node's own
 * boot and the module imports.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const atScriptStart = performance.now();
// cacheDir: the saved-index folder, as INDEX_CACHE_DIR gives it to the bot (absent: build, save nothing).
// questionsFile: after ready, serve questions as the bot does (see `serve` below).
const [engineFile, dir, cacheDir, questionsFile] = process.argv.slice(2);
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
const serving = questionsFile ? await serve(JSON.parse(readFileSync(questionsFile, 'utf8'))) : null;
process.stdout.write(
  `${JSON.stringify({
    serving,
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

/**
 * The engine just started, serving as the bot does: `cold` questions on the fresh engine
 * (paragraphs analysed as they become candidates, the JIT and the word caches empty), then
 * the background warm-up the bot runs after connecting (`warmUpEngine`: its time and the heap
 * after it, the largest the bot's heap gets), then `warm` questions (others: the warm-up
 * does not remember questions). index.query (and answerQuestion, warm) per question, ms.
 */
async function serve({ cold, warm }) {
  const { answerQuestion } = await import(pathToFileURL(path.join(path.dirname(engineFile), 'answer/answer.js')).href);
  const timeEach = (qs, fn) =>
    qs.map((q) => {
      const start = performance.now();
      fn(q);
      return performance.now() - start;
    });
  const pct = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    const at = (p) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
    return { p50: at(0.5), p99: at(0.99), max: s[s.length - 1], n: s.length };
  };
  const query = (q) => engine.index.query(q, { limit: 5 });
  const coldQuery = pct(timeEach(cold, query));
  // The bot's own warm-up (src/warmUp.ts): the index's analyses, the figure book and its terms, the names.
  const { warmUpEngine } = await import(pathToFileURL(path.join(path.dirname(engineFile), 'warmUp.js')).href);
  const warmStart = performance.now();
  const { paragraphs: analysed } = await warmUpEngine(engine);
  const warmUpMs = performance.now() - warmStart;
  gc?.();
  const heapWarmMB = process.memoryUsage().heapUsed / 2 ** 20;
  const warmQuery = pct(timeEach(warm, query));
  const warmAnswer = pct(timeEach(warm, (q) => answerQuestion(engine, q, { limit: 5 })));
  return { coldQuery, warmUpMs, analysed, heapWarmMB, rssWarmMB: process.memoryUsage().rss / 2 ** 20, warmQuery, warmAnswer };
}
