import { emptyDraft, propose, type Draft } from './draft.js';
import { vocabularyOf } from './hyphenation.js';
import { buildBlocks, type OutlineEntry, REFERENCES } from './pdf-blocks.js';
import { documentColumns, readingOrder, removeRunningLines } from './pdf-layout.js';
import { BOLD_FONT, bodySizeOf, buildLines, type Line, type Run, unspaced } from './pdf-lines.js';
import { glyphMapOf, mapGlyphs, strikeNegations, symbolsAtSpace } from './pdf-fonts.js';
import { readMetadata } from './pdf-metadata.js';
import { tidyDraftText } from './pdf-text.js';

/**
 * PDF → Draft with pdf.js (`pdfjs-dist`, Apache-2.0: Mozilla's own parser, kept up with the
 * PDF spec, pure JavaScript, and its legacy build runs in Node with no worker download or
 * canvas). pdf.js gives positioned text runs with their fonts, the outline and the page
 * labels; reading order is rebuilt on top of that here:
 *
 * 1. runs → lines (same baseline, no wide gap; small raised digits or ∗ † become footnote
 *    markers; a line's size is that of most of its characters; sideways margin text dropped);
 * 2. running headers, footers and page numbers (lines repeated at the same place on many
 *    pages) removed, the printed numbers kept as page labels (`pdf-layout.ts`);
 * 3. columns found from vertical gutters few lines cross (a title block or a float in small
 *    print may); a page is read in bands (a line spanning the gutter closes a band), each band
 *    column by column;
 * 4. lines → headings (larger or bold, on one line or more; a bold lead-in running on into
 *    the text is the paragraph's start), footnotes (small print under the body, starting with
 *    a marker), paragraphs (a gap, an indent or a short last line ends one, as the document
 *    marks them; a paragraph stopped mid-sentence by a column or page break, a float or
 *    footnotes goes on where its text resumes), words hyphenated at line ends joined when the
 *    joined word is a word (`pdf-blocks.ts`);
 * 5. the References section → one entry each (numbered, or by hanging indent);
 * 6. metadata from the info dictionary and the first page (`pdf-metadata.ts`);
 * 7. the text tidied where only the joined text shows it: accents, URLs, mojibake (`pdf-text.ts`).
 */

