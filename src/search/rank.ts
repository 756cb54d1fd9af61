import { sectionName } from '../corpus/text.js';
import type { Paragraph } from '../corpus/types.js';
import { analyze, placeTerms } from './analyzer.js';
import type { AnalyzedQuestion, QuestionType } from './question.js';
import { isAskedQuestion, isPreamble } from './preamble.js';
import { splitSentences, type SentenceSpan } from './sentences.js';
import { savedAnalysis } from './savedAnalyses.js';
import { TermIds, withRoomFor, type PassageIds } from './windows.js';

/**
 * Re-ranking of BM25 candidates. BM25 alone rewards a paragraph for repeating one query word
 * and punishes long paragraphs that hold the answer in one sentence; what the reader wants
 * is the passage that covers *all* of the question, densely, in one place:
 *  - coverage: the IDF-weighted share of question words (or their expansions) present in the
 *    best run of WINDOW sentences (only BM25+'s `d` rewards this in MiniSearch);
 *  - best-sentence density: the same share in the single best sentence (Tellex et al. 2003:
 *    density of query terms works best for QA passages), which also marks that sentence;
 *  - proximity: the question's word pairs near each other, more so in its order;
 *  - question type: "how much" prefers a sentence stating an amount, "when" a year, …;
 *  - entities: the names the question is about, in or next to the best sentence;
 *  - years named in the question must appear in the passage;
 *  - "what is the paper about": the abstract or opening paragraph.
 * Author and year of a source count as present in all of it ("according to Miliate").
 * Sentences and terms of each paragraph are computed once (`analyzePassage`): a query only
 * compares sets.
 */

export interface QueryTermGroup {
  term: string;
  /** The term and its expansions, each with its weight (1 for the word typed). */
  variants: Map<string, number>;
  idf: number;
  known: boolean;
  /** The word typed for the term, when known. */
  surface?: string;
}

export interface RankedPassage {
  paragraph: Paragraph;
  score: number;
  /** The sentence that best answers the question. */
  bestSentence: SentenceSpan;
  /** Index terms of the question found in the passage (for highlighting). */
  matchedTerms: string[];
  /** IDF-weighted share of the question found in the passage, 0–1. */
  coverage: number;
  /** The re-ranker's inputs, for diagnosis and tuning. */
  features: Record<keyof typeof WEIGHTS, number>;
}

export const WEIGHTS = {
  // Paragraph BM25 (normalized by the best candidate's) is kept as a feature for diagnosis but
  // not scored: paragraphs range from 300 to 5,400 characters, and the longest win on BM25 by
  // naming the countries again and again. BM25 over two-sentence windows (`window`) keeps
  // the term-frequency evidence without that length bias.
  bm25: 0,
  window: 0.1,
  coverage: 0.35,
  sentence: 0.6,
  type: 0.25,
  year: 0.15,
  pairs: 0.2,
  entities: 0.2,
  overview: 0.5,
  // A field named for what is asked ("Languages: …" for "what languages …"): measured at 0.3 and 0.6 alike.
  label: 0.3,
} as const;
const WEIGHT_KEYS = Object.keys(WEIGHTS) as Array<keyof typeof WEIGHTS>;
const CAPTION_PENALTY = 0.85;
/** Measured on the PDF questions (hit@3 47 → 48/60) and conversations (first turns 2 → 3/8) at 0.88; 0.96 moved nothing, 0.84 no more. */
const ABSTRACT_DISCOUNT = 0.88;
/**
 * A paragraph that opens as a figure or table caption ("Figure 2 Overview of the options…",
 * "Table 1: Results of…") is one, whatever role its import gave it: PDFs are imported with
 * their captions as body text, and a caption naming the topic ("…in the VESPA package") is
 * about a picture, not an answer.
 */
const CAPTION_OPENING = /^(?:Figure|Fig\.|Table)\s*\d+[.:]?\s/;
const isCaption = (paragraph: Paragraph): boolean => paragraph.role === 'caption' || CAPTION_OPENING.test(paragraph.text);
/**
 * "Overall, our contributions are:" as a paragraph of its own, the list below it: the list's
 * coverage counts the lead-in's words at this share, as it does the section title's.
 */
const LENT_WEIGHT = 0.8;
/**
 * A document whose topic title names only other places than the question asks about counts at
 * this share. Measured among the 118 texts: their own questions 42 → 43 of 58 at rank 1 (50 → 51
 * in the top 3), the held-out ones 8 → 9 of 10 in the top 3, the project's questions among them
 * 37 → 38 of 45; the same at 0.75 and 0.92; the two articles and the PDFs unchanged (their
 * titles name no place alone).
 */
const ELSEWHERE = 0.85;
const PLACE_TERMS = placeTerms();
/**
 * A sentence about the text itself ("This section will now analyze…", see preamble.ts)
 * announces an answer without giving it: it is chosen as the best sentence only at this
 * share of its score, and a passage whose best sentence is still one scores this much less.
 */
