import type { Corpus, Paragraph, TradeRow } from './types.js';

/**
 * A row of an Appendix trade table as a passage: what a figure read from the table is quoted
 * from, as a figure read from the text is quoted with its paragraph ("what goods did Mongolia
 * sell Kazakhstan in 2013?" shows the 2013 row, not a paragraph on 2019). Rows are not
 * searched (a row of names and amounts would win questions on the prose): they are made on
 * demand from `CorpusDocument.tables`, under ids of their own, and found by `paragraphById`
 * wherever an answer's passage is looked up again (the passage menu, "go on", "who said that?").
 */

/** `irgengioro-2022/table/kazakhstan-2013`: one id per printed row (both directions' cells). */
export function tableRowId(row: TradeRow): string {
  return `${row.documentId}/table/${row.partner.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-')}-${row.year}`;
}

const rowParagraphs = new WeakMap<Corpus, Map<string, Paragraph>>();

function rowsOf(corpus: Corpus): Map<string, Paragraph> {
  let rows = rowParagraphs.get(corpus);
  if (rows) return rows;
  rows = new Map();
  for (const doc of corpus.documents) {
    for (const row of doc.tables) {
      const id = tableRowId(row);
      if (rows.has(id) || !row.line) continue;
      // "Going on" from the row reads the document on after the table.
      const before = doc.paragraphs.filter((p) => p.page <= row.page).at(-1) ?? doc.paragraphs[0];
      rows.set(id, {
        id,
        documentId: doc.meta.id,
        ordinal: before?.ordinal ?? 0,
        // One line (a quote in Discord is one): the columns, then the row as printed.
        text: `${columnsOf(doc.tables, row)}: ${row.line}`,
        section: row.table,
        topSection: before?.topSection ?? null,
        page: row.page,
        role: 'table',
        footnotes: [],
        citations: [],
      });
    }
  }
  rowParagraphs.set(corpus, rows);
  return rows;
}

/** The row's columns, in the order printed: "Year · Mongolia exports to Kazakhstan (value, main goods) · …". */
function columnsOf(rows: readonly TradeRow[], row: TradeRow): string {
  const cells = row.line.split('\t');
  const ofYear = rows.filter((r) => r.table === row.table && r.year === row.year);
  const ordered = ofYear.sort((a, b) => cells.indexOf(a.valueText) - cells.indexOf(b.valueText));
  const flow = (r: TradeRow) => (r.direction === 'exports' ? `Mongolia exports to ${r.partner}` : `${r.partner} exports to Mongolia`);
  return ['Year', ...ordered.map((r) => `${flow(r)} (value, main goods)`)].join(' · ');
}

/** A table row's passage by its id, or undefined. */
export function tableRowParagraph(corpus: Corpus, id: string): Paragraph | undefined {
  return id.includes('/table/') ? rowsOf(corpus).get(id) : undefined;
}

/** A passage by id: a paragraph of the text, or a table row an answer quoted. */
export function paragraphById(corpus: Corpus, id: string): Paragraph | undefined {
  return corpus.paragraphsById.get(id) ?? tableRowParagraph(corpus, id);
}

/** The row printed after this one in its table ("go on" after a row), or undefined at the table's end. */
export function nextTableRow(corpus: Corpus, id: string): Paragraph | undefined {
  const row = tableRowParagraph(corpus, id);
  const doc = row && corpus.documents.find((d) => d.meta.id === row.documentId);
  if (!row || !doc) return undefined;
  const ids = [...new Set(doc.tables.filter((r) => r.table === row.section).map(tableRowId))];
  const next = ids[ids.indexOf(id) + 1];
  return next ? tableRowParagraph(corpus, next) : undefined;
}

/** Where a table row's passage highlights: its printed row, after the columns. */
export function rowLine(row: Paragraph): { start: number; end: number } {
  return { start: row.text.indexOf(': ') + 2, end: row.text.length };
}
