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
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { answerQuestion } from '../src/answer/answer.js';
import { buildFigureBook } from '../src/answer/figures.js';
import { loadCorpus } from '../src/corpus/load.js';
import { readManifest } from '../src/corpus/manifest.js';
import type { Engine } from '../src/engine.js';
import { goldRank } from '../src/eval/score.js';
import { PassageIndex, type IndexSnapshot } from '../src/search/index.js';
import { miniSearchDefault, steppeIndex, type Retriever } from './peers.js';
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
  /** Raw MiniSearch beside ours, and hit@1 of both at this size (a second index: skipped at ×1000). */
  peer: boolean;
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

const built = await time(() => new PassageIndex(corpus));
const heapIndex = heapMB();
phase('index', { ms: built.ms, heapMB: heapIndex - heapCorpus });

// The saved index, as `npm run build` writes it and start-up reads it (engineCache.ts).
const tmp = mkdtempSync(path.join(os.tmpdir(), 'steppe-snapshot-'));
const file = path.join(tmp, 'index.json');
const save = await time(() => writeFileSync(file, JSON.stringify(built.value.toSnapshot())));
const snapshotMB = statSync(file).size / 2 ** 20;
const heapBeforeRestore = heapMB();
const index = await time(() => new PassageIndex(corpus, JSON.parse(readFileSync(file, 'utf8')) as IndexSnapshot));
if (!index.value.restored) throw new Error('the saved index was not restored');
const heapRestored = heapMB() - heapBeforeRestore;
rmSync(tmp, { recursive: true, force: true });
phase('snapshot', { saveMs: save.ms, MB: snapshotMB, restoreMs: index.ms, heapMB: heapRestored });

const heapBeforeFigures = heapMB();
const figures = await time(() => buildFigureBook(corpus));
const heapFigures = heapMB() - heapBeforeFigures;
phase('figures', { ms: figures.ms, heapMB: heapFigures, records: figures.value.records.length });

// Questions go to the restored index, as in the bot (its paragraphs are analysed as they
// become candidates; the warm-up pass below does most of that).
const engine: Engine = { corpus, index: index.value, figures: figures.value, buildMs: index.ms + figures.ms, indexSource: 'cache' };

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

// Quality at this size: the passage questions' gold paragraphs among N−1 synthetic copies.
const { passage: passageQuestions } = loadQuestions();
const quality = (r: Retriever) => {
  let hit1 = 0;
  let rr = 0;
  for (const q of passageQuestions) {
    const rank = goldRank(r.search(q.q, 5), q.gold ?? []);
    if (rank === 1) hit1++;
    if (rank !== null) rr += 1 / rank;
  }
  const n = passageQuestions.length || 1;
  return { hit1: hit1 / n, mrr: rr / n };
};
const oursQuality = quality(steppeIndex(engine));
phase('quality', { hit1: oursQuality.hit1 });

// Raw MiniSearch at this size, same paragraphs and questions: latency and quality side by side.
let peerResult: { buildMs: number; latency: Latency[]; quality: { hit1: number; mrr: number } } | null = null;
if (plan.peer) {
  const peerBuild = await time(() => miniSearchDefault(index.value.paragraphs.map((p) => ({ id: p.id, text: p.text }))));
  const peer = peerBuild.value;
  const peerLatency: Latency[] = [];
  for (let r = 0; r < plan.queryRuns; r++) peerLatency.push(latency(timeEach((q) => peer.search(q, 5))));
  peerResult = { buildMs: peerBuild.ms, latency: peerLatency, quality: quality(peer) };
  phase('peer', { buildMs: peerBuild.ms });
}

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
    indexMs: built.ms,
    snapshot: { saveMs: save.ms, MB: snapshotMB, restoreMs: index.ms, heapMB: heapRestored },
    quality: { ours: oursQuality, miniSearch: peerResult?.quality ?? null },
    miniSearch: peerResult ? { buildMs: peerResult.buildMs, latency: peerResult.latency } : null,
    figuresMs: figures.ms,
    // index: built from the corpus (every paragraph analysed); restored: loaded from the
    // saved index (paragraphs analysed as they become candidates); total: corpus + restored + figures.
    heapMB: { corpus: heapCorpus - heap0, index: heapIndex - heapCorpus, restored: heapRestored, figures: heapFigures, total: heapCorpus - heap0 + heapRestored + heapFigures },
    rssMB: process.memoryUsage().rss / 2 ** 20,
    queryLatency,
    answerLatency,
    questions: questions.length,
    buildProfile,
    queryProfile,
  })}\n`,
);
