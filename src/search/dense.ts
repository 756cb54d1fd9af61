import type { Paragraph } from '../corpus/types.js';
import { analyzePassage } from './rank.js';
import { DIMENSIONS, dot, type WordVectors } from './vectors.js';

/**
 * A dense, sentence-level signal for questions worded unlike the text (paraphrases): how
 * close in meaning the question is to a paragraph's best sentence, by word vectors. It is
 * fused with the lexical ranking only when that ranking is unsure (see `denseWeight`), so
 * questions worded like the text are ranked as before.
 *
 * A sentence's score is the sum of two measures, each 0–1:
 *  - soft coverage (MaxSim, as in ColBERT, over words): each question word counts as found
 *    by its closest sentence word, 1 for the word itself, (cos − SOFT_FLOOR)/(1 − SOFT_FLOOR)
 *    for a word of close meaning ("planes" → flights 0.75, "freight" → cargo 0.76), weighted
 *    by the question word's IDF (a word the corpus lacks counts as the rarest);
 *  - the cosine of the question's and the sentence's IDF-weighted mean vectors: what the
 *    sentence is about as a whole.
 * Measured on their own: soft coverage ranked first 8 of 22 paraphrases of our styled set,
 * the mean-vector cosine 6 of 12 of dev2's (lexical search: 10 and 1). Fused under the
 * gate: dev2 hit@1 0.567 → 0.633 (paraphrase 1 → 3 of 12), hit@3 0.633 → 0.700; styled
 * set 0.712 → 0.731 (paraphrase 10 → 11 of 22); the dev and project sets unchanged (0.944, 0.911). Fused always, or
 * at a fixed weight, it cost project questions (41 → 36–40 of 45).
 */

/** Below this cosine a sentence word does not stand for a question word at all. */
export const SOFT_FLOOR = 0.5;
/** How much the dense side counts at full trust, against the lexical score normalised by the best (1). */
export const DENSE_WEIGHT = 1;
/**
 * Trust in the lexical side: the best lexical passage's window coverage of the question. At
 * or above TRUSTED_COVERAGE the dense side counts nothing (questions worded like the text:
 * 0.46–1, mostly > 0.7); it counts fully at TRUSTED_COVERAGE − TRUST_SPAN and below
 * (paraphrases: mostly 0.2–0.5).
 */
export const TRUSTED_COVERAGE = 0.7;
export const TRUST_SPAN = 0.3;
/** Paragraphs of the pool, best by the dense score, that join the re-ranker's candidates when it counts. */
export const DENSE_CANDIDATES = 5;

/** The dense side's weight for a lexical ranking whose best passage covers `coverage` of the question. */
export function denseWeight(coverage: number): number {
  return DENSE_WEIGHT * Math.max(0, Math.min(1, (TRUSTED_COVERAGE - coverage) / TRUST_SPAN));
}

interface DenseSentence {
  /** Index terms in order (the analysed sentence's sequence). */
  terms: readonly string[];
  /** IDF-weighted mean of the terms' unit vectors, unit length (zero when none has a vector). */
  mean: Float32Array;
}

export interface DenseQuestion {
  /** Each question word's IDF. */
  idf: Float64Array;
  totalIdf: number;
  /** Corpus term → the question words it stands for, with its credit for each (1: the word itself). */
  credits: ReadonlyMap<string, ReadonlyArray<readonly [word: number, credit: number]>>;
  mean: Float32Array;
}

function normalise(v: Float32Array): Float32Array {
  let n = 0;
  for (let d = 0; d < DIMENSIONS; d++) n += v[d]! * v[d]!;
  n = Math.sqrt(n);
  if (n > 0) for (let d = 0; d < DIMENSIONS; d++) v[d] = v[d]! / n;
  return v;
}

function cosine(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let d = 0; d < DIMENSIONS; d++) s += a[d]! * b[d]!;
  return s;
}

/** Question words matched by meaning at most, the rarest first (see `question`). */
const MAX_SOFT_WORDS = 12;
/** Remembered question words (a bot sees the same words again and again). */
const CACHE_LIMIT = 20_000;

export class DenseSpace {
  /** Corpus term → row of `matrix`, for terms whose surface word has a vector. */
  private readonly rows = new Map<string, number>();
  private readonly terms: string[] = [];
  private readonly matrix: Float32Array;
  private readonly sentences = new WeakMap<Paragraph, DenseSentence[]>();
  private readonly similarCache = new Map<string, Map<string, number>>();

  /**
   * `surfaceOf`: corpus index term → its most frequent surface word; `idf`: the index's
   * sentence IDF; `rareIdf`: the IDF a question word the corpus lacks counts with.
   */
  constructor(
    private readonly vectors: WordVectors,
    surfaceOf: ReadonlyMap<string, string>,
    private readonly idf: (term: string) => number,
    private readonly rareIdf: number,
  ) {
    const matrix = new Float32Array(surfaceOf.size * DIMENSIONS);
    for (const [term, word] of surfaceOf) {
      if (!vectors.vectorInto(word, matrix, this.terms.length * DIMENSIONS)) continue;
      this.rows.set(term, this.terms.length);
      this.terms.push(term);
    }
    this.matrix = matrix.slice(0, this.terms.length * DIMENSIONS);
  }

