import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { ConfigError, indexCacheDir, parseConfig } from '../../src/config.js';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GfakeX.abcdefghijklmnopqrstuvwxyz0123456789AB';

describe('configuration', () => {
  it('accepts an empty environment (console mode) with defaults', () => {
    const c = parseConfig({});
    expect(c).toMatchObject({ LOG_LEVEL: 'info', COOLDOWN_SECONDS: 3, COOLDOWN_BURST: 5 });
    expect(c.DISCORD_TOKEN).toBeUndefined();
  });

  it('treats empty values (as copied from .env.example) as unset', () => {
    expect(parseConfig({ DISCORD_TOKEN: '', DISCORD_GUILD_ID: ' ', DISCORD_API_URL: '' }).DISCORD_TOKEN).toBeUndefined();
  });

  it('names the variable and how to fix it, in one line, without echoing the token', () => {
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ DISCORD_TOKEN: 'not-a-token' }, /^DISCORD_TOKEN does not look like a bot token .*Reset Token/],
      [{ DISCORD_GUILD_ID: '12ab' }, /^DISCORD_GUILD_ID must be a server id/],
      [{ DISCORD_API_URL: 'ftp://x' }, /^DISCORD_API_URL must start with http/],
      [{ DISCORD_API_URL: 'not a url' }, /^DISCORD_API_URL must be a URL/],
      [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL must be one of trace, debug, info/],
      [{ COOLDOWN_SECONDS: '-1' }, /^COOLDOWN_SECONDS must be 0 or more/],
      [{ COOLDOWN_SECONDS: 'fast' }, /^COOLDOWN_SECONDS must be a number of seconds, e\.g\. 3/],
      [{ COOLDOWN_BURST: 'lots' }, /^COOLDOWN_BURST must be a whole number of questions/],
      [{ SHARD_COUNT: 'two' }, /^SHARD_COUNT must be a whole number of shards/],
      [{ QUESTION_LOG_DAYS: 'forever' }, /^QUESTION_LOG_DAYS must be a whole number of days/],
      [{ SHARD_IDS: '0,x' }, /^SHARD_IDS must be shard numbers/],
      [{ SHARD_IDS: '0,3', SHARD_COUNT: '2' }, /^SHARD_IDS must all be below SHARD_COUNT/],
    ];
    for (const [env, message] of cases) {
      let error: unknown;
      try {
        parseConfig(env);
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain('\n');
      expect((error as Error).message).toMatch(/see \.env\.example\)$/);
    }
  });

  it('trims a token pasted with a trailing space or newline', () => {
    for (const pasted of [`${TOKEN} `, `${TOKEN}\n`, ` ${TOKEN}\r\n`]) expect(parseConfig({ DISCORD_TOKEN: pasted }).DISCORD_TOKEN).toBe(TOKEN);
  });

  it('accepts a well-formed configuration', () => {
    const c = parseConfig({ DISCORD_TOKEN: TOKEN, DISCORD_GUILD_ID: '123456789012345678', DISCORD_API_URL: 'http://127.0.0.1:9/api', SHARD_IDS: '0,1', SHARD_COUNT: '4' });
    expect(c).toMatchObject({ DISCORD_TOKEN: TOKEN, SHARD_IDS: [0, 1], SHARD_COUNT: 4 });
  });

  it('INDEX_CACHE_DIR: a folder (made absolute), off, or the default when empty', () => {
    expect(indexCacheDir(parseConfig({}), '/default/.cache')).toBe('/default/.cache');
    expect(indexCacheDir(parseConfig({ INDEX_CACHE_DIR: '  ' }), '/default/.cache')).toBe('/default/.cache');
    expect(indexCacheDir(parseConfig({ INDEX_CACHE_DIR: 'var/steppe' }), '/d')).toBe(path.resolve('var/steppe'));
    for (const off of ['off', 'OFF', 'none', 'false', '0']) expect(indexCacheDir(parseConfig({ INDEX_CACHE_DIR: off }), '/d')).toBeNull();
  });
});
