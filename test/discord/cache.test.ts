import { ChannelType } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageContextMenu, slashCommand } from '../fake-discord/fakeDiscord.js';
import { startTestBot, type TestBot } from './harness.js';

/**
 * The client's caches (src/discord/bot.ts CACHE_LIMITS): everything Steppe reads comes in
 * the interaction, so it keeps no users, members or messages but its own. By default
 * discord.js would keep every user and member that ever used the bot (about 0.7 KB each,
 * never released) and up to 200 messages per channel.
 */

const user = (n: number) => ({ user: { id: `3000000000000000${String(n).padStart(2, '0')}`, username: `reader${n}`, global_name: `Reader ${n}` } });

describe('what the client keeps in memory', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers interactions from many users and on messages, then holds only its own user and member, and no messages', async () => {
    for (let n = 1; n <= 4; n++) {
      const r = await t.fake.interact(slashCommand('ask', { question: 'How many Kazakhs live in Mongolia?', mention: `3000000000000001${n}` }, user(n)));
      expect(r.callback?.type).toBe(4);
      expect(JSON.stringify(r.callback!.data)).toContain('miliate-2013/2');
    }
    const found = await t.fake.interact(messageContextMenu('Find sources', { content: 'Why are Mongolia–Kazakhstan relations so weak?' }, user(5)));
    expect(found.callback?.type).toBe(4);

    const client = t.bot.client;
    const botId = client.user!.id;
    expect([...client.users.cache.keys()]).toEqual([botId]);
    const guild = client.guilds.cache.get(t.fake.guildId)!;
    expect([...guild.members.cache.keys()]).toEqual([botId]);
    expect(guild.members.me?.id).toBe(botId);
    const channel = client.channels.cache.get(t.fake.channelId);
    expect(channel?.type).toBe(ChannelType.GuildText);
    expect(channel?.isTextBased() ? channel.messages.cache.size : -1).toBe(0);
  });
});
