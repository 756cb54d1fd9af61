import { propose, type Draft } from './draft.js';
import { findDate, findDoi, splitAuthors } from './metadata.js';
import type { Line } from './pdf-lines.js';

/** A PDF's metadata: its info dictionary, then what its first page prints. */

export async function readMetadata(doc: { getMetadata(): Promise<{ info: unknown }> }, pages: Line[][], draft: Draft): Promise<void> {
  const info = ((await doc.getMetadata().catch(() => ({ info: {} }))).info ?? {}) as Record<string, unknown>;
  const first = pages[0] ?? [];
  const firstText = first.map((l) => l.text).join('\n');
  const infoTitle = typeof info.Title === 'string' ? info.Title.trim() : '';
  const plausible = (t: string) => t.length >= 10 && /\s/.test(t) && t.replace(/[^\p{L}]/gu, '').length >= t.length * 0.6 && !/^(microsoft|untitled|doi|slide|powerpoint)|\.(docx?|pdf|tex|dvi|indd)$/i.test(t);

  // The title on the page: the largest print in the upper half (perhaps on two lines).
  const upper = first.filter((l) => l.text.length > 3 && /\p{L}{3}/u.test(l.text));
  const maxSize = Math.max(0, ...upper.map((l) => l.size));
  // The title's lines: the first in that print and those set right under it.
  const titleLines = upper.filter((l) => l.size >= maxSize - 0.3).filter((l, i, all) => i === 0 || all[i - 1]!.y - l.y < l.size * 1.6);
  const pageTitle = titleLines.slice(0, 5).map((l) => l.text).join(' ').replace(/\s+/g, ' ').trim();
  if (plausible(infoTitle)) propose(draft, 'title', infoTitle, 'PDF info');
  propose(draft, 'title', pageTitle || undefined, 'first page (largest print)');

  const infoAuthor = typeof info.Author === 'string' ? info.Author.trim() : '';
  if (infoAuthor && /\p{L}{2}/u.test(infoAuthor) && !/^(admin|user|owner|author|unknown)/i.test(infoAuthor)) propose(draft, 'authors', splitAuthors(infoAuthor), 'PDF info');
  // Else the line(s) of names under the title.
  const afterTitle = first.slice(first.indexOf(titleLines[titleLines.length - 1]!) + 1);
  // Marks after names (digits, ∗ † ♠ ♢) separate the names as commas would.
  const asNames = (text: string) => text.replace(/[^\p{L}\s.'’,&-]+/gu, ',').replace(/\s*,[\s,]*/g, ', ').replace(/^[,\s]+|[,\s]+$/g, '');
  const isNameLine = (l: Line) => {
    const words = asNames(l.text).replace(/,/g, ' ').split(/\s+/).filter(Boolean);
    return words.length >= 2 && words.length <= 30 && words.filter((w) => /^\p{Lu}[\p{L}.'’-]*$/u.test(w) || /^(and|&|van|de|von|da)$/.test(w)).length >= words.length * 0.8;
  };
  const firstName = afterTitle.findIndex(isNameLine);
  if (firstName >= 0) {
    const names: string[] = [];
    for (const l of afterTitle.slice(firstName, firstName + 4)) {
      // Affiliations follow in smaller print, also in capitals: names are the size of the first line.
      if (!isNameLine(l) || Math.abs(l.size - afterTitle[firstName]!.size) > 0.3) break;
      names.push(asNames(l.text));
    }
    propose(draft, 'authors', splitAuthors(names.join(', ')), 'first page (names under the title)');
  }

  propose(draft, 'doi', findDoi(firstText) ?? (typeof info.Subject === 'string' ? findDoi(info.Subject) : undefined), 'first page');
  const copyright = /(?:©|\(c\)|copyright)\s*((?:19|20)\d\d)/i.exec(firstText);
  const dated = findDate(firstText);
  const h = Math.max(...first.map((l) => l.y), 1) / 0.92;
  // A venue is printed in the page's head or foot, not in its body text.
  const venueLine = first.find((l) => (l.y > h * 0.8 || l.y < h * 0.15) && /\b(proceedings|journal|review|research|transactions|letters|annals|bulletin|register|conference|practice|science)\b/i.test(l.text) && l.text.length < 160 && l !== titleLines[0]);
  const venueYear = venueLine ? /\b((?:19|20)\d\d)\b/.exec(venueLine.text)?.[1] : undefined;
  if (dated) propose(draft, 'date', dated.date, 'first page');
  const year = venueYear ?? copyright?.[1] ?? (dated ? String(dated.year) : undefined) ?? (typeof info.CreationDate === 'string' ? /^D:(\d{4})/.exec(info.CreationDate)?.[1] : undefined);
  if (year) propose(draft, 'year', Number(year), venueYear ? 'first page (venue line)' : copyright ? 'first page (©)' : dated ? 'first page' : 'PDF creation date');
  if (venueLine) propose(draft, 'venue', venueLine.text.replace(/,?\s*pages\s+\d+.*$/i, '').replace(/\s+/g, ' ').trim(), 'first page');
  propose(draft, 'venue', typeof info.Subject === 'string' && info.Subject.length > 3 && !findDoi(info.Subject) ? info.Subject : undefined, 'PDF info');
}
