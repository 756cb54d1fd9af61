import type { Corpus } from '../corpus/types.js';
import { renderTradeChart } from '../figures/chart.js';
import { buildTradeSeries, formatTradeTable, type TradeSeries, type TradeView } from '../figures/trade.js';
import { chartTitle } from '../figures/chart.js';
import { authorLabel } from './citation.js';

/**
 * `/figures` and `npm run figures`: one partner's trade series as an aligned table and a
 * chart, values as the source prints them, balance and totals computed.
 */

export interface TradeFiguresRequest {
  partner: string;
  direction?: TradeView;
  from?: number;
  to?: number;
  /** Draw the PNG chart (the terminal only draws it when asked for a file). */
  chart: boolean;
}

export type TradeFiguresResult =
  | { ok: true; series: TradeSeries; title: string; table: string; source: string; png: Buffer | null }
  | { ok: false; error: string };

export function sourceCaption(corpus: Corpus, series: TradeSeries): string {
  return series.sources
    .map((s) => {
      const meta = corpus.documents.find((d) => d.meta.id === s.documentId)?.meta;
      const who = meta ? `${authorLabel(meta)} (${meta.year})` : s.documentId;
      return `Source: ${who}, ${s.table}, p. ${s.pages.join(', ')} (data: UN Comtrade / OEC)`;
    })
    .join('; ');
}

export async function tradeFigures(corpus: Corpus, request: TradeFiguresRequest): Promise<TradeFiguresResult> {
  const rows = corpus.documents.flatMap((d) => d.tables);
  const result = buildTradeSeries(rows, { partner: request.partner, direction: request.direction, from: request.from, to: request.to });
  if (!result.ok) return result;
  const series = result.series;
  const source = sourceCaption(corpus, series);
  const title = `${chartTitle(series.direction, series.partner)}, ${series.from === series.to ? series.from : `${series.from}–${series.to}`}`;
  const png = request.chart ? await renderTradeChart(series, { sourceCaption: source }) : null;
  return { ok: true, series, title, table: formatTradeTable(series), source, png };
}

export function tradePartnerNames(corpus: Corpus): string[] {
  return [...new Set(corpus.documents.flatMap((d) => d.tables.map((r) => r.partner)))].sort();
}
