import { createHash } from 'node:crypto';
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import { parseCorpusFiles, readCorpusFiles, type CorpusFile } from './corpus/load.js';
import type { Corpus } from './corpus/types.js';
import { buildFigureBook, extractCorpusFigures, type FigureBook } from './answer/figures.js';
import type { Disagreement, FigureRecord } from './figures/extract.js';
import { decodeGraph, encodeGraph, type EncodedGraph } from './graphCodec.js';
import { isUsableSnapshot, PassageIndex, SNAPSHOT_FORMAT, type IndexSnapshot } from './search/index.js';

/**
 * What start-up derives from the corpus folder, saved between runs: the parsed corpus, and
 * from it the search index and the figures. Parsing 120 documents (10,000 paragraphs) takes
 * ≈ 0.6 s, building their index ≈ 8 s; loading the saved ones is a deserialisation each.
 * `npm run build` saves them, and a start-up that finds none (or stale ones) makes and saves
 * them, so the next start is fast.
 *
 * A saved file is used only for the exact input and code it was made from, because its
 * name is a hash of both:
 * - the parsed corpus (`corpus-<key>.v8`): every metadata file as validated, every text
 *   file's bytes, the code that reads and parses them (src/corpus), zod's version and the
 *   Node version (whose serialiser wrote it);
 * - the index and figures (`index-<key>.json` and its bytes `index-<key>.bin`, `figures-<key>.json`): the parsed corpus (ids, texts, sections,
 *   pages, metadata), the code that derives them (src/search, src/figures) and the versions
 *   of MiniSearch and natural.
 * Edit a document, the parser, the analyzer, the figure extractor or a dependency, and the
 * old file is simply not found. A damaged file is rebuilt, never a failed start.
 */

/**
 * The index file's content. The figures (`SavedFigures`) are a file of their own beside it
 * (`figures-<key>.json`, the same key), read on first use: 44,000 records at ×1000 the
 * corpus, 90 MB of JSON that only numeric questions need — inside the index file, as a
 * string, they were more than half of what start-up read and parsed (≈ 1 s).
 */
interface SavedEngine {
  format: typeof SNAPSHOT_FORMAT;
  /** The snapshot without its two byte arrays (postings, analyses: empty strings here), which are in `index-<key>.bin`. */
  index: IndexSnapshot;
  /**
   * Their lengths in that file, in this order, and the file's SHA-1: the two files are written
   * one after the other, so a file of bytes from another write, or damaged in place, must not
   * be read as this index's (its postings are decoded lazily, at query time).
   */
  bytes: { postings: number; analyses: number; sha1: string };
}

interface SavedFigures {
  records: FigureRecord[];
  /** Where the figures disagree: comparing every figure of a large corpus takes ≈ 0.15 s at 120 documents. */
  disagreements: Disagreement[];
}

/**
 * The version of what this file writes beside the index (the figures) and of the parsed
 * corpus's file: part of their keys, so a file written by an older layout is not even
 * looked at. Apart, so that a new index layout does not cost a new parse.
 */
const SAVED_LAYOUT = 5;
const CORPUS_LAYOUT = 6;

/** Saved files of each kind kept per cache folder (one per corpus and code version); older ones are removed. */
const KEEP = 4;

export interface IndexLoad {
  index: PassageIndex;
  /** The figures stated in prose: saved ones (read when first asked for), or extracted when the index was built to be saved (null: not yet extracted). */
  readonly figures: FigureRecord[] | null;
  /** The whole figure book when it was saved or built with the index (null: made on first use); a saved one is read when first asked for. */
  readonly figureBook: FigureBook | null;
  /** Where the index came from. */
  source: 'cache' | 'built';
  /** The cache file read or written (null when caching is off or saving failed). */
  file: string | null;
  ms: number;
  /** Why saving failed, if it did (the index is still usable). */
  saveError?: string;
}

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** The code whose output the index file holds. */
const DERIVING_CODE = ['search', 'figures'];
/**
 * The code whose output the corpus file holds: load.ts and every module it imports live in
 * src/corpus (test/unit/engineCache.test.ts follows the imports to hold this). ingest/ is
 * hashed too although start-up never runs it: an edit there costs one re-parse, while a
 * list of files that missed one would serve a stale parse.
 */
export const PARSING_CODE = ['corpus'];

/**
 * Where the hashed code is read from: src/, also for a compiled build (dist/src hashes the
 * TypeScript it was compiled from), so `npm start` (compiled) and `npm run ask` (tsx) share
 * one saved file.
 */
