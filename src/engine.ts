import { loadCorpus } from './corpus/load.js';
import type { Corpus } from './corpus/types.js';
import { buildFigureBook, type FigureBook } from './answer/figures.js';
import { PassageIndex } from './search/index.js';

/** The loaded corpus and its index: built once at start-up, shared by every front-end. */
export interface Engine {
  corpus: Corpus;
  index: PassageIndex;
  /**
   * Figures from tables and prose, and where sources disagree. Built on first use: only
   * numeric questions need them, and extraction grows faster than the corpus (bench ×100).
   */
  readonly figures: FigureBook;
  /** Milliseconds spent loading and indexing. */
  buildMs: number;
}

export function createEngineFromCorpus(corpus: Corpus, startedAt: number = performance.now()): Engine {
  const index = new PassageIndex(corpus);
  let figures: FigureBook | null = null;
  return {
    corpus,
    index,
    get figures() {
      return (figures ??= buildFigureBook(corpus));
    },
    buildMs: performance.now() - startedAt,
  };
}

export async function createEngine(corpusDir?: string): Promise<Engine> {
  const start = performance.now();
  return createEngineFromCorpus(await loadCorpus(corpusDir), start);
}
