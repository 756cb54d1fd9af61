import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Proposed } from './draft.js';

/** Finding metadata in what a document says about itself. */

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH = `(?:${MONTHS.join('|')}|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\\.?`;

/**
 * A date written on a line of its own or in a byline: `2021-07-14`, `10 March 2010`,
 * `August 2, 2023`, `March 2010`. Returns the text as written and its year.
 */
export function findDate(text: string): { date: string; year: number } | null {
  const patterns = [
    /\b((1[89]|20)\d\d)-(0[1-9]|1[0-2])-([0-2]\d|3[01])\b/,
    new RegExp(`\\b\\d{1,2}(?:st|nd|rd|th)? ${MONTH},? ((?:1[89]|20)\\d\\d)\\b`, 'i'),
    new RegExp(`\\b${MONTH} \\d{1,2}(?:st|nd|rd|th)?,? ((?:1[89]|20)\\d\\d)\\b`, 'i'),
    new RegExp(`\\b${MONTH} ((?:1[89]|20)\\d\\d)\\b`, 'i'),
  ];
  for (const re of patterns) {
    const m = re.exec(text);
    if (m) return { date: m[0], year: Number(/(1[89]|20)\d\d/.exec(m[0])![0]) };
  }
  return null;
}

/** A line that is only a date, or a byline `Name, date` (the Congressional Record's `Mr. KUCINICH, 10 March 2010`). */
export function readDateLine(line: string): { date: string; year: number; byline: string | null } | null {
  const found = findDate(line);
  if (!found) return null;
  const rest = line.replace(found.date, '').replace(/^[\s,;–—-]+|[\s,;–—-]+$/g, '');
  if (rest === '') return { ...found, byline: null };
  if (rest.length <= 60 && !/[.!?]$/.test(rest) && /^(by\s+)?\p{Lu}/u.test(rest)) {
    // Names printed in capitals (`Mr. KUCINICH`) are cited as names: `Mr. Kucinich`.
    const byline = rest.replace(/^by\s+/i, '').replace(/\b(\p{Lu})(\p{Lu}{2,})\b/gu, (_, a: string, b: string) => a + b.toLowerCase());
    return { ...found, byline };
  }
  return null;
}

export const DOI = /\b(10\.\d{4,9}\/[^\s"<>,;]+[^\s"<>,;.)\]])/;

export function findDoi(text: string): string | undefined {
  return DOI.exec(text)?.[1];
}

/**
 * Sites whose pages are written by an institution rather than a named person: the author
 * a reference manager would give (Zotero, citation styles), and the site as the venue.
 * Matched on the end of the URL's host, or a word of it (archived copies such as
 * `bidenwhitehouse.archives.gov`).
 */
const PUBLISHERS: Array<{ host: RegExp; author: string; venue: string }> = [
  { host: /(^|\.)wikipedia\.org$/, author: 'Wikipedia contributors', venue: 'Wikipedia' },
  { host: /(^|\.)cia\.gov$/, author: 'CIA World Factbook', venue: 'The World Factbook' },
  { host: /whitehouse/, author: 'The White House', venue: 'whitehouse.gov' },
  { host: /(^|\.)congress\.gov$/, author: 'Congressional Record', venue: 'Congressional Record' },
  { host: /(^|\.)state\.gov$/, author: 'U.S. Department of State', venue: 'state.gov' },
  { host: /(^|\.)un\.org$/, author: 'United Nations', venue: 'un.org' },
  { host: /(^|\.)worldbank\.org$/, author: 'World Bank', venue: 'worldbank.org' },
];

export function publisherFromUrl(url: string): { author: string; venue: string } | null {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
  const known = PUBLISHERS.find((p) => p.host.test(host));
  return known ? { author: known.author, venue: known.venue } : null;
}

/** A date in a URL's path, as news and government sites write them: `/2023/09/21/`. */
export function dateFromUrl(url: string): { date: string; year: number } | null {
  const m = /\/((?:19|20)\d\d)\/(0[1-9]|1[0-2])\/([0-2]\d|3[01])\//.exec(url);
  return m ? { date: `${m[1]}-${m[2]}-${m[3]}`, year: Number(m[1]) } : null;
}