const COMPILED = /([\\/])dist[\\/]src$/;
export const SOURCE_ROOT = existsSync(HERE.replace(COMPILED, '$1src')) ? HERE.replace(COMPILED, '$1src') : HERE;

/** The source files under these folders of SOURCE_ROOT, recursively, in a stable order. */
export function sourceFiles(dirs: string[]): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => (a.name < b.name ? -1 : 1))
      .flatMap((e) =>
        e.isDirectory() ? walk(path.join(dir, e.name)) : /\.(?:ts|js)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [path.join(dir, e.name)] : [],
      );
  return dirs.flatMap((d) => walk(path.join(SOURCE_ROOT, d)));
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

const codeHashes = new Map<string, string>();
/** A hash of some of the code and the packages it leans on; computed once a process (≈ 5 ms each). */
function codeFingerprint(what: 'index' | 'corpus'): string {
  const known = codeHashes.get(what);
  if (known) return known;
  const hash = createHash('sha256').update(what === 'index' ? `index layout ${SAVED_LAYOUT} snapshot ${SNAPSHOT_FORMAT}\n` : `corpus layout ${CORPUS_LAYOUT}\n`);
  // Named relative to src/: the same names from a compiled build as from tsx.
  for (const f of sourceFiles(what === 'index' ? DERIVING_CODE : PARSING_CODE)) hash.update(path.relative(SOURCE_ROOT, f)).update(readFileSync(f));
  hash.update(
    what === 'index'
      ? `minisearch ${packageVersion('minisearch')} natural ${packageVersion('natural')}`
      : // The metadata is validated by zod; the file is written by Node's serialiser, whose format follows V8's.
        `zod ${packageVersion('zod')} node ${process.versions.node} v8 ${process.versions.v8}`,
  );
  const digest = hash.digest('hex');
  codeHashes.set(what, digest);
  return digest;
}

/**
 * Fingerprints already known for a loaded corpus (saved with its parse): hashing 10,000
 * paragraphs again at every start-up would cost 15–40 ms for an answer known in advance.
 * A Corpus is not changed once loaded (everything built from it assumes so); an edited
 * copy is a new object, and hashed.
 */
const knownFingerprints = new WeakMap<Corpus, string>();

/** What the index and figures are built from: every document's metadata and every paragraph. */
export function corpusFingerprint(corpus: Corpus): string {
  const known = knownFingerprints.get(corpus);
  if (known) return known;
  const hash = createHash('sha256');
  for (const d of corpus.documents) {
    hash.update(JSON.stringify(d.meta));
    // Everything of a paragraph that the index or a saved figure record reads.
    for (const p of d.paragraphs) hash.update(`\u0000${p.id}\u0001${p.section ?? ''}\u0001${p.page}\u0001${p.role}\u0001${p.text}`);
  }
  const digest = hash.digest('hex');
  knownFingerprints.set(corpus, digest);
  return digest;
}

export function indexCacheFile(cacheDir: string, corpus: Corpus): string {
  const key = createHash('sha256').update(codeFingerprint('index')).update(corpusFingerprint(corpus)).digest('hex').slice(0, 32);
  return path.join(cacheDir, `index-${key}.json`);
}

/** The figures saved with the index in `indexFile`. */
export function figuresCacheFile(indexFile: string): string {
  return path.join(path.dirname(indexFile), path.basename(indexFile).replace(/^index-/, 'figures-'));
}

/**
 * The index's byte arrays (its packed postings and analyses), saved beside `indexFile` as
 * they are: at ×1000 the corpus, 51 MB of base64 inside the JSON were four fifths of the
 * 63 MB that start-up read as a string, scanned as JSON and decoded again (≈ 0.5 s).
 */
export function indexBytesFile(indexFile: string): string {
  return indexFile.replace(/\.json$/, '.bin');
}

/** The corpus file's name: a hash of what parsing reads (each metadata as validated, each text's bytes) and of the parser. */
export function corpusCacheFile(cacheDir: string, files: CorpusFile[]): string {
  const hash = createHash('sha256').update(codeFingerprint('corpus'));
  for (const f of files) {
    hash.update(`\u0000${JSON.stringify(f.meta)}\u0001${f.bytes.length}\u0001`).update(f.bytes);
  }
  return path.join(cacheDir, `corpus-${hash.digest('hex').slice(0, 32)}.v8`);
}

