import { type Line, withAccents } from './pdf-lines.js';

/**
 * Table regions on a page: rows of short cells set apart by wide gaps, or of figures. A table
 * read as lines of text would make a "paragraph" of numbers and column labels ("Random 4.8 9.4
 * 25.2 …"), which a search finds for any word of its header and a reader cannot use; so its
 * rows are kept apart, written as the corpus format writes tables (tab-separated cells), and
 * the paragraph it interrupted goes on after it.
 */

/** A gap between cells: wider than a word space stretched in justified print (≤ ~0.6 em). */
const CELL_GAP = 0.9;
const FIGURE = String.raw`[-+−–±~<>≤≥]?\s*[$€£]?\(?\d[\d.,]*\)?(?:\s*\/\s*\d[\d.,]*)?\s*(?:%|[KMB]|±\s*\d[\d.,]*)?[*†‡]{0,3}(?:\s*\(\s*\d[\d.,]*\s*[-–]\s*\d[\d.,]*\s*\))?`;
/**
 * A cell of figures: one ("84.2", "25k", "62%", "0.90 ± 0.06", a count of a whole "12 / 44", an
 * estimate with its interval "0.99 (0.96–1.03)") or several set close ("84.2 88.4 91.5"), or a dash.
 */
const NUMBER = new RegExp(`^${FIGURE}(?:\\s+${FIGURE})*$|^[-–—]$|^n\\/?a$`, 'i');

/** A cell as printed: its text and where it sits across the page. */
export interface CellSpan {
  text: string;
  x0: number;
  x1: number;
}

/**
 * The line's cells, left to right: pieces split where a gap is wider than CELL_GAP em, or, given
 * `columns` (the x ranges of a table's cells below), between runs the file gives apart over two
 * different columns (a header "Yes (%) No (%) Respondents" set closer than its columns are).
 */
export function cellSpansOf(line: Line, columns?: Array<[number, number]>): CellSpan[] {
  const runs = [...line.runs].sort((a, b) => a.x - b.x);
  const columnOf = (x0: number, x1: number) => {
    const overlaps = (columns ?? []).map(([a, b]) => Math.min(b, x1) - Math.max(a, x0));
    const best = Math.max(...overlaps);
    return best > 0 ? overlaps.indexOf(best) : -1;
  };
  const spans: CellSpan[] = [];
  let cell = '';
  let start = 0;
  let end = -Infinity;
  let inked = -Infinity;
  let spaced = false;
  let column = -1;
  const close = () => {
    if (cell.trim()) spans.push({ text: cell.trim(), x0: start, x1: end });
    cell = '';
  };
  for (const r of runs) {
    if (!r.str.trim()) {
      if (r.w >= line.size * CELL_GAP && cell.trim()) close();
      spaced = true;
      end = Math.max(end, r.x + r.w);
      continue;
    }
    const gap = r.x - end;
    const own = columnOf(r.x, r.x + r.w);
    // (Apart by more than a word space, even a spaced-out one: "ALL DEMENTIA", 0.63 em apart over
    // two columns, is one label; "Yes (%)" and "No (%)", 0.89 em apart, are two.)
    const otherColumn = own >= 0 && column >= 0 && own !== column && r.x - inked >= line.size * 0.75;
    if (cell.trim() && (gap >= line.size * CELL_GAP || otherColumn)) close();
    if (!cell.trim()) {
      start = r.x;
      column = -1;
    }
    cell += (cell && (spaced || gap > line.size * 0.15) && !/\s$/.test(cell) ? ' ' : '') + r.str;
    if (own >= 0) column = own;
    spaced = false;
    end = Math.max(end, r.x + r.w);
    inked = r.x + r.w;
  }
  close();
  // (Leader dots running a cell out to the next column, as the Federal Register sets its tables:
  // "AFM revisions ………", "$0 ………": not the cell's text.)
  return spans
    .map((c) => ({ ...c, text: withAccents(c.text.replace(/\s+/g, ' ').replace(/\s*\.{2,}$/u, '')) }))
    .filter((c) => c.text !== '');
}

/** The line's cells' texts, left to right. */
export function cellsOf(line: Line, columns?: Array<[number, number]>): string[] {
  return cellSpansOf(line, columns).map((c) => c.text);
}

export const isNumber = (cell: string) => NUMBER.test(cell.trim());

