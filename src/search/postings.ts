import type MiniSearch from 'minisearch';

/**
 * MiniSearch's OR query over exact terms, the same numbers for a fraction of the work. A
 * question's terms are looked up exactly (fuzzy and prefix search are only for words the
 * corpus lacks, which still go through MiniSearch: see index.ts). For those, MiniSearch's
 * `search` spreads its options three times per term, keeps a Map entry, a terms array and a
 * match object per document and term, and takes a logarithm per posting; at ×1 that was the
 * whole "minisearch" stage of an /ask (~0.65 ms of CPU in the burst profile).
 *
 * Here each term's postings are read once from MiniSearch's own index and kept with their
 * BM25+ scores (which depend on the index alone); a query multiplies them by the term's
 * and the field's boost and sums them per document in typed arrays. Every score is made by
 * the same floating-point operations in the same order as MiniSearch's (per term: the fields
 * in order, each document in its postings order; then the terms in order), the results come
 * in the same order (the combined Map's: first appearance), with the same ties, and are
 * sorted by the same comparator: the hits are MiniSearch's, to the last bit
 * (test/search/postings.test.ts compares them). It reads MiniSearch's internals (pinned by
 * the lockfile), checked when made: anything unexpected, and the index is searched by
 * MiniSearch itself.
 */

/** A hit as the pool reads it (a subset of MiniSearch's SearchResult). */
export interface ExactHit {
  id: string;
  score: number;
  /** The query terms the paragraph holds (MiniSearch's `Object.keys(match)`, in that order). */
  terms: string[];
}

interface Bm25Params {
  k: number;
  b: number;
  d: number;
}

/** The parts of a MiniSearch instance read here (its own field names). */
interface Internals {
  _index: {
    get(term: string): Map<number, Map<number, number>> | undefined;
    atPrefix(prefix: string): Iterable<[string, unknown]>;
    fuzzyGet(term: string, maxDistance: number): Map<string, [unknown, number]>;
  };
  _fieldIds: Record<string, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _documentCount: number;
  _documentIds: Map<number, unknown>;
  _dirtCount: number;
  _options: {
    fields: string[];
    searchOptions: { bm25?: Bm25Params; boost?: Record<string, number>; fields?: string[]; boostDocument?: unknown; boostTerm?: unknown; maxFuzzy?: number; weights?: { fuzzy?: number; prefix?: number } };
  };
}

/** One term's postings: per entry its document (short id), field (index in field order) and BM25+ score. */
interface Postings {
  docs: Int32Array;
  fields: Uint8Array;
  raw: Float64Array;
}

/**
 * Hits by position: a list that a stable sort by descending score would put in MiniSearch's
 * order (ties keep their positions), read without making every hit an object.
 */
export interface HitList {
  readonly length: number;
  score(i: number): number;
  /** The query terms the hit holds, as `ExactHit.terms`. */
  terms(i: number): string[];
  hit(i: number): ExactHit;
  /** The exact terms searched (what `visitTerms` numbers). */
  readonly exactTerms: readonly string[];
  /**
   * The same terms as `terms(i)`, perhaps repeated, in another order, without an array: the
   * exact ones by their number in `exactTerms`, the others (the unknown words' matches) by name.
   */
  visitTerms(i: number, exact: (term: number) => void, other: (term: string) => void): void;
}

/** Hits already made (MiniSearch's own, sorted) as a list. */
export function hitList(hits: readonly ExactHit[]): HitList {
  return {
    length: hits.length,
    score: (i) => hits[i]!.score,
    terms: (i) => hits[i]!.terms,
    hit: (i) => hits[i]!,
    exactTerms: [],
    visitTerms: (i, _exact, other) => {
      for (const t of hits[i]!.terms) other(t);
    },
  };
}

/** MiniSearch's calcBM25Score, operation for operation. */
function bm25(termFreq: number, matchingCount: number, totalCount: number, fieldLength: number, avgFieldLength: number, params: Bm25Params): number {
  const { k, b, d } = params;
  const invDocFreq = Math.log(1 + (totalCount - matchingCount + 0.5) / (matchingCount + 0.5));
  return invDocFreq * (d + (termFreq * (k + 1)) / (termFreq + k * (1 - b + (b * fieldLength) / avgFieldLength)));
}

