/**
 * `npm run figures -- --partner kazakhstan [--direction both] [--from 2012] [--to 2019] [--png FILE]`:
 * the trade table in the terminal, and the chart as a PNG file when asked.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { buildFigureBook } from '../answer/figures.js';
import { tradeFigures, tradePartnerNames } from '../answer/tradeFigures.js';
import { loadCorpus } from '../corpus/load.js';
import { renderTradeChart } from '../figures/chart.js';
import { chartDisagreements, corpusDocumentLabel, disagreementFooter, seriesTitle } from '../figures/chartNotes.js';
import type { TradeView } from '../figures/trade.js';
import { runMain } from './run.js';

const USAGE = 'Usage: npm run --silent figures -- --partner NAME [--direction exports|imports|both] [--from YEAR] [--to YEAR] [--png FILE]';

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        partner: { type: 'string' },
        direction: { type: 'string', default: 'both' },
        from: { type: 'string' },
        to: { type: 'string' },
        png: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (err) {
    // An unknown option or a missing value: one line and the usage, not a stack.
    process.stderr.write(`figures: ${(err as Error).message.split('. ')[0]}.\n${USAGE}\n`);
    return 2;
  }
  const corpus = await loadCorpus();
  if (values.help || !values.partner) {
    const help = `${USAGE}\nPartners: ${tradePartnerNames(corpus).join(', ')}\nThe table goes to stdout; --png also draws the chart into FILE.\n`;
    (values.help ? process.stdout : process.stderr).write(help);
    return values.help ? 0 : 2;
  }
  if (!['exports', 'imports', 'both'].includes(values.direction!)) {
    process.stderr.write('--direction must be exports, imports or both\n');
    return 2;
  }
  const year = (s: string | undefined) => (s === undefined ? undefined : Number(s));
  const result = await tradeFigures(corpus, {
    partner: values.partner,
    direction: values.direction as TradeView,
    from: year(values.from),
    to: year(values.to),
    chart: false,
  });
  if (!result.ok) {
    process.stderr.write(`${result.error}\n`);
    return 1;
  }
  const series = result.series;
  const notes = chartDisagreements(series, buildFigureBook(corpus).disagreements, corpusDocumentLabel(corpus));
  const footer = [result.source, disagreementFooter(notes)].filter((line) => line !== null).join('\n');
  process.stdout.write(`${seriesTitle(series)}\n\n${result.table}\n\n${footer}\n`);
  if (values.png) {
    const png = await renderTradeChart(series, { sourceCaption: result.source, disagreements: notes });
    await writeFile(values.png, png);
    process.stderr.write(`chart written to ${values.png} (${png.length} bytes)\n`);
  }
  return 0;
}

runMain('figures', main);
