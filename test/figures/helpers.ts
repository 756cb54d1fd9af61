import type { Paragraph, TradeRow } from '../../src/corpus/types.js';

/** A paragraph as the corpus loader makes it, for extractor tests on copied real text. */
export function paragraph(id: string, page: number, text: string): Paragraph {
  const documentId = id.split('/')[0]!;
  return {
    id,
    documentId,
    ordinal: Number(id.split('/')[1]),
    text,
    section: null,
    topSection: null,
    page,
    role: 'body',
    footnotes: [],
    citations: [],
  };
}

export function row(partner: string, direction: TradeRow['direction'], year: number, valueText: string, valueUsd: number, goods: string[] = ['Textiles']): TradeRow {
  return {
    documentId: 'irgengioro-2022',
    partner,
    direction,
    year,
    valueUsd,
    valueText,
    goods,
    table: `Appendix: Mongolia–${partner} trade by year`,
    page: 25,
    line: `${year}\t${valueText}\t${goods.join(', ')}`,
  };
}
