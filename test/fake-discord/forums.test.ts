/**
 * Specifies the fake's forum channels against a plain discord.js Client (no bot code):
 * a forum (type 15) holds posts, each a public thread (type 11) whose parent is the forum
 * and whose starter message has the thread's id; a user's new post arrives as
 * THREAD_CREATE then MESSAGE_CREATE (channel_type 11), as on Discord.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ChannelType as DjsChannelType,
  type Client,
  Events,
  GatewayIntentBits,
  type AnyThreadChannel,
  type ForumChannel,
  type Interaction,
  type Message,
} from 'discord.js';
import { apiError, CONVERSATION_INTENTS, nextEvent, startClient, teardown, withTimeout } from './clientHelpers.js';
import { ChannelType, DEFAULT_USER, slashCommand, startFakeDiscord, type FakeDiscord, type JsonObject } from './fakeDiscord.js';
import { safetyNet } from './safetyNet.js';

const TEST_TIMEOUT = safetyNet(15_000); // a safety net, stretched on a loaded machine

describe('forum channels', { timeout: TEST_TIMEOUT }, () => {
  let fake: FakeDiscord;
  let client: Client;
  let content: Client;
  let forumId: string;

  beforeAll(async () => {
    fake = await startFakeDiscord();
    client = await startClient(fake);
    content = await startClient(fake, { intents: [...CONVERSATION_INTENTS, GatewayIntentBits.MessageContent] });
  }, TEST_TIMEOUT);

  afterAll(async () => {
    await teardown([client, content], fake);
  }, TEST_TIMEOUT);

  it('creates a forum the client caches from CHANNEL_CREATE, with its tags; GET /channels/:id answers it', async () => {
    const created = nextEvent<ForumChannel>(client, Events.ChannelCreate, (c) => c.type === DjsChannelType.GuildForum, 'channelCreate');
    const forum = await fake.createForum({ name: 'help', tags: ['trade', 'history'] });
    forumId = String(forum.id);
    const seen = await created;
    expect(seen.id).toBe(forumId);
    expect(seen.guildId).toBe(fake.guildId);
    expect(seen.availableTags.map((t) => t.name)).toEqual(['trade', 'history']);
    const fetched = (await client.channels.fetch(forumId, { force: true })) as ForumChannel;
    expect(fetched.type).toBe(DjsChannelType.GuildForum);
    expect(fetched.name).toBe('help');
  });

  it("a user's post: THREAD_CREATE then MESSAGE_CREATE of its starter message, whose id is the thread's", async () => {
    const order: string[] = [];
    const onThread = (t: AnyThreadChannel, newly: boolean) => order.push(`thread:${t.id}:${newly}`);
    const onMessage = (m: Message) => order.push(`message:${m.id}`);
    client.on(Events.ThreadCreate, onThread);
    client.on(Events.MessageCreate, onMessage);
    const tag = ((await client.channels.fetch(forumId)) as ForumChannel).availableTags[0]!.id;
    const arrived = nextEvent<Message>(client, Events.MessageCreate, (m) => m.channel.isThread() && m.channel.parentId === forumId, 'messageCreate in the post');
    const withContent = nextEvent<Message>(content, Events.MessageCreate, (m) => m.channel.isThread() && m.channel.parentId === forumId, 'messageCreate (content)');
    const { thread, message } = await fake.post({ forumId, name: 'Mongolian exports', content: 'What did Mongolia export to Kazakhstan?', appliedTags: [tag] });
    const seen = await arrived;
    client.off(Events.ThreadCreate, onThread);
    client.off(Events.MessageCreate, onMessage);

    expect(order).toEqual([`thread:${thread.id}:true`, `message:${thread.id}`]);
    expect(message.id).toBe(thread.id);
    expect(message.channel_id).toBe(thread.id);
    expect(thread).toMatchObject({ type: ChannelType.PublicThread, parent_id: forumId, owner_id: DEFAULT_USER.id, applied_tags: [tag], message_count: 0 });
    expect(seen.id).toBe(seen.channelId);
    expect(seen.channel.type).toBe(DjsChannelType.PublicThread);
    const post = seen.channel as AnyThreadChannel;
    expect(post.parent?.type).toBe(DjsChannelType.GuildForum);
    expect(post.ownerId).toBe(DEFAULT_USER.id);
    expect(post.appliedTags).toEqual([tag]);
    // plain content needs the Message Content intent, as anywhere in a guild
    expect(seen.content).toBe('');
    expect((await withContent).content).toBe('What did Mongolia export to Kazakhstan?');
    const dispatched = fake.dispatches.filter((d) => (d.d as { id?: string }).id === thread.id).map((d) => [d.t, (d.d as { channel_type?: number }).channel_type]);
    expect(dispatched).toContainEqual(['MESSAGE_CREATE', 11]);
    expect(dispatched.findIndex(([t]) => t === 'THREAD_CREATE')).toBeLessThan(dispatched.findIndex(([t]) => t === 'MESSAGE_CREATE'));
    expect(fake.channelMessages(thread.id).map((m) => m.id)).toEqual([thread.id]);
    expect((await client.channels.fetch(forumId, { force: true }))?.isTextBased()).toBe(false);
  });

  it('later messages in a post are ordinary thread messages; the bot can answer in the post', async () => {
    const { thread } = await fake.post({ forumId, name: 'Railways', content: 'Which railway links Mongolia and Kazakhstan?' });
    const later = nextEvent<Message>(content, Events.MessageCreate, (m) => m.channelId === thread.id && m.id !== thread.id, 'a later message');
    const said = await fake.say({ channelId: thread.id, content: 'Me too', author: { id: '100000000000000777', username: 'other' } });
    const message = await later;
    expect(message.id).toBe(said.id);
    expect(message.id).not.toBe(thread.id);
    expect(message.content).toBe('Me too');
    expect(fake.threads().find((t) => t.id === thread.id)?.message_count).toBe(1);
    const sent = await (message.channel as AnyThreadChannel).send({ content: 'answer', allowedMentions: { parse: [] } });
    expect(fake.botMessages(thread.id).map((m) => m.id)).toContain(sent.id);
    await (message.channel as AnyThreadChannel).sendTyping();
    expect(fake.typingIn(thread.id)).toBe(1);
  });

  it("the bot's own post: POST /channels/:forum/threads with a message; the starter is fetchable by the thread id", async () => {
    const forum = (await client.channels.fetch(forumId)) as ForumChannel;
    const post = await forum.threads.create({ name: 'Bot post', message: { content: 'Hello forum', allowedMentions: { parse: [] } } });
    expect(post.parentId).toBe(forumId);
    expect(post.type).toBe(DjsChannelType.PublicThread);
    expect(post.ownerId).toBe(fake.botUserId);
    const starter = await post.fetchStarterMessage();
    expect(starter?.id).toBe(post.id);
    expect(starter?.content).toBe('Hello forum');
    expect(fake.botMessages(post.id).map((m) => m.id)).toEqual([post.id]);
    expect(fake.allowedMentions(post.id)).toEqual({ parse: [] });
  });

  it('refuses what Discord refuses in forums', async () => {
    const forum = (await client.channels.fetch(forumId)) as ForumChannel;
    // no messages in the forum itself
    expect((await apiError(client.rest.post(`/channels/${forumId}/messages`, { body: { content: 'hi' } }))).code).toBe(50008);
    expect((await apiError(client.rest.post(`/channels/${forumId}/typing`))).code).toBe(50008);
    expect((await apiError(forum.threads.create({ name: 'x'.repeat(101), message: { content: 'hi' } }))).code).toBe(50035);
    expect((await apiError(client.rest.post(`/channels/${forumId}/threads`, { body: { name: 'no message' } }))).code).toBe(50035);
    expect((await apiError(forum.threads.create({ name: 'Bad tag', message: { content: 'hi' }, appliedTags: ['123456789012345678'] }))).code).toBe(50035);
    const strict = await fake.createForum({ name: 'strict', tags: ['a'], requireTag: true });
    const strictForum = (await client.channels.fetch(String(strict.id))) as ForumChannel;
    expect((await apiError(strictForum.threads.create({ name: 'Untagged', message: { content: 'hi' } }))).code).toBe(40067);
    await expect(fake.post({ forumId: String(strict.id), name: 'Untagged', content: 'hi' })).rejects.toThrow(/40067/);
    await expect(fake.post({ forumId, name: 'Empty', content: '  ' })).rejects.toThrow(/50006/);
    await expect(fake.post({ forumId: fake.channelId, name: 'Not a forum', content: 'hi' })).rejects.toThrow(/not a forum/);
    await expect(fake.say({ channelId: forumId, content: 'hi' })).rejects.toThrow(/is a forum/);
  });

  it('a channel option naming the forum carries it in resolved.channels', async () => {
    let seen: number | undefined;
    const onInteraction = (i: Interaction) => {
      if (!i.isChatInputCommand()) return;
      seen = i.options.getChannel('channel')?.type;
      void i.reply({ content: 'ok' });
    };
    client.on(Events.InteractionCreate, onInteraction);
    try {
      const result = await fake.interact(slashCommand('pick', [{ name: 'channel', type: 7, value: forumId }]), { waitFor: 'callback' });
      expect(((result.payload.data as JsonObject).resolved as JsonObject).channels).toMatchObject({ [forumId]: { id: forumId, type: ChannelType.GuildForum, name: 'help' } });
      expect(seen).toBe(DjsChannelType.GuildForum);
    } finally {
      client.off(Events.InteractionCreate, onInteraction);
    }
  });

  it('lists forums and their posts in GUILD_CREATE, so a client that logs in again knows them', async () => {
    const again = await startClient(fake);
    try {
      const forum = again.channels.cache.get(forumId);
      expect(forum?.type).toBe(DjsChannelType.GuildForum);
      const posts = [...again.channels.cache.values()].filter((c) => c.isThread() && c.parentId === forumId);
      expect(posts.length).toBeGreaterThanOrEqual(3);
    } finally {
      await withTimeout(again.destroy(), 3000, 'client.destroy()').catch(() => undefined);
    }
  });
});
