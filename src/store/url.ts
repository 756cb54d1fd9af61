import path from 'node:path';
import { REPO_ROOT } from '../paths.js';

/** Where the store lives, as `DATABASE_URL` says. */
export type DatabaseTarget = { engine: 'sqlite'; file: string } | { engine: 'postgres'; url: string };

/** `DATABASE_URL` unset: a SQLite file in the repository's `data/` folder (git-ignored). */
export const DEFAULT_DATABASE_FILE = path.join(REPO_ROOT, 'data', 'steppe.db');

export class DatabaseUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseUrlError';
  }
}

/**
 * Reads `DATABASE_URL`: unset or blank → the default SQLite file; `sqlite:PATH` → that file
 * (relative to the working folder); `postgres://…` or `postgresql://…` → that server.
 * Anything else throws `DatabaseUrlError` with a message that completes "DATABASE_URL …".
 */
export function parseDatabaseUrl(value: string | undefined): DatabaseTarget {
  const text = value?.trim() ?? '';
  if (text === '') return { engine: 'sqlite', file: DEFAULT_DATABASE_FILE };
  if (/^sqlite:/i.test(text)) {
    const file = text.slice('sqlite:'.length);
    if (file === '') throw new DatabaseUrlError('must name a file after sqlite:, e.g. sqlite:./data/steppe.db');
    // `sqlite:///abs/file` is a common spelling of an absolute path.
    return { engine: 'sqlite', file: path.resolve(file.startsWith('///') ? file.slice(2) : file) };
  }
  if (/^postgres(?:ql)?:\/\//i.test(text)) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw new DatabaseUrlError('is not a valid URL: expected postgres://USER:PASSWORD@HOST:PORT/DATABASE');
    }
    if (!url.hostname && !url.searchParams.has('host')) {
      throw new DatabaseUrlError('must name a host: postgres://USER:PASSWORD@HOST:PORT/DATABASE');
    }
    return { engine: 'postgres', url: text };
  }
  throw new DatabaseUrlError('must be empty (SQLite in ./data/steppe.db), sqlite:PATH, or postgres://USER:PASSWORD@HOST:PORT/DATABASE');
}

/** The target for messages and logs: the PostgreSQL password is masked. */
export function describeTarget(target: DatabaseTarget): string {
  if (target.engine === 'sqlite') return `SQLite file ${target.file}`;
  return `PostgreSQL ${redactUrl(target.url)}`;
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    parsed.searchParams.forEach((_value, key) => {
      if (/pass/i.test(key)) parsed.searchParams.set(key, '***');
    });
    return parsed.toString();
  } catch {
    return url.replace(/:[^:@/]*@/, ':***@');
  }
}
