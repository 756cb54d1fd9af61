import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { inject } from 'vitest';
import { openStore, type DatabaseTarget, type OpenStoreOptions, type Store } from '../../src/store/index.js';

/**
 * The engines every store test runs on. Each test gets a fresh, empty database: a new
 * SQLite file in a temp folder, or a new database on the suite's PostgreSQL server.
 */
export interface EngineUnderTest {
  name: 'sqlite' | 'postgres';
  /** Why the engine is unavailable (then its tests skip, or fail under CI), else null. */
  unavailable: string | null;
  newDatabase(): Promise<DatabaseTarget>;
  /** Closes what the engine opened for the tests (call from afterAll). */
  dispose(): Promise<void>;
}

export function sqliteEngine(): EngineUnderTest {
  let dir: string | null = null;
  let count = 0;
  return {
    name: 'sqlite',
    unavailable: null,
    async newDatabase() {
      dir ??= mkdtempSync(path.join(os.tmpdir(), 'steppe-store-'));
      return { engine: 'sqlite', file: path.join(dir, `test-${++count}.db`) };
    },
    async dispose() {
      if (dir) rmSync(dir, { recursive: true, force: true });
      dir = null;
    },
  };
}

export function postgresEngine(): EngineUnderTest {
  const provided = inject('postgres');
  let admin: postgres.Sql | null = null;
  let count = 0;
  // Unique per call, not only per process: test files share a worker process (isolate: false).
  const caller = randomBytes(4).toString('hex');
  return {
    name: 'postgres',
    unavailable: provided.adminUrl ? null : provided.note,
    async newDatabase() {
      if (!provided.adminUrl) throw new Error(provided.note);
      admin ??= postgres(provided.adminUrl, { max: 1, onnotice: () => undefined });
      // A new role with a schema of its own stands for a new, empty database: its default
      // search_path ("$user", public) puts the store's tables there, out of sight of every
      // other test, and costs a millisecond where CREATE DATABASE costs ~400.
      const role = `steppe_test_${process.pid}_${caller}_${++count}`;
      await admin.unsafe(`CREATE ROLE ${role} LOGIN; CREATE SCHEMA ${role} AUTHORIZATION ${role}`);
      const url = new URL(provided.adminUrl);
      url.username = role;
      return { engine: 'postgres', url: url.toString() };
    },
    async dispose() {
      await admin?.end({ timeout: 5 });
      admin = null;
    },
  };
}

/**
 * Whether the PostgreSQL tests must run: under CI, or when the binaries are there (a server
 * that would not start is then a failure, not a skip).
 */
export function postgresRequired(): boolean {
  return process.env.CI === 'true' || inject('postgres').binariesFound;
}

export function engines(): EngineUnderTest[] {
  return [sqliteEngine(), postgresEngine()];
}

/** A clock the tests move by hand. */
export class TestClock {
  constructor(public time = Date.UTC(2025, 0, 1, 12)) {}
  readonly now = (): number => this.time;
  advance(ms: number): void {
    this.time += ms;
  }
}

/** Opens stores and closes every one of them at the end of the test. */
export class StoreOpener {
  private readonly stores: Store[] = [];
  async open(target: DatabaseTarget, options?: OpenStoreOptions): Promise<Store> {
    const store = await openStore(target, options);
    this.stores.push(store);
    return store;
  }
  async closeAll(): Promise<void> {
    await Promise.all(this.stores.splice(0).map((store) => store.close().catch(() => undefined)));
  }
}
