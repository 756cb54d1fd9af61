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
const DEV2 = new URL('../../../shared/eval/dev2.jsonl', import.meta.url);
const INDEPENDENT = new URL('./questions.jsonl', import.meta.url);
/** Our own questions in the styles people type (paraphrase, casual, typo, short, long, meta), written before tuning. */
const STYLES = new URL('./questions2.jsonl', import.meta.url);
/** A third styled set (x01–x19), written in one go and scored once before any change made for it. */
const FRESH_STYLES = new URL('./questions3.jsonl', import.meta.url);
/** A fourth styled set (y01–y21), written before the search was run on it; a third of it (y03, y06, y09, y12, y15, y18, y21) kept aside and scored once. */
const FOURTH_STYLES = new URL('./questions4.jsonl', import.meta.url);
/** A fifth styled set (h01–h24), written by a helper who saw neither the code nor how Steppe answers. */
const FIFTH_STYLES = new URL('./questions5.jsonl', import.meta.url);

/**
 * The dev files live in ../shared, which CI has: there a missing file is a failure; on a
 * machine without it the test is skipped, and says so.
 */
function needsShared(file: URL): boolean {
  if (existsSync(file)) return true;
  if (process.env.CI === 'true') throw new Error(`${file.pathname} is missing: CI must have ../shared/eval`);
  console.warn(`skipped: ${file.pathname} is not here (../shared/eval is beside the repository in CI)`);
  return false;
}
const hasDev = needsShared(DEV);
const hasDev2 = needsShared(DEV2);

let engine: Engine;
beforeAll(async () => {
  engine = await createEngine();
});

const scored = (file: URL) => runEval(engine, parseEvalFile(readFileSync(file, 'utf8')));

describe('retrieval quality', () => {
  it.skipIf(!hasDev)('dev set: hit@1 ≥ 0.94, hit@3 = 1, every figure question answered in the reply', () => {
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

  // Levels reached with issue 11 (word vectors, chat words, questions about the documents):
  // dev2 17/30 at rank 1 (meta 4/4); with the dense signal fused when the lexical side is
  // unsure (src/search/dense.ts), 19/30 (paraphrase 3/12), 21/30 in the top 3; with decades
  // typed as people do ("the early-90s" is the text's "1990s"), 20/30 and 22/30; 19/30 again
  // once "use" stopped stemming to "us" (read as the US: it had expanded to "states", which
  // the answer to u12 repeats), 22/30 in the top 3; with countries described by where they
  // lie named (geography.ts), 24/30 in the top 3; with near neighbours in meaning counting
  // a little (semantic.ts, SEMANTIC_CURVE), 20/30 at rank 1.
  it.skipIf(!hasDev2)('dev2 set (styles people type): hit@1 ≥ 0.66, hit@3 ≥ 0.80, meta 4/4, every figure answered', () => {
    const s = scored(DEV2);
    expect(s.passage.count).toBe(30);
    expect(s.passage.hit1).toBeGreaterThanOrEqual(0.66);
    expect(s.passage.hit3).toBeGreaterThanOrEqual(0.8);
    expect(s.byStyle.meta!.passage.hit1).toBe(1);
    expect(s.figure.answered).toBe(s.figure.count);
  });

  // 17 more (w38–w54: 10 paraphrase, 3 casual, 3 long, 1 typo) were added before the second
  // round of tuning: 37/52 at rank 1 with round 1's search; 38/52 with the dense signal; 40/52 with decades and centuries.
  it('own styled set: hit@1 ≥ 0.76, hit@3 ≥ 0.92, meta all, every figure answered', () => {
    const s = scored(STYLES);
    expect(s.passage.count).toBe(52);
    expect(s.passage.hit1).toBeGreaterThanOrEqual(0.76);
    expect(s.passage.hit3).toBeGreaterThanOrEqual(0.92);
    expect(s.byStyle.meta!.passage.hit1).toBe(1);
    expect(s.byStyle.typo!.passage.hit1).toBe(1);
    expect(s.figure.answered).toBe(s.figure.count);
  });

  // Scored once as written (the held-out estimate for these styles): 14/19 at rank 1, 15/19 in
  // the top 3. Then: "officail" corrected by the word typed (16/19 in the top 3); "its southern
  // neighbour" read as China (15/19 at rank 1, 17/19 in the top 3).
  it('a third styled set, written fresh: hit@1 ≥ 15/19, hit@3 ≥ 17/19', () => {
    const s = scored(FRESH_STYLES);
    expect(s.passage.count).toBe(19);
    expect(s.passage.hit1 * 19).toBeGreaterThanOrEqual(15 - 1e-9);
    expect(s.passage.hit3 * 19).toBeGreaterThanOrEqual(17 - 1e-9);
  });

  // Written in one go on facts the other sets leave alone, before any was asked: the 14 used
  // while working 9/14 at rank 1, 12/14 in the top 3; the 7 kept aside, scored once at the end,
  // 5/7 and 7/7. The long questions (y16, y17) are the misses at rank 1 that context words cost.
  it('a fourth styled set: hit@1 ≥ 14/21, hit@3 ≥ 19/21, meta and typo all', () => {
    const s = scored(FOURTH_STYLES);
    expect(s.passage.count).toBe(21);
    expect(s.passage.hit1 * 21).toBeGreaterThanOrEqual(14 - 1e-9);
    expect(s.passage.hit3 * 21).toBeGreaterThanOrEqual(19 - 1e-9);
    expect(s.byStyle.meta!.passage.hit1).toBe(1);
    expect(s.byStyle.typo!.passage.hit1).toBe(1);
  });

  // Scored as written: 17/24 at rank 1, 21/24 in the top 3 (paraphrase 4/8, meta 2/2).
  it('a fifth styled set, written without seeing the answers: hit@1 ≥ 17/24, hit@3 ≥ 21/24, meta all', () => {
    const s = scored(FIFTH_STYLES);
    expect(s.passage.count).toBe(24);
    expect(s.passage.hit1 * 24).toBeGreaterThanOrEqual(17 - 1e-9);
    expect(s.passage.hit3 * 24).toBeGreaterThanOrEqual(21 - 1e-9);
    expect(s.byStyle.meta!.passage.hit1).toBe(1);
  });
});
