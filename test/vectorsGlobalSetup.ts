import path from 'node:path';
import { REPO_ROOT } from '../src/paths.js';
import { loadWordVectors } from '../src/search/vectors.js';

/**
 * Vitest global setup: the word vectors cut once, into the checkout's `.cache/`, before any
 * test file runs. On a clean clone (CI) the cut costs ~3 s of one synchronous read of the
 * package; made by the first question of some test bot instead, it blocked that worker's
 * event loop past Discord's 3 s (and the fake's 5 s) while the other worker competed for
 * the CPU. Every process of the run (bots, CLI children with their own INDEX_CACHE_DIR)
 * then reads this cut.
 */
export default function setup(): void {
  if (process.env.STEPPE_VECTORS === 'off') return;
  const start = performance.now();
  const vectors = loadWordVectors(path.join(REPO_ROOT, '.cache'));
  const ms = Math.round(performance.now() - start);
  if (ms > 500) console.log(`word vectors cut for the run: ${vectors?.size ?? 0} words in ${ms} ms`);
}
