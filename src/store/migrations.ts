import { StoreError, causeMessage } from './errors.js';
import type { SqlDatabase, SqlRunner } from './sql.js';

/**
 * The schema, as numbered migrations applied in order at start-up. The same statements run
 * on both engines: TEXT, BIGINT (milliseconds since the epoch, INTEGER affinity in SQLite),
 * DOUBLE PRECISION (REAL in SQLite) and INTEGER 0/1 for booleans mean the same in each.
 * JSON is stored as TEXT in both, so values round-trip identically.
 *
 * Never edit a migration that has shipped: add the next one.
 */
export interface Migration {
  version: number;
  name: string;
  statements: readonly string[];
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'conversations, votes, question log, guild settings',
    statements: [
      `CREATE TABLE conversations (
        conversation_key TEXT PRIMARY KEY,
        state TEXT NOT NULL,
        expires_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL
      )`,
      `CREATE INDEX conversations_by_expiry ON conversations (expires_at)`,
      `CREATE TABLE questions (
        answer_id TEXT PRIMARY KEY,
        asked_at BIGINT NOT NULL,
        guild_id TEXT,
        channel_kind TEXT NOT NULL,
        asked_via TEXT NOT NULL CHECK (asked_via IN ('command', 'message')),
        command TEXT,
        asker_id TEXT,
        question TEXT NOT NULL,
        normalized_question TEXT NOT NULL,
        resolved_question TEXT,
        found INTEGER NOT NULL CHECK (found IN (0, 1)),
        figures TEXT NOT NULL,
        latency_ms INTEGER NOT NULL
      )`,
      `CREATE INDEX questions_by_time ON questions (asked_at)`,
      `CREATE INDEX questions_by_guild_and_time ON questions (guild_id, asked_at)`,
      `CREATE TABLE question_passages (
        answer_id TEXT NOT NULL REFERENCES questions (answer_id) ON DELETE CASCADE,
        rank INTEGER NOT NULL,
        paragraph_id TEXT NOT NULL,
        score DOUBLE PRECISION NOT NULL,
        PRIMARY KEY (answer_id, rank)
      )`,
      `CREATE INDEX question_passages_by_paragraph ON question_passages (paragraph_id)`,
      // No foreign key to questions: a server may turn its question log off and still
      // take votes, and the log is pruned on its own schedule.
      `CREATE TABLE votes (
        answer_id TEXT NOT NULL,
        voter_id TEXT NOT NULL,
        direction TEXT NOT NULL CHECK (direction IN ('up', 'down')),
        reason TEXT CHECK (reason IN ('wrong-passage', 'wrong-figure', 'not-in-corpus', 'other')),
        comment TEXT,
        voted_at BIGINT NOT NULL,
        PRIMARY KEY (answer_id, voter_id)
      )`,
      `CREATE INDEX votes_by_time ON votes (voted_at)`,
      `CREATE TABLE guild_settings (
        guild_id TEXT NOT NULL,
        setting_key TEXT NOT NULL,
        value TEXT NOT NULL,
        updated_at BIGINT NOT NULL,
        PRIMARY KEY (guild_id, setting_key)
      )`,
    ],
  },
  {
    version: 2,
    name: 'shared cooldown buckets',
    statements: [
      `CREATE TABLE cooldown_buckets (
        bucket_key TEXT PRIMARY KEY,
        tokens DOUBLE PRECISION NOT NULL,
        updated_at BIGINT NOT NULL,
        full_at BIGINT NOT NULL
      )`,
      `CREATE INDEX cooldown_buckets_by_full_at ON cooldown_buckets (full_at)`,
    ],
  },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** Any constant: shards starting together on one PostgreSQL server migrate one at a time. */
const POSTGRES_MIGRATION_LOCK = 7_460_113;

/**
 * Brings the database to the newest schema in one transaction (all pending migrations or
 * none), or refuses a database migrated by a newer Steppe. Returns the schema version.
 */
export async function migrate(
  db: SqlDatabase,
  name: string,
  now: () => number,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number> {
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  try {
    return await db.transaction(async (tx) => {
      if (db.engine === 'postgres') await tx.all('SELECT pg_advisory_xact_lock(?)', [POSTGRES_MIGRATION_LOCK]);
      await tx.run(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        applied_at BIGINT NOT NULL
      )`);
      const current = await currentVersion(tx);
      if (current > latest) {
        throw new StoreError(
          'schema-newer',
          `${name} has schema version ${current}, newer than this Steppe knows (${latest}): run a newer Steppe, or point DATABASE_URL at another database`,
        );
      }
      for (const migration of migrations) {
        if (migration.version <= current) continue;
        for (const statement of migration.statements) await tx.run(statement);
        await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [migration.version, migration.name, now()]);
      }
      return latest;
    });
  } catch (error) {
    if (error instanceof StoreError) throw error;
    throw new StoreError('migrate', `cannot migrate ${name} to schema version ${latest}: ${causeMessage(error)}`, { cause: error });
  }
}

async function currentVersion(tx: SqlRunner): Promise<number> {
  const rows = await tx.all('SELECT MAX(version) AS version FROM schema_migrations');
  return Number(rows[0]?.version ?? 0);
}
