import type { Line } from './pdf-lines.js';

/** Page layout: running headers/footers and page numbers, columns, reading order. */

/** `Page 3`, `3`, `- 3 -`, `3 of 12`: the printed page number, if the line is only that. */
function pageNumberOf(text: string): number | null {
  const m = /^(?:page\s+)?[-–]?\s*(\d{1,5})\s*[-–]?(?:\s+of\s+\d+)?$/i.exec(text.trim());
  return m ? Number(m[1]) : null;
}

export const shapeKey = (text: string) => text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();

/**
 * Removes running headers/footers and page numbers. Returns how the printed page numbers run:
 * page index + offset (1 when they are the physical page numbers), if enough pages say so.
 */
export function removeRunningLines(pages: Line[][], heights: number[]): { offset: number | null; removed: number; running: Set<string> } {
  const zone = (l: Line, h: number) => l.y > h * 0.9 || l.y < h * 0.1;
  const counts = new Map<string, number>();
  pages.forEach((lines, i) => {
    const keys = new Set(lines.filter((l) => zone(l, heights[i]!)).map((l) => `${shapeKey(l.text)}@${Math.round(l.y / 12)}`));
    for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  });
  const threshold = Math.max(2, Math.ceil(pages.length * 0.3));
  const offsets = new Map<number, number>();
  let removed = 0;
  /** The running lines' texts (page numbers aside), in shape: digits as `#`. */
  const running = new Set<string>();
  pages.forEach((lines, i) => {
    const keep: Line[] = [];
    for (const l of lines) {
      const inZone = zone(l, heights[i]!);
      const n = inZone ? pageNumberOf(l.text) : null;
      if (n !== null) offsets.set(n - i, (offsets.get(n - i) ?? 0) + 1);
      // A number alone in the margin, or a line repeated there on many pages.
      if (inZone && (n !== null || (counts.get(`${shapeKey(l.text)}@${Math.round(l.y / 12)}`) ?? 0) >= threshold)) {
        removed++;
        if (n === null) running.add(shapeKey(l.text));
        // A running header may carry the page number in it ("2272 Proceedings …", "Page 3 of 9").
        const embedded = /(?:^|\s)(\d{1,5})(?:\s|$)/.exec(l.text);
        if (n === null && embedded) offsets.set(Number(embedded[1]) - i, (offsets.get(Number(embedded[1]) - i) ?? 0) + 0.5);
        continue;
      }
      keep.push(l);
    }
    pages[i] = keep;
  });
  // A page may set its running header differently, in pieces (the Federal Register's first page:
  // "Federal Register", "Vol. 85, No. 152", "Thursday, August 6, 2020" stacked, each a piece of
  // "Federal Register / Vol. 85, No. 152 / Thursday, August 6, 2020 / Proposed Rules"): in the
  // page's head or foot, a piece of a running line is one too.
  const pieces = new Set([...running].filter((r) => /\s[/|•·]\s/.test(r)));
  if (pieces.size > 0) {
    pages.forEach((lines, i) => {
      const h = heights[i]!;
      pages[i] = lines.filter((l) => {
        const drop = (l.y > h * 0.85 || l.y < h * 0.1) && isRunningText(l.text, pieces);
        if (drop) removed++;
        return !drop;
      });
    });
  }
  const best = [...offsets.entries()].sort((a, b) => b[1] - a[1])[0];
  return { offset: best && best[1] >= Math.max(2, pages.length * 0.4) ? best[0] : null, removed, running };
}

/** Column boundaries of a page: centres of vertical gutters that few narrow lines cross. */
export function columnBoundaries(lines: Line[], bodySize: number): number[] {
  if (lines.length < 10) return [];
  const minX = Math.min(...lines.map((l) => l.x0));
  const maxX = Math.max(...lines.map((l) => l.x1));
  const width = maxX - minX;
  const narrow = lines.filter((l) => l.x1 - l.x0 < width * 0.62 && l.text.length > 3);
  const boundaries: number[] = [];
  // The gutter in a run of open x: the stretch fewest lines cross (its middle), so that a
  // column's ragged edge or a table reaching into the gutter is not taken for it.
  let run: { start: number; fewest: number; from: number; to: number } | null = null;
  for (let x = minX + width * 0.15; x <= maxX - width * 0.15; x += 1) {
    // Some lines may cross: a title block, author names, a caption (few beside the columns'
    // own lines), or a table or figure set over both columns in small print (more). They
    // become spanning lines.
    const across = narrow.filter((l) => l.x0 < x && l.x1 > x);
    const crossing = across.filter((l) => l.size >= bodySize * 0.9).length;
    const beside = Math.min(narrow.filter((l) => l.x1 <= x).length, narrow.filter((l) => l.x0 >= x).length);
    if (crossing <= Math.max(2, beside * 0.25) && across.length <= Math.max(2, beside * 0.5)) {
      run ??= { start: x, fewest: Infinity, from: x, to: x };
      if (across.length < run.fewest) run = { ...run, fewest: across.length, from: x, to: x };
      else if (across.length === run.fewest && run.to === x - 1) run.to = x;
    } else if (run !== null) {
      if (x - run.start >= bodySize * 0.6) boundaries.push((run.from + run.to) / 2);
      run = null;
    }
  }
  // A gutter needs real columns on both sides, not one short line: five lines each, or, on a
  // page of few lines (the Federal Register's page of figures, three columns of two short
  // paragraphs under them), three each, side by side on the same baselines three times or more.
  return boundaries.filter((b, i) => {
    const left = narrow.filter((l) => l.x1 <= b && (i === 0 || l.x0 >= boundaries[i - 1]!));
    const right = narrow.filter((l) => l.x0 >= b && (i === boundaries.length - 1 || l.x1 <= boundaries[i + 1]!));
    if (left.length >= 5 && right.length >= 5) return true;
    const sideBySide = right.filter((r) => left.some((l) => Math.abs(l.y - r.y) < Math.min(l.size, r.size) * 0.3)).length;
    return left.length >= 3 && right.length >= 3 && sideBySide >= 3;
  });
}