  private termVector(term: string): Float32Array | null {
    const row = this.rows.get(term);
    return row === undefined ? null : this.matrix.subarray(row * DIMENSIONS, (row + 1) * DIMENSIONS);
  }

  private meanOf(terms: ReadonlyArray<{ v: Float32Array | null; idf: number }>): Float32Array {
    const out = new Float32Array(DIMENSIONS);
    for (const { v, idf } of terms) if (v) for (let d = 0; d < DIMENSIONS; d++) out[d] = out[d]! + idf * v[d]!;
    return normalise(out);
  }

  /** Corpus terms at cosine above SOFT_FLOOR from a question word, with their credit (0–1). One scan of the vocabulary, remembered. */
  private similar(word: string): Map<string, number> {
    let out = this.similarCache.get(word);
    if (out) return out;
    out = new Map();
    const v = this.vectors.vector(word);
    if (v) {
      for (let row = 0, offset = 0; row < this.terms.length; row++, offset += DIMENSIONS) {
        const s = dot(v, this.matrix, offset);
        if (s > SOFT_FLOOR) out.set(this.terms[row]!, Math.min(1, (s - SOFT_FLOOR) / (1 - SOFT_FLOOR)));
      }
    }
    if (this.similarCache.size < CACHE_LIMIT) this.similarCache.set(word, out);
    return out;
  }

  /** `surfaces`: each index term of the question with the word typed for it. */
  question(surfaces: ReadonlyMap<string, string>, known: (term: string) => boolean): DenseQuestion {
    const idf = new Float64Array(surfaces.size);
    const credits = new Map<string, Array<readonly [number, number]>>();
    const forMean: Array<{ v: Float32Array | null; idf: number }> = [];
    const credit = (term: string, word: number, c: number) => {
      const list = credits.get(term);
      if (!list) credits.set(term, [[word, c]]);
      else {
        const at = list.findIndex(([w]) => w === word);
        if (at < 0) list.push([word, c]);
        else if (list[at]![1] < c) list[at] = [word, c];
      }
    };
    let totalIdf = 0;
    let i = 0;
    // The rarest MAX_SOFT_WORDS words are matched by meaning (one scan of the vocabulary each,
    // the cost of a long question), the others by their letters only.
    const rarity = (term: string) => (known(term) ? this.idf(term) : this.rareIdf);
    const soft = new Set(
      [...surfaces]
        .sort((a, b) => rarity(b[0]) - rarity(a[0]))
        .slice(0, MAX_SOFT_WORDS)
        .map(([t]) => t),
    );
    for (const [term, surface] of surfaces) {
      idf[i] = rarity(term);
      totalIdf += idf[i]!;
      if (soft.has(term)) for (const [t, c] of this.similar(surface)) credit(t, i, c);
      credit(term, i, 1);
      forMean.push({ v: this.vectors.vector(surface), idf: idf[i]! });
      i++;
    }
    return { idf, totalIdf, credits, mean: this.meanOf(forMean) };
  }

  private analysed(paragraph: Paragraph): DenseSentence[] {
    let out = this.sentences.get(paragraph);
    if (!out) {
      out = analyzePassage(paragraph).sentences.map((s) => ({
        terms: s.sequence,
        mean: this.meanOf(s.sequence.map((t) => ({ v: this.termVector(t), idf: this.idf(t) }))),
      }));
      this.sentences.set(paragraph, out);
    }
    return out;
  }

  /** The paragraph's best sentence by the dense score: its index, soft coverage and score (soft coverage + mean cosine). */
  score(paragraph: Paragraph, q: DenseQuestion): { sentence: number; soft: number; score: number } {
    let best = { sentence: 0, soft: 0, score: -Infinity };
    if (q.totalIdf <= 0) return { ...best, score: 0 };
    const sentences = this.analysed(paragraph);
    const found = new Float64Array(q.idf.length);
    for (let i = 0; i < sentences.length; i++) {
      const s = sentences[i]!;
      found.fill(0);
      for (let k = 0; k < s.terms.length; k++) {
        const list = q.credits.get(s.terms[k]!);
        if (list) for (let j = 0; j < list.length; j++) if (list[j]![1] > found[list[j]![0]]!) found[list[j]![0]] = list[j]![1];
      }
      let sum = 0;
      for (let w = 0; w < found.length; w++) sum += q.idf[w]! * found[w]!;
      const soft = sum / q.totalIdf;
      const score = soft + cosine(q.mean, s.mean);
      if (score > best.score) best = { sentence: i, soft, score };
    }
    return best;
  }
}
