import MiniSearch from 'minisearch';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { answerQuestion } from '../../src/answer/answer.js';
import type { Engine } from '../../src/engine.js';
import { PassageIndex } from '../../src/search/index.js';
import { MAX_QUESTION_LENGTH } from '../../src/search/question.js';
const MAX_EXPANDED_UNKNOWN = 8;
import { sharedEngine } from '../discord/harness.js';

/**
 * A question made of words the corpus lacks is the most expensive one there is: each such
 * word is spelling-corrected (a scan of the vocabulary), prefix- and fuzzy-matched, and asked
 * for suggestions. A pasted page of nonsense must cost a bounded number of those, not one per
 * word. Counted, not timed: the count does not depend on how loaded the machine is.
 */

let engine: Engine;
beforeAll(async () => {
  engine = await sharedEngine();
});
afterEach(() => vi.restoreAllMocks());

/** Pronounceable words no corpus has, different on every call (the correction cache must not hide the cost). */
let seed = 7;
function nonsense(length: number): string {
  const next = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const words: string[] = [];
  while (words.join(' ').length < length) {
    let w = '';
    for (let i = 0; i < 8; i++) w += i % 2 ? 'aeiou'[Math.floor(next() * 5)] : 'bcdfghjklmnpqrstvwz'[Math.floor(next() * 19)];
    words.push(w);
  }
  return words.join(' ').slice(0, length).replace(/\s\S*$/, '');
}

function countWork(question: string) {
  const corrections = vi.spyOn(PassageIndex.prototype as unknown as { findCorrections(t: string): string[] }, 'findCorrections');
  const suggest = vi.spyOn(MiniSearch.prototype, 'autoSuggest');
  const search = vi.spyOn(MiniSearch.prototype, 'search');
  const groups = vi.spyOn(PassageIndex.prototype, 'termGroups');
  const answer = answerQuestion(engine, question, { limit: 4 });
  const fuzzyTerms = search.mock.calls
    .flatMap(([q]) => (typeof q === 'object' && q && 'queries' in q ? (q.queries as unknown[]) : []))
    .filter((q): q is { fuzzy: number; queries: string[] } => typeof q === 'object' && q !== null && 'fuzzy' in q)
    .reduce((n, q) => n + q.queries.length, 0);
  // An answer may read the question more than once (the passages, the figures' sentences): the bound is per reading.
  return { answer, readings: groups.mock.calls.length, scans: corrections.mock.calls.length, suggestions: suggest.mock.calls.length, fuzzyTerms };
}

describe('a question of words the corpus lacks', () => {
  it(`expands at most ${MAX_EXPANDED_UNKNOWN} of them, however many it has`, () => {
    const question = nonsense(MAX_QUESTION_LENGTH - 10);
    expect(question.split(' ').length).toBeGreaterThan(100);
    const work = countWork(question);
    expect(work.answer.status).not.toBe('invalid');
    expect(work.readings).toBeGreaterThan(0);
    expect(work.readings).toBeLessThanOrEqual(2);
    expect(work.scans).toBeLessThanOrEqual(MAX_EXPANDED_UNKNOWN * work.readings);
    expect(work.suggestions).toBeLessThanOrEqual(MAX_EXPANDED_UNKNOWN);
    expect(work.fuzzyTerms).toBeLessThanOrEqual(MAX_EXPANDED_UNKNOWN);
  });

  it('still corrects the misspellings of an ordinary question', () => {
    const work = countWork('how much did Kazakstan export to Mongloia?');
    expect(work.scans).toBeGreaterThan(0);
    expect(work.answer.status).toBe('answered');
  });
});
