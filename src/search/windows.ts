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

/** A passage's terms as numbers (see `TermIds`): every sentence's sequence one after another. */
export interface PassageIds {
  /** The sentences' sequences, concatenated. */
  sequence: Int32Array;
  /** Where each sentence's sequence ends in `sequence`. */
  ends: Int32Array;
  /** The section title's terms, in the set's order. */
  section: Int32Array;
}

/**
 * A number for every term of the analysed passages (and of the index's vocabulary, as
 * queries bring it): the windows and the dense signal count terms in typed arrays indexed by
 * them instead of looking each passage term up in a Map of the question's terms. Terms typed
 * in questions get no number (a bot's vocabulary must not grow with what people type): a
 * term no passage has cannot match one. `generation` lets each query install its terms in
 * the shared, stamped arrays without clearing them.
 */
export class TermIds {
  private readonly ids = new Map<string, number>();
  private readonly passages = new WeakMap<AnalyzedPassage, PassageIds>();
  /** Bumped for each query that installs its terms (see `WindowQuery`, dense.ts). */
  generation = 0;

  get size(): number {
    return this.ids.size;
  }

  /** The term's number, given now if it has none. */
  id(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) this.ids.set(term, (id = this.ids.size));
    return id;
  }

  /** The term's number, or undefined when no passage analysed so far (nor a query) has it. */
  lookup(term: string): number | undefined {
    return this.ids.get(term);
  }

  /** The passage's terms as numbers, made once. */
  passage(passage: AnalyzedPassage): PassageIds {
    let out = this.passages.get(passage);
    if (out) return out;
    let total = 0;
    for (const s of passage.sentences) total += s.sequence.length;
    const sequence = new Int32Array(total);
    const ends = new Int32Array(passage.sentences.length);
    let at = 0;
    passage.sentences.forEach((s, k) => {
      for (const t of s.sequence) sequence[at++] = this.id(t);
      ends[k] = at;
    });
    const section = new Int32Array(passage.sectionTerms.size);
    let j = 0;
    for (const t of passage.sectionTerms) section[j++] = this.id(t);
    out = { sequence, ends, section };
    this.passages.set(passage, out);
    return out;
  }
}

/**
 * A per-term array with room for `size` term numbers: the array itself when it has it, else
 * a copy doubled until it does (the per-term scratch of windows, rank and dense grows with TermIds).
 */
export function withRoomFor<T extends Int32Array<ArrayBufferLike>>(a: T, size: number): T | Int32Array<ArrayBuffer> {
  if (a.length >= size) return a;
  let n = Math.max(1, a.length);
  while (n < size) n *= 2;
  const b = new Int32Array(n);
  b.set(a);
  return b;
}

/** Per-term scratch shared by the queries of one TermIds: grown with it, stamped per query. */
class SlotTable {
  slot = new Int32Array(1024);
  stamp = new Int32Array(1024);

  /** Room for every number given so far. */
  fit(size: number): void {
    this.slot = withRoomFor(this.slot, size);
    this.stamp = withRoomFor(this.stamp, size);
  }
}

const slotTables = new WeakMap<TermIds, SlotTable>();

/**
 * The query's weighted terms, numbered, with scratch space for counting them: window scoring
 * runs for up to POOL paragraphs per question, so it counts in reused typed arrays rather
 * than in maps (garbage collection shows in the 99th percentile).
 */
export class WindowQuery {
  private readonly ids: TermIds;
  private readonly table: SlotTable;
  private generation = -1;
  /** Term number → slot, for each term of the query. */
  private readonly termIds: Int32Array;
  private readonly weights: Float64Array;
  private readonly tf: Int32Array;
  private readonly inSection: Uint8Array;
  private readonly touched: Int32Array;
  /** Matched slots of the passage's sentences, one after another (grown as needed). */
  private matches = new Int32Array(256);

  /** `weights`: each term's weight, the expansion's weight × the term's IDF. `ids`: the index's term numbers. */
  constructor(weights: ReadonlyMap<string, number>, ids: TermIds = new TermIds()) {
    this.ids = ids;
    let table = slotTables.get(ids);
    if (!table) slotTables.set(ids, (table = new SlotTable()));
    this.table = table;
    this.weights = new Float64Array(weights.size);
    this.termIds = new Int32Array(weights.size);
    let slot = 0;
    for (const [t, w] of weights) {
      this.weights[slot] = w;
      this.termIds[slot] = ids.id(t);
      slot++;
    }
    this.tf = new Int32Array(weights.size);
    this.inSection = new Uint8Array(weights.size);
    this.touched = new Int32Array(weights.size);
  }

  /** This query's terms in the shared slot table (again, when another query has used it since). */
  private install(): { slot: Int32Array; stamp: Int32Array; generation: number } {
    const table = this.table;
    table.fit(this.ids.size);
    if (this.generation !== this.ids.generation || this.generation < 0) {
      this.generation = ++this.ids.generation;
      for (let s = 0; s < this.termIds.length; s++) {
        table.slot[this.termIds[s]!] = s;
        table.stamp[this.termIds[s]!] = this.generation;
      }
    }
    return { slot: table.slot, stamp: table.stamp, generation: this.generation };
  }

  /**
   * The best window's score: for each query term present, its weight × BM25+'s saturated
   * term frequency, summed over the window's text and its section title (a field of its
   * own, as in the paragraph index); times the number of query terms present, as MiniSearch
   * does, so a window that holds more of the question wins over one that repeats one word.
   */
  bestWindowScore(passage: AnalyzedPassage, stats: WindowStatistics): number {
    const { sentences } = passage;
    const ids = this.ids.passage(passage);
    const { slot: slotOf, stamp, generation } = this.install();
    const { weights, tf, inSection, touched } = this;
    const sectionLength = passage.sectionTerms.size;
    let sectionScore = 0;
    let sectionCount = 0;
    for (let j = 0; j < ids.section.length; j++) {
      const id = ids.section[j]!;
      if (stamp[id] !== generation) continue;
      const slot = slotOf[id]!;
      inSection[slot] = 1;
      sectionCount++;
      sectionScore += stats.sectionBoost * weights[slot]! * saturate(1, sectionLength, stats.averageSectionLength);
    }
    // Each sentence's matched slots, once: every sentence sits in WINDOW_SENTENCES windows.
    const { sequence, ends } = ids;
    if (this.matches.length < sequence.length) this.matches = new Int32Array(sequence.length * 2);
    const matches = this.matches;
    const sentenceEnds = ends;
    // Matched slots up to each sentence's end: matchEnds[k] (reusing `ends`' indexing).
    const matchEnds = this.matchEnds(sentences.length);
    let end = 0;
    for (let k = 0, m = 0; k < sentences.length; k++) {
      for (const stop = sentenceEnds[k]!; m < stop; m++) {
        const id = sequence[m]!;
        if (stamp[id] === generation) matches[end++] = slotOf[id]!;
      }
      matchEnds[k] = end;
    }

    const starts = windowCount(sentences.length);
    let best = sectionScore * sectionCount;
    for (let i = 0; i < starts; i++) {
      const last = Math.min(sentences.length, i + WINDOW_SENTENCES);
      let length = 0;
      for (let k = i; k < last; k++) length += sentenceEnds[k]! - (k === 0 ? 0 : sentenceEnds[k - 1]!);
      let distinct = 0;
      for (let m = i === 0 ? 0 : matchEnds[i - 1]!; m < matchEnds[last - 1]!; m++) {
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

  private ends = new Int32Array(32);

  private matchEnds(n: number): Int32Array {
    if (this.ends.length < n) this.ends = new Int32Array(n * 2);
    return this.ends;
  }
}
