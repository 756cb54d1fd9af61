import path from 'node:path';
import { REPO_ROOT } from '../paths.js';
import { placeTerms, STOP_WORDS } from './analyzer.js';
import { DIMENSIONS, dot, loadWordVectors, type WordVectors } from './vectors.js';

/**
 * Meaning, not only letters: question words linked to corpus terms of close meaning by word
 * vectors ("strongman" → authoritarian, "envoy" → diplomat, "tongue" → language).
 *
 * Each corpus term is represented by the vector of its most frequent surface word; a
 * question word's neighbours are the corpus terms whose cosine is at least MIN_SIMILARITY,
 * the NEIGHBOURS closest. They join the word's term group as down-weighted variants
 * (weight SEMANTIC_BOOST × how far above the threshold, along SEMANTIC_CURVE), so they take part in choosing the
 * pool, in window BM25 and in the re-ranker's coverage — soft matching — always below the
 * word typed and below the curated expansions. Rarity comes with the term's IDF, which the
 * group weight multiplies.
 */

/** Below this cosine two words are related at best loosely (news-trained vectors: "china"–"superpower" 0.23). */
export const MIN_SIMILARITY = 0.55;
export const NEIGHBOURS = 4;
/** Weight of a neighbour at cosine 1; falls to 0 at MIN_SIMILARITY, along SEMANTIC_CURVE. */
export const SEMANTIC_BOOST = 0.4;
/**
 * A neighbour's weight is SEMANTIC_BOOST × (how far above MIN_SIMILARITY, 0–1) to this
 * power. Linear (1), a neighbour a little above the threshold ("strongman" → autocrat,
 * 0.03) counted for nothing; the square root (0.5) lets it count a little (0.1). Measured:
 * dev2 hit@1 0.633 → 0.667, the styled set's hit@3 0.904 → 0.923, four ranks better and none
 * worse across the dev, project, material and PDF sets; 0.25 cost the project sets.
 */
export const SEMANTIC_CURVE = 0.5;
/**
 * Place names are linked by the curated table (expansions.ts); by vectors they are only
 * linked to other places of the region (Kazakhstan → Turkmenistan), which is wrong.
 */
const PLACE_TERMS = placeTerms();
/** The most frequent English words (by the vectors' rank) are nearly function words: "indeed", "even", "need". */
const COMMON_RANK = 400;
/** Question words whose neighbours are remembered (a bot sees the same words again and again). */
const CACHE_LIMIT = 20_000;

export interface SemanticNeighbour {
  term: string;
  similarity: number;
  weight: number;
}

export class SemanticSpace {
  private readonly terms: string[] = [];
  private readonly matrix: Float32Array;
  private readonly cache = new Map<string, SemanticNeighbour[]>();

  /** `surfaceOf`: corpus index term → its most frequent surface word. */
  constructor(
    readonly vectors: WordVectors,
    surfaceOf: ReadonlyMap<string, string>,
  ) {
    const rows: Float32Array[] = [];
    for (const [term, word] of surfaceOf) {
      // Names of numbers and stop words never stand for a question word's meaning.
      if (term.length < 3 || /\d/.test(term) || STOP_WORDS.has(word) || PLACE_TERMS.has(term)) continue;
      if ((vectors.rank(word) ?? 0) < COMMON_RANK) continue;
      const v = vectors.vector(word);
      if (!v) continue;
      this.terms.push(term);
      rows.push(v);
    }
    this.matrix = new Float32Array(rows.length * DIMENSIONS);
    rows.forEach((v, i) => this.matrix.set(v, i * DIMENSIONS));
  }

  get size(): number {
    return this.terms.length;
  }

  /** Corpus terms close in meaning to `word` (a surface word, lower case), closest first. */
  neighbours(word: string): SemanticNeighbour[] {
    const cached = this.cache.get(word);
    if (cached) return cached;
    const v = (this.vectors.rank(word) ?? 0) < COMMON_RANK ? null : this.vectors.vector(word);
    const out: SemanticNeighbour[] = [];
    if (v) {
      const best: Array<{ row: number; s: number }> = [];
      for (let row = 0, offset = 0; row < this.terms.length; row++, offset += DIMENSIONS) {
        const s = dot(v, this.matrix, offset);
        if (s < MIN_SIMILARITY) continue;
        if (best.length < NEIGHBOURS + 1 || s > best[best.length - 1]!.s) {
          best.push({ row, s });
          best.sort((a, b) => b.s - a.s);
          if (best.length > NEIGHBOURS + 1) best.pop();
        }
      }
      for (const { row, s } of best) {
        // The word itself (cosine ≈ 1) is matched by its letters already.
        if (s > 0.97) continue;
        out.push({ term: this.terms[row]!, similarity: s, weight: SEMANTIC_BOOST * ((s - MIN_SIMILARITY) / (1 - MIN_SIMILARITY)) ** SEMANTIC_CURVE });
      }
      out.splice(NEIGHBOURS);
    }
    if (this.cache.size < CACHE_LIMIT) this.cache.set(word, out);
    return out;
  }
}

let shared: WordVectors | null | undefined;

/**
 * The process's word vectors, loaded once: from INDEX_CACHE_DIR (or `.cache/`), cut from
 * the package and saved there on first use. Null when the package is missing or
 * STEPPE_VECTORS=off (search on words alone, as before).
 */
export function sharedWordVectors(): WordVectors | null {
  if (shared !== undefined) return shared;
  if (process.env.STEPPE_VECTORS === 'off') return (shared = null);
  const dir = process.env.INDEX_CACHE_DIR;
  const checkoutCache = path.join(REPO_ROOT, '.cache');
  const cacheDir = dir === 'off' ? null : dir ? path.resolve(dir) : checkoutCache;
  try {
    shared = loadWordVectors(cacheDir, [checkoutCache]);
  } catch {
    shared = null;
  }
  return shared;
}
