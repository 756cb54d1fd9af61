/**
 * Specifies the fake's message-based conversations against a plain
 * discord.js Client (no bot code): user messages in (guild, DM, thread,
 * webhook, replies), Discord's intent rules for message events and content,
 * bot replies with Discord's limits, typing, DM channels and threads.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  ChannelType as DjsChannelType,
  type Client,
  type DiscordAPIError,
  Events,
  GatewayIntentBits,
  MessageType as DjsMessageType,
  type ChatInputCommandInteraction,
  type Interaction,
  type Message,
  type PartialMessage,
  type TextChannel,
  type ThreadChannel,
} from 'discord.js';
import { apiError, CONVERSATION_INTENTS, EVENT_TIMEOUT, nextEvent, startClient, teardown, withTimeout } from './clientHelpers.js';
import { DEFAULT_USER, HAS_THREAD_FLAG, shardForGuild, slashCommand, startFakeDiscord, type FakeDiscord, type FakeMessage } from './fakeDiscord.js';

const TEST_TIMEOUT = 15_000;

// ---------------------------------------------------------------------------
// helpers

/** Resolves with the first `messageCreate` for which `predicate` holds. Start it before the action. */
function nextMessage(client: Client, predicate: (m: Message) => boolean, what = 'messageCreate'): Promise<Message> {
  return nextEvent(client, Events.MessageCreate, predicate, what);
}

/** The new state of message `id` from the next `messageUpdate` (old, new) for it. */
function nextUpdate(client: Client, id: string): Promise<Message> {
  let listener: ((old: Message | PartialMessage, updated: Message | PartialMessage) => void) | undefined;
  const seen = new Promise<Message>((resolve) => {
    listener = (_old, updated) => {
      if (updated.id === id) resolve(updated as Message);
    };
    client.on(Events.MessageUpdate, listener);
  });
  return withTimeout(seen, EVENT_TIMEOUT, 'messageUpdate').finally(() => client.off(Events.MessageUpdate, listener!));
}

function messageCreatesFor(fake: FakeDiscord, messageId: string): Array<{ intents: number; content: unknown }> {
  return fake.dispatches
    .filter((d) => d.t === 'MESSAGE_CREATE' && (d.d as { id: string }).id === messageId)
    .map((d) => ({ intents: d.intents, content: (d.d as { content: unknown }).content }));
}

// ---------------------------------------------------------------------------

