import { isOrganisation } from '../authors.js';
import { propose, type Draft, type DraftBlock, type DraftPage } from './draft.js';
import { joinHyphenated } from './hyphenation.js';
import { endsSentence, median, sizesOf, SUPERSCRIPT, type Line } from './pdf-lines.js';
import { splitReferences } from './pdf-references.js';
import { findCellTables } from './pdf-cell-tables.js';
import { cellsOf, findTables, findTextTables, isNumber } from './pdf-tables.js';

/** Lines in reading order → headings, paragraphs, footnotes and reference entries. */

// ("[A-Z]\.?\d*", not "(?:\d+)*": a run of digits splits into runs in exponentially many
// ways, and a line "A" and 28 digits took 6 s to be refused.)
const HEADING_NUMBER = /^(\d+(?:\.\d+)*\.?|[A-Z]\.?\d*|[IVX]+\.)\s+\S/;
// Bullets, also a symbol font's private-use glyph (Wingdings, Symbol) that shows as one.
const BULLET = /^[•·▪◦‣\uE000-\uF8FF]\s/u;
const LIST_ITEM = /^(?:[•·▪◦‣–\uE000-\uF8FF-]|\(?\d{1,2}[.)]|\(?[a-z][.)]|\((?:i{1,3}|iv|vi{0,3}|ix|x)\))\s/u;
export const REFERENCES = /^(?:\d+\.?\s*)?(references|bibliography|literature cited|works cited|references and notes)$/i;

/** A page's lines top to bottom, those on one baseline left to right, across the whole page. */
function byRows(lines: Line[]): Line[] {
  const sorted = [...lines].sort((a, b) => b.y - a.y);
  const key = new Map<Line, number>();
  let base = Infinity;
  for (const l of sorted) {
    if (base - l.y > l.size * 0.3) base = l.y;
    key.set(l, base);
  }
  return sorted.sort((a, b) => key.get(b)! - key.get(a)! || a.x0 - b.x0);
}

/** The heading that ends a paper's title block. */
const BODY_HEADING = /^(?:abstract|summary|introduction|background|keywords?|key words)\b/i;
const AFFILIATION = /\b(?:University|Universit[éäy]|Department|Dept\.|Faculty|School|Institute|Institut|Centre|Center|College|Laborator(?:y|ies)|Hospital|Division)\b/;
/** "Research Article", "R E S E A R C H A R T I C L E Open Access", "REVIEW Open Access". */
const ARTICLE_LABEL = /^(?:(?:original|research|review|short|brief|case)\s*)?(?:article|paper|communication|report|letter|review)?\s*(?:open\s*access)?$/i;
const words = (t: string) =>
  t
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^\p{L}\d\s]|(?<=\p{L})\d+/gu, ' ')
    .split(/\s+/)
    .filter(Boolean);

/** A line of the first page's title block that the metadata holds: not body text. */
function isTitleBlockLine(text: string, draft: Draft, small: boolean): boolean {
  const t = text.trim();
  // Letter-spaced capitals ("R E S E A R C H") read as the word.
  const unspaced = t.replace(/\b(\p{Lu}) (?=\p{Lu}\b)/gu, '$1');
  if (/\p{L}/u.test(t) && ARTICLE_LABEL.test(unspaced)) return true;
  const title = draft.proposed.title ? words(draft.proposed.title).join(' ') : '';
  const own = words(t).join(' ');
  if (title && own.split(' ').length >= 2 && !endsSentence(t)) {
    // The title again, a line of it, or it with a label before it ("Research Article Patient Experiences of …").
    if (title.includes(own) || (own.includes(title) && own.length <= title.length + 30)) return true;
  }
  // The authors' names: two of their surnames, or a lone author's full name, on a line of names (no "AGENCY:" field).
  const authors = (draft.proposed.authors ?? []).filter((a) => !isOrganisation(a));
  if (authors.length > 0 && !/:/.test(t) && !endsSentence(t) && t.length < 400) {
    const surnames = authors.map((a) => words(a).at(-1)!).filter(Boolean);
    const found = surnames.filter((s) => new RegExp(`\\b${s}\\b`, 'u').test(own)).length;
    if (authors.length >= 2 ? found >= 2 : own.includes(words(authors[0]!).join(' '))) return true;
  }
  // Affiliations and addresses, e-mail addresses.
  if (/@|\{[^}]*,[^}]*\}/.test(t) && t.split(' ').length <= 12) return true;
  return AFFILIATION.test(t) && !endsSentence(t.replace(/\.$/, '')) && (small || t.split(' ').length <= 25) && !/\b(?:we|our|this|study|is|are|was|were)\b/i.test(t);
}

/**
 * The institutions a title-block line names ("¹Department of Surgery, University of Calgary,
 * Calgary, Canada" → without its marker), none for a name, an e-mail or anything else: the
 * affiliations the metadata offers for "where are the authors based?".
 */
export function affiliationsOf(text: string): string[] {
  // One line may hold several, each after its marker: "♠University of Massachusetts Amherst, ♢Allen Institute for AI".
  return text
    .split(/\s*,?\s*(?=[♠♢♡♣♤♥♦♧*∗†‡§¶⁰¹²³⁴⁵⁶⁷⁸⁹]+\s*\p{Lu})/u)
    .map((part) =>
      part
        .replace(/^(?:[♠♢♡♣♤♥♦♧*∗†‡§¶⁰¹²³⁴⁵⁶⁷⁸⁹]+|\d{1,2}(?=\s*\p{Lu})|[a-f](?=\s+\p{Lu}))\s*/u, '')
        .replace(/\s*(?:\S+@\S+|\{[^}]*\}\S*).*$/u, '')
        .replace(/[\s,;.]+$/, '')
        .trim(),
    )
    .filter((t) => AFFILIATION.test(t) && t.length <= 160 && !/@/.test(t));
}

const foldSpaces = (t: string) => t.toLowerCase().replace(/\s+/g, ' ').trim();

