import { isOrganisation } from '../corpus/authors.js';
import type { DocumentMeta } from '../corpus/types.js';
import { authorLabel, documentUrl } from './citation.js';

/**
 * "How do I cite this?": a corpus document as a reference list entry (APA 7 style, the one
 * most social-science journals ask for) and as an in-text citation with the page of the
 * passage. Built from the metadata alone; a field the metadata lacks is left out, never guessed.
 */

/** "John Irgengioro" → "Irgengioro, J."; "Irgengioro, John" the same; an organisation whole. */
export function apaName(name: string): string {
  const trimmed = name.trim();
  if (isOrganisation(trimmed)) return trimmed;
  const [surname, given] = trimmed.includes(',')
    ? [trimmed.slice(0, trimmed.indexOf(',')).trim(), trimmed.slice(trimmed.indexOf(',') + 1).trim()]
    : [trimmed.split(/\s+/).pop()!, trimmed.split(/\s+/).slice(0, -1).join(' ')];
  const initials = given
    .split(/\s+/)
    .filter((w) => /^\p{Lu}/u.test(w))
    .map((w) => w.split('-').map((part) => `${part.charAt(0)}.`).join('-'))
    .join(' ');
  return initials ? `${surname}, ${initials}` : surname;
}

function apaAuthors(authors: readonly string[]): string {
  const names = authors.map(apaName);
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')}, & ${names[names.length - 1]}`;
}

export function apaReference(meta: DocumentMeta): string {
  const authors = apaAuthors(meta.authors);
  const year = meta.year ? `(${meta.year})` : '(n.d.)';
  const title = meta.title.replace(/[.\s]+$/, '');
  const venue = meta.venue ? ` ${meta.venue.replace(/[.\s]+$/, '')}.` : '';
  const link = documentUrl(meta);
  // (No author: the title takes the author's place, as APA has it.)
  const head = authors ? `${authors.replace(/\.$/, '')}. ${year}. ${title}.` : `${title}. ${year}.`;
  return `${head}${venue}${link ? ` ${link}` : ''}`;
}

/** "(Irgengioro, 2022, p. 12)". */
export function inTextCitation(meta: DocumentMeta, page: number | null): string {
  const who = authorLabel(meta).replace(/ and /g, ' & ');
  return `(${who}, ${meta.year || 'n.d.'}${page !== null ? `, p. ${page}` : ''})`;
}
