import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'libsql';
import { StoreError, causeMessage } from './errors.js';
import type { Row, SqlDatabase, SqlParam, SqlRunner } from './sql.js';

/**
 * SQLite through libsql (better-sqlite3's API, prebuilt binaries shipped as npm packages).
 * Its calls are synchronous, so every operation goes through one lane per file, shared by
 * every connection this process has to that file: a transaction that awaits between
 * statements must neither let another caller's statement run inside it on the same
 * connection, nor let a second connection's BEGIN wait for the lock synchronously — which
 * would block the very thread that holds the lock until busy_timeout. Other processes on
 * the same file wait for the lock in their own thread (busy_timeout).
 */
const lanes = new Map<string, { tail: Promise<unknown>; connections: number }>();

export function openSqlite(file: string, name: string): SqlDatabase {
  let db: Database.Database;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    db = new Database(file);
    // WAL: readers never block the writer, and a commit is one append to the log.
    // synchronous=FULL: the log is fsynced at every commit, so an acknowledged write
    // survives a power cut too (NORMAL would survive only a process crash).
    // busy_timeout: other processes on the same file (shards on one host) wait their turn.
    const mode = db.prepare('PRAGMA journal_mode = WAL').get() as { journal_mode?: string } | undefined;
    if (mode?.journal_mode?.toLowerCase() !== 'wal') throw new Error(`cannot use WAL journal mode (got ${mode?.journal_mode ?? 'nothing'})`);
    db.exec('PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON;');
  } catch (error) {
    throw new StoreError('open', `cannot open ${name}: ${causeMessage(error)}`, { cause: error });
  }
  return new SqliteDatabase(db, path.resolve(file));
}

class SqliteDatabase implements SqlDatabase {
  readonly engine = 'sqlite' as const;
  private readonly statements = new Map<string, Database.Statement>();
  private readonly lane: { tail: Promise<unknown>; connections: number };
  private closed = false;
  private readonly direct: SqlRunner = {
    all: async (sql, params) => this.allNow(sql, params),
    run: async (sql, params) => this.runNow(sql, params),
  };

  constructor(
    private readonly db: Database.Database,
    private readonly file: string,
  ) {
    this.lane = lanes.get(file) ?? { tail: Promise.resolve(), connections: 0 };
    this.lane.connections += 1;
    lanes.set(file, this.lane);
  }

  all(sql: string, params?: readonly SqlParam[]): Promise<Row[]> {
    return this.inLane(() => this.allNow(sql, params));
  }

  run(sql: string, params?: readonly SqlParam[]): Promise<number> {
    return this.inLane(() => this.runNow(sql, params));
  }

  transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T> {
    return this.inLane(async () => {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn(this.direct);
        this.db.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      }
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.lane.tail.catch(() => undefined);
    this.db.close();
    if (--this.lane.connections === 0) lanes.delete(this.file);
  }

  private inLane<T>(fn: () => T | Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new StoreError('query', 'the store is closed'));
    const next = this.lane.tail.then(fn, fn);
    this.lane.tail = next.catch(() => undefined);
    return next;
  }

  private prepare(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private allNow(sql: string, params: readonly SqlParam[] = []): Row[] {
    return this.prepare(sql).all(...params) as Row[];
  }

  private runNow(sql: string, params: readonly SqlParam[] = []): number {
    return this.prepare(sql).run(...params).changes;
  }
}
