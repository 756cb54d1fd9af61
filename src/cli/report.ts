/**
 * `npm run report -- [--since 7d|24h|2025-01-31] [--guild ID] [--limit N] [--json]`: what
 * was asked, what found nothing (the coverage gaps), the votes and the worst-rated answers,
 * from the database DATABASE_URL names (the bot's).
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { buildReport, parseSince, reportText } from '../feedback/report.js';
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
    },
  });
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
    process.stdout.write(values.json ? `${JSON.stringify(report)}\n` : reportText(report));
    return 0;
  } finally {
    await store.close();
  }
}

runMain('report', main);
