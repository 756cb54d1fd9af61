/**
 * Proves the loopback fake Discord against a plain discord.js Client (no bot
 * code): login/ready, command registration, every reply style, gateway
 * faults (resume, re-identify, zombie heartbeats), sharding and REST fault
 * injection. Everything runs on 127.0.0.1.
 */
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  ActionRowBuilder,
  AttachmentBuilder,
  ButtonBuilder,
  ButtonStyle,
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  MessageFlags,
  ModalBuilder,
  Routes,
  TextInputBuilder,
  TextInputStyle,
  type ChatInputCommandInteraction,
  type ClientOptions,
  type Interaction,
} from 'discord.js';
import {
  autocomplete,
  buttonClick,
  messageContextMenu,
  modalSubmit,
  selectMenu,
  shardForGuild,
  slashCommand,
  startFakeDiscord,
  userContextMenu,
  type FakeDiscord,
} from './fakeDiscord.js';
import { describeBound, safetyNet } from './safetyNet.js';

const TEST_TIMEOUT = 15_000;

// ---------------------------------------------------------------------------
// helpers

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const bound = safetyNet(ms); // a safety net, stretched on a loaded machine
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${describeBound(ms, bound)}`)), bound);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Log a real discord.js client into the fake and wait for clientReady (not login()). */
async function startClient(fake: FakeDiscord, options: Partial<ClientOptions> = {}): Promise<Client> {
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiUrl }, ...options });
  const ready = once(client, Events.ClientReady);
  client.login('fake-token').catch(() => {
    // a failed login surfaces as the ready timeout below
  });
  await withTimeout(ready, 5000, 'clientReady');
  return client;
}

/** Client first (bounded: destroy() can hang on a half-open login), then the fake. */
async function teardown(client: Client | undefined, fake: FakeDiscord | undefined): Promise<void> {
  if (client) await withTimeout(client.destroy(), 3000, 'client.destroy()').catch(() => undefined);
  if (fake) await fake.close();
}

// ---------------------------------------------------------------------------
// a tiny test bot, written against discord.js only

const handlerErrors: unknown[] = [];

function installTestBot(client: Client): void {
  client.on(Events.InteractionCreate, (interaction) => {
    handle(interaction).catch((error: unknown) => handlerErrors.push(error));
  });
}

async function handle(interaction: Interaction): Promise<void> {
  if (interaction.isAutocomplete()) {
    const typed = interaction.options.getFocused();
    await interaction.respond([
      { name: `${typed} one`, value: 'one' },
      { name: `${typed} two`, value: 'two' },
    ]);
    return;
  }
  if (interaction.isButton() && interaction.customId === 'more') {
    await interaction.update({ content: 'updated', components: [] });
    return;
  }
  if (interaction.isStringSelectMenu()) {
    await interaction.reply(`chose ${interaction.values.join(',')}`);
    return;
  }
  if (interaction.isMessageContextMenuCommand()) {
    const target = interaction.targetMessage;
    await interaction.reply(`quoted: ${target.content} by ${target.author.username}`);
    return;
  }
  if (interaction.isUserContextMenuCommand()) {
    await interaction.reply(`profile of ${interaction.targetUser.username}`);
    return;
  }
  if (interaction.isModalSubmit()) {
    await interaction.reply(`topic=${interaction.fields.getTextInputValue('topic')}`);
    return;
  }
  if (interaction.isChatInputCommand()) await handleCommand(interaction);
}

async function handleCommand(interaction: ChatInputCommandInteraction): Promise<void> {
  switch (interaction.commandName) {
    case 'ping':
      await interaction.reply('pong');
      break;
    case 'ask':
      await interaction.reply(`asked ${interaction.options.getString('question')} via ${interaction.commandId}`);
      break;
    case 'slow':
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      await sleep(30);
      await interaction.editReply({ content: 'done', embeds: [{ title: 'Result' }] });
      break;
    case 'file':
      await interaction.reply({
        content: 'here you go',
        files: [new AttachmentBuilder(Buffer.from('reply file'), { name: 'reply.txt' })],
      });
      await interaction.followUp({
        content: 'attached',
        files: [new AttachmentBuilder(Buffer.from('hello file'), { name: 'note.txt' })],
      });
      break;
    case 'menu': {
      const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
        new ButtonBuilder().setCustomId('more').setLabel('More').setStyle(ButtonStyle.Primary),
      );
      await interaction.reply({ content: 'pick', components: [row] });
      break;
    }
    case 'roundtrip': {
      const response = await interaction.reply({ content: 'v1', withResponse: true });
      const fetched = await interaction.fetchReply();
      await interaction.editReply(`v2 same=${response.resource?.message?.id === fetched.id}`);
      await interaction.followUp(`fetched:${fetched.content}`);
      break;
    }
    case 'form': {
      const input = new TextInputBuilder().setCustomId('topic').setLabel('Topic').setStyle(TextInputStyle.Short);
      const modal = new ModalBuilder()
        .setCustomId('form')
        .setTitle('Form')
        .addComponents(new ActionRowBuilder<TextInputBuilder>().addComponents(input));
      await interaction.showModal(modal);
      break;
    }
    case 'twice': {
      await interaction.reply('one');
      // discord.js refuses a second reply locally, so go around it to see Discord's answer
      const second = await interaction.client.rest
        .post(Routes.interactionCallback(interaction.id, interaction.token), {
          body: { type: 4, data: { content: 'again' } },
          auth: false,
        })
        .then(
          () => 'accepted',
          (error: unknown) => (error instanceof DiscordAPIError ? String(error.code) : 'other'),
        );
      await interaction.followUp(`second:${second}`);
      break;
    }
    case 'whoami':
      await interaction.reply(`${interaction.inGuild() ? 'guild' : 'dm'}:${interaction.user.username}:${interaction.locale}`);
      break;
    case 'config':
      await interaction.reply(
        `${interaction.options.getSubcommandGroup(false) ?? '-'} ${interaction.options.getSubcommand()} ${interaction.options.getString('key')}`,
      );
      break;
    case 'announce':
      if (!interaction.channel?.isSendable()) throw new Error('channel not cached');
      await interaction.channel.send('hello channel');
      await interaction.reply('announced');
      break;
    case 'deferonly':
      await interaction.deferReply();
      break;
    case 'ignore':
      break;
    default:
      throw new Error(`unexpected command ${interaction.commandName}`);
  }
}

// ---------------------------------------------------------------------------

describe('fake Discord with a real discord.js client', { timeout: TEST_TIMEOUT }, () => {
  let fake: FakeDiscord;
  let client: Client;

  beforeAll(async () => {
    fake = await startFakeDiscord();
    client = await startClient(fake);
    installTestBot(client);
  }, TEST_TIMEOUT);

  afterAll(async () => {
    await teardown(client, fake);
    expect(handlerErrors).toEqual([]);
  }, TEST_TIMEOUT);

  it('logs in through /gateway/bot, identifies once and caches the guild from GUILD_CREATE', () => {
    expect(fake.requests[0]).toMatchObject({ method: 'GET', path: '/gateway/bot', authorized: true, status: 200 });
    expect(fake.identifyCount).toBe(1);
    expect(fake.identifies[0]).toMatchObject({ shard: [0, 1], intents: GatewayIntentBits.Guilds });
    expect(fake.connectedShards()).toEqual([0]);
    expect(client.user?.id).toBe(fake.botUserId);
    expect(client.application?.id).toBe(fake.applicationId);
    expect(client.guilds.cache.get(fake.guildId)?.channels.cache.has(fake.channelId)).toBe(true);
  });

  it('stores global and guild commands and names interactions after them', async () => {
    await client.application!.commands.set([
      {
        name: 'ask',
        description: 'Ask a question',
        options: [{ type: 3, name: 'question', description: 'What to ask', required: true, autocomplete: true }],
      },
      { name: 'Quote', type: 3 },
    ]);
    await client.guilds.cache.get(fake.guildId)!.commands.set([{ name: 'ping', description: 'Ping' }]);

    expect(fake.registeredCommands().map((c) => c.name)).toEqual(['ask', 'Quote']);
    expect(fake.registeredCommands({ guildId: fake.guildId }).map((c) => c.name)).toEqual(['ping']);
    const fetched = await client.application!.commands.fetch();
    expect([...fetched.values()].map((c) => c.name).sort()).toEqual(['Quote', 'ask']);

    const askId = fake.registeredCommands().find((c) => c.name === 'ask')!.id;
    const result = await fake.interact(slashCommand('ask', { question: 'steppe' }));
    expect(result.final()?.content).toBe(`asked steppe via ${askId}`);

    // Discord's validation applies: upper-case chat-input names are refused
    await expect(client.application!.commands.create({ name: 'Bad Name', description: 'x' })).rejects.toMatchObject({
      code: 50035,
    });
  });

  it('records a plain reply: callback type 4, timing, no auth header', async () => {
    const sent = performance.now();
    const result = await fake.interact(slashCommand('ping'));
    const took = performance.now() - sent;
    expect(result.callback).toMatchObject({ type: 4, data: { content: 'pong' }, withResponse: false });
    // Timed from the dispatch: within the round trip the test saw, whatever the machine's load.
    expect(result.callbackMs).toBeGreaterThanOrEqual(0);
    expect(result.callbackMs).toBeLessThanOrEqual(Math.ceil(took));
    // the bot's own time is the wall time minus waits for a CPU: never more
    expect(result.callbackMs).toBeLessThanOrEqual(result.callback!.atMs);
    expect(result.final()).toMatchObject({ content: 'pong', ephemeral: false, loading: false, type: 20 });
    expect(result.requests).toHaveLength(1);
    expect(result.requests[0]).toMatchObject({
      method: 'POST',
      path: `/interactions/${result.id}/${result.token}/callback`,
      authorized: false,
      status: 204,
    });
  });

  it('follows deferReply + editReply to the final ephemeral state', async () => {
    const result = await fake.interact(slashCommand('slow'));
    expect(result.callback).toMatchObject({ type: 5, data: { flags: MessageFlags.Ephemeral } });
    expect(result.edits).toHaveLength(1);
    expect(result.edits[0]).toMatchObject({ kind: 'edit', original: true, body: { content: 'done' } });
    expect(result.final()).toMatchObject({
      content: 'done',
      embeds: [{ title: 'Result' }],
      ephemeral: true,
      loading: false,
    });
  });

  it('parses a multipart follow-up with an attachment and serves the file', async () => {
    const result = await fake.interact(slashCommand('file'));
    // the callback itself was multipart too
    expect(result.callback?.files.map((f) => [f.name, f.bytes.toString()])).toEqual([['reply.txt', 'reply file']]);
    expect(result.final()?.attachments.map((a) => a.filename)).toEqual(['reply.txt']);

    await result.waitUntil((r) => r.followUps.length === 1);
    expect(result.followUps).toHaveLength(1);
    const followUp = result.followUps[0]!;
    expect(followUp.query.wait).toBe('true');
    expect(followUp.files).toHaveLength(1);
    expect(followUp.files[0]!.name).toBe('note.txt');
    expect(followUp.files[0]!.bytes.toString()).toBe('hello file');
    const attachment = followUp.message!.attachments[0]!;
    expect(attachment).toMatchObject({ filename: 'note.txt', size: 10 });
    expect(await (await fetch(attachment.url)).text()).toBe('hello file');
    expect(result.messages().map((m) => m.content)).toEqual(['here you go', 'attached']);
  });

  it('answers autocomplete with choices (callback type 8)', async () => {
    const result = await fake.interact(autocomplete('ask', { question: 'mong' }));
    expect(result.callback?.type).toBe(8);
    expect(result.choices).toEqual([
      { name: 'mong one', value: 'one' },
      { name: 'mong two', value: 'two' },
    ]);
    expect(result.final()).toBeUndefined();
  });

  it('updates the message a button sits on (callback type 7)', async () => {
    const menu = await fake.interact(slashCommand('menu'));
    const shown = menu.final()!;
    expect(shown.components).toHaveLength(1);

    const click = await fake.interact(buttonClick('more', shown));
    expect(click.callback?.type).toBe(7);
    expect(click.final()).toMatchObject({ id: shown.id, content: 'updated', components: [] });
  });

  it('handles select menus, context menus and modals', async () => {
    const select = await fake.interact(selectMenu('choose', ['a', 'b']));
    expect(select.final()?.content).toBe('chose a,b');

    const quote = await fake.interact(
      messageContextMenu('Quote', { content: 'the steppe is wide', author: { username: 'nomad' } }),
    );
    expect(quote.final()?.content).toBe('quoted: the steppe is wide by nomad');

    const profile = await fake.interact(userContextMenu('Profile', { username: 'herder' }));
    expect(profile.final()).toMatchObject({ content: 'profile of herder', type: 23 });

    const form = await fake.interact(slashCommand('form'));
    expect(form.callback?.type).toBe(9);
    expect(form.modal).toMatchObject({ custom_id: 'form', title: 'Form' });
    const submitted = await fake.interact(modalSubmit('form', { topic: 'trade routes' }));
    expect(submitted.final()?.content).toBe('topic=trade routes');
  });

  it('supports withResponse, fetchReply (GET @original) and editReply', async () => {
    const result = await fake.interact(slashCommand('roundtrip'));
    await result.waitUntil((r) => r.followUps.length === 1);
    expect(result.callback?.withResponse).toBe(true);
    expect(result.fetches).toHaveLength(1);
    expect(result.final()?.content).toBe('v2 same=true');
    expect(result.followUps[0]?.body).toMatchObject({ content: 'fetched:v1' });
  });

  it('rejects a second acknowledgement with 40060 like Discord', async () => {
    const result = await fake.interact(slashCommand('twice'));
    await result.waitUntil((r) => r.followUps.length === 1);
    expect(result.followUps[0]?.body).toMatchObject({ content: 'second:40060' });
    expect(result.requests.map((r) => r.status)).toEqual([204, 400, 200]);
  });

  it('sends DM interactions with `user` and no member', async () => {
    const result = await fake.interact(slashCommand('whoami', {}, { guildId: null, user: { username: 'dmuser' }, locale: 'mn' }));
    expect(result.payload.member).toBeUndefined();
    expect(result.payload.user).toMatchObject({ username: 'dmuser' });
    expect(result.final()?.content).toBe('dm:dmuser:mn');
  });

  it('nests subcommands from a spaced name', async () => {
    expect((await fake.interact(slashCommand('config set', { key: 'a' }))).final()?.content).toBe('- set a');
    expect((await fake.interact(slashCommand('config group set', { key: 'b' }))).final()?.content).toBe('group set b');
  });

  it('stores channel messages the bot posts', async () => {
    await fake.interact(slashCommand('announce'));
    expect(fake.channelMessages().map((m) => m.content)).toContain('hello channel');
    expect(fake.requests.some((r) => r.method === 'POST' && r.path === `/channels/${fake.channelId}/messages`)).toBe(true);
  });

  it('injects 500 and 429 failures that discord.js retries', async () => {
    fake.failNext(/\/callback$/, 500);
    const afterError = await fake.interact(slashCommand('ping'));
    expect(afterError.requests.map((r) => [r.status, r.injected])).toEqual([
      [500, true],
      [204, false],
    ]);
    expect(afterError.final()?.content).toBe('pong');

    fake.failNext(/^POST \/interactions\//, 429, { retryAfter: 0.2 });
    const afterLimit = await fake.interact(slashCommand('ping'));
    expect(afterLimit.requests.map((r) => r.status)).toEqual([429, 204]);
    expect(afterLimit.callback!.atMs).toBeGreaterThanOrEqual(200); // wall clock: a Retry-After is never cut short
  });

  it('answers unknown routes with a recorded 404', async () => {
    await expect(client.rest.get('/not/a/route')).rejects.toMatchObject({ status: 404 });
    expect(fake.requests.at(-1)).toMatchObject({ method: 'GET', path: '/not/a/route', status: 404 });
  });

  it('rejects with a clear error when the bot never answers', async () => {
    await expect(fake.interact(slashCommand('ignore'), { timeoutMs: 300 })).rejects.toThrow(
      /\/ignore .* did not get its final response within 300 ms[\s\S]*callback: none/,
    );
    // a defer that is never completed: 'callback' resolves, 'final' times out, the reply keeps loading
    const deferred = await fake.interact(slashCommand('deferonly'), { waitFor: 'callback' });
    expect(deferred.callback?.type).toBe(5);
    await expect(deferred.waitUntil((r) => r.edits.length > 0, 200)).rejects.toThrow(/within 200 ms/);
    expect(deferred.final()?.loading).toBe(true);
  });

  it('lets the client resume after close 4000 and after a dropped socket', async () => {
    fake.closeSocket(4000);
    // interact() waits for the shard to be live again
    expect((await fake.interact(slashCommand('ping'))).final()?.content).toBe('pong');
    expect(fake.resumeCount).toBe(1);

    fake.closeSocket(1006); // no close frame: the client sees 1006
    await fake.waitForGateway((f) => f.resumeCount === 2);
    expect((await fake.interact(slashCommand('ping'))).final()?.content).toBe('pong');
    expect(fake.identifyCount).toBe(1);
  });
});

describe('gateway heartbeats', { timeout: TEST_TIMEOUT }, () => {
  let fake: FakeDiscord;
  let client: Client;

  beforeAll(async () => {
    fake = await startFakeDiscord({ heartbeatIntervalMs: 100 });
    client = await startClient(fake);
    installTestBot(client);
  }, TEST_TIMEOUT);

  afterAll(() => teardown(client, fake), TEST_TIMEOUT);

  it('acknowledges heartbeats, answers op 1 requests and survives a zombie connection', async () => {
    const beats = (): number => fake.gatewayFrames.filter((f) => f.op === 1).length;
    await vi.waitFor(() => expect(beats()).toBeGreaterThanOrEqual(3), { timeout: 2000 });

    const before = beats();
    fake.requestHeartbeat();
    await vi.waitFor(() => expect(beats()).toBeGreaterThan(before), { timeout: 1000 });

    // without ACKs discord.js declares the connection a zombie, closes and resumes
    // (acks come back once it has resumed: an event, where a fixed 350 ms could end before a
    // loaded machine sent the unanswered heartbeat)
    fake.setHeartbeatAcks(false);
    await fake.waitForGateway((f) => f.resumeCount >= 1, 5000);
    fake.setHeartbeatAcks(true);
    await fake.waitForGateway((f) => f.connectedShards().length === 1, 5000);
    expect((await fake.interact(slashCommand('ping'))).final()?.content).toBe('pong');
    expect(fake.identifyCount).toBe(1);
  });
});

describe('sharding', { timeout: TEST_TIMEOUT }, () => {
  let fake: FakeDiscord;
  let client: Client;
  const rawShards: number[] = [];

  beforeAll(async () => {
    fake = await startFakeDiscord({ shards: 2 });
    client = await startClient(fake, { shards: 'auto' });
    installTestBot(client);
    client.on(Events.Raw, (packet: { t?: string }, shardId: number) => {
      if (packet.t === 'INTERACTION_CREATE') rawShards.push(shardId);
    });
  }, TEST_TIMEOUT);

  afterAll(() => teardown(client, fake), TEST_TIMEOUT);

  it('identifies every shard and routes interactions to the owning shard', async () => {
    expect(fake.identifyCount).toBe(2);
    expect(fake.identifies.map((i) => i.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(fake.connectedShards()).toEqual([0, 1]);

    const owner = shardForGuild(fake.guildId, 2);
    const routed = await fake.interact(slashCommand('ping'));
    expect(routed.shard).toBe(owner);
    const forced = await fake.interact(slashCommand('ping'), { shard: 1 - owner });
    expect(forced.shard).toBe(1 - owner);
    expect(forced.final()?.content).toBe('pong');
    expect(rawShards).toEqual([owner, 1 - owner]);

    // closing one shard only resumes that shard
    fake.closeSocket(4000, { shard: 1 - owner });
    await fake.waitForGateway((f) => f.resumeCount === 1 && f.connectedShards().length === 2);
    expect(fake.identifyCount).toBe(2);
  });
});

describe('re-identify and fatal close codes', { timeout: TEST_TIMEOUT }, () => {
  let fake: FakeDiscord;
  let client: Client;

  beforeAll(async () => {
    fake = await startFakeDiscord();
    client = await startClient(fake);
    installTestBot(client);
  }, TEST_TIMEOUT);

  afterAll(() => teardown(client, fake), TEST_TIMEOUT);

  it('re-identifies after an invalid session and stops after 4004', async () => {
    // op 9 d:false: a fresh IDENTIFY, throttled ~5 s after the previous one
    fake.invalidateSession(false);
    await fake.waitForGateway((f) => f.identifyCount === 2 && f.connectedShards().length === 1, 9000);
    expect((await fake.interact(slashCommand('ping'))).final()?.content).toBe('pong');

    // 4004 Authentication failed is fatal: no resume, no identify
    const shardError = once(client, Events.ShardError);
    fake.closeSocket(4004);
    await withTimeout(shardError, 2000, 'shardError');
    await sleep(700); // longer than discord.js's ~0.5 s reconnect delay
    expect(fake.connectedShards()).toEqual([]);
    expect([fake.identifyCount, fake.resumeCount]).toEqual([2, 0]);
  });
});
