import { propose, type Draft } from './draft.js';
import { findDate, findDoi, splitAuthors } from './metadata.js';
import { isRunningText } from './pdf-layout.js';
import type { Line } from './pdf-lines.js';

/** A PDF's metadata: its info dictionary, then what its first page prints. */

export async function readMetadata(doc: { getMetadata(): Promise<{ info: unknown }> }, pages: Line[][], draft: Draft, running: Set<string> = new Set()): Promise<void> {
  const info = ((await doc.getMetadata().catch(() => ({ info: {} }))).info ?? {}) as Record<string, unknown>;
  const first = pages[0] ?? [];
  const firstText = first.map((l) => l.text).join('\n');
  const infoTitle = typeof info.Title === 'string' ? info.Title.trim() : '';
  const plausible = (t: string) => t.length >= 10 && /\s/.test(t) && t.replace(/[^\p{L}]/gu, '').length >= t.length * 0.6 && !/^(microsoft|untitled|doi|slide|powerpoint)|\.(docx?|pdf|tex|dvi|indd)$/i.test(t);

  const titleLines = pageTitleLines(first, running);
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
  // The names come right under the title (after perhaps a subtitle or a date line), not anywhere on the page.
  // A labelled field ("AGENCY: …") starts the text: no names before it are to be found further on.
  const fieldAt = afterTitle.findIndex((l) => FIELD_LABEL.test(l.text));
  const firstName = afterTitle.slice(0, fieldAt >= 0 ? Math.min(4, fieldAt) : 4).findIndex(isNameLine);
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
  // A government notice names its issuer in a field ("AGENCY: Federal Aviation Administration (FAA), DOT.").
  const issuer = /(?:^|\n)(?:agency|issued by|prepared by|author\(?s?\)?)\s*:\s*([^\n]+(?:\n[^\n:]+)?)/i.exec(firstText)?.[1];
  const issuerName = issuer?.replace(/\s+/g, ' ').split(/\s*[(,;.]/)[0]?.trim();
  propose(draft, 'authors', issuerName && /\p{L}{3}/u.test(issuerName) ? [issuerName] : undefined, 'first page (agency)');

  propose(draft, 'doi', findDoi(firstText) ?? (typeof info.Subject === 'string' ? findDoi(info.Subject) : undefined), 'first page');
  const copyright = /(?:©|\(c\)|copyright)\s*((?:19|20)\d\d)/i.exec(firstText);
  // The publication date where the page says so ("Published 5 June 2017", "Published: 6 January
  // 2010"), not the first date printed (often the date received).
  const published = /\bpublished(?:\s+online)?\s*:?\s*([^\n]{0,40})/i.exec(firstText)?.[1];
  const history = /\b(?:received|accepted|revised|submitted|revision requested)\b[^;]{0,40}/gi;
  const dated = (published ? findDate(published) : null) ?? findDate(firstText.replace(history, ''));
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
  // The article's citation of itself ("How to cite this article Webb et al. (2017), VESPA: … .
  // PeerJ Comput. Sci. 3:e118"): the journal follows the title, before its volume.
  const title = draft.proposed.title ?? pageTitle;
  propose(draft, 'venue', title ? venueAfterTitle(first, titleLines, title) : undefined, 'first page (how to cite)');
  // The info's Subject may be the citation ("Journal of … 2010 4:1. doi:…") or a field of study.
  const subject = typeof info.Subject === 'string' ? info.Subject : '';
  propose(draft, 'venue', VENUE_WORD.test(subject) ? venueName(subject) : undefined, 'PDF info');
}

/**
 * The title's lines on the first page: the block (lines set right under each other in one
 * print) in the largest print, the longest when that print has several, leaving out what runs
 * on every page ("Proposed Rules" from "Federal Register / … / Proposed Rules") and what has no
 * words (a page number). When nothing is larger than the body, a bold block in the page's upper
 * half in body print (a notice's subject, "Airworthiness Directives; The Boeing Company Airplanes").
 */
function pageTitleLines(first: Line[], running: Set<string>): Line[] {
  const candidates = first.filter((l) => l.text.length > 3 && /\p{L}{3}/u.test(l.text) && !isRunningText(l.text, running));
  if (candidates.length === 0) return [];
  const chars = new Map<number, number>();
  for (const l of first) chars.set(l.size, (chars.get(l.size) ?? 0) + l.text.length);
  const body = [...chars.entries()].sort((a, b) => b[1] - a[1])[0]![0];
  // The page's height, about: its top line sits in the top tenth.
  const height = Math.max(...first.map((l) => l.y)) / 0.92;
  const blocksOf = (lines: Line[]) => {
    const blocks: Line[][] = [];
    for (const l of lines) {
      const last = blocks[blocks.length - 1]?.at(-1);
      if (last && last.y - l.y > 0 && last.y - l.y < l.size * 1.6) blocks[blocks.length - 1]!.push(l);
      else blocks.push([l]);
    }
    return blocks;
  };
  const letters = (b: Line[]) => b.reduce((n, l) => n + l.text.replace(/[^\p{L}]/gu, '').length, 0);
  const longest = (blocks: Line[][]) => blocks.reduce((a, b) => (letters(b) > letters(a) ? b : a));
  const maxSize = Math.max(...candidates.map((l) => l.size));
  if (maxSize > body + 0.3) return longest(blocksOf(candidates.filter((l) => l.size >= maxSize - 0.3)));
  const bold = candidates.filter((l) => l.bold && l.size >= body - 0.3 && l.y > height * 0.45 && l.text.split(' ').length >= 2);
  return bold.length > 0 ? longest(blocksOf(bold)) : [];
}

/** `AGENCY :`, `ACTION:` — a field's label in capitals. */
const FIELD_LABEL = /^\p{Lu}{2,}(?:\s\p{Lu}{2,})*\s?:/u;

/** The journal named after the title where the first page cites the article itself, before its volume. */
function venueAfterTitle(first: Line[], titleLines: Line[], title: string): string | undefined {
  const norm = (t: string) => t.replace(/\s+/g, ' ').trim();
  const text = norm(first.filter((l) => !titleLines.includes(l)).map((l) => l.text).join(' '));
  const at = text.toLowerCase().indexOf(norm(title).toLowerCase());
  if (at < 0) return undefined;
  const after = text.slice(at + norm(title).length);
  const m = /^["”’]?[.,]?["”’]?\s+(\p{Lu}[\p{L}&.' -]{2,80}?\.?),?\s+(?:\d+\s*[:(,]|vol\b)/iu.exec(after);
  return m ? m[1]!.trim() : undefined;
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