/** A canonical array index ("0", "2019"): such keys come first in `Object.keys`, in numeric order. */
const ARRAY_INDEX = /^(?:0|[1-9]\d*)$/;
const isArrayIndex = (key: string) => ARRAY_INDEX.test(key) && Number(key) < 4294967295;

/** Unknown words' fuzzy and prefix hits kept, the latest (hits over all words): ~60 bytes each. A word with more is not kept. */
const MAX_CACHED_HITS = 200_000;
/** Postings kept at most (entries over all terms): ~13 bytes each. */
const MAX_CACHED_ENTRIES = 2_000_000;

export class ExactSearch {
  private readonly index: Internals;
  private readonly fieldIds: number[];
  private readonly fieldBoosts: number[];
  private readonly bm25: Bm25Params;
  private readonly cache = new Map<string, Postings | null>();
  private cachedEntries = 0;
  /** Per document (short id): its score for the current term and in all, with stamps for which. */
  private termScore = new Float64Array(0);
  private termStamp = new Int32Array(0);
  private total = new Float64Array(0);
  private totalStamp = new Int32Array(0);
  private firstTerm = new Int32Array(0);
  private generation = 0;

  private constructor(private readonly miniSearch: MiniSearch<never>) {
    this.index = miniSearch as unknown as Internals;
    const options = this.index._options;
    const fields = options.searchOptions.fields ?? options.fields;
    this.fieldIds = fields.map((f) => this.index._fieldIds[f]!);
    // As executeQuerySpec makes them: getOwnProperty(options.boost, field) || 1.
    const boost = options.searchOptions.boost ?? {};
    this.fieldBoosts = fields.map((f) => (Object.hasOwn(boost, f) ? boost[f] : undefined) || 1);
    this.bm25 = options.searchOptions.bm25!;
  }

  /** The fast path for this index, or null when its internals are not as expected (MiniSearch then searches). */
  static of(search: MiniSearch<never>): ExactSearch | null {
    const x = search as unknown as Partial<Internals>;
    const ok =
      typeof x._index?.get === 'function' &&
      typeof x._fieldIds === 'object' &&
      x._fieldLength instanceof Map &&
      Array.isArray(x._avgFieldLength) &&
      typeof x._documentCount === 'number' &&
      x._documentIds instanceof Map &&
      Array.isArray(x._options?.fields) &&
      typeof x._options?.searchOptions?.bm25 === 'object' &&
      typeof (search as unknown as { executeQuery?: unknown }).executeQuery === 'function' &&
      x._options.searchOptions.boostDocument == null &&
      x._options.fields.every((f) => typeof x._fieldIds![f] === 'number');
    return ok ? new ExactSearch(search) : null;
  }

  /** The term's postings with their scores; undefined when a posting names a removed document (MiniSearch then searches, and cleans up). */
  private postings(term: string): Postings | null | undefined {
    if (this.cache.has(term)) return this.cache.get(term);
    const { _index, _fieldLength, _avgFieldLength, _documentCount, _documentIds } = this.index;
    const data = _index.get(term);
    let out: Postings | null = null;
    if (data) {
      let n = 0;
      for (const id of this.fieldIds) n += data.get(id)?.size ?? 0;
      out = { docs: new Int32Array(n), fields: new Uint8Array(n), raw: new Float64Array(n) };
      let at = 0;
      for (let f = 0; f < this.fieldIds.length; f++) {
        const fieldId = this.fieldIds[f]!;
        const freqs = data.get(fieldId);
        if (freqs == null) continue;
        const matching = freqs.size;
        const average = _avgFieldLength[fieldId]!;
        for (const [doc, termFreq] of freqs) {
          if (!_documentIds.has(doc)) return undefined;
          out.docs[at] = doc;
          out.fields[at] = f;
          out.raw[at++] = bm25(termFreq, matching, _documentCount, _fieldLength.get(doc)![fieldId]!, average, this.bm25);
        }
      }
    }
    const size = out?.docs.length ?? 0;
    if (this.cachedEntries + size > MAX_CACHED_ENTRIES) {
      this.cache.clear();
      this.cachedEntries = 0;
    }
    this.cache.set(term, out);
    this.cachedEntries += size;
    return out;
  }

  /** Unknown words' hits (fuzzy and prefix), remembered: bounded by their number of hits, as they are what people type. */
  private readonly unknownCache = new Map<string, Array<{ doc: number; score: number; keys: string[] }>>();
  private cachedHits = 0;

