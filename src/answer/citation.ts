import { citedName } from '../corpus/authors.js';
import type { Corpus, CorpusDocument, DocumentMeta, Paragraph } from '../corpus/types.js';

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

/** How an answer names a document in a sentence: "Irgengioro (2022), “Mongolia–Central Asia relations …”". */
export function documentLabel(meta: DocumentMeta): string {
  return `${authorLabel(meta)} (${meta.year}), “${meta.title}”`;
}

export function documentUrl(meta: DocumentMeta): string | null {
  return meta.doi ? `https://doi.org/${meta.doi}` : meta.url;
}

const documentMaps = new WeakMap<readonly CorpusDocument[], { size: number; byId: Map<string, CorpusDocument> }>();

/**
 * The corpus's document with this id (the first, as `documents.find` gives it), by a map made
 * once per list of documents (again if the list grew): every passage of an answer is cited,
 * and a search through 2,000 documents a citation was ~1.4 ms a question at ×1000 the corpus.
 */
export function documentById(corpus: Corpus, id: string): CorpusDocument | undefined {
  let map = documentMaps.get(corpus.documents);
  if (!map || map.size !== corpus.documents.length) {
    const byId = new Map<string, CorpusDocument>();
    for (const d of corpus.documents) if (!byId.has(d.meta.id)) byId.set(d.meta.id, d);
    documentMaps.set(corpus.documents, (map = { size: corpus.documents.length, byId }));
  }
  return map.byId.get(id);
}

export function citeParagraph(corpus: Corpus, paragraph: Paragraph): Citation {
  const meta = documentById(corpus, paragraph.documentId)!.meta;
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

/** `Irgengioro (2022), p. 7, ¶ irgengioro-2022/10`: a lead line's source, as the figures' lines give it. */
export function shortCitation(c: Citation): string {
  return [`${c.author} (${c.year})`, ...(c.page !== null ? [`p. ${c.page}`] : []), `¶ ${c.paragraphId}`].join(', ');
}
