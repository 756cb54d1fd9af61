/**
 * The parsed corpus: what every later stage (index, answers, figures, renderers) reads.
 * Nothing here knows about search or Discord.
 */

/** Metadata kept beside each text as `corpus/<id>.json` (validated in `manifest.ts`). */
export interface DocumentMeta {
  /** Stable slug, e.g. `irgengioro-2022`; prefix of every paragraph id. */
  id: string;
  file: string;
  authors: string[];
  affiliations: string[];
  title: string;
  /** The journal, site or publisher; "" when the source names none. */
  venue: string;
  year: number;
  /** Free-text date as the source gives it. */
  date: string;
  doi: string | null;
  url: string | null;
  kind: string;
  /** How citations name the author when the rule in `authors.ts` would not ("Miliate and Smith"). */
  citeAs?: string;
  /**
   * The page number printed on each page of the source, in order (a PDF's page labels or
   * its printed folios, e.g. 2270, 2271…): paragraphs then cite the printed page, as a
   * reader holding the paper would. Absent: pages are counted from 1.
   */
  pageLabels?: string[];
  /**
   * The file `npm run add` imported it from (relative to the corpus folder). Such a text marks
   * every heading it has (`# `): one with none has none, and no line is guessed to be one.
   */
  source?: string;
}

export interface Section {
  /** Index within the document, in reading order. */
  index: number;
  title: string;
  /** Heading level: 1 for top-level headings, 2 for run-in sub-headings ending in ':'. */
  level: number;
  /** Title of the enclosing level-1 section, for sub-headings. */
  parent: string | null;
  /** Paragraph ids in this section, in order. */
  paragraphIds: string[];
}

export interface Footnote {
  /** The marker as printed: `¹`, `²`, … */
  marker: string;
  /** The marker as a number (1, 2, …). */
  number: number;
  text: string;
  page: number;
}

/** An in-text citation such as `(Pieper 2020b, p.2)` linked to its bibliography entry. */
export interface CitationLink {
  /** Exactly as it appears in the paragraph, e.g. `Pieper, 2020b, p.2`. */
  raw: string;
  /** Bibliography entry id (`irgengioro-2022/ref/pieper-2020b`), or null if unresolved. */
  referenceId: string | null;
  /** Page locator as written (`p.2`, `p.131–133`), if any. */
  locator: string | null;
}

export interface Paragraph {
  /** Stable, human-readable id: `<documentId>/<n>`, n counting from 1 in reading order. */
  id: string;
  documentId: string;
  /** 1-based position among the document's paragraphs. */
  ordinal: number;
  /** Display text: `\$` unescaped, Markdown emphasis removed, footnote markers kept. */
  text: string;
  /** Section title (level-2 sub-heading when present), or null before the first heading. */
  section: string | null;
  /** Level-1 section title this paragraph falls under. */
  topSection: string | null;
  /** 1-based page of the source on which the paragraph starts (page breaks counted). */
  page: number;
  /** `abstract`, `body`, `caption` (table/figure captions, notes), `table` (a table row as a passage: corpus/tableRows.ts). */
  role: 'abstract' | 'body' | 'caption' | 'table';
  /** Footnotes whose markers appear in this paragraph. */
  footnotes: Footnote[];
  citations: CitationLink[];
}

export type TradeDirection = 'exports' | 'imports';

/**
 * One cell pair of an Appendix trade table, seen from Mongolia: `exports` is Mongolia's
 * exports to the partner, `imports` is the partner's exports to Mongolia.
 */
export interface TradeRow {
  documentId: string;
  partner: string;
  direction: TradeDirection;
  year: number;
  /** Value in US dollars, as a number (`$7.14 M` → 7_140_000). */
  valueUsd: number;
  /** The value as the source prints it, unescaped: `$7.14 M`, `$616 K`. */
  valueText: string;
  /** Main goods, one entry per comma-separated item, as printed. */
  goods: string[];
  /** Caption of the table the row comes from. */
  table: string;
  page: number;
  /** The whole row as printed (both directions' cells), cells tab-separated, unescaped: the quote a table figure is read from. */
  line: string;
}

export interface Reference {
  /** `<documentId>/ref/<first-author-surname>-<year><letter>` (lower-case, ascii). */
  id: string;
  documentId: string;
  /** Author(s) as printed (may be an organisation). */
  authors: string;
  /** Surname of the first author or the organisation name; used for linking. */
  key: string;
  /** Year as printed, with its letter: `2020b`; null when the entry has none. */
  year: string | null;
  title: string;
  venue: string | null;
  url: string | null;
  /** The whole entry, unescaped, Markdown removed. */
  text: string;
}

export interface CorpusDocument {
  meta: DocumentMeta;
  sections: Section[];
  paragraphs: Paragraph[];
  footnotes: Footnote[];
  tables: TradeRow[];
  references: Reference[];
  /** Lines that were metadata, not passages (title block, e-mail, copyright…). */
  frontMatter: string[];
  pageCount: number;
}

export interface Corpus {
  documents: CorpusDocument[];
  /** All paragraphs of all documents, by id. */
  paragraphsById: Map<string, Paragraph>;
  referencesById: Map<string, Reference>;
}