function readSaved(file: string): SavedEngine | null {
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as SavedEngine;
    if (saved?.format !== SNAPSHOT_FORMAT || typeof saved.index?.search?.packedIndex !== 'object' || typeof saved.index.analyses !== 'object') return null;
    const { postings, analyses, sha1 } = saved.bytes ?? {};
    const bytes = readFileSync(indexBytesFile(file));
    if (!Number.isInteger(postings) || !Number.isInteger(analyses) || postings! + analyses! !== bytes.length) return null;
    // (≈ 25 ms for the 40 MB at ×1000 the corpus.)
    if (typeof sha1 !== 'string' || sha1Of(bytes) !== sha1) return null;
    saved.index.search.packedIndex.postings = bytes.subarray(0, postings);
    saved.index.analyses.bytes = bytes.subarray(postings);
    return isUsableSnapshot(saved.index) ? saved : null;
  } catch {
    // Missing, truncated or unreadable: build instead.
    return null;
  }
}

/** The index file's content and the bytes saved beside it (see `indexBytesFile`). */
function savedIndex(snapshot: IndexSnapshot): { content: SavedEngine; bytes: Buffer } {
  const { packedIndex } = snapshot.search;
  const asBytes = (x: string | Uint8Array) => (typeof x === 'string' ? Buffer.from(x, 'base64') : Buffer.from(x.buffer, x.byteOffset, x.byteLength));
  const postings = asBytes(packedIndex.postings);
  const analyses = asBytes(snapshot.analyses.bytes);
  const index: IndexSnapshot = { ...snapshot, search: { ...snapshot.search, packedIndex: { ...packedIndex, postings: '' } }, analyses: { ...snapshot.analyses, bytes: '' } };
  const bytes = Buffer.concat([postings, analyses]);
  return { content: { format: SNAPSHOT_FORMAT, index, bytes: { postings: postings.length, analyses: analyses.length, sha1: sha1Of(bytes) } }, bytes };
}

/** A saved file's check sum: SHA-1 as a guard against damage and mismatched pieces, not against forgery (the cache folder is the bot's own). */
function sha1Of(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('hex');
}
const SHA1_BYTES = 20;

/** Writes through a temporary file and a rename, so a reader never sees half a file. Pieces are written one after the other. */
function writeAtomically(file: string, content: string | Buffer | Buffer[]): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    if (Array.isArray(content)) {
      const fd = openSync(temporary, 'w');
      try {
        for (const piece of content) writeSync(fd, piece);
      } finally {
        closeSync(fd);
      }
    } else writeFileSync(temporary, content);
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

/** Keeps the KEEP most recently written files of one kind (`index-…json`, `corpus-…v8`) in the folder. */
function prune(cacheDir: string, kind: RegExp): void {
  const files = readdirSync(cacheDir)
    .filter((f) => kind.test(f))
    .map((f) => path.join(cacheDir, f))
    .map((f) => ({ f, mtime: statSync(f).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const { f } of files.slice(KEEP)) unlinkSync(f);
}
const INDEX_FILE = /^index-[0-9a-f]+\.json$/;
const INDEX_BYTES_FILE = /^index-[0-9a-f]+\.bin$/;
const FIGURES_FILE = /^figures-[0-9a-f]+\.json$/;
const CORPUS_FILE = /^corpus-[0-9a-f]+\.v8$/;

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
      if (index.restored) {
        let book: FigureBook | undefined;
        // A missing or damaged figures file costs the extraction (on first use), not the answers.
        const figureBook = () => (book ??= savedFigureBook(corpus, figuresCacheFile(file)) ?? buildFigureBook(corpus));
        return {
          index,
          get figures() {
            return figureBook().records;
          },
          get figureBook() {
            return figureBook();
          },
          source: 'cache',
          file,
          ms: performance.now() - start,
        };
      }
    } catch {
      // MiniSearch refused the saved index: build a new one below.
    }
  }
  const index = new PassageIndex(corpus);
  if (!file || !cacheDir) return { index, figures: null, figureBook: null, source: 'built', file: null, ms: performance.now() - start };
  const figures = extractCorpusFigures(corpus);
  const figureBook = buildFigureBook(corpus, figures);
  try {
    const saved: SavedFigures = { records: figures, disagreements: figureBook.disagreements };
    const { content, bytes } = savedIndex(index.toSnapshot());
    // The figures and bytes first: an index file is only ever found with them beside it.
    writeAtomically(figuresCacheFile(file), JSON.stringify(saved));
    writeAtomically(indexBytesFile(file), bytes);
    writeAtomically(file, JSON.stringify(content));
    prune(cacheDir, INDEX_FILE);
    prune(cacheDir, INDEX_BYTES_FILE);
    prune(cacheDir, FIGURES_FILE);
    return { index, figures, figureBook, source: 'built', file, ms: performance.now() - start };
  } catch (err) {
    // A read-only checkout or a full disk costs start-up time, not the answers.
    return { index, figures, figureBook, source: 'built', file: null, ms: performance.now() - start, saveError: err instanceof Error ? err.message : String(err) };
  }
}

