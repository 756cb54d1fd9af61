import { describe, expect, it } from 'vitest';
import { findMentions } from '../../src/answer/figureQuestion.js';

/** Places however people type them: the figures, the follow-ups and the search all read them from here. */
describe('a place named in a question', () => {
  it('is found in a possessive typed without its apostrophe (“kazakhstans main exports”)', () => {
    expect(findMentions('what are kazakhstans main exports?').map((m) => m.country)).toEqual(['Kazakhstan']);
    expect(findMentions('mongolias trade with china').map((m) => m.country)).toEqual(['Mongolia', 'China']);
  });

  it('but a people stays a people, and a word that only ends like a name is no place', () => {
    expect(findMentions('the kazakhs and the uzbeks').map((m) => m.country)).toEqual(['Kazakhstan', 'Uzbekistan']);
    expect(findMentions('what are the chances and the basics?')).toEqual([]);
  });
});