  /** MiniSearch's own hits for one word of the unknown words' subquery, before they are combined: document, score, match keys. */
  private unknownHits(word: string, fuzzy: number): Array<{ doc: number; score: number; keys: string[] }> {
    const key = `${fuzzy} ${word}`;
    let out = this.unknownCache.get(key);
    if (out) return out;
    out = this.derivedHits(word, fuzzy);
    if (!out) {
      const raw = (this.miniSearch as unknown as { executeQuery(q: string, o: object): Map<number, { score: number; match: object }> }).executeQuery(word, {
        combineWith: 'OR',
        fuzzy,
        prefix: true,
      });
      out = [...raw].map(([doc, r]) => ({ doc, score: r.score, keys: Object.keys(r.match) }));
    }
    if (out.length > MAX_CACHED_HITS / 10) return out;
    for (const [oldest, hits] of this.unknownCache) {
      if (this.cachedHits + out.length <= MAX_CACHED_HITS) break;
      this.unknownCache.delete(oldest);
      this.cachedHits -= hits.length;
    }
    this.unknownCache.set(key, out);
    this.cachedHits += out.length;
    return out;
  }

  /**
   * MiniSearch's `executeQuery(word, { combineWith: 'OR', fuzzy, prefix: true })` as `unknownHits`
   * reads it, from the postings kept here (`executeQuerySpec` and `termResults`, operation
   * for operation: the word itself, then its prefix matches in the tree's order, then its
   * fuzzy matches that are not prefix matches; per term the fields in order, each document in
   * its postings order). MiniSearch reads every matching term's postings and works out their
   * BM25 on every question: a short word the corpus lacks ("ub", "reckon") matches hundreds
   * of terms, most of a warm question's time at ×1000 the corpus. Undefined when it cannot be
   * done here (options this does not follow, a term named like an Object property); then
   * MiniSearch searches.
   */
  private derivedHits(word: string, fuzzy: number): Array<{ doc: number; score: number; keys: string[] }> | undefined {
    const options = this.index._options.searchOptions;
    if (options.boostTerm != null || typeof options.maxFuzzy !== 'number' || !(fuzzy > 0 && fuzzy < 1)) return undefined;
    const fuzzyWeight = options.weights?.fuzzy ?? 0.45;
    const prefixWeight = options.weights?.prefix ?? 0.375;
    const derived: Array<{ term: string; weight: number }> = [{ term: word, weight: 1 }];
    const maxDistance = Math.min(options.maxFuzzy, Math.round(word.length * fuzzy));
    const fuzzyMatches = maxDistance ? this.index._index.fuzzyGet(word, maxDistance) : undefined;
    for (const [term] of this.index._index.atPrefix(word)) {
      const distance = term.length - word.length;
      if (!distance) continue;
      fuzzyMatches?.delete(term);
      derived.push({ term, weight: (prefixWeight * term.length) / (term.length + 0.3 * distance) });
    }
    if (fuzzyMatches) {
      for (const [term, [, distance]] of fuzzyMatches) {
        if (!distance) continue;
        derived.push({ term, weight: (fuzzyWeight * term.length) / (term.length + distance) });
      }
    }
    const byDoc = new Map<number, { doc: number; score: number; keys: string[] }>();
    const out: Array<{ doc: number; score: number; keys: string[] }> = [];
    let anyIndex = false;
    const boosted = new Float64Array(this.fieldBoosts.length);
    for (const { term, weight } of derived) {
      // A term that Object.prototype has (a match object's key in MiniSearch): left to MiniSearch.
      if (term in Object.prototype) return undefined;
      const p = this.postings(term);
      if (p === undefined) return undefined;
      if (!p) continue;
      if (isArrayIndex(term)) anyIndex = true;
      // termResults' weightedScore: termWeight × termBoost (1) × fieldBoost × docBoost (1) × rawScore.
      for (let f = 0; f < boosted.length; f++) boosted[f] = weight * 1 * this.fieldBoosts[f]! * 1;
      const { docs, fields, raw } = p;
      for (let i = 0; i < docs.length; i++) {
        const doc = docs[i]!;
        const weighted = boosted[fields[i]!]! * raw[i]!;
        const e = byDoc.get(doc);
        if (!e) {
          const hit = { doc, score: weighted, keys: [term] };
          byDoc.set(doc, hit);
          out.push(hit);
        } else {
          e.score += weighted;
          if (e.keys[e.keys.length - 1] !== term) e.keys.push(term);
        }
      }
    }
    // Object.keys(match): canonical array indexes first, in numeric order, then the rest as inserted.
    if (anyIndex) for (const e of out) if (e.keys.some(isArrayIndex)) e.keys = [...e.keys.filter(isArrayIndex).sort((a, b) => Number(a) - Number(b)), ...e.keys.filter((n) => !isArrayIndex(n))];
    return out;
  }

