/**
 * A trade series as a monospace text table, small enough for one Discord code block
 * (the renderer adds the fences). Stated values are printed as the source prints them;
 * the balance is computed and says so in the note line.
 */
import { formatUsd } from './money.js';
import type { TradeSeries, TradeView, TradeYear } from './trade.js';

/** Every line stays within this many characters, so phones do not wrap rows. */
export const TABLE_LINE_WIDTH = 80;
const GAP = '  ';
const MISSING = '—';

interface Column {
  header: string;
  cell: (y: TradeYear) => string;
  /** Goods columns share the width left over by the value columns. */
  flexible?: boolean;
  /** The goods list behind a goods cell, so it can be shortened item by item. */
  goods?: (y: TradeYear) => string[] | undefined;
  align: 'left' | 'right';
}

export function formatTradeTable(series: TradeSeries, direction: TradeView = series.direction): string {
  const p = series.partner;
  const columns: Column[] = [{ header: 'Year', cell: (y) => String(y.year), align: 'left' }];
  if (direction !== 'imports') columns.push(valueColumn('Exports', (y) => y.exports?.valueText));
  if (direction !== 'exports') columns.push(valueColumn('Imports', (y) => y.imports?.valueText));
  if (direction === 'both') {
    columns.push(valueColumn('Balance', (y) => (y.balanceUsd === null ? undefined : formatUsd(y.balanceUsd))));
    columns.push(goodsColumn('Exported goods', (y) => y.exports?.goods));
    columns.push(goodsColumn('Imported goods', (y) => y.imports?.goods));
  } else {
    const goods = direction === 'exports' ? (y: TradeYear) => y.exports?.goods : (y: TradeYear) => y.imports?.goods;
    columns.push(goodsColumn('Main goods', goods));
  }

  const lines = layout(columns, series.years);
  const flows = [
    direction !== 'imports' ? `exports = Mongolia → ${p}` : null,
    direction !== 'exports' ? `imports = ${p} → Mongolia` : null,
  ].filter((s): s is string => s !== null);
  const notes = ['US$ as printed in the source', ...flows];
  if (direction === 'both') notes.push('balance = exports − imports (computed)');
  return [...lines, ...wrapPhrases(notes)].join('\n');
}

function valueColumn(header: string, text: (y: TradeYear) => string | undefined): Column {
  return { header, cell: (y) => text(y) ?? MISSING, align: 'right' };
}

function goodsColumn(header: string, goods: (y: TradeYear) => string[] | undefined): Column {
  return { header, cell: (y) => goods(y)?.join(', ') ?? MISSING, goods, flexible: true, align: 'left' };
}

function layout(columns: Column[], years: readonly TradeYear[]): string[] {
  const full = years.map((y) => columns.map((c) => c.cell(y)));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...full.map((row) => row[i]!.length)));
  const fixed = columns.reduce((sum, c, i) => sum + (c.flexible ? 0 : widths[i]!), 0);
  const flexibleCount = columns.filter((c) => c.flexible).length;
  const room = TABLE_LINE_WIDTH - fixed - GAP.length * (columns.length - 1);
  const share = Math.max(8, Math.floor(room / Math.max(1, flexibleCount)));
  columns.forEach((c, i) => {
    if (c.flexible) widths[i] = Math.min(widths[i]!, share);
  });
  const cells = years.map((y, r) =>
    columns.map((c, i) => {
      const goods = c.goods?.(y);
      return goods ? fitGoods(goods, widths[i]!) : full[r]![i]!;
    }),
  );

  const render = (row: string[]) =>
    row
      .map((text, i) => {
        const width = widths[i]!;
        const fitted = truncate(text, width);
        return columns[i]!.align === 'right' ? fitted.padStart(width) : fitted.padEnd(width);
      })
      .join(GAP)
      .trimEnd();
  const header = render(columns.map((c) => c.header));
  const rule = widths.map((w) => '─'.repeat(w)).join(GAP);
  return [header, rule, ...cells.map(render)];
}

/**
 * The goods list shortened to `width` without cutting words where possible: the most
 * items that fit (with "…" for the rest), then the same without parenthesised details
 * ("Foodstuffs (rolled tobacco)" → "Foodstuffs"), and only then a cut inside a word.
 */
export function fitGoods(goods: readonly string[], width: number): string {
  const items = goods.map((g) => g.trim()).filter((g) => g.length > 0);
  if (items.length === 0) return MISSING;
  const whole = items.join(', ');
  if (whole.length <= width) return whole;
  const plain = items.map((g) => g.replace(/\s*\([^)]*\)?/g, '').trim()).filter((g) => g.length > 0);
  // More goods named beats more detail on fewer goods; on a tie, keep the detail.
  for (let n = items.length; n >= 1; n--) {
    for (const list of [items, plain]) {
      if (list.length < n) continue;
      const text = n === list.length ? list.join(', ') : `${list.slice(0, n).join(', ')}, …`;
      if (text.length <= width) return text;
    }
  }
  return truncate(plain[0] ?? items[0]!, width);
}

/** Cuts `text` to `width` characters, marking the cut with "…". */
export function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1).trimEnd()}…`;
}

/** Joins phrases with "; " into lines within the width, never breaking inside a phrase. */
function wrapPhrases(phrases: string[]): string[] {
  const lines: string[] = [];
  let line = '';
  phrases.forEach((phrase, i) => {
    const piece = i === phrases.length - 1 ? `${phrase}.` : `${phrase};`;
    if (line && line.length + 1 + piece.length > TABLE_LINE_WIDTH) {
      lines.push(line);
      line = piece;
    } else line = line ? `${line} ${piece}` : piece;
  });
  if (line) lines.push(line);
  return lines;
}
