import type { Paragraph } from '../corpus/types.js';
import { analyze } from './analyzer.js';
import type { AnalyzedQuestion } from './question.js';
import { splitSentences, type SentenceSpan } from './sentences.js';

/**
 * Re-ranking of BM25 candidates. BM25 alone rewards a paragraph for repeating one query word
 * and punishes long paragraphs that hold the answer in one sentence; what the reader wants
 * is the passage that covers *all* of the question, densely, in one place:
 *  - coverage: the IDF-weighted share of question words (or their expansions) present
 *    (only BM25+'s `d` rewards this in MiniSearch);
 *  - best-sentence density: the same share in the single best sentence (Tellex et al. 2003:
 *    density of query terms works best for QA passages), which also marks that sentence;
 *  - question type: "how much" prefers a sentence stating an amount, "when" a year, …;
 *  - years named in the question must appear in the passage.
 */

export interface QueryTermGroup {
  term: string;
  /** The term and its expansions, each with its weight (1 for the word typed). */
  variants: Map<string, number>;
  idf: number;
  known: boolean;
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

export const WEIGHTS = { bm25: 0.15, window: 0.1, coverage: 0.35, sentence: 0.6, type: 0.1, year: 0.15, pairs: 0.2, entities: 0.2 } as const;
const CAPTION_PENALTY = 0.85;
/** Sentences in the window that measures coverage. */
const WINDOW = 3;

const MONEY = /\$\s?\d|\b\d[\d.,]*\s*(?:million|billion|thousand|M|K|B)\b|\bUS\$/;
const COUNT = /\b\d{1,3}(?:,\d{3})+\b|\b\d+(?:\.\d+)?\s*(?:percent|%|million|thousand)\b|\b(?:[2-9]\d|\d{3,})\b(?!\d)/;
const YEAR = /\b(?:1[89]|20)\d\d\b/;

/**
 * Author–date citations name years and authors that are not what the passage is about:
 * "(Chatzky 2019)" must not make a passage look like it is about 2019.
 */
export function withoutCitations(text: string): string {
  return text.replace(/\((?=[^()]*\p{Lu}|[^()]*ibid)[^()]*\b(?:1[89]|20)\d\d[a-z]?\b[^()]*\)/gu, ' ');
}

function coverage(terms: ReadonlySet<string>, groups: QueryTermGroup[]): number {
  let total = 0;
  let found = 0;
  for (const g of groups) {
    if (g.idf <= 0) continue;
    total += g.idf;
    let best = 0;
    for (const [t, w] of g.variants) if (terms.has(t) && w > best) best = w;
    found += g.idf * best;
  }
  return total > 0 ? found / total : 0;
}

/**
 * Share of the question's neighbouring word pairs ("third neighbor", "weak state") that
 * stand within PAIR_SPAN words of each other in one sentence of the window: proximity
 * (Tao & Zhai 2007) without a phrase index.
 */
const PAIR_SPAN = 3;
function pairProximity(sentences: string[][], groups: QueryTermGroup[]): number {
  if (groups.length < 2) return 0;
  let found = 0;
  for (let g = 0; g < groups.length - 1; g++) {
    const a = groups[g]!.variants;
    const b = groups[g + 1]!.variants;
    const near = sentences.some((seq) =>
      seq.some((t, i) => a.has(t) && seq.slice(Math.max(0, i - PAIR_SPAN), i + PAIR_SPAN + 1).some((u, j) => u !== t && b.has(u))),
    );
    if (near) found++;
  }
  return found / (groups.length - 1);
}

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
      // An enumeration: "Kazakhstan, Kyrgyzstan, and Uzbekistan".
      return /\p{Lu}[\p{L}-]+(?:,\s+\p{Lu}[\p{L}-]+)+,?\s+(?:and|or)\s+\p{Lu}/u.test(text) ? 1 : 0;
    case 'definition':
      return /\b(is|are|refers to|means|defined as|known as)\b/i.test(text) ? 0.5 : 0;
    default:
      return 0;
  }
}

interface Candidate {
  paragraph: Paragraph;
  bm25: number;
  /** BM25 of the paragraph's best sentence window. */
  windowBm25: number;
}

