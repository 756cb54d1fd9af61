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
