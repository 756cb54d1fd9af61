import { emptyDraft, propose, type Draft, type DraftBlock, type DraftPage } from './draft.js';
import { findDate, findDoi, splitAuthors } from './metadata.js';
import { joinHyphenated, vocabularyOf } from './hyphenation.js';

/**
 * PDF → Draft with pdf.js (`pdfjs-dist`, Apache-2.0: Mozilla's own parser, kept up with the
 * PDF spec, pure JavaScript, and its legacy build runs in Node with no worker download or
 * canvas). pdf.js gives positioned text runs with their fonts, the outline and the page
 * labels; reading order is rebuilt on top of that here:
 *
 * 1. runs → lines (same baseline, no wide gap; small raised digits become footnote markers);
 * 2. running headers, footers and page numbers (lines repeated at the same place on many
 *    pages) removed, the printed numbers kept as page labels;
 * 3. columns found from the empty vertical gutters between narrow lines; a page is read in
 *    bands (a line spanning the gutter closes a band), each band column by column;
 * 4. lines → headings (larger or bold), footnotes (small print under the body, starting
 *    with a marker), paragraphs (a gap or an indent starts one; a column or page break does
 *    not, unless the next column starts one), words hyphenated at line ends joined when the
 *    joined word is a word;
 * 5. the References section → one entry each (numbered, or by hanging indent).
 */

interface Run {
  str: string;
  x: number;
  y: number;
  w: number;
  size: number;
  bold: boolean;
}

interface Line {
  runs: Run[];
  text: string;
  x0: number;
  x1: number;
  y: number;
  size: number;
  bold: boolean;
  page: number;
  /** Starts with a raised small number (footnote text) — the marker. */
  leadMarker: string | null;
  column: number;
  spanning: boolean;
}

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const sup = (digits: string) => [...digits].map((d) => SUPERSCRIPT[Number(d)] ?? d).join('');
const BOLD_FONT = /bold|black|heavy|semibold|demi|[-,]medi|\.b$|-b$|cmbx/i;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : 0;
};

