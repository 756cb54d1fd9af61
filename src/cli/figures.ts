/**
 * `npm run figures -- --partner kazakhstan [--direction both] [--from 2012] [--to 2019] [--png FILE]`:
 * the trade table in the terminal, and the chart as a PNG file when asked.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { tradeFigures, tradePartnerNames } from '../answer/tradeFigures.js';
import { loadCorpus } from '../corpus/load.js';
import type { TradeView } from '../figures/trade.js';
import { runMain } from './run.js';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      partner: { type: 'string' },
      direction: { type: 'string', default: 'both' },
      from: { type: 'string' },
      to: { type: 'string' },
      png: { type: 'string' },
    },
  });
  const corpus = await loadCorpus();
  if (!values.partner) {
    process.stderr.write(`Usage: npm run figures -- --partner NAME [--direction exports|imports|both] [--from YEAR] [--to YEAR] [--png FILE]\nPartners: ${tradePartnerNames(corpus).join(', ')}\n`);
    return 2;
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
    chart: values.png !== undefined,
  });
  if (!result.ok) {
    process.stderr.write(`${result.error}\n`);
    return 1;
  }
  process.stdout.write(`${result.title}\n\n${result.table}\n\n${result.source}\n`);
  if (values.png && result.png) {
    await writeFile(values.png, result.png);
    process.stderr.write(`chart written to ${values.png} (${result.png.length} bytes)\n`);
  }
  return 0;
}

runMain('figures', main);
