import path from 'node:path';
import type { Corpus } from './corpus/types.js';
import { buildFigureBook, type FigureBook } from './answer/figures.js';
import { REPO_ROOT } from './paths.js';
import { PassageIndex } from './search/index.js';
import { loadOrBuildIndex, loadOrParseCorpus } from './engineCache.js';
import type { FigureRecord } from './figures/extract.js';

/** Where saved indexes go unless INDEX_CACHE_DIR says otherwise (git-ignored). */
export const DEFAULT_INDEX_CACHE_DIR = path.join(REPO_ROOT, '.cache');

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
  /** Whether the index was loaded from a saved one ('cache') or built from the corpus. */
  indexSource: 'cache' | 'built';
  /** Whether the parsed corpus was loaded from a saved one ('cache') or parsed from its files (createEngine only). */
  corpusSource?: 'cache' | 'parsed';
  /** Why the index (or the parsed corpus) made at start-up could not be saved, if it could not (start-ups stay slow until fixed). */
  indexSaveError?: string;
}

export function createEngineFromCorpus(
  corpus: Corpus,
  startedAt: number = performance.now(),
  index: PassageIndex = new PassageIndex(corpus),
  /**
   * Prose figures already extracted (saved with the index), or the whole figure book (saved
   * with it, disagreements included), or where to read it on first use; else made on first use.
   */
  saved: FigureRecord[] | FigureBook | (() => FigureBook) | null = null,
): Engine {
  let figures: FigureBook | null = saved && !Array.isArray(saved) && typeof saved !== 'function' ? saved : null;
  const figureRecords = Array.isArray(saved) ? saved : null;
  const savedBook = typeof saved === 'function' ? saved : null;
  return {
    corpus,
    index,
    get figures() {
      return (figures ??= savedBook ? savedBook() : figureRecords ? buildFigureBook(corpus, figureRecords) : buildFigureBook(corpus));
    },
    buildMs: performance.now() - startedAt,
    indexSource: index.restored ? 'cache' : 'built',
  };
}

export interface EngineOptions {
  /**
   * Folder of saved parses, indexes and figures (see engineCache.ts): loaded when one
   * matches the corpus and code, written otherwise. null parses and builds every time and
   * saves nothing.
   */
  indexCacheDir?: string | null;
}

export async function createEngine(corpusDir?: string, options: EngineOptions = {}): Promise<Engine> {
  const start = performance.now();
  const cacheDir = options.indexCacheDir ?? null;
  const parsed = await loadOrParseCorpus(corpusDir, cacheDir);
  const loaded = loadOrBuildIndex(parsed.corpus, cacheDir);
  const { index, saveError } = loaded;
  // Not read here: a saved figure book is read on first use (see loadOrBuildIndex).
  const engine = createEngineFromCorpus(parsed.corpus, start, index, loaded.source === 'cache' ? () => loaded.figureBook! : (loaded.figureBook ?? loaded.figures));
  engine.corpusSource = parsed.source;
  // Not a spread: it would read the lazy `figures` getter.
  const why = saveError ?? parsed.saveError;
  if (why) engine.indexSaveError = why;
  return engine;
}
