import { describe, expect, it } from 'vitest';
import { withDefiniteExpanded } from '../../src/conversation/definite.js';

describe('a thing named before, said short with “the”', () => {
  it('is given back the words it was named with', () => {
    expect(withDefiniteExpanded('is the policy even working?', ["what is mongolia's 'third neighbor' policy in a nutshell", 'is kaz one of them?'])).toBe("is the 'third neighbor' policy even working?");
    expect(withDefiniteExpanded('why is the balance so lopsided?', ['what is the trade balance with kazakhstan?'])).toBe('why is the trade balance so lopsided?');
  });

  it('is left as it is when nothing named it with words before it, or it already has them', () => {
    expect(withDefiniteExpanded('is the policy working?', ['does mongolia have a policy of neutrality?'])).toBe('is the policy working?');
    expect(withDefiniteExpanded('is the third neighbor policy working?', ["what is mongolia's third neighbor policy?"])).toBe('is the third neighbor policy working?');
  });

  it('leaves documents, names, numbers and general words alone', () => {
    const before = ['what does the journal paper say about the chinese debt trap?', 'the big Semantic Scholar corpus, how big?', 'what are the three barriers?'];
    for (const q of ['when did the paper come out?', 'and the Semantic Scholar graph?', 'are the three economies too similar?', 'what about the country?']) expect(withDefiniteExpanded(q, before)).toBe(q);
  });
});
