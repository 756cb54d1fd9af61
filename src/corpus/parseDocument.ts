import { parseCitations } from './parseCitations.js';
import { parseReferences } from './parseReferences.js';
import { parseTradeTable, type TableHeader } from './parseTables.js';
import { endsSentence, FOOTNOTE_MARKER, foldForMatch, superscriptToNumber, toDisplayText } from './text.js';
import type { CorpusDocument, DocumentMeta, Footnote, Paragraph, Section, TradeRow } from './types.js';

/**
 * Turns one extracted text into a `CorpusDocument`.
 *
 * The extraction keeps one paragraph per line, separates blocks with a blank line, and marks
 * the PDF's page breaks with runs of three or more blank lines — often in mid-sentence, so
 * a paragraph continues on the next page, sometimes after the page's footnotes.
 */

/** A run of non-blank lines, with the page it sits on. */
interface Block {
  lines: string[];
  page: number;
  /** A page break separates this block from the previous one. */
  afterPageBreak: boolean;
}

const PAGE_BREAK_BLANK_LINES = 3;
const MAX_HEADING_LENGTH = 160;

export function splitBlocks(raw: string): { blocks: Block[]; pageCount: number } {
  const lines = raw.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let page = 1;
  let blankRun = 0;
  let current: Block | null = null;
  let sawContent = false;
  let formFeed = false;
  for (const line of lines) {
    // A form-feed line (written by `npm run add`) is a page break, even before an empty page.
    if (line.trim() === '' && line.includes('\f')) {
      page++;
      formFeed = true;
      current = null;
      continue;
    }
    if (line.trim() === '') {
      blankRun++;
      current = null;
      continue;
    }
    const blankBreak = sawContent && blankRun >= PAGE_BREAK_BLANK_LINES && !formFeed;
    if (blankBreak) page++;
    const pageBreak = blankBreak || (formFeed && sawContent);
    blankRun = 0;
    formFeed = false;
    if (!current) {
      current = { lines: [], page, afterPageBreak: pageBreak };
      blocks.push(current);
    }
    current.lines.push(line);
    sawContent = true;
  }
  return { blocks, pageCount: page };
}

/**
 * Lines about the paper, not of it: dates, licence, keywords, funding and, from a journal's back
 * matter, its authors' addresses ("Author details Department of Surgery, …"), a competing-interests
 * statement, the list of abbreviations and the supplementary files. Kept as front matter (the
 * document's questions read them), not searched as passages.
 */
