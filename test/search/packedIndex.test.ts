import MiniSearch, { type Options } from 'minisearch';
import { describe, expect, it } from 'vitest';
import { packSearch, restoreSearch } from '../../src/search/packedIndex.js';

/**
 * The saved index with packed postings (packedIndex.ts) restores the MiniSearch that
 * `loadJS` restores from the plain form: the same terms in the same order, the same hits
 * for exact, prefix and fuzzy queries, the same suggestions, and it can still be added to.
 */

interface Doc {
  id: string;
  text: string;
  section: string;
}

const options: Options<Doc> = { fields: ['text', 'section'], storeFields: [] };

const docs: Doc[] = [
  { id: 'a/1', text: 'Mongolia and Kazakhstan signed a trade agreement', section: 'Trade' },
  { id: 'a/2', text: 'Kazakh herders in Bayan-Olgii moved back to Kazakhstan', section: 'Migration' },
  { id: 'b/1', text: 'Coal exports from Mongolia to China grew', section: '' },
  { id: 'b/2', text: 'Mongolian coal coal coal: production and exports', section: 'Coal' },
  // Frequencies and document numbers past one byte of a varint.
  { id: 'c/1', text: Array.from({ length: 300 }, () => 'steppe').join(' '), section: 'Steppe' },
  ...Array.from({ length: 200 }, (_, i) => ({ id: `d/${i}`, text: `filler ${i} text about the region`, section: i % 7 ? '' : 'Region' })),
];

function built(): MiniSearch<Doc> {
  const search = new MiniSearch<Doc>(options);
  search.addAll(docs);
  return search;
}

const ids = (results: Array<{ id: unknown; score: number; terms: string[] }>) => results.map((r) => [r.id, r.score, r.terms]);

describe('the packed index', () => {
  const plain = built().toJSON();
  const loaded = MiniSearch.loadJS(plain, options);
  const restored = restoreSearch(JSON.parse(JSON.stringify(packSearch(plain))), options);

  it('holds the same terms, fields and postings, in the same order, as loadJS', () => {
    expect(JSON.stringify(restored.toJSON())).toBe(JSON.stringify(loaded.toJSON()));
    expect(restored.termCount).toBe(loaded.termCount);
  });

  it('finds the same hits with the same scores, exact, by prefix and fuzzy', () => {
    for (const q of ['mongolia coal', 'kazakh', 'steppe region', 'kazakstan', 'exp', 'filler 150']) {
      for (const o of [{}, { prefix: true }, { fuzzy: 0.3 }, { prefix: true, fuzzy: 0.25, combineWith: 'OR' as const }]) {
        expect(ids(restored.search(q, o)), `${q} ${JSON.stringify(o)}`).toEqual(ids(loaded.search(q, o)));
      }
    }
    expect(restored.autoSuggest('mongo', { fuzzy: 0.3, prefix: true })).toEqual(loaded.autoSuggest('mongo', { fuzzy: 0.3, prefix: true }));
  });

  it('can still be added to and removed from, as a loaded index can', () => {
    const extra = { id: 'e/1', text: 'Mongolia exports cashmere', section: 'Trade' };
    const a = restoreSearch(packSearch(plain), options);
    const b = MiniSearch.loadJS(plain, options);
    a.add(extra);
    b.add(extra);
    a.discard('b/1');
    b.discard('b/1');
    expect(ids(a.search('mongolia exports'))).toEqual(ids(b.search('mongolia exports')));
    expect(JSON.stringify(a.toJSON())).toBe(JSON.stringify(b.toJSON()));
  });

  it('a plain saved index is still loaded as before, and damaged postings are refused', () => {
    expect(JSON.stringify(restoreSearch(plain, options).toJSON())).toBe(JSON.stringify(loaded.toJSON()));
    const packed = packSearch(plain);
    const cut = { ...packed, packedIndex: { ...packed.packedIndex, postings: packed.packedIndex.postings.slice(0, 40) } };
    expect(() => restoreSearch(cut, options)).toThrow();
  });
});