/** The page's lines in reading order: bands split by spanning lines or a strip empty across the page, columns left to right in each. */
export function readingOrder(lines: Line[], bodySize: number, grid: number[] = []): Line[] {
  let bounds = columnBoundaries(lines, bodySize);
  // A page of too few lines to show its columns (the Federal Register's pages of figures, two
  // lines of an item under them in each of two columns) is read in the document's own columns,
  // where its lines sit in them, none across a gutter: the gutters with lines on both sides.
  if (bounds.length === 0 && lines.length < 10 && !grid.some((b) => lines.some((l) => l.x0 < b - 2 && l.x1 > b + 2))) {
    bounds = grid.filter((b) => lines.some((l) => l.x1 <= b) && lines.some((l) => l.x0 >= b));
  }
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
  // A strip of the page with no text in any column, prose over and under it (a figure set across
  // the page as an image), closes the band too: the columns above it are read before those under
  // it. (Not a table's rows set far apart beside pictures of structures: "RXP407 … 1", "33RE … 0.85".)
  const prose = (near: Line[]) => near.some((x) => x.text.split(/\s+/).length >= 4);
  const emptyStrip = (i: number) => {
    const [over, under] = [sorted[i - 1]!, sorted[i]!];
    if (over.y - under.y <= bodySize * 6) return false;
    return prose(sorted.filter((x) => x.y >= over.y && x.y - over.y < bodySize * 2)) && prose(sorted.filter((x) => x.y <= under.y && under.y - x.y < bodySize * 2));
  };
  for (const [i, l] of sorted.entries()) {
    if (i > 0 && bounds.length > 0 && emptyStrip(i)) flush();
    if (l.spanning && bounds.length > 0) {
      flush();
      out.push(l);
    } else band[l.column]!.push(l);
  }
  flush();
  return out;
}


/**
 * Whether a line is (a part of) a running header or footer: the whole line, or one of the
 * pieces a header sets apart with " / ", " | " or " • " ("Federal Register / Vol. 85, No. 152 /
 * … / Proposed Rules": the first page prints "Proposed Rules" large, alone, and it is the
 * section of the journal, not the document's title).
 */
export function isRunningText(text: string, running: Set<string>): boolean {
  const key = shapeKey(text);
  if (!key) return false;
  // (A page number printed in the header is no part of it: "… / Notices 101".)
  const bare = (t: string) => t.replace(/^(?:#\s+)+|(?:\s+#)+$/g, '').trim();
  for (const r of running) {
    if (r === key || bare(r) === bare(key)) return true;
    if (r.split(/\s+[/|•·]\s+/).some((piece) => bare(piece) === bare(key))) return true;
  }
  return false;
}

/**
 * The columns most of a document's pages are set in (their gutters, to the nearest 5 pt), from
 * the pages with lines enough to show them; none when no set of gutters is the most common.
 */
export function documentColumns(pages: Line[][], bodySize: number): number[] {
  const counts = new Map<string, { n: number; bounds: number[] }>();
  for (const lines of pages) {
    const bounds = columnBoundaries(lines, bodySize);
    if (lines.length < 10 || bounds.length === 0) continue;
    const key = bounds.map((b) => Math.round(b / 5) * 5).join(' ');
    const c = counts.get(key) ?? { n: 0, bounds };
    c.n++;
    counts.set(key, c);
  }
  const ranked = [...counts.values()].sort((a, b) => b.n - a.n);
  return ranked[0] && ranked[0].n >= 2 && ranked[0].n > (ranked[1]?.n ?? 0) ? ranked[0].bounds : [];
}
