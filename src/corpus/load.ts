import { readFile } from 'node:fs/promises';
import { CorpusError, DEFAULT_CORPUS_DIR, readManifest } from './manifest.js';
import { parseDocument } from './parseDocument.js';
import type { Corpus, CorpusDocument } from './types.js';

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads every `<name>.json` + text pair in the corpus folder. Any problem stops here with
 * a `CorpusError` naming the file: a half-loaded corpus would answer wrongly in silence.
 */
export async function loadCorpus(dir: string = DEFAULT_CORPUS_DIR): Promise<Corpus> {
  const entries = await readManifest(dir);
  const documents: CorpusDocument[] = [];
  for (const { meta, textPath } of entries) {
    let bytes: Buffer;
    try {
      bytes = await readFile(textPath);
    } catch (err) {
      throw new CorpusError(textPath, `cannot read the text named by ${meta.id}.json (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    }
    if (bytes.includes(0)) throw new CorpusError(textPath, 'is binary, not a plain-text extraction');
    let raw: string;
    try {
      // fatal: readFile's 'utf8' would quietly turn a Latin-1 export or binary junk into U+FFFD
      raw = UTF8.decode(bytes);
    } catch {
      throw new CorpusError(textPath, 'is not UTF-8 text (binary, or another encoding): save the extraction as UTF-8');
    }
    if (raw.trim().length === 0) throw new CorpusError(textPath, 'is empty');
    try {
      documents.push(parseDocument(raw, meta));
    } catch (err) {
      throw new CorpusError(textPath, (err as Error).message);
    }
  }
  return indexCorpus(documents);
}

export function indexCorpus(documents: CorpusDocument[]): Corpus {
  const paragraphsById = new Map(documents.flatMap((d) => d.paragraphs.map((p) => [p.id, p] as const)));
  const referencesById = new Map(documents.flatMap((d) => d.references.map((r) => [r.id, r] as const)));
  return { documents, paragraphsById, referencesById };
}
