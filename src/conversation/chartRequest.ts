import { readFigureQuestion } from '../answer/figureQuestion.js';
import { analyze } from '../search/analyzer.js';
import type { TradeChartRequest } from '../reply/tradeChart.js';
import type { ConversationState } from './state.js';

/**
 * "chart?", "can you graph that?", "show it over time": after a question about Mongolia's
 * trade with a partner, a request for that trade by year as a chart (what `/figures` draws),
 * not a new search. Null when the turn asks something else or the turn before was no trade figure.
 */

const CHART_WORD = /\b(?:chart|charts|charted|graph|graphs|graphed|plot|plotted|diagram|visuali[sz]e|visuali[sz]ation|over time|by year|year by year|trend)\b/i;
/** Words a chart request may hold besides its chart word: asking, pointing, politeness. */
const REQUEST_WORDS = new Set(analyze('can could would you pls please show me draw make give it that this those these them as a an the in on of for chart charts graph plot diagram visualize visualise visualization over time by year trend see how look'));
const MAX_WORDS = 8;

export function chartRequested(state: ConversationState, asked: string): TradeChartRequest | null {
  const prev = state.turns[state.turns.length - 1];
  if (!prev || !CHART_WORD.test(asked) || asked.split(/\s+/).length > MAX_WORDS) return null;
  if (!analyze(asked).every((t) => REQUEST_WORDS.has(t))) return null;
  const figure = readFigureQuestion(prev.frame);
  const partner = figure.countries.find((c) => c !== 'Mongolia');
  if (!partner || !figure.countries.includes('Mongolia') || !(figure.flow || figure.trade)) return null;
  const direction = figure.flow ? (figure.flow.from === 'Mongolia' ? 'exports' : 'imports') : 'both';
  return { partner, direction };
}
