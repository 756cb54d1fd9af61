/**
 * Loopback fake Discord: REST API + gateway WebSocket on 127.0.0.1 (random
 * port) that drives the REAL discord.js client, for bot integration tests.
 *
 *   const fake = await startFakeDiscord();
 *   const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiUrl } });
 *   const ready = once(client, Events.ClientReady);       // await ready, not login()
 *   client.login('any-token').catch(() => {});
 *   await ready;
 *   const result = await fake.interact(slashCommand('ask', { question: 'hi' }));
 *   expect(result.final()?.content).toContain('...');
 *   await Promise.race([client.destroy(), sleep(3000)]);   // client first (bounded),
 *   await fake.close();                                    // then the fake
 *
 * Message conversations (client needs intents Guilds | GuildMessages |
 * DirectMessages, plus `partials: [Partials.Channel]` for DMs; add
 * MessageContent to see plain guild messages' content):
 *
 *   const said = await fake.say({ content: 'hi', mentionBot: true });   // MESSAGE_CREATE, resolves once dispatched
 *   const reply = await fake.waitForBotMessage((m) => m.message_reference?.message_id === said.id);
 *   expect(reply.type).toBe(MessageType.Reply);
 *   expect(fake.allowedMentions(reply.id)).toEqual({ parse: [] });
 *
 *   fake.say('plain text')                          shorthand for { content }
 *   fake.say({ content, author?: Partial<FakeUser> (bot: true for bots), webhookId?,
 *              channelId? (text channel | thread | DM channel), dm?: true,
 *              mentionBot?, mentions?: (userId | Partial<FakeUser>)[], mentionEveryone?,
 *              mentionRoles?, replyTo?: messageId, ping? (default true),
 *              embeds?, attachments? ({ filename, data } is served by the fake),
 *              components?, poll?, nonce?, roles?, nick?,
 *              timeoutMs?, overrides? })      → the stored FakeMessage (full content)
 *   fake.editUserMessage(id, content | fields)   MESSAGE_UPDATE (mentions re-derived)
 *   fake.deleteUserMessage(id)                   MESSAGE_DELETE
 *   fake.botMessages(channelId?)                 what the bot POSTed to channels, current state
 *   fake.waitForBotMessage(pred?, timeoutMs? | { timeoutMs?, after?: messageId })
 *                                                first matching bot message: stored ones first (newer than
 *                                                `after` if given), then new posts/edits; event-driven,
 *                                                rejects on timeout listing what the bot did post
 *   fake.archiveThread(threadId, { locked? })    THREAD_UPDATE; bot/user posts reopen it unless locked
 *   fake.createForum({ name?, tags?, requireTag? })   a forum channel (type 15): CHANNEL_CREATE, then in GUILD_CREATE
 *   fake.post({ forumId, name, content, appliedTags?, …SayInput })
 *                                                a user's new forum post: a thread (type 11, parent the forum,
 *                                                owner the author) and its starter message (id = thread id,
 *                                                channel = thread): THREAD_CREATE, then MESSAGE_CREATE
 *                                                (channel_type 11) → { thread, message }; later messages:
 *                                                fake.say({ channelId: thread.id, … })
 *   fake.allowedMentions(messageId)              `allowed_mentions` the bot sent (undefined = omitted)
 *   fake.channelMessages(channelId?)             every stored message of a channel (users' and bot's)
 *   fake.typingIn(channelId?)                    count of POST /channels/:id/typing
 *   fake.threads()                               threads the bot started (FakeThread[])
 *   fake.dmChannelFor(userId)                    the user's DM channel (created on first use)
 *   fake.dispatches                              every gateway dispatch, per connection, as sent
 *
 * `say()` waits (up to timeoutMs, default 5000) for a live connection on the
 * owning shard, so call it after clientReady; it rejects if no client is
 * connected. `author: { bot: true }` without an id keeps DEFAULT_USER's id.
 *
 * Discord rules the fake applies to messages:
 * - Guild message events go only to connections that identified with
 *   GuildMessages (1<<9), DM ones with DirectMessages (1<<12); every live
 *   client on the shard gets its own copy (several clients may share a fake).
 * - Without MessageContent (1<<15) content/embeds/attachments/components/poll
 *   arrive empty, except in DMs, messages that mention the bot (in `mentions`;
 *   a reply with `ping: false` does not) and the bot's own messages.
 * - The bot's own posts, edits and deletes come back as MESSAGE_CREATE /
 *   UPDATE / DELETE (a handler must ignore its own messages, as in production).
 * - Bot messages are validated like Discord: over-long content (2000), >10
 *   embeds, embed limits (title 256, description 4096, 25 fields, 6000 total),
 *   >5 rows, custom_id >100, duplicate custom_ids, bad allowed_mentions →
 *   400 50035 naming the field; empty → 50006; unknown channel → 404 10003;
 *   a reply to an unknown message → 50035 unless fail_if_not_exists: false.
 *   `mentions` of a bot message are computed from content and allowed_mentions.
 *   Interaction replies, edits and follow-ups get the same limit checks (a
 *   rejected callback does not acknowledge the interaction).
 * - GET /channels/:id/messages honours limit (1–100, default 50), before,
 *   after, around; answers newest first.
 * - Replies get type 19, a completed `message_reference` and `referenced_message`.
 * - POST /users/@me/channels {recipient_id} returns the user's DM channel
 *   (users the fake has seen: DEFAULT_USER, message authors, interaction users).
 * - Threads: POST /channels/:id/messages/:msg/threads (thread id = message id,
 *   type 11; the starter message gets `thread` and flag HAS_THREAD) and
 *   POST /channels/:id/threads (type defaults to 12 as in API v10; a public one
 *   leaves a type 18 message in the parent). THREAD_CREATE (newly_created) is
 *   dispatched; GUILD_CREATE lists the threads, so a client that logs in again
 *   knows them. Names 1–100 chars, auto_archive_duration 60/1440/4320/10080.
 *   PUT/DELETE /channels/:thread/thread-members/@me → 204. PATCH /channels/:thread
 *   (name, archived, locked, auto_archive_duration) → THREAD_UPDATE. Interactions
 *   with `channelId: threadId` carry the thread as their channel.
 * - Forums (type 15): hold posts, not messages. POST /channels/:forum/threads
 *   with `message` creates a post (thread type 11 whose starter message has
 *   the thread's id, `applied_tags` from the forum's `available_tags`, at most
 *   5; a REQUIRE_TAG forum refuses a post without one, 40067); messages and
 *   typing in the forum itself → 400 50008, threads from a message → 50024.
 * - Channel options (type 7) of interactions carry the channel in
 *   `data.resolved.channels` (id, name, type, permissions; threads: parent, metadata).
 *
 * Things to know:
 * - Closing the fake before the client leaves discord.js reconnecting forever.
 * - A payload discord.js cannot parse is an unhandled rejection inside
 *   discord.js, never an `interactionCreate`; the interaction then times out.
 * - Sharded fakes recommend `shards` in /gateway/bot; the client only uses it
 *   with `shards: 'auto'`. Routing uses the shard count the client identified with.
 * - Follow-ups are separate messages: a deferred reply that is never edited
 *   stays `loading` in `final()`, as it would in Discord.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  AUTO_ARCHIVE_DURATIONS,
  ChannelStore,
  REQUIRE_TAG_FLAG,
  ChannelType,
  DEFAULT_AUTO_ARCHIVE_DURATION,
  type ChannelPlace,
  type FakeThread,
  type ForumInput,
} from './channels.js';
import { CommandStore } from './commands.js';
import {
  botMessageMentions,
  buildUserMessage,
  deleteEvent,
  HAS_THREAD_FLAG,
  Intent,
  isThreadType,
  mentionsInContent,
  messageEvent,
  MessageType,
  replyReference,
  withoutNestedReference,
  type SayInput,
} from './conversation.js';
import { FakeGateway, type DispatchRecord, type GatewayFrame, type IdentifyRecord } from './gateway.js';
import {
  apiError,
  FailureInjector,
  json,
  noContent,
  parseBody,
  readBody,
  send,
  type JsonObject,
  type RecordedRequest,
  type RouteResponse,
} from './http.js';
import { InteractionRegistry, TrackedInteraction, type InteractionResult, type WaitFor } from './interactions.js';
import { now } from './cpuWait.js';
import { MessageStore } from './messages.js';
import {
  DEFAULT_USER,
  buildInteractionPayload,
  createWorld,
  guildPayload,
  interactionToken,
  type FakeMessage,
  type FakeUser,
  type FakeWorld,
  type InteractionInput,
} from './payloads.js';
import { snowflake } from './snowflake.js';
import { fieldError, invalidFormBody, validateMessageBody, validateThreadName } from './validation.js';
import { describeBound, safetyNet } from './safetyNet.js';

export * from './payloads.js';
export { ChannelType, AUTO_ARCHIVE_DURATIONS, REQUIRE_TAG_FLAG, type FakeThread, type ForumInput } from './channels.js';
export { Intent, MessageType, HAS_THREAD_FLAG, type SayInput } from './conversation.js';
export { Limits } from './validation.js';
export type { DispatchRecord } from './gateway.js';
export type { RecordedFile, RecordedRequest, JsonObject } from './http.js';
export type { GatewayFrame, IdentifyRecord } from './gateway.js';
export type { InteractionCallbackRecord, InteractionResult, MessageState, WaitFor, WebhookCall } from './interactions.js';
export { shardForGuild, snowflake, snowflakeTime } from './snowflake.js';
export { validateCommand } from './commands.js';

export interface FakeDiscordOptions {
  /** Shard count `GET /gateway/bot` recommends (default 1). Start the client with `shards: 'auto'` to use it. */
  shards?: number;
  /** HELLO heartbeat interval (default 41250 ms, Discord's value). */
  heartbeatIntervalMs?: number;
  /**
   * Answer callbacks later than this with 10062 Unknown interaction (Discord: 3000). Off by
   * default. Counted in the bot's own time (wall clock minus waits for a CPU, cpuWait.ts).
   */
  callbackDeadlineMs?: number;
}

