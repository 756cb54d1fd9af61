import type { TestProject } from 'vitest/node';
import { findPostgresBinDir, startPostgres } from './postgresServer.js';

/**
 * Vitest global setup: one PostgreSQL server for the whole run, started only when the run
 * includes store tests, stopped at the end whatever the tests did. Tests read it with
 * `inject('postgres')`: a superuser URL, or null and why (the Postgres tests then skip,
 * visibly, or fail when CI=true).
 */

export interface ProvidedPostgres {
  adminUrl: string | null;
  /** Whether initdb and postgres were found (a server that then would not start is a failure). */
  binariesFound: boolean;
  note: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: ProvidedPostgres;
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  if (!(await runIncludesStoreTests(project))) {
    project.provide('postgres', { adminUrl: null, binariesFound: false, note: 'not started: no store test in this run' });
    return undefined;
  }
  const binDir = findPostgresBinDir();
  if (!binDir) {
    const note = 'PostgreSQL binaries not found (apt-get install postgresql-15, or set POSTGRES_BIN_DIR): the PostgreSQL store tests are skipped';
    console.warn(`\n⚠ ${note}\n`);
    project.provide('postgres', { adminUrl: null, binariesFound: false, note });
    return undefined;
  }
  try {
    const server = await startPostgres(binDir);
    project.provide('postgres', { adminUrl: server.adminUrl, binariesFound: true, note: `PostgreSQL from ${binDir}, ready in ${server.startMs} ms` });
    return () => server.stop();
  } catch (error) {
    // Binaries present but the server would not start: the tests fail with this note.
    const note = `PostgreSQL from ${binDir} would not start: ${error instanceof Error ? error.message : String(error)}`;
    project.provide('postgres', { adminUrl: null, binariesFound: true, note });
    return undefined;
  }
}

/** The test files that use the server: the store's, and the Discord ones run on both engines. */
const USES_POSTGRES = /\/test\/store\/|\/test\/discord\/(?:feedback|settings)\.test\.ts$|\/test\/faults\/votesKill\.test\.ts$/;

/** Starting a server costs about a second: not worth it for a run filtered to other tests. */
async function runIncludesStoreTests(project: TestProject): Promise<boolean> {
  const filters = (project.vitest as unknown as { filenamePattern?: string[] }).filenamePattern;
  if (!filters || filters.length === 0) return true;
  const { testFiles } = await project.globTestFiles(filters);
  return testFiles.some((file) => USES_POSTGRES.test(file.replaceAll('\\', '/')));
}
