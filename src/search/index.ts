import { getHeapStatistics } from 'node:v8';
import MiniSearch, { type Options, type Query } from 'minisearch';
import type { Corpus, DocumentMeta, Paragraph } from '../corpus/types.js';
import { editDistance } from '../corpus/text.js';
import { analyze, Expander, EXPANSION_BOOST, indexTokens, mineAcronyms, normalizeTerm } from './analyzer.js';
import { SemanticSpace, sharedWordVectors } from './semantic.js';
import { DENSE_CANDIDATES, denseWeight, DenseSpace } from './dense.js';
import type { WordVectors } from './vectors.js';
import { analyzeQuestion, withLeaderAsked, withoutTopicOpener, type AnalyzedQuestion } from './question.js';
import { inCandidateOrder, rankPruned, scoreBound, type Candidate, type PrunedRanking } from './prune.js';
import { analyzePassage, labelTerms, overviewFit, passageAnalysis, rankCandidates, type QueryTermGroup, type RankedPassage, type SourceNames } from './rank.js';
import { TermIds, WINDOW_SENTENCES, windowCount, WindowQuery, type WindowStatistics } from './windows.js';
import { ExactSearch, hitList, type ExactHit, type HitList } from './postings.js';
import { withDescribedPlaces } from './geography.js';
import { packSearch, restoreSearch, type PackedSearch } from './packedIndex.js';
import { AnalysisPacker, isPackedAnalyses, packAnalyses, useSavedAnalyses, type PackedAnalyses } from './savedAnalyses.js';

/**
 * The passage index: MiniSearch (BM25+) over paragraphs for recall, then a re-ranker
 * (coverage, best-sentence density, question type) for precision. See rank.ts.
 */

/** Field boosts: a section title says what all its paragraphs are about. */
const FIELD_BOOST = { text: 1, section: 1.5, source: 0.5 } as const;
/** The share of the heap limit above which the background warm-up stops analysing (see `warmUp`). */
export const WARM_UP_HEAP_SHARE = 0.7;
/** How many candidates the re-ranker looks at: the pool's best by window BM25. */
const CANDIDATES = 30;
/**
 * And the pool's best by MiniSearch (text, section and source) that window BM25 left out: a
 * Factbook paragraph "Coal: production: 3.685 million metric tons" names Kyrgyzstan only in
 * its document's title, and "how much coal does kyrgyzstan produce" ranked it below 40 (2nd
 * with them). Measured: 5 or 10 the same on every question set; hit@1 unchanged everywhere.
 */
const CANDIDATES_BY_FIELDS = 5;
/**
 * And the pool's best by window BM25 that hold the rest of the question where their
 * document's title names its topic (see `coveredWithTitle`).
 */
const CANDIDATES_BY_TITLE = 5;
/** And the fields named for what is asked where the text or the title names the places asked about (see `fieldsAsked`). */
const CANDIDATES_BY_LABEL = 5;
/** How many paragraphs the selective terms bring to window scoring, which chooses the CANDIDATES. */
const POOL = 100;
/**
 * Share of paragraphs above which a term is too common to choose candidates (see
 * `selective`). At ×100 it cuts the postings MiniSearch scores per question ~3× (0.25: ~2×)
 * with the same hit@1 at ×10. 0.2, not 0.1: on the two articles with the 118 real texts
 * (7,350 paragraphs once the import left out the empty wiki notes) "mongolia" and
 * "kyrgyzstan" are in 10–20% of paragraphs, and at 0.1 no longer chose candidates: the
 * project's questions among them 35/45 → 36/45 at 0.2, the texts' own 49 → 50/58 in the top
 * 3, every other set the same; ×100 query time within the noise of four runs in turns
 * (p50 6.3–8.8 ms either way).
 */
const COMMON_SHARE = 0.2;
/**
 * A title of at most this many index terms is the name of the document's topic (see the
 * source names): measured on the 118 real texts' own questions, 3 terms: hit@1 0.706 → 0.765
 * (2 or 3 alike), every other set unchanged. 6 ("Mongolia in World War II", a PDF's
 * "Construction of the Literature Graph in Semantic Scholar"): material 39 → 40 of 58 at
 * rank 1, PDFs 31 → 33 of 44 in the top 3; 4 or 5 only the first, 8 lost a PDF question.
 */
const TOPIC_TITLE_TERMS = 6;
/** How many paragraphs back a lead-in ending in a colon still introduces (list items, see `leadIn`). */
const LEAD_IN_REACH = 12;
/** A list item: "(1) …", "1. …", "(a) …", "• …", "- …". */
const LIST_ITEM = /^\s*(?:\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)]\s|[•▪◦‣∙·–—-]\s)/u;
/**
 * The pool also takes the POOL_BY_COVERAGE hits that hold the most of the question, each
 * word counted once (see `pool`). Measured on the two articles among 118 real documents:
 * 20 or 50 the same (hit@1 0.778 of the project's questions, hit@3 0.889 against 0.867
 * without); the pool made of them alone lost four questions (0.756).
 */
const POOL_BY_COVERAGE = 20;
/** In that count: a fuzzy match's share of its term's IDF, and how much MiniSearch's score counts. */
const FUZZY_POOL_WEIGHT = 0.5;
const POOL_BM25_SHARE = 0.2;
const ALWAYS_KEPT = 3;
/** Fuzzy matching only for words the corpus does not contain (misspellings): fuzzy on every term costs ~10×. */
const FUZZY_FOR_UNKNOWN = 0.25;
/** Prefix variants: question terms of at least MIN_PREFIX letters match longer corpus terms, down-weighted. */
const MIN_PREFIX = 6;
const MAX_PREFIX_EXTENSION = 8;
const PREFIX_BOOST = 0.5;
/**
 * Spelling correction, prefix, fuzzy and meaning expansion for at most this many words of a
 * question that the corpus lacks (the first ones): each scans the vocabulary, and a pasted
 * page of nonsense (~110 unknown words) cost 165–550 ms against ~10 ms. Real questions have
 * at most 8 (the eval sets), so none of them changes.
 */
export const MAX_EXPANDED_UNKNOWN = 8;
/**
 * Semantic neighbours of a word the corpus has count this share of their weight (see
 * semantic.ts): none. Measured: at full weight they won 3 paraphrases of 12 and lost 4 of
 * 45 plainly worded questions (the neighbours of a known word are mostly its co-hyponyms:
 * exports → imports, east → west); at 0.2–0.4 they won nothing.
 */
const KNOWN_SEMANTIC_SCALE = 0;
/** Shortest term that spelling correction looks at (shorter words have too many neighbours). */
const MIN_CORRECTABLE = 5;
/**
 * A word among the vectors' REAL_WORD_RANK most frequent is taken as typed unless its
 * vector is at least MISSPELLING_SIMILARITY from its correction's (news text holds common
 * misspellings next to the word meant: "kazakstan" ~ kazakhstan 0.85; "lenders" ~ leaders 0.05).
 */
const REAL_WORD_RANK = 50_000;
const MISSPELLING_SIMILARITY = 0.4;
/** Weight of the correction of such a real word when nothing else reads it (see `termGroups`). */
const REAL_WORD_FIX = 0.5;

/** Buckets of a word's letters (by code point, folded into BAG_SIZE): see `CorrectionVocabulary.near`. */
const BAG_SIZE = 32;