export interface InteractOptions {
  /**
   * 'callback': resolve as soon as the callback arrives. 'final' (default):
   * the callback arrived, a deferred one (5/6) got its first edit or
   * follow-up, and `quietMs` passed without further REST calls for it.
   * The result keeps updating afterwards; use `result.waitUntil` for later calls.
   */
  waitFor?: WaitFor;
  /** Bound for the whole call, including waiting for the shard to be connected (default 5000). */
  timeoutMs?: number;
  /** Force the shard; by default the guild's shard ((guild_id >> 22) % count), or 0 for DMs. */
  shard?: number;
  /** 'final' resolves after this long without REST calls for the interaction (default 150). */
  quietMs?: number;
}

/** A user's forum post: the thread's name, tags, and the starter message as for `say()`. */
export interface ForumPostInput extends Omit<SayInput, 'channelId' | 'dm' | 'replyTo' | 'ping'> {
  forumId: string;
  /** The post's title (the thread's name, 1–100 characters). */
  name: string;
  /** Ids of the forum's tags (from `available_tags`). */
  appliedTags?: string[];
}

export interface WaitForBotMessageOptions {
  /** Default 5000. */
  timeoutMs?: number;
  /** Only bot messages newer than this message id (e.g. the user message the bot should answer). */
  after?: string;
}

export interface FakeDiscord {
  /** http://127.0.0.1:PORT/api: pass as `new Client({ rest: { api } })` (discord.js appends /v10). */
  readonly apiUrl: string;
  /** ws://127.0.0.1:PORT, returned by /gateway/bot and as resume_gateway_url. */
  readonly gatewayUrl: string;
  readonly applicationId: string;
  readonly botUserId: string;
  readonly botUser: FakeUser;
  readonly guildId: string;
  readonly channelId: string;
  readonly dmChannelId: string;
  /** Every REST call, in order (including injected failures and 404s). */
  readonly requests: RecordedRequest[];
  /** Commands stored by PUT/POST; no scope = global. */
  registeredCommands(scope?: { guildId?: string }): JsonObject[];
  /** Dispatch an interaction and collect what the bot sends back for it. */
  interact(input: InteractionInput, opts?: InteractOptions): Promise<InteractionResult>;
  /** Every interaction dispatched so far (results keep updating after `interact` resolves). */
  interactions(): InteractionResult[];
  /**
   * Every message stored for a channel, oldest first (default: the guild text
   * channel): what users said, what the bot posted, interaction replies.
   */
  channelMessages(channelId?: string): FakeMessage[];
  /** Messages the bot posted with POST /channels/:id/messages, oldest first, in their current state; all channels unless given. */
  botMessages(channelId?: string): FakeMessage[];
  /**
   * A user message: stored, then MESSAGE_CREATE to every connection owning
   * the channel's shard whose intents allow it (content emptied per the
   * MessageContent rules). Resolves with the stored message once dispatched.
   */
  say(input?: SayInput | string): Promise<FakeMessage>;
  /** Edit a stored user message's content (or fields); MESSAGE_UPDATE under the same intent rules. */
  editUserMessage(id: string, update: string | Partial<Pick<FakeMessage, 'content' | 'embeds' | 'components' | 'attachments'>>): Promise<FakeMessage>;
  /** Delete a stored user message; MESSAGE_DELETE (id, channel_id, guild_id). */
  deleteUserMessage(id: string): Promise<void>;
  /**
   * The first bot message (POST /channels/:id/messages, current state) for
   * which `predicate` holds: already stored ones first, then new posts and
   * edits as they arrive. Rejects after `timeoutMs` (default 5000).
   */
  waitForBotMessage(predicate?: (message: FakeMessage) => boolean, timeout?: number | WaitForBotMessageOptions): Promise<FakeMessage>;
  /** `allowed_mentions` the bot last sent for that message (create or edit); undefined = omitted, which Discord treats as "parse everything". */
  allowedMentions(messageId: string): unknown;
  /** How many successful POST /channels/:id/typing the channel got. */
  typingIn(channelId?: string): number;
  /** Every thread the fake holds (started by the bot), current state. */
  threads(): FakeThread[];
  /**
   * Archive a thread as Discord's auto-archive would (THREAD_UPDATE). The bot
   * posting into it unarchives it again, unless `locked` (then 400 50083).
   */
  archiveThread(threadId: string, opts?: { locked?: boolean }): Promise<FakeThread>;
  /**
   * A forum channel (type 15) in the guild: CHANNEL_CREATE to connections with the Guilds
   * intent (resolves once sent), listed in GUILD_CREATE from then on.
   */
  createForum(input?: ForumInput & { timeoutMs?: number }): Promise<JsonObject>;
  /**
   * A user's new post in a forum, as Discord delivers it: THREAD_CREATE (type 11, parent
   * the forum, owner the author, `newly_created`), then MESSAGE_CREATE of the starter
   * message (id = the thread's id, channel_id = the thread, channel_type 11) under the
   * usual intent rules. Throws what Discord would refuse (no forum, bad name, empty
   * message, a missing required tag, unknown tags). Resolves once both are dispatched.
   */
  post(input: ForumPostInput): Promise<{ thread: FakeThread; message: FakeMessage }>;
  /** The user's DM channel with the bot (type 1), created on first use; the same id `say({ dm: true })` uses. */
  dmChannelFor(userId: string): JsonObject;
  /** Every gateway dispatch sent, per connection, exactly as received (after intent filtering). */
  readonly dispatches: DispatchRecord[];
  /** Send any gateway dispatch (e.g. MESSAGE_CREATE) to a shard or to the guild's shard. Resolves with the shard used. */
  dispatch(event: string, data: unknown, target?: { shard?: number; guildId?: string; timeoutMs?: number }): Promise<number>;
  /** Close live sockets with `code` (all shards, or one). 1006 drops the TCP connection without a close frame. */
  closeSocket(code: number, opts?: { shard?: number }): void;
  /** Send op 9; `resumable=false` also forgets the session so the client must IDENTIFY again. */
  invalidateSession(resumable: boolean, opts?: { shard?: number }): void;
  /** Send op 7 Reconnect. */
  requestReconnect(opts?: { shard?: number }): void;
  /** Send op 1: the client must heartbeat at once. */
  requestHeartbeat(opts?: { shard?: number }): void;
  /** Stop/resume answering heartbeats (without ACKs the client closes 4200 and resumes). */
  setHeartbeatAcks(enabled: boolean): void;
  readonly identifyCount: number;
  readonly resumeCount: number;
  readonly identifies: IdentifyRecord[];
  /** Every gateway frame the client sent. */
  readonly gatewayFrames: GatewayFrame[];
  /** Wait until `predicate` holds, re-checked on gateway changes (connect, identify, resume, close). */
  waitForGateway(predicate: (fake: FakeDiscord) => boolean, timeoutMs?: number): Promise<void>;
  /** Make the next `times` (default 1) REST calls matching `route` fail with `status`. */
  failNext(route: RegExp, status: number, opts?: { retryAfter?: number; times?: number }): void;
  clearFailures(): void;
  readonly shardCount: number;
  /** Shard ids with a live identified/resumed connection. */
  connectedShards(): number[];
  /** Terminate sockets and stop the server. Destroy the discord.js client first. */
  close(): Promise<void>;
}