/** Whether a row reads as a table's rather than prose (or a numbered heading, "2   Model"). */
function rowLike(cells: string[], text: string): boolean {
  const numbers = cells.filter(isNumber).length;
  const words = text.split(/\s+/).filter(Boolean);
  const numericWords = words.filter((w) => /^[-+−(]?\d[\d.,]*\)?%?[,;]?$/.test(w)).length;
  if (cells.length === 2 && /^(?:\d+(?:\.\d+)*\.?|[A-Z]\.|[IVX]+\.)$/.test(cells[0]!) && !/\d/.test(cells[1]!)) return false;
  // Several short cells (column labels, a row of values).
  if (cells.length >= 3 && cells.every((c) => c.length <= 40) && cells.reduce((n, c) => n + c.length, 0) / cells.length <= 22) return true;
  // A label and figures ("SPECTER 84.2 88.4 91.5", "Hybrid 91.5 1990"; the label may be longer
  // where figures follow it: "Number of negative and very negative events 0.97 (0.92–1.02) …").
  const label = numbers >= 2 ? 60 : 40;
  if (cells.length >= 2 && numbers >= 1 && numbers >= cells.length - 1 && cells.every((c) => c.length <= label) && !/[.!?]$/.test(text)) return true;
  // Figures set with ordinary spaces: mostly numbers, at least three.
  return numericWords >= 3 && numericWords >= words.length * 0.5;
}

/**
 * Cells set apart on one baseline, three or more, whose columns are the row above's: a row of the
 * table, though a long label keeps it from reading as one ("Number of cardiovascular
 * diseases/disorders: mean, SD   0.8, SD = 0.9   0.9, SD = 0.9   0.1").
 */
function alignedRow(group: Line[], above: Line[]): boolean {
  if (group.length < 3 || above.length < 2) return false;
  const columns = above.slice(1).map((l) => l.x0);
  return group.slice(1).filter((l) => columns.some((x) => Math.abs(x - l.x0) < 3)).length >= 2;
}

/**
 * The lines of one page (in reading order) that belong to tables, each table as its rows of
 * cells. A row is a line, or lines side by side on one baseline (cells the file gives apart).
 * A table is at least two row-like rows one under another in one column or band, in the body's
 * print or smaller, with figures in it or three rows at least (a line of names set in columns
 * is a title block's); a single line of figures is a display formula or a caption's tail. Short
 * lines between two rows (a label wrapped onto a second line, a cell of several lines) are part of it.
 */
export function findTables(lines: Line[], bodySize: number): Array<{ lines: Line[]; rows: string[][] }> {
  const groups: Line[][] = [];
  for (const l of lines) {
    const g = groups[groups.length - 1];
    const last = g?.[g.length - 1];
    if (g && last && last.page === l.page && Math.abs(last.y - l.y) < Math.min(last.size, l.size) * 0.3 && l.x0 > last.x0) g.push(l);
    else groups.push([l]);
  }
  const cells = groups.map((g) => g.flatMap((l) => cellsOf(l)));
  const row = groups.map((g, i) => g.every((l) => l.size <= bodySize * 1.05) && rowLike(cells[i]!, g.map((l) => l.text).join(' ')));
  const top = (g: Line[]) => g[0]!;
  const near = (a: Line[], b: Line[]) => {
    const size = Math.max(top(a).size, top(b).size);
    return top(a).page === top(b).page && top(a).y - top(b).y < size * 3.2 && top(a).y - top(b).y > 0;
  };
  const tables: Array<{ lines: Line[]; rows: string[][] }> = [];
  let i = 0;
  while (i < groups.length) {
    if (!row[i]) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < groups.length && near(groups[j - 1]!, groups[j]!)) {
      if (row[j] || alignedRow(groups[j]!, groups[j - 1]!)) {
        j++;
        continue;
      }
      // Short lines between rows (a cell set on several lines: "p1 = 0.64935", "w0 = 0.08403"), up to the next row.
      let k = j;
      while (k < groups.length && k - j < 8 && !row[k] && cells[k]!.join(' ').length <= 40 && near(groups[k - 1]!, groups[k]!)) k++;
      if (k > j && k < groups.length && row[k] && near(groups[k - 1]!, groups[k]!)) j = k + 1;
      else break;
    }
    // A header of short labels just over the first row ("CS   Bio" over "Baseline 84.2 54.2"),
    // which no figures make a row of its own; stacked on up to three lines ("PARTICIPANTS /
    // WHO REMAINED / DEMENTIA-FREE" over each column).
    // (A header's labels may be set closer together than its columns: split over the columns of
    // the table's widest row.)
    const start = i;
    const widest = groups.slice(start, j).reduce((w, g) => (g.flatMap((l) => cellSpansOf(l)).length > w.length ? g.flatMap((l) => cellSpansOf(l)) : w), [] as CellSpan[]);
    const columns = widest.map((c) => [c.x0, c.x1] as [number, number]);
    const headerCells = (g: Line[]) => {
      const split = g.flatMap((l) => cellsOf(l, columns));
      return split.length > cells[groups.indexOf(g)]!.length && split.length <= columns.length ? split : cells[groups.indexOf(g)]!;
    };
    while (i > 0 && start - i < 3 && !row[i - 1] && near(groups[i - 1]!, groups[i]!)) {
      const header = headerCells(groups[i - 1]!);
      if (!(header.length >= 2 && header.every((c) => c.length <= 25 && !/[.!?]$/.test(c)))) break;
      cells[i - 1] = header;
      i--;
    }
    const rows = cells.slice(i, j);
    const rowCount = row.slice(i, j).filter(Boolean).length;
    const figures = rows.some((r) => r.some(isNumber));
    // Cells of words or figures, not a display formula's pieces ("{(", ")", "d"), and some label
    // in words: a figure's axis ticks ("0 0 0 0", "568.57 568.52") are not a table.
    const all = rows.flat();
    const real = all.filter((c) => c.replace(/[^\p{L}\d]/gu, '').length >= 2).length >= all.length * 0.6;
    const labelled = all.some((c) => /\p{L}{3}/u.test(c));
    if (rowCount >= 2 && (figures || rowCount >= 3) && real && labelled) tables.push({ lines: groups.slice(i, j).flat(), rows: figuresApart(rows) });
    i = j;
  }
  return tables;
}

