/**
 * The store: `openStore(parseDatabaseUrl(process.env.DATABASE_URL))` (config.ts does the
 * parsing) opens the database, brings its schema up to date, and returns a `Store`.
 */
import { StoreError, causeMessage } from './errors.js';
import { migrate } from './migrations.js';
import type { SqlDatabase } from './sql.js';
import { openSqlite } from './sqlite.js';
import { SqlStore } from './sqlStore.js';
import type { Store } from './types.js';
import { describeTarget, type DatabaseTarget } from './url.js';

export * from './types.js';
export { StoreError, type StoreErrorCode } from './errors.js';
export { DEFAULT_DATABASE_FILE, DatabaseUrlError, describeTarget, parseDatabaseUrl, type DatabaseTarget } from './url.js';
export { LATEST_SCHEMA_VERSION } from './migrations.js';
export { normalizeQuestion } from './sqlStore.js';

export interface OpenStoreOptions {
  /** The clock, in milliseconds since the epoch. Default: `Date.now`. */
  now?: () => number;
  /** Largest conversation state, in bytes of JSON. Default: 64 KiB. */
  maxConversationBytes?: number;
}

/**
 * Opens and migrates the database. Fails with a one-line `StoreError` naming
 * `DATABASE_URL` and the file or server when it cannot be opened or migrated, or when it
 * was migrated by a newer Steppe.
 */
export async function openStore(target: DatabaseTarget, options: OpenStoreOptions = {}): Promise<Store> {
  const now = options.now ?? Date.now;
  const location = describeTarget(target);
  const name = `the database (DATABASE_URL: ${location})`;
  // PostgreSQL's driver is loaded only for a PostgreSQL store (ten modules at start-up otherwise).
  const db: SqlDatabase = target.engine === 'sqlite' ? openSqlite(target.file, name) : await (await import('./postgres.js')).openPostgres(target.url, name);
  try {
    await migrate(db, name, now);
  } catch (error) {
    await db.close().catch(() => undefined);
    // SQLite opens lazily: a file that is not a database is only found out here.
    if (error instanceof StoreError) throw error;
    throw new StoreError('migrate', `cannot migrate ${name}: ${causeMessage(error)}`, { cause: error });
  }
  return new SqlStore(db, location, { now, maxConversationBytes: options.maxConversationBytes ?? 64 * 1024 });
}