describe('user messages reach a client without the MessageContent intent', { timeout: TEST_TIMEOUT }, () => {
  let fake: FakeDiscord;
  let client: Client;

  beforeAll(async () => {
    fake = await startFakeDiscord();
    client = await startClient(fake);
  }, TEST_TIMEOUT);

  afterAll(() => teardown([client], fake), TEST_TIMEOUT);

  it('delivers a message that mentions the bot with its content, author and member', async () => {
    const seen = nextMessage(client, (m) => m.author.id === DEFAULT_USER.id);
    const said = await fake.say({ content: 'what is the weather?', mentionBot: true, roles: [] });
    const message = await seen;

    expect(said.content).toBe(`<@${fake.botUserId}> what is the weather?`);
    expect(message.id).toBe(said.id);
    expect(message.content).toBe(said.content);
    expect(message.mentions.users.has(fake.botUserId)).toBe(true);
    expect(message.guildId).toBe(fake.guildId);
    expect(message.channelId).toBe(fake.channelId);
    expect(message.channel.type).toBe(DjsChannelType.GuildText);
    expect(message.member?.id).toBe(DEFAULT_USER.id);
    expect(message.author.bot).toBe(false);
    expect(message.createdTimestamp).toBeGreaterThan(Date.now() - 10_000);
  });

  it('empties content, embeds, attachments and components of a plain guild message', async () => {
    const seen = nextMessage(client, (m) => m.author.id === DEFAULT_USER.id);
    const said = await fake.say({
      content: 'just chatting',
      embeds: [{ title: 'hidden' }],
      attachments: [{ filename: 'a.txt' }],
    });
    const message = await seen;

    expect(message.id).toBe(said.id);
    expect(message.content).toBe('');
    expect(message.embeds).toHaveLength(0);
    expect(message.attachments.size).toBe(0);
    expect(fake.channelMessages().find((m) => m.id === said.id)?.content).toBe('just chatting');
  });

  it('accepts a plain string as the content', async () => {
    const seen = nextMessage(client, (m) => m.author.id === DEFAULT_USER.id);
    const said = await fake.say('hello');
    expect((await seen).id).toBe(said.id);
    expect(said.content).toBe('hello');
  });

  it('serves the bytes of user attachments given as data, so a bot can download them', async () => {
    const seen = nextMessage(client, (m) => m.author.id === DEFAULT_USER.id);
    await fake.say({ content: 'see file', mentionBot: true, attachments: [{ filename: 'notes.txt', data: 'the notes' }] });
    const attachment = (await seen).attachments.first()!;
    expect(attachment.name).toBe('notes.txt');
    expect(attachment.url.startsWith('http://127.0.0.1:')).toBe(true);
    expect(await (await fetch(attachment.url)).text()).toBe('the notes');
  });

  it('delivers DMs with content, as a DM channel the client did not know', async () => {
    const seen = nextMessage(client, (m) => m.channel.type === DjsChannelType.DM);
    const said = await fake.say({ content: 'private question', dm: true });
    const message = await seen;

    expect(message.id).toBe(said.id);
    expect(message.content).toBe('private question');
    expect(message.guildId).toBeNull();
    expect(message.channelId).toBe(fake.dmChannelFor(DEFAULT_USER.id).id);
    expect(message.channelId).toBe(fake.dmChannelId);
    expect(said.guild_id).toBeUndefined();
    expect(fake.dispatches.find((d) => (d.d as { id?: string }).id === said.id)?.d).toMatchObject({ channel_type: 1 });
  });

  it('gives other users their own DM channel', async () => {
    const seen = nextMessage(client, (m) => m.author.id === '200000000000000002');
    const said = await fake.say({ content: 'hi', dm: true, author: { id: '200000000000000002', username: 'other' } });
    const message = await seen;
    expect(message.author.username).toBe('other');
    expect(said.channel_id).not.toBe(fake.dmChannelId);
    expect(said.channel_id).toBe(fake.dmChannelFor('200000000000000002').id);
  });

  it('marks replies (type 19) and shows their content only when they ping the bot', async () => {
    const botMessage = await (client.channels.cache.get(fake.channelId) as TextChannel).send('I am the bot');

    const pinging = nextMessage(client, (m) => m.reference?.messageId === botMessage.id && m.content !== '');
    const pingingSaid = await fake.say({ content: 'thanks!', replyTo: botMessage.id });
    const reply = await pinging;
    expect(reply.id).toBe(pingingSaid.id);
    expect(reply.type).toBe(DjsMessageType.Reply);
    expect(reply.content).toBe('thanks!');
    expect(reply.mentions.users.has(fake.botUserId)).toBe(true);
    expect(reply.mentions.repliedUser?.id).toBe(fake.botUserId);
    expect(pingingSaid.message_reference).toEqual({
      type: 0,
      message_id: botMessage.id,
      channel_id: fake.channelId,
      guild_id: fake.guildId,
    });
    expect((pingingSaid.referenced_message as FakeMessage).content).toBe('I am the bot');

    const silent = nextMessage(client, (m) => m.reference?.messageId === botMessage.id && m.id !== reply.id);
    const silentSaid = await fake.say({ content: 'no ping', replyTo: botMessage.id, ping: false });
    const quiet = await silent;
    expect(quiet.id).toBe(silentSaid.id);
    expect(quiet.content).toBe('');
    expect(quiet.mentions.users.size).toBe(0);
  });

  it('delivers messages from other bots and from webhooks', async () => {
    const fromBot = nextMessage(client, (m) => m.author.id === '300000000000000003');
    await fake.say({ content: 'beep', author: { id: '300000000000000003', username: 'otherbot', bot: true } });
    expect((await fromBot).author.bot).toBe(true);

    const fromHook = nextMessage(client, (m) => m.webhookId === '400000000000000004');
    const hooked = await fake.say({ content: 'deploy done', webhookId: '400000000000000004', mentionBot: true });
    const message = await fromHook;
    expect(message.author.id).toBe('400000000000000004');
    expect(message.member).toBeNull();
    expect(message.content).toBe(hooked.content);
  });

  it('lists mentioned users, roles and @everyone', async () => {
    const seen = nextMessage(client, (m) => m.author.id === DEFAULT_USER.id && m.mentions.everyone);
    const said = await fake.say({
      content: 'team, look',
      mentions: [{ id: '500000000000000005', username: 'friend' }],
      mentionRoles: ['600000000000000006'],
      mentionEveryone: true,
      mentionBot: true,
    });
    const message = await seen;
    expect(said.content).toBe(`<@${fake.botUserId}> <@500000000000000005> team, look`);
    expect([...message.mentions.users.keys()].sort()).toEqual(['500000000000000005', fake.botUserId].sort());
    expect(message.mentions.members?.has('500000000000000005')).toBe(true);
    expect(said.mention_roles).toEqual(['600000000000000006']);
  });

  it('sends edits (MESSAGE_UPDATE) and deletes (MESSAGE_DELETE) of user messages', async () => {
    const created = nextMessage(client, (m) => m.author.id === DEFAULT_USER.id);
    const said = await fake.say({ content: 'first draft', mentionBot: true });
    await created;

    const updated = nextUpdate(client, said.id);
    const edited = await fake.editUserMessage(said.id, `<@${fake.botUserId}> final text`);
    expect(edited.edited_timestamp).not.toBeNull();
    const after = await updated;
    expect(after.id).toBe(said.id);
    expect(after.content).toBe(`<@${fake.botUserId}> final text`);

    const deleted = nextEvent<Message>(client, Events.MessageDelete, (m) => m.id === said.id, 'messageDelete');
    await fake.deleteUserMessage(said.id);
    expect((await deleted).id).toBe(said.id);
    expect(fake.channelMessages().some((m) => m.id === said.id)).toBe(false);
  });

  it('records typing and rejects it in unknown channels', async () => {
    const channel = client.channels.cache.get(fake.channelId) as TextChannel;
    await channel.sendTyping();
    await channel.sendTyping();
    expect(fake.typingIn(fake.channelId)).toBe(2);
    expect((await apiError(client.rest.post('/channels/1/typing'))).code).toBe(10003);
  });
});

