import { getHeapStatistics } from 'node:v8';
import { warmDocumentMentions } from './answer/documentMention.js';
import { warmFigureTerms } from './answer/figures.js';
import { warmNames } from './conversation/names.js';
import type { Engine } from './engine.js';
import { WARM_UP_HEAP_SHARE } from './search/index.js';

/** What a warm-up did: paragraphs analysed, figure records analysed, milliseconds in all. */
export interface WarmUpResult {
  paragraphs: number;
  figureRecords: number;
  ms: number;
}

/**
 * What the bot does between interactions once connected (main.ts), so that the first question
 * of a kind is as fast as the hundredth, and what the bench's serving step does before its
 * warm questions (bench/startupChild.mjs), so that it measures the bot's own warm state: the
 * index's analyses (`PassageIndex.warmUp`), the saved figure book (read on first use,
 * engineCache.ts) and its records' terms, the corpus folded for document mentions, then the
 * conversation's names gazetteer. Each in
 * turns of the event loop; `signal` stops it, and the figures' part stops, as the index's
 * does, with the heap near its cap.
 */
export async function warmUpEngine(engine: Engine, options: { signal?: AbortSignal } = {}): Promise<WarmUpResult> {
  const { signal } = options;
  const start = performance.now();
  const paragraphs = await engine.index.warmUp({ signal });
  const roomLeft = () => !signal?.aborted && process.memoryUsage().heapUsed <= WARM_UP_HEAP_SHARE * getHeapStatistics().heap_size_limit;
  // The figure book is read whatever the heap (a numeric question would read it anyway); its terms only with room left.
  const figureRecords = signal?.aborted ? 0 : await warmFigureTerms(engine.figures, roomLeft);
  // What document mentions read of the text (surnames used as ordinary words), then the names.
  if (!signal?.aborted) await warmDocumentMentions(engine.corpus, () => !signal?.aborted);
  if (!signal?.aborted) await warmNames(engine, { signal });
  return { paragraphs, figureRecords, ms: performance.now() - start };
}
