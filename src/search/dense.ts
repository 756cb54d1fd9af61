import type { Paragraph } from '../corpus/types.js';
import { analyzePassage } from './rank.js';
import { DIMENSIONS, type WordVectors } from './vectors.js';
import { TermIds, withRoomFor } from './windows.js';

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

/**
 * A paragraph's sentences for the dense score: their terms as numbers (the index's passage
 * sequence, sentence k from ends[k − 1] to ends[k]) and each one's IDF-weighted mean of the
 * terms' unit vectors, unit length (zero when none has a vector), sentence k at k × DIMENSIONS.
 * One array of means a paragraph, not an object and an array a sentence.
 */
interface DenseSentences {
  terms: Int32Array;
  ends: Int32Array;
  means: Float32Array;
}

export interface DenseQuestion {
  /** Each question word's IDF. */
  idf: Float64Array;
  totalIdf: number;
  /** Corpus terms (by number) → the question words they stand for, with their credit for each (1: the word itself). */
  credits: Credits;
  mean: Float32Array;
}

/**
 * Each (term number, question word, credit) the question gives, grouped by term: a term's
 * run of (word, credit) is `words`/`values` from `from[r]` to `to[r]` for `terms[r]`. A word
 * may be credited twice for one term: a sentence counts its best credit either way.
 */
export interface Credits {
  terms: Int32Array;
  from: Int32Array;
  to: Int32Array;
  words: Int32Array;
  values: Float64Array;
  /** Question terms with no number yet (no passage analysed had them), with their word: looked up again when passages bring new terms. */
  pending: Array<readonly [term: string, word: number]>;
  /** TermIds' size when `pending` was last looked up. */
  seenSize: number;
  /** The generation the credits were last installed with (see `install`). */
  generation: number;
  /** Scratch: each question word's best credit in a sentence. */
  found: Float64Array;
}

function normalise(v: Float32Array): Float32Array {
  let n = 0;
  for (let d = 0; d < DIMENSIONS; d++) n += v[d]! * v[d]!;
  n = Math.sqrt(n);
  if (n > 0) for (let d = 0; d < DIMENSIONS; d++) v[d] = v[d]! / n;
  return v;
}

/** The dot product of `a` and the vector of `b` at `offset` (unit vectors: their cosine). */
function cosine(a: Float32Array, b: Float32Array, offset: number): number {
  let s = 0;
  for (let d = 0; d < DIMENSIONS; d++) s += a[d]! * b[offset + d]!;
  return s;
}

/** Where the vocabulary scan of `similar` checks whether a row can still reach SOFT_FLOOR. */
const CHECKPOINTS = [50, 60, 70, 80, 90] as const;
/** Far above the rounding of a bound summed in doubles from float32 values: no row above the floor is ever skipped. */
const BOUND_SLACK = 1e-9;

/** For each of `rows` vectors of DIMENSIONS in `m`: its norm past each checkpoint. */
function tailNorms(m: Float32Array, rows: number): Float64Array {
  const out = new Float64Array(rows * CHECKPOINTS.length);
  for (let row = 0; row < rows; row++) {
    for (let c = 0; c < CHECKPOINTS.length; c++) {
      let n = 0;
      for (let d = CHECKPOINTS[c]!; d < DIMENSIONS; d++) n += m[row * DIMENSIONS + d]! * m[row * DIMENSIONS + d]!;
      out[row * CHECKPOINTS.length + c] = Math.sqrt(n);
    }
  }
  return out;
}

/** Paragraphs whose dense sentences are kept (~4 KB each at 10 sentences): every pool of a question on a ×100 corpus many times over. */
const DENSE_PARAGRAPHS = 8192;

/** Question words matched by meaning at most, the rarest first (see `question`). */
const MAX_SOFT_WORDS = 12;
/** Remembered question words (a bot sees the same words again and again), and their near terms over all of them (12 bytes each). */
const CACHE_LIMIT = 20_000;
const CACHE_ENTRIES = 500_000;