describe('bot messages', { timeout: TEST_TIMEOUT }, () => {
  let fake: FakeDiscord;
  let client: Client;

  beforeAll(async () => {
    fake = await startFakeDiscord();
    client = await startClient(fake);
  }, TEST_TIMEOUT);

  afterAll(() => teardown([client], fake), TEST_TIMEOUT);

  function guildChannel(): TextChannel {
    return client.channels.cache.get(fake.channelId) as TextChannel;
  }

  it('stores message.reply() as a type 19 reply with the reference filled in and its allowed_mentions', async () => {
    const asked = nextMessage(client, (m) => m.author.id === DEFAULT_USER.id);
    const said = await fake.say({ content: 'ping?', mentionBot: true });
    const question = await asked;

    await question.reply({ content: 'pong', allowedMentions: { parse: [], repliedUser: false } });
    const reply = await fake.waitForBotMessage((m) => m.content === 'pong', 2000);

    expect(reply.type).toBe(19);
    expect(reply.author.id).toBe(fake.botUserId);
    expect(reply.message_reference).toEqual({ type: 0, message_id: said.id, channel_id: fake.channelId, guild_id: fake.guildId });
    expect((reply.referenced_message as FakeMessage).id).toBe(said.id);
    expect(fake.allowedMentions(reply.id)).toEqual({ parse: [], replied_user: false });
    expect(reply.mentions).toEqual([]);
  });

  it('computes who a bot message pings from allowed_mentions', async () => {
    const said = await fake.say({ content: 'hi bot', mentionBot: true });
    const loud = await guildChannel().send({ content: `<@${DEFAULT_USER.id}> @everyone`, reply: { messageReference: said.id } });
    const stored = fake.botMessages().find((m) => m.id === loud.id)!;
    expect(fake.allowedMentions(loud.id)).toBeUndefined();
    expect((stored.mentions as Array<{ id: string }>).map((u) => u.id)).toEqual([DEFAULT_USER.id]);
    expect(stored.mention_everyone).toBe(true);

    const quiet = await guildChannel().send({ content: `<@${DEFAULT_USER.id}> @everyone`, allowedMentions: { parse: [] } });
    const storedQuiet = fake.botMessages().find((m) => m.id === quiet.id)!;
    expect(storedQuiet.mentions).toEqual([]);
    expect(storedQuiet.mention_everyone).toBe(false);
  });

  it('echoes the bot its own messages and edits, as Discord does', async () => {
    const echoed = nextMessage(client, (m) => m.author.id === fake.botUserId && m.content === 'echo me');
    const sent = await guildChannel().send('echo me');
    expect((await echoed).id).toBe(sent.id);
    expect(fake.dispatches.some((d) => d.t === 'MESSAGE_CREATE' && (d.d as FakeMessage).id === sent.id)).toBe(true);

    const edited = await sent.edit('edited');
    expect(edited.content).toBe('edited');
    expect(fake.botMessages().find((m) => m.id === sent.id)?.content).toBe('edited');
  });

  it('waits for a bot message that is posted later, bounded', async () => {
    const waiting = fake.waitForBotMessage((m) => m.content === 'later', 2000);
    setTimeout(() => void guildChannel().send('later'), 20);
    expect((await waiting).content).toBe('later');
    await expect(fake.waitForBotMessage((m) => m.content === 'never', 50)).rejects.toThrow(/no matching bot message within 50 ms/);
  });

  it('waits only for bot messages newer than `after`', async () => {
    const first = await guildChannel().send('same words');
    const said = await fake.say({ content: 'again please', mentionBot: true });
    const waiting = fake.waitForBotMessage((m) => m.content === 'same words', { after: said.id, timeoutMs: 2000 });
    const second = await guildChannel().send('same words');
    const found = await waiting;
    expect(found.id).toBe(second.id);
    expect(found.id).not.toBe(first.id);
  });

  it("refuses to edit another user's message", async () => {
    const said = await fake.say({ content: 'mine' });
    const error = await apiError(client.rest.patch(`/channels/${fake.channelId}/messages/${said.id}`, { body: { content: 'x' } }));
    expect(error.code).toBe(50005);
  });

  it('deletes messages and tells the client', async () => {
    const sent = await guildChannel().send('short-lived');
    const gone = nextEvent<Message>(client, Events.MessageDelete, (m) => m.id === sent.id, 'messageDelete');
    await sent.delete();
    await gone;
    expect(fake.channelMessages().some((m) => m.id === sent.id)).toBe(false);
  });

  describe("rejects what Discord rejects (400 50035 Invalid Form Body, named field)", () => {
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['content over 2000 characters', { content: 'x'.repeat(2001) }, 'content'],
      ['more than 10 embeds', { embeds: Array.from({ length: 11 }, () => ({ title: 't' })) }, 'embeds'],
      ['an embed description over 4096 characters', { embeds: [{ description: 'x'.repeat(4097) }] }, 'embeds[0].description'],
      ['an embed title over 256 characters', { embeds: [{ title: 'x'.repeat(257) }] }, 'embeds[0].title'],
      ['embeds over 6000 characters in total', { embeds: [{ description: 'x'.repeat(4000) }, { description: 'y'.repeat(2001) }] }, 'embeds'],
      ['more than 25 embed fields', { embeds: [{ fields: Array.from({ length: 26 }, () => ({ name: 'n', value: 'v' })) }] }, 'embeds[0].fields'],
      ['an embed field without a value', { embeds: [{ fields: [{ name: 'n', value: '' }] }] }, 'embeds[0].fields[0].value'],
      [
        'a custom_id over 100 characters',
        { components: [{ type: 1, components: [{ type: 2, style: 1, label: 'go', custom_id: 'x'.repeat(101) }] }] },
        'components[0].components[0].custom_id',
      ],
      [
        'duplicate custom_ids',
        {
          components: [
            {
              type: 1,
              components: [
                { type: 2, style: 1, label: 'a', custom_id: 'same' },
                { type: 2, style: 1, label: 'b', custom_id: 'same' },
              ],
            },
          ],
        },
        'components[0].components[1].custom_id',
      ],
      ['more than 5 action rows', { components: Array.from({ length: 6 }, (_, i) => ({ type: 1, components: [{ type: 2, style: 1, label: 'b', custom_id: `b${i}` }] })) }, 'components'],
      ['allowed_mentions parse and users together', { content: 'x', allowed_mentions: { parse: ['users'], users: ['1'] } }, 'allowed_mentions.parse'],
    ];

    for (const [what, body, field] of cases) {
      it(what, async () => {
        const error = await apiError(client.rest.post(`/channels/${fake.channelId}/messages`, { body }));
        expect(error.status).toBe(400);
        expect(error.code).toBe(50035);
        expect(error.message).toContain(field);
      });
    }

    it('a reply to a message that does not exist (unless fail_if_not_exists is false)', async () => {
      const error = await apiError(guildChannel().send({ content: 'x', reply: { messageReference: '123456789012345678' } }));
      expect(error.code).toBe(50035);
      expect(error.message).toContain('message_reference');
      const sent = await guildChannel().send({ content: 'x', reply: { messageReference: '123456789012345678', failIfNotExists: false } });
      expect(fake.botMessages().find((m) => m.id === sent.id)?.type).toBe(0);
    });

    it('an empty message (50006) and an unknown channel (404 10003)', async () => {
      expect((await apiError(client.rest.post(`/channels/${fake.channelId}/messages`, { body: {} }))).code).toBe(50006);
      const unknown = await apiError(client.rest.post('/channels/1/messages', { body: { content: 'x' } }));
      expect([unknown.status, unknown.code]).toEqual([404, 10003]);
    });

    it('accepts a message at every limit', async () => {
      const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
        new ButtonBuilder().setCustomId('c'.repeat(100)).setLabel('ok').setStyle(ButtonStyle.Primary),
      );
      const sent = await guildChannel().send({
        content: 'x'.repeat(2000),
        embeds: [{ description: 'd'.repeat(4096) }, { description: 'e'.repeat(1904) }],
        components: [row],
      });
      expect(fake.botMessages().some((m) => m.id === sent.id)).toBe(true);
    });
  });
});

