/** Text clean-up shared by the parsers: source escapes and Markdown out, display text in. */

const SUPERSCRIPT_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** Superscript digits used as footnote markers in the sources (`¹`, `²`, `¹²`). */
export const FOOTNOTE_MARKER = /[⁰¹²³⁴⁵⁶⁷⁸⁹]+/g;

export function superscriptToNumber(marker: string): number {
  let n = 0;
  for (const ch of marker) n = n * 10 + SUPERSCRIPT_DIGITS.indexOf(ch);
  return n;
}

/**
 * Display text: the extraction escapes Markdown-special characters (`\$`, `\(`) and marks
 * emphasis with `*…*`; readers should see neither. Whitespace is collapsed because page
 * joins and tabs leave runs of it.
 */
export function toDisplayText(raw: string): string {
  return raw
    .replace(/\\([\\`*_{}[\]()#+\-.!$%&<>|~])/g, '$1')
    .replace(/(^|[^\w*])\*{1,2}([^*\n]+?)\*{1,2}(?=[^\w*]|$)/g, '$1$2')
    .replace(/[ \t\u00a0]+/g, ' ')
    .trim();
}

/** Lower-case ASCII slug for ids: `Pacheco Pardo` → `pacheco-pardo`. */
export function slugify(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Comparison form used for matching names and titles across sources. */
export function foldForMatch(s: string): string {
  return slugify(s).replace(/-/g, ' ');
}

/** True when a paragraph ends where a sentence may end (so a page break after it is a real break). */
export function endsSentence(text: string): boolean {
  return /[.!?…:]["'”’)\]]*\s*$/.test(text.replace(FOOTNOTE_MARKER, ''));
}

/** A section title without its numbering: "5 Conclusion", "3.2. Methods", "VI. Conclusions" → the name. */
export function sectionName(section: string | null | undefined): string {
  return (section ?? '').replace(/^\s*(?:\d+(?:\.\d+)*\.?|[IVX]+\.)\s+/, '');
}

/** Optimal-string-alignment distance (Damerau: a swap of neighbours is one edit), or max + 1 if above max. */
export function editDistance(a: string, b: string, max = Infinity): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      row.push(d);
      rowMin = Math.min(rowMin, d);
    }
    rows.push(row);
    if (i > 0 && rowMin > max) return max + 1;
  }
  return Math.min(rows[a.length]![b.length]!, max + 1);
}
