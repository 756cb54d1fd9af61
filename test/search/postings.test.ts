import { readFileSync } from 'node:fs';
import path from 'node:path';
import type MiniSearch from 'minisearch';
import type { Query } from 'minisearch';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.js';
import { REPO_ROOT } from '../../src/paths.js';
import { analyze } from '../../src/search/analyzer.js';
import { PassageIndex } from '../../src/search/index.js';
import { ExactSearch } from '../../src/search/postings.js';

/** Every question of the project's evaluation files, as the analyser's terms. */
function questionTerms(): string[][] {
  const lines = readFileSync(path.join(REPO_ROOT, 'test/eval/questions.jsonl'), 'utf8').split('\n').filter(Boolean);
  return lines.map((l) => [...new Set(analyze((JSON.parse(l) as { q: string }).q))]);
}

describe('ExactSearch', () => {
  let search: MiniSearch<never>;
  beforeAll(async () => {
    search = (new PassageIndex(await loadCorpus(), undefined, null) as unknown as { search: MiniSearch<never> }).search;
  });

  it('gives MiniSearch’s hits for an OR query of exact terms, to the last bit and in the same order (ties included)', () => {
    const exact = ExactSearch.of(search)!;
    expect(exact).not.toBeNull();
    const queries = [...questionTerms(), ['mongolia', 'kazakhstan', '2019', '10'], ['nosuchterm'], [], ['mongolia']];
    const boosts = [() => 1, (t: string) => 1 + (t.length % 3) * 0.37];
    let compared = 0;
    for (const terms of queries) {
      for (const boostTerm of boosts) {
        for (const filter of [undefined, (r: { id: string }) => r.id.startsWith('miliate-2013/')]) {
          const ours = exact.search(terms, boostTerm, filter)!;
          const theirs = search.search({ combineWith: 'OR', queries: [{ queries: terms, boostTerm }] } as unknown as Query, { filter });
          expect(ours.map((h) => [h.id, h.score, h.terms])).toEqual(theirs.map((h) => [h.id, h.score, h.terms]));
          compared += theirs.length;
        }
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it('and with a second subquery of unknown words (fuzzy and by prefix), as the pool asks it', () => {
    const exact = ExactSearch.of(search)!;
    const unknowns = [['mongolai'], ['kazakstan', 'goverment'], ['relat'], ['zzzzqx'], ['2019x', 'sinoo']];
    const boostTerm = (t: string) => 1 + (t.length % 3) * 0.37;
    let compared = 0;
    for (const terms of [...questionTerms().slice(0, 20), [], ['mongolia', 'kazakhstan', '2019']]) {
      for (const unknown of unknowns) {
        const ours = exact.search(terms, boostTerm, undefined, unknown, 0.25)!;
        const queries = [...(terms.length ? [{ queries: terms, boostTerm }] : []), { queries: unknown, fuzzy: 0.25, prefix: true }];
        const theirs = search.search({ combineWith: 'OR', queries } as unknown as Query);
        expect(ours.map((h) => [h.id, h.score, h.terms])).toEqual(theirs.map((h) => [h.id, h.score, h.terms]));
        compared += theirs.length;
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it('leaves to MiniSearch what it would read differently: a repeated term, a term with a space', () => {
    const exact = ExactSearch.of(search)!;
    expect(exact.search(['mongolia', 'mongolia'], () => 1)).toBeNull();
    expect(exact.search(['two words'], () => 1)).toBeNull();
  });
});