describe('DM channels', { timeout: TEST_TIMEOUT }, () => {
  let fake: FakeDiscord;
  let client: Client;

  beforeAll(async () => {
    fake = await startFakeDiscord();
    client = await startClient(fake);
  }, TEST_TIMEOUT);

  afterAll(() => teardown([client], fake), TEST_TIMEOUT);

  it('opens the user DM channel with POST /users/@me/channels and posts into it', async () => {
    const user = await client.users.fetch(DEFAULT_USER.id);
    const sent = await user.send('hello in private');

    expect(fake.requests.some((r) => r.method === 'POST' && r.path === '/users/@me/channels')).toBe(true);
    expect(sent.channelId).toBe(fake.dmChannelId);
    expect(sent.channel.type).toBe(DjsChannelType.DM);
    expect(fake.channelMessages(fake.dmChannelId).map((m) => m.content)).toContain('hello in private');
    expect(fake.botMessages(fake.dmChannelId)[0]?.guild_id).toBeUndefined();
  });

  it('answers GET /channels/:id for a DM channel, with the recipient', async () => {
    const dm = fake.dmChannelFor(DEFAULT_USER.id);
    const fetched = (await client.rest.get(`/channels/${String(dm.id)}`)) as { type: number; recipients: Array<{ id: string }> };
    expect(fetched.type).toBe(1);
    expect(fetched.recipients.map((u) => u.id)).toEqual([DEFAULT_USER.id]);
  });

  it('lets the bot answer a DM with message.reply()', async () => {
    const seen = nextMessage(client, (m) => m.channel.type === DjsChannelType.DM && m.author.id === DEFAULT_USER.id);
    const said = await fake.say({ content: 'help me', dm: true });
    const message = await seen;
    await message.reply('sure');
    const reply = await fake.waitForBotMessage((m) => m.content === 'sure', 2000);
    expect(reply.channel_id).toBe(said.channel_id);
    expect(reply.message_reference).toEqual({ type: 0, message_id: said.id, channel_id: said.channel_id });
  });

  it('refuses a DM with a user it never saw (50033)', async () => {
    const error = await apiError(client.rest.post('/users/@me/channels', { body: { recipient_id: '999999999999999999' } }));
    expect(error.code).toBe(50033);
  });
});

