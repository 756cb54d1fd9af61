import { beforeAll, describe, expect, it } from 'vitest';
import { indexCorpus, loadCorpus } from '../../src/corpus/load.js';
import type { Corpus, Paragraph } from '../../src/corpus/types.js';
import { PassageIndex } from '../../src/search/index.js';
import { passageAnalysis, type AnalyzedPassage } from '../../src/search/rank.js';
import { packAnalyses, savedAnalysis, useSavedAnalyses } from '../../src/search/savedAnalyses.js';
import { testDocument } from '../corpus/testDocument.js';

/**
 * The analyses saved with the index (savedAnalyses.ts) read back as the re-ranker makes
 * them: the same sentences (the splitter's own spans), terms in the same order, the same
 * sets in the same order, for every paragraph of the corpus.
 */

let corpus: Corpus;
beforeAll(async () => {
  corpus = await loadCorpus();
});

/** Everything of an analysis, order included (a Set's order is its iteration order). */
const plain = (a: AnalyzedPassage) => ({
  sentences: a.sentences.map((s) => ({ span: s.span, sequence: s.sequence, typeFits: s.typeFits, preamble: s.preamble })),
  terms: [...a.terms],
  sectionTerms: [...a.sectionTerms],
});

describe('saved analyses', () => {
  it('read back as made, for every paragraph of the corpus', () => {
    const paragraphs = corpus.documents.flatMap((d) => d.paragraphs).map((p) => ({ ...p }));
    useSavedAnalyses(JSON.parse(JSON.stringify(packAnalyses(paragraphs))), paragraphs);
    for (const p of paragraphs) {
      const read = savedAnalysis(p);
      expect(read, p.id).not.toBeNull();
      expect(plain(read!), p.id).toEqual(plain(passageAnalysis(p)));
    }
  });

  it('a paragraph the splitter finds no sentence in keeps its one sentence', () => {
    const doc = testDocument({ id: 'split' }, ['', '—', { text: 'Mongolia and Kazakhstan. Trade grew in 2019.', section: 'Trade and aid' }]);
    const paragraphs: Paragraph[] = indexCorpus([doc]).documents[0]!.paragraphs.map((p) => ({ ...p }));
    useSavedAnalyses(packAnalyses(paragraphs), paragraphs);
    for (const p of paragraphs) expect(plain(savedAnalysis(p)!)).toEqual(plain(passageAnalysis(p)));
  });

  it('are refused when they do not belong to the paragraphs: too few, or damaged', () => {
    const paragraphs = corpus.documents[0]!.paragraphs.map((p) => ({ ...p }));
    const packed = packAnalyses(paragraphs);
    expect(() => useSavedAnalyses(packed, paragraphs.slice(1))).toThrow();
    expect(() => useSavedAnalyses({ ...packed, bytes: packed.bytes.slice(0, 100) }, paragraphs)).toThrow();
    // Saved for other texts: the sentences do not match, and the paragraph is analysed instead.
    const others = paragraphs.map((p, i) => ({ ...p, text: i === 0 ? 'One. Two. Three. Four.' : p.text }));
    useSavedAnalyses(packed, others);
    expect(savedAnalysis(others[0]!)).toBeNull();
  });

  it('a restored index saves the same analyses again', () => {
    const built = new PassageIndex(corpus);
    const snapshot = JSON.parse(JSON.stringify(built.toSnapshot()));
    const restored = new PassageIndex(corpus, snapshot);
    expect(restored.restored).toBe(true);
    expect(restored.toSnapshot().analyses).toEqual(snapshot.analyses);
  });
});
