/**
 * Message-based conversations: building the messages users "say" and
 * shaping MESSAGE_CREATE / MESSAGE_UPDATE / MESSAGE_DELETE payloads the way
 * Discord does for each connection, following its intent rules:
 *
 * - guild message events need GuildMessages (1<<9), DM ones DirectMessages (1<<12);
 * - without MessageContent (1<<15) `content`, `embeds`, `attachments`,
 *   `components` and `poll` arrive empty, except in DMs, in messages that
 *   mention the bot (user mention) and in messages the bot authored.
 *
 * discord.js needs `channel_type` on every message event (without it a DM
 * from an uncached channel is dropped) and `member` on guild messages by
 * users (it builds `message.member` from it).
 */
import type { ChannelPlace, ChannelStore } from './channels.js';
import { ChannelType } from './channels.js';
import type { JsonObject } from './http.js';
import { DEFAULT_USER, fullMessage, type FakeAttachment, type FakeMessage, type FakeUser } from './payloads.js';
import { snowflake } from './snowflake.js';

/** Gateway intent bits the fake honours. */
export const Intent = {
  Guilds: 1 << 0,
  GuildMessages: 1 << 9,
  DirectMessages: 1 << 12,
  MessageContent: 1 << 15,
} as const;

/** Discord message types the fake produces. */
export const MessageType = {
  Default: 0,
  ThreadCreated: 18,
  Reply: 19,
} as const;

/** Message flag set on a message a thread was started from. */
export const HAS_THREAD_FLAG = 1 << 5;

/** What `fake.say()` accepts. Everything is optional; defaults give a plain guild message by DEFAULT_USER. */
export interface SayInput {
  content?: string;
  /** Merged onto DEFAULT_USER (or onto the webhook author with `webhookId`). `bot: true` makes a bot author. */
  author?: Partial<FakeUser>;
  /** Sends as that webhook: author becomes the webhook's user, no `member`. */
  webhookId?: string;
  /** Guild text channel, thread or DM channel id. Default: the guild text channel (or the author's DM with `dm`). */
  channelId?: string;
  /** Send in the author's DM channel with the bot (no guild_id, channel_type 1). */
  dm?: boolean;
  /** Put the bot in `mentions`, prefixing `<@botId> ` to the content when it is not there yet. */
  mentionBot?: boolean;
  /** More mentioned users (ids of users the fake knows, or user objects); `<@id>` is added to the content when missing. */
  mentions?: Array<string | Partial<FakeUser>>;
  /** Sets `mention_everyone` (Discord only does that when the author may ping everyone; the fake trusts the test). */
  mentionEveryone?: boolean;
  /** Role ids for `mention_roles` (`<@&id>` in the content is picked up too). */
  mentionRoles?: string[];
  /** Reply to this message (user or bot): type 19, `message_reference`, `referenced_message`. */
  replyTo?: string;
  /** With `replyTo`: whether the reply pings the referenced author (adds them to `mentions`). Default true. */
  ping?: boolean;
  embeds?: JsonObject[];
  /** `{ filename, data }` is stored and served by the fake (bots can download it); other fields pass through. */
  attachments?: SayAttachment[];
  components?: JsonObject[];
  poll?: JsonObject;
  nonce?: string;
  /** Author's member role ids (guild only); remembered for later messages by the same user. */
  roles?: string[];
  nick?: string | null;
  /** Bound for waiting until the shard that should receive the event is connected (default 5000). */
  timeoutMs?: number;
  /** Shallow-merged onto the stored message last, for deliberately unusual payloads. */
  overrides?: JsonObject;
}

/** Context `buildUserMessage` needs from the fake. */
export interface ConversationEnv {
  botUser: FakeUser;
  channels: ChannelStore;
  defaultChannelId: string;
  /** Stored message by id (for replies). */
  message(id: string): FakeMessage | undefined;
  /** Store attachment bytes; returns the attachment served by the fake. */
  storeFile(bytes: Buffer, filename: string, channelId: string): FakeAttachment;
}

/** An attachment on a user message: an API attachment, or `data` the fake serves at its `url`. */
export type SayAttachment = Partial<FakeAttachment> & { data?: Buffer | string };

/**
 * Resolves the author, the channel and every derived field of a user message.
 * `opts.id` fixes the message id (a forum post's starter message shares its thread's id).
 */