type PdfModule = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfModule> | null = null;
const loadPdfjs = () => (pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs'));

/** Runs of one page grouped into lines, in content order, superscripts attached. */
function buildLines(runs: Run[], page: number): Line[] {
  const lines: Line[] = [];
  let current: Line | null = null;
  const close = () => {
    if (current && current.text.trim()) lines.push(current);
    current = null;
  };
  for (const r of runs) {
    if (!r.str) continue;
    const c = current as Line | null;
    if (c) {
      const dy = r.y - c.y;
      const gap = r.x - c.x1;
      const raised = r.size < c.size * 0.85 && dy > 0 && dy < c.size * 0.7 && gap > -1 && gap < c.size;
      const sameLine = Math.abs(dy) < Math.max(c.size, r.size) * 0.3 && gap > -c.size * 0.5 && gap < Math.max(c.size, r.size) * 1.5;
      if (raised || sameLine) {
        const space = gap > Math.min(c.size, r.size) * 0.18 && !/\s$/.test(c.text) && !/^\s/.test(r.str) ? ' ' : '';
        const piece = raised && /^\d{1,3}$/.test(r.str.trim()) ? sup(r.str.trim()) : r.str;
        c.text += space + piece;
        c.runs.push(r);
        c.x1 = Math.max(c.x1, r.x + r.w);
        if (!raised && r.str.trim()) c.bold &&= r.bold;
        continue;
      }
      close();
    }
    // A line that starts with a raised number is a footnote's first line.
    const leadMarker = null;
    current = { runs: [r], text: r.str, x0: r.x, x1: r.x + r.w, y: r.y, size: r.size, bold: r.bold, page, leadMarker, column: 0, spanning: false };
  }
  close();
  // A raised number alone, then the footnote text on its baseline: one line, marker first.
  const merged: Line[] = [];
  for (const l of lines) {
    const prev = merged[merged.length - 1];
    if (prev && /^\d{1,3}$/.test(prev.text.trim()) && prev.size < l.size * 0.9 + 0.01 && prev.y - l.y > 0 && prev.y - l.y < l.size * 0.7 && l.x0 - prev.x1 < l.size && l.x0 >= prev.x0) {
      merged[merged.length - 1] = { ...l, text: l.text, x0: prev.x0, leadMarker: prev.text.trim() };
      continue;
    }
    merged.push({ ...l, text: l.text.replace(/\s+/g, ' ').trim() });
  }
  return merged;
}

/** `Page 3`, `3`, `- 3 -`, `3 of 12`: the printed page number, if the line is only that. */
function pageNumberOf(text: string): number | null {
  const m = /^(?:page\s+)?[-–]?\s*(\d{1,5})\s*[-–]?(?:\s+of\s+\d+)?$/i.exec(text.trim());
  return m ? Number(m[1]) : null;
}

const shapeKey = (text: string) => text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();

/** Removes running headers/footers and page numbers; returns the printed page numbers found. */
function removeRunningLines(pages: Line[][], heights: number[]): { labels: string[] | null; removed: number } {
  const zone = (l: Line, h: number) => l.y > h * 0.9 || l.y < h * 0.1;
  const counts = new Map<string, number>();
  pages.forEach((lines, i) => {
    const keys = new Set(lines.filter((l) => zone(l, heights[i]!)).map((l) => `${shapeKey(l.text)}@${Math.round(l.y / 12)}`));
    for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  });
  const threshold = Math.max(2, Math.ceil(pages.length * 0.3));
  const offsets = new Map<number, number>();
  let removed = 0;
  pages.forEach((lines, i) => {
    const keep: Line[] = [];
    for (const l of lines) {
      const inZone = zone(l, heights[i]!);
      const n = inZone ? pageNumberOf(l.text) : null;
      if (n !== null) offsets.set(n - i, (offsets.get(n - i) ?? 0) + 1);
      // A number alone in the margin, or a line repeated there on many pages.
      if (inZone && (n !== null || (counts.get(`${shapeKey(l.text)}@${Math.round(l.y / 12)}`) ?? 0) >= threshold)) {
        removed++;
        // A running header may carry the page number in it ("2272 Proceedings …", "Page 3 of 9").
        const embedded = /(?:^|\s)(\d{1,5})(?:\s|$)/.exec(l.text);
        if (n === null && embedded) offsets.set(Number(embedded[1]) - i, (offsets.get(Number(embedded[1]) - i) ?? 0) + 0.5);
        continue;
      }
      keep.push(l);
    }
    pages[i] = keep;
  });
  const best = [...offsets.entries()].sort((a, b) => b[1] - a[1])[0];
  const labels = best && best[1] >= Math.max(2, pages.length * 0.4) && best[0] !== 1 ? pages.map((_, i) => String(i + best[0])) : null;
  return { labels, removed };
}

/** Column boundaries of a page: centres of vertical gutters that narrow lines never cross. */
function columnBoundaries(lines: Line[], bodySize: number): number[] {
  if (lines.length < 10) return [];
  const minX = Math.min(...lines.map((l) => l.x0));
  const maxX = Math.max(...lines.map((l) => l.x1));
  const width = maxX - minX;
  const narrow = lines.filter((l) => l.x1 - l.x0 < width * 0.62 && l.text.length > 3);
  const boundaries: number[] = [];
  let runStart: number | null = null;
  for (let x = minX + width * 0.15; x <= maxX - width * 0.15; x += 1) {
    const crossing = narrow.filter((l) => l.x0 < x && l.x1 > x).length;
    // A few narrow lines may cross (author names, a short centred line): they become spanning lines.
    if (crossing <= Math.max(2, narrow.length * 0.04)) runStart ??= x;
    else if (runStart !== null) {
      if (x - runStart >= bodySize * 0.6) boundaries.push((runStart + x) / 2);
      runStart = null;
    }
  }
  // A gutter needs real columns on both sides, not one short line.
  return boundaries.filter((b, i) => {
    const left = narrow.filter((l) => l.x1 <= b && (i === 0 || l.x0 >= boundaries[i - 1]!)).length;
    const right = narrow.filter((l) => l.x0 >= b && (i === boundaries.length - 1 || l.x1 <= boundaries[i + 1]!)).length;
    return left >= 5 && right >= 5;
  });
}

/** The page's lines in reading order: bands split by spanning lines, columns left to right in each. */
function readingOrder(lines: Line[], bodySize: number): Line[] {
  const bounds = columnBoundaries(lines, bodySize);
  for (const l of lines) {
    l.spanning = bounds.some((b) => l.x0 < b - 2 && l.x1 > b + 2);
    l.column = bounds.filter((b) => (l.x0 + l.x1) / 2 > b).length;
  }
  const sorted = [...lines].sort((a, b) => b.y - a.y || a.x0 - b.x0);
  const out: Line[] = [];
  let band: Line[][] = bounds.map(() => []).concat([[]]);
  const flush = () => {
    for (const col of band) out.push(...col);
    band = bounds.map(() => []).concat([[]]);
  };
  for (const l of sorted) {
    if (l.spanning && bounds.length > 0) {
      flush();
      out.push(l);
    } else band[l.column]!.push(l);
  }
  flush();
  return out;
}

const endsSentence = (s: string) => /[.!?:]["'”’)\]]*[⁰¹²³⁴⁵⁶⁷⁸⁹]*$/.test(s.trim());
const HEADING_NUMBER = /^(\d+(?:\.\d+)*\.?|[A-Z]\.?(?:\d+)*|[IVX]+\.)\s+\S/;
const REFERENCES = /^(?:\d+\.?\s*)?(references|bibliography|literature cited|works cited|references and notes)$/i;

export async function importPdf(data: Uint8Array): Promise<Draft> {
  const { getDocument } = await loadPdfjs();
  const doc = await getDocument({ data, disableFontFace: true, isEvalSupported: false, useSystemFonts: false, verbosity: 0 }).promise;
  const draft = emptyDraft();
  try {
    const pages: Line[][] = [];
    const heights: number[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const content = await page.getTextContent();
      // Font names (for bold) are known once the page's fonts are loaded.
      await page.getOperatorList();
      const boldByFont = new Map<string, boolean>();
      const isBold = (name: string) => {
        if (!boldByFont.has(name)) {
          let real = '';
          try {
            real = String((page.commonObjs.get(name) as { name?: string } | null)?.name ?? '');
          } catch {
            // Not loaded: treat as regular.
          }
          boldByFont.set(name, BOLD_FONT.test(real));
        }
        return boldByFont.get(name)!;
      };
      const runs: Run[] = [];
      for (const item of content.items) {
        if (!('str' in item)) continue;
        const [a, b, , d, e, f] = item.transform as number[];
        const size = Math.hypot(b!, d!) || Math.abs(a!);
        runs.push({ str: item.str, x: e!, y: f!, w: item.width, size: Math.round(size * 10) / 10, bold: isBold(item.fontName) });
      }
      pages.push(buildLines(runs, i));
      heights.push(page.view[3]! - page.view[1]!);
      page.cleanup();
    }
    if (pages.every((p) => p.length === 0)) {
      draft.notes.push('no text layer (a scanned PDF?): nothing to import without OCR');
      draft.pages = pages.map(() => ({ blocks: [], footnotes: [] }));
      return draft;
    }

    await readMetadata(doc, pages, draft);
    const labelsFromPdf = await doc.getPageLabels().catch(() => null);
    const { labels: printed } = removeRunningLines(pages, heights);
    const labels = labelsFromPdf && labelsFromPdf.some((l) => /^\d+$/.test(l)) ? labelsFromPdf : printed;
    if (labels) propose(draft, 'pageLabels', labels, labelsFromPdf ? 'PDF page labels' : 'printed page numbers');

    // Body text: the size (and line spacing) most characters are set in.
    const sizeChars = new Map<number, number>();
    for (const l of pages.flat()) sizeChars.set(l.size, (sizeChars.get(l.size) ?? 0) + l.text.length);
    const bodySize = [...sizeChars.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 10;
    const outline = await outlineTitles(doc);
    const ordered = pages.map((lines) => readingOrder(lines, bodySize));
    // The document's words, without the halves of words broken at line ends.
    const all = ordered.flat();
    const vocabulary = vocabularyOf(
      all.map((l, i) => l.text.replace(/\p{L}+-$/u, '').replace(i > 0 && /\p{L}-$/u.test(all[i - 1]!.text) ? /^\p{L}+/u : /^$/, '')).join(' '),
    );
    buildBlocks(ordered, heights, bodySize, outline, vocabulary, draft);
  } finally {
    await doc.destroy();
  }
  return draft;
}

async function outlineTitles(doc: { getOutline(): Promise<Array<{ title: string; items: unknown[] }> | null> }): Promise<Set<string>> {
  const titles = new Set<string>();
  const walk = (items: Array<{ title: string; items: unknown[] }> | null) => {
    for (const i of items ?? []) {
      titles.add(i.title.replace(/\s+/g, ' ').trim().toLowerCase());
      walk(i.items as Array<{ title: string; items: unknown[] }>);
    }
  };
  walk(await doc.getOutline().catch(() => null));
  return titles;
}

function buildBlocks(pages: Line[][], heights: number[], bodySize: number, outline: Set<string>, vocabulary: Set<string>, draft: Draft): void {
  const body = pages.flat().filter((l) => Math.abs(l.size - bodySize) < 0.6);
  // Typical distance between lines of a paragraph, for telling a paragraph gap.
  const spacing = median(body.slice(1).map((l, i) => body[i]!.y - l.y).filter((d) => d > 0 && d < bodySize * 2.5)) || bodySize * 1.2;
  // Column edges per page and column: where most body lines start.
  const usesIndent = body.length > 0;

  const out: DraftPage[] = pages.map(() => ({ blocks: [], footnotes: [] }));
  let open: { page: number; text: string; lastLine: Line } | null = null;
  let inReferences = false;
  const refLines: Line[] = [];
  let pendingHeading: { page: number; text: string; size: number; bold: boolean; level: 1 | 2 } | null = null;

  const closeParagraph = () => {
    if (open) out[open.page]!.blocks.push({ type: 'paragraph', text: open.text });
    open = null;
  };
  const closeHeading = () => {
    if (!pendingHeading) return;
    const h = pendingHeading;
    pendingHeading = null;
    if (REFERENCES.test(h.text)) {
      inReferences = true;
      return;
    }
    inReferences = false;
    out[h.page]!.blocks.push({ type: 'heading', level: h.level, text: h.text.replace(/^(\d+(?:\.\d+)*\.?|[A-Z]\.\d*)\s+(?=\S)/, (m) => m) } as DraftBlock);
  };

  pages.forEach((lines, p) => {
    const colLeft = new Map<string, number>();
    for (const l of lines) {
      const key = `${l.spanning ? 's' : l.column}`;
      colLeft.set(key, Math.min(colLeft.get(key) ?? Infinity, l.x0));
    }
    let prev: Line | null = null;
    let footnote: { number: number; text: string } | null = null;
    for (const l of lines) {
      const key = `${l.spanning ? 's' : l.column}`;
      const left = colLeft.get(key) ?? l.x0;
      const small = l.size < bodySize * 0.92;
      const lowerPart = l.y < heights[p]! * 0.45;
      const newColumn = prev !== null && (prev.column !== l.column || prev.spanning !== l.spanning || l.y > prev.y + spacing);
      // Footnotes: small print low on the page, starting with a marker.
      const marker = l.leadMarker ?? /^(\d{1,2})\s+(?=\p{L})/u.exec(l.text)?.[1] ?? /^([⁰¹²³⁴⁵⁶⁷⁸⁹]+)\s*/.exec(l.text)?.[1] ?? null;
      if (small && lowerPart && marker && !inReferences && /\p{L}{3,}.*\s\p{L}{2,}/u.test(l.text)) {
        const number = /^\d+$/.test(marker) ? Number(marker) : [...marker].reduce((n, ch) => n * 10 + SUPERSCRIPT.indexOf(ch), 0);
        footnote = { number, text: l.text.replace(/^([⁰¹²³⁴⁵⁶⁷⁸⁹]+|\d{1,2})\s*/, '') };
        out[p]!.footnotes.push(footnote);
        prev = l;
        continue;
      }
      if (footnote && small && !newColumn) {
        footnote.text = joinHyphenated(footnote.text, l.text, vocabulary);
        prev = l;
        continue;
      }
      footnote = null;

      const isNumberedHeading = HEADING_NUMBER.test(l.text) && !/[.,;]$/.test(l.text) && l.text.length < 90;
      const larger = l.size >= bodySize * 1.12;
      const wholeBold = l.bold && l.text.length < 100 && !endsSentence(l.text.replace(/\.$/, ''));
      const inOutline = outline.has(l.text.toLowerCase());
      const heading =
        !small &&
        /^[\p{Lu}\d]/u.test(l.text) &&
        l.text.length < 160 &&
        (inOutline || (larger && l.text.length < 120) || (wholeBold && (isNumberedHeading || l.text.split(' ').length <= 10)) || REFERENCES.test(l.text));
      if (heading) {
        if (pendingHeading && pendingHeading.page === p && Math.abs(pendingHeading.size - l.size) < 0.3 && !HEADING_NUMBER.test(l.text)) {
          pendingHeading.text += ` ${l.text}`; // a heading set on two lines
        } else {
          closeParagraph();
          closeHeading();
          const subNumbered = /^\d+\.\d+/.test(l.text);
          pendingHeading = { page: p, text: l.text, size: l.size, bold: l.bold, level: subNumbered || (!larger && !inOutline && l.size <= bodySize * 1.05 && !/^\d+\.?\s/.test(l.text)) ? 2 : 1 };
        }
        prev = l;
        continue;
      }
      closeHeading();
      if (inReferences) {
        refLines.push({ ...l, x0: l.x0 - left });
        prev = l;
        continue;
      }
      // A first-line indent: further in than the line before (an indented abstract is not
      // indented on every line), or, at the top of a column, than the column's edge.
      const inset = prev !== null && !newColumn ? l.x0 - prev.x0 : l.x0 - left;
      const indented = inset > bodySize * 0.6 && inset < bodySize * 4;
      const gap = prev !== null && !newColumn && prev.y - l.y > spacing * 1.45;
      const sizeChange = prev !== null && Math.abs(prev.size - l.size) > 0.8;
      const current = open as { page: number; text: string; lastLine: Line } | null;
      let startsNew = current === null || gap || sizeChange;
      if (!startsNew && current) {
        const shortBefore = current.lastLine.x1 < (prev?.x1 ?? 0) - bodySize * 3;
        if (newColumn || current.lastLine.page !== l.page) {
          // Across a column or page break a paragraph goes on unless the next one visibly starts.
          startsNew = (indented && usesIndent) || (endsSentence(current.text) && /^[\p{Lu}\d“"(]/u.test(l.text) && !indented && /^\s*$/.test(''));
          if (endsSentence(current.text) && indented) startsNew = true;
        } else startsNew = indented || (shortBefore && endsSentence(current.text));
      }
      if (startsNew || !current) {
        closeParagraph();
        open = { page: p, text: l.text, lastLine: l };
      } else {
        current.text = joinHyphenated(current.text, l.text, vocabulary);
        current.lastLine = l;
      }
      prev = l;
    }
  });
  closeParagraph();
  closeHeading();
  draft.pages = out;
  draft.references = splitReferences(refLines, vocabulary);
  for (const page of draft.pages) {
    // Table rows and figure labels end up as very short "paragraphs": keep passages readable.
    page.blocks = page.blocks.filter((b) => b.type !== 'paragraph' || b.text.replace(/[^\p{L}]/gu, '').length >= 12);
  }
}

/** Reference lines → entries: at `[n]`/`n.` numbering, else where a line starts at the column edge (hanging indent). */
function splitReferences(lines: Line[], vocabulary: Set<string>): string[] {
  const entries: string[] = [];
  const numbered = lines.filter((l) => /^(\[\d+\]|\d{1,3}\.)\s/.test(l.text)).length >= Math.max(3, lines.length * 0.15);
  // With a hanging indent the first line of an entry is the one at the column's edge.
  const hanging = lines.filter((l) => l.x0 > 3).length >= lines.length * 0.2;
  let prev: Line | null = null;
  for (const l of lines) {
    const starts = numbered
      ? /^(\[\d+\]|\d{1,3}\.)\s/.test(l.text)
      : hanging
        ? l.x0 <= 3
        : prev === null || (endsSentence(prev.text) && /^\p{Lu}[\p{L}'’-]+,/u.test(l.text));
    if (starts || entries.length === 0) entries.push(l.text.replace(/^(\[\d+\]|\d{1,3}\.)\s*/, ''));
    else entries[entries.length - 1] = joinHyphenated(entries[entries.length - 1]!, l.text, vocabulary);
    prev = l;
  }
  return entries.filter((e) => e.length > 15);
}

async function readMetadata(doc: { getMetadata(): Promise<{ info: unknown }> }, pages: Line[][], draft: Draft): Promise<void> {
  const info = ((await doc.getMetadata().catch(() => ({ info: {} }))).info ?? {}) as Record<string, unknown>;
  const first = pages[0] ?? [];
  const firstText = first.map((l) => l.text).join('\n');
  const infoTitle = typeof info.Title === 'string' ? info.Title.trim() : '';
  const plausible = (t: string) => t.length >= 10 && /\s/.test(t) && t.replace(/[^\p{L}]/gu, '').length >= t.length * 0.6 && !/^(microsoft|untitled|doi|slide|powerpoint)|\.(docx?|pdf|tex|dvi|indd)$/i.test(t);

  // The title on the page: the largest print in the upper half (perhaps on two lines).
  const upper = first.filter((l) => l.text.length > 3 && /\p{L}{3}/u.test(l.text));
  const maxSize = Math.max(0, ...upper.map((l) => l.size));
  const titleLines = upper.filter((l) => l.size >= maxSize - 0.3);
  const pageTitle = titleLines.slice(0, 3).map((l) => l.text).join(' ').replace(/\s+/g, ' ').trim();
  if (plausible(infoTitle)) propose(draft, 'title', infoTitle, 'PDF info');
  propose(draft, 'title', pageTitle || undefined, 'first page (largest print)');

  const infoAuthor = typeof info.Author === 'string' ? info.Author.trim() : '';
  if (infoAuthor && /\p{L}{2}/u.test(infoAuthor) && !/^(admin|user|owner|author|unknown)/i.test(infoAuthor)) propose(draft, 'authors', splitAuthors(infoAuthor), 'PDF info');
  // Else the line(s) of names under the title.
  const afterTitle = first.slice(first.indexOf(titleLines[titleLines.length - 1]!) + 1);
  // Marks after names (digits, ∗ † ♠ ♢) separate the names as commas would.
  const asNames = (text: string) => text.replace(/[^\p{L}\s.'’,&-]+/gu, ',').replace(/\s*,[\s,]*/g, ', ').replace(/^[,\s]+|[,\s]+$/g, '');
  const isNameLine = (l: Line) => {
    const words = asNames(l.text).replace(/,/g, ' ').split(/\s+/).filter(Boolean);
    return words.length >= 2 && words.length <= 30 && words.filter((w) => /^\p{Lu}[\p{L}.'’-]*$/u.test(w) || /^(and|&|van|de|von|da)$/.test(w)).length >= words.length * 0.8;
  };
  const firstName = afterTitle.findIndex(isNameLine);
  if (firstName >= 0) {
    const names: string[] = [];
    for (const l of afterTitle.slice(firstName, firstName + 4)) {
      // Affiliations follow in smaller print, also in capitals: names are the size of the first line.
      if (!isNameLine(l) || Math.abs(l.size - afterTitle[firstName]!.size) > 0.3) break;
      names.push(asNames(l.text));
    }
    propose(draft, 'authors', splitAuthors(names.join(', ')), 'first page (names under the title)');
  }

  propose(draft, 'doi', findDoi(firstText) ?? (typeof info.Subject === 'string' ? findDoi(info.Subject) : undefined), 'first page');
  const copyright = /(?:©|\(c\)|copyright)\s*((?:19|20)\d\d)/i.exec(firstText);
  const dated = findDate(firstText);
  const h = Math.max(...first.map((l) => l.y), 1) / 0.92;
  // A venue is printed in the page's head or foot, not in its body text.
  const venueLine = first.find((l) => (l.y > h * 0.8 || l.y < h * 0.15) && /\b(proceedings|journal|review|research|transactions|letters|annals|bulletin|register|conference|practice|science)\b/i.test(l.text) && l.text.length < 160 && l !== titleLines[0]);
  const venueYear = venueLine ? /\b((?:19|20)\d\d)\b/.exec(venueLine.text)?.[1] : undefined;
  if (dated) propose(draft, 'date', dated.date, 'first page');
  const year = venueYear ?? copyright?.[1] ?? (dated ? String(dated.year) : undefined) ?? (typeof info.CreationDate === 'string' ? /^D:(\d{4})/.exec(info.CreationDate)?.[1] : undefined);
  if (year) propose(draft, 'year', Number(year), venueYear ? 'first page (venue line)' : copyright ? 'first page (©)' : dated ? 'first page' : 'PDF creation date');
  if (venueLine) propose(draft, 'venue', venueLine.text.replace(/,?\s*pages\s+\d+.*$/i, '').replace(/\s+/g, ' ').trim(), 'first page');
  propose(draft, 'venue', typeof info.Subject === 'string' && info.Subject.length > 3 && !findDoi(info.Subject) ? info.Subject : undefined, 'PDF info');
}