/** A plain figure, one a column: "84.2", "36", "−0.5", "12%". */
const PLAIN = /^[-+−]?\d+(?:[.,]\d+)*%?$/;
/** A column label set in capitals: "CLS", "REC", "P@1", "F1". */
const CAPITALS = /^[\p{Lu}\d][\p{Lu}\d@.-]*$/u;

/**
 * Rows whose figures the file gives as one run with word spaces between them ("83.0 84.2" and
 * "84.1 36.4 76.0" under five columns; a long label set close to its figures, "SciBERT fine-tune
 * on co-citation 82.9 84.3 …"), one figure a cell, where that gives the rows of figures one
 * number of cells; and then the header's labels in capitals set the same way ("CLS USR CITE REC"
 * over four of those columns) split into words, where exactly one choice of its cells makes up the
 * count ("First 5" or "all agree" over one column stay whole).
 */
export function figuresApart(rows: string[][]): string[][] {
  const split = rows.map((row) =>
    row.flatMap((cell, k) => {
      const words = cell.split(' ');
      if (words.length >= 2 && words.every((w) => PLAIN.test(w))) return words;
      // (A label with its figures: the label's words first, two figures or more after them.)
      const tail = words.findIndex((_, n) => words.slice(n).every((w) => PLAIN.test(w)));
      if (k === 0 && tail > 0 && words.length - tail >= 2 && /\p{L}/u.test(words.slice(0, tail).join(' '))) return [words.slice(0, tail).join(' '), ...words.slice(tail)];
      return [cell];
    }),
  );
  const withFigures = split.map((r, k) => ({ r, k })).filter(({ r }) => r.filter((c) => PLAIN.test(c)).length >= 2);
  const counts = withFigures.map(({ r }) => r.length);
  const width = counts.sort((a, b) => counts.filter((n) => n === b).length - counts.filter((n) => n === a).length)[0];
  if (width === undefined || withFigures.filter(({ r }) => r.length === width).length < withFigures.length * 0.8) return rows;
  // Only rows set apart this way change, and only to the common width.
  const out = rows.map((r, k) => (split[k]!.length === width && r.length !== width && split[k]!.some((c) => PLAIN.test(c)) ? split[k]! : r));
  const first = withFigures[0]!.k;
  for (let h = 0; h < first; h++) {
    const header = out[h]!;
    const short = width - header.length;
    if (short <= 0) continue;
    // Cells of several labels in capitals, whose extra labels make up the count: one choice only.
    const choices: number[][] = [];
    const pick = (from: number, chosen: number[], sum: number) => {
      if (sum === short) choices.push(chosen);
      if (sum >= short) return;
      for (let c = from; c < header.length; c++) {
        const words = header[c]!.split(' ');
        // (Or three labels or more, each capitalised: "CLS USR CITE REC All".)
        const labels = words.every((w) => CAPITALS.test(w)) || (words.length >= 3 && words.every((w) => /^[\p{Lu}\d]/u.test(w)));
        const n = labels ? words.length - 1 : 0;
        if (n > 0) pick(c + 1, [...chosen, c], sum + n);
      }
    };
    pick(0, [], 0);
    if (choices.length !== 1) continue;
    const chosen = new Set(choices[0]!);
    out[h] = header.flatMap((c, k) => (chosen.has(k) ? c.split(' ') : [c]));
  }
  return out;
}

