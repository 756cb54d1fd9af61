import type { CorpusDocument, DocumentMeta, Paragraph } from '../../src/corpus/types.js';

/**
 * A document as the corpus loader makes it, for specs that need a corpus of their own: the
 * metadata given (the rest defaulted as an import without them would be), one paragraph per
 * text, numbered from 1.
 */
export function testDocument(
  meta: Partial<DocumentMeta> & { id: string },
  paragraphs: Array<string | { text: string; role?: Paragraph['role']; section?: string | null }>,
): CorpusDocument {
  const { id } = meta;
  return {
    meta: { file: `${id}.txt`, authors: ['Anonymous'], affiliations: [], title: 'Untitled', venue: '', year: 2020, date: '', doi: null, url: null, kind: 'article', ...meta },
    sections: [],
    paragraphs: paragraphs.map((p, i) => {
      const { text, role = 'body', section = null } = typeof p === 'string' ? { text: p } : p;
      return { id: `${id}/${i + 1}`, documentId: id, ordinal: i + 1, text, section, topSection: section, page: 1, role, footnotes: [], citations: [] };
    }),
    footnotes: [],
    tables: [],
    references: [],
    frontMatter: [],
    pageCount: 1,
  };
}