const PREAMBLE_SENTENCE = 0.75;
const PREAMBLE_PASSAGE = 0.92;
/**
 * A sentence that asks (a reporter's question in a press call, an article's own "What explains
 * …?") restates a question in its words without answering it: chosen as the best sentence at
 * this share of its score, and a passage whose best sentence still asks scores this much less.
 */
const ASKED_SENTENCE = 0.75;
const ASKED_PASSAGE = 0.92;
/** Sentences in the window that measures coverage. */
const WINDOW = 3;

const MONEY = /\$\s?\d|\b\d[\d.,]*\s*(?:million|billion|thousand|M|K|B)\b|\bUS\$/;
// (A magnitude written as a letter counts too: "280M nodes", "81.1M papers", "10k users".)
const COUNT = /\b\d{1,3}(?:,\d{3})+\b|\b\d+(?:\.\d+)?\s*(?:percent|%|million|billion|thousand|[kKMB]\b)|\b(?:[2-9]\d|\d{3,})\b(?!\d)/;
const YEAR = /\b(?:1[89]|20)\d\d\b/;

/**
 * Author–date citations name years and authors that are not what the passage is about:
 * "(Chatzky 2019)" must not make a passage look like it is about 2019.
 */
export function withoutCitations(text: string): string {
  return text.replace(/\((?=[^()]*\p{Lu}|[^()]*ibid)[^()]*\b(?:1[89]|20)\d\d[a-z]?\b[^()]*\)/gu, ' ');
}

/**
 * IDF-weighted share of the question found, from each group's best weight present (0 when
 * absent, the variant's weight when an expansion stands in for the word typed).
 */
function share(found: ArrayLike<number>, groups: QueryTermGroup[], totalIdf: number, offset = 0): number {
  if (totalIdf <= 0) return 0;
  let sum = 0;
  for (let g = 0; g < groups.length; g++) if (groups[g]!.idf > 0) sum += groups[g]!.idf * found[offset + g]!;
  return sum / totalIdf;
}

/** The same from the other side, for a few terms: each variant's groups and weights, by term and as a list. */
interface VariantTable {
  byTerm: ReadonlyMap<string, ReadonlyArray<{ group: number; weight: number }>>;
  entries: ReadonlyArray<readonly [string, ReadonlyArray<{ group: number; weight: number }>]>;
  /** Every (variant, group) pair, in group order. */
  list: ReadonlyArray<{ term: string; group: number; weight: number }>;
}
/**
 * Raises `out[group]` to the weight of each variant found in `terms`: for the few sets of
 * words a document or its context lends (sentences are matched by term number, see `QueryTable`).
 */
function raiseWeights(out: Float64Array, terms: ReadonlySet<string>, variants: VariantTable): Float64Array {
  if (terms.size === 0) return out;
  for (let i = 0; i < variants.entries.length; i++) {
    const [term, list] = variants.entries[i]!;
    if (terms.has(term)) for (let j = 0; j < list.length; j++) if (list[j]!.weight > out[list[j]!.group]!) out[list[j]!.group] = list[j]!.weight;
  }
  return out;
}

/**
 * The question's (variant, group) entries by term number, installed in arrays shared by the
 * queries of one TermIds and stamped per query (as windows.ts and dense.ts do): a sentence's
 * terms are then matched by an array lookup each instead of a string hash (the re-ranker was
 * the largest stage of an answer's CPU).
 * Entry `e` is `variants.list[e]`; the entries of term number `id` are
 * `order[from[id]]`…`order[to[id] - 1]`, in list order, when `stamp[id] === generation`.
 */
interface QueryTable {
  stamp: Int32Array;
  from: Int32Array;
  to: Int32Array;
  generation: number;
  order: Int32Array;
  group: Int32Array;
  weight: Float64Array;
}

/** Per TermIds: the stamped arrays, grown with it. */
const queryTables = new WeakMap<TermIds, { stamp: Int32Array; from: Int32Array; to: Int32Array; generation: number }>();

