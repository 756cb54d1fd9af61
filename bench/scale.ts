import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { failure, HEAP_FLAG, lastJson, runChild, TSX_CLI, type ChildResult } from './spawn.js';
import type { ProfileSummary } from './profile.js';
import { distinctQuestions } from './questions.js';
import type { WorkerPlan } from './scaleWorker.js';
import { latencySpread, spread, type Latency, type Spread } from './stats.js';
import type { ScaledCorpus } from './synthetic.js';

/**
 * Scale runs: for each corpus size, one worker process (where build time and heap go, query
 * latency) and several fresh start-up processes (time to ready, whole-process wall time).
 * Everything runs in child processes: a clean heap per measurement, and a ×1000 run that
 * blows its time cap or its memory cannot take the bench down with it.
 */

export interface ScalePlan extends WorkerPlan {
  scale: number;
  /** Fresh `tsx bench/startup.ts` processes (median of these). */
  startupRuns: number;
  /**
   * The last of them then serves questions as the bot does (startupChild.mjs `serve`): this
   * many on the fresh engine (cold), the background warm-up, this many others (warm).
   */
  serve?: { cold: number; warm: number };
}

/**
 * Repetitions shrink with size: at ×100 one pass of the questions takes ~10 s, a build ~17 s.
 * ×10 is profiled too, so the ×100 profile can show what grows faster than the corpus.
 */
export const DEFAULT_PLANS: ScalePlan[] = [
  { scale: 1, startupRuns: 5, queryRuns: 5, answerRuns: 5, warmup: 80, profile: false, profileQuestions: 0, peer: true },
  { scale: 10, startupRuns: 3, queryRuns: 5, answerRuns: 3, warmup: 80, profile: true, profileQuestions: 20, peer: true },
  { scale: 100, startupRuns: 3, queryRuns: 3, answerRuns: 1, warmup: 10, profile: true, profileQuestions: 20, peer: true },
  // One run: a ×1000 build takes minutes; it gets whatever budget is left (all of it with --full).
  { scale: 1000, startupRuns: 1, queryRuns: 1, answerRuns: 0, warmup: 3, profile: false, profileQuestions: 0, peer: false, serve: { cold: 100, warm: 200 } },
];

interface WorkerOutput {
  documents: number;
  paragraphs: number;
  chars: number;
  readMs: number;
  loadMs: number;
  indexMs: number;
  figuresMs: number;
  heapMB: { corpus: number; index: number; restored: number; figures: number; total: number };
  snapshot: { saveMs: number; MB: number; restoreMs: number; heapMB: number };
  quality: { ours: Quality; miniSearch: Quality | null };
  miniSearch: { buildMs: number; latency: Latency[] } | null;
  rssMB: number;
  queryLatency: Latency[];
  answerLatency: Latency[];
  buildProfile: ProfileSummary | null;
  queryProfile: ProfileSummary | null;
}

export interface Quality {
  hit1: number;
  mrr: number;
}

interface StartupOutput {
  indexSource: 'cache' | 'built';
  readyMs: number;
  importMs: number;
  createEngineMs: number;
  paragraphs: number;
  heapDeltaMB: number | null;
  rssMB: number;
  serving?: Serving | null;
}

export interface ServedLatency {
  p50: number;
  p99: number;
  max: number;
  n: number;
}

/** A started engine serving (see ScalePlan.serve): ms per question; warm-up ms; heap and RSS after the warm-up, MB. */
export interface Serving {
  coldQuery: ServedLatency;
  warmUpMs: number;
  analysed: number;
  heapWarmMB: number;
  rssWarmMB: number;
  warmQuery: ServedLatency;
  warmAnswer: ServedLatency;
}

