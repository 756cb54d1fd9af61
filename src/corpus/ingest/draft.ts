/**
 * What every importer (text, Markdown, HTML, PDF) produces: the document's structure as
 * found, before it is written in the corpus format. One writer turns it into
 * `corpus/<name>.txt`, so parsing, indexing and start-up checks stay one path however a
 * document arrived.
 */

export type DraftBlock =
  | { type: 'heading'; level: 1 | 2; text: string }
  | { type: 'paragraph'; text: string }
  /** A table as rows of cells: written tab-separated, kept out of the passages. */
  | { type: 'table'; rows: string[][] };

export interface DraftFootnote {
  /** As printed, a number; symbol footnotes (∗ † ‡) get numbers after the page's digits. */
  number: number;
  text: string;
}

export interface DraftPage {
  blocks: DraftBlock[];
  footnotes: DraftFootnote[];
}

/** Metadata an importer could read from the file itself, with where each value came from. */
export interface Proposed {
  title?: string;
  authors?: string[];
  year?: number;
  date?: string;
  venue?: string;
  doi?: string;
  url?: string;
  kind?: string;
  /** The authors' institutions as the first page prints them ("Allen Institute for Artificial Intelligence"). */
  affiliations?: string[];
  /** Printed page number of each page (see DocumentMeta.pageLabels). */
  pageLabels?: string[];
}

export type MetaField = keyof Proposed;

export interface Draft {
  /** One entry a page; formats without pages give one. */
  pages: DraftPage[];
  /** Bibliography entries, one a string, as printed (without list numbering). */
  references: string[];
  proposed: Proposed;
  /** Where each proposed value came from ("PDF info", "first page", "<title>"). */
  provenance: Partial<Record<MetaField, string>>;
  /** What the importer noticed it could not do ("no text layer on page 3"). */
  notes: string[];
}

export function emptyDraft(): Draft {
  return { pages: [{ blocks: [], footnotes: [] }], references: [], proposed: {}, provenance: {}, notes: [] };
}

export function propose<K extends MetaField>(draft: Draft, field: K, value: Proposed[K] | undefined | null, from: string): void {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return;
  if (Array.isArray(value) && value.length === 0) return;
  if (draft.proposed[field] !== undefined) return; // the first, most trusted source wins
  draft.proposed[field] = value;
  draft.provenance[field] = from;
}

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';
export const toSuperscript = (n: number): string => [...String(n)].map((d) => SUPERSCRIPT[Number(d)]).join('');

/**
 * A line of text safe to write as one paragraph: one line, no tabs (a tab makes a table),
 * not read as a heading (`# `), a footnote (a leading superscript) or a list entry.
 */
function paragraphLine(text: string): string {
  // A marker with no sentence before it points at nothing: dropped, so the line stays a paragraph.
  // Control characters (a PDF's broken glyphs) would make the file read as binary.
  const line = text.replace(CONTROL, '').replace(/[\t\r\n\f]+/g, ' ').replace(/\s{2,}/g, ' ').trim().replace(/^[⁰¹²³⁴⁵⁶⁷⁸⁹]+\s*/, '');
  return /^#/.test(line) ? `\\${line}` : line;
}

/** Control characters (a PDF's broken glyphs) would make the file read as binary. */
const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/g;

/** A form-feed line is a page break in the corpus format, even around an empty page. */
const PAGE_BREAK = '\n\n\f\n\n';

/**
 * The corpus text: the title first (kept as front matter), headings as `# `/`## `, one
 * paragraph a line, each page's footnotes after its text as `¹ text`, pages separated by
 * page breaks, and the References last as `- ` entries.
 */
export function writeCorpusText(draft: Draft, title: string): string {
  const pages = draft.pages.map((page) => {
    const blocks: string[] = [];
    for (const b of page.blocks) {
      // The title printed on the page is the document's title, not a section.
      if (b.type === 'heading' && b.text.replace(/\W+/g, ' ').trim().toLowerCase() === title.replace(/\W+/g, ' ').trim().toLowerCase()) continue;
      if (b.type === 'heading') blocks.push(`${b.level === 1 ? '#' : '##'} ${b.text.replace(/\s+/g, ' ').trim()}`);
      else if (b.type === 'paragraph') {
        const line = paragraphLine(b.text);
        if (line) blocks.push(line);
      } else if (b.rows.length > 0) {
        // One row a line, cells tab-separated; a row left empty would end the block.
        const rows = b.rows.map((r) => r.map((c) => c.replace(CONTROL, '').replace(/\s+/g, ' ').trim()).join('\t')).filter((r) => r.replace(/\t/g, '').trim());
        if (rows.length > 0) blocks.push(rows.join('\n'));
      }
    }
    for (const f of page.footnotes) blocks.push(`${toSuperscript(f.number)} ${paragraphLine(f.text)}`);
    return blocks.join('\n\n');
  });
  let text = `${title.replace(/\s+/g, ' ').trim()}\n\n${pages.join(PAGE_BREAK)}`;
  if (draft.references.length > 0) {
    text += `\n\n# References\n\n${draft.references.map((r) => `- ${paragraphLine(r)}`).join('\n')}`;
  }
  return `${text}\n`;
}

export interface DraftCounts {
  pages: number;
  headings: number;
  tables: number;
  footnotes: number;
  references: number;
}

export function countDraft(draft: Draft): DraftCounts {
  const blocks = draft.pages.flatMap((p) => p.blocks);
  return {
    pages: draft.pages.length,
    headings: blocks.filter((b) => b.type === 'heading').length,
    tables: blocks.filter((b) => b.type === 'table').length,
    footnotes: draft.pages.reduce((n, p) => n + p.footnotes.length, 0),
    references: draft.references.length,
  };
}