function queryTable(ids: TermIds, list: VariantTable['list']): QueryTable {
  let shared = queryTables.get(ids);
  if (!shared) queryTables.set(ids, (shared = { stamp: new Int32Array(1024), from: new Int32Array(1024), to: new Int32Array(1024), generation: 0 }));
  shared.stamp = withRoomFor(shared.stamp, ids.size);
  shared.from = withRoomFor(shared.from, ids.size);
  shared.to = withRoomFor(shared.to, ids.size);
  const generation = ++shared.generation;
  const { stamp, from, to } = shared;
  const group = new Int32Array(list.length);
  const weight = new Float64Array(list.length);
  const idOf = new Int32Array(list.length).fill(-1);
  const numbered: number[] = [];
  // A term no numbered passage has gets no number (a question's words must not grow the
  // vocabulary), and cannot match.
  for (let e = 0; e < list.length; e++) {
    group[e] = list[e]!.group;
    weight[e] = list[e]!.weight;
    const id = ids.lookup(list[e]!.term);
    if (id === undefined) continue;
    idOf[e] = id;
    if (stamp[id] !== generation) {
      stamp[id] = generation;
      to[id] = 0;
      numbered.push(id);
    }
    to[id] = to[id]! + 1;
  }
  // Counting sort by term number, each term's entries in list order.
  let at = 0;
  for (const id of numbered) {
    from[id] = at;
    at += to[id]!;
    to[id] = from[id]!;
  }
  const order = new Int32Array(at);
  for (let e = 0; e < list.length; e++) {
    const id = idOf[e]!;
    if (id >= 0) order[to[id]!++] = e;
  }
  return { stamp, from, to, generation, order, group, weight };
}

/** Raises `out[offset + group]` to the weight of each variant among the term numbers `terms[start…end)`. */
function raiseById(out: Float64Array, offset: number, terms: Int32Array, start: number, end: number, t: QueryTable): void {
  const { stamp, from, to, generation, order, group, weight } = t;
  for (let i = start; i < end; i++) {
    const id = terms[i]!;
    if (stamp[id] !== generation) continue;
    for (let j = from[id]!, stop = to[id]!; j < stop; j++) {
      const e = order[j]!;
      const at = offset + group[e]!;
      if (weight[e]! > out[at]!) out[at] = weight[e]!;
    }
  }
}

/**
 * What the re-ranker needs of a passage as term numbers: its sentences' (window scoring's:
 * each sentence's sequence, repeats included, which change no maximum) and the passage's
 * terms (text and section title: `AnalyzedPassage.terms`, which the sentences' need not add
 * up to exactly).
 */
interface RankIds {
  passage: PassageIds;
  terms: Int32Array;
}

const rankIds = new WeakMap<PassageIds, RankIds>();

function rankIdsOf(passage: AnalyzedPassage, ids: TermIds): RankIds {
  const numbered = ids.passage(passage);
  let out = rankIds.get(numbered);
  if (out) return out;
  const terms = new Int32Array(passage.terms.size);
  let j = 0;
  for (const t of passage.terms) terms[j++] = ids.id(t);
  out = { passage: numbered, terms };
  rankIds.set(numbered, out);
  return out;
}

/** Term numbers for `rankCandidates` called without the index's. */
const defaultIds = new TermIds();

/** Reused scratch, grown as needed: the re-ranker allocates little per candidate (GC shows in the 99th percentile). */
const scratch = { inSentence: new Float64Array(256), pairs: new Float64Array(256), present: new Uint8Array(64) };
function scratchFor(name: 'inSentence' | 'pairs', size: number): Float64Array {
  if (scratch[name].length < size) scratch[name] = new Float64Array(size * 2);
  return scratch[name];
}

/**
 * The question's neighbouring word pairs ("third neighbor", "weak state") found near each
 * other in a sentence: proximity (Tao & Zhai 2007) without a phrase index, as in the
 * sequential dependence model (Metzler & Croft 2005): a pair within PAIR_SPAN words either
 * way counts, and counts more as the exact phrase, in the question's order
 * ("China–Mongolia–Russia corridor"). One value per pair: 0, 1 (near) or 1 + ORDERED_PAIR_BONUS.
 */
const PAIR_SPAN = 3;
const ORDERED_PAIR_BONUS = 0.5;
/** Into `out[offset…offset + groupCount - 1)`, zeroed first: the pairs of the term numbers `seq[start…end)`. */
function sentencePairs(seq: Int32Array, start: number, end: number, t: QueryTable, groupCount: number, out: Float64Array, offset: number): void {
  for (let g = 0; g < groupCount - 1; g++) out[offset + g] = 0;
  if (groupCount < 2) return;
  const { stamp, from, to, generation, order, group } = t;
  // Each position against the PAIR_SPAN positions before it (a hot loop: no temporary arrays).
  for (let j = start + 1; j < end; j++) {
    const later = seq[j]!;
    if (stamp[later] !== generation) continue;
    for (let k = 1; k <= PAIR_SPAN && k <= j - start; k++) {
      const earlier = seq[j - k]!;
      if (earlier === later || stamp[earlier] !== generation) continue;
      for (let a = from[earlier]!; a < to[earlier]!; a++) {
        for (let b = from[later]!; b < to[later]!; b++) {
          const ga = group[order[a]!]!;
          const gb = group[order[b]!]!;
          // In the question's order, and adjacent: the phrase itself.
          if (gb === ga + 1) out[offset + ga] = Math.max(out[offset + ga]!, k === 1 ? 1 + ORDERED_PAIR_BONUS : 1);
          else if (ga === gb + 1) out[offset + gb] = Math.max(out[offset + gb]!, 1);
        }
      }
    }
  }
}