export interface ScaleResult {
  scale: number;
  documents: number;
  bytes: number;
  paragraphs: number | null;
  /** `ok`: all measured; `partial`: some parts stopped at the cap (see `notes`); `skipped`: nothing measured. */
  status: 'ok' | 'partial' | 'skipped';
  notes: string[];
  /** One worker run, phase by phase (ms and MB). */
  build: { readMs: number; parseMs: number; indexMs: number; figuresMs: number; heapMB: WorkerOutput['heapMB']; rssMB: number } | null;
  /** The saved index: writing it, its size, loading it, its heap. */
  snapshot: WorkerOutput['snapshot'] | null;
  /** hit@1 / MRR on the passage questions at this size (gold paragraphs among N−1 synthetic copies). */
  quality: WorkerOutput['quality'] | null;
  /** Raw MiniSearch over the same paragraphs and questions, in the same process. */
  miniSearch: { buildMs: number; p50: Spread; p99: Spread } | null;
  /** The first start-up, which finds no saved index: builds it and saves it. */
  coldStartup: { readyMs: number; createEngineMs: number } | null;
  /** Phases a stopped worker finished before its cap. */
  phasesDone: Array<Record<string, unknown>>;
  query: { p50: Spread; p99: Spread } | null;
  answer: { p50: Spread; p99: Spread } | null;
  startup: {
    readyMs: Spread;
    wallMs: Spread;
    importMs: Spread;
    createEngineMs: Spread;
    heapDeltaMB: Spread | null;
    rssMB: Spread;
  } | null;
  buildProfile: ProfileSummary | null;
  queryProfile: ProfileSummary | null;
  /** The last start-up's serving run (ScalePlan.serve), when planned. */
  serving: Serving | null;
}

/** Per-child caps within the overall budget (`--full` lifts them to 30 min). */
export interface Caps {
  workerMs: number;
  startupMs: number;
}
export const DEFAULT_CAPS: Caps = { workerMs: 240_000, startupMs: 240_000 };
export const FULL_CAPS: Caps = { workerMs: 1_800_000, startupMs: 1_800_000 };

function worker(dir: string, plan: ScalePlan, capMs: number): Promise<ChildResult> {
  const { queryRuns, answerRuns, warmup, profile, profileQuestions, peer } = plan;
  const workerPlan: WorkerPlan = { queryRuns, answerRuns, warmup, profile, profileQuestions, peer };
  const args = ['--expose-gc', HEAP_FLAG, '--import', 'tsx', 'bench/scaleWorker.ts', dir, JSON.stringify(workerPlan)];
  return runChild(process.execPath, args, capMs);
}

/** startup.ts relays a child that runs the compiled engine, as `npm start` runs the bot. */
function startup(dir: string, cacheDir: string, capMs: number, questionsFile?: string): Promise<ChildResult> {
  return runChild(process.execPath, [TSX_CLI, '--expose-gc', HEAP_FLAG, 'bench/startup.ts', dir, cacheDir, ...(questionsFile ? [questionsFile] : [])], capMs);
}

