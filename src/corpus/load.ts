import { readFile } from 'node:fs/promises';
import { CorpusError, DEFAULT_CORPUS_DIR, readManifest } from './manifest.js';
import { parseDocument } from './parseDocument.js';
import type { Corpus, CorpusDocument } from './types.js';

/**
 * Reads every `<name>.json` + text pair in the corpus folder. Any problem stops here with
 * a `CorpusError` naming the file: a half-loaded corpus would answer wrongly in silence.
 */
export async function loadCorpus(dir: string = DEFAULT_CORPUS_DIR): Promise<Corpus> {
  const entries = await readManifest(dir);
  const documents: CorpusDocument[] = [];
  for (const { meta, textPath } of entries) {
    let raw: string;
    try {
      raw = await readFile(textPath, 'utf8');
    } catch (err) {
      throw new CorpusError(textPath, `cannot read the text named by ${meta.id}.json (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    }
    if (raw.includes('\u0000')) throw new CorpusError(textPath, 'is binary, not a plain-text extraction');
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
