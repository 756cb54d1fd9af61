import { joinHyphenated } from './hyphenation.js';
import { endsSentence, type Line } from './pdf-lines.js';

/** Reference lines → entries: at `[n]`/`n.` numbering, else where a line starts at the column edge (hanging indent). */
/** An entry numbered without a stop or brackets, "12 Lombard, M. N., …": its number, when one leads the line. */
const PLAIN_NUMBER = /^(\d{1,3})\s+(?=\p{Lu})/u;

export function splitReferences(lines: Line[], vocabulary: Set<string>): string[] {
  const entries: string[] = [];
  const numbered = lines.filter((l) => /^(\[\d+\]|\d{1,3}\.)\s/.test(l.text)).length >= Math.max(3, lines.length * 0.15);
  // Plainly numbered ("1 Acharya, K. R., …", numbers set right-aligned, so 1–9 sit further in than
  // 10 and on): the entries are told by their numbers counting up, not by the column's edge.
  const plain = lines.map((l) => Number(PLAIN_NUMBER.exec(l.text)?.[1] ?? Number.NaN)).filter((n) => !Number.isNaN(n));
  const counting = !numbered && plain.length >= Math.max(3, lines.length * 0.15) && plain.filter((n, i) => i > 0 && n === plain[i - 1]! + 1).length >= plain.length * 0.7;
  if (counting) {
    let expected = 1;
    for (const l of lines) {
      const n = Number(PLAIN_NUMBER.exec(l.text)?.[1] ?? Number.NaN);
      // The next number, or 1 again (a second list: the supplement's own references).
      if (n === expected || n === 1 || entries.length === 0) {
        entries.push(l.text.replace(PLAIN_NUMBER, ''));
        expected = (Number.isNaN(n) ? 0 : n) + 1;
      } else entries[entries.length - 1] = joinHyphenated(entries[entries.length - 1]!, l.text, vocabulary);
    }
    return entries.filter((e) => e.length > 15);
  }
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