describe('threads', { timeout: TEST_TIMEOUT }, () => {
  let fake: FakeDiscord;
  let client: Client;
  let restarted: Client | undefined;

  beforeAll(async () => {
    fake = await startFakeDiscord();
    client = await startClient(fake);
  }, TEST_TIMEOUT);

  afterAll(() => teardown([client, restarted], fake), TEST_TIMEOUT);

  it('starts a public thread from a user message; the thread is usable both ways', async () => {
    const asked = nextMessage(client, (m) => m.author.id === DEFAULT_USER.id);
    const said = await fake.say({ content: 'long question', mentionBot: true });
    const question = await asked;

    const thread = await question.startThread({ name: 'Long question', autoArchiveDuration: 60 });
    expect(thread.id).toBe(said.id);
    expect(thread.type).toBe(DjsChannelType.PublicThread);
    expect(thread.parentId).toBe(fake.channelId);
    expect(thread.ownerId).toBe(fake.botUserId);
    expect(thread.joined).toBe(true);
    expect(fake.threads()).toMatchObject([
      { id: said.id, type: 11, parent_id: fake.channelId, owner_id: fake.botUserId, name: 'Long question', member_count: 1 },
    ]);
    expect(fake.threads()[0]?.thread_metadata).toMatchObject({ archived: false, auto_archive_duration: 60, locked: false });
    expect(fake.dispatches.find((d) => d.t === 'THREAD_CREATE')?.d).toMatchObject({ id: said.id, newly_created: true });
    expect(fake.channelMessages().find((m) => m.id === said.id)).toMatchObject({ flags: HAS_THREAD_FLAG, thread: { id: said.id } });

    await thread.send('answer in thread');
    expect(fake.channelMessages(thread.id).map((m) => m.content)).toEqual(['answer in thread']);

    const inThread = nextMessage(client, (m) => m.channelId === thread.id && m.author.id === DEFAULT_USER.id);
    const followUp = await fake.say({ channelId: thread.id, content: 'follow-up', mentionBot: true });
    const received = await inThread;
    expect(received.id).toBe(followUp.id);
    expect(received.channel.type).toBe(DjsChannelType.PublicThread);
    expect(received.guildId).toBe(fake.guildId);
    expect(received.content).toBe(followUp.content);
    expect(fake.dispatches.find((d) => (d.d as { id?: string }).id === followUp.id)?.d).toMatchObject({ channel_type: 11 });
    expect(fake.threads()[0]).toMatchObject({ message_count: 2, last_message_id: followUp.id });
  });

  it('answers GET /channels/:id for a thread and lets the bot join (204)', async () => {
    const threadId = fake.threads()[0]!.id;
    const fetched = (await client.rest.get(`/channels/${threadId}`)) as { type: number; parent_id: string };
    expect(fetched).toMatchObject({ type: 11, parent_id: fake.channelId });
    const thread = client.channels.cache.get(threadId) as ThreadChannel;
    await thread.join();
    expect(fake.requests.at(-1)).toMatchObject({ method: 'PUT', path: `/channels/${threadId}/thread-members/@me`, status: 204 });
  });

  it('starts a thread without a message, leaving a "thread created" system message in the parent', async () => {
    const parent = client.channels.cache.get(fake.channelId) as TextChannel;
    const thread = await parent.threads.create({ name: 'Side topic' });
    expect(thread.type).toBe(DjsChannelType.PublicThread);
    const system = fake.channelMessages().find((m) => m.type === 18);
    expect(system).toMatchObject({ content: 'Side topic', message_reference: { channel_id: thread.id } });
  });

  it('rejects bad thread requests like Discord', async () => {
    const route = `/channels/${fake.channelId}/threads`;
    expect((await apiError(client.rest.post(route as `/${string}`, { body: { name: '', type: 11 } }))).code).toBe(50035);
    expect((await apiError(client.rest.post(route as `/${string}`, { body: { name: 'x'.repeat(101), type: 11 } }))).code).toBe(50035);
    expect((await apiError(client.rest.post(route as `/${string}`, { body: { name: 'ok', auto_archive_duration: 30 } }))).code).toBe(50035);
    const threadId = fake.threads()[0]!.id;
    expect((await apiError(client.rest.post(`/channels/${threadId}/threads`, { body: { name: 'nested' } }))).code).toBe(50024);
    const again = await apiError(client.rest.post(`/channels/${fake.channelId}/messages/${threadId}/threads`, { body: { name: 'again' } }));
    expect(again.code).toBe(160004);
    const noMessage = await apiError(client.rest.post(`/channels/${fake.channelId}/messages/1/threads`, { body: { name: 'x' } }));
    expect(noMessage.code).toBe(10008);
  });

  it('serves channel history newest first with limit and before/after', async () => {
    const thread = client.channels.cache.get(fake.threads()[0]!.id) as ThreadChannel;
    const [answer, followUp] = fake.channelMessages(thread.id);
    const newest = await thread.messages.fetch({ limit: 1 });
    expect([...newest.keys()]).toEqual([followUp!.id]);
    const before = await thread.messages.fetch({ before: followUp!.id, limit: 10 });
    expect([...before.keys()]).toEqual([answer!.id]);
    const after = await thread.messages.fetch({ after: answer!.id });
    expect([...after.keys()]).toEqual([followUp!.id]);
    expect((await apiError(client.rest.get(`/channels/${thread.id}/messages`, { query: new URLSearchParams({ limit: '101' }) }))).code).toBe(50035);
  });

  it('archives threads (THREAD_UPDATE); posting reopens them unless locked', async () => {
    const thread = client.channels.cache.get(fake.threads()[0]!.id) as ThreadChannel;
    const archived = nextEvent<ThreadChannel>(client, Events.ThreadUpdate, () => true, 'threadUpdate');
    await fake.archiveThread(thread.id);
    await archived;
    expect(thread.archived).toBe(true);

    await thread.send('still here');
    expect(fake.threads()[0]?.thread_metadata.archived).toBe(false);

    await fake.archiveThread(thread.id, { locked: true });
    expect((await apiError(thread.send('locked out'))).code).toBe(50083);
    await expect(fake.say({ channelId: thread.id, content: 'me neither' })).rejects.toThrow(/archived and locked/);

    await thread.edit({ archived: false, locked: false, name: 'Renamed' });
    expect(fake.threads()[0]).toMatchObject({ name: 'Renamed', thread_metadata: { archived: false, locked: false } });
    expect((await apiError(thread.setName('x'.repeat(101)))).code).toBe(50035);
  });

  it('puts a thread as the channel of interactions started in it', async () => {
    const threadId = fake.threads()[0]!.id;
    const seen = nextEvent<Interaction>(client, Events.InteractionCreate, () => true, 'interactionCreate');
    const handled = seen.then((interaction) => {
      expect(interaction.channel?.isThread()).toBe(true);
      return (interaction as ChatInputCommandInteraction).reply('in thread');
    });
    const result = await fake.interact(slashCommand('where', {}, { channelId: threadId }));
    await handled;
    expect(result.final()).toMatchObject({ content: 'in thread', channel_id: threadId });
  });

  it('lists its threads in GUILD_CREATE, so a client that logs in again knows them', async () => {
    restarted = await startClient(fake);
    for (const thread of fake.threads()) {
      const cached = restarted.channels.cache.get(thread.id);
      expect(cached?.isThread()).toBe(true);
    }
    expect(fake.threads().length).toBe(2);
  });
});

