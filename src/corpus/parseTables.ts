import { toDisplayText } from './text.js';
import type { TradeDirection, TradeRow } from './types.js';

/**
 * Appendix trade tables: tab-separated, a header naming both directions
 * ("Mongolia exports to Kazakhstan … Kazakhstan exports to Mongolia"), then rows of
 * `year, value, goods, value, goods`. A table may be split across pages; the second part
 * repeats the header or, if it does not, reuses the last one.
 */

export interface TableHeader {
  partner: string;
  /** Direction of the first and second value columns. */
  columns: [TradeDirection, TradeDirection];
}

const HOME = 'Mongolia';

/** Reads the direction columns from a header line, in the order they are printed. */
export function parseTableHeader(line: string): TableHeader | null {
  const text = toDisplayText(line.replace(/\^[a-z]\b/g, ''));
  const outgoing = new RegExp(`${HOME} exports to ([\\p{Lu}][\\p{L}-]+)`, 'iu').exec(text);
  const incoming = new RegExp(`([\\p{Lu}][\\p{L}-]+) exports to ${HOME}`, 'iu').exec(text);
  if (!outgoing || !incoming) return null;
  const partner = outgoing[1]!;
  return {
    partner,
    columns: outgoing.index < incoming.index ? ['exports', 'imports'] : ['imports', 'exports'],
  };
}

const MONEY = /^\$?\s*([\d.,]+)\s*([KMB]|thousand|million|billion)?$/i;
const SCALE: Record<string, number> = { k: 1e3, thousand: 1e3, m: 1e6, million: 1e6, b: 1e9, billion: 1e9 };

/** `$7.14 M` → 7 140 000; `$616 K` → 616 000. Rounded to whole dollars to undo float noise. */
export function parseTableMoney(cell: string): number | null {
  const m = MONEY.exec(toDisplayText(cell).replace(/^US/, ''));
  if (!m) return null;
  const n = Number(m[1]!.replace(/,/g, ''));
  if (!Number.isFinite(n)) return null;
  return Math.round(n * (m[2] ? SCALE[m[2].toLowerCase()]! : 1));
}

/** Splits a goods cell on commas outside parentheses: `A (x, y), B` → [`A (x, y)`, `B`]. */
export function splitGoods(cell: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of toDisplayText(cell)) {
    if (ch === '(') depth++;
    if (ch === ')') depth = Math.max(0, depth - 1);
    if (ch === ',' && depth === 0) {
      items.push(current);
      current = '';
    } else current += ch;
  }
  items.push(current);
  return items.map((s) => s.trim()).filter((s) => s.length > 0);
}

export function parseTradeTable(
  lines: string[],
  previousHeader: TableHeader | null,
  context: { documentId: string; section: string; page: number },
): { header: TableHeader | null; rows: TradeRow[] } {
  let header: TableHeader | null = null;
  const rows: TradeRow[] = [];
  for (const line of lines) {
    header = header ?? parseTableHeader(line);
    const cells = line.split('\t').map((c) => c.trim());
    const year = Number(cells[0]);
    if (!/^\d{4}$/.test(cells[0] ?? '') || year < 1900) continue;
    const active = header ?? previousHeader;
    if (!active) continue;
    active.columns.forEach((direction, i) => {
      const valueCell = cells[1 + i * 2] ?? '';
      const valueUsd = parseTableMoney(valueCell);
      if (valueUsd === null) return;
      rows.push({
        documentId: context.documentId,
        partner: active.partner,
        direction,
        year,
        valueUsd,
        valueText: toDisplayText(valueCell),
        goods: splitGoods(cells[2 + i * 2] ?? ''),
        table: `${context.section}: ${HOME}–${active.partner} trade by year`,
        page: context.page,
        line: cells.map(toDisplayText).join('\t').replace(/\t+$/, ''),
      });
    });
  }
  return { header, rows };
}
