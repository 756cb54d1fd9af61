import { slugify, toDisplayText } from './text.js';
import type { Reference } from './types.js';

/**
 * Bibliography entries, one a line, in the loose author–date style of the source:
 *   `Artman, Vincent M. 2019. Title. *Venue* 74 (10): 17–39.`
 *   `Observatory of Economic Complexity “Title.” <url> (April 26, 2021c)`
 * Author(s) run up to the year (or to a quoted title, for organisations whose year comes
 * last); the title follows, in quotes or up to the next full stop; the venue is the first
 * italic span after it; the URL sits in angle brackets.
 */

const YEAR = /\b(1[89]\d\d|20\d\d)([a-z]?)\b/;
const QUOTE_PAIRS: Array<[string, string]> = [['“', '”'], ['"', '"'], ['‘', '’'], ["'", "'"]];

/**
 * A title in quotes ends at the closing quote that ends a sentence (`."`, `?”`) or is
 * followed by one (`”.`): apostrophes and quoted words inside a title are not its end.
 */
function quotedTitle(rest: string): { title: string; length: number } | null {
  for (const [open, close] of QUOTE_PAIRS) {
    if (!rest.startsWith(open)) continue;
    for (let i = rest.indexOf(close, 1); i > 0; i = rest.indexOf(close, i + 1)) {
      if (/[.?!,]/.test(rest[i - 1] ?? '') || /[.,]/.test(rest[i + 1] ?? '.')) {
        return { title: rest.slice(1, i), length: i + 1 };
      }
    }
  }
  return null;
}

export function parseReference(line: string, documentId: string): Omit<Reference, 'id'> {
  const rawLine = line.trim();
  const url = /<([^>]+)>/.exec(rawLine)?.[1] ?? null;
  const yearMatch = YEAR.exec(rawLine);
  const quoteAt = rawLine.search(/[“"]/);
  const urlAt = rawLine.indexOf('<');
  const cut = [yearMatch?.index ?? -1, quoteAt, urlAt].filter((i) => i > 0);
  const authorEnd = cut.length ? Math.min(...cut) : rawLine.length;
  const authors = toDisplayText(rawLine.slice(0, authorEnd)).replace(/[\s.,]+$/, '');

  let rest = rawLine.slice(authorEnd);
  if (yearMatch && yearMatch.index === authorEnd) rest = rest.slice(yearMatch[0].length);
  rest = rest.replace(/^[\s.,)]+/, '');

  let title: string;
  const quoted = quotedTitle(rest);
  if (quoted) {
    title = quoted.title;
    rest = rest.slice(quoted.length);
  } else if (rest.startsWith('*')) {
    const end = rest.indexOf('*', 1);
    title = rest.slice(1, end > 0 ? end : undefined);
    rest = end > 0 ? rest.slice(end + 1) : '';
  } else {
    // Up to the full stop (or question mark) that ends the title, not one inside "U.S." or an initial.
    const m = /^(.+?[a-z0-9)'’”"?])[.?]\s+(?=[*A-Z<])/.exec(rest);
    title = m ? m[1]! : rest.replace(/<[^>]+>/g, '');
    rest = m ? rest.slice(m[0].length) : '';
  }
  const venue = /\*([^*]+)\*/.exec(rest)?.[1] ?? null;

  return {
    documentId,
    authors,
    key: referenceKey(authors),
    year: yearMatch ? yearMatch[1]! + yearMatch[2]! : null,
    title: toDisplayText(title).replace(/[.,\s]+$/, ''),
    venue: venue ? toDisplayText(venue).replace(/[.,\s]+$/, '') : null,
    url,
    text: toDisplayText(rawLine.replace(/<([^>]+)>/g, '$1')),
  };
}

/**
 * The name an in-text citation uses: the first author's surname (`Artman, Vincent M.` →
 * `Artman`; `Pacheco Pardo, Ramon` → `Pacheco Pardo`), or an organisation's whole name.
 * A stray initial before the surname (`S, Starr`) is skipped.
 */
export function referenceKey(authors: string): string {
  const parts = authors.split(',').map((s) => s.trim()).filter(Boolean);
  const first = parts[0] ?? authors;
  if (first.length <= 2 && parts[1]) return parts[1].split(/\s+/)[0]!;
  return first;
}

export function parseReferences(lines: string[], documentId: string): Reference[] {
  const used = new Map<string, number>();
  return lines
    .filter((l) => l.trim().length > 0)
    .map((line) => {
      const entry = parseReference(line, documentId);
      const base = `${documentId}/ref/${slugify(entry.key)}-${entry.year ?? 'nd'}`;
      const n = (used.get(base) ?? 0) + 1;
      used.set(base, n);
      return { id: n === 1 ? base : `${base}-${n}`, ...entry };
    });
}