/**
 * A table of text: cells of sentences set side by side in small print ("Question & TL;DR
 * response | Response snippets", LongEval's Table 6), which reading order gives as lines of the
 * two columns in turn, each read as a paragraph of its own. Told by its lines: small print, in a
 * run the reading order interleaves between two or more left edges (lines of the columns on one
 * baseline, again and again), words not figures. Each cell becomes one paragraph (a cell ends at
 * a gap, a new label "Q:" or a new quotation), in the order of the rows; a bold first line across
 * the columns is the header, the column labels, and is left out.
 */
export function findTextTables(lines: Line[], bodySize: number): Array<{ lines: Line[]; paragraphs: string[] }> {
  const out: Array<{ lines: Line[]; paragraphs: string[] }> = [];
  const small = (l: Line) => l.size < bodySize * 0.92 && !/^(?:fig(?:ure)?|table)\.?\s*\d/i.test(l.text);
  let i = 0;
  while (i < lines.length) {
    if (!small(lines[i]!)) {
      i++;
      continue;
    }
    let j = i;
    while (j < lines.length && small(lines[j]!) && lines[j]!.page === lines[i]!.page) j++;
    const run = lines.slice(i, j);
    const table = textTable(run);
    if (table) out.push(table);
    i = j;
  }
  return out;
}

function textTable(run: Line[]): { lines: Line[]; paragraphs: string[] } | null {
  if (run.length < 8) return null;
  // Left edges, a couple of points apart at most ("“With …" and its next line at 205 and 206).
  const starts: number[] = [];
  for (const x of run.map((l) => l.x0).sort((a, b) => a - b)) if (!starts.length || x - starts[starts.length - 1]! > 3) starts.push(x);
  const columnOf = (l: Line) => starts.filter((s) => s <= l.x0 + 3).length - 1;
  const counts = starts.map((_, c) => run.filter((l) => columnOf(l) === c).length);
  const columns = counts.filter((n) => n >= 3).length;
  if (columns < 2) return null;
  // Interleaved: the reading order goes from one column to another and back many times, between
  // lines side by side (not overlapping across: a hanging indent's lines are one column), on one
  // baseline or the next.
  let switches = 0;
  for (let k = 1; k < run.length; k++) {
    const [a, b] = [run[k - 1]!, run[k]!];
    const apart = a.x1 <= b.x0 + 2 || b.x1 <= a.x0 + 2;
    if (columnOf(a) !== columnOf(b) && apart && Math.abs(b.y - a.y) < b.size * 1.6) switches++;
  }
  const words = run.map((l) => l.text).join(' ');
  const letters = words.replace(/[^\p{L}]/gu, '').length;
  if (switches < 6 || letters < words.replace(/\s/g, '').length * 0.7 || words.length / run.length < 20) return null;
  // A bold first line across the columns: the header.
  const [first] = run;
  const header = first!.bold && first!.x1 > (starts[1] ?? Infinity);
  const body = header ? run.slice(1) : run;
  const cells: Array<{ column: number; top: number; lines: Line[] }> = [];
  const open = new Map<number, { column: number; top: number; lines: Line[] }>();
  for (const l of [...body].sort((a, b) => b.y - a.y)) {
    const column = columnOf(l);
    const cell = open.get(column);
    const last = cell?.lines[cell.lines.length - 1];
    const startsCell =
      !cell ||
      !last ||
      last.y - l.y > l.size * 1.9 ||
      /^\p{Lu}[\p{L};&.]{0,6}:\s/u.test(l.text) ||
      (/^[“"]/.test(l.text) && /[”"][.)]*$/.test(last.text.trim()));
    if (startsCell) {
      const fresh = { column, top: l.y, lines: [l] };
      cells.push(fresh);
      open.set(column, fresh);
    } else cell.lines.push(l);
  }
  const paragraphs = cells
    .sort((a, b) => b.top - a.top || a.column - b.column)
    .map((c) => c.lines.reduce((text, l) => (/\p{L}-$/u.test(text) ? text.slice(0, -1) + l.text : `${text} ${l.text}`), '').trim())
    .filter((t) => t.replace(/[^\p{L}]/gu, '').length >= 12);
  return { lines: run, paragraphs };
}