  private fit(maxDoc: number): void {
    if (this.total.length > maxDoc) return;
    const n = Math.max(64, 2 * (maxDoc + 1));
    const grow = <T extends Float64Array | Int32Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.termScore = grow(this.termScore, (k) => new Float64Array(k));
    this.total = grow(this.total, (k) => new Float64Array(k));
    this.termStamp = grow(this.termStamp, (k) => new Int32Array(k));
    this.totalStamp = grow(this.totalStamp, (k) => new Int32Array(k));
    this.firstTerm = grow(this.firstTerm, (k) => new Int32Array(k));
  }

  /**
   * `miniSearch.search({ combineWith: 'OR', queries: [{ queries: terms, boostTerm }] }, { filter })`'s
   * hits (id, score, terms), or null when this index must be searched by MiniSearch (a term
   * it would split, or a removed document).
   */
  search(
    terms: readonly string[],
    boostTerm: (term: string) => number,
    filter?: (hit: { id: string }) => boolean,
    /** Words the corpus lacks, searched fuzzy and by prefix: a second subquery, `{ queries: unknown, fuzzy, prefix: true }`. */
    unknown: readonly string[] = [],
    fuzzy = 0,
  ): ExactHit[] | null {
    const list = this.searchList(terms, boostTerm, filter, unknown, fuzzy);
    if (!list) return null;
    const hits: ExactHit[] = [];
    for (let i = 0; i < list.length; i++) hits.push(list.hit(i));
    return hits.sort((a, b) => b.score - a.score);
  }

