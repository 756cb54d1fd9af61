import { createEngineFromCorpus } from '../src/engine.js';
import { loadCorpus } from '../src/corpus/load.js';
import { goldRank } from '../src/eval/score.js';
import type { EvalQuestion } from '../src/eval/score.js';
import { PEERS, steppeAnswer, steppeIndex, type Retriever, type Unit } from './peers.js';
import { latency, latencySpread, spread, type Latency, type Spread } from './stats.js';

/**
 * Retrieval side by side: every retriever over the same paragraphs
 * (engine.index.paragraphs), the same passage questions, the same top-k, the same scoring
 * as `npm run eval` (goldRank: a returned passage contains a gold string after
 * normalizeForEval). Latency is per query, warm (after one untimed pass), in this process.
 */

/** Passages considered per question: what `npm run eval` asks answerQuestion for. */
export const TOP_K = 5;

export interface RetrievalRow {
  name: string;
  note: string;
  hit1: number;
  hit3: number;
  mrr: number;
  /** Questions with nothing returned. */
  empty: number;
  buildMs: Spread;
  p50: Spread;
  p99: Spread;
}

export interface RetrievalResult {
  questions: number;
  paragraphs: number;
  runs: number;
  rows: RetrievalRow[];
}

function score(r: Retriever, questions: EvalQuestion[]): Pick<RetrievalRow, 'hit1' | 'hit3' | 'mrr' | 'empty'> {
  let hit1 = 0;
  let hit3 = 0;
  let rr = 0;
  let empty = 0;
  for (const q of questions) {
    const passages = r.search(q.q, TOP_K);
    if (passages.length === 0) empty++;
    const rank = goldRank(passages, q.gold ?? []);
    if (rank === 1) hit1++;
    if (rank !== null && rank <= 3) hit3++;
    if (rank !== null) rr += 1 / rank;
  }
  const n = questions.length || 1;
  return { hit1: hit1 / n, hit3: hit3 / n, mrr: rr / n, empty };
}

function timePass(r: Retriever, questions: EvalQuestion[]): Latency {
  const samples = questions.map((q) => {
    const start = performance.now();
    r.search(q.q, TOP_K);
    return performance.now() - start;
  });
  return latency(samples);
}

export async function runRetrieval(questions: EvalQuestion[], runs: number, corpusDir?: string): Promise<RetrievalResult> {
  const corpus = await loadCorpus(corpusDir);
  // The paragraphs exactly as our index holds them: every peer indexes these.
  const units: Unit[] = createEngineFromCorpus(corpus).index.paragraphs.map((p) => ({ id: p.id, text: p.text }));
  // Each retriever is built `runs` times (build-time spread); the last one answers.
  const builds: Array<() => Retriever> = [
    () => steppeIndex(createEngineFromCorpus(corpus)),
    () => steppeAnswer(createEngineFromCorpus(corpus)),
    ...PEERS.map((factory) => () => factory(units)),
  ];

  const rows: RetrievalRow[] = [];
  for (const build of builds) {
    const buildTimes: number[] = [];
    let retriever: Retriever | null = null;
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      retriever = build();
      buildTimes.push(performance.now() - start);
    }
    const r = retriever!;
    const quality = score(r, questions); // also the warm-up pass
    const passes: Latency[] = [];
    for (let i = 0; i < runs; i++) passes.push(timePass(r, questions));
    rows.push({ name: r.name, note: r.note, ...quality, buildMs: spread(buildTimes), ...latencySpread(passes) });
  }
  return { questions: questions.length, paragraphs: units.length, runs, rows };
}
