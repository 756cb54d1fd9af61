import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadCorpus } from '../load.js';
import { CorpusError, idFromName, MAX_ID_LENGTH } from '../manifest.js';
import type { CorpusDocument, DocumentMeta } from '../types.js';
import { countDraft, writeCorpusText, type Draft, type MetaField, type Proposed } from './draft.js';
import { importHtml } from './html.js';
import { dateFromUrl, METADATA_TABLE_NAMES, publisherFromUrl, readMetadataTable, siteName, type MetadataTable } from './metadata.js';
import { importPdf } from './pdf.js';
import { importText } from './text.js';

/**
 * `npm run add` without the command line: files (or folders of them) → documents in the
 * corpus format, each checked by the same `loadCorpus` that start-up runs before it is
 * written. Re-importing a file updates its document (found by the `source` recorded in its
 * metadata, else by its id), never adds a second one.
 */

export const SUPPORTED = ['.txt', '.md', '.markdown', '.html', '.htm', '.pdf'];

export interface ImportOptions {
  corpusDir: string;
  /** Flags: win over everything found. */
  overrides?: Proposed & { id?: string };
  /** `--default field=value`: used only where a file and its table say nothing. */
  defaults?: Proposed;
  /** A metadata table given with --metadata (folders are searched for their own). */
  metadataTable?: string;
  dryRun?: boolean;
}

export interface ImportCounts {
  pages: number;
  sections: number;
  paragraphs: number;
  tables: number;
  references: number;
  footnotes: number;
}

export interface ImportResult {
  source: string;
  status: 'added' | 'updated' | 'unchanged' | 'failed';
  id: string;
  /** Where the text and metadata were (or would be) written. */
  textPath: string;
  metaPath: string;
  meta: DocumentMeta | null;
  counts: ImportCounts | null;
  /** Each metadata field and where its value came from. */
  provenance: Partial<Record<MetaField | 'id', string>>;
  /** Fields nothing gave a value for (optional ones; required ones make it fail). */
  missing: string[];
  notes: string[];
  error?: string;
  ms: number;
}

/** The files named, folders expanded (sorted, recursively); repository notes such as README.md are not documents. */
export async function expandInputs(inputs: string[]): Promise<{ files: string[]; tables: Map<string, string> }> {
  const files: string[] = [];
  const tables = new Map<string, string>();
  const visit = async (p: string, named: boolean): Promise<void> => {
    const info = await stat(p).catch(() => null);
    if (!info) throw new Error(`${p}: no such file or folder`);
    if (info.isDirectory()) {
      const table = METADATA_TABLE_NAMES.map((n) => path.join(p, n)).find((f) => existsSync(f));
      if (table) tables.set(path.resolve(p), table);
      for (const name of (await readdir(p)).sort()) await visit(path.join(p, name), false);
      return;
    }
    const ext = path.extname(p).toLowerCase();
    if (!SUPPORTED.includes(ext)) {
      if (named) throw new Error(`${p}: not a document Steppe can import (${SUPPORTED.join(', ')})`);
      return;
    }
    // README.md, SOURCES.md, LICENSE.txt describe a folder; they are not part of it.
    if (!named && /^[A-Z0-9_-]+$/.test(path.basename(p, ext))) return;
    files.push(path.resolve(p));
  };
  for (const input of inputs) await visit(input, true);
  return { files: [...new Set(files)], tables };
}

export async function extractDraft(file: string): Promise<Draft> {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.pdf') return importPdf(new Uint8Array(await readFile(file)));
  const text = await readFile(file, 'utf8');
  if (ext === '.html' || ext === '.htm') return importHtml(text);
  return importText(text, { markdown: ext === '.md' || ext === '.markdown' });
}

interface Existing {
  meta: Record<string, unknown>;
  name: string;
}

/** The corpus's metadata files, by recorded source and by id. */
async function readExisting(dir: string): Promise<{ bySource: Map<string, Existing>; byId: Map<string, Existing> }> {
  const bySource = new Map<string, Existing>();
  const byId = new Map<string, Existing>();
  const names = existsSync(dir) ? (await readdir(dir)).filter((n) => n.endsWith('.json')) : [];
  for (const name of names) {
    try {
      const meta = JSON.parse(await readFile(path.join(dir, name), 'utf8')) as Record<string, unknown>;
      const entry = { meta, name: path.basename(name, '.json') };
      if (typeof meta.source === 'string') bySource.set(path.resolve(dir, meta.source), entry);
      byId.set(typeof meta.id === 'string' ? meta.id : idFromName(entry.name), entry);
    } catch {
      // A broken file is reported by the corpus check at the end.
    }
  }
  return { bySource, byId };
}

