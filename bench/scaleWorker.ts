/**
 * One scale step, in a fresh process (`node --expose-gc --import tsx bench/scaleWorker.ts
 * <corpusDir> '<WorkerPlan json>'`): builds the engine piece by piece to say where time
 * and heap go, then times the questions. Progress goes to stderr as `PHASE {json}` lines, so
 * a run the parent stops at its time cap still reports the phases it finished; the result is
 * one JSON line on stdout.
 *
 * The pieces are the ones `createEngine` is made of today (loadCorpus, PassageIndex,
 * buildFigureBook); start-up through the real `createEngine` is measured by startup.ts.
 */
import { readFile } from 'node:fs/promises';
import { answerQuestion } from '../src/answer/answer.js';
import { buildFigureBook } from '../src/answer/figures.js';
import { loadCorpus } from '../src/corpus/load.js';
import { readManifest } from '../src/corpus/manifest.js';
import type { Engine } from '../src/engine.js';
import { PassageIndex } from '../src/search/index.js';
import { profile, type ProfileSummary } from './profile.js';
import { loadQuestions } from './questions.js';
import { latency, type Latency } from './stats.js';

export interface WorkerPlan {
  /** Timed passes of index.query over all questions. */
  queryRuns: number;
  /** Timed passes of answerQuestion over all questions (0: skip; it costs as much again). */
  answerRuns: number;
  /** Questions asked once, untimed, before timing (JIT, stem cache). */
  warmup: number;
  /** CPU-profile a second build, and answerQuestion over this many questions. */
  profile: boolean;
  profileQuestions: number;
}

const [dir, planArg] = process.argv.slice(2);
if (!dir || !planArg) throw new Error("usage: scaleWorker.ts <corpusDir> '<WorkerPlan json>'");
const plan = JSON.parse(planArg) as WorkerPlan;

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc: heap figures need a collection before each reading');
const heapMB = () => {
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
};
const phase = (name: string, data: Record<string, unknown>) => process.stderr.write(`PHASE ${JSON.stringify({ name, ...data })}\n`);
const time = async <T>(fn: () => T | Promise<T>) => {
  const start = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - start };
};

const heap0 = heapMB();

// Reading alone, so that load − read ≈ parse (the second read hits the page cache, as the first did).
const io = await time(async () => {
  let bytes = 0;
  for (const e of await readManifest(dir)) bytes += (await readFile(e.textPath, 'utf8')).length;
  return bytes;
});
phase('read', { ms: io.ms, chars: io.value });

const load = await time(() => loadCorpus(dir));
const corpus = load.value;
const heapCorpus = heapMB();
const paragraphs = corpus.documents.reduce((n, d) => n + d.paragraphs.length, 0);
phase('load', { ms: load.ms, parseMs: load.ms - io.ms, heapMB: heapCorpus - heap0, documents: corpus.documents.length, paragraphs });

const index = await time(() => new PassageIndex(corpus));
const heapIndex = heapMB();
phase('index', { ms: index.ms, heapMB: heapIndex - heapCorpus });

const figures = await time(() => buildFigureBook(corpus));
const heapFigures = heapMB();
phase('figures', { ms: figures.ms, heapMB: heapFigures - heapIndex, records: figures.value.records.length });

const engine: Engine = { corpus, index: index.value, figures: figures.value, buildMs: index.ms + figures.ms, indexSource: 'built' };

const { all } = loadQuestions();
const questions = all.map((q) => q.q);
const timeEach = (fn: (q: string) => unknown, subset = questions): number[] =>
  subset.map((q) => {
    const start = performance.now();
    fn(q);
    return performance.now() - start;
  });
const ask = (q: string) => engine.index.query(q, { limit: 5 });
const answer = (q: string) => answerQuestion(engine, q, { limit: 5 });
// Warm the JIT and the caches (stems, figure questions) before timing.
const warm = questions.slice(0, plan.warmup);
timeEach(ask, warm);
if (plan.answerRuns) timeEach(answer, warm);
const queryLatency: Latency[] = [];
const answerLatency: Latency[] = [];
for (let r = 0; r < plan.queryRuns; r++) queryLatency.push(latency(timeEach(ask)));
for (let r = 0; r < plan.answerRuns; r++) answerLatency.push(latency(timeEach(answer)));
phase('queries', { queryRuns: plan.queryRuns, answerRuns: plan.answerRuns, questions: questions.length });

let buildProfile: ProfileSummary | null = null;
let queryProfile: ProfileSummary | null = null;
if (plan.profile) {
  // A second build, so the timings above carry no profiler overhead.
  buildProfile = (await profile(() => {
    new PassageIndex(corpus);
    buildFigureBook(corpus);
  }, 40)).summary;
  queryProfile = (await profile(() => timeEach(answer, questions.slice(0, plan.profileQuestions)), 40)).summary;
  phase('profile', {});
}

process.stdout.write(
  `${JSON.stringify({
    documents: corpus.documents.length,
    paragraphs,
    chars: io.value,
    readMs: io.ms,
    loadMs: load.ms,
    indexMs: index.ms,
    figuresMs: figures.ms,
    heapMB: { corpus: heapCorpus - heap0, index: heapIndex - heapCorpus, figures: heapFigures - heapIndex, total: heapFigures - heap0 },
    rssMB: process.memoryUsage().rss / 2 ** 20,
    queryLatency,
    answerLatency,
    questions: questions.length,
    buildProfile,
    queryProfile,
  })}\n`,
);
