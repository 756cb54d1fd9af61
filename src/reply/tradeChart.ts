import { tradeFigures } from '../answer/tradeFigures.js';
import type { Engine } from '../engine.js';
import { renderTradeChart } from '../figures/chart.js';
import { chartDisagreements, corpusDocumentLabel, disagreementFooter, seriesTitle } from '../figures/chartNotes.js';
import type { TradeView } from '../figures/trade.js';
import type { Reply } from './types.js';

/**
 * Mongolia's trade with a partner by year as a reply: the aligned table, the PNG chart, the
 * source and where the corpus states other values. One builder for `/figures` and for a
 * follow-up asking to chart the trade figure before ("chart it?").
 */

export interface TradeChartRequest {
  partner: string;
  direction?: TradeView | undefined;
  from?: number | undefined;
  to?: number | undefined;
}

export async function tradeChartReply(engine: Engine, request: TradeChartRequest): Promise<{ ok: true; reply: Reply } | { ok: false; error: string }> {
  const corpus = engine.corpus;
  const result = await tradeFigures(corpus, { ...request, chart: false });
  if (!result.ok) return result;
  const series = result.series;
  // Where the corpus states other values for these flows and years: the chart's caption and the footer say so.
  const notes = chartDisagreements(series, engine.figures.disagreements, corpusDocumentLabel(corpus));
  const png = await renderTradeChart(series, { sourceCaption: result.source, disagreements: notes });
  const title = seriesTitle(series);
  const name = `trade-${series.partner.toLowerCase().replace(/[^a-z]+/g, '-')}-${series.from}-${series.to}.png`;
  return {
    ok: true,
    reply: {
      tone: 'info',
      title,
      code: result.table,
      footer: [result.source, disagreementFooter(notes)].filter((line) => line !== null).join('\n'),
      image: name,
      attachments: [{ name, contentType: 'image/png', data: png, description: `Chart: ${title}` }],
    },
  };
}
