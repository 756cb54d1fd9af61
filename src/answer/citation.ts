import { citedName } from '../corpus/authors.js';
import type { Corpus, DocumentMeta, Paragraph } from '../corpus/types.js';

/** Everything a reader needs to find a passage in its source. */
export interface Citation {
  documentId: string;
  /** `Irgengioro`, `Miliate and Smith`, `Vinokurov et al.` */
  author: string;
  year: number;
  title: string;
  venue: string;
  section: string | null;
  page: number | null;
  paragraphId: string;
  /** DOI link, else the document's URL, else null. */
  url: string | null;
}

export function authorLabel(meta: DocumentMeta): string {
  // An explicit citation name wins; else surnames, and organisations whole (corpus/authors.ts).
  if (meta.citeAs) return meta.citeAs;
  const names = meta.authors.map(citedName);
  if (names.length === 1) return names[0]!;
  if (names.length === 2) return `${names[0]} and ${names[1]}`;
  return `${names[0]} et al.`;
}

export function documentUrl(meta: DocumentMeta): string | null {
  return meta.doi ? `https://doi.org/${meta.doi}` : meta.url;
}

export function citeParagraph(corpus: Corpus, paragraph: Paragraph): Citation {
  const meta = corpus.documents.find((d) => d.meta.id === paragraph.documentId)!.meta;
  return {
    documentId: meta.id,
    author: authorLabel(meta),
    year: meta.year,
    title: meta.title,
    venue: meta.venue,
    section: paragraph.section,
    page: paragraph.page,
    paragraphId: paragraph.id,
    url: documentUrl(meta),
  };
}

/** `Irgengioro (2022), “Title”, § Section, p. 7, ¶ irgengioro-2022/10` */
export function formatCitation(c: Citation): string {
  const parts = [`${c.author} (${c.year}), “${c.title}”`];
  if (c.section) parts.push(`§ ${c.section}`);
  if (c.page !== null) parts.push(`p. ${c.page}`);
  parts.push(`¶ ${c.paragraphId}`);
  return parts.join(', ');
}