/** The figure book saved with the index, or null when its file is missing or damaged. */
function savedFigureBook(corpus: Corpus, file: string): FigureBook | null {
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as SavedFigures;
    if (!Array.isArray(saved?.records) || !Array.isArray(saved.disagreements)) return null;
    return { records: saved.records, rows: corpus.documents.flatMap((d) => d.tables), disagreements: saved.disagreements };
  } catch {
    return null;
  }
}

/**
 * The corpus file: the byte length of a header (4 bytes, little-endian), the header's SHA-1
 * (20 bytes: a damaged header can deserialise into a corpus that passes the checks below
 * and fails later, in an answer), the header (`SavedCorpus`, by Node's serialiser), then the joined long strings' characters (see SavedTexts), chunk
 * after chunk, one byte a character (Latin-1) or two (UTF-16LE). The corpus's structure is
 * encoded by graphCodec.ts (which keeps Maps and shared objects as they are, and writes each
 * distinct string once: at ×1000 the corpus 22 MB read in 0.7–0.8 s, where the serialiser's
 * own form of it was 105 MB and 2.3–2.5 s). The strings are read a chunk at a time into one
 * buffer of a chunk's size: read whole, the 263 MB file took 0.45–0.7 s just to be given
 * memory, then was copied once more into the strings.
 */
interface SavedCorpus {
  layout: typeof CORPUS_LAYOUT;
  /** The corpus (`encodeGraph`) with every paragraph's text empty: the texts are in `texts`. */
  corpus: EncodedGraph;
  /** `corpusFingerprint` of it, so the index's key needs no second pass over the text. */
  fingerprint: string;
  texts: SavedTextLayout;
}

/** Where the joined strings are in the file: per chunk its width (0: Latin-1, 1: UTF-16LE) and length in characters; each string's place. */
interface SavedTextLayout {
  widths: number[];
  lengths: number[];
  spans: Int32Array;
}

/**
 * The corpus's long strings (paragraphs' texts; references' entries, titles and authors),
 * joined into a few long strings. 54,000 paragraph texts and 101,000 references of strings of
 * their own at ×1000 the corpus were a third of the deserialisation and of the collections
 * after it (each string allocated young, then copied as it is promoted); a long string is
 * allocated once, and each of its parts is a slice of it (V8 keeps a substring as a view: no
 * copy, the same memory). Strings with a character beyond Latin-1 go into long strings of
 * their own, so that the others stay one byte a character, as they were.
 */
interface SavedTexts {
  chunks: string[];
  /** Per chunk: 0 when every character is Latin-1 (one byte each), else 1. */
  widths: number[];
  /** Per string (in `textSlots` order): its chunk, start and end in it. */
  spans: Int32Array;
}

/** Characters per joined string (V8's limit is ~536 million). */
const TEXT_CHUNK = 1 << 24;
const LATIN1 = /^[\u0000-\u00ff]*$/;

/** Where the joined strings go, in a fixed order: each paragraph's text, each reference's entry, title and authors. */
function forEachTextSlot(corpus: Corpus, visit: (owner: Record<string, unknown>, field: string) => void): void {
  for (const d of corpus.documents) {
    for (const p of d.paragraphs) visit(p as unknown as Record<string, unknown>, 'text');
    for (const r of d.references) {
      const owner = r as unknown as Record<string, unknown>;
      visit(owner, 'text');
      visit(owner, 'title');
      visit(owner, 'authors');
    }
  }
}