export async function runScale(corpus: ScaledCorpus, plan: ScalePlan, deadline: number, caps: Caps, log: (s: string) => void): Promise<ScaleResult> {
  const result: ScaleResult = {
    scale: corpus.scale,
    documents: corpus.documents,
    bytes: corpus.bytes,
    paragraphs: null,
    status: 'ok',
    notes: [],
    build: null,
    phasesDone: [],
    snapshot: null,
    quality: null,
    miniSearch: null,
    coldStartup: null,
    query: null,
    answer: null,
    startup: null,
    buildProfile: null,
    queryProfile: null,
    serving: null,
  };
  const left = () => deadline - Date.now();
  if (left() < 10_000) {
    result.status = 'skipped';
    result.notes.push(`skipped: ${Math.max(0, Math.round(left() / 1000))} s of the time budget left`);
    return result;
  }

  log(`  ×${corpus.scale}: worker (build phases, heap, ${plan.queryRuns}+${plan.answerRuns} query passes${plan.profile ? ', CPU profile' : ''}), cap ${Math.round(Math.min(caps.workerMs, left()) / 1000)} s`);
  const w = await worker(corpus.dir, plan, Math.min(caps.workerMs, left()));
  const out = w.code === 0 ? lastJson<WorkerOutput>(w) : null;
  result.phasesDone = w.phases;
  if (out) {
    result.paragraphs = out.paragraphs;
    result.build = {
      readMs: out.readMs,
      parseMs: out.loadMs - out.readMs,
      indexMs: out.indexMs,
      figuresMs: out.figuresMs,
      heapMB: out.heapMB,
      rssMB: out.rssMB,
    };
    result.snapshot = out.snapshot;
    result.quality = out.quality;
    result.miniSearch = out.miniSearch?.latency.length ? { buildMs: out.miniSearch.buildMs, ...latencySpread(out.miniSearch.latency) } : null;
    result.query = out.queryLatency.length ? latencySpread(out.queryLatency) : null;
    result.answer = out.answerLatency.length ? latencySpread(out.answerLatency) : null;
    result.buildProfile = out.buildProfile;
    result.queryProfile = out.queryProfile;
  } else {
    result.status = 'partial';
    const done = w.phases.map((p) => `${String(p.name)} ${Math.round(Number(p.ms ?? 0) / 1000)} s`).join(', ');
    result.notes.push(`worker ${failure(w)}${done ? `; finished: ${done}` : ''}`);
    const load = w.phases.find((p) => p.name === 'load');
    if (load) result.paragraphs = Number(load.paragraphs);
  }

  const runs: Array<StartupOutput & { wallMs: number }> = [];
  if (!out && plan.startupRuns > 0) {
    result.notes.push('start-up: skipped, a start-up repeats the build the worker could not finish');
  }
  // A fresh saved-index folder: the first start-up builds and saves (cold), the rest load it.
  const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'steppe-bench-cache-'));
  try {
    for (let i = 0; out && i <= plan.startupRuns; i++) {
      const cold = i === 0;
      // A cold start-up at this size takes about as long as the worker's build did.
      const expected = out.loadMs + (cold ? out.indexMs + out.snapshot.saveMs : out.snapshot.restoreMs) + 2000;
      if (left() < Math.min(expected * 1.2, caps.startupMs)) {
        result.notes.push(`start-up: ${runs.length} of ${plan.startupRuns} runs${cold ? ' (and the cold one)' : ''}, the rest skipped (time budget: ${Math.round(left() / 1000)} s left, a run takes ~${Math.round(expected / 1000)} s)`);
        break;
      }
      log(`  ×${corpus.scale}: start-up ${cold ? 'cold (builds and saves the index)' : `run ${i}/${plan.startupRuns} (loads the saved index)`}`);
      let questionsFile: string | undefined;
      if (plan.serve && i === plan.startupRuns) {
        const qs = distinctQuestions(plan.serve.cold + plan.serve.warm);
        questionsFile = path.join(cacheDir, 'serve-questions.json');
        writeFileSync(questionsFile, JSON.stringify({ cold: qs.slice(0, plan.serve.cold), warm: qs.slice(plan.serve.cold) }));
      }
      const s = await startup(corpus.dir, cacheDir, Math.min(caps.startupMs, left()), questionsFile);
      const o = s.code === 0 ? lastJson<StartupOutput>(s) : null;
      if (!o) {
        result.notes.push(`start-up ${cold ? 'cold' : `run ${i}`} ${failure(s)}`);
        break;
      }
      if (cold) result.coldStartup = { readyMs: o.readyMs, createEngineMs: o.createEngineMs };
      else if (o.indexSource !== 'cache') {
        result.notes.push(`start-up run ${i}: the saved index was not used (${o.indexSource})`);
        break;
      } else {
        runs.push({ ...o, wallMs: s.wallMs });
        if (o.serving) result.serving = o.serving;
      }
    }
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
  if (runs.length) {
    const heaps = runs.map((r) => r.heapDeltaMB).filter((h): h is number => h !== null);
    result.startup = {
      readyMs: spread(runs.map((r) => r.readyMs)),
      wallMs: spread(runs.map((r) => r.wallMs)),
      importMs: spread(runs.map((r) => r.importMs)),
      createEngineMs: spread(runs.map((r) => r.createEngineMs)),
      heapDeltaMB: heaps.length ? spread(heaps) : null,
      rssMB: spread(runs.map((r) => r.rssMB)),
    };
  }
  const complete = out !== null && runs.length === plan.startupRuns;
  result.status = complete ? 'ok' : out || runs.length || w.phases.length ? 'partial' : 'skipped';
  return result;
}