// A safety net only (every wait ends on the event it waits for), and stretched further on
// a loaded machine (safetyNet.ts), where a 1 s answer can take many times that in wall time.
const DEFAULT_TIMEOUT_MS = 10_000;

type Params = Record<string, string>;
type Handler = (params: Params, request: RecordedRequest) => RouteResponse;
interface Route {
  method: string;
  pattern: RegExp;
  handler: Handler;
}

class FakeDiscordServer implements FakeDiscord {
  readonly apiUrl: string;
  readonly gatewayUrl: string;
  readonly requests: RecordedRequest[] = [];
  readonly shardCount: number;

  private readonly world: FakeWorld;
  private readonly store: MessageStore;
  private readonly channels: ChannelStore;
  private readonly commands: CommandStore;
  /** Ids of messages the bot created through POST /channels/:id/messages, in order. */
  private readonly botMessageIds: string[] = [];
  private readonly lastAllowedMentions = new Map<string, unknown>();
  private readonly typingCounts = new Map<string, number>();
  /** Re-run on every bot post/edit (waitForBotMessage). */
  private readonly botMessageListeners = new Set<(messageId: string) => void>();
  private readonly registry: InteractionRegistry;
  private readonly gateway: FakeGateway;
  private readonly failures = new FailureInjector();
  private readonly routes: Route[];
  private closed = false;

