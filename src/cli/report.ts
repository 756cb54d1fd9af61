/**
 * `npm run report -- [--since 7d|24h|2025-01-31] [--guild ID] [--limit N] [--json] [--chart FILE]`:
 * what was asked, what found nothing (the coverage gaps), the low-confidence answers, the
 * votes by document and paragraph, the down-voted questions, from the database DATABASE_URL
 * names (the bot's); `--chart` also writes the PNG of questions per day and answer rate.
 */
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chartCaption, renderActivityChart } from '../feedback/chart.js';
import { parseArgs } from 'node:util';
import { buildReport, describePeriod, parseSince, reportText } from '../feedback/report.js';
import { redact } from '../log.js';
import { openStore, StoreError } from '../store/index.js';
import { loadConfigOrReport, runMain } from './run.js';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      since: { type: 'string' },
      guild: { type: 'string' },
      limit: { type: 'string', default: '10' },
      json: { type: 'boolean', default: false },
      chart: { type: 'string' },
    },
  });
  if (values.chart !== undefined && (values.chart.trim() === '' || !existsSync(path.dirname(path.resolve(values.chart))))) {
    process.stderr.write(`report: --chart needs a file in an existing folder (got "${values.chart}")\n`);
    return 2;
  }
  const since = values.since === undefined ? undefined : parseSince(values.since);
  if (since === null) {
    process.stderr.write('report: --since must be like 7d, 24h, 30m or a date (2025-01-31)\n');
    return 2;
  }
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
    process.stderr.write('report: --limit must be a whole number from 1 to 1000\n');
    return 2;
  }
  const config = loadConfigOrReport('report');
  if (!config) return 1;
  const target = config.DATABASE_URL;
  // A report must not create an empty database where the bot has not run yet.
  if (target.engine === 'sqlite' && !existsSync(target.file)) {
    process.stderr.write(`report: there is no database at ${target.file} yet (DATABASE_URL; the bot creates it on its first start)\n`);
    return 1;
  }
  let store;
  try {
    store = await openStore(target);
  } catch (err) {
    if (err instanceof StoreError) {
      process.stderr.write(`report: ${redact(err.message)}\n`);
      return 1;
    }
    throw err;
  }
  try {
    const report = await buildReport(store, { since, guildId: values.guild, limit });
    if (values.chart !== undefined) {
      const period = describePeriod(values.since, report);
      const png = await renderActivityChart(report.perDay, { title: `Questions to Steppe, ${period}`, caption: chartCaption(report) });
      try {
        writeFileSync(values.chart, png);
      } catch (err) {
        process.stderr.write(`report: cannot write the chart to ${values.chart}: ${(err as Error).message}\n`);
        return 1;
      }
    }
    process.stdout.write(values.json ? `${JSON.stringify(report)}\n` : reportText(report));
    if (values.chart !== undefined && !values.json) process.stdout.write(`\nChart: ${path.resolve(values.chart)}\n`);
    return 0;
  } finally {
    await store.close();
  }
}

runMain('report', main);
