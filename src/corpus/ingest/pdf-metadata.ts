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
  // An article-type label set over the title in its print ("Research Article") is not part of it.
  const label = titleLines.length > 1 && ARTICLE_TYPE.test(titleLines[0]!.text.trim()) ? 1 : 0;
  const pageTitle = titleLines.slice(label, label + 5).map((l) => l.text).join(' ').replace(/\s+/g, ' ').trim();
  if (plausible(infoTitle)) propose(draft, 'title', infoTitle, 'PDF info');
  propose(draft, 'title', pageTitle || undefined, 'first page (largest print)');

  const infoAuthor = typeof info.Author === 'string' ? info.Author.trim() : '';
  const infoAuthors = infoAuthor && /\p{L}{2}/u.test(infoAuthor) && !/^(admin|user|owner|author|unknown)/i.test(infoAuthor) ? splitAuthors(infoAuthor) : [];
  // The line(s) of names under the title.
  const afterTitle = first.slice(first.indexOf(titleLines[titleLines.length - 1]!) + 1);
  // Marks after names (digits, ∗ † ♠ ♢) separate the names as commas would.
  const asNames = (text: string) => text.replace(/[^\p{L}\s.'’,&-]+/gu, ',').replace(/\s*,[\s,]*/g, ', ').replace(/^[,\s]+|[,\s]+$/g, '');
  const isNameLine = (l: Line) => {
    const words = asNames(l.text).replace(/,/g, ' ').split(/\s+/).filter(Boolean);
    return words.length >= 2 && words.length <= 30 && words.filter((w) => /^\p{Lu}[\p{L}.'’-]*$/u.test(w) || /^(and|&|van|de|von|da)$/.test(w)).length >= words.length * 0.8;
  };
  const firstName = afterTitle.findIndex(isNameLine);
  const names: string[] = [];
  if (firstName >= 0) {
    for (const l of afterTitle.slice(firstName, firstName + 4)) {
      // Affiliations follow in smaller print, also in capitals: names are the size of the first line.
      if (!isNameLine(l) || Math.abs(l.size - afterTitle[firstName]!.size) > 0.3) break;
      names.push(asNames(l.text));
    }
  }
  // Surnames set in capitals ("Ross G. DOUGLAS") are cited as names are written.
  const pageAuthors = splitAuthors(names.join(', ')).map((n) => n.replace(/\b(\p{Lu})(\p{Lu}{2,})\b/gu, (_, a: string, b: string) => a + b.toLowerCase()));
  // The info's Author is often only the first author ("Nuala E. Tully {et al.}") or the
  // publisher ("Cambridge Journals"): then the names printed under the title say more.
  const infoShort =
    /\bet al\b/i.test(infoAuthor) ||
    PUBLISHER.test(infoAuthor) ||
    (infoAuthors.length === 1 && pageAuthors.length > 1 && pageAuthors[0]!.toLowerCase() === infoAuthors[0]!.toLowerCase());
  if (!infoShort) propose(draft, 'authors', infoAuthors, 'PDF info');
  propose(draft, 'authors', pageAuthors, 'first page (names under the title)');

  propose(draft, 'doi', findDoi(firstText) ?? (typeof info.Subject === 'string' ? findDoi(info.Subject) : undefined), 'first page');
  const copyright = /(?:©|\(c\)|copyright)\s*((?:19|20)\d\d)/i.exec(firstText);
  const dated = findDate(firstText);
  const h = Math.max(...first.map((l) => l.y), 1) / 0.92;
  // A venue is printed in the page's head or foot, not in its body text: a citation line
  // ("International Psychogeriatrics (2014), 26:1, 147–154") or a line naming a journal or
  // proceedings (the word capitalised, not "this review included"), outermost first.
  const margin = first.filter((l) => (l.y > h * 0.8 || l.y < h * 0.15) && l.text.length < 160 && !titleLines.includes(l));
  const outermost = [...margin].sort((a, b) => Math.abs(b.y - h / 2) - Math.abs(a.y - h / 2));
  const venueLine = outermost.find((l) => CITATION_LINE.test(l.text)) ?? outermost.find((l) => VENUE_WORD.test(titleCased(l.text)) && !AFFILIATION.test(l.text));
  const venueYear = venueLine ? /\b((?:19|20)\d\d)\b/.exec(venueLine.text)?.[1] : undefined;
  if (dated) propose(draft, 'date', dated.date, 'first page');
  const year = venueYear ?? copyright?.[1] ?? (dated ? String(dated.year) : undefined) ?? (typeof info.CreationDate === 'string' ? /^D:(\d{4})/.exec(info.CreationDate)?.[1] : undefined);
  if (year) propose(draft, 'year', Number(year), venueYear ? 'first page (venue line)' : copyright ? 'first page (©)' : dated ? 'first page' : 'PDF creation date');
  if (venueLine) propose(draft, 'venue', venueName(venueLine.text), 'first page');
  // The info's Subject may be the citation ("Journal of … 2010 4:1. doi:…") or a field of study.
  const subject = typeof info.Subject === 'string' ? info.Subject : '';
  propose(draft, 'venue', VENUE_WORD.test(subject) ? venueName(subject) : undefined, 'PDF info');
}

const ARTICLE_TYPE = /^(?:(?:original|research|review|short|brief|case)\s+)?(?:article|paper|communication|report|letter)$|^(?:review|editorial|commentary|research)$/i;
const PUBLISHER = /\b(?:journals|press|publishing|publishers|elsevier|springer|wiley)\b/i;
const AFFILIATION = /\b(?:University|Department|Faculty|School|Institute|Centre|Center)\b/;
const VENUE_WORD = /\b(?:Proceedings|Journal|Review|Research|Transactions|Letters|Annals|Bulletin|Register|Conference|Practice|Science)\b/;
/** Journal (year), volume:issue, pages — the way a journal prints its own citation. */
const CITATION_LINE = /^\p{Lu}[\p{L} &.-]+?,?\s*\(?(?:19|20)\d\d\)?,?\s+\d+(?:\s*:\s*\d+|\s*\(\d+\))?,\s*(?:\d+\s*[–-]\s*\d+|\d+)/u;
/** "FEDERAL REGISTER" reads as "Federal Register" for the venue words. */
const titleCased = (t: string) => t.replace(/\b(\p{Lu})(\p{Lu}+)\b/gu, (_, a: string, b: string) => a + b.toLowerCase());

/**
 * The venue's name out of the line that carries it: without a running author ("Agyeman-Duah
 * et al."), the year and volume, pages, DOI, or what follows a " / " or a "(Printed in …)".
 */
function venueName(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/^\p{Lu}[\p{L}'’-]+(?:\s(?:and|&)\s\p{Lu}[\p{L}'’-]+)?\set al\.?\s*/u, '')
    .replace(/\s*\/.*$/, '')
    .replace(/,?\s*pages\s+\d+.*$/i, '')
    .replace(/[\s,.;]*doi:?.*$/i, '')
    .replace(/,?\s*\(?(?:19|20)\d\d\)?[,;:.]?\s+\d.*$/, '')
    .replace(/[\s,.;:]+$/, '')
    .trim();
}
