import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slashCommand } from '../fake-discord/fakeDiscord.js';
import { guildOnShard, startTestBot, type TestBot } from './harness.js';
import { safetyNet } from '../fake-discord/safetyNet.js';


describe('sharding: the loopback Discord announces 2 shards', () => {
  let t: TestBot;
  beforeAll(async () => {
    // No SHARD_COUNT: the bot follows Discord's recommendation from /gateway/bot.
    t = await startTestBot({}, { shards: 2 });
  }, safetyNet(30_000)); // per-test bound: a safety net, stretched on a loaded machine
  afterAll(async () => {
    await t?.close();
  });

  it('both shards connect, and the commands are registered once', () => {
    expect(t.fake.connectedShards().sort()).toEqual([0, 1]);
    expect(t.fake.identifies.map((i) => i.shard)).toEqual(expect.arrayContaining([[0, 2], [1, 2]]));
    expect(t.fake.requests.filter((r) => r.method === 'PUT').length).toBe(1);
  });

  it('an interaction on each shard is answered', async () => {
    for (const shard of [0, 1]) {
      const guildId = guildOnShard(shard, 2);
      const r = await t.fake.interact(slashCommand('ask', { question: 'What is the Belt and Road Initiative?' }, { guildId }), { waitFor: 'final' });
      expect(r.shard).toBe(shard);
      expect(r.callback?.type).toBe(4);
      expect(r.callbackMs).toBeLessThan(3000);
    }
  });
});

describe('sharding: one process told which shards it runs', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({ SHARD_IDS: '1', SHARD_COUNT: '2' }, { shards: 2 });
  }, safetyNet(30_000)); // per-test bound: a safety net, stretched on a loaded machine
  afterAll(async () => {
    await t?.close();
  });

  it('connects only its shard and leaves registration to the holder of shard 0', () => {
    expect(t.fake.identifies.map((i) => i.shard)).toEqual([[1, 2]]);
    expect(t.fake.requests.filter((r) => r.method === 'PUT').length).toBe(0);
  });
});
