import { loadCorpus } from './corpus/load.js';
import type { Corpus } from './corpus/types.js';
import { buildFigureBook, type FigureBook } from './answer/figures.js';
import { PassageIndex } from './search/index.js';

/** The loaded corpus and its index: built once at start-up, shared by every front-end. */
export interface Engine {
  corpus: Corpus;
  index: PassageIndex;
  /** Figures from tables and prose, and where sources disagree. */
  figures: FigureBook;
  /** Milliseconds spent loading and indexing. */
  buildMs: number;
}

export function createEngineFromCorpus(corpus: Corpus): Engine {
  const start = performance.now();
  const index = new PassageIndex(corpus);
  const figures = buildFigureBook(corpus);
  return { corpus, index, figures, buildMs: performance.now() - start };
}

export async function createEngine(corpusDir?: string): Promise<Engine> {
  const start = performance.now();
  const corpus = await loadCorpus(corpusDir);
  const engine = createEngineFromCorpus(corpus);
  return { ...engine, buildMs: performance.now() - start };
}