/** A title of the PDF's outline (bookmarks), in lower case, and how deep it sits (0: a section). */
export interface OutlineEntry {
  title: string;
  depth: number;
  /** The page (from 0) it points at, when the file says. */
  page: number | null;
}

export function buildBlocks(pages: Line[][], heights: number[], bodySize: number, outlineEntries: OutlineEntry[], vocabulary: Set<string>, draft: Draft): void {
  const outline = new Set(outlineEntries.map((e) => e.title));
  // A title the outline gives twice ("Methods" in the abstract, then the section) is told by the
  // page it points at, else matched in turn.
  let outlineAt = 0;
  const outlineDepth = (title: string, page: number): number | undefined => {
    const same = outlineEntries.map((e, k) => ({ e, k })).filter(({ e }) => e.title === title);
    const hit = same.find(({ e, k }) => e.page === page && k >= outlineAt) ?? same.find(({ e }) => e.page === page) ?? same.find(({ k }) => k >= outlineAt) ?? same[0];
    if (!hit) return undefined;
    outlineAt = Math.max(outlineAt, hit.k + 1);
    return hit.e.depth;
  };
  const body = pages.flat().filter((l) => Math.abs(l.size - bodySize) < 0.6);
  // Typical distance between lines of a paragraph, for telling a paragraph gap.
  const spacing = median(body.slice(1).map((l, i) => body[i]!.y - l.y).filter((d) => d > 0 && d < bodySize * 2.5)) || bodySize * 1.2;
  // Whether the document marks paragraphs with a first-line indent (else with space): one
  // body line in a few dozen set further in than the line above, within a column.
  const pairs = body.slice(1).map((l, i) => [body[i]!, l] as const).filter(([a, b]) => a.page === b.page && a.column === b.column && a.spanning === b.spanning && a.y - b.y > 0 && a.y - b.y < spacing * 1.3);
  const indents = pairs.filter(([a, b]) => b.x0 - a.x0 > bodySize * 0.6 && b.x0 - a.x0 < bodySize * 4).length;
  const usesIndent = indents >= 3 && indents >= pairs.length * 0.015;

  const out: DraftPage[] = pages.map(() => ({ blocks: [], footnotes: [] }));
  /** The paragraph being read; `block` when it is one already written, taken up again. */
  type Open = { page: number; text: string; lastLine: Line; block?: { text: string }; caption?: boolean };
  let open: Open | null = null;
  // The last paragraph in each print size, while it stopped mid-sentence: a figure, table,
  // footnote or page furniture came between, and the text after them goes on with it. (By
  // size, so that a caption stopped mid-sentence does not hide the body text stopped before it.)
  const suspended = new Map<number, { page: number; block: { type: 'paragraph'; text: string } }>();
  let inReferences = false;
  let bodyStarted = false;
  let titleBlockLine: Line | null = null;
  const affiliations: string[] = [];
  /** The page where the article's citation box closed the References: what follows on it is back matter. */
  let backMatterFrom = -1;
  const refLines: Line[] = [];
  /** runIn: a heading only by being bold, which may yet be the bold start of a paragraph. */
  let pendingHeading: { page: number; text: string; size: number; bold: boolean; level: 1 | 2; runIn: boolean } | null = null;

  const closeParagraph = () => {
    const o = open as Open | null;
    open = null;
    if (!o) return;
    const block = o.block ?? { type: 'paragraph' as const, text: o.text };
    block.text = o.text;
    if (!o.block) out[o.page]!.blocks.push(block as DraftBlock);
    // A caption leaves the paragraph its float interrupted waiting, whatever it ends in.
    if (o.caption) return;
    // Text in about the body's print (an abstract may be a little larger), in words: not a
    // table row or a figure's labels, which leave the paragraph before them waiting.
    const letters = o.text.replace(/[^\p{L}]/gu, '').length;
    // (A short list item counts when it stops in a word broken at the line's end: "• Size: The
    // resulting S2ORC pretraining cor-" / a page break / "pus contains 16.4B tokens".)
    const words = o.text.split(' ').length;
    const prose = o.lastLine.size > bodySize * 0.85 && o.lastLine.size < bodySize * 1.15 && (words >= 8 || (words >= 4 && /\p{Ll}-$/u.test(o.text))) && letters >= o.text.replace(/\s/g, '').length * 0.7;
    // (A colon may lead into a display equation, the sentence going on under it: "where d is …".)
    if (prose && /[.!?]["'”’)\]]*[⁰¹²³⁴⁵⁶⁷⁸⁹]*$/.test(o.text.trim())) suspended.delete(o.lastLine.size);
    else if (prose) suspended.set(o.lastLine.size, { page: o.page, block: block as { type: 'paragraph'; text: string } });
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
    suspended.clear();
    out[h.page]!.blocks.push({ type: 'heading', level: h.level, text: h.text.replace(/^(\d+(?:\.\d+)*\.?|[A-Z]\.\d*)\s+(?=\S)/, (m) => m) } as DraftBlock);
  };

  pages.forEach((lines, p) => {
    const colLeft = new Map<string, number>();
    const colRight = new Map<string, number>();
    for (const l of lines) {
      const key = `${l.spanning ? 's' : l.column}`;
      colLeft.set(key, Math.min(colLeft.get(key) ?? Infinity, l.x0));
      colRight.set(key, Math.max(colRight.get(key) ?? -Infinity, l.x1));
    }
    let prev: Line | null = null;
    let footnote: { number: number; text: string } | null = null;
    // Table rows are kept out of the paragraphs: each table one block, where its first row is.
    const tableOf = new Map<Line, { lines: Line[]; rows: string[][]; figure?: boolean }>();
    const placed = new Set<{ lines: Line[] }>();
    // Read across the whole page first, in print smaller than the body's (a table wider than a
    // column, whose cells cross the gutter, or a landscape page's: not the prose beside it), then
    // column by column (a table in one column, in any print). A page the References run onto may
    // go on with an appendix and its tables (S2ORC's Table 8): looked for there too, and kept
    // only where the lines are not the References' (below).
    {
      // (A heading the outline names is never a table's line, though set as small as its cells.)
      const candidates = lines.filter((l) => !outline.has(l.text.toLowerCase()));
      for (const t of findTables(byRows(candidates.filter((l) => l.size < bodySize - 0.4)), bodySize)) {
        // Read across the page, a table in one column takes in a figure's labels beside it in the
        // other on the same baselines (LongEval's Table 8 beside Figure 5's legend and ticks): the
        // lines of the column whose nearest caption is a figure's are that figure's, not the table's.
        // (Two floats side by side: each column's nearest caption set in that column, not across the page.)
        const columns = [...new Set(t.lines.filter((l) => !l.spanning).map((l) => l.column))];
        const captions = new Map(columns.map((c) => [c, nearestCaption(t.lines.filter((l) => l.column === c), lines)]));
        const sideBySide = columns.length > 1 && !t.lines.some((l) => l.spanning) && columns.every((c) => captions.get(c)?.line.column === c && !captions.get(c)!.line.spanning);
        // (And a figure's labels are single words or ticks, one a baseline: not rows of cells.)
        const single = (c: number) => {
          const own = t.lines.filter((l) => l.column === c);
          return own.every((l) => cellsOf(l).length === 1 && own.every((o) => o === l || Math.abs(o.y - l.y) > l.size * 0.3));
        };
        const ofFigure = sideBySide ? columns.filter((c) => captions.get(c)!.kind === 'figure' && single(c)) : [];
        if (ofFigure.length > 0 && ofFigure.length < columns.length) {
          const figureLines = t.lines.filter((l) => ofFigure.includes(l.column));
          const figure = { lines: figureLines, rows: [], figure: true };
          for (const l of figureLines) tableOf.set(l, figure);
          for (const rest of findTables(byRows(t.lines.filter((l) => !ofFigure.includes(l.column))), bodySize)) for (const l of rest.lines) tableOf.set(l, rest);
        } else for (const l of t.lines) tableOf.set(l, t);
      }
      for (const t of findTables(candidates, bodySize)) {
        const found = new Set(t.lines.flatMap((l) => tableOf.get(l) ?? []));
        // Read across the page, a table's rows on the baselines of a caption or prose beside it
        // are no rows (LongEval's Table 9 beside Figure 5's caption): only its last rows were
        // found. A table in one column holding the whole of what was found, and more, is the table
        // (one whose cells cross the gutter is read best across the page, its rows whole).
        const within = (o: { lines: Line[]; figure?: boolean }) => !o.figure && o.lines.every((l) => t.lines.includes(l));
        const more = t.lines.length > [...found].reduce((n, o) => n + o.lines.length, 0);
        const oneColumn = new Set(t.lines.map((l) => (l.spanning ? -1 : l.column))).size === 1;
        if (found.size === 0) for (const l of t.lines) tableOf.set(l, t);
        else if (more && oneColumn && [...found].every(within)) {
          // Its rows as the page sets them: cells on one baseline, a label set a little lower beside its figures.
          const [whole, ...others] = findTables(byRows(t.lines), bodySize);
          const table = whole && others.length === 0 && whole.lines.length === t.lines.length ? whole : t;
          for (const l of t.lines) tableOf.set(l, table);
        }
      }
      // Rows whose nearest caption is a figure's are the figure's labels (axis titles, legends,
      // ticks: "rouge-1_f1 FINE … COARSE"), not a table: neither a table nor passages.
      for (const t of new Set(tableOf.values())) t.figure = captionOf(t.lines, lines) === 'figure';
    }
    // A table of text cells: each cell one paragraph, in the order of the rows.
    const textTableOf = new Map<Line, { lines: Line[]; paragraphs: string[] }>();
    if (!inReferences) for (const t of findTextTables(lines.filter((l) => !tableOf.has(l)), bodySize)) for (const l of t.lines) textTableOf.set(l, t);
    // A table of words in columns beside its caption: rows of cells, as tables of figures are.
    // (Rows of short words may have been read as a table already, a line each, a cell's wrapped
    // lines rows of their own: the grid reads them again, and wins where it holds such a table whole.)
    if (!inReferences) {
      const ofWords = new Set([...tableOf.values()].filter((t) => !t.figure && !t.rows.flat().some(isNumber)));
      const free = lines.filter((l) => (!tableOf.has(l) || ofWords.has(tableOf.get(l)!)) && !textTableOf.has(l));
      for (const t of findCellTables(free, bodySize, vocabulary)) {
        // (Only the lines of the tables it reads again: not a note under one, read as more cells.)
        const before = new Set(t.lines.flatMap((l) => tableOf.get(l) ?? []));
        const same = before.size === 0 || t.lines.every((l) => tableOf.has(l));
        if (same && [...before].every((o) => o.lines.every((l) => t.lines.includes(l)))) for (const l of t.lines) tableOf.set(l, t);
      }
    }
    for (const l of lines) {
      if (backMatterFrom === p) continue;
      const textTable = inReferences ? undefined : textTableOf.get(l);
      if (textTable) {
        if (textTable.lines[0] === l) {
          closeParagraph();
          closeHeading();
          for (const text of textTable.paragraphs) out[p]!.blocks.push({ type: 'paragraph', text });
        }
        footnote = null;
        continue;
      }
      const table = tableOf.get(l);
      // (Rows reached in the References are entries' lines, the table's whole as it comes.)
      if (table && inReferences) for (const t of table.lines) tableOf.delete(t);
      else if (table) {
        // (Where reading order first comes to it: its header may sit over a column read later.)
        if (!placed.has(table)) {
          placed.add(table);
          // The paragraph before stays open for its text after the table (as after a figure).
          closeParagraph();
          closeHeading();
          if (!table.figure) out[p]!.blocks.push({ type: 'table', rows: table.rows });
        }
        footnote = null;
        continue;
      }
      const key = `${l.spanning ? 's' : l.column}`;
      const left = colLeft.get(key) ?? l.x0;
      const small = l.size < bodySize * 0.92;
      const lowerPart = l.y < heights[p]! * 0.45;
      // (Lines across the gutter are one column, wherever their middle falls.)
      // A block set across the columns (an abstract, a title) may end in a line too short to span
      // them: right under it, at its left edge, it is the same block's last line, not a column.
      const endOfSpan = prev?.spanning && !l.spanning && prev.page === l.page && Math.abs(l.x0 - prev.x0) < bodySize && prev.y - l.y > 0 && prev.y - l.y < spacing * 1.5;
      const newColumn = prev !== null && !endOfSpan && (prev.spanning !== l.spanning || (!l.spanning && prev.column !== l.column) || l.y > prev.y + spacing);
      // Footnotes: small print low on the page, starting with a marker.
      const marker = l.leadMarker ?? /^(\d{1,2})\s+(?=\p{L})/u.exec(l.text)?.[1] ?? /^([⁰¹²³⁴⁵⁶⁷⁸⁹]+|[*∗†‡§¶]{1,2})\s*(?=\S)/u.exec(l.text)?.[1] ?? null;
      // A raised marker is evidence enough (the note may be only a URL); a marker in the text
      // needs words after it, not a row of figures.
      const noteText = l.leadMarker ? /\p{L}{3,}/u.test(l.text) : /\p{L}{3,}.*\s\p{L}{2,}/u.test(l.text);
      // A number in the line's own print ("14 CFR 39.19, send your request …") right under a line of
      // a sentence going on, in the same print, is that sentence's, not a footnote's mark.
      const o = open as Open | null;
      const plainMarker = !l.leadMarker && /^\d/.test(marker ?? '');
      const goingOn = o !== null && !endsSentence(o.text) && prev === o.lastLine && !newColumn && Math.abs(prev.size - l.size) < 0.3 && prev.y - l.y < l.size * 1.6;
      // (Nor is a numbered entry right under the References heading, still pending: the list's first.)
      const underReferences = inReferences || (pendingHeading !== null && REFERENCES.test((pendingHeading as { text: string }).text));
      if (small && lowerPart && marker && !underReferences && noteText && !(plainMarker && goingOn)) {
        const number = /^\d+$/.test(marker) ? Number(marker) : /^[⁰¹²³⁴⁵⁶⁷⁸⁹]+$/.test(marker) ? [...marker].reduce((n, ch) => n * 10 + SUPERSCRIPT.indexOf(ch), 0) : 0;
        footnote = { number, text: l.text.replace(/^([⁰¹²³⁴⁵⁶⁷⁸⁹]+|\d{1,2}|[*∗†‡§¶]{1,2})\s*/u, '') };
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
      // Small print in the page's head or foot that is not a footnote: the first page's venue
      // line, licence or journal address (running ones are gone already). Not body text.
      // (Not a line going on with the sentence above it, in its print: the Federal Register's rule text runs to the page's foot.)
      if (small && (l.y < heights[p]! * 0.08 || l.y > heights[p]! * 0.92) && !inReferences && !goingOn) continue;

      // The first page's title block, before its abstract or first section: the title again (or a
      // part of it, or with its article type), the authors' names, affiliations and addresses.
      // They are the metadata, not passages, nor sections a passage would be filed under.
      if (p === 0 && !bodyStarted) {
        if (BODY_HEADING.test(l.text.replace(/^(\d+\.?|[IVX]+\.)\s+/, ''))) bodyStarted = true;
        else if (isTitleBlockLine(l.text, draft, small)) {
          // (Not a line of a long title: "… at the Medical Department of Kamuzu Central".)
          if (!draft.proposed.title || !foldSpaces(draft.proposed.title).includes(foldSpaces(l.text))) {
            for (const institution of affiliationsOf(l.text)) if (!affiliations.includes(institution)) affiliations.push(institution);
          }
          prev = l;
          titleBlockLine = l;
          continue;
        }
        // An address's last line, right under the one the title block took ("… Royal College of
        // Surgeons in Ireland, 123 St. Stephen’s Green," / "Dublin 2, Ireland"): a few words, no sentence.
        const t = titleBlockLine as Line | null;
        if (t && prev === t && Math.abs(l.size - t.size) < 0.3 && t.y - l.y > 0 && t.y - l.y < t.size * 1.6 && l.text.split(' ').length <= 8 && !endsSentence(l.text)) {
          prev = l;
          titleBlockLine = l;
          continue;
        }
      }
      const isNumberedHeading = HEADING_NUMBER.test(l.text) && !/[.,;]$/.test(l.text) && l.text.length < 90;
      const larger = l.size >= bodySize * 1.12;
      // (A numbered heading may ask a question: "B.3 Crowdworkers or expert annotators?")
      const wholeBold = l.bold && l.text.length < 100 && (!endsSentence(l.text.replace(/\.$/, '')) || (isNumberedHeading && /\?$/.test(l.text)));
      const inOutline = outline.has(l.text.toLowerCase());
      // "References" alone on its line is the heading whatever its print (back matter is often small).
      const heading =
        REFERENCES.test(l.text) ||
        (!small &&
          /^[\p{Lu}\d]/u.test(l.text) &&
          l.text.length < 160 &&
          (inOutline || (larger && l.text.length < 120) || (wholeBold && (isNumberedHeading || l.text.split(' ').length <= 10))));
      if (heading) {
        // (A title set on two lines keeps its case: "MATERIALS AND METHODS" over "Modelling
        // methodology and synthesis" is a section and its first sub-section.)
        const capitals = (t: string) => t === t.toUpperCase() && /\p{Lu}{3}/u.test(t);
        const sameCase = !pendingHeading || !capitals(pendingHeading.text) || !/\p{Ll}/u.test(l.text);
        if (pendingHeading && pendingHeading.page === p && Math.abs(pendingHeading.size - l.size) < 0.3 && !HEADING_NUMBER.test(l.text) && sameCase && !(inOutline && outline.has(pendingHeading.text.toLowerCase()))) {
          pendingHeading.text += ` ${l.text}`; // a heading set on two lines
        } else {
          closeParagraph();
          closeHeading();
          const subNumbered = /^\d+\.\d+/.test(l.text);
          // The outline says how headings nest, where it names this one (BMC sets section and
          // sub-section alike, "Methods" over "Setting"); else numbering and print do.
          const depth = inOutline ? outlineDepth(l.text.toLowerCase(), p) : undefined;
          const level = depth !== undefined ? (depth === 0 ? 1 : 2) : subNumbered || (!larger && l.size <= bodySize * 1.05 && !/^\d+\.?\s/.test(l.text)) ? 2 : 1;
          pendingHeading = { page: p, text: l.text, size: l.size, bold: l.bold, level, runIn: !larger && !inOutline && !isNumberedHeading };
        }
        prev = l;
        continue;
      }
      const h = pendingHeading as typeof pendingHeading;
      // (A title set across the columns may end in a short line that no longer spans them: the same left edge says it goes on.)
      const underHeading = prev !== null && (!newColumn || (prev.page === l.page && Math.abs(prev.x0 - l.x0) < l.size && prev.y > l.y));
      if (h && prev && underHeading && prev.y - l.y < Math.max(spacing * 1.3, l.size * 1.5) && Math.abs(l.size - h.size) < 0.3) {
        const boldStart = l.runs.find((r) => r.str.trim())?.bold ?? false;
        // The heading's next line, in the same bold or large print ("3.1 RQ1: Does inter-annotator
        // agreement / improve using fine-grained annotations?", a title on four lines).
        if ((l.bold || l.size >= bodySize * 1.12) && /^\p{Ll}/u.test(l.text)) {
          h.text = joinHyphenated(h.text, l.text, vocabulary);
          prev = l;
          continue;
        }
        // A bold lead-in running on into the text ("Long-form summaries are rarely evaluated by /
        // humans. We find …"): the paragraph's first sentence, not a section.
        if (h.runIn && !l.bold && (boldStart || /^\p{Ll}/u.test(l.text))) {
          pendingHeading = null;
          closeParagraph();
          open = { page: p, text: joinHyphenated(h.text, l.text, vocabulary), lastLine: l };
          prev = l;
          continue;
        }
      }
      closeHeading();
      if (inReferences) {
        // The article's own citation box under the list ("doi:10.1186/…", "Cite this article as: …",
        // then the publisher's advertisement): the References end there, and the page with them.
        if (/^Cite this article as\b/i.test(l.text)) {
          // (Its DOI alone on the line over it: the article's, not the last entry's.)
          const doi = refLines.length > 0 && /^doi:\s*10\.\d{4,}\/\S+$/i.test(refLines[refLines.length - 1]!.text) ? refLines.pop()! : null;
          if (doi) propose(draft, 'doi', doi.text.replace(/^doi:\s*/i, '').replace(/[.,;]$/, ''), 'citation box');
          inReferences = false;
          backMatterFrom = p;
          prev = l;
          continue;
        }
        // A line naming the article's own DOI is its page furniture ("Clinical Science (2014) 126,
        // 305–313 … doi: 10.1042/CS20130403", "Published as Immediate Publication …"), and its
        // history ("Received 19 July 2013/…; accepted 9 September 2013") the article's: no entry's.
        const ownDoi = draft.proposed.doi;
        if ((ownDoi && l.text.toLowerCase().includes(ownDoi.toLowerCase())) || HISTORY.test(l.text.trim())) {
          prev = l;
          continue;
        }
        refLines.push({ ...l, x0: l.x0 - left });
        prev = l;
        continue;
      }
      // A first-line indent: further in than the line before (an indented abstract is not
      // indented on every line), or, at the top of a column, than the column's edge.
      const inset = prev !== null && !newColumn ? l.x0 - prev.x0 : l.x0 - left;
      // Under a list item's first line ("• Andrew E. Webb performed …") the text hangs further in.
      const hanging = prev !== null && !newColumn && LIST_ITEM.test(prev.text) && inset < bodySize * 2.5;
      const indented = inset > bodySize * 0.6 && inset < bodySize * 4 && !hanging;
      const gap = prev !== null && !newColumn && prev.y - l.y > spacing * 1.45;
      const current = open as Open | null;
      // Another print: the two lines share no size (a line with words in small capitals, such as
      // "in the FOR FURTHER INFORMATION", shares the text's size with the line before).
      const before = current ? sizesOf(current.lastLine) : [];
      const sizeChange = current !== null && !sizesOf(l).some((a) => before.some((b) => Math.abs(a - b) <= 0.8));
      // A float's caption ("Table 4: …") starts a paragraph of its own wherever it is set, even at
      // a column's top under a sentence left unfinished, which goes on after the caption.
      // (Not "… bibliography linking in / Table 4. On average, …": a sentence going on that names a table.)
      // While a sentence is left unfinished (here, or before a float), only a label with a colon
      // ("Table 4:") is sure to be a caption: "Table 4. On average, …" goes on with it.
      const colon = /^\S+\s*\d+:/u.test(l.text);
      const waiting = suspended.get(l.size);
      // (A figure's stray value, "0.59", or a caption before, is no sentence going on.)
      const sentence = (t: string) => t.split(' ').length >= 4 && t.replace(/[^\p{L}]/gu, '').length >= t.replace(/\s/g, '').length * 0.6;
      const unfinished =
        (current !== null && !current.caption && sentence(current.text) && !endsSentence(current.text)) || (waiting !== undefined && !endsSentence(waiting.block.text));
      const caption =
        CAPTION.test(l.text) &&
        !inReferences &&
        (boldCaptionLabel(l, bodySize) ||
          ((colon || !unfinished) &&
            (current === null || current.caption || gap || sizeChange || endsSentence(current.text) || !sentence(current.text) || (newColumn && colon))));
      let startsNew = current === null || gap || sizeChange || caption;
      if (!startsNew && current) {
        // The line before stopped well short of the column's right edge: a paragraph's last line.
        const right = colRight.get(`${current.lastLine.spanning ? 's' : current.lastLine.column}`) ?? current.lastLine.x1;
        const shortBefore = current.lastLine.page === l.page && current.lastLine.x1 < right - bodySize * 3;
        if (newColumn || current.lastLine.page !== l.page) {
          // Across a column or page break a paragraph goes on unless the next one visibly starts.
          // With indents, the indent says; without, a sentence ended and a capital starts.
          startsNew = usesIndent ? indented : endsSentence(current.text) && /^[\p{Lu}\d“"(]/u.test(l.text);
        } else startsNew = indented || (shortBefore && endsSentence(current.text)) || BULLET.test(l.text) || (endsSentence(current.text) && boldLabel(l));
        // A word broken at the line's end goes on in the next line, whatever its indent (a list
        // item's hanging one at the top of the next page: "• Size: … pretraining cor-" / "pus contains …").
        if (startsNew && !gap && /\p{L}-$/u.test(current.text) && /^\p{Ll}/u.test(l.text)) startsNew = false;
      }
      if (startsNew || !current) {
        closeParagraph();
        const s = suspended.get(l.size);
        // It goes on where the text resumes in lower case, after a word broken at the line's end, or
        // after a comma or a word with no stop ("Digital archives like arXiv,²" … a figure … "PubMed Central,³ …").
        const cut = s && (/\p{L}-$/u.test(s.block.text) || /(?:[,;]|\p{Ll})[⁰¹²³⁴⁵⁶⁷⁸⁹]*$/u.test(s.block.text.trim()));
        // (On the next page, or after pages of floats only: a table set over two pages, a figure.)
        const floatsOnly = (k: number) => out[k]!.blocks.every((b) => b.type === 'table' || (b.type === 'paragraph' && CAPTION.test(b.text)));
        const near = s && (p - s.page <= 1 || (p - s.page <= 4 && Array.from({ length: p - s.page - 1 }, (_, k) => s.page + 1 + k).every(floatsOnly)));
        const goesOn = s && !caption && !BULLET.test(l.text) && near && !(usesIndent && indented) && (/^\p{Ll}/u.test(l.text) || cut);
        const lead = goesOn || inReferences ? null : runInHeading(l);
        if (lead) {
          // A paragraph opened by a run-in heading in bold ("Training Data To train our model …",
          // "Extracting structured data from PDFs We use …"): a sub-section, as a text's run-in
          // headings are, not words glued to the paragraph's first sentence.
          closeHeading();
          pendingHeading = { page: p, text: lead.heading, size: l.size, bold: true, level: 2, runIn: false };
          closeHeading();
          open = { page: p, text: lead.rest, lastLine: l };
        } else open = goesOn ? { page: s.page, text: joinHyphenated(s.block.text, l.text, vocabulary), lastLine: l, block: s.block } : { page: p, text: l.text, lastLine: l, caption };
      } else {
        current.text = joinHyphenated(current.text, l.text, vocabulary);
        current.lastLine = l;
      }
      prev = l;
    }
    // Symbol footnotes (∗ † ‡) are numbered after the page's numbered ones.
    let next = Math.max(0, ...out[p]!.footnotes.map((f) => f.number)) + 1;
    for (const f of out[p]!.footnotes) if (f.number === 0) f.number = next++;
  });
  closeParagraph();
  closeHeading();
  draft.pages = out;
  // (Or, printed as the first page's footnotes, "¹Department of Surgery, University of Calgary, …".)
  if (affiliations.length === 0) for (const f of out[0]?.footnotes ?? []) for (const a of affiliationsOf(f.text)) if (!affiliations.includes(a) && !endsSentence(a)) affiliations.push(a);
  propose(draft, 'affiliations', affiliations, 'first page');
  draft.references = splitReferences(refLines, vocabulary);
  for (const page of draft.pages) {
    // Table rows and figure labels end up as very short "paragraphs": keep passages readable.
    page.blocks = page.blocks.filter((b) => b.type !== 'paragraph' || b.text.replace(/[^\p{L}]/gu, '').length >= 12);
  }
  for (const page of draft.pages) page.blocks = withoutFigureLabels(page.blocks);
  withoutFrontMatter(draft.pages[0]);
  // The paper's history may close it instead ("Received 19 July 2013/20 August 2013; accepted 9 September 2013").
  for (const page of draft.pages.slice(1)) page.blocks = page.blocks.filter((b) => b.type !== 'paragraph' || b.text.length > 200 || !HISTORY.test(b.text.trim()));
  structuredAbstract(draft.pages);
  nestByCase(draft.pages);
}

/**
 * A figure's own words read just before its caption: axis titles, legends, labels in its boxes
 * ("Pearson correlation", "(a) SPECTER (b) SciBERT", "Transformer (initialized with SciBERT)").
 * Short, no sentence, right before "Figure N": not passages.
 */
function withoutFigureLabels(blocks: DraftBlock[]): DraftBlock[] {
  const drop = new Set<number>();
  blocks.forEach((b, i) => {
    if (b.type !== 'paragraph' || !/^(?:Fig(?:ure)?\.?|FIGURE)\s*\d+/u.test(b.text)) return;
    for (let k = i - 1; k >= 0; k--) {
      const label = blocks[k]!;
      if (label.type !== 'paragraph' || /[.!?:;]["'”’)]*$/.test(label.text.trim()) || BULLET.test(label.text) || CAPTION.test(label.text)) break;
      // A few words, or a legend of names and figures with next to no words of prose in it.
      const words = label.text.split(/\s+/);
      if (words.length > 10 && words.filter((w) => /^\p{Ll}{3,}/u.test(w)).length >= 3) break;
      drop.add(k);
    }
  });
  return blocks.filter((_, i) => !drop.has(i));
}

/**
 * A first page's front matter, printed among the title block or under the abstract: the
 * journal's volume and article number, the DOI, the paper's history (received, accepted,
 * published), its editor, where to write to, the licence line, subject lists. The metadata holds
 * what of it matters (date, DOI); none of it is a passage. Keywords are kept, as the corpus format
 * keeps them ("Keywords: …", front matter, not a passage), whichever way they are spelled.
 */
const HISTORY = /^(?:Received|Submitted)\b.{0,40}\b(?:19|20)\d\d\b.{0,20}\b(?:Accepted|Revised|Published)\b/i;
const FRONT_MATTER = [
  /^(?:Volume|Vol\.)\s*\d+\b.{0,60}\b(?:Article ID|Article No\.?|\d+ pages)\b/i,
  /^doi:?\s*10\.\d{4,}\/\S+$/i,
  HISTORY,
  /^Academic Editor\b/i,
  /^Correspondence (?:should be )?(?:addressed )?to\b/i,
  /^Distributed under (?:a )?Creative Commons\b/i,
  /^Subjects\s+\p{Lu}[^.]{0,200}\bKeywords\b/u,
];
function withoutFrontMatter(page: DraftPage | undefined): void {
  if (!page) return;
  page.blocks = page.blocks
    .filter((b) => b.type !== 'paragraph' || !FRONT_MATTER.some((re) => re.test(b.text.trim())))
    .map((b) => (b.type === 'paragraph' && /^Key ?words\s*:/i.test(b.text) ? { ...b, text: b.text.replace(/^Key ?words\s*:/i, 'Keywords:') } : b));
}

/** A caption's first line: "Figure 2:", "Fig. 3.", "Table 1 Overview …". */
const CAPTION = /^(?:(Fig(?:ure)?\.?|FIGURE)|Table|TABLE|Tab\.)\s*\d+(?:[.:]|\s+\p{Lu})/u;

/**
 * Whether the caption nearest to a block of lines (above or below it, overlapping it across)
 * is a figure's or a table's, if one is near at all.
 */
function captionOf(block: Line[], page: Line[]): 'figure' | 'table' | null {
  return nearestCaption(block, page)?.kind ?? null;
}

function nearestCaption(block: Line[], page: Line[]): { kind: 'figure' | 'table'; line: Line } | null {
  const top = Math.max(...block.map((l) => l.y));
  const bottom = Math.min(...block.map((l) => l.y));
  const left = Math.min(...block.map((l) => l.x0));
  const right = Math.max(...block.map((l) => l.x1));
  let best: { distance: number; kind: 'figure' | 'table'; line: Line } | null = null;
  for (const l of page) {
    const m = CAPTION.exec(l.text);
    if (!m || block.includes(l) || l.x0 >= right || l.x1 <= left) continue;
    const distance = l.y < bottom ? bottom - l.y : l.y > top ? l.y - top : 0;
    if (distance < 250 && (!best || distance < best.distance)) best = { distance, kind: m[1] ? 'figure' : 'table', line: l };
  }
  return best;
}

/**
 * A caption's label set in bold, its text not ("**Table 1.** Baseline characteristics …"), or
 * the whole line in bold in print smaller than the body's (BMC: "**Table 2 Overview of themes …**"):
 * a caption even under a sentence left unfinished, which a sentence naming the table ("… as
 * shown in / Table 2. On average …") in the text's own print is not.
 */
function boldCaptionLabel(l: Line, bodySize: number): boolean {
  const runs = l.runs.filter((r) => r.str.trim());
  const n = runs.findIndex((r) => !r.bold);
  if (n < 0 && runs.length > 0 && l.size < bodySize * 0.95) return CAPTION.test(l.text);
  if (n <= 0) return false;
  return /^(?:Fig(?:ure)?\.?|FIGURE|Table|TABLE|Tab\.)\s*\d+[.:]?$/u.test(runs.slice(0, n).map((r) => r.str).join('').trim());
}

/** A line led by a label in bold ("Results. We have benchmarked …", "Methods: …"): a paragraph's start, whatever its indent. */
function boldLabel(l: Line): boolean {
  const runs = l.runs.filter((r) => r.str.trim());
  const n = runs.findIndex((r) => !r.bold);
  if (n <= 0) return false;
  const label = runs.slice(0, n).map((r) => r.str).join('').trim();
  // (The stop may be set in the text's print: "Results" in bold, ". We have …" not.)
  const stop = /[.:]$/.test(label) || /^[.:]/.test(l.text.slice(label.length).trimStart());
  return stop && l.text.startsWith(label) && /^\p{Lu}[\p{L}-]*(?: [\p{L}-]+){0,3}[.:]?$/u.test(label);
}

/**
 * A run-in heading: the line starts in bold and goes on in regular print, and the bold part is a
 * title (a few words, a capital first, no stop: not a bold first sentence, which stays the
 * paragraph's start, nor a label such as "Note:").
 */
function runInHeading(l: Line): { heading: string; rest: string } | null {
  const runs = l.runs.filter((r) => r.str.trim() && Math.abs(r.y - l.y) <= r.size * 0.3);
  const boldCount = runs.findIndex((r) => !r.bold);
  if (boldCount <= 0) return null;
  // Where the bold ends in the line's text: after as many letters as the bold runs hold.
  let letters = runs.slice(0, boldCount).reduce((n, r) => n + r.str.replace(/\s/g, '').length, 0);
  let cut = 0;
  while (cut < l.text.length && letters > 0) {
    if (!/\s/.test(l.text[cut]!)) letters--;
    cut++;
  }
  const heading = l.text.slice(0, cut).trim();
  const rest = l.text.slice(cut).trim();
  const n = heading.split(/\s+/).length;
  if (n > 8 || heading.length < 4 || !/^\p{Lu}/u.test(heading) || /[.!?:;,([{–—-]$/.test(heading) || !/^[\p{Lu}\d“"(]/u.test(rest)) return null;
  // A caption's label ("Figure 1 Patient flow …") is no section.
  if (/^(?:fig(?:ure)?|table|algorithm|eq(?:uation)?|box|scheme|chart)\.?\s*\d/i.test(heading)) return null;
  // Nor is a front-matter field's ("Subjects Bioinformatics, …", "Keywords …").
  if (/^(?:subjects?|keywords?|key words)$/i.test(heading)) return null;
  return { heading, rest };
}

/** The parts of a structured abstract, as journals label them. */
const PART_NAMES = String.raw`Background|Objectives?|Aims?|Purpose|Context|Introduction|Methods?|Design|Setting|Participants|Patients|Materials and methods|Measurements|Interventions?|Results?|Findings|Conclusions?|Interpretation|Discussion|Significance`;
const ABSTRACT_PART = new RegExp(String.raw`^(${PART_NAMES})\s*[:.]\s+(?=[\p{Lu}\d])`, 'u');
/** A label inside the paragraph, after a sentence ("… were examined. Methods. Focus groups …"). */
const INLINE_PART = new RegExp(String.raw`(?<=[.!?]["”’)\]]*\s)(${PART_NAMES})\s*[:.]\s+(?=[\p{Lu}\d])`, 'gu');

/**
 * A paper whose sections are set in capitals ("MATERIALS AND METHODS", "RESULTS") and whose
 * sub-sections in the same print in ordinary case ("Modelling methodology and synthesis"; PeerJ's
 * "Funding" under "ADDITIONAL INFORMATION AND DECLARATIONS"): the ordinary-case headings after a
 * section in capitals are its sub-sections. Only where three sections at least are set in
 * capitals, and never the References or the Abstract.
 */
function nestByCase(pages: DraftPage[]): void {
  const headings = pages.flatMap((p) => p.blocks).filter((b): b is Extract<DraftBlock, { type: 'heading' }> => b.type === 'heading');
  const capitals = (t: string) => t === t.toUpperCase() && /\p{Lu}{3}/u.test(t);
  const own = (t: string) => !REFERENCES.test(t.trim()) && !/^abstract$/i.test(t.trim());
  if (headings.filter((h) => h.level === 1 && capitals(h.text) && own(h.text)).length < 3) return;
  let under = false;
  for (const h of headings) {
    if (h.level !== 1) continue;
    if (!own(h.text)) under = false;
    else if (capitals(h.text)) under = true;
    else if (under && !HEADING_NUMBER.test(h.text)) h.level = 2;
  }
}

/**
 * A structured abstract ("Background: …", "Methods: A mix of …", "Results: …") is read as the
 * sub-sections it labels, as a text's run-in headings are: "Methods" under "Abstract", the
 * label off the paragraph's text. Only in the abstract (under its heading, or before the first
 * heading), and only when two parts at least are labelled so. Parts set in one run ("Objectives.
 * … Methods. … Results. …", Hindawi) are split at their labels; an abstract printed with no
 * heading over it (its parts only, or labels only) gets one: its paragraphs are the abstract.
 */
function structuredAbstract(pages: DraftPage[]): void {
  // Parts run together in one paragraph before any heading, or under "Abstract": split at their labels.
  let inAbstract = true;
  for (const page of pages) {
    page.blocks = page.blocks.flatMap((b) => {
      if (b.type === 'heading') inAbstract = /^abstract$/i.test(b.text.trim());
      if (!inAbstract || b.type !== 'paragraph' || !ABSTRACT_PART.test(b.text)) return [b];
      const cuts = [...b.text.matchAll(INLINE_PART)].map((m) => m.index);
      if (cuts.length === 0) return [b];
      return [0, ...cuts].map((from, i, all) => ({ type: 'paragraph' as const, text: b.text.slice(from, all[i + 1]).trim() }));
    });
  }
  const found: Array<{ page: DraftPage; index: number }> = [];
  // Before the first heading (an abstract with none over it) or under "Abstract".
  inAbstract = true;
  let headed = false;
  pages.forEach((page) => {
    page.blocks.forEach((b, index) => {
      if (b.type === 'heading') {
        inAbstract = /^abstract$/i.test(b.text.trim());
        headed ||= inAbstract;
        return;
      }
      if (inAbstract && b.type === 'paragraph' && ABSTRACT_PART.test(b.text)) found.push({ page, index });
    });
  });
  if (found.length >= 2) {
    for (const { page, index } of [...found].reverse()) {
      const b = page.blocks[index] as { type: 'paragraph'; text: string };
      const m = ABSTRACT_PART.exec(b.text)!;
      page.blocks.splice(index, 1, { type: 'heading', level: 2, text: m[1]! }, { type: 'paragraph', text: b.text.slice(m[0].length) });
    }
    if (!headed) found[0]!.page.blocks.splice(found[0]!.index, 0, { type: 'heading', level: 1, text: 'Abstract' });
    return;
  }
  // The parts already headings (set on lines of their own), with no "Abstract" over them: the
  // document's first headings, sub-sections of nothing, named as an abstract's parts are.
  const first = pages.flatMap((page) => page.blocks.map((b, index) => ({ page, index, b }))).filter(({ b }) => b.type === 'heading');
  const parts = first.findIndex(({ b }) => !(b.type === 'heading' && b.level === 2 && new RegExp(`^(?:${PART_NAMES})$`).test(b.text.trim())));
  if ((parts === -1 ? first.length : parts) >= 2) first[0]!.page.blocks.splice(first[0]!.index, 0, { type: 'heading', level: 1, text: 'Abstract' });
}
