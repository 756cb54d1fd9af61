import { joinHyphenated } from './hyphenation.js';
import { endsSentence, type Line } from './pdf-lines.js';

/** Reference lines → entries: at `[n]`/`n.` numbering, else where a line starts at the column edge (hanging indent). */
export function splitReferences(lines: Line[], vocabulary: Set<string>): string[] {
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