/** The corpus's long strings joined (see SavedTexts), and the corpus with them emptied until `restore` is called. */
function takeTexts(corpus: Corpus): { texts: SavedTexts; restore: () => void } {
  const originals: string[] = [];
  forEachTextSlot(corpus, (owner, field) => {
    originals.push(owner[field] as string);
  });
  const chunks: string[] = [];
  const widths: number[] = [];
  const spans = new Int32Array(originals.length * 3);
  // One open chunk per width (one byte, two bytes a character).
  const open: Array<{ index: number; parts: string[]; length: number } | null> = [null, null];
  const close = (width: number) => {
    const c = open[width];
    if (c) chunks[c.index] = c.parts.join('');
    open[width] = null;
  };
  originals.forEach((text, i) => {
    const width = LATIN1.test(text) ? 0 : 1;
    let c = open[width];
    if (c && c.length + text.length > TEXT_CHUNK) {
      close(width);
      c = null;
    }
    if (!c) {
      c = open[width] = { index: chunks.length, parts: [], length: 0 };
      chunks.push('');
      widths.push(width);
    }
    spans[3 * i] = c.index;
    spans[3 * i + 1] = c.length;
    spans[3 * i + 2] = c.length + text.length;
    c.parts.push(text);
    c.length += text.length;
  });
  close(0);
  close(1);
  forEachTextSlot(corpus, (owner, field) => {
    owner[field] = '';
  });
  return {
    texts: { chunks, widths, spans },
    restore: () => {
      let i = 0;
      forEachTextSlot(corpus, (owner, field) => {
        owner[field] = originals[i++];
      });
    },
  };
}

/** Puts the saved strings back into the deserialised corpus; false when they do not fit it. */
function putTexts(corpus: Corpus, texts: Pick<SavedTexts, 'chunks' | 'spans'> | undefined): boolean {
  if (!texts || !Array.isArray(texts.chunks) || !(texts.spans instanceof Int32Array)) return false;
  const { chunks, spans } = texts;
  if (!chunks.every((c) => typeof c === 'string')) return false;
  let count = 0;
  forEachTextSlot(corpus, () => {
    count++;
  });
  if (spans.length !== 3 * count) return false;
  let i = 0;
  let fits = true;
  forEachTextSlot(corpus, (owner, field) => {
    const chunk = chunks[spans[3 * i]!];
    const start = spans[3 * i + 1]!;
    const end = spans[3 * i + 2]!;
    i++;
    if (chunk === undefined || start < 0 || end < start || end > chunk.length) fits = false;
    else owner[field] = chunk.slice(start, end);
  });
  return fits;
}

export interface CorpusLoad {
  corpus: Corpus;
  /** Whether the parse was loaded ('cache') or done now ('parsed'). */
  source: 'cache' | 'parsed';
  /** The cache file read or written (null when caching is off or saving failed). */
  file: string | null;
  ms: number;
  /** Why saving failed, if it did (the corpus is still usable). */
  saveError?: string;
}

/**
 * A saved parse that belongs to these files, or null. The name already says so; the checks
 * make sure a file that deserialises into something else (damaged, written by hand) is not
 * served: the documents, in order, with the metadata just validated, and the lookup tables.
 */
function readSavedCorpus(file: string, files: CorpusFile[]): { corpus: Corpus; fingerprint: string } | null {
  let saved: SavedCorpus;
  let corpus: Corpus;
  let chunks: string[];
  try {
    const read = readCorpusFile(file);
    if (!read) return null;
    ({ saved, chunks } = read);
    corpus = decodeGraph(saved.corpus) as Corpus;
  } catch {
    // Missing, truncated, damaged, or written by another Node: parse instead.
    return null;
  }
  const documents = corpus?.documents;
  if (typeof saved.fingerprint !== 'string' || !Array.isArray(documents) || documents.length !== files.length) return null;
  if (!(corpus.paragraphsById instanceof Map) || !(corpus.referencesById instanceof Map)) return null;
  const same = documents.every((d, i) => Array.isArray(d?.paragraphs) && JSON.stringify(d.meta) === JSON.stringify(files[i]!.meta));
  const paragraphs = documents.reduce((n, d) => n + d.paragraphs.length, 0);
  return same && corpus.paragraphsById.size === paragraphs && putTexts(corpus, { chunks, spans: saved.texts.spans }) ? { corpus, fingerprint: saved.fingerprint } : null;
}

