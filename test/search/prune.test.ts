import { describe, expect, it } from 'vitest';
import type { Paragraph } from '../../src/corpus/types.js';
import { rankPruned, type Candidate } from '../../src/search/prune.js';
import type { RankedPassage } from '../../src/search/rank.js';

// A fake re-ranker: each candidate's score is fixed (ties included), its bound that score plus a slack.
const scoreOf = new Map<Paragraph, number>();
const candidates: Candidate[] = Array.from({ length: 60 }, (_, i) => {
  const paragraph = { id: `d/${i}` } as Paragraph;
  scoreOf.set(paragraph, [0.9, 0.5, 0.5, 0.3, 0.1][i % 5]! + (i % 7) / 100);
  return { paragraph, bm25: 0, windowBm25: 0 };
});
const ranks: number[] = [];
const rank = (cs: Candidate[]): RankedPassage[] => {
  ranks.push(cs.length);
  return cs.map(({ paragraph }) => ({ paragraph, score: scoreOf.get(paragraph)! }) as RankedPassage).sort((a, b) => b.score - a.score);
};
const bound = (c: Candidate) => scoreOf.get(c.paragraph)! + 0.05;

describe('rankPruned', () => {
  it('gives the best `needed` of one ranking of all, ties in candidate order, scoring fewer', () => {
    const all = rank(candidates).map((r) => r.paragraph.id);
    for (const needed of [1, 5, 20]) {
      ranks.length = 0;
      const { ranked, pruned } = rankPruned(candidates, 10, needed, bound, rank);
      expect(ranked.slice(0, needed).map((r) => r.paragraph.id)).toEqual(all.slice(0, needed));
      expect(ranks.reduce((a, b) => a + b, 0) + pruned.length).toBe(candidates.length);
      expect(pruned.length).toBeGreaterThan(0);
      const kth = ranked[needed - 1]!.score;
      for (const p of pruned) expect(p.bound).toBeLessThan(kth);
    }
  });

  it('scores everything when the extras are no more than what is needed', () => {
    const { ranked, pruned } = rankPruned(candidates, 55, 5, bound, rank);
    expect(pruned).toEqual([]);
    expect(ranked).toHaveLength(candidates.length);
  });
});