export class DenseSpace {
  /** Corpus term → row of `matrix`, for terms whose surface word has a vector. */
  private readonly rows = new Map<string, number>();
  private readonly terms: string[] = [];
  private readonly matrix: Float32Array;
  /**
   * Paragraphs' dense sentences, the most recently scored last: at most DENSE_PARAGRAPHS (the
   * means are 400 bytes a sentence; a long-running bot on a large corpus would come to hold
   * them for every paragraph ever in a pool). A paragraph dropped is made again when needed.
   */
  private readonly sentences = new Map<Paragraph, DenseSentences>();
  /** Each row's term number. */
  private readonly rowIds: Int32Array;
  private readonly similarCache = new Map<string, { ids: Int32Array; values: Float64Array }>();
  private similarEntries = 0;

  /**
   * `surfaceOf`: corpus index term → its most frequent surface word; `idf`: the index's
   * sentence IDF; `rareIdf`: the IDF a question word the corpus lacks counts with.
   */
  constructor(
    private readonly vectors: WordVectors,
    surfaceOf: ReadonlyMap<string, string>,
    private readonly idf: (term: string) => number,
    private readonly rareIdf: number,
    /** The index's term numbers (shared with window scoring). */
    private readonly ids: TermIds = new TermIds(),
  ) {
    const matrix = new Float32Array(surfaceOf.size * DIMENSIONS);
    for (const [term, word] of surfaceOf) {
      if (!vectors.vectorInto(word, matrix, this.terms.length * DIMENSIONS)) continue;
      this.rows.set(term, this.terms.length);
      this.terms.push(term);
    }
    this.matrix = matrix.slice(0, this.terms.length * DIMENSIONS);
    this.rowIds = Int32Array.from(this.terms, (t) => ids.id(t));
    this.tails = tailNorms(this.matrix, this.terms.length);
  }

  /** Each row's norm past each checkpoint (see `similar`), row by row. */
  private readonly tails: Float64Array;

  private meanOf(terms: ReadonlyArray<{ v: Float32Array | null; idf: number }>): Float32Array {
    const out = new Float32Array(DIMENSIONS);
    for (const { v, idf } of terms) if (v) for (let d = 0; d < DIMENSIONS; d++) out[d] = out[d]! + idf * v[d]!;
    return normalise(out);
  }

  /** Corpus terms (by number) at cosine above SOFT_FLOOR from a question word, with their credit (0–1). One scan of the vocabulary, remembered. */
  private similar(word: string): { ids: Int32Array; values: Float64Array } {
    let out = this.similarCache.get(word);
    if (out) return out;
    const ids: number[] = [];
    const values: number[] = [];
    const v = this.vectors.vector(word);
    if (v) {
      // The dot product summed in the order `dot` sums it (the same value to the bit), with a
      // stop at each checkpoint once the rest cannot lift it above SOFT_FLOOR (Cauchy–Schwarz:
      // the rest is at most the product of the two vectors' norms past the checkpoint). Most
      // rows are far from the word: the scan of the vocabulary, a new word's cost, is shorter.
      const own = tailNorms(v, 1);
      const { matrix, tails } = this;
      const rows = this.terms.length;
      for (let row = 0, offset = 0; row < rows; row++, offset += DIMENSIONS) {
        let s = 0;
        let d = 0;
        let c = 0;
        for (; c < CHECKPOINTS.length; c++) {
          for (const stop = CHECKPOINTS[c]!; d < stop; d++) s += v[d]! * matrix[offset + d]!;
          if (s + own[c]! * tails[row * CHECKPOINTS.length + c]! + BOUND_SLACK <= SOFT_FLOOR) break;
        }
        if (c < CHECKPOINTS.length) continue;
        for (; d < DIMENSIONS; d++) s += v[d]! * matrix[offset + d]!;
        if (s > SOFT_FLOOR) {
          ids.push(this.rowIds[row]!);
          values.push(Math.min(1, (s - SOFT_FLOOR) / (1 - SOFT_FLOOR)));
        }
      }
    }
    out = { ids: Int32Array.from(ids), values: Float64Array.from(values) };
    if (this.similarCache.size < CACHE_LIMIT && this.similarEntries + ids.length <= CACHE_ENTRIES) {
      this.similarCache.set(word, out);
      this.similarEntries += ids.length;
    }
    return out;
  }