export function rankCandidates(
  candidates: Candidate[],
  question: AnalyzedQuestion,
  groups: QueryTermGroup[],
  documentTerms: ReadonlyMap<string, ReadonlySet<string>> = new Map(),
): RankedPassage[] {
  const maxBm25 = Math.max(0, ...candidates.map((c) => c.bm25));
  const maxWindow = Math.max(0, ...candidates.map((c) => c.windowBm25));
  const ranked = candidates.map(({ paragraph, bm25, windowBm25 }) => {
    const plain = withoutCitations(paragraph.text);
    // Words naming the source (author, venue, year) count for every paragraph of it.
    const sourceTerms = documentTerms.get(paragraph.documentId) ?? new Set<string>();
    const paragraphTerms = new Set([...analyze(`${plain} ${paragraph.section ?? ''}`), ...sourceTerms]);
    const sentences = splitSentences(paragraph.text).map((s) => ({ span: s, plain: withoutCitations(s.text) }));
    let bestSentence: SentenceSpan = sentences[0]?.span ?? { text: paragraph.text, start: 0, end: paragraph.text.length };
    let bestSentenceScore = -1;
    const sentenceSequences = sentences.map((x) => analyze(x.plain));
    const sentenceTerms = sentenceSequences.map((seq) => new Set(seq));
    let sentenceCoverage = 0;
    let bestPlain = plain;
    sentences.forEach((x, i) => {
      const cov = coverage(sentenceTerms[i]!, groups);
      const score = cov + 0.25 * typeFit(x.plain, question.type);
      if (score > bestSentenceScore) {
        bestSentenceScore = score;
        bestSentence = x.span;
        bestPlain = x.plain;
        sentenceCoverage = cov;
      }
    });
    // Coverage in the best run of WINDOW sentences: long paragraphs get no credit for
    // scattering the question's words over many sentences.
    let windowCoverage = 0;
    let pairs = 0;
    for (let i = 0; i < Math.max(1, sentences.length - WINDOW + 1); i++) {
      pairs = Math.max(pairs, pairProximity(sentenceSequences.slice(i, i + WINDOW), groups));
      const terms = new Set(sentenceTerms.slice(i, i + WINDOW).flatMap((t) => [...t]));
      if (paragraph.section) for (const t of analyze(paragraph.section)) terms.add(t);
      for (const t of sourceTerms) terms.add(t);
      windowCoverage = Math.max(windowCoverage, coverage(terms, groups));
    }
    // Are the names the question is about in the answering sentence (or its neighbours)?
    const entityGroups = groups.filter((g) => question.entities.includes(g.term));
    const bestIndex = sentences.findIndex((x) => x.span === bestSentence);
    const near = new Set(sentenceTerms.slice(Math.max(0, bestIndex - 1), bestIndex + 2).flatMap((t) => [...t]));
    const entities = entityGroups.length
      ? entityGroups.filter((g) => [...g.variants.keys()].some((t) => near.has(t))).length / entityGroups.length
      : 0;
    const yearFit = question.years.length
      ? question.years.filter((y) => plain.includes(String(y))).length / question.years.length
      : 0;
    const paragraphCoverage = coverage(paragraphTerms, groups);
    const features = {
      bm25: maxBm25 > 0 ? bm25 / maxBm25 : 0,
      window: maxWindow > 0 ? windowBm25 / maxWindow : 0,
      coverage: windowCoverage,
      sentence: sentenceCoverage,
      type: Math.max(typeFit(bestPlain, question.type), 0.5 * typeFit(plain, question.type)),
      year: yearFit,
      pairs,
      entities,
    };
    let score = 0;
    for (const k of Object.keys(WEIGHTS) as Array<keyof typeof WEIGHTS>) score += WEIGHTS[k] * features[k];
    if (paragraph.role === 'caption') score *= CAPTION_PENALTY;
    const matchedTerms = groups.flatMap((g) => [...g.variants.keys()].filter((t) => paragraphTerms.has(t)));
    return { paragraph, score, bestSentence, matchedTerms, coverage: paragraphCoverage, features };
  });
  return ranked.sort((a, b) => b.score - a.score);
}
