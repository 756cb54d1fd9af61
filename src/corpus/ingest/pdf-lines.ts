/** pdf.js text runs → lines: one baseline, no wide gap; small raised digits become footnote markers. */

export interface Run {
  str: string;
  x: number;
  y: number;
  w: number;
  size: number;
  bold: boolean;
}

export interface Line {
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

export const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const sup = (digits: string) => [...digits].map((d) => SUPERSCRIPT[Number(d)] ?? d).join('');
/** What a footnote is marked with: a number or a symbol (∗ † ‡ § ¶ in their usual order). */
export const FOOTNOTE_MARK = /^(?:\d{1,3}|[*∗†‡§¶]{1,2})$/;
export const BOLD_FONT = /bold|black|heavy|semibold|demi|[-,]medi|\.b$|-b$|cmbx/i;
/** A line or paragraph that ends a sentence (a footnote marker may follow). */
export const endsSentence = (s: string) => /[.!?:]["'”’)\]]*[⁰¹²³⁴⁵⁶⁷⁸⁹]*$/.test(s.trim());
export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : 0;
};

/**
 * The size most of a line's characters are set in: small capitals ("COARSE" as a large C
 * and smaller OARSE) or a symbol in another font do not make the line another size.
 */
function mainSize(line: Line): number {
  const chars = new Map<number, number>();
  for (const r of line.runs) {
    if (Math.abs(r.y - line.y) > r.size * 0.3) continue; // raised markers
    const n = r.str.replace(/\s/g, '').length;
    if (n > 0) chars.set(r.size, (chars.get(r.size) ?? 0) + n);
  }
  return [...chars.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? line.size;
}

/** Every size a line's own characters are set in (raised markers aside). */
export function sizesOf(line: Line): number[] {
  return [...new Set(line.runs.filter((r) => Math.abs(r.y - line.y) <= r.size * 0.3 && r.str.trim()).map((r) => r.size))];
}

/**
 * The size body text is set in: the one most characters of prose are, counting lines of a
 * few words (not table cells or labels) before the References (a long bibliography or
 * tables in small print can outweigh a short paper's body).
 */
export function bodySizeOf(pages: Line[][], isReferencesHeading: (text: string) => boolean): number {
  const lines = pages.flat();
  const total = lines.reduce((n, l) => n + l.text.length, 0);
  let seen = 0;
  const chars = new Map<number, number>();
  for (const l of lines) {
    if (isReferencesHeading(l.text) && seen > total * 0.3) break;
    seen += l.text.length;
    if (l.text.split(' ').length < 5) continue;
    chars.set(l.size, (chars.get(l.size) ?? 0) + l.text.length);
  }
  return [...chars.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 10;
}

/** Runs of one page grouped into lines, in content order, superscripts attached. */
export function buildLines(runs: Run[], page: number): Line[] {
  const lines: Line[] = [];
  let current: Line | null = null;
  const close = () => {
    if (current?.text.trim()) {
      // The line's baseline is its text's, not that of a larger sign it starts with (a bullet set
      // in 13 pt before 9 pt text, a little higher): its size and spacing are the text's.
      const [first, next] = current.runs.filter((r) => r.str.trim());
      const sign = first && next && first.str.trim().length === 1 && !/[\p{L}\d]/u.test(first.str);
      if (sign && first.size >= next.size * 1.2 && /\p{L}{2}/u.test(next.str)) current.y = next.y;
      lines.push({ ...current, size: mainSize(current) });
    }
    current = null;
  };
  for (const r of runs) {
    if (!r.str) continue;
    const c = current as Line | null;
    if (c) {
      const dy = r.y - c.y;
      const gap = r.x - c.x1;
      // A space pdf.js put before an accent for the pen moving back ("Reh", " ", "˚", "u", " ",
      // "ˇ", "rek" is "Řehůřek" less its capital's caron): no word space, the accent is the word's.
      if (/^[¨´ˆ˜˚˝ˇ¸]/u.test(r.str) && /\s$/.test(c.text) && Math.abs(dy) < c.size * 0.5) {
        const ink = Math.max(...c.runs.filter((x) => x.str.trim()).map((x) => x.x + x.w));
        if (r.x - ink <= c.size * 0.18) c.text = c.text.trimEnd();
      }
      // An accent struck over the letter already set (the Federal Register's "Age" + "ˆncia",
      // "Aviac" + "¸a" + "˜o"): it starts back inside that letter, so it is that letter's.
      if (/^[¨´ˆ˜˚˝ˇ¸]/u.test(r.str) && /\p{L}$/u.test(c.text) && Math.abs(dy) < c.size * 0.5 && gap < -c.size * 0.1 && gap > -c.size) {
        c.text = onLastLetter(c.text, r.str[0]!) + r.str.slice(1);
        c.runs.push(r);
        c.x1 = Math.max(c.x1, r.x + r.w);
        continue;
      }
      const raised = r.size < c.size * 0.85 && dy > 0 && dy < c.size * 0.7 && gap > -1 && gap < c.size;
      // A subscript in smaller print, which may start back under a sign set over the letter
      // before it (NAACL's "g", an arrow over it, "k" under the arrow): the line's, not a new one.
      const lowered = r.size < c.size * 0.85 && dy < 0 && dy > -c.size * 0.45 && gap > -c.size && gap < c.size;
      // (The letter after an accent starts back under it: "(", "ˇ", then "Reh" from under the caron.)
      const back = /[¨´ˆ˜˚˝ˇ¸]$/u.test(c.text) ? 1 : 0.5;
      const sameLine = Math.abs(dy) < Math.max(c.size, r.size) * 0.3 && gap > -c.size * back && gap < Math.max(c.size, r.size) * 1.5;
      if (raised || lowered || sameLine) {
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
  // A raised number (or ∗ † ‡) alone, then the footnote text on its baseline: one line, marker first.
  const merged: Line[] = [];
  for (const l of stitch(lines)) {
    // A rule drawn with characters (a table's dotted line under its header: "………"): no text,
    // and it would part the table's header from its rows.
    if (/^[.·…_\-–—=\s]{8,}$/u.test(l.text)) continue;
    const prev = merged[merged.length - 1];
    if (prev && FOOTNOTE_MARK.test(prev.text.trim()) && prev.size < l.size * 0.9 + 0.01 && prev.y - l.y > 0 && prev.y - l.y < l.size * 0.7 && l.x0 - prev.x1 < l.size && l.x0 >= prev.x0) {
      merged[merged.length - 1] = { ...l, text: withAccents(l.text), x0: prev.x0, leadMarker: prev.text.trim() };
      continue;
    }
    merged.push({ ...l, text: withAccents(bullets(l.text).replace(/\s+/g, ' ').trim()) });
  }
  return merged;
}

/**
 * A word set letter-spaced (tracked small capitals in a table's header: "P A R T I C I P A N T S",
 * "D E M E N T I A", "H R"), which pdf.js gives with a space between each letter: the word. Only a
 * run of single characters each apart by one space: three letters or digits at least, or capitals.
 */
export const unspaced = (str: string) =>
  /^(?:\S ){1,}\S$/u.test(str) && (/(?:[\p{L}\d].*){3}/u.test(str) || /^(?:\p{Lu} )+\p{Lu}$/u.test(str)) ? str.replace(/ /g, '') : str;

/**
 * TeX's bullet is glyph 15 of its symbol font (cmsy), which a file without a Unicode map for it
 * gives as the control character U+000F: before a list item's words it is the bullet "•". So is
 * any control character a symbol font gives at a line's start, before words (Clinical Science's
 * U+0002 before each of its Clinical Perspectives).
 */
export const bullets = (text: string) => text.replace(/\u000f(?=\s)/g, '•').replace(/^[\u0001-\u0008\u000e-\u001f](?=\s)/u, '•');

/**
 * TeX sets an accent as a glyph of its own before its letter ("F¨arber", "P´erez", "Mitrovi´c",
 * "˚A" for ångström): the accent and the letter become the one accented letter ("Färber").
 */
const ACCENTS: Record<string, string> = { '¨': '\u0308', '´': '\u0301', ˆ: '\u0302', '˜': '\u0303', '˚': '\u030a', '˝': '\u030b', ˇ: '\u030c', '¸': '\u0327' };
export function withAccents(text: string): string {
  // (An acute set for the apostrophe of a possessive, "Student´s", "ALZHEIMER´S", "authors´ roles"
  // — closed up on the word before it, a word space after it — is none: "Student’s", "authors’ roles".)
  return text
    .replace(/(?<=\p{L}) ?´ ?(?=[sS](?!\p{L}))/gu, '’')
    .replace(/(?<=\p{L})´(?= )/gu, '’').replace(/([¨´ˆ˜˚˝ˇ¸]) ?(\p{L})/gu, (_, accent: string, letter: string) => (letter + ACCENTS[accent]!).normalize('NFC'));
}

/** `accent` (a spacing accent, "¸") put on the last letter of `text`: "Aviac" → "Aviaç". */
function onLastLetter(text: string, accent: string): string {
  const letters = [...text];
  const last = letters.pop()!;
  return letters.join('') + (last + ACCENTS[accent]!).normalize('NFC');
}

/**
 * Pieces of one line that the content stream gave apart put back together: text set after a
 * formula, or a stacked sign ("+" over "−" for ±) between two halves. Same baseline (or a lone
 * sign near it), abutting: no more than a word space apart (a gutter or a table's cell gap is wider).
 */
function stitch(lines: Line[]): Line[] {
  const out: Line[] = [];
  for (const l of lines) {
    // Only the line just before in content order: that is where a stacked sign broke it.
    const into = out.slice(-1).find((o) => {
      const size = Math.max(o.size, l.size);
      const gap = l.x0 - o.x1;
      const sameBase = Math.abs(o.y - l.y) < size * 0.3 && Math.abs(o.size - l.size) < 1.5 && gap > -size * 0.3;
      const sign = l.text.trim().length <= 2 && !/[\p{L}\d]/u.test(l.text) && l.size <= o.size && Math.abs(o.y - l.y) < o.size * 0.6 && gap > -size;
      return (sameBase || sign) && gap < size * 0.35;
    });
    // A word set small over a sign between the two halves ("P¹ ≠ P³" with "cite" over the arrow,
    // given after the first half): the three are one line, the small word in its place.
    if (!into && out.length >= 2) {
      const mid = out[out.length - 1]!;
      const o = out[out.length - 2]!;
      const size = Math.max(o.size, l.size);
      const over = mid.size < o.size * 0.85 && mid.y > o.y && mid.y - o.y < o.size * 0.8 && mid.x0 >= o.x0 - 1 && mid.x1 <= l.x1 + size && mid.text.trim().length <= 12;
      if (over && Math.abs(o.y - l.y) < size * 0.3 && Math.abs(o.size - l.size) < 1.5 && l.x0 - o.x1 > -size && l.x0 - o.x1 < size * 0.35 && l.x0 > o.x0) {
        out.pop();
        o.text += ` ${mid.text}`;
        o.runs.push(...mid.runs);
        o.x1 = Math.max(o.x1, mid.x1);
        o.text += ` ${l.text}`;
        o.runs.push(...l.runs);
        o.x1 = Math.max(o.x1, l.x1);
        continue;
      }
    }
    if (!into) {
      out.push(l);
      continue;
    }
    into.text += (l.x0 - into.x1 > l.size * 0.18 ? ' ' : '') + l.text;
    into.runs.push(...l.runs);
    into.x1 = Math.max(into.x1, l.x1);
  }
  return out;
}
