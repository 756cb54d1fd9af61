/**
 * `npm run add -- FILE... [--id] [--title] [--authors "A; B"] [--year] [--venue] [--doi]
 * [--url] [--kind] [--default field=value] [--metadata table.csv] [--dry-run]`:
 * documents (.pdf, .txt, .md, .html, or folders of them) into the corpus (CORPUS_DIR, else
 * ./corpus), checked as start-up checks them. Thin: the work is in src/corpus/ingest/.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadCorpus } from '../corpus/load.js';
import { CorpusError, DEFAULT_CORPUS_DIR } from '../corpus/manifest.js';
import type { Proposed } from '../corpus/ingest/draft.js';
import { importFiles, SUPPORTED, type ImportResult } from '../corpus/ingest/index.js';
import { splitAuthors } from '../corpus/ingest/metadata.js';
import { runMain } from './run.js';

const USAGE = `Usage: npm run add -- FILE_OR_FOLDER... [options]
  takes ${SUPPORTED.join(' ')} files and folders of them
  --title T  --authors "A; B"  --year YYYY  --venue V  --doi D  --url U  --kind K  --id ID
             override what was found in the file (one file at a time for --id and --title)
  --default field=value   a value for files that state none (repeatable), e.g. --default year=2019
  --metadata FILE.csv     a table of metadata, one row a file (a folder's metadata.csv or
                          manifest.tsv is read by itself)
  --corpus DIR            where to write (default: CORPUS_DIR, else ./corpus)
  --dry-run               show what would be written, write nothing
  --quiet                 one line a document`;

function proposedFrom(values: Record<string, string | undefined>): Proposed {
  const p: Proposed = {};
  if (values.title) p.title = values.title;
  if (values.authors) p.authors = splitAuthors(values.authors);
  if (values.year) p.year = Number(values.year);
  if (values.venue) p.venue = values.venue;
  if (values.doi) p.doi = values.doi;
  if (values.url) p.url = values.url;
  if (values.kind) p.kind = values.kind;
  if (values.date) p.date = values.date;
  return p;
}

function describe(r: ImportResult, quiet: boolean): string {
  const where = path.relative(process.cwd(), r.textPath) || r.textPath;
  if (r.status === 'failed') return `✗ ${r.error}`;
  const c = r.counts!;
  const counts = `${c.pages} pages, ${c.sections} sections, ${c.paragraphs} paragraphs, ${c.tables} tables, ${c.references} references, ${c.footnotes} footnotes`;
  const head = `${r.status === 'unchanged' ? '=' : r.status === 'updated' ? '↻' : '+'} ${r.id} (${r.status}) → ${where}: ${counts}`;
  if (quiet) return head;
  const m = r.meta!;
  const from = (f: string) => (r.provenance[f as keyof typeof r.provenance] ? ` [${r.provenance[f as keyof typeof r.provenance]}]` : '');
  const lines = [
    head,
    `    title:   ${m.title}${from('title')}`,
    `    authors: ${m.authors.join('; ')}${from('authors')}`,
    `    year:    ${m.year}${from('year')}${m.date ? `   date: ${m.date}${from('date')}` : ''}`,
  ];
  if (m.venue) lines.push(`    venue:   ${m.venue}${from('venue')}`);
  if (m.doi) lines.push(`    doi:     ${m.doi}${from('doi')}`);
  if (m.url) lines.push(`    url:     ${m.url}${from('url')}`);
  if (m.affiliations.length) lines.push(`    affiliations: ${m.affiliations.join('; ')}${from('affiliations')}`);
  if (m.pageLabels) lines.push(`    printed pages: ${m.pageLabels[0]}–${m.pageLabels[m.pageLabels.length - 1]}${from('pageLabels')}`);
  const notFound = r.missing.filter((f) => f !== 'kind');
  if (notFound.length) lines.push(`    not found: ${notFound.join(', ')}`);
  for (const n of r.notes) lines.push(`    note: ${n}`);
  return lines.join('\n');
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        id: { type: 'string' },
        title: { type: 'string' },
        authors: { type: 'string' },
        year: { type: 'string' },
        date: { type: 'string' },
        venue: { type: 'string' },
        doi: { type: 'string' },
        url: { type: 'string' },
        kind: { type: 'string' },
        default: { type: 'string', multiple: true },
        metadata: { type: 'string' },
        corpus: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        quiet: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      allowPositionals: true,
    });
  } catch (err) {
    process.stderr.write(`add: ${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length === 0) {
    process.stdout.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  if (values.year && !/^\d{4}$/.test(values.year)) {
    process.stderr.write(`add: --year takes a year such as 2019, not "${values.year}"\n`);
    return 2;
  }
  const defaults: Record<string, string> = {};
  for (const d of values.default ?? []) {
    const m = /^(title|authors|year|venue|doi|url|kind|date)=(.+)$/.exec(d);
    if (!m) {
      process.stderr.write(`add: --default takes field=value (title, authors, year, venue, doi, url, kind, date), not "${d}"\n`);
      return 2;
    }
    defaults[m[1]!] = m[2]!;
  }
  const corpusDir = path.resolve(values.corpus ?? process.env.CORPUS_DIR ?? DEFAULT_CORPUS_DIR);
  const started = performance.now();
  let results: ImportResult[];
  try {
    results = await importFiles(positionals, {
      corpusDir,
      overrides: { ...proposedFrom(values as unknown as Record<string, string | undefined>), ...(values.id ? { id: values.id } : {}) },
      defaults: proposedFrom(defaults),
      ...(values.metadata ? { metadataTable: values.metadata } : {}),
      dryRun: values['dry-run'],
    });
  } catch (err) {
    process.stderr.write(`add: ${(err as Error).message.split('\n')[0]}\n`);
    return 1;
  }
  for (const r of results) process.stdout.write(`${describe(r, values.quiet)}\n`);
  const failed = results.filter((r) => r.status === 'failed').length;
  const by = (s: ImportResult['status']) => results.filter((r) => r.status === s).length;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stdout.write(
    `${values['dry-run'] ? 'dry run, nothing written: ' : ''}${by('added')} added, ${by('updated')} updated, ${by('unchanged')} unchanged, ${failed} failed, in ${seconds} s (${path.relative(process.cwd(), corpusDir) || corpusDir})\n`,
  );
  if (!values['dry-run'] && results.length > failed) {
    // The whole corpus, as start-up will load it: catches what one document alone cannot (a clash of ids).
    try {
      const corpus = await loadCorpus(corpusDir);
      process.stdout.write(`corpus ok: ${corpus.documents.length} documents, ${corpus.paragraphsById.size} paragraphs\n`);
    } catch (err) {
      process.stderr.write(`add: the corpus would not load: ${err instanceof CorpusError ? err.message : (err as Error).message}\n`);
      return 1;
    }
  }
  return failed > 0 ? 1 : 0;
}

runMain('add', main);