/** Null for a word too long for byte counts (it is compared with every word of about its length). */
function letterBag(word: string): Uint8Array | null {
  if (word.length > 255) return null;
  const bag = new Uint8Array(BAG_SIZE);
  for (let i = 0; i < word.length; i++) bag[word.charCodeAt(i) % BAG_SIZE]!++;
  return bag;
}

/**
 * Words with their lengths and letter bags, for scans by edit distance. One edit changes at
 * most two letter counts by one each (a swap none), and folding letters into buckets only
 * lowers the difference: words whose bags differ by more than twice the edits allowed are
 * further away and need no `editDistance` (most of the vocabulary: a scan of it for each
 * word the corpus lacks was a tenth of a warm question's time at ×1000 the corpus).
 */
class CorrectionVocabulary {
  private constructor(
    readonly words: string[],
    readonly lengths: Int32Array,
    private readonly bags: Uint8Array,
  ) {}

  static of(words: Iterable<string>): CorrectionVocabulary {
    const list = [...words];
    const bags = new Uint8Array(list.length * BAG_SIZE);
    list.forEach((w, i) => {
      for (let k = 0; k < w.length; k++) bags[i * BAG_SIZE + (w.charCodeAt(k) % BAG_SIZE)]!++;
    });
    return new CorrectionVocabulary(list, Int32Array.from(list, (w) => w.length), bags);
  }

  /** Whether word `i` can be within `max` edits of the word with this bag (a count above 255 would wrap: such words are compared). */
  near(i: number, bag: Uint8Array | null, max: number): boolean {
    const { bags } = this;
    if (!bag || this.lengths[i]! > 255) return true;
    const limit = 2 * max;
    let difference = 0;
    for (let k = 0, at = i * BAG_SIZE; k < BAG_SIZE; k++, at++) {
      const d = bags[at]! - bag[k]!;
      difference += d < 0 ? -d : d;
      if (difference > limit) return false;
    }
    return true;
  }
}

/** The same options must be given to build an index and to load a saved one. */
function miniSearchOptions(): Options<IndexedUnit> {
  return {
    fields: ['text', 'section', 'source'],
    storeFields: [],
    tokenize: (text) => indexTokens(text),
    processTerm: (term) => normalizeTerm(term) ?? null,
    searchOptions: {
      // Queries arrive already analyzed (see `toQuery`): split on spaces, keep as is.
      tokenize: (q) => q.split(' '),
      processTerm: (t) => t,
      boost: FIELD_BOOST,
    },
  };
}

/** Paragraph and sentence frequencies, surface forms, average window and section lengths. */
function countTerms(paragraphs: readonly Paragraph[], sources: ReadonlyMap<string, string>, packer: AnalysisPacker) {
  const documentFrequency = new Map<string, number>();
  const sentenceFrequency = new Map<string, number>();
  let sentenceCount = 0;
  let windows = 0;
  let windowTerms = 0;
  let sectionTerms = 0;
  const surfaceCounts = new Map<string, Map<string, number>>();
  for (const p of paragraphs) {
    const seen = new Set<string>();
    for (const token of indexTokens(`${p.text} ${p.section ?? ''} ${sources.get(p.documentId) ?? ''}`)) {
      const term = normalizeTerm(token);
      if (!term) continue;
      seen.add(term);
      const forms = surfaceCounts.get(term) ?? new Map<string, number>();
      forms.set(token, (forms.get(token) ?? 0) + 1);
      surfaceCounts.set(term, forms);
    }
    for (const t of seen) documentFrequency.set(t, (documentFrequency.get(t) ?? 0) + 1);
    // The re-ranker's analysis of the paragraph, not kept: a loaded index analyses paragraphs
    // as they become candidates, and a built one should not hold more memory than it.
    const passage = passageAnalysis(p);
    packer.add(passage);
    sectionTerms += passage.sectionTerms.size;
    const lengths = passage.sentences.map((s) => {
      sentenceCount++;
      for (const t of new Set(s.sequence)) sentenceFrequency.set(t, (sentenceFrequency.get(t) ?? 0) + 1);
      return s.sequence.length;
    });
    const starts = windowCount(lengths.length);
    windows += starts;
    for (let i = 0; i < starts; i++) for (let k = i; k < Math.min(lengths.length, i + WINDOW_SENTENCES); k++) windowTerms += lengths[k]!;
  }
  const surfaceForm = new Map<string, string>();
  for (const [term, forms] of surfaceCounts) surfaceForm.set(term, [...forms].sort((a, b) => b[1] - a[1])[0]![0]);
  return {
    documentFrequency,
    sentenceFrequency,
    sentenceCount,
    surfaceForm,
    windowLengths: { averageLength: windows ? windowTerms / windows : 1, averageSectionLength: sectionTerms / Math.max(1, paragraphs.length) },
  };
}

interface IndexedUnit {
  id: string;
  text: string;
  section: string;
  /** Author surnames, title, venue and year: "according to Miliate", "the 2013 op-ed". */
  source: string;
}

export function sourceText(meta: DocumentMeta): string {
  return [...meta.authors, meta.title, meta.venue, String(meta.year), meta.kind].join(' ');
}

export interface SearchOptions {
  limit?: number;
  /** Restrict to one document id. */
  documentId?: string;
}

export interface SearchResult {
  question: AnalyzedQuestion;
  passages: RankedPassage[];
  /** Words of the question the corpus does not contain, with close words it does (found when first read). */
  readonly suggestions: string[];
}

/**
 * What the index learns from the corpus when it is built, as plain data: saved by
 * `npm run build` (see engineCache.ts) and loaded at start-up instead of analysing every
 * paragraph again. Restoring it gives the very index the build made.
 */
export interface IndexSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  /** The paragraph MiniSearch (`toJSON`, its postings packed: see packedIndex.ts). */
  search: PackedSearch;
  /** Acronyms mined from the corpus (see `mineAcronyms`). */
  acronyms: Record<string, string[]>;
  documentFrequency: SavedMap<number>;
  sentenceFrequency: SavedMap<number>;
  sentenceCount: number;
  surfaceForm: SavedMap<string>;
  windowLengths: { averageLength: number; averageSectionLength: number };
  /** Every paragraph's analysis for the re-ranker (savedAnalyses.ts). */
  analyses: PackedAnalyses;
  /** Per document, in the corpus's order: its `documentTerms`, its `sourceNames` terms (each a set's order). */
  documents: { terms: string[][]; names: string[][] };
}
/** Bumped when the snapshot's shape changes (analysis changes are caught by the cache key). */
export const SNAPSHOT_FORMAT = 3;

/**
 * A Map of terms as two lists, keys and values in the Map's order: at ×1000 the corpus, the
 * three maps' 244,000 [key, value] pairs were ~140 ms of parsing the index file, two flat lists
 * are a fraction of it.
 */
export interface SavedMap<V> {
  keys: string[];
  values: V[];
}
const savedMap = <V>(m: ReadonlyMap<string, V>): SavedMap<V> => ({ keys: [...m.keys()], values: [...m.values()] });
const isSavedMap = (x: unknown): boolean => {
  const m = x as Partial<SavedMap<unknown>> | null;
  return typeof m === 'object' && m !== null && Array.isArray(m.keys) && Array.isArray(m.values) && m.keys.length === m.values.length;
};
function restoredMap<V>(saved: SavedMap<V>): Map<string, V> {
  const m = new Map<string, V>();
  for (let i = 0; i < saved.keys.length; i++) m.set(saved.keys[i]!, saved.values[i]!);
  return m;
}