/** The corpus file's pieces (see SavedCorpus): the header's length and SHA-1, the header, each chunk's characters. */
function corpusFilePieces(saved: SavedCorpus, texts: SavedTexts): Buffer[] {
  const layout: SavedTextLayout = { widths: texts.widths, lengths: texts.chunks.map((c) => c.length), spans: texts.spans };
  const header = v8.serialize({ ...saved, texts: layout });
  const length = Buffer.alloc(4);
  length.writeUInt32LE(header.length);
  return [length, Buffer.from(sha1Of(header), 'hex'), header, ...texts.chunks.map((c, i) => Buffer.from(c, texts.widths[i] ? 'utf16le' : 'latin1'))];
}

/** The corpus file's header length (4 bytes) and the header's SHA-1. */
const PREFIX_BYTES = 4 + SHA1_BYTES;

/** Reads `buffer.length` bytes at `position`; false when the file ends first. */
function readExactly(fd: number, buffer: Buffer, position: number): boolean {
  let done = 0;
  while (done < buffer.length) {
    const n = readSync(fd, buffer, done, buffer.length - done, position + done);
    if (n === 0) return false;
    done += n;
  }
  return true;
}

/** The corpus file's header and its long strings, or null when the file is not one of this layout, or not whole. */
function readCorpusFile(file: string): { saved: SavedCorpus; chunks: string[] } | null {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const prefix = Buffer.alloc(PREFIX_BYTES);
    if (!readExactly(fd, prefix, 0)) return null;
    const headerLength = prefix.readUInt32LE(0);
    if (PREFIX_BYTES + headerLength > size) return null;
    const header = Buffer.allocUnsafe(headerLength);
    if (!readExactly(fd, header, PREFIX_BYTES)) return null;
    if (sha1Of(header) !== prefix.toString('hex', 4)) return null;
    const saved = v8.deserialize(header) as SavedCorpus;
    if (saved?.layout !== CORPUS_LAYOUT) return null;
    const { widths, lengths } = saved.texts ?? {};
    if (!Array.isArray(widths) || !Array.isArray(lengths) || widths.length !== lengths.length) return null;
    const sizes = lengths.map((n, i) => (Number.isInteger(n) && n >= 0 && n <= TEXT_CHUNK ? n * (widths[i] ? 2 : 1) : Number.NaN));
    if (PREFIX_BYTES + headerLength + sizes.reduce((a, b) => a + b, 0) !== size) return null;
    const piece = Buffer.allocUnsafe(Math.max(0, ...sizes));
    const chunks: string[] = [];
    let position = PREFIX_BYTES + headerLength;
    for (const [i, bytes] of sizes.entries()) {
      if (!readExactly(fd, piece.subarray(0, bytes), position)) return null;
      chunks.push(piece.toString(widths[i] ? 'utf16le' : 'latin1', 0, bytes));
      position += bytes;
    }
    return { saved, chunks };
  } finally {
    closeSync(fd);
  }
}

/**
 * The parsed corpus of `dir`: every file is read and checked as `loadCorpus` does (so a
 * broken document still stops start-up, naming the file), then the parse is loaded from
 * `cacheDir` when one was saved for exactly these files and this parser, else parsed and
 * saved there. `cacheDir` null: parsed, nothing saved.
 */
export async function loadOrParseCorpus(dir: string | undefined, cacheDir: string | null): Promise<CorpusLoad> {
  const start = performance.now();
  const files = await readCorpusFiles(dir);
  if (!cacheDir) return { corpus: parseCorpusFiles(files), source: 'parsed', file: null, ms: performance.now() - start };
  const file = corpusCacheFile(cacheDir, files);
  const saved = readSavedCorpus(file, files);
  if (saved) {
    knownFingerprints.set(saved.corpus, saved.fingerprint);
    return { corpus: saved.corpus, source: 'cache', file, ms: performance.now() - start };
  }
  const corpus = parseCorpusFiles(files);
  try {
    const fingerprint = corpusFingerprint(corpus);
    const { texts, restore } = takeTexts(corpus);
    let pieces: Buffer[];
    try {
      pieces = corpusFilePieces({ layout: CORPUS_LAYOUT, corpus: encodeGraph(corpus), fingerprint, texts: { widths: [], lengths: [], spans: texts.spans } }, texts);
    } finally {
      restore();
    }
    writeAtomically(file, pieces);
    prune(cacheDir, CORPUS_FILE);
    return { corpus, source: 'parsed', file, ms: performance.now() - start };
  } catch (err) {
    return { corpus, source: 'parsed', file: null, ms: performance.now() - start, saveError: err instanceof Error ? err.message : String(err) };
  }
}