/** The host of a URL as a venue of last resort (`eastasiaforum.org`). */
export function siteName(url: string): string | undefined {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return undefined;
  }
}

/** Splits an author list as PDFs and web pages write it: `A ; B`, `A, B and C`, `A & B`. */
export function splitAuthors(text: string): string[] {
  const cleaned = text.replace(/\s+/g, ' ').trim();
  const parts = /;/.test(cleaned) ? cleaned.split(';') : cleaned.split(/,\s*(?:and\s+)?|\s+and\s+|\s*&\s*/);
  return parts.map((s) => s.replace(/[\d*∗†‡§¶,]+$/g, '').trim()).filter((s) => s.length > 1 && s.length < 80);
}

/**
 * A metadata table kept beside the files (a reference manager's CSV export, a
 * spreadsheet saved as CSV or TSV): one row a file, columns named as people name them.
 */
const COLUMN_ALIASES: Record<keyof Proposed | 'file', string[]> = {
  file: ['file', 'filename', 'file name', 'path', 'file attachments', 'name'],
  title: ['title'],
  authors: ['authors', 'author', 'creator', 'creators'],
  year: ['year', 'publication year'],
  date: ['date', 'published', 'publication date'],
  venue: ['venue', 'publication title', 'journal', 'publisher', 'website', 'site'],
  doi: ['doi'],
  url: ['url', 'link', 'original_url', 'source url', 'source_url'],
  kind: ['kind', 'item type', 'type'],
  affiliations: ['affiliations', 'affiliation', 'institution', 'institutions'],
  pageLabels: [],
};

export type MetadataTable = Map<string, Proposed>;

function parseDelimited(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === delimiter) row.push(cell), (cell = '');
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell), rows.push(row), (row = []), (cell = '');
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) row.push(cell), rows.push(row);
  return rows.filter((r) => r.some((c) => c.trim() !== ''));
}

/** Reads a metadata table; rows are keyed by file base name (without folder). */
export async function readMetadataTable(file: string): Promise<MetadataTable> {
  const text = (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
  const rows = parseDelimited(text, file.toLowerCase().endsWith('.tsv') ? '\t' : ',');
  const header = (rows.shift() ?? []).map((h) => h.trim().toLowerCase());
  const column = (field: keyof typeof COLUMN_ALIASES) => header.findIndex((h) => COLUMN_ALIASES[field].includes(h));
  const fileColumn = column('file');
  const table: MetadataTable = new Map();
  if (fileColumn < 0) throw new Error(`${file}: no column naming the file (one of: ${COLUMN_ALIASES.file.join(', ')})`);
  for (const row of rows) {
    const get = (field: keyof typeof COLUMN_ALIASES) => {
      const i = column(field);
      const v = i >= 0 ? row[i]?.trim() : undefined;
      return v ? v : undefined;
    };
    const entry: Proposed = {};
    const title = get('title');
    if (title) entry.title = title;
    const authors = get('authors');
    if (authors) entry.authors = splitAuthors(authors);
    const year = get('year') ?? get('date');
    const y = year ? /\b(1[89]|20)\d\d\b/.exec(year)?.[0] : undefined;
    if (y) entry.year = Number(y);
    const date = get('date');
    if (date) entry.date = date;
    const venue = get('venue');
    if (venue) entry.venue = venue;
    const doi = get('doi');
    if (doi) entry.doi = doi;
    const url = get('url');
    if (url && /^https?:\/\//.test(url)) entry.url = url;
    // A kind is a short label ("journal-article", "webpage"); a sentence describing the source is not.
    const kind = get('kind');
    if (kind && kind.length <= 30) entry.kind = kind;
    const affiliations = get('affiliations');
    if (affiliations) entry.affiliations = affiliations.split(/\s*;\s*/).filter(Boolean);
    const name = row[fileColumn]?.trim();
    if (name) table.set(path.basename(name), entry);
  }
  return table;
}

/** Table files looked for in a folder being imported, in this order. */
export const METADATA_TABLE_NAMES = ['metadata.csv', 'metadata.tsv', 'manifest.csv', 'manifest.tsv'];
