import { joinHyphenated } from './hyphenation.js';
import type { Line } from './pdf-lines.js';
import { cellSpansOf } from './pdf-tables.js';

/**
 * A table of words set in columns next to its caption ("Table 7: Sampled papers …": a category
 * beside each paper's title; "Table 2 Overview of themes …": a respondent group beside its
 * strengths, weaknesses and areas for improvement). With few figures and cells of several lines,
 * no row reads as a table's by itself (`findTables` needs figures or short cells), and read as
 * text its lines become paragraphs cut wherever a cell wraps. Told by its place and its grid:
 * print no larger than the caption's, close under or over a table caption, whose pieces start at
 * a few left edges shared by many lines. Each line set at the first edge with others beside it
 * starts a row, the lines under a cell are that cell's until the next row; a line at the first
 * edge alone ("Region A") is a row of its own, or the rest of the cell above when set right under it.
 */

const TABLE_CAPTION = /^(?:Table|TABLE|Tab\.)\s*\d+(?:[.:]|\s+\p{Lu})/u;
/** Left edges a couple of points apart at most are one column's. */
const EDGE = 2.5;

interface Piece {
  text: string;
  x0: number;
  y: number;
  size: number;
}

export function findCellTables(lines: Line[], bodySize: number, vocabulary: Set<string>): Array<{ lines: Line[]; rows: string[][] }> {
  const tables: Array<{ lines: Line[]; rows: string[][] }> = [];
  const taken = new Set<Line>();
  for (const caption of lines.filter((l) => TABLE_CAPTION.test(l.text))) {
    const beside = lines.filter(
      (l) =>
        !taken.has(l) &&
        l !== caption &&
        l.page === caption.page &&
        !TABLE_CAPTION.test(l.text) &&
        l.size <= caption.size + 0.05 &&
        l.size < bodySize * 0.95 &&
        (caption.spanning || l.spanning || l.column === caption.column),
    );
    // Under the caption first (where most journals set it), else over it (as ACL does).
    for (const side of [-1, 1]) {
      const region = regionFrom(caption, beside, side);
      const rows = region.length >= 4 ? gridOf(region, vocabulary) : null;
      if (!rows) continue;
      for (const l of region) taken.add(l);
      tables.push({ lines: region, rows });
      break;
    }
  }
  return tables;
}

/** The lines going away from the caption on one side (-1: under it), while no gap wider than three lines parts them. */
function regionFrom(caption: Line, lines: Line[], side: number): Line[] {
  const sorted = lines.filter((l) => (l.y - caption.y) * side > 0).sort((a, b) => (a.y - b.y) * side);
  const region: Line[] = [];
  let edge = caption.y;
  for (const l of sorted) {
    if (Math.abs(l.y - edge) > l.size * 3) break;
    region.push(l);
    edge = side < 0 ? Math.min(edge, l.y) : Math.max(edge, l.y);
  }
  return region;
}

/** The rows of cells the region's pieces make, or null when they are not set in a grid. */
function gridOf(region: Line[], vocabulary: Set<string>): string[][] | null {
  const pieces: Piece[] = region.flatMap((l) => cellSpansOf(l).map((s) => ({ text: s.text, x0: s.x0, y: l.y, size: l.size })));
  const edges: Array<{ x: number; n: number }> = [];
  for (const x of pieces.map((p) => p.x0).sort((a, b) => a - b)) {
    const last = edges[edges.length - 1];
    if (last && x - last.x <= EDGE) last.n++;
    else edges.push({ x, n: 1 });
  }
  const columns = edges.filter((e) => e.n >= 3).map((e) => e.x);
  if (columns.length < 2 || columns.length > 8) return null;
  // Nearly every piece starts at a column's edge: prose (an abstract, a caption) does not.
  const atEdge = (p: Piece) => columns.some((x) => Math.abs(x - p.x0) <= EDGE);
  if (pieces.filter(atEdge).length < pieces.length * 0.85) return null;
  const columnOf = (p: Piece) => Math.max(0, columns.filter((x) => x <= p.x0 + EDGE).length - 1);
  const sameBaseline = (a: Piece, b: Piece) => Math.abs(a.y - b.y) < Math.min(a.size, b.size) * 0.3;
  const byTop = [...pieces].sort((a, b) => b.y - a.y || a.x0 - b.x0);
  // Rows: where a first-column piece starts one.
  const tops: number[] = [];
  let lastFirst: Piece | null = null;
  for (const p of byTop) {
    if (columnOf(p) !== 0) continue;
    const alone = !pieces.some((o) => o !== p && columnOf(o) > 0 && sameBaseline(o, p));
    // Alone on its baseline right under the first column's last piece, it is that cell's next
    // line; so is a gloss in parentheses under its label ("ELMO" over "(Peters et al., 2018a)").
    const wrapped = (alone || p.text.startsWith('(')) && lastFirst !== null && lastFirst.y - p.y < p.size * 1.4;
    if (!wrapped) tops.push(p.y);
    lastFirst = p;
  }
  if (tops.length < 2) return null;
  // Pieces over the first row's top (a header whose first cell is empty) make a row of their own.
  const highest = byTop[0]!;
  if (highest.y > tops[0]! + highest.size * 0.3) tops.unshift(highest.y);
  const rowOf = (p: Piece) => {
    const k = tops.findIndex((t, i) => p.y <= t + p.size * 0.3 && (i === tops.length - 1 || p.y > tops[i + 1]! + p.size * 0.3));
    return Math.max(k, 0);
  };
  const cells: string[][] = tops.map(() => columns.map(() => ''));
  for (const p of byTop) {
    const [r, c] = [rowOf(p), columnOf(p)];
    cells[r]![c] = cells[r]![c] ? joinHyphenated(cells[r]![c]!, p.text, vocabulary) : p.text;
  }
  // A grid: rows of two cells or more, not one column of text beside a stray piece.
  const full = cells.filter((r) => r.filter(Boolean).length >= 2).length;
  if (full < 2 || full < tops.length * 0.5) return null;
  if (columns.some((_, c) => cells.every((r) => !r[c]))) return null;
  // (A row's empty cells at its end are not written: "Region A" is a row of one cell.)
  return cells.map((r) => {
    let end = r.length;
    while (end > 0 && !r[end - 1]) end--;
    return r.slice(0, end);
  });
}