/**
 * How much the answer type tells: a "how much" question is answered by a sentence with an
 * amount (a factoid's answer type is close to a constraint), while the markers of a cause or
 * a definition ("because", "is") are weak, common cues.
 */
export const TYPE_RELIABILITY: Record<AnalyzedQuestion['type'], number> = {
  amount: 1,
  count: 1,
  year: 1,
  cause: 0.4,
  list: 0.4,
  // A definition's full cue ("We introduce S2ORC, a large corpus…") is reliable; its weak
  // one ("is") fits at half (TYPE_FIT). At 0.4 the abstract introducing S2ORC lost to a
  // sentence naming it in a paper that names it in every paragraph; every question set the same at 0.7.
  definition: 0.7,
  person: 0,
  overview: 0,
  other: 0,
};

const INTRODUCES = /\b(?:we|this (?:paper|article|study|work|report)|the (?:paper|article|study))\s+(?:here\s+)?(?:present|introduce|propose|describe|define|develop)s?\b|\b(?:refers? to|is defined as|is known as|stands for)\b/i;

function typeFit(text: string, type: AnalyzedQuestion['type']): number {
  switch (type) {
    case 'amount':
      return MONEY.test(text) ? 1 : 0;
    case 'count':
      return COUNT.test(text.replace(/\b(?:1[89]|20)\d\d\b/g, '')) ? 1 : 0;
    case 'year':
      return YEAR.test(text) ? 1 : 0;
    case 'cause':
      return /\b(because|due to|owing to|result(?:ed)? (?:of|from)|reason|explain|barrier|since|caus)/i.test(text) ? 1 : 0;
    case 'list':
      // An enumeration: "Kazakhstan, Kyrgyzstan, and Uzbekistan", or numbered: "(1) the Northern corridor …; (2) …".
      return /\p{Lu}[\p{L}-]+(?:,\s+\p{Lu}[\p{L}-]+)+,?\s+(?:and|or)\s+\p{Lu}/u.test(text) || /\(\s*(?:1|a|i)\s*\)[^()]{2,300}\(\s*(?:2|b|ii)\s*\)/.test(text) ? 1 : 0;
    case 'definition':
      // A sentence that introduces something says what it is: "We present SPECTER, a model
      // for…", "this paper introduces…"; a copula is a weaker cue ("is" is everywhere).
      if (INTRODUCES.test(text)) return 1;
      return /\b(is|are|refers to|means|defined as|known as)\b/i.test(text) ? 0.5 : 0;
    default:
      return 0;
  }
}

/**
 * How well a paragraph summarizes its source, for "what is the paper about": the abstract,
 * then the opening paragraph, then an introduction or conclusion.
 */
const LABEL_JOINERS = new Set(['of', 'and', 'the', 'a', 'an', 'in', 'for', 'to', 'or', 'on']);

/**
 * A paragraph that opens with a field's name: "Languages: Uzbek (official) 74.3%, …", "Methods:
 * we interviewed …", "Inflation rate (consumer prices): 2024: 8.8%" (a qualifier in brackets
 * is not part of the name: group 1 is "Inflation rate").
 */
