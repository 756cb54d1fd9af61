import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Corpus } from './corpus/types.js';
import { extractCorpusFigures } from './answer/figures.js';
import type { FigureRecord } from './figures/extract.js';
import { isUsableSnapshot, PassageIndex, SNAPSHOT_FORMAT, type IndexSnapshot } from './search/index.js';

/**
 * What the engine derives from the corpus, saved between runs: the search index and the
 * figures stated in prose. Building them analyses every paragraph (≈ 5 s and 2 s at 100×
 * today's corpus); loading them is a JSON parse. `npm run build` saves them, and a start-up
 * that finds none (or stale ones) builds and saves them, so the next start is fast.
 *
 * A saved file is used only for the exact corpus and code it was built from: it is named by
 * a hash of the parsed corpus (ids, texts, sections, pages, metadata), of the code that derives
 * them (src/search, src/figures) and of the versions of MiniSearch and natural. Edit a
 * document, the analyzer, the figure extractor or a dependency, and the old file is simply
 * not found.
 */

/** The file's content. */
interface SavedEngine {
  format: typeof SNAPSHOT_FORMAT;
  index: IndexSnapshot;
  figures: FigureRecord[];
}

/** Saved indexes kept per cache folder (one per corpus and code version); older ones are removed. */
const KEEP = 4;

export interface IndexLoad {
  index: PassageIndex;
  /** The figures stated in prose: saved ones, or extracted when the index was built to be saved (null: not yet extracted). */
  figures: FigureRecord[] | null;
  /** Where the index came from. */
  source: 'cache' | 'built';
  /** The cache file read or written (null when caching is off or saving failed). */
  file: string | null;
  ms: number;
  /** Why saving failed, if it did (the index is still usable). */
  saveError?: string;
}

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** The code whose output is saved. */
const DERIVING_CODE = ['search', 'figures'];

/**
 * That code's source, recursively: compiled builds (dist/src) hash the TypeScript they were
 * compiled from, so `npm start` (compiled) and `npm run ask` (tsx) share one saved file.
 */
function derivingSourceFiles(): string[] {
  const source = HERE.replace(/([\\/])dist[\\/]src$/, '$1src');
  const root = existsSync(source) ? source : HERE;
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => (a.name < b.name ? -1 : 1))
      .flatMap((e) =>
        e.isDirectory() ? walk(path.join(dir, e.name)) : /\.(?:ts|js)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [path.join(dir, e.name)] : [],
      );
  return DERIVING_CODE.flatMap((d) => walk(path.join(root, d)));
}

function packageVersion(name: string): string {
  try {
    const require = createRequire(import.meta.url);
    let dir = path.dirname(require.resolve(name));
    // Walk up from the package's entry to its package.json (its "exports" may hide it).
    for (let i = 0; i < 6 && !existsSync(path.join(dir, 'package.json')); i++) dir = path.dirname(dir);
    return (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version?: string }).version ?? '?';
  } catch {
    return '?';
  }
}

let codeHash: string | null = null;
function codeFingerprint(): string {
  if (codeHash) return codeHash;
  const hash = createHash('sha256').update(`format ${SNAPSHOT_FORMAT}\n`);
  for (const f of derivingSourceFiles()) hash.update(path.relative(HERE, f)).update(readFileSync(f));
  hash.update(`minisearch ${packageVersion('minisearch')} natural ${packageVersion('natural')}`);
  return (codeHash = hash.digest('hex'));
}

/** What the index and figures are built from: every document's metadata and every paragraph. */
export function corpusFingerprint(corpus: Corpus): string {
  const hash = createHash('sha256');
  for (const d of corpus.documents) {
    hash.update(JSON.stringify(d.meta));
    // Everything of a paragraph that the index or a saved figure record reads.
    for (const p of d.paragraphs) hash.update(`\u0000${p.id}\u0001${p.section ?? ''}\u0001${p.page}\u0001${p.role}\u0001${p.text}`);
  }
  return hash.digest('hex');
}

export function indexCacheFile(cacheDir: string, corpus: Corpus): string {
  const key = createHash('sha256').update(codeFingerprint()).update(corpusFingerprint(corpus)).digest('hex').slice(0, 32);
  return path.join(cacheDir, `index-${key}.json`);
}

function readSaved(file: string): SavedEngine | null {
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as SavedEngine;
    return saved?.format === SNAPSHOT_FORMAT && isUsableSnapshot(saved.index) && Array.isArray(saved.figures) ? saved : null;
  } catch {
    // Missing, truncated or unreadable: build instead.
    return null;
  }
}

/** Writes through a temporary file and a rename, so a reader never sees half a file. */
function writeSaved(file: string, index: PassageIndex, figures: FigureRecord[]): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    const saved: SavedEngine = { format: SNAPSHOT_FORMAT, index: index.toSnapshot(), figures };
    writeFileSync(temporary, JSON.stringify(saved));
    renameSync(temporary, file);
  } catch (err) {
    try {
      unlinkSync(temporary);
    } catch {
      // Nothing was written.
    }
    throw err;
  }
}

/** Keeps the KEEP most recently written indexes in the folder. */
function prune(cacheDir: string): void {
  const files = readdirSync(cacheDir)
    .filter((f) => /^index-[0-9a-f]+\.json$/.test(f))
    .map((f) => path.join(cacheDir, f))
    .map((f) => ({ f, mtime: statSync(f).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const { f } of files.slice(KEEP)) unlinkSync(f);
}

/**
 * The corpus's index and figures: loaded from `cacheDir` when a saved file matches, else
 * built (figures included) and saved there. `cacheDir` null: the index is built, figures
 * are left to be extracted on first use, nothing is saved.
 */
export function loadOrBuildIndex(corpus: Corpus, cacheDir: string | null): IndexLoad {
  const start = performance.now();
  const file = cacheDir ? indexCacheFile(cacheDir, corpus) : null;
  const saved = file ? readSaved(file) : null;
  if (file && saved) {
    try {
      const index = new PassageIndex(corpus, saved.index);
      if (index.restored) return { index, figures: saved.figures, source: 'cache', file, ms: performance.now() - start };
    } catch {
      // MiniSearch refused the saved index: build a new one below.
    }
  }
  const index = new PassageIndex(corpus);
  if (!file || !cacheDir) return { index, figures: null, source: 'built', file: null, ms: performance.now() - start };
  const figures = extractCorpusFigures(corpus);
  try {
    writeSaved(file, index, figures);
    prune(cacheDir);
    return { index, figures, source: 'built', file, ms: performance.now() - start };
  } catch (err) {
    // A read-only checkout or a full disk costs start-up time, not the answers.
    return { index, figures, source: 'built', file: null, ms: performance.now() - start, saveError: err instanceof Error ? err.message : String(err) };
  }
}
