import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Corpus } from '../corpus/types.js';
import { PassageIndex, SNAPSHOT_FORMAT, type IndexSnapshot } from './index.js';

/**
 * The index saved between runs. Building it analyses every paragraph (≈ 4 s at 100× today's
 * corpus); loading a saved one is a JSON parse. `npm run build` saves it, and a start-up that
 * finds none (or a stale one) builds and saves it, so the next start is fast.
 *
 * A saved index is used only for the exact corpus and search code it was built from: its
 * file is named by a hash of the parsed corpus (ids, texts, sections, metadata), of the
 * search code (src/search) and of the versions of MiniSearch and natural. Edit a document,
 * the analyzer or a dependency, and the old file is simply not found.
 */

/** Saved indexes kept per cache folder (one per corpus and code version); older ones are removed. */
const KEEP = 4;

export interface IndexLoad {
  index: PassageIndex;
  /** Where the index came from. */
  source: 'cache' | 'built';
  /** The cache file read or written (null when caching is off or saving failed). */
  file: string | null;
  ms: number;
  /** Why saving failed, if it did (the index is still usable). */
  saveError?: string;
}

const SEARCH_DIR = path.dirname(fileURLToPath(import.meta.url));

/**
 * The search code's own source: compiled builds (dist/src/search) hash the TypeScript they
 * were compiled from, so `npm start` (compiled) and `npm run ask` (tsx) share one saved index.
 */
function searchSourceFiles(): string[] {
  const source = SEARCH_DIR.replace(/([\\/])dist[\\/]src[\\/]search$/, '$1src$1search');
  const dir = existsSync(source) ? source : SEARCH_DIR;
  return readdirSync(dir)
    .filter((f) => /\.(?:ts|js)$/.test(f) && !f.endsWith('.d.ts'))
    .sort()
    .map((f) => path.join(dir, f));
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
  for (const f of searchSourceFiles()) hash.update(path.basename(f)).update(readFileSync(f));
  hash.update(`minisearch ${packageVersion('minisearch')} natural ${packageVersion('natural')}`);
  return (codeHash = hash.digest('hex'));
}

/** What the index is built from: every document's metadata and every paragraph. */
export function corpusFingerprint(corpus: Corpus): string {
  const hash = createHash('sha256');
  for (const d of corpus.documents) {
    hash.update(JSON.stringify(d.meta));
    for (const p of d.paragraphs) hash.update(`\u0000${p.id}\u0001${p.section ?? ''}\u0001${p.text}`);
  }
  return hash.digest('hex');
}

export function indexCacheFile(cacheDir: string, corpus: Corpus): string {
  const key = createHash('sha256').update(codeFingerprint()).update(corpusFingerprint(corpus)).digest('hex').slice(0, 32);
  return path.join(cacheDir, `index-${key}.json`);
}

function readSnapshot(file: string): IndexSnapshot | null {
  try {
    const snapshot = JSON.parse(readFileSync(file, 'utf8')) as IndexSnapshot;
    return snapshot?.format === SNAPSHOT_FORMAT ? snapshot : null;
  } catch {
    // Missing, truncated or unreadable: build instead.
    return null;
  }
}

/** Writes through a temporary file and a rename, so a reader never sees half a file. */
function writeSnapshot(file: string, index: PassageIndex): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, JSON.stringify(index.toSnapshot()));
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
 * The corpus's index: loaded from `cacheDir` when a saved one matches, else built (and
 * saved there). `cacheDir` null: always build, save nothing.
 */
export function loadOrBuildIndex(corpus: Corpus, cacheDir: string | null): IndexLoad {
  const start = performance.now();
  const file = cacheDir ? indexCacheFile(cacheDir, corpus) : null;
  const snapshot = file ? readSnapshot(file) : null;
  if (file && snapshot) {
    const index = new PassageIndex(corpus, snapshot);
    if (index.restored) return { index, source: 'cache', file, ms: performance.now() - start };
  }
  const index = new PassageIndex(corpus);
  if (!file || !cacheDir) return { index, source: 'built', file: null, ms: performance.now() - start };
  try {
    writeSnapshot(file, index);
    prune(cacheDir);
    return { index, source: 'built', file, ms: performance.now() - start };
  } catch (err) {
    // A read-only checkout or a full disk costs start-up time, not the answers.
    return { index, source: 'built', file: null, ms: performance.now() - start, saveError: err instanceof Error ? err.message : String(err) };
  }
}
