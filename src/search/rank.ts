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
}

const WEIGHTS = { bm25: 0.35, coverage: 0.35, sentence: 0.45, type: 0.12, year: 0.15 } as const;
const CAPTION_PENALTY = 0.85;

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
    case 'definition':
      return /\b(is|are|refers to|means|defined as|known as)\b/i.test(text) ? 0.5 : 0;
    default:
      return 0;
  }
}

interface Candidate {
  paragraph: Paragraph;
  bm25: number;
}

export function rankCandidates(
  candidates: Candidate[],
  question: AnalyzedQuestion,
  groups: QueryTermGroup[],
  _idf: (term: string) => number,
): RankedPassage[] {
  const maxBm25 = Math.max(0, ...candidates.map((c) => c.bm25));
  const ranked = candidates.map(({ paragraph, bm25 }) => {
    const plain = withoutCitations(paragraph.text);
    const paragraphTerms = new Set(analyze(`${plain} ${paragraph.section ?? ''}`));
    const sentences = splitSentences(paragraph.text).map((s) => ({ span: s, plain: withoutCitations(s.text) }));
    let bestSentence: SentenceSpan = sentences[0]?.span ?? { text: paragraph.text, start: 0, end: paragraph.text.length };
    let bestSentenceScore = -1;
    let sentenceCoverage = 0;
    let bestPlain = plain;
    for (const s of sentences) {
      const cov = coverage(new Set(analyze(s.plain)), groups);
      const score = cov + 0.25 * typeFit(s.plain, question.type);
      if (score > bestSentenceScore) {
        bestSentenceScore = score;
        bestSentence = s.span;
        bestPlain = s.plain;
        sentenceCoverage = cov;
      }
    }
    const yearFit = question.years.length
      ? question.years.filter((y) => plain.includes(String(y))).length / question.years.length
      : 0;
    const paragraphCoverage = coverage(paragraphTerms, groups);
    let score =
      WEIGHTS.bm25 * (maxBm25 > 0 ? bm25 / maxBm25 : 0) +
      WEIGHTS.coverage * paragraphCoverage +
      WEIGHTS.sentence * sentenceCoverage +
      WEIGHTS.type * Math.max(typeFit(bestPlain, question.type), 0.5 * typeFit(plain, question.type)) +
      WEIGHTS.year * yearFit;
    if (paragraph.role === 'caption') score *= CAPTION_PENALTY;
    const matchedTerms = groups.flatMap((g) => [...g.variants.keys()].filter((t) => paragraphTerms.has(t)));
    return { paragraph, score, bestSentence, matchedTerms, coverage: paragraphCoverage };
  });
  return ranked.sort((a, b) => b.score - a.score);
}
