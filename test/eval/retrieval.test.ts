import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src/engine.js';
import { runEval } from '../../src/eval/run.js';
import { parseEvalFile } from '../../src/eval/score.js';

/**
 * Holds the retrieval level reached, asked the way a user asks (answerQuestion). The dev
 * set lives in shared/ beside the repository; the independent set was written by someone
 * who had not seen the search code. A drop here is a regression, not noise: the engine is
 * deterministic.
 */

const DEV = new URL('../../../shared/eval/dev.jsonl', import.meta.url);
const INDEPENDENT = new URL('./questions.jsonl', import.meta.url);

let engine: Engine;
beforeAll(async () => {
  engine = await createEngine();
});

const scored = (file: URL) => runEval(engine, parseEvalFile(readFileSync(file, 'utf8')));

describe('retrieval quality', () => {
  it.skipIf(!existsSync(DEV))('dev set: hit@1 ≥ 0.94, hit@3 = 1, every figure question answered in the reply', () => {
    const s = scored(DEV);
    expect(s.passage.count).toBeGreaterThanOrEqual(18);
    expect(s.passage.hit1).toBeGreaterThanOrEqual(0.94);
    expect(s.passage.hit3).toBe(1);
    expect(s.figure.answered).toBe(s.figure.count);
  });

  // 41/45 at rank 1 (0.911). Window BM25 scored from the candidates' own sentences (for
  // speed at scale) moved q21 to rank 2 behind a paragraph naming the same corridor.
  it('independent set: hit@1 ≥ 0.91, hit@3 = 1, MRR ≥ 0.945, every figure question answered', () => {
    const s = scored(INDEPENDENT);
    expect(s.passage.count).toBe(45);
    expect(s.passage.hit1).toBeGreaterThanOrEqual(0.91);
    expect(s.passage.hit3).toBe(1);
    expect(s.passage.mrr).toBeGreaterThanOrEqual(0.945);
    expect(s.figure.answered).toBe(s.figure.count);
  });
});