describe('intent rules', { timeout: TEST_TIMEOUT }, () => {
  let fake: FakeDiscord;
  let guildsOnly: Client;
  let withContent: Client;
  let noDms: Client;

  beforeAll(async () => {
    fake = await startFakeDiscord();
    guildsOnly = await startClient(fake, { intents: [GatewayIntentBits.Guilds] });
    withContent = await startClient(fake, { intents: [...CONVERSATION_INTENTS, GatewayIntentBits.MessageContent] });
    noDms = await startClient(fake, { intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages] });
  }, TEST_TIMEOUT);

  afterAll(() => teardown([guildsOnly, withContent, noDms], fake), TEST_TIMEOUT);

  it('gives content of plain guild messages to a client with MessageContent', async () => {
    const seen = nextMessage(withContent, (m) => m.author.id === DEFAULT_USER.id);
    const said = await fake.say({ content: 'plain words', embeds: [{ title: 'shown' }] });
    const message = await seen;
    expect(message.id).toBe(said.id);
    expect(message.content).toBe('plain words');
    expect(message.embeds[0]?.title).toBe('shown');
  });

  it('sends guild message events only to clients with GuildMessages, each with the content its intents allow', async () => {
    const said = await fake.say({ content: 'who hears this?' });
    expect(messageCreatesFor(fake, said.id).sort((a, b) => a.intents - b.intents)).toEqual([
      { intents: GatewayIntentBits.Guilds | GatewayIntentBits.GuildMessages, content: '' },
      { intents: CONVERSATION_INTENTS.reduce((a, b) => a | b) | GatewayIntentBits.MessageContent, content: 'who hears this?' },
    ]);
  });

  it('sends DM events only to clients with DirectMessages', async () => {
    const said = await fake.say({ content: 'dm', dm: true });
    expect(messageCreatesFor(fake, said.id)).toEqual([
      { intents: CONVERSATION_INTENTS.reduce((a, b) => a | b) | GatewayIntentBits.MessageContent, content: 'dm' },
    ]);
  });

  it('never delivers a message event to a client without message intents', () => {
    const guildsOnlyIntents = GatewayIntentBits.Guilds as number;
    expect(fake.dispatches.filter((d) => d.intents === guildsOnlyIntents && d.t.startsWith('MESSAGE_'))).toEqual([]);
  });
});