  /**
   * The same hits as `search`, not yet sorted (in MiniSearch's combined order, which a stable
   * sort by score keeps for ties) and not yet made into objects: at ×1000 the corpus a
   * question has tens of thousands of hits, of which the pool keeps about 120 (index.ts), and
   * an object and a terms array per hit, then sorting them all, were most of a warm question's
   * time and garbage.
   */
  searchList(
    terms: readonly string[],
    boostTerm: (term: string) => number,
    filter?: (hit: { id: string }) => boolean,
    unknown: readonly string[] = [],
    fuzzy = 0,
  ): HitList | null {
    if (this.index._dirtCount !== 0) return null;
    for (const t of [...terms, ...unknown]) if (t === '' || t.includes(' ')) return null;
    if (new Set(terms).size !== terms.length || new Set(unknown).size !== unknown.length) return null;
    // The unknown words' subquery, as MiniSearch folds it: each word's hits (remembered), in order.
    const loose = new Map<number, { score: number; keys: string[]; words: number }>();
    const looseOrder: number[] = [];
    for (const word of unknown) {
      const list = this.unknownHits(word, fuzzy);
      for (const h of list) {
        const e = loose.get(h.doc);
        if (!e) {
          loose.set(h.doc, { score: h.score, keys: [...h.keys], words: 1 });
          looseOrder.push(h.doc);
        } else {
          e.score = e.score + h.score;
          for (const k of h.keys) if (!e.keys.includes(k)) e.keys.push(k);
          e.words++;
        }
      }
    }
    const lists: Array<Postings | null> = [];
    let maxDoc = -1;
    for (const t of terms) {
      const p = this.postings(t);
      if (p === undefined) return null;
      lists.push(p);
      if (p) for (let i = 0; i < p.docs.length; i++) if (p.docs[i]! > maxDoc) maxDoc = p.docs[i]!;
    }
    this.fit(maxDoc);
    const { termScore, termStamp, total, totalStamp, firstTerm, fieldBoosts } = this;
    const queryGeneration = ++this.generation;
    /** Documents in the combined Map's order (first appearance), and the terms each matched (in term order). */
    const order: number[] = [];
    const matched = new Map<number, number[]>();
    const touched: number[] = [];
    const boosted = new Float64Array(fieldBoosts.length);
    for (let t = 0; t < terms.length; t++) {
      const p = lists[t];
      if (!p) continue;
      // executeQuerySpec's weightedScore: termWeight (1) × termBoost × fieldBoost × docBoost (1) × rawScore.
      const termBoost = boostTerm(terms[t]!);
      for (let f = 0; f < fieldBoosts.length; f++) boosted[f] = 1 * termBoost * fieldBoosts[f]! * 1;
      const termGeneration = ++this.generation;
      touched.length = 0;
      const { docs, fields, raw } = p;
      for (let i = 0; i < docs.length; i++) {
        const doc = docs[i]!;
        const weighted = boosted[fields[i]!]! * raw[i]!;
        if (termStamp[doc] !== termGeneration) {
          termStamp[doc] = termGeneration;
          termScore[doc] = weighted;
          touched.push(doc);
        } else termScore[doc] = termScore[doc]! + weighted;
      }
      // The OR combinator: the first term's Map, then each later term's documents added in its order.
      for (const doc of touched) {
        if (totalStamp[doc] !== queryGeneration) {
          totalStamp[doc] = queryGeneration;
          total[doc] = termScore[doc]!;
          firstTerm[doc] = t;
          order.push(doc);
        } else {
          total[doc] = total[doc]! + termScore[doc]!;
          const list = matched.get(doc);
          if (list) list.push(t);
          else matched.set(doc, [firstTerm[doc]!, t]);
        }
      }
    }
    // Whether any name a hit can have (the terms, the unknown words' match keys) is an array
    // index: tested once a query, not for every name of every hit (thousands at ×1000).
    const anyIndex = terms.some(isArrayIndex) || [...loose.values()].some((e) => e.keys.some(isArrayIndex));
    const documentIds = this.index._documentIds;
    const hitDocs: number[] = [];
    const hitScores: number[] = [];
    /** Per hit, its first exact term (the typed arrays are overwritten by the next query), or -1 for the unknown words' alone. */
    const hitFirst: number[] = [];
    const keep = (doc: number, score: number, first: number) => {
      if (filter && !filter({ id: documentIds.get(doc) as string })) return;
      hitDocs.push(doc);
      hitScores.push(score);
      hitFirst.push(first);
    };
    // The OR of the two subqueries: the exact one's Map, the unknown words' added to it.
    for (const doc of order) {
      const list = matched.get(doc);
      const also = loose.get(doc);
      const count = list ? list.length : 1;
      if (!also) keep(doc, total[doc]! * count, firstTerm[doc]!);
      else keep(doc, (total[doc]! + also.score) * (count + also.words), firstTerm[doc]!);
    }
    for (const doc of looseOrder) {
      if (totalStamp[doc] === queryGeneration) continue;
      const e = loose.get(doc)!;
      keep(doc, e.score * e.words, -1);
    }
    const names = (i: number): string[] => {
      const doc = hitDocs[i]!;
      let out: string[];
      if (hitFirst[i]! >= 0) {
        const list = matched.get(doc);
        out = list ? list.map((t) => terms[t]!) : [terms[hitFirst[i]!]!];
        const also = loose.get(doc);
        if (also) for (const k of also.keys) if (!out.includes(k)) out.push(k);
      } else out = [...loose.get(doc)!.keys];
      // Object.keys(match): canonical array indexes first, in numeric order, then the rest as inserted.
      if (anyIndex && out.some(isArrayIndex)) out = [...out.filter(isArrayIndex).sort((a, b) => Number(a) - Number(b)), ...out.filter((n) => !isArrayIndex(n))];
      return out;
    };
    return {
      length: hitDocs.length,
      score: (i) => hitScores[i]!,
      terms: names,
      hit: (i) => ({ id: documentIds.get(hitDocs[i]!) as string, score: hitScores[i]!, terms: names(i) }),
      exactTerms: terms,
      visitTerms: (i, exact, other) => {
        const doc = hitDocs[i]!;
        if (hitFirst[i]! >= 0) {
          const list = matched.get(doc);
          if (list) for (const t of list) exact(t);
          else exact(hitFirst[i]!);
        }
        const also = loose.get(doc);
        if (also) for (const k of also.keys) other(k);
      },
    };
  }
}
