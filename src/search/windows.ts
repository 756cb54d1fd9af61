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
 * The best window's score: for each query term present, its weight (the expansion's weight
 * × the term's IDF, from `weights`) × BM25+'s saturated
 * term frequency, summed over the window's text and its section title (a field of its
 * own, as in the paragraph index); times the number of query terms present, as MiniSearch
 * does, so a window that holds more of the question wins over one that repeats one word.
 */
export function bestWindowScore(passage: AnalyzedPassage, weights: ReadonlyMap<string, number>, stats: WindowStatistics): number {
  const { sentences, sectionTerms } = passage;
  let sectionScore = 0;
  const inSection: string[] = [];
  for (const t of sectionTerms) {
    const w = weights.get(t);
    if (w === undefined) continue;
    inSection.push(t);
    sectionScore += stats.sectionBoost * w * saturate(1, sectionTerms.size, stats.averageSectionLength);
  }
  // Each sentence's query-term counts, once: every sentence sits in WINDOW_SENTENCES windows.
  const counts = sentences.map((x) => {
    let m: Map<string, number> | null = null;
    for (const t of x.sequence) if (weights.has(t)) (m ??= new Map()).set(t, (m.get(t) ?? 0) + 1);
    return m;
  });
  const starts = Math.max(1, sentences.length - WINDOW_SENTENCES + 1);
  let best = sectionScore * inSection.length;
  const tf = new Map<string, number>();
  for (let i = 0; i < starts; i++) {
    tf.clear();
    let length = 0;
    for (let k = i; k < Math.min(sentences.length, i + WINDOW_SENTENCES); k++) {
      length += sentences[k]!.sequence.length;
      for (const [t, c] of counts[k] ?? []) tf.set(t, (tf.get(t) ?? 0) + c);
    }
    if (tf.size === 0) continue;
    let score = sectionScore;
    for (const [t, f] of tf) score += weights.get(t)! * saturate(f, length, stats.averageLength);
    let matched = tf.size;
    for (const t of inSection) if (!tf.has(t)) matched++;
    best = Math.max(best, score * matched);
  }
  return best;
}