describe('interaction replies obey the same message limits', { timeout: TEST_TIMEOUT }, () => {
  let fake: FakeDiscord;
  let client: Client;

  beforeAll(async () => {
    fake = await startFakeDiscord();
    client = await startClient(fake, { intents: [GatewayIntentBits.Guilds] });
  }, TEST_TIMEOUT);

  afterAll(() => teardown([client], fake), TEST_TIMEOUT);

  it('rejects an over-long reply without acknowledging, then accepts a valid one', async () => {
    const outcome = nextEvent<Interaction>(client, Events.InteractionCreate, () => true, 'interactionCreate').then(async (interaction) => {
      const command = interaction as ChatInputCommandInteraction;
      const error = await command.reply('x'.repeat(2001)).then(
        () => undefined,
        (e: unknown) => e as DiscordAPIError,
      );
      await command.reply('short');
      return error;
    });
    const result = await fake.interact(slashCommand('long'));
    expect((await outcome)?.code).toBe(50035);
    expect(result.final()?.content).toBe('short');
    expect(result.requests.map((r) => r.status)).toEqual([400, 204]);
  });
});

describe('message events on a sharded fake', { timeout: TEST_TIMEOUT }, () => {
  let fake: FakeDiscord;
  let client: Client;

  beforeAll(async () => {
    fake = await startFakeDiscord({ shards: 2 });
    client = await startClient(fake, { shards: 'auto' });
    await fake.waitForGateway((f) => f.connectedShards().length === 2, 5000);
  }, TEST_TIMEOUT);

  afterAll(() => teardown([client], fake), TEST_TIMEOUT);

  it("routes guild messages to the guild's shard and DMs to shard 0", async () => {
    const guildShard = shardForGuild(fake.guildId, 2);
    const inGuild = nextMessage(client, (m) => m.guildId === fake.guildId);
    const guildSaid = await fake.say({ content: 'hi', mentionBot: true });
    expect((await inGuild).id).toBe(guildSaid.id);
    const inDm = nextMessage(client, (m) => m.guildId === null);
    const dmSaid = await fake.say({ content: 'hi', dm: true });
    expect((await inDm).id).toBe(dmSaid.id);

    const shardOf = (id: string): number[] =>
      fake.dispatches.filter((d) => d.t === 'MESSAGE_CREATE' && (d.d as { id: string }).id === id).map((d) => d.shard);
    expect(shardOf(guildSaid.id)).toEqual([guildShard]);
    expect(shardOf(dmSaid.id)).toEqual([0]);
  });
});