export function buildUserMessage(input: SayInput, env: ConversationEnv, opts: { id?: string } = {}): { message: FakeMessage; place: ChannelPlace } {
  const author = messageAuthor(input, env);
  const place = messagePlace(input, author, env);
  const id = opts.id ?? snowflake();
  let content = input.content ?? '';

  const mentioned = new Map<string, FakeUser>();
  const addMention = (user: FakeUser, addToContent: boolean): void => {
    if (addToContent && !mentionsInContent(content).has(user.id)) content = `<@${user.id}> ${content}`.trimEnd();
    mentioned.set(user.id, user);
  };
  for (const entry of input.mentions ?? []) addMention(resolveUser(entry, env), true);
  if (input.mentionBot) addMention(env.botUser, true);
  // Discord derives mentions from the content; the fake does so for users it knows
  for (const userId of mentionsInContent(content)) {
    const user = env.channels.user(userId);
    if (user && !mentioned.has(userId)) mentioned.set(userId, user);
  }

  const extra: Partial<FakeMessage> = {};
  if (input.replyTo !== undefined) {
    const referenced = env.message(input.replyTo);
    if (!referenced) throw new Error(`fake-discord: say({ replyTo: '${input.replyTo}' }): no such message`);
    extra.type = MessageType.Reply;
    extra.message_reference = replyReference(referenced);
    extra.referenced_message = withoutNestedReference(referenced);
    // a reply "pings" its author by listing them in mentions (never oneself)
    if ((input.ping ?? true) && referenced.author.id !== author.id) mentioned.set(referenced.author.id, referenced.author);
  }
  if (input.webhookId !== undefined) extra.webhook_id = input.webhookId;
  if (input.nonce !== undefined) extra.nonce = input.nonce;
  if (input.poll !== undefined) extra.poll = input.poll;

  const roleMentions = new Set([...(input.mentionRoles ?? []), ...roleMentionsInContent(content)]);
  const message = fullMessage(
    {
      ...extra,
      id,
      content,
      embeds: input.embeds ?? [],
      components: input.components ?? [],
      attachments: (input.attachments ?? []).map((a) => completeAttachment(a, place.channelId, env)),
      mentions: [...mentioned.values()],
      mention_roles: [...roleMentions],
      mention_everyone: input.mentionEveryone ?? false,
    },
    { channelId: place.channelId, guildId: place.guildId, author },
  );
  if (input.roles !== undefined || input.nick !== undefined) env.channels.member(author.id, { roles: input.roles, nick: input.nick });
  Object.assign(message, input.overrides);
  return { message, place };
}

/**
 * Who a bot message pings, as Discord computes `mentions`, `mention_roles`
 * and `mention_everyone` from the content filtered by `allowed_mentions`.
 * Without `allowed_mentions` regular messages parse everything and replies
 * ping the replied-to author; with it, only what it allows.
 */
export function botMessageMentions(
  content: string,
  allowedMentions: unknown,
  referenced: FakeMessage | undefined,
  env: { botUserId: string; channels: ChannelStore },
): { mentions: FakeUser[]; mention_roles: string[]; mention_everyone: boolean } {
  const allowed = (allowedMentions ?? undefined) as JsonObject | undefined;
  const parse = allowed === undefined ? ['users', 'roles', 'everyone'] : Array.isArray(allowed.parse) ? (allowed.parse as string[]) : [];
  const listed = (key: 'users' | 'roles'): Set<string> => new Set(Array.isArray(allowed?.[key]) ? (allowed[key] as string[]) : []);
  const allowedUsers = listed('users');
  const allowedRoles = listed('roles');

  const mentions = new Map<string, FakeUser>();
  for (const id of mentionsInContent(content)) {
    const user = env.channels.user(id);
    if (user && (parse.includes('users') || allowedUsers.has(id))) mentions.set(id, user);
  }
  const pingsReplied = allowed === undefined ? true : allowed.replied_user === true;
  if (referenced && pingsReplied && referenced.author.id !== env.botUserId) mentions.set(referenced.author.id, referenced.author);
  const roles = roleMentionsInContent(content).filter((id) => parse.includes('roles') || allowedRoles.has(id));
  const everyone = parse.includes('everyone') && /@(everyone|here)\b/.test(content);
  return { mentions: [...mentions.values()], mention_roles: [...new Set(roles)], mention_everyone: everyone };
}

/** Discord nests one level only: a referenced message carries no referenced_message of its own. */
export function withoutNestedReference(message: FakeMessage): FakeMessage {
  const copy = structuredClone(message);
  delete copy.referenced_message;
  return copy;
}

/** `message_reference` of a reply to `referenced` (type 0 = default reference). */
export function replyReference(referenced: FakeMessage): JsonObject {
  const reference: JsonObject = { type: 0, message_id: referenced.id, channel_id: referenced.channel_id };
  if (referenced.guild_id !== undefined) reference.guild_id = referenced.guild_id;
  return reference;
}

/**
 * The MESSAGE_CREATE / MESSAGE_UPDATE payload for a connection with
 * `intents`, or undefined when Discord would not send it.
 */
export function messageEvent(
  message: FakeMessage,
  place: ChannelPlace,
  intents: number,
  env: { botUserId: string; channels: ChannelStore },
): JsonObject | undefined {
  if (!receivesMessageEvents(place, intents)) return undefined;
  const payload: JsonObject = { ...structuredClone(message), channel_type: place.type };
  const inGuild = place.guildId !== undefined;
  if (inGuild) {
    payload.guild_id = place.guildId;
    // webhook authors are not guild members
    if (message.webhook_id === undefined) payload.member = env.channels.member(message.author.id);
    payload.mentions = (message.mentions as FakeUser[]).map((user) => ({ ...user, member: env.channels.member(user.id) }));
  } else {
    delete payload.guild_id;
  }
  redactContent(payload, intents, env.botUserId, inGuild);
  const referenced = payload.referenced_message as JsonObject | null | undefined;
  if (referenced) redactContent(referenced, intents, env.botUserId, inGuild);
  return payload;
}