  constructor(
    private readonly server: Server,
    port: number,
    opts: FakeDiscordOptions,
  ) {
    const origin = `http://127.0.0.1:${port}`;
    this.apiUrl = `${origin}/api`;
    this.gatewayUrl = `ws://127.0.0.1:${port}`;
    this.shardCount = Math.max(1, opts.shards ?? 1);
    this.world = createWorld(origin);
    this.store = new MessageStore(origin);
    this.channels = new ChannelStore(this.world);
    this.commands = new CommandStore(this.world.applicationId);
    this.registry = new InteractionRegistry(this.world, this.store, opts.callbackDeadlineMs);
    this.gateway = new FakeGateway({
      heartbeatIntervalMs: opts.heartbeatIntervalMs ?? 41_250,
      url: () => this.gatewayUrl,
      botUser: this.world.botUser,
      applicationId: this.world.applicationId,
      guildId: this.world.guildId,
      // threads are listed so a client that logs in again still knows them
      guild: () => ({ ...guildPayload(this.world), channels: this.channels.guildChannels(), threads: this.channels.threads() }),
    });
    this.routes = this.buildRoutes();
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      this.onRequest(req, res).catch((error: unknown) => {
        if (!res.headersSent) send(res, apiError(500, `fake-discord internal error: ${String(error)}`));
      });
    });
    server.on('upgrade', (req, socket, head: Buffer) => this.gateway.handleUpgrade(req, socket, head));
  }

  get applicationId(): string {
    return this.world.applicationId;
  }
  get botUserId(): string {
    return this.world.botUser.id;
  }
  get botUser(): FakeUser {
    return this.world.botUser;
  }
  get guildId(): string {
    return this.world.guildId;
  }
  get channelId(): string {
    return this.world.channelId;
  }
  get dmChannelId(): string {
    return this.world.dmChannelId;
  }
  get identifyCount(): number {
    return this.gateway.identifyCount;
  }
  get resumeCount(): number {
    return this.gateway.resumeCount;
  }
  get identifies(): IdentifyRecord[] {
    return this.gateway.identifies;
  }
  get gatewayFrames(): GatewayFrame[] {
    return this.gateway.frames;
  }
  get dispatches(): DispatchRecord[] {
    return this.gateway.dispatches;
  }

  registeredCommands(scope: { guildId?: string } = {}): JsonObject[] {
    return this.commands.list(scope.guildId);
  }

  async interact(input: InteractionInput, opts: InteractOptions = {}): Promise<InteractionResult> {
    if (this.closed) throw new Error('fake-discord: interact() after close()');
    const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const started = Date.now();
    const id = snowflake();
    const token = interactionToken();
    const payload = buildInteractionPayload(input, {
      world: this.world,
      id,
      token,
      commandId: (name, type, guildId) => this.commands.find(name, type, guildId),
      channel: (channelId) => this.channels.get(channelId),
    });
    // an interaction from a thread carries the thread as its channel (discord.js caches it from there)
    const place = this.channels.place(String(payload.channel_id));
    if (place && isThreadType(place.type) && input.overrides?.channel === undefined) {
      payload.channel = this.channels.get(place.channelId);
    }
    // a user who ran a command can be DMed afterwards (POST /users/@me/channels)
    const interactionUser = ((payload.member as JsonObject | undefined)?.user ?? payload.user) as FakeUser | undefined;
    if (interactionUser) this.channels.rememberUser(interactionUser);
    const tracked = new TrackedInteraction(id, token, input.label, payload, this.store);
    this.registry.add(tracked);

    const target = opts.shard !== undefined ? { shard: opts.shard } : { guildId: payload.guild_id as string | undefined };
    tracked.shard = await this.gateway.dispatch('INTERACTION_CREATE', payload, target, timeoutMs);
    tracked.dispatched = now();
    tracked.dispatchedAt = tracked.dispatched.wallMs;
    // one budget for the whole call: time spent waiting for the shard counts too
    const left = Math.max(1, timeoutMs - (Date.now() - started));
    await tracked.settle(opts.waitFor ?? 'final', left, opts.quietMs, timeoutMs);
    return tracked;
  }

  interactions(): InteractionResult[] {
    return this.registry.all();
  }

  channelMessages(channelId: string = this.world.channelId): FakeMessage[] {
    return this.store.inChannel(channelId);
  }

  botMessages(channelId?: string): FakeMessage[] {
    return this.botMessageIds
      .map((id) => this.store.get(id))
      .filter((m): m is FakeMessage => m !== undefined && (channelId === undefined || m.channel_id === channelId));
  }

  async say(input: SayInput | string = {}): Promise<FakeMessage> {
    if (this.closed) throw new Error('fake-discord: say() after close()');
    const said = typeof input === 'string' ? { content: input } : input;
    const { message, place } = buildUserMessage(said, {
      botUser: this.world.botUser,
      channels: this.channels,
      defaultChannelId: this.world.channelId,
      message: (id) => this.store.get(id),
      storeFile: (bytes, filename, channelId) => this.store.storeUpload(bytes, filename, channelId),
    });
    const thread = this.channels.thread(place.channelId);
    if (thread?.thread_metadata.archived) {
      if (thread.thread_metadata.locked) throw new Error(`fake-discord: say(): thread ${thread.id} is archived and locked`);
      // a user posting in an archived thread reopens it
      const reopened = this.channels.updateThread(thread.id, { archived: false })!;
      this.echo('THREAD_UPDATE', guildsOnly(reopened), place);
    }
    this.store.put(message);
    this.channels.noteMessage(place.channelId, message.id);
    await this.broadcastMessage('MESSAGE_CREATE', message, place, said.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    return structuredClone(message);
  }

  async editUserMessage(
    id: string,
    update: string | Partial<Pick<FakeMessage, 'content' | 'embeds' | 'components' | 'attachments'>>,
  ): Promise<FakeMessage> {
    const { message, place } = this.userMessage(id, 'editUserMessage');
    const fields: Partial<FakeMessage> = typeof update === 'string' ? { content: update } : { ...update };
    if (fields.content !== undefined) {
      // Discord re-derives mentions from the new content; a reply's ping of the replied-to author stays
      const referenced = message.referenced_message as FakeMessage | null | undefined;
      const pingedReplied = (message.mentions as FakeUser[]).find((u) => u.id === referenced?.author.id);
      const fromContent = [...mentionsInContent(fields.content)].map((id) => this.channels.user(id)).filter((u) => u !== undefined);
      fields.mentions = [...new Map([...fromContent, ...(pingedReplied ? [pingedReplied] : [])].map((u) => [u.id, u])).values()];
    }
    const edited = this.store.patch(message.id, { ...fields, edited_timestamp: new Date().toISOString() })!;
    await this.broadcastMessage('MESSAGE_UPDATE', edited, place, DEFAULT_TIMEOUT_MS);
    return edited;
  }

  async deleteUserMessage(id: string): Promise<void> {
    const { message, place } = this.userMessage(id, 'deleteUserMessage');
    this.store.delete(id);
    this.channels.noteDelete(place.channelId);
    await this.gateway.broadcast('MESSAGE_DELETE', (intents) => deleteEvent(message, place, intents), { guildId: place.guildId }, DEFAULT_TIMEOUT_MS);
  }

  waitForBotMessage(
    predicate: (message: FakeMessage) => boolean = () => true,
    timeout: number | WaitForBotMessageOptions = {},
  ): Promise<FakeMessage> {
    const opts = typeof timeout === 'number' ? { timeoutMs: timeout } : timeout;
    const requestedMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const timeoutMs = safetyNet(requestedMs);
    const after = opts.after === undefined ? undefined : BigInt(opts.after);
    const find = (): FakeMessage | undefined =>
      this.botMessages().find((m) => (after === undefined || BigInt(m.id) > after) && predicate(m));
    const found = find();
    if (found) return Promise.resolve(found);
    return new Promise<FakeMessage>((resolve, reject) => {
      // Only the message just posted or edited can have become the first match (every other
      // was looked at before): reading them all again for every waiter on every post made a
      // burst of N waited replies cost N² clones.
      const check = (messageId: string): void => {
        const candidate = this.store.peek(messageId);
        const match = candidate && (after === undefined || BigInt(candidate.id) > after) && predicate(candidate as FakeMessage) ? this.store.get(messageId) : undefined;
        if (!match) return;
        cleanup();
        resolve(match);
      };
      const timer = setTimeout(() => {
        cleanup();
        const seen = this.botMessages().map((m) => `  ${m.channel_id}: ${JSON.stringify(m.content)}`);
        reject(
          new Error(
            `fake-discord: no matching bot message within ${describeBound(requestedMs, timeoutMs)}; bot messages so far:\n${seen.join('\n') || '  (none)'}`,
          ),
        );
      }, timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.botMessageListeners.delete(check);
      };
      this.botMessageListeners.add(check);
    });
  }

  allowedMentions(messageId: string): unknown {
    return structuredClone(this.lastAllowedMentions.get(messageId));
  }

  typingIn(channelId: string = this.world.channelId): number {
    return this.typingCounts.get(channelId) ?? 0;
  }

  threads(): FakeThread[] {
    return this.channels.threads();
  }

  dmChannelFor(userId: string): JsonObject {
    return structuredClone(this.channels.dmFor(userId));
  }

  async createForum(input: ForumInput & { timeoutMs?: number } = {}): Promise<JsonObject> {
    if (this.closed) throw new Error('fake-discord: createForum() after close()');
    const forum = this.channels.createForum(input);
    await this.gateway.broadcast('CHANNEL_CREATE', guildsOnly(forum), { guildId: this.world.guildId }, input.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    return forum;
  }

  async post(input: ForumPostInput): Promise<{ thread: FakeThread; message: FakeMessage }> {
    if (this.closed) throw new Error('fake-discord: post() after close()');
    const forum = this.channels.forum(input.forumId);
    if (!forum) throw new Error(`fake-discord: post(): ${input.forumId} is not a forum (create one with fake.createForum())`);
    const refused = this.forumPostProblem(forum, input.name, input.appliedTags);
    if (refused) throw new Error(`fake-discord: post(): Discord would refuse it: ${refused}`);
    if (!input.content?.trim() && !input.embeds?.length && !input.attachments?.length && !input.poll) {
      throw new Error('fake-discord: post(): Discord would refuse it: a post needs a first message (50006 Cannot send an empty message)');
    }
    // the author's id as say() resolves it: a webhook's, the given user's, else DEFAULT_USER's
    const ownerId = input.webhookId ?? input.author?.id ?? DEFAULT_USER.id;
    const thread = this.channels.createThread({
      parentId: input.forumId,
      ownerId,
      name: input.name,
      type: ChannelType.PublicThread,
      autoArchiveDuration: Number(forum.default_auto_archive_duration ?? DEFAULT_AUTO_ARCHIVE_DURATION),
      rateLimitPerUser: Number(forum.default_thread_rate_limit_per_user ?? 0),
      appliedTags: input.appliedTags,
    });
    const { forumId: _forum, name: _name, appliedTags: _tags, ...said } = input;
    const { message, place } = buildUserMessage(
      { ...said, channelId: thread.id },
      {
        botUser: this.world.botUser,
        channels: this.channels,
        defaultChannelId: this.world.channelId,
        message: (id) => this.store.get(id),
        storeFile: (bytes, filename, channelId) => this.store.storeUpload(bytes, filename, channelId),
      },
      { id: thread.id },
    );
    this.store.put(message);
    this.channels.noteMessage(thread.id, message.id, { starter: true });
    const timeoutMs = input.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    // Discord's order for a new post: the thread, then its first message
    await this.gateway.broadcast('THREAD_CREATE', guildsOnly({ ...this.channels.thread(thread.id)!, newly_created: true }), { guildId: thread.guild_id }, timeoutMs);
    await this.broadcastMessage('MESSAGE_CREATE', message, place, timeoutMs);
    return { thread: this.channels.thread(thread.id)!, message: structuredClone(message) };
  }

  /** Why Discord would refuse a post with this name and these tags in `forum`, or undefined. */
  private forumPostProblem(forum: JsonObject, name: unknown, appliedTags: unknown): string | undefined {
    const badName = validateThreadName(name);
    if (badName) return `name: ${JSON.stringify(badName.body)}`;
    const tags = appliedTags === undefined || appliedTags === null ? [] : appliedTags;
    if (!Array.isArray(tags)) return 'applied_tags must be a list of tag ids';
    const known = new Set((forum.available_tags as JsonObject[]).map((t) => String(t.id)));
    if (tags.length > 5) return 'applied_tags: at most 5 tags';
    const unknown = tags.filter((t) => !known.has(String(t)));
    if (unknown.length) return `applied_tags: unknown tag ${String(unknown[0])}`;
    if ((Number(forum.flags) & REQUIRE_TAG_FLAG) !== 0 && tags.length === 0) return '40067 A tag is required to create a forum post in this channel';
    return undefined;
  }

  async archiveThread(threadId: string, opts: { locked?: boolean } = {}): Promise<FakeThread> {
    const thread = this.channels.updateThread(threadId, { archived: true, locked: opts.locked });
    if (!thread) throw new Error(`fake-discord: archiveThread('${threadId}'): no such thread`);
    await this.gateway.broadcast('THREAD_UPDATE', guildsOnly(thread), { guildId: thread.guild_id }, DEFAULT_TIMEOUT_MS);
    return thread;
  }

  /**
   * Sending into an archived thread: Discord unarchives it (THREAD_UPDATE)
   * unless it is locked, which fails the send with 50083.
   */
  private reopenThreadFor(place: ChannelPlace): RouteResponse | undefined {
    const thread = this.channels.thread(place.channelId);
    if (!thread?.thread_metadata.archived) return undefined;
    if (thread.thread_metadata.locked) return apiError(400, 'Thread is archived', 50083);
    const reopened = this.channels.updateThread(thread.id, { archived: false })!;
    this.echo('THREAD_UPDATE', guildsOnly(reopened), place);
    return undefined;
  }

  /** A stored message a user (not the bot) wrote, with its channel. */
  private userMessage(id: string, caller: string): { message: FakeMessage; place: ChannelPlace } {
    const message = this.store.get(id);
    if (!message) throw new Error(`fake-discord: ${caller}('${id}'): no such message`);
    if (message.author.id === this.world.botUser.id) throw new Error(`fake-discord: ${caller}('${id}'): that message is the bot's`);
    const place = this.channels.place(message.channel_id);
    if (!place) throw new Error(`fake-discord: ${caller}('${id}'): its channel no longer exists`);
    return { message, place };
  }

  /** MESSAGE_CREATE/UPDATE to every connection owning the channel's shard, shaped by its intents. */
  private broadcastMessage(event: string, message: FakeMessage, place: ChannelPlace, timeoutMs: number): Promise<number[]> {
    const env = { botUserId: this.world.botUser.id, channels: this.channels };
    return this.gateway.broadcast(event, (intents) => messageEvent(message, place, intents, env), { guildId: place.guildId }, timeoutMs);
  }

  /** Echo of the bot's own REST actions, as Discord sends them: to whoever is connected now, never waiting. */
  private echo(event: string, payloadFor: (intents: number) => unknown, place: ChannelPlace): void {
    this.gateway.broadcast(event, payloadFor, { guildId: place.guildId }, 0).catch(() => {
      // nobody connected: Discord would not deliver it either
    });
  }

  private notifyBotMessage(messageId: string): void {
    for (const listener of [...this.botMessageListeners]) listener(messageId);
  }

  dispatch(event: string, data: unknown, target: { shard?: number; guildId?: string; timeoutMs?: number } = {}): Promise<number> {
    const where = target.shard !== undefined ? { shard: target.shard } : { guildId: target.guildId };
    return this.gateway.dispatch(event, data, where, target.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  }

  closeSocket(code: number, opts: { shard?: number } = {}): void {
    this.gateway.closeSocket(code, opts.shard);
  }

  invalidateSession(resumable: boolean, opts: { shard?: number } = {}): void {
    this.gateway.invalidateSession(resumable, opts.shard);
  }

  requestReconnect(opts: { shard?: number } = {}): void {
    this.gateway.requestReconnect(opts.shard);
  }

  requestHeartbeat(opts: { shard?: number } = {}): void {
    this.gateway.requestHeartbeat(opts.shard);
  }

  setHeartbeatAcks(enabled: boolean): void {
    this.gateway.ackHeartbeats = enabled;
  }

  waitForGateway(predicate: (fake: FakeDiscord) => boolean, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<void> {
    return this.gateway.waitUntil(() => predicate(this), timeoutMs, 'the waitForGateway condition');
  }

  failNext(route: RegExp, status: number, opts: { retryAfter?: number; times?: number } = {}): void {
    this.failures.add(route, status, opts);
  }

  clearFailures(): void {
    this.failures.clear();
  }

  connectedShards(): number[] {
    return this.gateway.connectedShards();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.registry.abortAll('the fake Discord was closed');
    await this.gateway.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // -------------------------------------------------------------------------
  // HTTP

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.apiUrl);
    const raw = await readBody(req);
    if (req.method === 'GET' && url.pathname.startsWith('/attachments/')) {
      send(res, this.attachment(url.pathname));
      return;
    }
    const api = /^\/api(?:\/v\d+)?(\/.*)?$/.exec(url.pathname);
    if (!api) {
      send(res, apiError(404, '404: Not Found'));
      return;
    }
    const method = (req.method ?? 'GET').toUpperCase();
    const { body, files } = await parseBody(req, raw);
    const record: RecordedRequest = {
      method,
      path: decodePath(api[1] ?? '/'),
      query: Object.fromEntries(url.searchParams),
      body,
      files,
      time: Date.now(),
      status: 0,
      injected: false,
      authorized: req.headers.authorization !== undefined,
    };
    this.requests.push(record);
    const tracked = this.registry.note(record);
    const injected = this.failures.take(method, record.path);
    const response = injected ?? this.route(record);
    record.status = response.status;
    record.injected = injected !== undefined;
    tracked?.touch();
    send(res, response);
  }

  private attachment(pathname: string): RouteResponse {
    const file = this.store.file(pathname);
    if (!file) return apiError(404, '404: Not Found');
    return { status: 200, body: file.bytes, headers: { 'content-type': file.contentType || 'application/octet-stream' } };
  }

  private route(request: RecordedRequest): RouteResponse {
    for (const route of this.routes) {
      if (route.method !== request.method) continue;
      const match = route.pattern.exec(request.path);
      if (match) return route.handler(match.groups ?? {}, request);
    }
    // unknown calls stay visible in `requests` and fail loudly in the bot
    return apiError(404, '404: Not Found', 0);
  }

  private buildRoutes(): Route[] {
    const r = (method: string, pattern: RegExp, handler: Handler): Route => ({ method, pattern, handler });
    const app = '(?<app>[^/]*)';
    const guildScope = '(?:/guilds/(?<guild>[^/]+))?';
    const commandsBase = `^/applications/${app}${guildScope}/commands`;
    return [
      r('GET', /^\/gateway\/bot$/, () => json(200, this.gatewayBot())),
      r('GET', /^\/gateway$/, () => json(200, { url: this.gatewayUrl })),
      r('GET', /^\/users\/@me$/, () => json(200, this.world.botUser)),
      r('GET', /^\/applications\/@me$/, () => json(200, this.application())),
      r('GET', /^\/oauth2\/applications\/@me$/, () => json(200, this.application())),
      r('GET', new RegExp(`${commandsBase}$`), (p) => this.withApp(p, () => json(200, this.commands.list(p.guild)))),
      r('PUT', new RegExp(`${commandsBase}$`), (p, q) => this.withApp(p, () => this.putCommands(p, q))),
      r('POST', new RegExp(`${commandsBase}$`), (p, q) => this.withApp(p, () => this.postCommand(p, q))),
      r('GET', new RegExp(`${commandsBase}/(?<id>[^/]+)$`), (p) => this.withApp(p, () => this.getCommand(p))),
      r('PATCH', new RegExp(`${commandsBase}/(?<id>[^/]+)$`), (p, q) => this.withApp(p, () => this.patchCommand(p, q))),
      r('DELETE', new RegExp(`${commandsBase}/(?<id>[^/]+)$`), (p) => this.withApp(p, () => this.deleteCommand(p))),
      r('POST', /^\/interactions\/(?<id>[^/]+)\/(?<token>[^/]+)\/callback$/, (p, q) =>
        this.registry.callback(p.id!, p.token!, q),
      ),
      r('POST', /^\/webhooks\/(?<app>[^/]*)\/(?<token>[^/]+)$/, (p, q) => this.registry.webhook(p.app!, p.token!, undefined, q)),
      ...['GET', 'PATCH', 'DELETE'].map((method) =>
        r(method, /^\/webhooks\/(?<app>[^/]*)\/(?<token>[^/]+)\/messages\/(?<msg>[^/]+)$/, (p, q) =>
          this.registry.webhook(p.app!, p.token!, p.msg, q),
        ),
      ),
      r('GET', /^\/guilds\/(?<guild>[^/]+)$/, (p) =>
        p.guild === this.world.guildId ? json(200, guildPayload(this.world)) : apiError(404, 'Unknown Guild', 10004),
      ),
      r('GET', /^\/users\/(?<user>\d+)$/, (p) => {
        const user = this.channels.user(p.user!);
        return user ? json(200, user) : apiError(404, 'Unknown User', 10013);
      }),
      r('POST', /^\/users\/@me\/channels$/, (_p, q) => this.openDm(q)),
      r('GET', /^\/channels\/(?<channel>[^/]+)$/, (p) => {
        const channel = this.channels.get(p.channel!);
        return channel ? json(200, channel) : unknownChannel();
      }),
      r('PATCH', /^\/channels\/(?<channel>[^/]+)$/, (p, q) => this.patchChannel(p.channel!, q)),
      r('POST', /^\/channels\/(?<channel>[^/]+)\/typing$/, (p) => this.typing(p.channel!)),
      r('GET', /^\/channels\/(?<channel>[^/]+)\/messages$/, (p, q) => this.channelHistory(p.channel!, q.query)),
      r('POST', /^\/channels\/(?<channel>[^/]+)\/messages$/, (p, q) => this.postChannelMessage(p.channel!, q)),
      r('GET', /^\/channels\/(?<channel>[^/]+)\/messages\/(?<msg>[^/]+)$/, (p) => this.channelMessage(p, (id) => this.store.get(id))),
      r('PATCH', /^\/channels\/(?<channel>[^/]+)\/messages\/(?<msg>[^/]+)$/, (p, q) => this.patchChannelMessage(p, q)),
      r('DELETE', /^\/channels\/(?<channel>[^/]+)\/messages\/(?<msg>[^/]+)$/, (p) => this.deleteChannelMessage(p)),
      r('PUT', /^\/channels\/(?<channel>[^/]+)\/messages\/(?<msg>[^/]+)\/reactions\/(?<emoji>[^/]+)\/@me$/, (p) =>
        this.channelMessage(p, (id) => this.store.get(id)).status === 200 ? noContent() : apiError(404, 'Unknown Message', 10008),
      ),
      r('POST', /^\/channels\/(?<channel>[^/]+)\/messages\/(?<msg>[^/]+)\/threads$/, (p, q) => this.startThread(p.channel!, p.msg!, q)),
      r('POST', /^\/channels\/(?<channel>[^/]+)\/threads$/, (p, q) => this.startThread(p.channel!, undefined, q)),
      r('PUT', /^\/channels\/(?<channel>[^/]+)\/thread-members\/@me$/, (p) => this.threadMembership(p.channel!, 'join')),
      r('DELETE', /^\/channels\/(?<channel>[^/]+)\/thread-members\/@me$/, (p) => this.threadMembership(p.channel!, 'leave')),
    ];
  }

  private gatewayBot(): JsonObject {
    return {
      url: this.gatewayUrl,
      shards: this.shardCount,
      // high max_concurrency lets all shards identify at once instead of 5 s apart
      session_start_limit: { total: 1000, remaining: 999, reset_after: 86_400_000, max_concurrency: 16 },
    };
  }

  private application(): JsonObject {
    return {
      id: this.world.applicationId,
      name: 'fake-bot',
      icon: null,
      description: '',
      summary: '',
      type: null,
      bot: this.world.botUser,
      bot_public: true,
      bot_require_code_grant: false,
      verify_key: '0'.repeat(64),
      flags: 0,
      owner: { ...this.world.botUser, id: '100000000000000001', username: 'owner', bot: false },
      team: null,
      approximate_guild_count: 1,
      interactions_endpoint_url: null,
      integration_types_config: { '0': {} },
    };
  }

  /** Requests for another application's commands get Discord's 404. */
  private withApp(params: Params, then: () => RouteResponse): RouteResponse {
    if (params.app !== this.world.applicationId) return apiError(404, 'Unknown Application', 10002);
    return then();
  }

  private putCommands(params: Params, request: RecordedRequest): RouteResponse {
    const result = this.commands.overwrite(request.body, params.guild);
    return typeof result === 'string' ? invalidForm(result) : json(200, result);
  }

  private postCommand(params: Params, request: RecordedRequest): RouteResponse {
    const result = this.commands.upsert(request.body, params.guild);
    if (typeof result === 'string') return invalidForm(result);
    return json(result.created ? 201 : 200, result.command);
  }

  private getCommand(params: Params): RouteResponse {
    const command = this.commands.get(params.id!, params.guild);
    return command ? json(200, command) : apiError(404, 'Unknown application command', 10063);
  }

  private patchCommand(params: Params, request: RecordedRequest): RouteResponse {
    const result = this.commands.edit(params.id!, (request.body ?? {}) as JsonObject, params.guild);
    if (typeof result === 'string') return invalidForm(result);
    return result ? json(200, result) : apiError(404, 'Unknown application command', 10063);
  }

  private deleteCommand(params: Params): RouteResponse {
    return this.commands.remove(params.id!, params.guild) ? noContent() : apiError(404, 'Unknown application command', 10063);
  }

  private postChannelMessage(channelId: string, request: RecordedRequest): RouteResponse {
    const place = this.channels.place(channelId);
    if (!place) return unknownChannel();
    if (place.type === ChannelType.GuildForum) return notTextChannel();
    const body = request.body as JsonObject | undefined;
    const invalid = validateMessageBody(body, { hasFiles: request.files.length > 0, isEdit: false });
    if (invalid) return invalid;
    const archived = this.reopenThreadFor(place);
    if (archived) return archived;

    const extra: Partial<FakeMessage> = {};
    // discord.js matches its own sends by nonce when enforceNonce is used
    if (body?.nonce !== undefined) extra.nonce = body.nonce;
    const reply = this.resolveReply(body?.message_reference, place);
    if ('error' in reply) return reply.error;
    if (reply.referenced) {
      extra.type = MessageType.Reply;
      extra.message_reference = replyReference(reply.referenced);
      extra.referenced_message = withoutNestedReference(reply.referenced);
    }
    const env = { botUserId: this.world.botUser.id, channels: this.channels };
    Object.assign(extra, botMessageMentions(String(body?.content ?? ''), body?.allowed_mentions, reply.referenced, env));

    // the body's message_reference is the request's; the message carries Discord's completed one (in `extra`)
    const { message_reference: _requested, ...fields } = body ?? {};
    const message = this.store.create(fields, request.files, {
      channelId,
      guildId: place.guildId,
      author: this.world.botUser,
      extra,
    });
    this.botMessageIds.push(message.id);
    this.lastAllowedMentions.set(message.id, body?.allowed_mentions);
    this.channels.noteMessage(channelId, message.id);
    this.echo('MESSAGE_CREATE', (intents) => messageEvent(message, place, intents, env), place);
    this.notifyBotMessage(message.id);
    return json(200, message);
  }

  /** `message_reference` of a bot message → the referenced message, or Discord's error for an unknown one. */
  private resolveReply(raw: unknown, place: ChannelPlace): { referenced?: FakeMessage } | { error: RouteResponse } {
    if (raw === undefined || raw === null) return {};
    const reference = raw as JsonObject;
    // forwards (type 1) are out of scope: treat them as absent rather than guess
    if (reference.type === 1) return {};
    const channelId = String(reference.channel_id ?? place.channelId);
    const referenced = this.store.get(String(reference.message_id));
    if (referenced && referenced.channel_id === channelId) return { referenced };
    if (reference.fail_if_not_exists === false) return {};
    return {
      error: invalidFormBody([fieldError(['message_reference'], 'REPLIES_UNKNOWN_MESSAGE', 'Unknown message')]),
    };
  }

  private patchChannelMessage(params: Params, request: RecordedRequest): RouteResponse {
    const place = this.channels.place(params.channel!);
    if (!place) return unknownChannel();
    const existing = this.store.get(params.msg!);
    if (!existing || existing.channel_id !== params.channel) return apiError(404, 'Unknown Message', 10008);
    if (existing.author.id !== this.world.botUser.id) return apiError(403, 'Cannot edit a message authored by another user', 50005);
    const body = request.body as JsonObject | undefined;
    const invalid = validateMessageBody(body, { hasFiles: request.files.length > 0, isEdit: true });
    if (invalid) return invalid;
    let message = this.store.edit(existing.id, body, request.files)!;
    if (body?.content !== undefined || body?.allowed_mentions !== undefined) {
      const env = { botUserId: this.world.botUser.id, channels: this.channels };
      const referenced = message.referenced_message as FakeMessage | undefined;
      message = this.store.patch(message.id, botMessageMentions(message.content, body?.allowed_mentions, referenced ?? undefined, env))!;
    }
    if (body && 'allowed_mentions' in body) this.lastAllowedMentions.set(message.id, body.allowed_mentions);
    const env = { botUserId: this.world.botUser.id, channels: this.channels };
    this.echo('MESSAGE_UPDATE', (intents) => messageEvent(message, place, intents, env), place);
    this.notifyBotMessage(message.id);
    return json(200, message);
  }

  private deleteChannelMessage(params: Params): RouteResponse {
    const place = this.channels.place(params.channel!);
    const message = this.store.get(params.msg!);
    if (!place || !message || message.channel_id !== params.channel) return apiError(404, 'Unknown Message', 10008);
    this.store.delete(message.id);
    this.channels.noteDelete(place.channelId);
    this.echo('MESSAGE_DELETE', (intents) => deleteEvent(message, place, intents), place);
    return noContent();
  }

  /**
   * GET /channels/:id/messages: newest first, `limit` 1–100 (default 50),
   * at most one of `before`, `after`, `around` (message ids), as on Discord.
   */
  private channelHistory(channelId: string, query: Record<string, string>): RouteResponse {
    if (!this.channels.place(channelId)) return unknownChannel();
    const limit = query.limit === undefined ? 50 : Number(query.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
      return invalidFormBody([fieldError(['limit'], 'NUMBER_TYPE_MAX', 'int value should be between 1 and 100.')]);
    }
    const byIdDesc = (a: FakeMessage, b: FakeMessage): number => (BigInt(b.id) > BigInt(a.id) ? 1 : BigInt(b.id) < BigInt(a.id) ? -1 : 0);
    const newestFirst = this.store.inChannel(channelId).sort(byIdDesc);
    const id = (value: string): bigint => BigInt(value);
    if (query.before !== undefined) return json(200, newestFirst.filter((m) => id(m.id) < id(query.before!)).slice(0, limit));
    if (query.after !== undefined) {
      // the `limit` messages right after `after`, still answered newest first
      const after = newestFirst.filter((m) => id(m.id) > id(query.after!));
      return json(200, after.slice(Math.max(0, after.length - limit)));
    }
    if (query.around !== undefined) {
      const pivot = id(query.around);
      const older = newestFirst.filter((m) => id(m.id) <= pivot).slice(0, Math.ceil(limit / 2));
      const newer = newestFirst.filter((m) => id(m.id) > pivot);
      return json(200, [...newer.slice(Math.max(0, newer.length - Math.floor(limit / 2))), ...older]);
    }
    return json(200, newestFirst.slice(0, limit));
  }

  private typing(channelId: string): RouteResponse {
    const place = this.channels.place(channelId);
    if (!place) return unknownChannel();
    if (place.type === ChannelType.GuildForum) return notTextChannel();
    this.typingCounts.set(channelId, this.typingIn(channelId) + 1);
    return noContent();
  }

  /** POST /users/@me/channels `{ recipient_id }`: the user's DM channel (the same one every time). */
  private openDm(request: RecordedRequest): RouteResponse {
    const recipientId = (request.body as JsonObject | undefined)?.recipient_id;
    if (typeof recipientId !== 'string' || recipientId.length === 0) {
      return invalidFormBody([fieldError(['recipient_id'], 'BASE_TYPE_REQUIRED', 'This field is required')]);
    }
    // Discord answers unknown users this way; the fake knows authors, interaction users and DEFAULT_USER
    if (!this.channels.user(recipientId) || recipientId === this.world.botUser.id) {
      return apiError(400, 'Invalid Recipient(s)', 50033);
    }
    return json(200, this.channels.dmFor(recipientId));
  }

  /**
   * Start a thread from a message (thread id = message id) or without one.
   * As on Discord: the starter message gets `thread` and the HAS_THREAD flag
   * (MESSAGE_UPDATE), a public thread without a message leaves a type 18
   * system message in the parent, and THREAD_CREATE goes out with
   * `newly_created: true` to connections with the Guilds intent.
   */
  private startThread(channelId: string, messageId: string | undefined, request: RecordedRequest): RouteResponse {
    const parent = this.channels.place(channelId);
    if (!parent) return unknownChannel();
    if (messageId === undefined && this.channels.isForum(channelId)) return this.startForumPost(channelId, request);
    if (!this.channels.isGuildText(channelId)) return apiError(400, 'Cannot execute action on this channel type', 50024);
    const body = (request.body ?? {}) as JsonObject;
    const badName = validateThreadName(body.name);
    if (badName) return badName;
    const duration = body.auto_archive_duration ?? DEFAULT_AUTO_ARCHIVE_DURATION;
    if (!(AUTO_ARCHIVE_DURATIONS as readonly unknown[]).includes(duration)) {
      return invalidFormBody([
        fieldError(['auto_archive_duration'], 'BASE_TYPE_CHOICES', `Value must be one of {${AUTO_ARCHIVE_DURATIONS.join(', ')}}.`),
      ]);
    }
    const rateLimit = body.rate_limit_per_user ?? 0;
    if (typeof rateLimit !== 'number' || rateLimit < 0 || rateLimit > 21_600) {
      return invalidFormBody([fieldError(['rate_limit_per_user'], 'NUMBER_TYPE_MAX', 'int value should be less than or equal to 21600.')]);
    }

    let starter: FakeMessage | undefined;
    // a thread started from a message is always public; without one, API v10 defaults to private
    let type: number = ChannelType.PublicThread;
    if (messageId !== undefined) {
      starter = this.store.get(messageId);
      if (!starter || starter.channel_id !== channelId) return apiError(404, 'Unknown Message', 10008);
      if (this.channels.thread(messageId)) return apiError(400, 'A thread has already been created for this message', 160004);
    } else {
      type = Number(body.type ?? ChannelType.PrivateThread);
      if (type !== ChannelType.PublicThread && type !== ChannelType.PrivateThread) {
        return invalidFormBody([fieldError(['type'], 'BASE_TYPE_CHOICES', 'Value must be one of {11, 12}.')]);
      }
    }

    const thread = this.channels.createThread({
      id: messageId,
      parentId: channelId,
      ownerId: this.world.botUser.id,
      name: String(body.name),
      type,
      autoArchiveDuration: Number(duration),
      rateLimitPerUser: rateLimit,
      invitable: typeof body.invitable === 'boolean' ? body.invitable : undefined,
    });
    const where = { guildId: thread.guild_id };
    this.gateway
      .broadcast('THREAD_CREATE', guildsOnly({ ...thread, newly_created: true }), where, 0)
      .catch(() => undefined);

    const env = { botUserId: this.world.botUser.id, channels: this.channels };
    if (starter) {
      const updated = this.store.patch(starter.id, { thread, flags: starter.flags | HAS_THREAD_FLAG })!;
      this.echo('MESSAGE_UPDATE', (intents) => messageEvent(updated, parent, intents, env), parent);
    } else if (type === ChannelType.PublicThread) {
      const system = this.store.create({ content: thread.name }, [], {
        channelId,
        guildId: parent.guildId,
        author: this.world.botUser,
        extra: { type: MessageType.ThreadCreated, message_reference: { channel_id: thread.id, guild_id: thread.guild_id } },
      });
      this.channels.noteMessage(channelId, system.id);
      this.echo('MESSAGE_CREATE', (intents) => messageEvent(system, parent, intents, env), parent);
    }
    // the creator's thread member object, which lets discord.js mark the thread as joined
    return json(201, { ...thread, member: this.channels.threadMember(thread.id, this.world.botUser.id) });
  }

  /**
   * POST /channels/:forum/threads: the bot's own forum post, `{ name, message, applied_tags?,
   * auto_archive_duration?, rate_limit_per_user? }` (JSON, or multipart with files). The
   * starter message is validated like any message and gets the thread's id; THREAD_CREATE
   * then MESSAGE_CREATE are echoed; the answer is the thread with `member` and `message`.
   */
  private startForumPost(forumId: string, request: RecordedRequest): RouteResponse {
    const forum = this.channels.forum(forumId)!;
    const body = (request.body ?? {}) as JsonObject;
    const badName = validateThreadName(body.name);
    if (badName) return badName;
    const duration = body.auto_archive_duration ?? forum.default_auto_archive_duration ?? DEFAULT_AUTO_ARCHIVE_DURATION;
    if (!(AUTO_ARCHIVE_DURATIONS as readonly unknown[]).includes(duration)) {
      return invalidFormBody([
        fieldError(['auto_archive_duration'], 'BASE_TYPE_CHOICES', `Value must be one of {${AUTO_ARCHIVE_DURATIONS.join(', ')}}.`),
      ]);
    }
    const starterBody = body.message as JsonObject | undefined;
    if (!starterBody || typeof starterBody !== 'object') return invalidFormBody([fieldError(['message'], 'BASE_TYPE_REQUIRED', 'This field is required')]);
    const invalid = validateMessageBody(starterBody, { hasFiles: request.files.length > 0, isEdit: false });
    if (invalid) return invalid;
    const tags = Array.isArray(body.applied_tags) ? body.applied_tags.map(String) : [];
    const tagProblem = this.forumPostProblem(forum, body.name, tags);
    if (tagProblem?.startsWith('40067')) return apiError(400, 'A tag is required to create a forum post in this channel', 40067);
    if (tagProblem) return invalidFormBody([fieldError(['applied_tags'], 'BASE_TYPE_INVALID', tagProblem)]);

    const thread = this.channels.createThread({
      parentId: forumId,
      ownerId: this.world.botUser.id,
      name: String(body.name),
      type: ChannelType.PublicThread,
      autoArchiveDuration: Number(duration),
      rateLimitPerUser: typeof body.rate_limit_per_user === 'number' ? body.rate_limit_per_user : Number(forum.default_thread_rate_limit_per_user ?? 0),
      appliedTags: tags,
    });
    const place: ChannelPlace = { channelId: thread.id, type: thread.type, guildId: thread.guild_id };
    const env = { botUserId: this.world.botUser.id, channels: this.channels };
    const extra: Partial<FakeMessage> = { id: thread.id, ...botMessageMentions(String(starterBody.content ?? ''), starterBody.allowed_mentions, undefined, env) };
    const { message_reference: _ignored, ...fields } = starterBody;
    const message = this.store.create(fields, request.files, { channelId: thread.id, guildId: thread.guild_id, author: this.world.botUser, extra });
    this.botMessageIds.push(message.id);
    this.lastAllowedMentions.set(message.id, starterBody.allowed_mentions);
    this.channels.noteMessage(thread.id, message.id, { starter: true });
    const created = this.channels.thread(thread.id)!;
    this.echo('THREAD_CREATE', guildsOnly({ ...created, newly_created: true }), place);
    this.echo('MESSAGE_CREATE', (intents) => messageEvent(message, place, intents, env), place);
    this.notifyBotMessage(message.id);
    return json(201, { ...created, member: this.channels.threadMember(thread.id, this.world.botUser.id), message });
  }

  /** PATCH /channels/:id on a thread: name, archived, locked, auto_archive_duration, rate_limit_per_user (THREAD_UPDATE). */
  private patchChannel(channelId: string, request: RecordedRequest): RouteResponse {
    const place = this.channels.place(channelId);
    if (!place) return unknownChannel();
    // the fake's bot has no Manage Channels: only its threads can be edited
    if (!isThreadType(place.type)) return apiError(403, 'Missing Permissions', 50013);
    const body = (request.body ?? {}) as JsonObject;
    if (body.name !== undefined) {
      const badName = validateThreadName(body.name);
      if (badName) return badName;
    }
    if (body.auto_archive_duration !== undefined && !(AUTO_ARCHIVE_DURATIONS as readonly unknown[]).includes(body.auto_archive_duration)) {
      return invalidFormBody([
        fieldError(['auto_archive_duration'], 'BASE_TYPE_CHOICES', `Value must be one of {${AUTO_ARCHIVE_DURATIONS.join(', ')}}.`),
      ]);
    }
    const thread = this.channels.updateThread(channelId, {
      name: typeof body.name === 'string' ? body.name : undefined,
      archived: typeof body.archived === 'boolean' ? body.archived : undefined,
      locked: typeof body.locked === 'boolean' ? body.locked : undefined,
      autoArchiveDuration: typeof body.auto_archive_duration === 'number' ? body.auto_archive_duration : undefined,
      rateLimitPerUser: typeof body.rate_limit_per_user === 'number' ? body.rate_limit_per_user : undefined,
    })!;
    this.echo('THREAD_UPDATE', guildsOnly(thread), place);
    return json(200, thread);
  }

  private threadMembership(channelId: string, action: 'join' | 'leave'): RouteResponse {
    const place = this.channels.place(channelId);
    if (!place) return unknownChannel();
    if (!isThreadType(place.type)) return apiError(400, 'Cannot execute action on this channel type', 50024);
    if (action === 'join') this.channels.joinThread(channelId, this.world.botUser.id);
    else this.channels.leaveThread(channelId, this.world.botUser.id);
    return noContent();
  }

  private channelMessage(params: Params, op: (id: string) => FakeMessage | undefined): RouteResponse {
    const message = op(params.msg!);
    if (!message || message.channel_id !== params.channel) return apiError(404, 'Unknown Message', 10008);
    return json(200, message);
  }
}

/** Thread events need the Guilds intent. */
function guildsOnly(payload: JsonObject): (intents: number) => JsonObject | undefined {
  return (intents) => ((intents & Intent.Guilds) !== 0 ? payload : undefined);
}

function unknownChannel(): RouteResponse {
  return apiError(404, 'Unknown Channel', 10003);
}

/** A forum holds posts, not messages: sending or typing in it directly. */
function notTextChannel(): RouteResponse {
  return apiError(400, 'Cannot send messages in a non-text channel', 50008);
}

function invalidForm(problem: string): RouteResponse {
  return json(400, { message: 'Invalid Form Body', code: 50035, errors: { _errors: [{ code: 'BASE_TYPE_INVALID', message: problem }] } });
}

/** Decode each segment: discord.js sends `@original` as `%40original`. */
function decodePath(path: string): string {
  return path
    .split('/')
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    })
    .join('/');
}

/** Start a fake Discord on 127.0.0.1 with a random free port. */
export async function startFakeDiscord(opts: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return new FakeDiscordServer(server, port, opts);
}