const METADATA_LINE =
  /^(accepted:|received:|published( online)?:|©|\(c\)|copyright|✉|keywords\b|acknowledg(e)?ments?\b|funding\b|declarations$|conflict of interest\b|publisher['’]s note\b|data availability\b|ethics\b|author details\b|competing interests\b|abbreviations\b(?!\s+(?:are|is|were|used)\b)|additional files?\b)/i;
const EMAIL = /^\S+@\S+\.\S+$/;
const FOOTNOTE_LINE = /^([⁰¹²³⁴⁵⁶⁷⁸⁹]+)\s*(.+)$/;

/**
 * Documents written by `npm run add` mark their headings as Markdown does (`# Title`,
 * `## Sub-title`): the importer knows which lines are headings, so nothing is guessed.
 * A text with no such line (the hand-made extractions) keeps the guessing below.
 */
const MARKED_HEADING = /^(#{1,6})\s+(\S.*)$/;

function isHeading(text: string): boolean {
  if (text.length > MAX_HEADING_LENGTH || text.includes('\t')) return false;
  if (!/^[\p{Lu}\d]/u.test(text)) return false;
  // Headings carry no sentence-final full stop; run-in sub-headings end in a colon.
  return !/[.;,]["'”’)]*$/.test(text);
}

function mentionsAuthor(text: string, meta: DocumentMeta): boolean {
  const folded = foldForMatch(text);
  return meta.authors.some((a) => folded.includes(foldForMatch(a)));
}

function isAffiliation(text: string, meta: DocumentMeta): boolean {
  const folded = foldForMatch(text);
  return meta.affiliations.some((a) => a && folded.includes(foldForMatch(a)));
}

export function parseDocument(raw: string, meta: DocumentMeta): CorpusDocument {
  const { blocks, pageCount } = splitBlocks(raw);
  // An imported text marks its headings; a transcript with none ("2:02 P.M. EDT", "Thank you —") has none.
  const marked = meta.source !== undefined || blocks.some((b) => b.lines.some((l) => MARKED_HEADING.test(l.trim())));
  // The printed page number of a physical page, when the metadata gives numeric labels.
  const labels = meta.pageLabels;
  const printedPage = (page: number): number => {
    const label = labels?.[page - 1];
    return label !== undefined && /^\d+$/.test(label) ? Number(label) : page;
  };
  const paragraphs: Paragraph[] = [];
  const sections: Section[] = [];
  const footnotes: Footnote[] = [];
  const frontMatter: string[] = [];
  const tables: TradeRow[] = [];
  const referenceLines: string[] = [];

  let top: Section | null = null;
  let sub: Section | null = null;
  let area: 'front' | 'body' | 'appendix' | 'references' = 'front';
  let tableHeader: TableHeader | null = null;
  // Paragraph that a block after a page break may continue.
  let open: Paragraph | null = null;
  let rawByParagraph = new Map<Paragraph, string>();

  const startSection = (title: string, level: number) => {
    const section: Section = {
      index: sections.length,
      title,
      level,
      parent: level === 2 ? (top?.title ?? null) : null,
      paragraphIds: [],
    };
    sections.push(section);
    if (level === 1) {
      top = section;
      sub = null;
    } else sub = section;
  };

  const addParagraph = (rawText: string, page: number, role: Paragraph['role']) => {
    const ordinal = paragraphs.length + 1;
    const section = sub ?? top;
    const p: Paragraph = {
      id: `${meta.id}/${ordinal}`,
      documentId: meta.id,
      ordinal,
      text: toDisplayText(rawText),
      section: section?.title ?? null,
      topSection: top?.title ?? null,
      page: printedPage(page),
      role,
      footnotes: [],
      citations: [],
    };
    paragraphs.push(p);
    rawByParagraph.set(p, rawText);
    section?.paragraphIds.push(p.id);
    open = role === 'caption' ? null : p;
  };

  blocks.forEach((block, blockIndex) => {
    // Tables are the only multi-line blocks with tabs; everything else is one line a block,
    // but a few blocks hold several lines (reference list), so walk lines.
    if (block.lines.some((l) => l.includes('\t'))) {
      const parsed = parseTradeTable(block.lines, tableHeader, {
        documentId: meta.id,
        section: top?.title ?? 'Appendix',
        page: printedPage(block.page),
      });
      tableHeader = parsed.header ?? tableHeader;
      tables.push(...parsed.rows);
      open = null;
      return;
    }
    block.lines.forEach((line, lineIndex) => {
      const text = line.trim();
      const firstOfBlock = lineIndex === 0;
      const footnote = FOOTNOTE_LINE.exec(text);

      if (area === 'front' && blockIndex === 0 && foldForMatch(text) === foldForMatch(meta.title)) {
        frontMatter.push(toDisplayText(text));
        return;
      }
      if (METADATA_LINE.test(text) || EMAIL.test(text)) {
        frontMatter.push(toDisplayText(text));
        return;
      }
      if (footnote) {
        const body = footnote[2]!;
        if (isAffiliation(body, meta)) {
          frontMatter.push(toDisplayText(text));
        } else {
          footnotes.push({
            marker: footnote[1]!,
            number: superscriptToNumber(footnote[1]!),
            text: toDisplayText(body),
            page: printedPage(block.page),
          });
        }
        return; // a footnote never closes the paragraph it interrupts
      }
      // Author line of the title block: the author's name, perhaps with a marker.
      if (area === 'front' && paragraphs.length === 0 && mentionsAuthor(text, meta) && text.length < 120) {
        frontMatter.push(toDisplayText(text));
        return;
      }
      // Author bio, printed as one parenthesised line: metadata, not a passage.
      if (/^\(.*\)$/.test(text) && mentionsAuthor(text, meta)) {
        frontMatter.push(toDisplayText(text));
        return;
      }
      // In an imported document a heading after the References (an appendix) ends them.
      if (area === 'references' && marked && MARKED_HEADING.test(text)) area = 'body';
      if (area === 'references') {
        if (/^[-•*]\s+/.test(text)) referenceLines.push(text.replace(/^[-•*]\s+/, ''));
        else frontMatter.push(toDisplayText(text));
        return;
      }
      const openParagraph = open as Paragraph | null;
      const continues =
        firstOfBlock &&
        openParagraph !== null &&
        !(marked && MARKED_HEADING.test(text)) &&
        block.afterPageBreak &&
        // (An imported document's paragraphs were joined across pages by the import itself: an
        // item opening with "(3)" or a number after a page break is a paragraph of its own.)
        ((marked ? /^\p{Ll}/u : /^[\p{Ll}\d(“"'‘—–-]/u).test(text) || !endsSentence(openParagraph.text));
      if (continues && openParagraph) {
        const joined = `${rawByParagraph.get(openParagraph)} ${text}`;
        rawByParagraph.set(openParagraph, joined);
        openParagraph.text = toDisplayText(joined);
        return;
      }
      const markedHeading = marked ? MARKED_HEADING.exec(text) : null;
      if (marked ? markedHeading !== null : isHeading(text) && area !== 'appendix') {
        const title = toDisplayText(markedHeading ? markedHeading[2]! : text).replace(/:$/, '');
        const level = markedHeading ? (markedHeading[1]!.length === 1 ? 1 : 2) : text.endsWith(':') ? 2 : 1;
        if (/^references$|^bibliography$/i.test(title)) {
          area = 'references';
          return;
        }
        // An imported document's appendix is prose like the rest; only the hand-made
        // extractions keep trade tables and their captions there.
        if (/^appendix\b/i.test(title) && !marked) area = 'appendix';
        else if (area === 'front' && !/^abstract$/i.test(title)) area = 'body';
        startSection(title, level);
        open = null;
        return;
      }
      if (area === 'appendix') {
        if (/^references$|^bibliography$/i.test(text)) {
          area = 'references';
          return;
        }
        addParagraph(text, block.page, 'caption');
        return;
      }
      addParagraph(text, block.page, top && /^abstract$/i.test((top as Section).title) ? 'abstract' : 'body');
      if (area === 'front' && top === null) area = 'body';
    });
  });

  if (paragraphs.length === 0) throw new Error('no paragraphs found: the file is empty or not a text extraction');

  const references = parseReferences(referenceLines, meta.id);
  linkFootnotes(paragraphs, footnotes);
  for (const p of paragraphs) p.citations = parseCitations(p.text, references);
  resolveIbid(paragraphs);
  rawByParagraph = new Map();

  return { meta, sections, paragraphs, footnotes, tables, references, frontMatter, pageCount };
}

/** A footnote belongs to the first paragraph that carries its marker. */
function linkFootnotes(paragraphs: Paragraph[], footnotes: Footnote[]): void {
  for (const note of footnotes) {
    const owner = paragraphs.find((p) => [...p.text.matchAll(FOOTNOTE_MARKER)].some((m) => m[0] === note.marker));
    owner?.footnotes.push(note);
  }
}

/**
 * `(ibid)` points at the last source cited before it, in reading order — that one even when the
 * bibliography lacks it: "(Visit Ulaanbaatar 2019) … (ibid)" is that source again, not the last
 * one found in the bibliography (which was a trade database two paragraphs before).
 */
function resolveIbid(paragraphs: Paragraph[]): void {
  let last: string | null = null;
  for (const p of paragraphs) {
    for (const c of p.citations) {
      if (/^ibid/i.test(c.raw)) c.referenceId = last;
      else last = c.referenceId;
    }
  }
}
