import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slashCommand, startFakeDiscord, type FakeDiscord } from '../fake-discord/fakeDiscord.js';
import { guildOnShard, tempDatabaseFile, TEST_TOKEN, withTimeout } from './harness.js';
import { safetyNet } from '../fake-discord/safetyNet.js';


describe('npm run start:sharded: one process per shard, through the real entry', () => {
  let fake: FakeDiscord;
  let manager: ChildProcess;
  let output = '';

  beforeAll(async () => {
    fake = await startFakeDiscord({ shards: 2 });
    // node --import tsx runs the entry in this very process, so signals reach it directly.
    manager = spawn(process.execPath, ['--import', 'tsx', 'src/sharded.ts'], {
      cwd: new URL('../..', import.meta.url),
      env: {
        ...process.env,
        DISCORD_TOKEN: TEST_TOKEN,
        DISCORD_API_URL: fake.apiUrl,
        DISCORD_GUILD_ID: fake.guildId,
        LOG_LEVEL: 'info',
        COOLDOWN_SECONDS: '0',
        SHARD_SPAWN_DELAY_MS: '0',
        // Both shard processes share one SQLite file, as shards on one host do.
        DATABASE_URL: `sqlite:${tempDatabaseFile()}`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    manager.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    manager.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    await withTimeout(
      (async () => {
        while (fake.connectedShards().length < 2 || !output.includes('all shards ready')) await new Promise((r) => setTimeout(r, 100));
      })(),
      45_000,
      'both shard processes ready',
    );
  }, safetyNet(60_000)); // per-test bound: a safety net, stretched on a loaded machine

  afterAll(async () => {
    if (manager && manager.exitCode === null) {
      manager.kill('SIGTERM');
      await withTimeout(new Promise((r) => manager.once('exit', r)), 15_000, 'manager exit').catch(() => manager.kill('SIGKILL'));
    }
    await fake?.close();
  }, safetyNet(30_000)); // per-test bound: a safety net, stretched on a loaded machine

  it('asks the fake Discord for the shard count and starts both shards', () => {
    expect(fake.connectedShards().sort()).toEqual([0, 1]);
    expect(fake.requests.some((r) => r.path.endsWith('/gateway/bot'))).toBe(true);
    expect(output).not.toContain(TEST_TOKEN);
  });

  it('each shard process answers interactions of its guilds', async () => {
    for (const shard of [0, 1]) {
      const r = await fake.interact(slashCommand('ask', { question: 'How many Kazakhs live in Mongolia?' }, { guildId: guildOnShard(shard, 2) }), {
        waitFor: 'final',
        timeoutMs: 10_000,
      });
      expect(r.shard).toBe(shard);
      expect(r.callback?.type).toBe(4);
    }
  }, safetyNet(30_000)); // per-test bound: a safety net, stretched on a loaded machine

  it('stops both shard processes on SIGTERM and exits 0', async () => {
    manager.kill('SIGTERM');
    const code = await withTimeout(new Promise<number | null>((r) => manager.once('exit', r)), 20_000, 'manager exit');
    expect(code).toBe(0);
  }, safetyNet(30_000)); // per-test bound: a safety net, stretched on a loaded machine
});