const FIELD_LABEL = /^\s*([\p{L}][\p{L} ,'&/-]{1,38}?)(?:\s*\([^()]{1,40}\))?:\s+\S/u;

/**
 * 1 when the paragraph opens with a field's name whose words the question asks for ("what
 * languages are spoken in Uzbekistan?" and "Languages: …"): the field holds the answer, in
 * whatever words it gives it. Names of places do not count (they say where, not what).
 */
export function labelFit(paragraph: Paragraph, groups: readonly QueryTermGroup[], entities: readonly string[], askedFor: readonly string[] = NO_TERMS_ASKED): number {
  const terms = labelTerms(paragraph);
  if (!terms) {
    // A short section title names what its paragraphs hold: "Methods" what "what methods did the
    // study use?" asks for — the thing asked for, not the topic ("is internet access worse?"
    // is not answered by every section called "Internet").
    const section = askedFor.length ? sectionLabelTerms(paragraph) : null;
    return section?.every((t) => askedFor.includes(t)) ? 1 : 0;
  }
  const asked = groups.filter((g) => !entities.includes(g.term));
  return terms.every((t) => asked.some((g) => g.variants.get(t) === 1)) ? 1 : 0;
}
const NO_TERMS_ASKED: readonly string[] = [];

/** The index terms of a section title of one or two words (numbering aside: "3.2 Methods"), or null. */
function sectionLabelTerms(paragraph: Paragraph): readonly string[] | null {
  const section = paragraph.section;
  if (!section) return null;
  let terms = sectionLabelsOf.get(section);
  if (terms === undefined) {
    terms = null;
    const words = sectionName(section).split(/[\s,/&'-]+/).filter((w) => w && !LABEL_JOINERS.has(w.toLowerCase()));
    if (words.length > 0 && words.length <= 2) {
      const found = words.map((w) => analyze(w)[0]);
      if (found.every((t) => t !== undefined)) terms = found as string[];
    }
    // (Bounded: section titles are the corpus's, a few thousand at most.)
    if (sectionLabelsOf.size < 50_000) sectionLabelsOf.set(section, terms);
  }
  return terms;
}
const sectionLabelsOf = new Map<string, readonly string[] | null>();

/**
 * The index terms of the paragraph's field label, one a word, or null when it has no label
 * that can fit (none, more than four words, a word with no term). A property of the text
 * alone, kept per paragraph: labelFit runs for every paragraph of every pool, and the
 * label's regular expression and the words' analysis cost far more than the lookup.
 */
export function labelTerms(paragraph: Paragraph): readonly string[] | null {
  let terms = labelTermsOf.get(paragraph);
  if (terms === undefined) {
    terms = null;
    const label = FIELD_LABEL.exec(paragraph.text)?.[1];
    if (label && label.split(/\s+/).length <= 4) {
      // Every word of the label, not only those the index keeps: "Author Contributions" is not "Contributions".
      const words = label.split(/[\s,/&'-]+/).filter((w) => w && !LABEL_JOINERS.has(w.toLowerCase()));
      const found = words.map((w) => analyze(w)[0]);
      if (found.length > 0 && found.every((t) => t !== undefined)) terms = found as string[];
    }
    labelTermsOf.set(paragraph, terms);
  }
  return terms;
}
const labelTermsOf = new WeakMap<Paragraph, readonly string[] | null>();

export function overviewFit(paragraph: Paragraph): number {
  if (paragraph.role === 'abstract') return 1;
  if (paragraph.role !== 'body') return 0;
  if (paragraph.ordinal === 1) return 0.75;
  // (Numbered or not: a PDF's "1 Introduction", "5 Conclusion".)
  return /^(?:introduction|conclusions?|summary|concluding)/i.test(sectionName(paragraph.section)) ? 0.5 : 0;
}

/** What a question may say about a source rather than its content: "according to Miliate", "the 2013 op-ed". */
export interface SourceNames {
  /** Index terms of the authors' names and of the year. */
  terms: ReadonlySet<string>;
  year: number;
}

interface Candidate {
  paragraph: Paragraph;
  bm25: number;
  /** BM25 of the paragraph's best sentence window. */
  windowBm25: number;
}

export interface AnalyzedSentence {
  span: SentenceSpan;
  /** Index terms in order (of the sentence without author–date citations). */
  sequence: string[];
  /**
   * typeFit of the sentence by question type, filled in as asked: two bits a type (see
   * `TYPE_SLOT`; 0 not yet known, 1 no fit, 2 a weak fit, 3 a full fit). A number, not an object filled in per
   * type: nothing to allocate per sentence, and one shape for every sentence.
   */
  typeFits: number;
  /** About the text itself rather than its subject (see preamble.ts). */
  preamble: boolean;
  /** A question of its own ("Can you speak to …?": see `isAskedQuestion`). */
  asks: boolean;
}

function sentenceTypeFit(sentence: AnalyzedSentence, type: QuestionType, counted: readonly string[] = NO_COUNTED): number {
  const slot = TYPE_SLOT[type];
  if (slot < 0) return 0;
  let known = (sentence.typeFits >> (2 * slot)) & 3;
  if (known === 0) {
    // The text without citations is made again here, not kept: a copy of every analysed
    // sentence was a fifth of the analyses' heap, for a test made once per sentence and type.
    const fits = typeFit(withoutCitations(sentence.span.text), type);
    known = fits >= 1 ? 3 : fits > 0 ? 2 : 1;
    sentence.typeFits |= known << (2 * slot);
  }
  // 3: a full fit; 2: the type's weaker cue (a definition's "is"); 1: none.
  const fit = known === 3 ? 1 : known === 2 ? TYPE_FIT[type] : 0;
  // "How many papers…": a number counting papers ("81.1M papers", "13 papers mention") answers;
  // any other number in the sentence less surely. (A small one too: "13 papers", "five
  // students a year" are counts, though a bare 13 or five is too often a section or a rank.)
  if (type === 'count' && counted.length) {
    if (countsThem(sentence.sequence, counted)) return 1;
    return COUNT_OF_SOMETHING_ELSE * fit;
  }
  return fit;
}

const NO_COUNTED: readonly string[] = [];
/** Each question type's two bits in `AnalyzedSentence.typeFits`; −1: typeFit is always 0 for it. */
const TYPE_SLOT: Record<QuestionType, number> = { amount: 0, count: 1, year: 2, cause: 3, list: 4, definition: 5, person: -1, overview: -1, other: -1 };
/** What a sentence that fits by the type's weaker cue gets (typeFit gives 0, this, or 1). */
const TYPE_FIT: Record<QuestionType, number> = { amount: 1, count: 1, year: 1, cause: 1, list: 1, definition: 0.5, person: 0, overview: 0, other: 0 };
/** The type fit of a sentence whose numbers count something other than what "how many" asks. */
const COUNT_OF_SOMETHING_ELSE = 0.5;

/** Number words as the analyzer leaves them (stemmed: "twelv", "dozen"). */
const NUMBER_WORDS = new Set(['three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelv', 'twenti', 'thirti', 'forti', 'fifti', 'hundr', 'dozen']);

const YEAR_TERM = /^(?:1[89]|20)\d\d$/;

/** A number (or a number word) followed within three terms by one of the counted terms. */
function countsThem(sequence: readonly string[], counted: readonly string[]): boolean {
  for (let i = 0; i < sequence.length; i++) {
    // (Read for every sentence of every candidate of a "how many": the first character first.)
    const term = sequence[i]!;
    const first = term.charCodeAt(0);
    const digit = first >= 48 && first <= 57;
    if (!digit && !NUMBER_WORDS.has(term)) continue;
    // (A year is no count: "1839–1840 was a failed Russian attempt".)
    if (digit && term.length === 4 && YEAR_TERM.test(term)) continue;
    for (let k = i + 1; k <= i + 3 && k < sequence.length; k++) if (counted.includes(sequence[k]!)) return true;
  }
  return false;
}

/** What the re-ranker needs of a paragraph, independent of the question: computed once. */
export interface AnalyzedPassage {
  sentences: AnalyzedSentence[];
  /** Index terms of the text (without citations) and of the section title. */
  terms: Set<string>;
  sectionTerms: Set<string>;
}

const analyses = new WeakMap<Paragraph, AnalyzedPassage>();

/** The paragraph's sentences and terms, analysed now (see `analyzePassage` for the cached one). */
export function passageAnalysis(paragraph: Paragraph): AnalyzedPassage {
  const plain = withoutCitations(paragraph.text);
  const sentences = splitSentences(paragraph.text).map((span) => {
    const sentencePlain = withoutCitations(span.text);
    return { span, sequence: analyze(sentencePlain), typeFits: 0, preamble: isPreamble(span.text), asks: isAskedQuestion(span.text) };
  });
  if (sentences.length === 0) {
    sentences.push({ span: { text: paragraph.text, start: 0, end: paragraph.text.length }, sequence: [], typeFits: 0, preamble: false, asks: false });
  }
  const sectionTerms = new Set(analyze(paragraph.section ?? ''));
  return { sentences, terms: new Set([...analyze(plain), ...sectionTerms]), sectionTerms };
}

/**
 * The paragraph's analysis, kept once computed. Only paragraphs that become candidates are
 * analysed this way, so memory grows with what is asked, not with the corpus.
 */
export function analyzePassage(paragraph: Paragraph): AnalyzedPassage {
  let a = analyses.get(paragraph);
  // Saved with the index when it was restored (savedAnalyses.ts): read, not made again.
  if (!a) analyses.set(paragraph, (a = savedAnalysis(paragraph) ?? passageAnalysis(paragraph)));
  return a;
}

const NO_TERMS: ReadonlySet<string> = new Set();

/** The share of the question's years in the text (without citations), or the source's own year ("the 2013 op-ed") at half credit. */
function yearsFit(paragraph: Paragraph, years: readonly number[], names: SourceNames | undefined): number {
  // The text without citations is made again, not kept with the analysis (see
  // sentenceTypeFit), and only for a paragraph whose text has the year at all: taking
  // citations out, each for a space, makes no new run of digits.
  let plain: string | undefined;
  let sum = 0;
  for (const y of years) {
    const year = String(y);
    sum += paragraph.text.includes(year) && (plain ??= withoutCitations(paragraph.text)).includes(year) ? 1 : names?.year === y ? 0.5 : 0;
  }
  return sum / years.length;
}

export function rankCandidates(
  candidates: Candidate[],
  question: AnalyzedQuestion,
  groups: QueryTermGroup[],
  documentTerms: ReadonlyMap<string, ReadonlySet<string>> = new Map(),
  sourceNames: ReadonlyMap<string, SourceNames> = new Map(),
  /**
   * The BM25 and window-BM25 maxima to normalise by, when these candidates join others already
   * ranked (their features then read exactly as if all had been ranked together). Default:
   * these candidates' own.
   */
  norms?: { maxBm25: number; maxWindow: number },
  /** Terms a paragraph's context lends it (the words of a lead-in ending in a colon: see index.ts `leadIn`). */
  lent: (paragraph: Paragraph) => ReadonlySet<string> = () => NO_TERMS,
  /** The index's term numbers (shared with window scoring and the dense signal). */
  ids: TermIds = defaultIds,
): RankedPassage[] {
  let maxBm25 = 0;
  let maxWindow = 0;
  for (const c of candidates) {
    maxBm25 = Math.max(maxBm25, c.bm25);
    maxWindow = Math.max(maxWindow, c.windowBm25);
  }
  if (norms) ({ maxBm25, maxWindow } = norms);
  const totalIdf = groups.reduce((sum, g) => sum + Math.max(0, g.idf), 0);
  const reliability = TYPE_RELIABILITY[question.type];
  const entityIndexes = groups.flatMap((g, i) => (question.entities.includes(g.term) ? [i] : []));
  const variantIndex = new Map<string, Array<{ group: number; weight: number }>>();
  groups.forEach((g, i) => {
    for (const [t, weight] of g.variants) {
      let list = variantIndex.get(t);
      if (!list) variantIndex.set(t, (list = []));
      list.push({ group: i, weight });
    }
  });
  const variants: VariantTable = {
    byTerm: variantIndex,
    entries: [...variantIndex],
    list: groups.flatMap((g, group) => [...g.variants].map(([term, weight]) => ({ term, group, weight }))),
  };
  const n = groups.length;
  // Every candidate's terms numbered first: a question term none of them has then has no number.
  const numbered = candidates.map(({ paragraph }) => rankIdsOf(analyzePassage(paragraph), ids));
  const table = queryTable(ids, variants.list);
  const entryCount = variants.list.length;
  if (scratch.present.length < entryCount) scratch.present = new Uint8Array(entryCount * 2);
  const present = scratch.present;
  // What a document's names and source words hold of the question: the same for each of its candidates.
  const byDocument = new Map<string, { names: Float64Array; source: Float64Array; sourceHas: Uint8Array; elsewhere: boolean }>();
  const placeGroups = groups.filter((g) => question.entities.includes(g.term) && PLACE_TERMS.has(g.term));
  const found = new Float64Array(n);
  const ranked = candidates.map(({ paragraph, bm25, windowBm25 }, c) => {
    const passage = analyzePassage(paragraph);
    const { sentences } = passage;
    const termIds = numbered[c]!;
    // Words naming the source (author, title, venue, year) count for every paragraph of it;
    // the author and year also for every sentence ("what does Miliate say…", "the 2013 op-ed").
    const sourceTerms = documentTerms.get(paragraph.documentId) ?? NO_TERMS;
    const names = sourceNames.get(paragraph.documentId);
    let document = byDocument.get(paragraph.documentId);
    if (!document) {
      const sourceHas = new Uint8Array(entryCount);
      for (let e = 0; e < entryCount; e++) sourceHas[e] = sourceTerms.has(variants.list[e]!.term) ? 1 : 0;
      const titlePlaces = placeGroups.length && names ? [...names.terms].filter((t) => PLACE_TERMS.has(t)) : [];
      const elsewhere = titlePlaces.length > 0 && !placeGroups.some((g) => titlePlaces.some((t) => g.variants.has(t)));
      document = {
        elsewhere,
        names: raiseWeights(new Float64Array(n), names?.terms ?? NO_TERMS, variants),
        source: raiseWeights(new Float64Array(n), sourceTerms, variants),
        sourceHas,
      };
      byDocument.set(paragraph.documentId, document);
    }
    const nameWeights = document.names;
    // Each sentence's best weight per group, sentence i at i × n: the source's names, then its own terms.
    const inSentence = scratchFor('inSentence', sentences.length * n);
    for (let i = 0; i < sentences.length; i++) {
      inSentence.set(nameWeights, i * n);
      raiseById(inSentence, i * n, termIds.passage.sequence, i === 0 ? 0 : termIds.passage.ends[i - 1]!, termIds.passage.ends[i]!, table);
    }
    const inContext = document.source.slice();
    raiseById(inContext, 0, termIds.passage.section, 0, termIds.passage.section.length, table);
    for (const t of lent(paragraph)) {
      for (const { group, weight } of variantIndex.get(t) ?? []) inContext[group] = Math.max(inContext[group]!, LENT_WEIGHT * weight);
    }

    // The sentence that best answers: the one the sentence and type features together prefer.
    let best = 0;
    let bestScore = -1;
    let bestTypeFit = 0;
    for (let i = 0; i < sentences.length; i++) {
      const fit = sentenceTypeFit(sentences[i]!, question.type, question.counted);
      if (fit > bestTypeFit) bestTypeFit = fit;
      let score = WEIGHTS.sentence * share(inSentence, groups, totalIdf, i * n) + WEIGHTS.type * reliability * fit;
      if (sentences[i]!.preamble) score *= PREAMBLE_SENTENCE;
      if (sentences[i]!.asks) score *= ASKED_SENTENCE;
      if (score > bestScore) {
        best = i;
        bestScore = score;
      }
    }

    // Coverage and proximity in the best run of WINDOW sentences: long paragraphs get no
    // credit for scattering the question's words over many sentences.
    // A pair needs two of the question's words in one sentence: most sentences are skipped.
    const pairWidth = Math.max(0, n - 1);
    const pairsIn = scratchFor('pairs', sentences.length * pairWidth);
    const { sequence, ends } = termIds.passage;
    for (let i = 0; i < sentences.length; i++) {
      let held = 0;
      for (let g = 0; g < n; g++) if (inSentence[i * n + g]! > 0) held++;
      if (held >= 2) sentencePairs(sequence, i === 0 ? 0 : ends[i - 1]!, ends[i]!, table, n, pairsIn, i * pairWidth);
      else for (let g = 0; g < pairWidth; g++) pairsIn[i * pairWidth + g] = 0;
    }
    let windowCoverage = 0;
    let pairs = 0;
    for (let i = 0; i < Math.max(1, sentences.length - WINDOW + 1); i++) {
      const end = Math.min(sentences.length, i + WINDOW);
      for (let g = 0; g < n; g++) {
        found[g] = inContext[g]!;
        for (let k = i; k < end; k++) found[g] = Math.max(found[g]!, inSentence[k * n + g]!);
      }
      windowCoverage = Math.max(windowCoverage, share(found, groups, totalIdf));
      if (n > 1) {
        let sum = 0;
        for (let g = 0; g < n - 1; g++) {
          let value = 0;
          for (let k = i; k < end; k++) value = Math.max(value, pairsIn[k * pairWidth + g]!);
          sum += value;
        }
        pairs = Math.max(pairs, sum / ((n - 1) * (1 + ORDERED_PAIR_BONUS)));
      }
    }

    // Are the names the question is about in the answering sentence (or its neighbours)?
    let entitiesNear = 0;
    for (let e = 0; e < entityIndexes.length; e++) {
      const g = entityIndexes[e]!;
      for (let k = Math.max(0, best - 1); k < Math.min(sentences.length, best + 2); k++) {
        if (inSentence[k * n + g]! > 0) {
          entitiesNear++;
          break;
        }
      }
    }
    const entities = entityIndexes.length ? entitiesNear / entityIndexes.length : 0;
    // A year in the text, or the source's own year ("the 2013 op-ed") at half credit.
    const yearFit = question.years.length ? yearsFit(paragraph, question.years, names) : 0;
    const features = {
      bm25: maxBm25 > 0 ? bm25 / maxBm25 : 0,
      window: maxWindow > 0 ? windowBm25 / maxWindow : 0,
      coverage: windowCoverage,
      sentence: share(inSentence, groups, totalIdf, best * n),
      type: reliability * Math.max(sentenceTypeFit(sentences[best]!, question.type, question.counted), 0.5 * bestTypeFit),
      year: yearFit,
      pairs,
      entities,
      overview: question.type === 'overview' ? overviewFit(paragraph) : 0,
      label: labelFit(paragraph, groups, question.entities, question.askedFor),
    };
    let score = 0;
    for (let k = 0; k < WEIGHT_KEYS.length; k++) score += WEIGHTS[WEIGHT_KEYS[k]!] * features[WEIGHT_KEYS[k]!];
    if (isCaption(paragraph)) score *= CAPTION_PENALTY;
    // A document whose title names another place than the question's ("Demographics of
    // Tajikistan" for the languages of Uzbekistan): about that place, whoever it mentions.
    if (document.elsewhere) score *= ELSEWHERE;
    // An abstract restates in passing what the paper's body says in full: not first by default
    // for a question of a detail (a paper's summary still leads for what it is about, or is).
    if (paragraph.role === 'abstract' && question.type !== 'overview' && question.type !== 'definition') score *= ABSTRACT_DISCOUNT;
    // An overview question asks for exactly what signposts say.
    if (sentences[best]!.preamble && question.type !== 'overview') score *= PREAMBLE_PASSAGE;
    if (sentences[best]!.asks) score *= ASKED_PASSAGE;
    // The variants in the paragraph (its text, its section title) or its source's words: highlighted, and its coverage.
    present.set(document.sourceHas);
    {
      const { stamp, from, to, generation, order } = table;
      const terms = termIds.terms;
      for (let i = 0; i < terms.length; i++) {
        const id = terms[i]!;
        if (stamp[id] === generation) for (let j = from[id]!; j < to[id]!; j++) present[order[j]!] = 1;
      }
    }
    const matchedTerms: string[] = [];
    found.fill(0);
    for (let e = 0; e < entryCount; e++) {
      if (!present[e]) continue;
      const { term, group, weight } = variants.list[e]!;
      matchedTerms.push(term);
      if (weight > found[group]!) found[group] = weight;
    }
    // For "what is the paper about", how well the passage sums up its source is what it covers.
    const coverage = Math.max(share(found, groups, totalIdf), features.overview);
    return { paragraph, score, bestSentence: sentences[best]!.span, matchedTerms, coverage, features };
  });
  return ranked.sort((a, b) => b.score - a.score);
}
