import { isUtf8 } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { CorpusError, DEFAULT_CORPUS_DIR, readManifest, type ManifestEntry } from './manifest.js';
import { parseDocument } from './parseDocument.js';
import type { Corpus, CorpusDocument } from './types.js';

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** One document as read from disk, checked, before parsing. */
export interface CorpusFile extends ManifestEntry {
  /** The text file's bytes: what a saved parse is keyed on. */
  bytes: Buffer;
  /** The same, decoded (strict UTF-8, not empty): decoded when first read, as a start-up that loads a saved parse never does. */
  readonly raw: string;
}

/** Whether the bytes hold anything but white space (as `String.prototype.trim` sees it) — without decoding them unless they must be. */
function hasText(bytes: Buffer, decoded: () => string): boolean {
  for (const b of bytes) {
    // ASCII other than white space: text. Non-ASCII may be Unicode white space (a no-break space): decoded and trimmed.
    if (b > 0x20 && b < 0x7f) return true;
    if (b >= 0x80) return decoded().trim().length > 0;
  }
  return false;
}

/**
 * Reads and checks every `<name>.json` + text pair in the corpus folder, without parsing
 * the texts. Any problem stops here with a `CorpusError` naming the file: a half-loaded
 * corpus would answer wrongly in silence.
 */
export async function readCorpusFiles(dir: string = DEFAULT_CORPUS_DIR): Promise<CorpusFile[]> {
  const entries = await readManifest(dir);
  const files: CorpusFile[] = [];
  for (const entry of entries) {
    const { meta, textPath } = entry;
    let bytes: Buffer;
    try {
      // Synchronously, as the metadata (see readManifest): an `await` per file cost ~1 s at ×1000 the corpus.
      bytes = readFileSync(textPath);
    } catch (err) {
      throw new CorpusError(textPath, `cannot read the text named by ${meta.id}.json (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    }
    if (bytes.includes(0)) throw new CorpusError(textPath, 'is binary, not a plain-text extraction');
    // Strict: readFile's 'utf8' would quietly turn a Latin-1 export or binary junk into U+FFFD.
    // Checked without decoding (116 MB at ×1000 the corpus: 0.45 s of a start-up that then
    // loads the saved parse and drops the text).
    if (!isUtf8(bytes)) throw new CorpusError(textPath, 'is not UTF-8 text (binary, or another encoding): save the extraction as UTF-8');
    let raw: string | undefined;
    const decoded = () => (raw ??= UTF8.decode(bytes));
    if (!hasText(bytes, decoded)) throw new CorpusError(textPath, 'is empty');
    files.push({
      ...entry,
      bytes,
      get raw() {
        return decoded();
      },
    });
  }
  return files;
}

/** Parses files read by `readCorpusFiles`; a text the parser refuses is a `CorpusError` naming it. */
export function parseCorpusFiles(files: CorpusFile[]): Corpus {
  const documents = files.map(({ raw, meta, textPath }) => {
    try {
      return parseDocument(raw, meta);
    } catch (err) {
      throw new CorpusError(textPath, (err as Error).message);
    }
  });
  return indexCorpus(documents);
}

/** Reads, checks and parses the whole corpus folder (`engineCache.loadOrParseCorpus` saves the result). */
export async function loadCorpus(dir: string = DEFAULT_CORPUS_DIR): Promise<Corpus> {
  return parseCorpusFiles(await readCorpusFiles(dir));
}

export function indexCorpus(documents: CorpusDocument[]): Corpus {
  const paragraphsById = new Map(documents.flatMap((d) => d.paragraphs.map((p) => [p.id, p] as const)));
  const referencesById = new Map(documents.flatMap((d) => d.references.map((r) => [r.id, r] as const)));
  return { documents, paragraphsById, referencesById };
}
