import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { REPO_ROOT } from '../paths.js';
import { slugify } from './text.js';
import type { DocumentMeta } from './types.js';

/**
 * Each document is a text file plus a `<name>.json` beside it. The schema is the single
 * place that says what metadata a document needs; a bad file stops start-up with one line
 * naming the file and the field (see `CorpusError`), never a stack trace.
 *
 * The rules are meant to be lived with by someone writing (or generating) these files for
 * a hundred documents: only what a citation cannot do without is required (authors,
 * title, year); the id and the text's file name default to the metadata file's own
 * name; `venue`, `date`, `doi`, `url` may be missing or null.
 */

/** Paragraph ids are `<document id>/<n>` and must fit Discord's custom-id budget. */
export const MAX_ID_LENGTH = 40;
const ID_PATTERN = new RegExp(`^[a-z0-9][a-z0-9-]{0,${MAX_ID_LENGTH - 1}}$`);

/**
 * A document id from any name (a file name, a title): slugged, and cut at a word boundary
 * to fit, so `whitehouse-2023-09-19-readout-of-president-bidens-meeting.txt` becomes
 * `whitehouse-2023-09-19-readout-of`.
 */
export function idFromName(name: string): string {
  const slug = slugify(name.replace(/\.[a-z0-9]{1,5}$/i, '')) || 'document';
  if (slug.length <= MAX_ID_LENGTH) return slug;
  const cut = slug.slice(0, MAX_ID_LENGTH + 1);
  const boundary = cut.lastIndexOf('-');
  // A boundary too early would throw most of the name away: cut mid-word instead.
  return (boundary >= MAX_ID_LENGTH / 2 ? cut.slice(0, boundary) : cut.slice(0, MAX_ID_LENGTH)).replace(/-+$/, '');
}

const nullToUndefined = (v: unknown) => (v === null ? undefined : v);
/** `"A; B"` as well as `["A", "B"]`: people type the list the way the CLI takes it. */
const authorList = (v: unknown) =>
  typeof v === 'string' ? v.split(';').map((s) => s.trim()).filter(Boolean) : v;

const DocumentMetaSchema = z.object({
  id: z
    .string()
    .optional()
    .superRefine((id, ctx) => {
      if (id === undefined || ID_PATTERN.test(id)) return;
      const suggestion = idFromName(id);
      ctx.addIssue({
        code: 'custom',
        message:
          id.length > MAX_ID_LENGTH
            ? `is ${id.length} characters, at most ${MAX_ID_LENGTH} fit (e.g. "${suggestion}", or leave it out to derive one from the file name)`
            : `must be a lower-case slug of at most ${MAX_ID_LENGTH} characters (a-z, 0-9, -), e.g. "${suggestion}"`,
      });
    }),
  file: z.string().min(1).optional(),
  authors: z.preprocess(authorList, z.array(z.string().trim().min(1)).min(1, 'needs at least one author (a person or an organisation, e.g. "Wikipedia contributors")')),
  affiliations: z.preprocess(nullToUndefined, z.array(z.string()).default([])),
  title: z.string().trim().min(1, 'must not be empty'),
  // Where it appeared, when the source says: a report, a preprint or a PDF printing no journal
  // has none, and a citation does without ("Webb et al. (2017), “Title”"). Missing, null or "" → "".
  venue: z.preprocess((v) => (v === null || v === undefined ? '' : v), z.string({ message: 'must be text (the journal, site or publisher)' }).trim()),
  // A year typed as a string ("2019") is still a year.
  year: z.preprocess(
    (v) => (typeof v === 'string' && /^\s*\d{4}\s*$/.test(v) ? Number(v) : v),
    z.number({ message: 'must be a year such as 2019' }).int('must be a year such as 2019').min(1800, 'must be 1800 or later').max(2100, 'must be 2100 or earlier'),
  ),
  date: z.preprocess(nullToUndefined, z.string().default('')),
  doi: z.string().nullable().default(null),
  url: z.preprocess((v) => (v === '' ? null : v), z.string().url('must be a full URL (https://…)').nullable().default(null)),
  kind: z.preprocess(nullToUndefined, z.string().default('article')),
  citeAs: z.preprocess(nullToUndefined, z.string().trim().min(1).optional()),
  pageLabels: z.preprocess(nullToUndefined, z.array(z.string()).optional()),
  source: z.preprocess(nullToUndefined, z.string().optional()),
});

export class CorpusError extends Error {
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = 'CorpusError';
    // A data mistake, not a bug: whoever prints the stack (entry points do, for crashes)
    // prints this one line, not the loader's call chain.
    this.stack = `${this.name}: ${this.message}`;
  }
}

/** `corpus/` at the repository root, the same from src/ (tsx) and dist/src/ (compiled). */
export const DEFAULT_CORPUS_DIR = path.join(REPO_ROOT, 'corpus');

export interface ManifestEntry {
  meta: DocumentMeta;
  textPath: string;
  metaPath: string;
}

/**
 * Validates one metadata object as start-up does. `metaPath` names the file in errors and
 * gives the defaults (id and text file from its name). Throws a one-line `CorpusError`.
 */
export function validateMeta(json: unknown, metaPath: string): DocumentMeta {
  const parsed = DocumentMetaSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.') || '(root)';
    // zod's wording for a missing field is "expected …, received undefined".
    const message = issue.code === 'invalid_type' && /received undefined/.test(issue.message) ? 'is missing' : issue.message;
    throw new CorpusError(metaPath, `field "${field}" ${message}`);
  }
  const base = path.basename(metaPath, '.json');
  const { id, file, citeAs, pageLabels, ...rest } = parsed.data;
  const meta: DocumentMeta = { id: id ?? idFromName(base), file: file ?? `${base}.txt`, ...rest };
  // Optional keys stay absent rather than undefined, so metadata written before them is unchanged.
  if (citeAs) meta.citeAs = citeAs;
  if (pageLabels) meta.pageLabels = pageLabels;
  return meta;
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
  const seen = new Map<string, string>();
  for (const name of names) {
    const metaPath = path.join(dir, name);
    let json: unknown;
    try {
      // Read synchronously: 2,000 small files one `await` each took ~1 s at ×1000 the corpus, 0.05 s so.
      json = JSON.parse(readFileSync(metaPath, 'utf8'));
    } catch (err) {
      throw new CorpusError(metaPath, `not valid JSON (${(err as Error).message})`);
    }
    const meta = validateMeta(json, metaPath);
    const other = seen.get(meta.id);
    if (other) throw new CorpusError(metaPath, `duplicate document id "${meta.id}" (also ${other}): give one an "id"`);
    seen.set(meta.id, name);
    entries.push({ meta, metaPath, textPath: path.join(dir, meta.file) });
  }
  return entries;
}