type PdfModule = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfModule> | null = null;
const loadPdfjs = () => (pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs'));

export async function importPdf(data: Uint8Array): Promise<Draft> {
  const { getDocument, OPS } = await loadPdfjs();
  const doc = await getDocument({ data, disableFontFace: true, isEvalSupported: false, useSystemFonts: false, verbosity: 0 }).promise;
  const draft = emptyDraft();
  try {
    const pages: Line[][] = [];
    const heights: number[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const content = await page.getTextContent();
      // Font names (for bold) are known once the page's fonts are loaded.
      const operators = await page.getOperatorList();
      const realNames = new Map<string, string>();
      const realName = (name: string) => {
        if (!realNames.has(name)) {
          let real = '';
          try {
            real = String((page.commonObjs.get(name) as { name?: string } | null)?.name ?? '');
          } catch {
            // Not loaded: treat as regular.
          }
          realNames.set(name, real);
        }
        return realNames.get(name)!;
      };
      const isBold = (name: string) => BOLD_FONT.test(realName(name));
      const runs: Array<Run & { turned: boolean; up: number; e: number; f: number }> = [];
      for (const item of content.items) {
        if (!('str' in item)) continue;
        const [a, b, , d, e, f] = item.transform as number[];
        const size = Math.hypot(b!, d!) || Math.abs(a!);
        runs.push({ str: unspaced(mapGlyphs(item.str, glyphMapOf(realName(item.fontName)))), x: e!, y: f!, w: item.width, size: Math.round(size * 10) / 10, bold: isBold(item.fontName), turned: Math.abs(b!) > Math.abs(a!), up: Math.sign(b!), e: e!, f: f! });
      }
      // Signs the text layer took for spaces, each after the run it is drawn next to on its line.
      for (const sign of symbolsAtSpace(operators, OPS, realName)) {
        const near = (r: Run) => Math.abs(r.y - sign.y) < Math.max(r.size, sign.size) * 0.8;
        const before = runs.reduce((k, r, j) => (near(r) && r.x <= sign.x && (k < 0 || r.x >= runs[k]!.x) ? j : k), -1);
        runs.splice(before + 1, 0, { ...sign, bold: false, turned: false, up: 0, e: sign.x, f: sign.y });
      }
      // (A negation slash is its own zero-width run: struck through the sign it is drawn over.)
      const struck = strikeNegations(runs);
      runs.splice(0, runs.length, ...struck);
      // Text set sideways on an upright page is a margin label (the journal's name or site up
      // the edge), not part of the reading. A page set sideways throughout (a landscape table)
      // is read turned upright: along its lines (up the page, or down it) and across them.
      const turned = runs.filter((r) => r.turned).reduce((n, r) => n + r.str.length, 0);
      const all = runs.reduce((n, r) => n + r.str.length, 0);
      const width = page.view[2]! - page.view[0]!;
      const height = page.view[3]! - page.view[1]!;
      if (turned < all * 0.5) {
        pages.push(buildLines(runs.filter((r) => !r.turned), i));
        heights.push(height);
      } else {
        const sideways = runs.filter((r) => r.turned);
        const up = sideways.reduce((n, r) => n + r.up * r.str.length, 0) >= 0 ? 1 : -1;
        const upright = sideways.filter((r) => r.up === up).map((r) => ({ ...r, x: up > 0 ? r.f : height - r.f, y: up > 0 ? width - r.e : r.e }));
        pages.push(buildLines(upright, i));
        heights.push(width);
      }
      page.cleanup();
    }
    if (pages.every((p) => p.length === 0)) {
      draft.notes.push('no text layer (a scanned PDF?): nothing to import without OCR');
      draft.pages = pages.map(() => ({ blocks: [], footnotes: [] }));
      return draft;
    }

    // Metadata reads the first page as printed (its venue line may be a running one), knowing
    // which lines run on every page (never the title).
    const asPrinted = [...pages];
    const labelsFromPdf = await doc.getPageLabels().catch(() => null);
    const { offset, running } = removeRunningLines(pages, heights);
    await readMetadata(doc, asPrinted, draft, running);
    const printed = offset === null ? null : pages.map((_, i) => String(i + offset));
    const declared = labelsFromPdf?.some((l) => /^\d+$/.test(l)) ? labelsFromPdf : null;
    // The file's own labels (they can say i, ii … for front matter) unless the numbers printed
    // on the pages contradict them on most pages (a file labelling its first page "0").
    const contradicted = declared && printed && declared.filter((l, i) => l !== printed[i]).length > pages.length / 2;
    const labels = declared && !contradicted ? declared : printed;
    const physical = labels?.every((l, i) => l === String(i + 1));
    if (labels && !physical) propose(draft, 'pageLabels', labels, labels === declared ? 'PDF page labels' : 'printed page numbers');

    const bodySize = bodySizeOf(pages, (text) => REFERENCES.test(text));
    const outline = await outlineTitles(doc as unknown as OutlineSource);
    const grid = documentColumns(pages, bodySize);
    const ordered = pages.map((lines) => readingOrder(lines, bodySize, grid));
    // The document's words, without the halves of words broken at line ends.
    const all = ordered.flat();
    const vocabulary = vocabularyOf(
      all.map((l, i) => l.text.replace(/\p{L}+-$/u, '').replace(i > 0 && /\p{L}-$/u.test(all[i - 1]!.text) ? /^\p{L}+/u : /^$/, '')).join(' '),
    );
    buildBlocks(ordered, heights, bodySize, outline, vocabulary, draft);
    tidyDraftText(draft);
  } finally {
    await doc.destroy();
  }
  return draft;
}

type OutlineItem = { title: string; dest: string | unknown[] | null; items: OutlineItem[] };
interface OutlineSource {
  getOutline(): Promise<OutlineItem[] | null>;
  getDestination(id: string): Promise<unknown[] | null>;
  getPageIndex(ref: never): Promise<number>;
}

/**
 * The outline's entries in order, titles in lower case, each with its depth (0 for a section,
 * 1 and more for its sub-sections) and the page it points at, where the file says.
 */
async function outlineTitles(doc: OutlineSource): Promise<OutlineEntry[]> {
  const entries: OutlineEntry[] = [];
  const pageOf = async (dest: OutlineItem['dest']): Promise<number | null> => {
    try {
      const explicit = typeof dest === 'string' ? await doc.getDestination(dest) : dest;
      const ref = explicit?.[0];
      if (typeof ref === 'number') return ref;
      return ref && typeof ref === 'object' ? await doc.getPageIndex(ref as never) : null;
    } catch {
      return null;
    }
  };
  const walk = async (items: OutlineItem[] | null, depth: number) => {
    for (const i of items ?? []) {
      entries.push({ title: i.title.replace(/\s+/g, ' ').trim().toLowerCase(), depth, page: await pageOf(i.dest) });
      await walk(i.items, depth + 1);
    }
  };
  await walk(await doc.getOutline().catch(() => null), 0);
  return entries;
}
