import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config.js';
import { DEFAULT_DATABASE_FILE, describeTarget, parseDatabaseUrl } from '../../src/store/index.js';
import { REPO_ROOT } from '../../src/paths.js';

describe('DATABASE_URL', () => {
  it('unset or blank means SQLite in data/steppe.db at the repository root', () => {
    expect(DEFAULT_DATABASE_FILE).toBe(path.join(REPO_ROOT, 'data', 'steppe.db'));
    expect(parseConfig({}).DATABASE_URL).toEqual({ engine: 'sqlite', file: DEFAULT_DATABASE_FILE });
    expect(parseConfig({ DATABASE_URL: '  ' }).DATABASE_URL).toEqual({ engine: 'sqlite', file: DEFAULT_DATABASE_FILE });
  });

  it('sqlite:PATH names a file, relative to the working folder or absolute', () => {
    expect(parseConfig({ DATABASE_URL: 'sqlite:./var/bot.db' }).DATABASE_URL).toEqual({ engine: 'sqlite', file: path.resolve('var/bot.db') });
    expect(parseConfig({ DATABASE_URL: 'sqlite:/srv/steppe/bot.db' }).DATABASE_URL).toEqual({ engine: 'sqlite', file: '/srv/steppe/bot.db' });
    expect(parseDatabaseUrl('sqlite:///srv/steppe/bot.db')).toEqual({ engine: 'sqlite', file: '/srv/steppe/bot.db' });
  });

  it('postgres:// and postgresql:// name a PostgreSQL server', () => {
    for (const url of ['postgres://steppe:pw@db.internal:5432/steppe', 'postgresql://steppe@10.0.0.5/steppe?sslmode=require']) {
      expect(parseConfig({ DATABASE_URL: url }).DATABASE_URL).toEqual({ engine: 'postgres', url });
    }
  });

  it('anything else stops start-up with one line naming DATABASE_URL', () => {
    for (const value of ['mysql://root@localhost/steppe', 'steppe.db', 'sqlite:', 'postgres://']) {
      let error: unknown;
      try {
        parseConfig({ DATABASE_URL: value });
      } catch (e) {
        error = e;
      }
      expect(error, value).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(/^DATABASE_URL (must|is)/);
      expect((error as Error).message).not.toContain('\n');
    }
  });

  it('is described for logs with the password masked', () => {
    expect(describeTarget(parseDatabaseUrl('postgres://steppe:s3cret@db:5432/steppe'))).toBe('PostgreSQL postgres://steppe:***@db:5432/steppe');
    expect(describeTarget({ engine: 'sqlite', file: '/srv/bot.db' })).toBe('SQLite file /srv/bot.db');
  });
});