/**
 * A snapshot this index can be restored from: the current format, whole (a damaged file
 * must mean a rebuild, not NaN scores), and made from as many paragraphs as the corpus has.
 */
export function isUsableSnapshot(x: IndexSnapshot | null | undefined, paragraphCount?: number, documentCount?: number): x is IndexSnapshot {
  const perDocument = (lists: unknown) => Array.isArray(lists) && (documentCount === undefined || lists.length === documentCount) && lists.every(Array.isArray);
  return (
    x?.format === SNAPSHOT_FORMAT &&
    typeof x.search === 'object' &&
    x.search !== null &&
    (paragraphCount === undefined || x.search.documentCount === paragraphCount) &&
    typeof x.acronyms === 'object' &&
    [x.documentFrequency, x.sentenceFrequency, x.surfaceForm].every(isSavedMap) &&
    Number.isFinite(x.sentenceCount) &&
    Number.isFinite(x.windowLengths?.averageLength) &&
    Number.isFinite(x.windowLengths?.averageSectionLength) &&
    isPackedAnalyses(x.analyses) &&
    perDocument(x.documents?.terms) &&
    perDocument(x.documents?.names)
  );
}

export class PassageIndex {
  readonly expander: Expander;
  private readonly search: MiniSearch<IndexedUnit>;
  private readonly acronyms: Record<string, string[]>;
  /** Index term → number of paragraphs containing it. */
  private readonly documentFrequency: Map<string, number>;
  /** Index term → number of sentences containing it (for IDF). */
  private readonly sentenceFrequency: Map<string, number>;
  private readonly sentenceCount: number;
  /** Index term → the surface word seen most often for it (for "did you mean"). */
  private readonly surfaceForm: Map<string, string>;
  readonly paragraphs: Paragraph[];
  /** For BM25 over sentence windows of the candidates (see windows.ts). */
  private readonly windowStatistics: WindowStatistics;
  /** Index terms of each document's metadata (see `sourceText`). */
  private readonly documentTerms: Map<string, Set<string>>;
  /** Index terms of each document's authors and year. */
  private readonly sourceNames: Map<string, SourceNames>;
  /** Unknown term → its spelling corrections (see `corrections`). */
  private readonly correctionCache = new Map<string, string[]>();
  /** True when restored from a snapshot, false when built from the corpus. */
  readonly restored: boolean;
  /** Every paragraph's analysis, packed, for the snapshot (savedAnalyses.ts); null when restored. */
  private readonly packedAnalyses: PackedAnalyses | null;
  /** Word vectors given, or undefined for the process's shared ones (see semantic.ts). */
  private readonly vectorSource: WordVectors | null | undefined;
  private semanticSpace: SemanticSpace | null | undefined;

  /**
   * Builds the index of `corpus`, or restores it from a snapshot of the same corpus.
   * `vectors`: word vectors for meaning-based expansion; null for none; omitted, the
   * process's shared ones, loaded on the first question.
   */
  constructor(
    readonly corpus: Corpus,
    snapshot?: IndexSnapshot,
    vectors?: WordVectors | null,
  ) {
    this.vectorSource = vectors;
    this.paragraphs = corpus.documents.flatMap((d) => d.paragraphs);
    const sources = new Map(corpus.documents.map((d) => [d.meta.id, sourceText(d.meta)]));
    this.restored = isUsableSnapshot(snapshot, this.paragraphs.length, corpus.documents.length);
    // Saved with the index: analysing 2,000 documents' metadata three times over was 0.2–0.4 s of a start-up at ×1000 the corpus.
    const saved = snapshot && this.restored ? snapshot.documents : null;
    this.documentTerms = new Map(corpus.documents.map((d, i) => [d.meta.id, new Set(saved ? saved.terms[i] : analyze(sources.get(d.meta.id)!))]));
    this.sourceNames = new Map(
      corpus.documents.map((d, i) => {
        if (saved) return [d.meta.id, { terms: new Set(saved.names[i]), year: d.meta.year }];
        // A short title names what the whole document is about ("Gobi Cashmere", "Economy of
        // Mongolia"): its words are in every sentence's context, as the author's name is, and
        // tell none of them apart.
        const title = analyze(d.meta.title);
        const topic = title.length <= TOPIC_TITLE_TERMS ? title : [];
        return [d.meta.id, { terms: new Set([...analyze(`${d.meta.authors.join(' ')} ${d.meta.year}`), ...topic]), year: d.meta.year }];
      }),
    );
    if (snapshot && this.restored) {
      this.search = restoreSearch(snapshot.search, miniSearchOptions());
      this.acronyms = snapshot.acronyms;
      this.documentFrequency = restoredMap(snapshot.documentFrequency);
      this.sentenceFrequency = restoredMap(snapshot.sentenceFrequency);
      this.sentenceCount = snapshot.sentenceCount;
      this.surfaceForm = restoredMap(snapshot.surfaceForm);
      this.windowStatistics = { ...snapshot.windowLengths, sectionBoost: FIELD_BOOST.section };
      useSavedAnalyses(snapshot.analyses, this.paragraphs);
      // Not kept (70 MB of base64 at ×1000): a restored index's snapshot packs them again.
      this.packedAnalyses = null;
    } else {
      this.acronyms = mineAcronyms(this.paragraphs.map((p) => p.text));
      this.search = new MiniSearch<IndexedUnit>(miniSearchOptions());
      this.search.addAll(
        this.paragraphs.map((p) => ({ id: p.id, text: p.text, section: p.section ?? '', source: sources.get(p.documentId)! })),
      );
      const packer = new AnalysisPacker();
      const counts = countTerms(this.paragraphs, sources, packer);
      this.packedAnalyses = packer.finish();
      this.documentFrequency = counts.documentFrequency;
      this.sentenceFrequency = counts.sentenceFrequency;
      this.sentenceCount = counts.sentenceCount;
      this.surfaceForm = counts.surfaceForm;
      this.windowStatistics = { ...counts.windowLengths, sectionBoost: FIELD_BOOST.section };
    }
    this.expander = new Expander(this.acronyms);
  }

  /** The index as plain data (see `IndexSnapshot`). */
  toSnapshot(): IndexSnapshot {
    const { sectionBoost: _, ...windowLengths } = this.windowStatistics;
    return {
      format: SNAPSHOT_FORMAT,
      search: packSearch(this.search.toJSON()),
      acronyms: this.acronyms,
      documentFrequency: savedMap(this.documentFrequency),
      sentenceFrequency: savedMap(this.sentenceFrequency),
      sentenceCount: this.sentenceCount,
      surfaceForm: savedMap(this.surfaceForm),
      windowLengths,
      analyses: this.packedAnalyses ?? packAnalyses(this.paragraphs),
      documents: {
        terms: this.corpus.documents.map((d) => [...this.documentTerms.get(d.meta.id)!]),
        names: this.corpus.documents.map((d) => [...this.sourceNames.get(d.meta.id)!.terms]),
      },
    };
  }

  get paragraphCount(): number {
    return this.paragraphs.length;
  }

  /** Whether the corpus spells `word` (lower case) out as an acronym somewhere ("csto"). */
  isAcronym(word: string): boolean {
    return Object.hasOwn(this.acronyms, word);
  }

