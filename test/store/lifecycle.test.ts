import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, StoreError, openStore, type DatabaseTarget } from '../../src/store/index.js';
import { MIGRATIONS, migrate, type Migration } from '../../src/store/migrations.js';
import { openPostgres } from '../../src/store/postgres.js';
import type { SqlDatabase } from '../../src/store/sql.js';
import { openSqlite } from '../../src/store/sqlite.js';
import { engines, postgresRequired, StoreOpener, TestClock } from './engines.js';

/** Start-up: migrations, a newer schema refused, databases that cannot be opened. */

async function openRaw(target: DatabaseTarget): Promise<SqlDatabase> {
  return target.engine === 'sqlite' ? openSqlite(target.file, 'test database') : openPostgres(target.url, 'test database');
}

async function rejection(promise: Promise<unknown>): Promise<StoreError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StoreError);
  const message = (error as StoreError).message;
  expect(message).not.toMatch(/\n/);
  return error as StoreError;
}

describe.each(engines())('start-up on $name', (engine) => {
  const clock = new TestClock();
  const opener = new StoreOpener();
  const raw: SqlDatabase[] = [];
  let target: DatabaseTarget;

  const rawDatabase = async () => {
    const db = await openRaw(target);
    raw.push(db);
    return db;
  };
  const versions = async (db: SqlDatabase) => (await db.all('SELECT version FROM schema_migrations ORDER BY version')).map((r) => Number(r.version));

  beforeEach(async ({ skip }) => {
    if (engine.unavailable) {
      if (engine.name === 'postgres' && postgresRequired()) throw new Error(engine.unavailable);
      skip(`${engine.name}: ${engine.unavailable}`);
    }
    target = await engine.newDatabase();
  });
  afterEach(async () => {
    await opener.closeAll();
    await Promise.all(raw.splice(0).map((db) => db.close().catch(() => undefined)));
  });
  afterAll(() => engine.dispose());

  it('brings a new database to the latest schema, once', async () => {
    await opener.open(target, { now: clock.now });
    const db = await rawDatabase();
    expect(await versions(db)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(LATEST_SCHEMA_VERSION).toBe(MIGRATIONS.at(-1)!.version);
    const appliedAt = await db.all('SELECT applied_at FROM schema_migrations');
    clock.advance(60_000);
    await opener.open(target, { now: clock.now });
    expect(await db.all('SELECT applied_at FROM schema_migrations')).toEqual(appliedAt);
  });

  it('migrates a database left at an older version, keeping its data', async () => {
    const db = await rawDatabase();
    await migrate(db, 'test database', clock.now, MIGRATIONS.slice(0, 1));
    await db.run(`INSERT INTO votes (answer_id, voter_id, direction, voted_at) VALUES ('a1', 'u1', 'up', 1)`);
    expect(await versions(db)).toEqual([1]);
    const store = await opener.open(target, { now: clock.now });
    expect(await versions(db)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(await store.getVote('a1', 'u1')).toMatchObject({ direction: 'up' });
    expect(await store.takeCooldown('u1', { seconds: 3, burst: 1 })).toBe(0);
  });

  it('refuses a database migrated by a newer Steppe, in one line naming DATABASE_URL', async () => {
    await opener.open(target);
    const db = await rawDatabase();
    await db.run(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'from the future', 0)`);
    const error = await rejection(openStore(target));
    expect(error.code).toBe('schema-newer');
    expect(error.message).toMatch(/DATABASE_URL/);
    expect(error.message).toContain(`schema version 99, newer than this Steppe knows (${LATEST_SCHEMA_VERSION})`);
  });

  it('applies pending migrations all or none: a failing one leaves the database as it was', async () => {
    const broken: Migration[] = [...MIGRATIONS, { version: 99, name: 'broken', statements: ['CREATE TABLE half_done (a INTEGER)', 'THIS IS NOT SQL'] }];
    const db = await rawDatabase();
    const error = await rejection(migrate(db, 'the database (DATABASE_URL: test)', clock.now, broken));
    expect(error.code).toBe('migrate');
    expect(error.message).toMatch(/^cannot migrate the database \(DATABASE_URL: test\) to schema version 99: .*syntax/);
    // Nothing of it stayed, not even the migrations before it in the same start-up.
    await expect(db.all('SELECT * FROM half_done')).rejects.toThrow();
    await expect(db.all('SELECT * FROM votes')).rejects.toThrow();
    const store = await opener.open(target);
    expect(await store.countVotes('a1')).toEqual({ up: 0, down: 0 });
  });

  it('lets shards that start together on one new database all come up', async () => {
    const stores = await Promise.all([1, 2, 3].map(() => opener.open(target, { now: clock.now })));
    await stores[0]!.recordVote({ answerId: 'a1', voterId: 'u1', direction: 'up' });
    expect(await stores[2]!.countVotes('a1')).toEqual({ up: 1, down: 0 });
    expect(await versions(await rawDatabase())).toEqual(MIGRATIONS.map((m) => m.version));
  });

  it('reports a failure after start-up as a one-line error, and keeps working for the rest', async () => {
    const store = await opener.open(target);
    await (await rawDatabase()).run('DROP TABLE votes');
    const error = await rejection(store.recordVote({ answerId: 'a1', voterId: 'u1', direction: 'up' }));
    expect(error.code).toBe('query');
    expect(error.message).toMatch(new RegExp(`^cannot record a vote in ${engine.name === 'sqlite' ? 'SQLite' : 'PostgreSQL'}`));
    await store.setGuildSetting('g', 'k', 1);
    expect(await store.getGuildSettings('g')).toEqual({ k: 1 });
  });
});

describe('a SQLite file that cannot be used', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'steppe-store-bad-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the folder of a new file', async () => {
    const file = path.join(dir, 'new', 'nested', 'steppe.db');
    const store = await openStore({ engine: 'sqlite', file });
    await store.close();
  });

  it('that is not a database stops start-up with one line naming DATABASE_URL and the file', async () => {
    const file = path.join(dir, 'notes.db');
    writeFileSync(file, 'These are my notes, not a database. '.repeat(200));
    const error = await rejection(openStore({ engine: 'sqlite', file }));
    expect(['open', 'migrate']).toContain(error.code);
    expect(error.message).toContain(`DATABASE_URL: SQLite file ${file}`);
    expect(error.message).toMatch(/not a database/);
  });

  it('whose folder cannot be made stops start-up the same way', async () => {
    const blocker = path.join(dir, 'a-file');
    writeFileSync(blocker, '');
    const file = path.join(blocker, 'steppe.db');
    const error = await rejection(openStore({ engine: 'sqlite', file }));
    expect(error.code).toBe('open');
    expect(error.message).toMatch(new RegExp(`^cannot open the database \\(DATABASE_URL: SQLite file ${file}\\): `));
  });
});

describe('a PostgreSQL server that cannot be used', () => {
  const { adminUrl } = inject('postgres');

  it('that is not listening stops start-up with one line naming DATABASE_URL, password masked', async () => {
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    const error = await rejection(openStore({ engine: 'postgres', url: 'postgres://steppe:s3cret@127.0.0.1:1/steppe' }));
    expect(error.code).toBe('open');
    expect(error.message).toMatch(/^cannot connect to the database \(DATABASE_URL: PostgreSQL postgres:\/\/steppe:\*\*\*@127\.0\.0\.1:1\/steppe\): .*ECONNREFUSED/);
    expect(error.message).not.toContain('s3cret');
  });

  it.skipIf(!adminUrl)('that has no such database stops start-up the same way', async () => {
    const url = new URL(adminUrl!);
    url.pathname = '/no_such_database';
    const error = await rejection(openStore({ engine: 'postgres', url: url.toString() }));
    expect(error.code).toBe('open');
    expect(error.message).toMatch(/DATABASE_URL: PostgreSQL .*no_such_database.*does not exist/);
  });
});
