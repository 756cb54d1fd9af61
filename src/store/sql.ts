/**
 * The little the store needs from a SQL engine. Statements are written once, with `?`
 * placeholders, in the SQL both engines accept (the PostgreSQL adapter numbers them).
 * Rows come back as plain objects; numbers may arrive as strings from PostgreSQL
 * (BIGINT, COUNT), so readers convert with `Number`.
 */

export type SqlParam = string | number | null;
export type Row = Record<string, unknown>;

export interface SqlRunner {
  all(sql: string, params?: readonly SqlParam[]): Promise<Row[]>;
  /** Returns the number of rows changed. */
  run(sql: string, params?: readonly SqlParam[]): Promise<number>;
}

export interface SqlDatabase extends SqlRunner {
  readonly engine: 'sqlite' | 'postgres';
  /**
   * Runs `fn` in one transaction holding the write lock from the start (SQLite: BEGIN
   * IMMEDIATE; PostgreSQL: the caller locks the rows it reads with `FOR UPDATE` where
   * the engine is postgres), committed when it resolves, rolled back when it throws.
   */
  transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