  /**
   * IDF over sentences, not paragraphs: with a few dozen long paragraphs every country name
   * is in most of them, while across sentences their rarity still tells them apart.
   */
  idf(term: string): number {
    const n = this.sentenceCount;
    const df = this.sentenceFrequency.get(term) ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** Every index term, sorted, so the terms with a prefix are one contiguous run. */
  private sortedTerms: string[] | null = null;

  private termsWithPrefix(prefix: string): string[] {
    const terms = (this.sortedTerms ??= [...this.documentFrequency.keys()].sort());
    // Binary search for the first term ≥ prefix; a scan of the whole vocabulary per query
    // term grew with the corpus (bench: ×100).
    let lo = 0;
    let hi = terms.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (terms[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (let i = lo; i < terms.length && terms[i]!.startsWith(prefix); i++) {
      const t = terms[i]!;
      if (t !== prefix && t.length - prefix.length <= MAX_PREFIX_EXTENSION) out.push(t);
    }
    return out;
  }

  /**
   * Corpus terms one or two edits (Damerau) away from a term the corpus lacks: the reader's
   * likely spelling ("Kazakstan", "Mongloia", "goverments"). Closest first; ties all kept.
   * `surface`: the word typed. A frequent English word is a word, not a misspelling, unless
   * the word vectors put it next to its correction ("kazakstan" ~ kazakhstan 0.85): "lenders"
   * is not "leaders", "hardline" not "hardly", "planes" not "plants" — they are read by
   * their meaning instead (see `termGroups`).
   */
  corrections(term: string, surface?: string): string[] {
    if (this.knows(term) || term.length < MIN_CORRECTABLE || !/^\p{L}+$/u.test(term)) return [];
    let cached = this.correctionCache.get(term);
    if (!cached) {
      cached = this.findCorrections(term);
      if (this.correctionCache.size < 10_000) this.correctionCache.set(term, cached);
    }
    // A slip can change how the word stems: "officail" stays whole while "official" stems
    // to "offici", two letters shorter. Then the word typed is compared with the corpus's words.
    if (!cached.length && surface && surface.length >= MIN_CORRECTABLE && /^\p{L}+$/u.test(surface)) {
      const key = `~${surface}`;
      cached = this.correctionCache.get(key);
      if (!cached) {
        cached = this.findCorrectionsBySurface(surface);
        if (this.correctionCache.size < 10_000) this.correctionCache.set(key, cached);
      }
    }
    const vectors = surface && cached.length ? this.semantic()?.vectors : undefined;
    if (vectors && (vectors.rank(surface!) ?? Infinity) < REAL_WORD_RANK) {
      return cached.filter((t) => vectors.similarity(surface!, this.surfaceForm.get(t) ?? t) >= MISSPELLING_SIMILARITY);
    }
    return surface && cached.length > 1 ? this.closestBySurface(cached, surface) : cached;
  }

  /**
   * Stems tie where the words do not: "goverments" stems to "gover", one edit from govern,
   * cover, hover and rover alike, but the word typed is one edit from "governments" and far
   * from "covers". Keeps the corrections whose usual surface word is closest to the word typed.
   */
  private closestBySurface(terms: string[], surface: string): string[] {
    const distance = (t: string) => editDistance(surface, this.surfaceForm.get(t) ?? t, surface.length);
    const distances = terms.map(distance);
    const best = Math.min(...distances);
    return terms.filter((_, i) => distances[i] === best);
  }

  private findCorrections(term: string): string[] {
    const max = term.length >= 9 ? 2 : 1;
    let best = max + 1;
    let out: string[] = [];
    const vocabulary = (this.termsForCorrection ??= CorrectionVocabulary.of(this.documentFrequency.keys()));
    const bag = letterBag(term);
    const { words, lengths } = vocabulary;
    for (let i = 0; i < words.length; i++) {
      const length = lengths[i]!;
      if (Math.abs(length - term.length) > max || length < MIN_CORRECTABLE || !vocabulary.near(i, bag, max)) continue;
      const t = words[i]!;
      const d = editDistance(term, t, max);
      if (d < best) [best, out] = [d, [t]];
      else if (d === best) out.push(t);
    }
    return best <= max ? out : [];
  }

  /** The vocabulary as spelling correction scans it (a word the corpus lacks costs a scan of all of it), made on first use. */
  private termsForCorrection: CorrectionVocabulary | undefined;
  /** The same for the surface words (lower-cased), with their terms. */
  private surfacesForCorrection: { words: CorrectionVocabulary; terms: string[]; firsts: Array<string | undefined>; lengths: Int32Array } | undefined;

  /**
   * Corpus terms whose usual surface word is one or two edits (Damerau) from the word typed;
   * closest first, ties all kept. Only words with the same first letter are compared: a slip
   * seldom changes it, and a word the corpus lacks costs a scan of its whole vocabulary
   * (at ×1000, a new word's largest share of a cold question).
   */
  private findCorrectionsBySurface(surface: string): string[] {
    const max = surface.length >= 9 ? 2 : 1;
    let best = max + 1;
    let out: string[] = [];
    const first = surface[0]?.toLowerCase();
    if (!this.surfacesForCorrection) {
      const entries = [...this.surfaceForm];
      this.surfacesForCorrection = {
        words: CorrectionVocabulary.of(entries.map(([, w]) => w.toLowerCase())),
        terms: entries.map(([t]) => t),
        firsts: entries.map(([, w]) => w[0]?.toLowerCase()),
        lengths: Int32Array.from(entries, ([, w]) => w.length),
      };
    }
    const { words, terms, firsts, lengths } = this.surfacesForCorrection;
    const bag = letterBag(surface);
    for (let i = 0; i < terms.length; i++) {
      const t = terms[i]!;
      if (Math.abs(lengths[i]! - surface.length) > max || t.length < MIN_CORRECTABLE || firsts[i] !== first || !words.near(i, bag, max)) continue;
      const d = editDistance(surface, words.words[i]!, max);
      if (d < best) [best, out] = [d, [t]];
      else if (d === best) out.push(t);
    }
    return best <= max ? out : [];
  }

  /**
   * Analyses every paragraph ahead of questions, a chunk per turn of the event loop, so that
   * interactions are served in between. A paragraph is analysed the first time it is a
   * candidate (tens of ms for a question on a new topic at ×100 the corpus, ~3 ms once
   * warm); a long-running bot pays that up front, in the background, after start-up.
   * Resolves with the number of paragraphs analysed; `signal` stops it early.
   */
  async warmUp(options: { chunk?: number; signal?: AbortSignal } = {}): Promise<number> {
    const chunk = options.chunk ?? 100;
    let done = 0;
    // The dense signal's space (~0.15 s on first use): made here, in a turn of its own, not by
    // the first question whose words the corpus lacks.
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (!options.signal?.aborted) this.dense();
    for (let i = 0; i < this.paragraphs.length && !options.signal?.aborted; i += chunk) {
      // Analyses are kept (~5 KB a paragraph): on a corpus too large for the heap cap
      // (`npm start`: 1 GB; ×1000 the corpus came to 1.27 GB warmed up) the warm-up stops
      // with room to spare instead of running the process out of memory. Paragraphs not
      // analysed are analysed when they become candidates, as before a warm-up.
      if (process.memoryUsage().heapUsed > WARM_UP_HEAP_SHARE * getHeapStatistics().heap_size_limit) break;
      for (const p of this.paragraphs.slice(i, i + chunk)) analyzePassage(p);
      done = Math.min(this.paragraphs.length, i + chunk);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return done;
  }

  knows(term: string): boolean {
    return this.documentFrequency.has(term);
  }

  /** The corpus terms in vector space, made on first use (a few ms). Null without vectors. */
  semantic(): SemanticSpace | null {
    if (this.semanticSpace === undefined) {
      const vectors = this.vectorSource === undefined ? sharedWordVectors() : this.vectorSource;
      this.semanticSpace = vectors ? new SemanticSpace(vectors, this.surfaceForm) : null;
    }
    return this.semanticSpace;
  }

  /**
   * Each question term with its expansions: the unit the re-ranker measures coverage in.
   * `surfaces`: the word typed for each term (its vector is the word's, not the stem's).
   */
  termGroups(question: AnalyzedQuestion, surfaces: ReadonlyMap<string, string> = new Map(), knownScale = KNOWN_SEMANTIC_SCALE): QueryTermGroup[] {
    const semantic = this.semantic();
    const expandable = this.expandable(question.terms);
    return question.terms.map((term) => {
      if (!expandable.has(term)) return { term, variants: new Map([[term, 1]]), idf: 0, known: false };
      const variants = new Map<string, number>([[term, 1]]);
      const add = (t: string, w: number) => {
        if (this.knows(t) && (variants.get(t) ?? 0) < w) variants.set(t, w);
      };
      for (const e of this.expander.expand(term)) add(e.term, e.boost);
      // A misspelling stands for the word meant, and for what that word expands to.
      const surface = surfaces.get(term);
      const corrections = this.corrections(term, surface);
      for (const fixed of corrections) {
        add(fixed, EXPANSION_BOOST.spellingFix);
        for (const e of this.expander.expand(fixed)) add(e.term, EXPANSION_BOOST.spellingFix * e.boost);
      }
      // Derivations the stemmer leaves apart: region → regionalization, Russia → Russification.
      if (term.length >= MIN_PREFIX && !/^\d/.test(term)) {
        for (const t of this.termsWithPrefix(term)) if (!variants.has(t) && this.isWordlike(t)) variants.set(t, PREFIX_BOOST);
      }
      // Words of close meaning ("strongman" → authoritarian), below every other variant, for
      // words the corpus lacks: for a word it has, the neighbours are mostly its co-hyponyms
      // (exports → imports, east → west, Kazakhstan → Turkmenistan) and cost more than they find.
      // A misspelling ("Kazakstan") has its correction instead: its vector's neighbours are other places.
      let neighbours = 0;
      if (semantic && surface && corrections.length === 0) {
        const scale = this.knows(term) ? knownScale : 1;
        if (scale > 0) for (const n of semantic.neighbours(surface)) if (this.knows(n.term)) add(n.term, n.weight * scale), neighbours++;
      }
      // A real word the corpus lacks, with no meaning near anything in it either ("boarders"
      // in a corpus about borders): most likely a slip after all, read as the corpus word one
      // edit away, below a plain misspelling's weight.
      if (surface && !this.knows(term) && corrections.length === 0 && neighbours === 0 && variants.size === 1) {
        for (const fixed of this.corrections(term)) add(fixed, REAL_WORD_FIX);
      }
      const known = [...variants.keys()].filter((t) => this.knows(t));
      const idf = known.length ? Math.max(...known.map((t) => this.idf(t) * variants.get(t)!)) : 0;
      return { term, variants, idf, known: this.knows(term), surface };
    });
  }

  /**
   * A corpus term that may stand for a derivation: one seen more than once, or a word the
   * vectors know. Imported web text glues words together ("MongoliaExpress", a URL's
   * "mongolianembassy"): seen once, unknown to English, such a term is rare, so as a prefix
   * variant it would outweigh the word typed in choosing the pool.
   */
  private isWordlike(term: string): boolean {
    if ((this.documentFrequency.get(term) ?? 0) > 1) return true;
    const vectors = this.semantic()?.vectors;
    return !vectors || vectors.rank(this.surfaceForm.get(term) ?? term) !== undefined;
  }

  /** The words that may be expanded: every known one, and the first MAX_EXPANDED_UNKNOWN the corpus lacks. */
  private expandable(terms: readonly string[]): Set<string> {
    const unknown = terms.filter((t) => !this.knows(t)).slice(0, MAX_EXPANDED_UNKNOWN);
    return new Set([...terms.filter((t) => this.knows(t)), ...unknown]);
  }

  /**
   * The terms that choose candidates: a word in a large share of paragraphs ("Mongolia" in a
   * corpus about Mongolia) hardly changes which paragraphs are best (its IDF is near zero),
   * yet MiniSearch scores every paragraph that holds it, which at ×100 the corpus is most of
   * the query time. Such words still count in window scoring and re-ranking; the rarest few
   * are always kept, so a question made only of common words still finds candidates. A word
   * in fewer paragraphs than the POOL is never too common: in a small corpus nothing changes.
   */
  private selective(terms: string[]): string[] {
    const limit = Math.max(COMMON_SHARE * this.paragraphs.length, POOL);
    const df = (t: string) => this.documentFrequency.get(t) ?? 0;
    return [...terms].sort((a, b) => df(a) - df(b)).filter((t, i) => i < ALWAYS_KEPT || df(t) <= limit);
  }

  /** Each known term of the query with its best weight across the groups. */
  private queryWeights(groups: QueryTermGroup[]): Map<string, number> {
    const weights = new Map<string, number>();
    for (const g of groups) for (const [t, w] of g.variants) if (this.knows(t)) weights.set(t, Math.max(weights.get(t) ?? 0, w));
    return weights;
  }

  /** The selective known terms, searched exactly, and the words the corpus lacks that spelling correction could not place: fuzzy and prefix search. */
  private queryTerms(groups: QueryTermGroup[], weights: ReadonlyMap<string, number>): { exact: string[]; unknown: string[] } {
    const exact = this.selective([...weights.keys()]);
    const expandable = this.expandable(groups.map((g) => g.term));
    const unknown = groups.filter((g) => !g.known && g.variants.size === 1 && expandable.has(g.term)).map((g) => g.term);
    return { exact, unknown };
  }

  private toQuery({ exact, unknown }: { exact: string[]; unknown: string[] }, weights: ReadonlyMap<string, number>): Query {
    const queries: Query[] = [];
    if (exact.length) queries.push({ queries: exact, boostTerm: (t: string) => weights.get(t) ?? 1 } as Query);
    if (unknown.length) queries.push({ queries: unknown, fuzzy: FUZZY_FOR_UNKNOWN, prefix: true } as Query);
    return { combineWith: 'OR', queries } as Query;
  }

  query(typed: string, options: SearchOptions = {}): SearchResult {
    // "The superpower to its south" is searched as China too (geography.ts).
    const raw = withLeaderAsked(withoutTopicOpener(withDescribedPlaces(typed)));
    const question = analyzeQuestion(raw);
    const surfaces = surfaceWords(raw);
    const groups = this.termGroups(question, surfaces);
    const passages = this.rank(question, groups, surfaces, options);
    // Made when read: only an answer that found nothing shows them, and for a word the corpus
    // lacks they are a fuzzy walk of the whole vocabulary (a sixth of a fresh ×1000 engine's query time).
    let suggestions: string[] | undefined;
    const suggest = () => (suggestions ??= this.suggest(groups));
    return {
      question,
      passages: passages.slice(0, options.limit ?? 5),
      get suggestions() {
        return suggest();
      },
    };
  }

  /**
   * Pool (MiniSearch on the selective terms), candidates (window BM25), re-ranker; then, when
   * the re-ranker's best passage covers little of the question, the dense signal (dense.ts).
   */
  private rank(question: AnalyzedQuestion, groups: QueryTermGroup[], surfaces: ReadonlyMap<string, string>, options: SearchOptions): RankedPassage[] {
    const filter = options.documentId
      ? (r: { id: string }) => r.id.startsWith(`${options.documentId}/`)
      : undefined;
    const weights = this.queryWeights(groups);
    const hits = groups.length ? this.pool(this.poolHits(groups, weights, filter), groups) : [];
    // The pool comes from the selective terms; window BM25 over every term, the common ones
    // included, picks the candidates the re-ranker looks at closely.
    const windowQuery = new WindowQuery(new Map([...weights].map(([t, w]) => [t, w * this.idf(t)])), this.termIds);
    const scored = hits.map((h) => {
      const paragraph = this.corpus.paragraphsById.get(String(h.id))!;
      return { paragraph, bm25: h.score, windowBm25: windowQuery.bestWindowScore(analyzePassage(paragraph), this.windowStatistics) };
    });
    const byWindow = [...scored].sort((a, b) => b.windowBm25 - a.windowBm25);
    const candidates = byWindow.slice(0, CANDIDATES);
    // MiniSearch's best also scored the section and the source; the windows hold only the text.
    const chosen = new Set(candidates.map((c) => c.paragraph));
    for (let i = 0, added = 0; i < scored.length && added < CANDIDATES_BY_FIELDS; i++) {
      if (!chosen.has(scored[i]!.paragraph)) {
        chosen.add(scored[i]!.paragraph);
        candidates.push(scored[i]!);
        added++;
      }
    }
    // A paragraph that holds the rest of the question where its document's title names the
    // topic ("Flag: description: green field …" in "The World Factbook: Turkmenistan").
    for (let i = 0, added = 0; i < byWindow.length && added < CANDIDATES_BY_TITLE; i++) {
      const c = byWindow[i]!;
      if (!chosen.has(c.paragraph) && this.coveredWithTitle(c.paragraph, groups)) {
        candidates.push(c);
        added++;
      }
    }
    // "what's the capital of kyrgyzstan": the field named for what is asked ("Capital: name:
    // Bishkek; …") where its text or its document's title names the places asked about,
    // though a hundred paragraphs on capitals outscore it in the pool.
    const fields = this.fieldsAsked(groups, question.entities);
    // (The places asked about must be its text's or its title's; the label stands for the rest: "main" in "the main religion".)
    const placeGroups = groups.filter((g) => question.entities.includes(g.term));
    // (Not `chosen`: the title's candidates above are not in it.)
    const inCandidates = new Set(fields.length ? candidates.map((c) => c.paragraph) : []);
    for (let i = 0, added = 0; i < fields.length && added < CANDIDATES_BY_LABEL; i++) {
      const p = fields[i]!;
      if (inCandidates.has(p) || (options.documentId && p.documentId !== options.documentId) || !this.namedInTextOrTitle(p, placeGroups)) continue;
      inCandidates.add(p);
      candidates.push({ paragraph: p, bm25: 0, windowBm25: windowQuery.bestWindowScore(analyzePassage(p), this.windowStatistics) });
      added++;
    }
    // "What is S2ORC?": the abstract that introduces it is a candidate even among a hundred
    // paragraphs naming it more often ("We introduce S2ORC, a large corpus…").
    const extrasFrom = candidates.length;
    if (question.type === 'definition' && groups.length) {
      const seen = new Set(candidates.map((c) => c.paragraph.id));
      for (const p of this.abstracts()) {
        if (seen.has(p.id) || (options.documentId && p.documentId !== options.documentId)) continue;
        const terms = analyzePassage(p).terms;
        if (groups.every((g) => !g.known || [...g.variants.keys()].some((t) => terms.has(t)))) {
          candidates.push({ paragraph: p, bm25: 0, windowBm25: windowQuery.bestWindowScore(analyzePassage(p), this.windowStatistics) });
        }
      }
    }
    // "What is the paper about": its summaries are candidates even when they share no word with the question.
    if (question.type === 'overview') {
      const seen = new Set(candidates.map((c) => c.paragraph.id));
      for (const p of this.paragraphs) {
        if (overviewFit(p) > 0 && !seen.has(p.id) && (!options.documentId || p.documentId === options.documentId)) {
          candidates.push({ paragraph: p, bm25: 0, windowBm25: 0 });
        }
      }
    }
    // The extras (definitions, summaries: thousands at ×1000) are scored only where their
    // bound can reach the best the caller reads; the maxima are all candidates' (prune.ts).
    const norms = { maxBm25: 0, maxWindow: 0 };
    for (const c of candidates) {
      norms.maxBm25 = Math.max(norms.maxBm25, c.bm25);
      norms.maxWindow = Math.max(norms.maxWindow, c.windowBm25);
    }
    const rankSome = (cs: typeof candidates) => rankCandidates(cs, question, groups, this.documentTerms, this.sourceNames, norms, this.leadIn, this.termIds);
    const boundContext = { question, groups, documentTerms: this.documentTerms, sourceNames: this.sourceNames, lent: this.leadIn, maxWindow: norms.maxWindow };
    const needed = Math.max(1, options.limit ?? 5);
    const { ranked, pruned } = rankPruned(candidates, extrasFrom, needed, (c) => scoreBound(c, boundContext), rankSome);
    const weight = ranked.length ? denseWeight(ranked[0]!.features.coverage) : 0;
    const dense = weight > 0 ? this.dense() : null;
    if (!dense) return ranked;
    return this.fuseDense(dense, weight, { ranked, pruned, needed, rank: rankSome }, candidates, hits.map((h) => this.corpus.paragraphsById.get(String(h.id))!), question, groups, surfaces);
  }

  /**
   * Every known word of the question in the paragraph or in its document's topic title, each
   * side holding at least one: the paragraph answers of what the title names.
   */
  private coveredWithTitle(paragraph: Paragraph, groups: readonly QueryTermGroup[]): boolean {
    const names = this.sourceNames.get(paragraph.documentId)?.terms;
    if (!names || names.size === 0) return false;
    const terms = analyzePassage(paragraph).terms;
    let inText = false;
    let inTitle = false;
    for (const g of groups) {
      if (!g.known) continue;
      let text = false;
      let title = false;
      for (const t of g.variants.keys()) {
        if (terms.has(t)) text = true;
        else if (names.has(t)) title = true;
      }
      if (!text && !title) return false;
      inText ||= text;
      inTitle ||= title && !text;
    }
    return inText && inTitle;
  }

  /** Whether each group has a variant in the paragraph's text or its document's title. */
  private namedInTextOrTitle(paragraph: Paragraph, groups: readonly QueryTermGroup[]): boolean {
    if (groups.length === 0) return true;
    const names = this.sourceNames.get(paragraph.documentId)?.terms;
    const terms = analyzePassage(paragraph).terms;
    return groups.every((g) => [...g.variants.keys()].some((t) => terms.has(t) || !!names?.has(t)));
  }

  private fieldsByLabelTerm: Map<string, Paragraph[]> | undefined;

  /**
   * The paragraphs opening with a field whose every label word the question asks for (not its
   * places): "Capital: …" for "what's the capital of …". The labels are read once, on first use.
   */
  private fieldsAsked(groups: readonly QueryTermGroup[], entities: readonly string[]): Paragraph[] {
    if (!this.fieldsByLabelTerm) {
      this.fieldsByLabelTerm = new Map();
      for (const p of this.paragraphs) {
        const terms = labelTerms(p);
        // (Keyed by the label's first word: the rest are checked below.)
        if (terms) (this.fieldsByLabelTerm.get(terms[0]!) ?? this.fieldsByLabelTerm.set(terms[0]!, []).get(terms[0]!)!).push(p);
      }
    }
    const asked = new Set(groups.filter((g) => !entities.includes(g.term)).flatMap((g) => [...g.variants].filter(([, w]) => w === 1).map(([t]) => t)));
    return [...asked].flatMap((t) => this.fieldsByLabelTerm!.get(t) ?? []).filter((p) => labelTerms(p)!.every((t) => asked.has(t)));
  }

  private abstractParagraphs: Paragraph[] | undefined;

  /** The paragraphs that are abstracts (role), found once. */
  private abstracts(): Paragraph[] {
    return (this.abstractParagraphs ??= this.paragraphs.filter((p) => p.role === 'abstract'));
  }

  /** MiniSearch's hits for the query (see `toQuery`), by ExactSearch (postings.ts): the same hits for less work. */
  private poolHits(groups: QueryTermGroup[], weights: ReadonlyMap<string, number>, filter?: (r: { id: string }) => boolean): HitList {
    const terms = this.queryTerms(groups, weights);
    if (this.exactSearch === undefined) this.exactSearch = process.env.STEPPE_EXACT_SEARCH === 'off' ? null : ExactSearch.of(this.search as unknown as MiniSearch<never>);
    const hits = this.exactSearch?.searchList(terms.exact, (t) => weights.get(t) ?? 1, filter, terms.unknown, FUZZY_FOR_UNKNOWN);
    return hits ?? hitList(this.search.search(this.toQuery(terms, weights), { filter }));
  }

  private exactSearch: ExactSearch | null | undefined;

  /**
   * MiniSearch's POOL best hits, and the POOL_BY_COVERAGE hits that hold the most of the
   * question, each question word counted once. MiniSearch sums a score per matching term, so
   * a paragraph naming "Mongol", "Mongolian" and "Mongolia" scores three times for one word
   * of the question and, in a corpus of many documents on the region, the pool fills with
   * them while the paragraph that also holds the question's rare word ("authoritarian")
   * falls out. Coverage: the IDF of each group's best variant present (weighted), MiniSearch's
   * score breaking near-ties. A small corpus has fewer hits than the pool: nothing changes there.
   */
  private pool(hits: HitList, groups: QueryTermGroup[]): ExactHit[] {
    if (hits.length <= POOL) {
      const all: ExactHit[] = [];
      for (let i = 0; i < hits.length; i++) all.push(hits.hit(i));
      return all.sort((a, b) => b.score - a.score);
    }
    const byTerm = new Map<string, Array<{ group: number; weight: number }>>();
    groups.forEach((g, group) => {
      for (const [t, weight] of g.variants) (byTerm.get(t) ?? byTerm.set(t, []).get(t)!).push({ group, weight });
    });
    // Every hit is ranked (tens of thousands at ×1000 the corpus) as the stable sort by score
    // would order them, without sorting them: the POOL best by score (ties: the earlier hit
    // first) kept as they come, as are the POOL_BY_COVERAGE best by coverage (ties: the higher
    // score, then the earlier hit, which is the sorted order's). Only those become objects.
    const topScore: number[] = [];
    const topAt: number[] = [];
    for (let i = 0; i < hits.length; i++) {
      const score = hits.score(i);
      if (topScore.length === POOL && !(score > topScore[POOL - 1]!)) continue;
      let at = topScore.length;
      while (at > 0 && score > topScore[at - 1]!) at--;
      topScore.splice(at, 0, score);
      topAt.splice(at, 0, i);
      if (topScore.length > POOL) {
        topScore.pop();
        topAt.pop();
      }
    }
    const best = new Float64Array(groups.length);
    const maxScore = topScore[0] || 1;
    // What each term counts: its IDF (worked out once a query), and the groups it is a variant of (with their weights).
    const idfOf = (t: string) => this.idf(t);
    const exactIdf = hits.exactTerms.map(idfOf);
    const exactOwners = hits.exactTerms.map((t) => byTerm.get(t));
    const otherIdf = new Map<string, number>();
    let loose = 0;
    const count = (owners: Array<{ group: number; weight: number }> | undefined, idf: number) => {
      // A fuzzy or prefix match of a word the corpus lacks: no group of its own to count in.
      if (!owners) loose = Math.max(loose, FUZZY_POOL_WEIGHT * idf);
      else for (const { group, weight } of owners) best[group] = Math.max(best[group]!, weight * idf);
    };
    const exact = (t: number) => count(exactOwners[t], exactIdf[t]!);
    const other = (t: string) => {
      let idf = otherIdf.get(t);
      if (idf === undefined) otherIdf.set(t, (idf = idfOf(t)));
      count(byTerm.get(t), idf);
    };
    const topRank: number[] = [];
    const topRankScore: number[] = [];
    const topRankAt: number[] = [];
    const beats = (k: number, rank: number, score: number) => rank > topRank[k]! || (rank === topRank[k]! && score > topRankScore[k]!);
    for (let i = 0; i < hits.length; i++) {
      best.fill(0);
      loose = 0;
      hits.visitTerms(i, exact, other);
      let coverage = loose;
      for (let g = 0; g < best.length; g++) coverage += best[g]!;
      const score = hits.score(i);
      const rank = coverage + POOL_BM25_SHARE * coverage * (score / maxScore);
      if (topRank.length === POOL_BY_COVERAGE && !beats(POOL_BY_COVERAGE - 1, rank, score)) continue;
      let at = topRank.length;
      while (at > 0 && beats(at - 1, rank, score)) at--;
      topRank.splice(at, 0, rank);
      topRankScore.splice(at, 0, score);
      topRankAt.splice(at, 0, i);
      if (topRank.length > POOL_BY_COVERAGE) {
        topRank.pop();
        topRankScore.pop();
        topRankAt.pop();
      }
    }
    const out = topAt.map((i) => hits.hit(i));
    const seen = new Set(out.map((h) => h.id));
    for (const i of topRankAt) {
      const h = hits.hit(i);
      if (!seen.has(h.id)) out.push(h);
    }
    return out;
  }

  /**
   * Confidence-weighted score fusion: each passage's re-ranker score plus `weight` × the
   * best score's × its dense score, min–max normalised over the pool. The pool's best few by
   * the dense score join the candidates first (a paraphrase may share too few words with its
   * answer to be among them). A passage's coverage is at least its soft coverage, so that a
   * paraphrase's answer is not dropped as "nothing found".
   */
  private fuseDense(
    dense: DenseSpace,
    weight: number,
    { ranked, pruned, needed, rank }: PrunedRanking & { needed: number; rank: (cs: Candidate[]) => RankedPassage[] },
    candidates: Candidate[],
    pool: Paragraph[],
    question: AnalyzedQuestion,
    groups: QueryTermGroup[],
    surfaces: ReadonlyMap<string, string>,
  ): RankedPassage[] {
    const q = dense.question(surfaces, (t) => this.knows(t));
    const scores = new Map<Paragraph, { soft: number; score: number }>();
    for (const p of [...pool, ...candidates.map((c) => c.paragraph)]) if (!scores.has(p)) scores.set(p, dense.score(p, q));
    // Every candidate is in the ranking, scored or pruned.
    const inRanking = new Set(candidates.map((c) => c.paragraph));
    const extra = [...scores]
      .filter(([p]) => !inRanking.has(p))
      .sort((a, b) => b[1].score - a[1].score)
      .slice(0, DENSE_CANDIDATES)
      .map(([paragraph]) => ({ paragraph, bm25: 0, windowBm25: 0 }));
    // The extras have no BM25: ranked with the candidates' maxima, their features are what one
    // ranking of all would give, and the candidates' need not be computed again. A stable sort
    // of (ranked, extras) orders ties as one of (candidates, extras) would.
    const norms = { maxBm25: Math.max(0, ...candidates.map((c) => c.bm25)), maxWindow: Math.max(0, ...candidates.map((c) => c.windowBm25)) };
    const extraRanked = extra.length ? rankCandidates(extra, question, groups, this.documentTerms, this.sourceNames, norms, this.leadIn, this.termIds) : [];
    let min = Infinity;
    let max = -Infinity;
    for (const { score } of scores.values()) {
      min = Math.min(min, score);
      max = Math.max(max, score);
    }
    const span = max - min || 1;
    // A pruned candidate is below the best, which sets `top`.
    const top = Math.max(0, ...ranked.map((r) => r.score), ...extraRanked.map((r) => r.score));
    const fused = (score: number, p: Paragraph) => score + weight * top * ((scores.get(p)!.score - min) / span);
    // A pruned candidate is scored after all where its bound, fused, can reach the `needed`-th best fused score.
    const best = [...ranked, ...extraRanked].map((r) => fused(r.score, r.paragraph)).sort((a, b) => b - a);
    const threshold = best.length >= needed ? best[needed - 1]! : -Infinity;
    const rescued = pruned.filter(({ candidate, bound }) => fused(bound, candidate.paragraph) >= threshold).map((p) => p.candidate);
    const scored = rescued.length ? inCandidateOrder([...ranked, ...rank(rescued)], candidates) : ranked;
    const all = extraRanked.length ? [...scored, ...extraRanked].sort((a, b) => b.score - a.score) : scored;
    return all
      .map((r) => {
        const d = scores.get(r.paragraph)!;
        return { ...r, score: r.score + weight * top * ((d.score - min) / span), coverage: Math.max(r.coverage, d.soft) };
      })
      .sort((a, b) => b.score - a.score);
  }

  /** Numbers for the terms of passages and queries, shared by window scoring and the dense signal (see windows.ts). */
  private readonly termIds = new TermIds();

  private readonly leadIns = new WeakMap<Paragraph, ReadonlySet<string>>();

  /**
   * The words of the paragraph before when it is a lead-in (it ends in a colon: "Overall, our
   * contributions are:", "The study used three methods:"), up to the list items it introduces.
   */
  private readonly leadIn = (paragraph: Paragraph): ReadonlySet<string> => {
    let terms = this.leadIns.get(paragraph);
    if (!terms) {
      terms = new Set<string>();
      // Back over the list's earlier items (when this paragraph is an item too) to the lead-in.
      const item = LIST_ITEM.test(paragraph.text);
      for (let k = paragraph.ordinal - 1; k >= Math.max(1, paragraph.ordinal - LEAD_IN_REACH); k--) {
        const before = this.corpus.paragraphsById.get(`${paragraph.documentId}/${k}`);
        if (!before || before.section !== paragraph.section) break;
        if (/:\s*$/.test(before.text)) {
          terms = analyzePassage(before).terms;
          break;
        }
        if (!item || !LIST_ITEM.test(before.text)) break;
      }
      this.leadIns.set(paragraph, terms);
    }
    return terms;
  };

  private denseSpace: DenseSpace | null | undefined;

  /** The dense signal's space over the corpus terms, made on first use. Null without vectors. */
  private dense(): DenseSpace | null {
    if (this.denseSpace === undefined) {
      const vectors = this.semantic()?.vectors;
      const n = this.sentenceCount;
      this.denseSpace = vectors && process.env.STEPPE_DENSE !== 'off' ? new DenseSpace(vectors, this.surfaceForm, (t) => this.idf(t), Math.log(1 + (n - 0.5) / 1.5), this.termIds) : null;
    }
    return this.denseSpace;
  }

  /** Close corpus words for question words the corpus lacks: "did you mean". */
  suggest(groups: QueryTermGroup[]): string[] {
    const out: string[] = [];
    const expandable = this.expandable(groups.map((g) => g.term));
    for (const g of groups) {
      if (g.known || !expandable.has(g.term)) continue;
      // The spelling corrections when there are some (cheap, and closest first), else fuzzy neighbours.
      const fixed = this.corrections(g.term, g.surface);
      if (fixed.length) {
        for (const t of fixed) {
          const word = this.surfaceForm.get(t);
          if (word && !out.includes(word)) out.push(word);
        }
        continue;
      }
      for (const word of this.fuzzySuggestions(g.term)) if (!out.includes(word)) out.push(word);
    }
    return out.slice(0, 5);
  }

  /** Fuzzy "did you mean" words for one unknown term: a fuzzy walk of the index's tree, remembered per term (as corrections are). */
  private readonly suggestionCache = new Map<string, readonly string[]>();

  private fuzzySuggestions(term: string): readonly string[] {
    let words = this.suggestionCache.get(term);
    if (words) return words;
    // Ties in alphabetical order: a restored index walks its terms in another order than the built one.
    const near = this.search
      .autoSuggest(term, { fuzzy: 0.3, prefix: true, combineWith: 'OR' })
      .sort((a, b) => b.score - a.score || (a.suggestion < b.suggestion ? -1 : a.suggestion > b.suggestion ? 1 : 0))
      .slice(0, 3);
    const list: string[] = [];
    for (const s of near) {
      for (const t of [...s.terms].sort()) {
        const word = this.surfaceForm.get(t);
        if (word && !list.includes(word)) list.push(word);
      }
    }
    words = list;
    if (this.suggestionCache.size < 10_000) this.suggestionCache.set(term, words);
    return words;
  }

  /** Every surface word of the corpus, most frequent first (autocomplete, suggestions). */
  vocabulary(): string[] {
    return [...this.surfaceForm.entries()]
      .sort((a, b) => (this.documentFrequency.get(b[0]) ?? 0) - (this.documentFrequency.get(a[0]) ?? 0))
      .map(([, w]) => w);
  }
}

/** Each index term of a text with the first word that gave it. */
export function surfaceWords(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const token of indexTokens(text)) {
    const term = normalizeTerm(token);
    if (term && !out.has(term)) out.set(term, token);
  }
  return out;
}

export { analyze };