  /** `surfaces`: each index term of the question with the word typed for it. */
  question(surfaces: ReadonlyMap<string, string>, known: (term: string) => boolean): DenseQuestion {
    const idf = new Float64Array(surfaces.size);
    this.entries = 0;
    const pending: Array<readonly [string, number]> = [];
    const forMean: Array<{ v: Float32Array | null; idf: number }> = [];
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
      if (soft.has(term)) {
        const near = this.similar(surface);
        for (let j = 0; j < near.ids.length; j++) this.entry(near.ids[j]!, i, near.values[j]!);
      }
      const id = this.ids.lookup(term);
      if (id === undefined) pending.push([term, i]);
      else this.entry(id, i, 1);
      forMean.push({ v: this.vectors.vector(surface), idf: idf[i]! });
      i++;
    }
    const credits: Credits = { ...this.group(), pending, seenSize: this.ids.size, found: new Float64Array(surfaces.size) };
    return { idf, totalIdf, credits, mean: this.meanOf(forMean) };
  }

  private analysed(paragraph: Paragraph): DenseSentences {
    let out = this.sentences.get(paragraph);
    if (out) {
      // The most recently used last (a Map keeps insertion order): the first is the one to drop.
      this.sentences.delete(paragraph);
    } else {
      const passage = analyzePassage(paragraph);
      const { sequence, ends } = this.ids.passage(passage);
      const means = new Float32Array(passage.sentences.length * DIMENSIONS);
      const { matrix } = this;
      passage.sentences.forEach((s, k) => {
        // meanOf's sums, in its order, read from the matrix in place (no view and no object a term).
        const at = k * DIMENSIONS;
        for (const t of s.sequence) {
          const row = this.rows.get(t);
          if (row === undefined) continue;
          const idf = this.idf(t);
          for (let d = 0, from = row * DIMENSIONS; d < DIMENSIONS; d++) means[at + d] = means[at + d]! + idf * matrix[from + d]!;
        }
        normalise(means.subarray(at, at + DIMENSIONS));
      });
      out = { terms: sequence, ends, means };
      if (this.sentences.size >= DENSE_PARAGRAPHS) this.sentences.delete(this.sentences.keys().next().value!);
    }
    this.sentences.set(paragraph, out);
    return out;
  }

  /** Per term number, for the question installed: its run of credits, and which question's they are. */
  private runFrom = new Int32Array(1024);
  private runTo = new Int32Array(1024);
  private stamp = new Int32Array(1024);

  /** A question's (term number, word, credit) entries before grouping (reused scratch, grown as needed). */
  private entryIds = new Int32Array(1024);
  private entryWords = new Int32Array(1024);
  private entryValues = new Float64Array(1024);
  private entries = 0;

  private entry(id: number, word: number, value: number): void {
    if (this.entries === this.entryIds.length) {
      const n = this.entries * 2;
      const ids = new Int32Array(n);
      ids.set(this.entryIds);
      const words = new Int32Array(n);
      words.set(this.entryWords);
      const values = new Float64Array(n);
      values.set(this.entryValues);
      [this.entryIds, this.entryWords, this.entryValues] = [ids, words, values];
    }
    this.entryIds[this.entries] = id;
    this.entryWords[this.entries] = word;
    this.entryValues[this.entries++] = value;
  }

  /** Room in the per-term arrays for every term number given so far. */
  private fit(): void {
    const size = this.ids.size;
    this.runFrom = withRoomFor(this.runFrom, size);
    this.runTo = withRoomFor(this.runTo, size);
    this.stamp = withRoomFor(this.stamp, size);
  }

  /**
   * The entries grouped by term number (a counting sort in the per-term arrays), which leaves
   * them installed there for the question (see `install`).
   */
  private group(): Pick<Credits, 'terms' | 'from' | 'to' | 'words' | 'values' | 'generation'> {
    this.fit();
    const generation = ++this.ids.generation;
    const { stamp, runFrom, runTo } = this;
    const n = this.entries;
    const { entryIds, entryWords, entryValues } = this;
    const terms: number[] = [];
    for (let k = 0; k < n; k++) {
      const id = entryIds[k]!;
      if (stamp[id] !== generation) {
        stamp[id] = generation;
        runTo[id] = 0;
        terms.push(id);
      }
      runTo[id] = runTo[id]! + 1;
    }
    const from = new Int32Array(terms.length);
    const to = new Int32Array(terms.length);
    let at = 0;
    for (let r = 0; r < terms.length; r++) {
      const id = terms[r]!;
      from[r] = at;
      runFrom[id] = at;
      at += runTo[id]!;
      runTo[id] = from[r]!;
    }
    const words = new Int32Array(n);
    const values = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      const id = entryIds[k]!;
      const pos = runTo[id]!;
      runTo[id] = pos + 1;
      words[pos] = entryWords[k]!;
      values[pos] = entryValues[k]!;
    }
    for (let r = 0; r < terms.length; r++) to[r] = runTo[terms[r]!]!;
    return { terms: Int32Array.from(terms), from, to, words, values, generation };
  }

  /** The question's credits in the per-term arrays (grouped again when passages have brought a term it credits). */
  private install(q: DenseQuestion): Credits {
    const c = q.credits;
    if (c.pending.length && c.seenSize !== this.ids.size) {
      c.seenSize = this.ids.size;
      const still = c.pending.filter(([term]) => this.ids.lookup(term) === undefined);
      if (still.length < c.pending.length) {
        // The entries again: those grouped, and the newly numbered terms' own words.
        this.entries = 0;
        for (let r = 0; r < c.terms.length; r++) for (let j = c.from[r]!; j < c.to[r]!; j++) this.entry(c.terms[r]!, c.words[j]!, c.values[j]!);
        for (const [term, word] of c.pending) {
          const id = this.ids.lookup(term);
          if (id !== undefined) this.entry(id, word, 1);
        }
        Object.assign(c, this.group());
        c.pending = still;
      }
    }
    this.fit();
    if (c.generation !== this.ids.generation) {
      c.generation = ++this.ids.generation;
      for (let r = 0; r < c.terms.length; r++) {
        const id = c.terms[r]!;
        this.stamp[id] = c.generation;
        this.runFrom[id] = c.from[r]!;
        this.runTo[id] = c.to[r]!;
      }
    }
    return c;
  }

  /** The paragraph's best sentence by the dense score: its index, soft coverage and score (soft coverage + mean cosine). */
  score(paragraph: Paragraph, q: DenseQuestion): { sentence: number; soft: number; score: number } {
    if (q.totalIdf <= 0) return { sentence: 0, soft: 0, score: 0 };
    const sentences = this.analysed(paragraph);
    const c = this.install(q);
    const { stamp, runFrom, runTo } = this;
    const { generation, words, values: credits, found } = c;
    const idf = q.idf;
    let bestSentence = 0;
    let bestSoft = 0;
    let bestScore = -Infinity;
    const { terms, ends, means } = sentences;
    for (let i = 0; i < ends.length; i++) {
      found.fill(0);
      for (let k = i === 0 ? 0 : ends[i - 1]!; k < ends[i]!; k++) {
        const id = terms[k]!;
        if (stamp[id] !== generation) continue;
        for (let j = runFrom[id]!, end = runTo[id]!; j < end; j++) if (credits[j]! > found[words[j]!]!) found[words[j]!] = credits[j]!;
      }
      let sum = 0;
      for (let w = 0; w < found.length; w++) sum += idf[w]! * found[w]!;
      const soft = sum / q.totalIdf;
      const score = soft + cosine(q.mean, means, i * DIMENSIONS);
      if (score > bestScore) {
        bestSentence = i;
        bestSoft = soft;
        bestScore = score;
      }
    }
    return { sentence: bestSentence, soft: bestSoft, score: bestScore };
  }
}
