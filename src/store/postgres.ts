import postgres from 'postgres';
import { StoreError, causeMessage } from './errors.js';
import type { Row, SqlDatabase, SqlParam, SqlRunner } from './sql.js';

/**
 * PostgreSQL through `postgres` (porsager): no dependencies, pooled, prepared statements.
 * A small pool is enough: every statement is short, and shards on many hosts share the
 * server's connection limit.
 */
export async function openPostgres(url: string, name: string): Promise<SqlDatabase> {
  const sql = postgres(url, {
    max: 5,
    connect_timeout: 10,
    idle_timeout: 60,
    // `CREATE TABLE IF NOT EXISTS` and friends send NOTICEs that would go to the console.
    onnotice: () => undefined,
    connection: { application_name: 'steppe' },
  });
  try {
    await sql`SELECT 1`;
  } catch (error) {
    await sql.end({ timeout: 1 }).catch(() => undefined);
    throw new StoreError('open', `cannot connect to ${name}: ${causeMessage(error)}`, { cause: error });
  }
  return new PostgresDatabase(sql);
}

/** `?` placeholders as PostgreSQL's `$1, $2, …` (the store's SQL never has `?` inside literals). */
export function numberPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

function runner(sql: postgres.Sql | postgres.TransactionSql): SqlRunner {
  const query = (text: string, params: readonly SqlParam[] = []) =>
    sql.unsafe(numberPlaceholders(text), params as postgres.ParameterOrJSON<never>[], { prepare: true });
  return {
    all: async (text, params) => [...(await query(text, params))] as Row[],
    run: async (text, params) => (await query(text, params)).count,
  };
}

class PostgresDatabase implements SqlDatabase {
  readonly engine = 'postgres' as const;
  private readonly pool: SqlRunner;

  constructor(private readonly sql: postgres.Sql) {
    this.pool = runner(sql);
  }

  all(text: string, params?: readonly SqlParam[]): Promise<Row[]> {
    return this.pool.all(text, params);
  }

  run(text: string, params?: readonly SqlParam[]): Promise<number> {
    return this.pool.run(text, params);
  }

  async transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T> {
    return (await this.sql.begin((tx) => fn(runner(tx)))) as T;
  }

  async close(): Promise<void> {
    await this.sql.end({ timeout: 5 });
  }
}