/** MESSAGE_DELETE payload for a connection, or undefined without the intent. */
export function deleteEvent(message: FakeMessage, place: ChannelPlace, intents: number): JsonObject | undefined {
  if (!receivesMessageEvents(place, intents)) return undefined;
  const payload: JsonObject = { id: message.id, channel_id: message.channel_id };
  if (place.guildId !== undefined) payload.guild_id = place.guildId;
  return payload;
}

/** Guild channels (threads included) need GuildMessages, DMs DirectMessages. */
export function receivesMessageEvents(place: ChannelPlace, intents: number): boolean {
  const needed = place.guildId === undefined ? Intent.DirectMessages : Intent.GuildMessages;
  return (intents & needed) !== 0;
}

/** Thread channel types: their messages are guild messages with the thread's channel_type. */
export function isThreadType(type: number): boolean {
  return type === ChannelType.PublicThread || type === ChannelType.PrivateThread || type === ChannelType.AnnouncementThread;
}

/** Ids in `<@id>` / `<@!id>` user mentions of `content`. */
export function mentionsInContent(content: string): Set<string> {
  return new Set([...content.matchAll(/<@!?(\d{15,25})>/g)].map((m) => m[1]!));
}

function roleMentionsInContent(content: string): string[] {
  return [...content.matchAll(/<@&(\d{15,25})>/g)].map((m) => m[1]!);
}

// ---------------------------------------------------------------------------

/** Fields the MessageContent intent hides, with the empty value Discord sends instead. */
function redactContent(payload: JsonObject, intents: number, botUserId: string, inGuild: boolean): void {
  if (!inGuild || (intents & Intent.MessageContent) !== 0) return;
  const author = payload.author as FakeUser | undefined;
  const mentions = (payload.mentions ?? []) as FakeUser[];
  if (author?.id === botUserId || mentions.some((u) => u.id === botUserId)) return;
  payload.content = '';
  payload.embeds = [];
  payload.attachments = [];
  payload.components = [];
  delete payload.poll;
}

function messageAuthor(input: SayInput, env: ConversationEnv): FakeUser {
  if (input.webhookId !== undefined) {
    // webhook messages are authored by a user object carrying the webhook's id and name
    return {
      id: input.webhookId,
      username: 'Captain Hook',
      global_name: null,
      discriminator: '0000',
      avatar: null,
      bot: true,
      ...input.author,
    };
  }
  const base = input.author?.id ? (env.channels.user(input.author.id) ?? DEFAULT_USER) : DEFAULT_USER;
  return env.channels.rememberUser({ ...base, ...input.author } as FakeUser);
}

function messagePlace(input: SayInput, author: FakeUser, env: ConversationEnv): ChannelPlace {
  if (input.dm) {
    if (input.channelId !== undefined) throw new Error('fake-discord: say(): give either `dm: true` or `channelId`, not both');
    const dm = env.channels.dmFor(author.id);
    return { channelId: String(dm.id), type: ChannelType.DM, guildId: undefined };
  }
  const channelId = input.channelId ?? env.defaultChannelId;
  const place = env.channels.place(channelId);
  if (!place) throw new Error(`fake-discord: say(): unknown channel ${channelId} (use fake.channelId, a thread id or a DM channel id)`);
  // Discord: a forum holds no messages, only posts (threads)
  if (place.type === ChannelType.GuildForum) throw new Error(`fake-discord: say(): ${channelId} is a forum: start a post with fake.post({ forumId, … }), or say() in a post's thread`);
  return place;
}

function resolveUser(entry: string | Partial<FakeUser>, env: ConversationEnv): FakeUser {
  if (typeof entry === 'string') {
    const user = env.channels.user(entry);
    if (!user) throw new Error(`fake-discord: say(): unknown user ${entry} in mentions; pass a user object instead`);
    return user;
  }
  const known = entry.id ? env.channels.user(entry.id) : undefined;
  return env.channels.rememberUser({ ...DEFAULT_USER, ...known, id: snowflake(), ...entry } as FakeUser);
}

function completeAttachment(input: SayAttachment, channelId: string, env: ConversationEnv): FakeAttachment {
  const { data, ...fields } = input;
  const filename = fields.filename ?? 'file.txt';
  if (data !== undefined) {
    const stored = env.storeFile(typeof data === 'string' ? Buffer.from(data) : data, filename, channelId);
    return { ...stored, ...fields, id: stored.id, url: stored.url, proxy_url: stored.proxy_url, size: stored.size };
  }
  const id = fields.id ?? snowflake();
  // no bytes given: a URL on a reserved domain, so a download fails loudly instead of reaching the network
  const url = fields.url ?? `https://cdn.discordapp.invalid/attachments/${channelId}/${id}/${filename}`;
  return { size: 0, proxy_url: url, ...fields, id, filename, url };
}
