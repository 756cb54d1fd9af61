import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { REPO_ROOT } from '../paths.js';
import type { DocumentMeta } from './types.js';

/**
 * Each document is a text file plus a `<name>.json` beside it. The schema is the single
 * place that says what metadata a document needs; a bad file stops start-up with a
 * message naming it (see `CorpusError`).
 */
const DocumentMetaSchema = z.object({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be a lower-case slug of at most 40 characters (a-z, 0-9, -)'),
  file: z.string().min(1),
  authors: z.array(z.string().min(1)).min(1, 'needs at least one author'),
  affiliations: z.array(z.string()).default([]),
  title: z.string().min(1),
  venue: z.string().min(1),
  year: z.number().int().min(1800).max(2100),
  date: z.string().default(''),
  doi: z.string().nullable().default(null),
  url: z.string().url().nullable().default(null),
  kind: z.string().default('article'),
});

export class CorpusError extends Error {
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = 'CorpusError';
  }
}

/** `corpus/` at the repository root, the same from src/ (tsx) and dist/src/ (compiled). */
export const DEFAULT_CORPUS_DIR = path.join(REPO_ROOT, 'corpus');

export interface ManifestEntry {
  meta: DocumentMeta;
  textPath: string;
  metaPath: string;
}

export async function readManifest(dir: string): Promise<ManifestEntry[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  } catch (err) {
    throw new CorpusError(dir, `cannot read the corpus folder (${(err as Error).message})`);
  }
  if (names.length === 0) throw new CorpusError(dir, 'no documents: add a text file and its <name>.json metadata');
  const entries: ManifestEntry[] = [];
  const seen = new Set<string>();
  for (const name of names) {
    const metaPath = path.join(dir, name);
    let json: unknown;
    try {
      json = JSON.parse(await readFile(metaPath, 'utf8'));
    } catch (err) {
      throw new CorpusError(metaPath, `not valid JSON (${(err as Error).message})`);
    }
    const parsed = DocumentMetaSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new CorpusError(metaPath, `field "${issue.path.join('.') || '(root)'}" ${issue.message}`);
    }
    const meta = parsed.data;
    if (seen.has(meta.id)) throw new CorpusError(metaPath, `duplicate document id "${meta.id}"`);
    seen.add(meta.id);
    entries.push({ meta, metaPath, textPath: path.join(dir, meta.file) });
  }
  return entries;
}
