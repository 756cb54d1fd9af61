import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slashCommand, startFakeDiscord, type FakeDiscord } from '../fake-discord/fakeDiscord.js';
import { guildOnShard, startBotOn, type BotOnFake } from '../discord/harness.js';
import { postgresEngine, postgresRequired } from './engines.js';

/**
 * The cooldown through the store when DATABASE_URL is PostgreSQL: two processes, each
 * running one shard of two, on one database (the suite's real PostgreSQL server), through
 * the loopback Discord. A user limited on one shard is limited on the other, and after
 * the process restarts; the buckets are keyed by a pseudonym, never the user id.
 */

type Data = Record<string, any>;
const USER = { id: '100000000000000321', username: 'asker' };
const engine = postgresEngine();
const skipReason = engine.unavailable && !postgresRequired() ? engine.unavailable : null;

describe.skipIf(skipReason !== null)('the cooldown across shards on PostgreSQL', () => {
  let fake: FakeDiscord;
  let url: string;
  const bots: BotOnFake[] = [];
  const env = (shard: number) => ({ DATABASE_URL: url, SHARD_IDS: String(shard), SHARD_COUNT: '2', COOLDOWN_SECONDS: '600', COOLDOWN_BURST: '1' });
  beforeAll(async () => {
    if (engine.unavailable) throw new Error(engine.unavailable);
    const target = await engine.newDatabase();
    if (target.engine !== 'postgres') throw new Error('expected a PostgreSQL target');
    url = target.url;
    fake = await startFakeDiscord({ shards: 2 });
    bots.push(await startBotOn(fake, { env: env(0) }));
    bots.push(await startBotOn(fake, { env: env(1) }));
  }, 30_000);
  afterAll(async () => {
    for (const bot of bots) await bot.stop();
    await fake?.close();
    await engine.dispose();
  });

  const ask = async (guildId: string) => {
    const r = await fake.interact(slashCommand('ask', { question: 'What is the Belt and Road Initiative?' }, { guildId, user: USER }), { waitFor: 'final' });
    return { shard: r.shard, text: JSON.stringify((r.final() as unknown as Data).embeds) };
  };

  it('a user answered on shard 0 is limited on shard 1, and after shard 0’s process restarts', async () => {
    const first = await ask(guildOnShard(0, 2));
    expect(first.shard).toBe(0);
    expect(first.text).toContain('Belt and Road');
    const second = await ask(guildOnShard(1, 2));
    expect(second.shard).toBe(1);
    expect(second.text).toMatch(/Slow down a little: try again in \d+ s/);
    await bots[0]!.stop();
    bots[0] = await startBotOn(fake, { env: env(0) });
    expect((await ask(guildOnShard(0, 2))).text).toMatch(/Slow down a little/);
    // Someone else is not limited.
    const other = await fake.interact(slashCommand('ask', { question: 'What is the SCO?' }, { guildId: guildOnShard(1, 2), user: { id: '100000000000000654', username: 'other' } }), { waitFor: 'final' });
    expect(JSON.stringify((other.final() as unknown as Data).embeds)).not.toContain('Slow down');
  });

  it('settings made through one process are in the shared database for every other', async () => {
    const guildId = guildOnShard(1, 2);
    const manager = { guildId, permissions: String((1n << 5n) | (1n << 11n)) };
    const set = await fake.interact(slashCommand('settings cooldown', { seconds: 45 }, manager), { waitFor: 'final' });
    expect((set.final() as unknown as Data).embeds[0].description).toBe('The cooldown in this server is now once every 45 s per member.');
    expect(await bots[0]!.store.getGuildSettings(guildId)).toEqual({ cooldown_seconds: 45 });
    // Another manager (this test's bot rule lets each user one command in 600 s).
    const shown = await fake.interact(slashCommand('settings show', {}, { ...manager, user: { id: '100000000000000987', username: 'second' } }), { waitFor: 'final' });
    expect((shown.final() as unknown as Data).embeds[0].fields[4].name).toBe('cooldown: once every 45 s');
  });

  it('keeps the buckets under a pseudonym, never the user id', async () => {
    const sql = postgres(url, { max: 1, onnotice: () => undefined });
    try {
      const rows = await sql<Array<{ bucket_key: string }>>`SELECT bucket_key FROM cooldown_buckets`;
      expect(rows.length).toBeGreaterThanOrEqual(2);
      for (const { bucket_key } of rows) {
        expect(bucket_key).toMatch(/^bot:[A-Za-z0-9_-]{32}$/);
        expect(bucket_key).not.toContain(USER.id);
      }
    } finally {
      await sql.end({ timeout: 5 });
    }
  });
});

it.skipIf(skipReason === null)('the shared cooldown tests need PostgreSQL', () => {
  console.warn(`shared cooldown tests skipped: ${skipReason}`);
});

describe('the shared cooldown when the database fails', () => {
  it('falls back to the process’s own buckets, logged once, and never throws', async () => {
    const { openStore } = await import('../../src/store/index.js');
    const { Cooldowns } = await import('../../src/settings/cooldowns.js');
    const { tempDatabaseFile } = await import('../discord/harness.js');
    const store = await openStore({ engine: 'sqlite', file: tempDatabaseFile() });
    await store.close(); // every call now fails
    const warnings: unknown[] = [];
    const logger = { warn: (...args: unknown[]) => warnings.push(args) } as never;
    const cooldowns = new Cooldowns({ rule: { seconds: 60, burst: 1 }, settings: null, shared: store, keyOf: async (u) => `k${u}`, logger });
    expect(await cooldowns.take('u1', null)).toBe(0);
    expect(await cooldowns.take('u1', null)).toBeGreaterThan(0);
    expect(await cooldowns.take('u2', null)).toBe(0);
    expect(warnings).toHaveLength(1);
  });
});
