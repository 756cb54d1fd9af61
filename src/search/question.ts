import { analyze, tokenize } from './analyzer.js';
import { PLACES } from './expansions.js';

const PLACE_TERMS = new Set(PLACES.flat().flatMap((w) => analyze(w)));

/**
 * What the reader asked, read before stop words are removed (Li & Roth 2002, simplified):
 * the question type steers ranking, e.g. "how much" prefers passages that state an amount.
 */
export type QuestionType = 'amount' | 'count' | 'year' | 'cause' | 'definition' | 'person' | 'list' | 'other';

export interface AnalyzedQuestion {
  raw: string;
  type: QuestionType;
  /** Distinct index terms, in question order. */
  terms: string[];
  /** Four-digit years named in the question. */
  years: number[];
  /** Index terms of names in the question (capitalised words, places): what it is about. */
  entities: string[];
}

export const MAX_QUESTION_LENGTH = 1000;

export type QuestionProblem = 'empty' | 'too-long' | 'no-terms';

export function classifyQuestion(q: string): QuestionType {
  const s = q.toLowerCase();
  if (/\bhow much\b|\bwhat (?:is|was|were) the (?:total|value|amount|volume|size)\b|\bvalue of\b|\bworth\b/.test(s)) return 'amount';
  if (/\bhow many\b|\bnumber of\b|\bwhat share\b|\bpercentage\b|\bproportion\b/.test(s)) return 'count';
  if (/\bwhen\b|\bwhat year\b|\bin which year\b/.test(s)) return 'year';
  if (/\bwhy\b|\bwhat (?:explains|caused|causes)\b|\breasons?\b/.test(s)) return 'cause';
  if (/^\s*(?:what|who) (?:is|are|was|were) (?:the |a |an )?[\w’'-]+(?:\s[\w’'-]+){0,4}\??\s*$/.test(s)) return 'definition';
  if (/^\s*who\b/.test(s)) return 'person';
  if (/^\s*(?:which|list|name)\b/.test(s)) return 'list';
  return 'other';
}

export function checkQuestion(q: string): QuestionProblem | null {
  const trimmed = q.replace(/[\s\u200b-\u200f\u2028-\u202f\u2060\ufeff]+/g, ' ').trim();
  if (trimmed.length === 0) return 'empty';
  if (q.length > MAX_QUESTION_LENGTH) return 'too-long';
  if (analyze(trimmed).length === 0) return 'no-terms';
  return null;
}

export function analyzeQuestion(raw: string): AnalyzedQuestion {
  const terms = [...new Set(analyze(raw))];
  const years = [...new Set(tokenize(raw).filter((t) => /^(1[89]|20)\d\d$/.test(t)).map(Number))];
  // Capitalised words after the first are names; so are place words however they are typed.
  const words = raw.split(/\s+/).slice(1).filter((w) => /^[\p{Lu}]/u.test(w));
  const named = new Set(words.flatMap((w) => analyze(w)));
  const entities = terms.filter((t) => named.has(t) || PLACE_TERMS.has(t));
  return { raw, type: classifyQuestion(raw), terms, years, entities };
}

