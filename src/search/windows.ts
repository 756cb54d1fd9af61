import type { AnalyzedPassage } from './rank.js';

/**
 * BM25+ over runs of WINDOW_SENTENCES sentences, scored for the re-ranker's candidates only.
 *
 * BM25 over short windows finds the place in a long paragraph where the question is
 * answered, without the length bias of paragraph BM25. These scores used to come from a
 * second MiniSearch index over every window; but a query then scored every window in the
 * corpus holding any query word (tens of thousands at ×100 the corpus, ~70 % of query
 * time), to keep the best window of 40 paragraphs. Scoring those 40 paragraphs' windows
 * directly from their analysed sentences is the same evidence for a fixed, small cost.
 *
 * IDF comes from the sentence statistics the index keeps anyway (a window is two
 * sentences); the length norm is the window's length against the corpus average.
 */

export const WINDOW_SENTENCES = 2;

/** Windows in a paragraph of `sentences` sentences (one, however short it is). */
export function windowCount(sentences: number): number {
  return Math.max(1, sentences - WINDOW_SENTENCES + 1);
}

/** MiniSearch's BM25+ defaults (Lv & Zhai 2011), so window and paragraph scores read alike. */
const BM25 = { k: 1.2, b: 0.7, d: 0.5 } as const;

export interface WindowStatistics {
  /** Average number of index terms in a window. */
  averageLength: number;
  /** Average number of distinct index terms in a section title. */
  averageSectionLength: number;
  /** Weight of a match in the section title against one in the text. */
  sectionBoost: number;
}

function saturate(tf: number, length: number, averageLength: number): number {
  const norm = BM25.k * (1 - BM25.b + (BM25.b * length) / Math.max(1, averageLength));
  return BM25.d + (tf * (BM25.k + 1)) / (tf + norm);
}

/**
 * The query's weighted terms, numbered, with scratch space for counting them: window scoring
 * runs for up to POOL paragraphs per question, so it counts in reused typed arrays rather
 * than in maps (garbage collection shows in the 99th percentile).
 */
export class WindowQuery {
  private readonly slots = new Map<string, number>();
  private readonly weights: Float64Array;
  private readonly tf: Int32Array;
  private readonly inSection: Uint8Array;
  private readonly touched: Int32Array;
  /** Matched slots of the passage's sentences, one after another (grown as needed). */
  private matches = new Int32Array(256);
  private sentenceEnds = new Int32Array(32);

  /** `weights`: each term's weight, the expansion's weight × the term's IDF. */
  constructor(weights: ReadonlyMap<string, number>) {
    this.weights = new Float64Array(weights.size);
    for (const [t, w] of weights) {
      this.weights[this.slots.size] = w;
      this.slots.set(t, this.slots.size);
    }
    this.tf = new Int32Array(weights.size);
    this.inSection = new Uint8Array(weights.size);
    this.touched = new Int32Array(weights.size);
  }

  /**
   * The best window's score: for each query term present, its weight × BM25+'s saturated
   * term frequency, summed over the window's text and its section title (a field of its
   * own, as in the paragraph index); times the number of query terms present, as MiniSearch
   * does, so a window that holds more of the question wins over one that repeats one word.
   */
  bestWindowScore(passage: AnalyzedPassage, stats: WindowStatistics): number {
    const { sentences, sectionTerms } = passage;
    const { slots, weights, tf, inSection, touched } = this;
    let sectionScore = 0;
    let sectionCount = 0;
    for (const t of sectionTerms) {
      const slot = slots.get(t);
      if (slot === undefined) continue;
      inSection[slot] = 1;
      sectionCount++;
      sectionScore += stats.sectionBoost * weights[slot]! * saturate(1, sectionTerms.size, stats.averageSectionLength);
    }
    // Each sentence's matched slots, once: every sentence sits in WINDOW_SENTENCES windows.
    let total = 0;
    for (const x of sentences) total += x.sequence.length;
    if (this.matches.length < total) this.matches = new Int32Array(total * 2);
    if (this.sentenceEnds.length < sentences.length) this.sentenceEnds = new Int32Array(sentences.length * 2);
    const { matches, sentenceEnds } = this;
    let end = 0;
    for (let k = 0; k < sentences.length; k++) {
      const sequence = sentences[k]!.sequence;
      for (let j = 0; j < sequence.length; j++) {
        const slot = slots.get(sequence[j]!);
        if (slot !== undefined) matches[end++] = slot;
      }
      sentenceEnds[k] = end;
    }

    const starts = windowCount(sentences.length);
    let best = sectionScore * sectionCount;
    for (let i = 0; i < starts; i++) {
      const last = Math.min(sentences.length, i + WINDOW_SENTENCES);
      let length = 0;
      for (let k = i; k < last; k++) length += sentences[k]!.sequence.length;
      let distinct = 0;
      for (let m = i === 0 ? 0 : sentenceEnds[i - 1]!; m < sentenceEnds[last - 1]!; m++) {
        const slot = matches[m]!;
        if (tf[slot] === 0) touched[distinct++] = slot;
        tf[slot] = tf[slot]! + 1;
      }
      if (distinct === 0) continue;
      let score = sectionScore;
      let both = 0;
      for (let j = 0; j < distinct; j++) {
        const slot = touched[j]!;
        score += weights[slot]! * saturate(tf[slot]!, length, stats.averageLength);
        both += inSection[slot]!;
        tf[slot] = 0;
      }
      best = Math.max(best, score * (distinct + sectionCount - both));
    }
    inSection.fill(0);
    return best;
  }
}
