/**
 * What a trade chart's caption says when the corpus states a different value for a flow it
 * draws: the disagreements (disagreements.ts) that concern the chart's partner, flows and
 * years, worded once for the chart caption and the text reply's footer.
 */
import { authorLabel } from '../answer/citation.js';
import type { Corpus } from '../corpus/types.js';
import { chartTitle, type ChartDisagreement, type FlowKey } from './chart.js';
import type { ComparableFigure, Disagreement } from './disagreements.js';
import { measureKey } from './measureKey.js';
import type { TradeSeries, TradeView } from './trade.js';

const HOME = 'Mongolia';
const FLOW_ORDER: (FlowKey | 'total')[] = ['exports', 'imports', 'total'];

/** Names a document in a caption: "Miliate (2013)". */
export type DocumentLabel = (documentId: string) => string;

/**
 * The disagreements a chart of `series` should mention: a dated one when its year is drawn
 * (the bar gets a `*`), an undated statement ("Trade currently stands at…") when it matches
 * no year of the table. One note per flow and year; undated statements of one paragraph
 * are one note.
 */
export function chartDisagreements(
  series: TradeSeries,
  disagreements: readonly Disagreement[],
  label: DocumentLabel,
  direction: TradeView = series.direction,
): ChartDisagreement[] {
  const partner = series.partner;
  const flowOf = (d: Disagreement): FlowKey | 'total' | null => {
    if (d.flow?.from === HOME && d.flow.to === partner) return direction === 'imports' ? null : 'exports';
    if (d.flow?.from === partner && d.flow.to === HOME) return direction === 'exports' ? null : 'imports';
    if (!d.flow && d.measureKey === measureKey('trade', [HOME, partner])) return direction === 'both' ? 'total' : null;
    return null;
  };
  const seriesTables = new Set(series.sources.map((s) => `${s.documentId}\u0000${s.table}`));
  const fromSeries = (f: ComparableFigure) => f.source.kind === 'table' && seriesTables.has(`${f.source.documentId}\u0000${f.source.table}`);

  const notes: ChartDisagreement[] = [];
  const undated = new Map<string, { where: string; parts: Map<FlowKey | 'total', string> }>();
  for (const d of disagreements) {
    const flow = flowOf(d);
    if (!flow) continue;
    if (d.year !== null) {
      if (d.year < series.from || d.year > series.to) continue;
      const year = series.years.find((y) => y.year === d.year);
      const drawn = flow === 'total' ? null : year?.[flow];
      const others = d.figures.filter((f) => !fromSeries(f) && f.year === d.year);
      if (others.length === 0) continue;
      const said = others.map((f) => `${where(f, label)} says ${f.text}`).join(', ');
      const table = drawn ? `; the table ${drawn.valueText}` : '';
      notes.push({ flow, year: d.year, text: `* ${d.year} ${flow}: ${said}${table}` });
    } else {
      for (const f of d.figures.filter((g) => g.year === null && !fromSeries(g))) {
        const key = f.source.kind === 'prose' ? f.source.paragraphId : where(f, label);
        const entry = undated.get(key) ?? { where: where(f, label), parts: new Map() };
        if (!entry.parts.has(flow)) entry.parts.set(flow, f.text);
        undated.set(key, entry);
      }
    }
  }
  for (const entry of undated.values()) {
    const flows = FLOW_ORDER.filter((f) => entry.parts.has(f));
    const parts = flows.map((f) => `${f} ${entry.parts.get(f)}`).join(', ');
    notes.push({ flow: flows[0]!, year: null, text: `${entry.where} gives, undated, ${parts}: no year of the table matches` });
  }
  return notes;
}

/** The notes as one line for a text reply's footer, or null when the sources agree. */
export function disagreementFooter(notes: readonly ChartDisagreement[]): string | null {
  return notes.length ? `⚠ Sources disagree: ${notes.map((n) => n.text.replace(/^\* /, '')).join('; ')}.` : null;
}

function where(f: ComparableFigure, label: DocumentLabel): string {
  const s = f.source;
  return s.kind === 'prose' ? `${label(s.documentId)}, p. ${s.page}` : `${label(s.documentId)}, ${s.table}, p. ${s.page}`;
}

/** Documents named as the trade table's caption names them: "Irgengioro (2022)". */
export function corpusDocumentLabel(corpus: Corpus): DocumentLabel {
  return (id) => {
    const meta = corpus.documents.find((d) => d.meta.id === id)?.meta;
    return meta ? `${authorLabel(meta)} (${meta.year})` : id;
  };
}

/** The title of a series' table and chart: "Mongolia–Kazakhstan trade, 2010–2019", one year alone as "…, 2019". */
export function seriesTitle(series: TradeSeries, direction: TradeView = series.direction): string {
  return `${chartTitle(direction, series.partner)}, ${series.from === series.to ? series.from : `${series.from}–${series.to}`}`;
}
