import type { Paragraph } from '../corpus/types.js';
import type { AnalyzedQuestion } from './question.js';
import { analyzePassage, labelFit, overviewFit, TYPE_RELIABILITY, WEIGHTS, type QueryTermGroup, type RankedPassage, type SourceNames } from './rank.js';

export interface Candidate {
  paragraph: Paragraph;
  bm25: number;
  windowBm25: number;
}

/** What the bound reads of a candidate's context: the same inputs `rankCandidates` scores with. */
export interface BoundContext {
  question: AnalyzedQuestion;
  groups: QueryTermGroup[];
  documentTerms: ReadonlyMap<string, ReadonlySet<string>>;
  sourceNames: ReadonlyMap<string, SourceNames>;
  lent: (paragraph: Paragraph) => ReadonlySet<string>;
  maxWindow: number;
}

/**
 * A score `rankCandidates` cannot exceed for this candidate, from its term set alone: each
 * group counts at the best weight of a variant anywhere in the paragraph, its section, its
 * source's words and names or its lead-in (where the sentence, window and context weights
 * come from), a pair only where both of its groups are in the text, the type fit at its
 * most, the year at its most; the penalties (caption, preamble) only lower a score.
 */
export function scoreBound(candidate: Candidate, context: BoundContext): number {
  const { question, groups } = context;
  const { paragraph } = candidate;
  const terms = analyzePassage(paragraph).terms;
  const sourceTerms = context.documentTerms.get(paragraph.documentId);
  const names = context.sourceNames.get(paragraph.documentId)?.terms;
  const lent = context.lent(paragraph);
  let totalIdf = 0;
  let covered = 0;
  let entityGroups = 0;
  let entitiesFound = 0;
  let pairs = 0;
  let previousInText = false;
  for (const g of groups) {
    if (g.idf > 0) totalIdf += g.idf;
    let weight = 0;
    let inText = false;
    for (const [t, w] of g.variants) {
      if (terms.has(t)) inText = true;
      if (w > weight && (terms.has(t) || sourceTerms?.has(t) || names?.has(t) || lent.has(t))) weight = w;
    }
    if (g.idf > 0) covered += g.idf * weight;
    if (question.entities.includes(g.term)) {
      entityGroups++;
      if (weight > 0) entitiesFound++;
    }
    if (inText && previousInText) pairs++;
    previousInText = inText;
  }
  const share = totalIdf > 0 ? covered / totalIdf : 0;
  const bound =
    WEIGHTS.window * (context.maxWindow > 0 ? candidate.windowBm25 / context.maxWindow : 0) +
    (WEIGHTS.coverage + WEIGHTS.sentence) * share +
    WEIGHTS.type * TYPE_RELIABILITY[question.type] +
    WEIGHTS.year * (question.years.length ? 1 : 0) +
    WEIGHTS.pairs * (groups.length > 1 ? pairs / (groups.length - 1) : 0) +
    WEIGHTS.entities * (entityGroups ? entitiesFound / entityGroups : 0) +
    WEIGHTS.overview * (question.type === 'overview' ? overviewFit(paragraph) : 0) +
    WEIGHTS.label * labelFit(paragraph, groups, question.entities, question.askedFor);
  // Room for the rounding of a sum taken in another order.
  return bound * (1 + 1e-9) + 1e-12;
}

/** A ranking of the best, and the candidates left unscored with their bounds. */
export interface PrunedRanking {
  ranked: RankedPassage[];
  pruned: Array<{ candidate: Candidate; bound: number }>;
}

/**
 * `rankCandidates` of all the candidates, exactly as far as its best `needed` go (the same
 * passages, scores and order; ties in candidate order), without scoring the candidates from
 * `extrasFrom` on whose bound is below the `needed`-th best score: an overview question's
 * thousands of summaries, most of which cannot reach the top. `rank` scores a list of
 * candidates with the maxima of all (the features then read as in one ranking of all).
 */
export function rankPruned(
  candidates: Candidate[],
  extrasFrom: number,
  needed: number,
  bound: (c: Candidate) => number,
  rank: (cs: Candidate[]) => RankedPassage[],
): PrunedRanking {
  const extras = candidates.slice(extrasFrom);
  if (extras.length <= needed) return { ranked: rank(candidates), pruned: [] };
  const bounds = extras.map(bound);
  const byBound = extras.map((_, i) => i).sort((a, b) => bounds[b]! - bounds[a]! || a - b);
  // The core and the `needed` extras of the highest bounds set the score to beat.
  const seeds = new Set(byBound.slice(0, needed));
  const scored = rank([...candidates.slice(0, extrasFrom), ...extras.filter((_, i) => seeds.has(i))]);
  const threshold = scored.length >= needed ? scored[needed - 1]!.score : -Infinity;
  const rest = extras.filter((_, i) => !seeds.has(i) && bounds[i]! >= threshold);
  const pruned = extras.flatMap((candidate, i) => (!seeds.has(i) && bounds[i]! < threshold ? [{ candidate, bound: bounds[i]! }] : []));
  return { ranked: inCandidateOrder(rest.length ? [...scored, ...rank(rest)] : scored, candidates), pruned };
}

/** Sorted best first, ties in candidate order: as one stable sort of all the candidates' ranking orders them. */
export function inCandidateOrder(ranked: RankedPassage[], candidates: Candidate[]): RankedPassage[] {
  const index = new Map(candidates.map((c, i) => [c.paragraph, i]));
  return ranked.sort((a, b) => b.score - a.score || index.get(a.paragraph)! - index.get(b.paragraph)!);
}