function humanTitle(file: string): string {
  const base = path.basename(file, path.extname(file)).replace(/[_-]+/g, ' ').trim();
  return base.charAt(0).toUpperCase() + base.slice(1);
}

const FIELDS: MetaField[] = ['title', 'authors', 'year', 'date', 'venue', 'doi', 'url', 'kind', 'affiliations', 'pageLabels'];
// A venue is not among them: a report or preprint names none, and citations do without it.
const REQUIRED: MetaField[] = ['title', 'authors', 'year'];
const FLAG: Record<string, string> = { title: '--title', authors: '--authors "A; B"', year: '--year (or --default year=YYYY for files that state none)' };

function countsOf(doc: CorpusDocument, draft: Draft): ImportCounts {
  return {
    pages: doc.pageCount,
    sections: doc.sections.length,
    paragraphs: doc.paragraphs.length,
    tables: countDraft(draft).tables,
    references: doc.references.length,
    footnotes: doc.footnotes.length,
  };
}

export async function importFiles(inputs: string[], options: ImportOptions): Promise<ImportResult[]> {
  const corpusDir = path.resolve(options.corpusDir);
  const { files, tables } = await expandInputs(inputs);
  const tableCache = new Map<string, MetadataTable>();
  const tableFor = async (file: string): Promise<Proposed | undefined> => {
    const tablePath = options.metadataTable ?? tables.get(path.dirname(file));
    if (!tablePath) return undefined;
    if (!tableCache.has(tablePath)) tableCache.set(tablePath, await readMetadataTable(tablePath));
    return tableCache.get(tablePath)!.get(path.basename(file));
  };
  const existing = await readExisting(corpusDir);
  const claimed = new Map<string, string>(); // id → source, in this run
  const results: ImportResult[] = [];
  const work = await mkdtemp(path.join(tmpdir(), 'steppe-add-'));
  try {
    for (const file of files) results.push(await importOne(file));
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return results;

  async function importOne(file: string): Promise<ImportResult> {
    const started = performance.now();
    const prior = existing.bySource.get(file);
    const provenance: ImportResult['provenance'] = {};
    const result = (over: Partial<ImportResult>): ImportResult => ({
      source: file,
      status: 'failed',
      id: '',
      textPath: '',
      metaPath: '',
      meta: null,
      counts: null,
      provenance,
      missing: [],
      notes: [],
      ms: performance.now() - started,
      ...over,
    });
    let draft: Draft;
    try {
      draft = await extractDraft(file);
    } catch (err) {
      return result({ error: `${file}: cannot be read (${(err as Error).message.split('\n')[0]})` });
    }

    // Highest first: flags, the folder's metadata table, what an earlier import recorded,
    // the file itself, what its URL says, --default values.
    const row = await tableFor(file);
    const fromUrl = (url: unknown): Proposed => {
      if (typeof url !== 'string') return {};
      const publisher = publisherFromUrl(url);
      const dated = dateFromUrl(url);
      const p: Proposed = {};
      if (publisher) (p.authors = [publisher.author]), (p.venue = publisher.venue);
      if (dated) (p.year = dated.year), (p.date = dated.date);
      const site = siteName(url);
      if (!p.venue && site) p.venue = site;
      return p;
    };
    const priorMeta = (prior?.meta ?? {}) as Proposed;
    const url = options.overrides?.url ?? row?.url ?? priorMeta.url ?? draft.proposed.url;
    const layers: Array<[string, Proposed]> = [
      ['flag', options.overrides ?? {}],
      ['metadata table', row ?? {}],
      ['earlier import', priorMeta],
      ['', draft.proposed],
      ['URL', fromUrl(url)],
      ['--default', options.defaults ?? {}],
    ];
    const chosen: Proposed = {};
    for (const field of FIELDS) {
      for (const [from, layer] of layers) {
        const v = layer[field];
        if (v === undefined || v === null || (Array.isArray(v) && v.length === 0) || v === '') continue;
        (chosen as Record<string, unknown>)[field] = v;
        provenance[field] = from || draft.provenance[field] || 'file';
        break;
      }
    }
    if (!chosen.title) {
      chosen.title = humanTitle(file);
      provenance.title = 'file name';
    }
    const missing = FIELDS.filter((f) => chosen[f] === undefined && f !== 'pageLabels' && f !== 'affiliations');
    const missingRequired = REQUIRED.filter((f) => chosen[f] === undefined);

    // The id: given, recorded by an earlier import, else from the file name, unique in the corpus.
    let id = options.overrides?.id ?? (typeof prior?.meta.id === 'string' ? prior.meta.id : undefined);
    provenance.id = options.overrides?.id ? 'flag' : id ? 'earlier import' : 'file name';
    if (!id) {
      const baseId = idFromName(path.basename(file));
      id = baseId;
      for (let n = 2; ; n++) {
        const holder = existing.byId.get(id);
        const taken = (holder && holder.meta.source !== undefined && path.resolve(corpusDir, String(holder.meta.source)) !== file) || (claimed.has(id) && claimed.get(id) !== file);
        if (!taken) break;
        const suffix = `-${n}`;
        id = `${baseId.slice(0, MAX_ID_LENGTH - suffix.length).replace(/-+$/, '')}${suffix}`;
      }
    }
    claimed.set(id, file);
    const name = prior?.name ?? id;
    const textPath = path.join(corpusDir, `${name}.txt`);
    const metaPath = path.join(corpusDir, `${name}.json`);
    if (missingRequired.length > 0) {
      return result({
        id,
        textPath,
        metaPath,
        missing,
        notes: draft.notes,
        error: `${file}: could not find ${missingRequired.join(', ')}: pass ${missingRequired.map((f) => FLAG[f]).join(', ')}`,
      });
    }

    const kindByType: Record<string, string> = { '.pdf': 'article', '.html': 'webpage', '.htm': 'webpage' };
    const meta: Record<string, unknown> = {
      id,
      file: `${name}.txt`,
      authors: chosen.authors,
      affiliations: chosen.affiliations ?? [],
      title: chosen.title,
      venue: chosen.venue ?? null,
      year: chosen.year,
      date: chosen.date ?? '',
      doi: chosen.doi ?? null,
      url: url ?? null,
      kind: chosen.kind ?? kindByType[path.extname(file).toLowerCase()] ?? 'document',
      ...(typeof prior?.meta.citeAs === 'string' ? { citeAs: prior.meta.citeAs } : {}),
      ...(chosen.pageLabels ? { pageLabels: chosen.pageLabels } : {}),
      // Not read by the loader: lets a re-import find this document again.
      source: path.relative(corpusDir, file),
    };
    const text = writeCorpusText(draft, String(chosen.title));
    const json = `${JSON.stringify(meta, null, 2)}\n`;

    // Checked exactly as start-up will, in a folder of its own, before the corpus is touched.
    const check = path.join(work, id);
    await rm(check, { recursive: true, force: true });
    await mkdir(check, { recursive: true });
    await writeFile(path.join(check, `${name}.txt`), text);
    await writeFile(path.join(check, `${name}.json`), json);
    let doc: CorpusDocument;
    try {
      doc = (await loadCorpus(check)).documents[0]!;
    } catch (err) {
      const message = err instanceof CorpusError ? err.message.split(check).join(corpusDir) : (err as Error).message;
      return result({ id, textPath, metaPath, missing, notes: draft.notes, error: message });
    }
    const before = existsSync(textPath) && existsSync(metaPath) ? [await readFile(textPath, 'utf8'), await readFile(metaPath, 'utf8')] : null;
    const status = !before ? 'added' : before[0] === text && before[1] === json ? 'unchanged' : 'updated';
    if (!options.dryRun && status !== 'unchanged') {
      await mkdir(corpusDir, { recursive: true });
      await writeFile(textPath, text);
      await writeFile(metaPath, json);
    }
    return result({ status, id, textPath, metaPath, meta: doc.meta, counts: countsOf(doc, draft), missing, notes: draft.notes });
  }
}
