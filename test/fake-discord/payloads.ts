/**
 * Payload factories for the loopback fake Discord: users, the test guild,
 * channels, messages and interactions.
 *
 * Interaction builders (`slashCommand`, `buttonClick`, ...) return an
 * `InteractionInput`: a description that does not yet know the fake's ids.
 * `FakeDiscord.interact` completes it with `buildInteractionPayload`, filling
 * in everything discord.js dereferences (a missing `member.user`,
 * `entitlements` or `authorizing_integration_owners` crashes discord.js's
 * gateway handler with an unhandled rejection).
 */
import { randomBytes } from 'node:crypto';
import type { JsonObject } from './http.js';
import { snowflake, snowflakeTime } from './snowflake.js';

// ---------------------------------------------------------------------------
// Constants

/** Discord interaction types. */
export const InteractionKind = {
  Ping: 1,
  ApplicationCommand: 2,
  MessageComponent: 3,
  Autocomplete: 4,
  ModalSubmit: 5,
} as const;

/** Interaction callback types. */
export const CallbackType = {
  Reply: 4,
  DeferReply: 5,
  DeferUpdate: 6,
  Update: 7,
  Autocomplete: 8,
  Modal: 9,
} as const;

export const MessageFlag = { Ephemeral: 1 << 6, Loading: 1 << 7 } as const;

/** View, send, embed, attach, history, reactions, external emoji, use app commands. */
export const DEFAULT_MEMBER_PERMISSIONS = (
  (1n << 6n) | (1n << 10n) | (1n << 11n) | (1n << 14n) | (1n << 15n) | (1n << 16n) | (1n << 18n) | (1n << 31n)
).toString();

/** 10 MiB: the non-boosted upload limit Discord reports in `attachment_size_limit`. */
export const DEFAULT_ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024;

/** The user that triggers interactions unless a builder's `user` says otherwise. */
export const DEFAULT_USER: FakeUser = {
  id: '100000000000000001',
  username: 'tester',
  global_name: 'Tester',
  discriminator: '0',
  avatar: null,
  bot: false,
  public_flags: 0,
};

// ---------------------------------------------------------------------------
// Types

export interface FakeUser {
  id: string;
  username: string;
  global_name: string | null;
  discriminator: string;
  avatar: string | null;
  bot?: boolean;
  public_flags?: number;
  [key: string]: unknown;
}

/** Ids of the fake's world; every fake instance gets fresh ones. */
export interface FakeWorld {
  applicationId: string;
  botUser: FakeUser;
  guildId: string;
  channelId: string;
  dmChannelId: string;
  /** http://127.0.0.1:PORT, used for attachment URLs. */
  origin: string;
}

/** Who triggers an interaction and where. Shared by every builder. */
export interface InteractionContext {
  /** Defaults to `DEFAULT_USER`; partial fields are merged onto it. */
  user?: Partial<FakeUser>;
  /** Guild to send from; `null` sends a DM interaction. Defaults to the fake's guild. */
  guildId?: string | null;
  /** Channel to send from. Defaults to the fake's text channel (or DM channel). */
  channelId?: string;
  locale?: string;
  guildLocale?: string;
  /** Member role ids (guild only). */
  roles?: string[];
  /** Member permission bitfield as a decimal string (guild only). */
  permissions?: string;
  /** Bot's permissions in the channel (`app_permissions`). */
  appPermissions?: string;
  nick?: string | null;
}

/** A slash-command option as Discord sends it. */
export interface ApiOption {
  name: string;
  type: number;
  value?: string | number | boolean;
  options?: ApiOption[];
  focused?: boolean;
}

export type OptionValue = string | number | boolean;

/** Either `{ question: 'hi', limit: 3 }` (types inferred) or Discord's option array. */
export type OptionsInput = Record<string, OptionValue> | ApiOption[];

/** A not-yet-complete interaction, produced by the builders below. */
export interface InteractionInput {
  type: number;
  /** Interaction `data`; command `id` is filled in from registered commands. */
  data: JsonObject;
  context: InteractionContext;
  /** Message a component/modal interaction is attached to (completed by the fake). */
  message?: Partial<FakeMessage>;
  /** Target of a message context-menu command (completed by the fake). */
  targetMessage?: Partial<FakeMessage>;
  /** Short label used in error messages, e.g. `/ask` or `button:more`. */
  label: string;
  /**
   * Shallow-merged onto the final payload last. A key set to `undefined` is
   * deleted, which lets a test send deliberately malformed interactions.
   */
  overrides?: JsonObject;
}

/** A message object as the fake stores and returns it. */
export interface FakeMessage {
  id: string;
  type: number;
  channel_id: string;
  guild_id?: string;
  author: FakeUser;
  content: string;
  embeds: JsonObject[];
  components: JsonObject[];
  attachments: FakeAttachment[];
  flags: number;
  timestamp: string;
  edited_timestamp: string | null;
  [key: string]: unknown;
}

/** Target of `messageContextMenu`: any message fields; `author` may be partial. */
export interface TargetMessageInput {
  id?: string;
  content: string;
  author?: Partial<FakeUser>;
  [key: string]: unknown;
}

export interface FakeAttachment {
  id: string;
  filename: string;
  size: number;
  url: string;
  proxy_url: string;
  content_type?: string;
  description?: string;
  [key: string]: unknown;
}

// ---------------------------------------------------------------------------
// World objects

export function createWorld(origin: string): FakeWorld {
  const applicationId = snowflake();
  return {
    applicationId,
    // Discord bots share the application's id as their user id
    botUser: {
      id: applicationId,
      username: 'fake-bot',
      global_name: null,
      discriminator: '0',
      avatar: null,
      bot: true,
      public_flags: 0,
      flags: 0,
      verified: true,
      mfa_enabled: false,
    },
    guildId: snowflake(),
    channelId: snowflake(),
    dmChannelId: snowflake(),
    origin,
  };
}

export function interactionToken(): string {
  return `fake-interaction-${randomBytes(24).toString('base64url')}`;
}

export function textChannel(world: FakeWorld, id = world.channelId): JsonObject {
  return {
    id,
    type: 0,
    guild_id: world.guildId,
    name: 'general',
    position: 0,
    permission_overwrites: [],
    nsfw: false,
    topic: null,
    last_message_id: null,
    rate_limit_per_user: 0,
    parent_id: null,
    flags: 0,
  };
}

export function dmChannel(world: FakeWorld, user: FakeUser, id = world.dmChannelId): JsonObject {
  return { id, type: 1, last_message_id: null, flags: 0, recipients: [user] };
}

/** Full guild for GUILD_CREATE / GET /guilds/:id, with one text channel and the bot as member. */
export function guildPayload(world: FakeWorld): JsonObject {
  const now = new Date().toISOString();
  return {
    id: world.guildId,
    name: 'Fake Guild',
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: DEFAULT_USER.id,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    mfa_level: 0,
    nsfw_level: 0,
    premium_tier: 0,
    premium_progress_bar_enabled: false,
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    preferred_locale: 'en-US',
    application_id: null,
    features: [],
    roles: [
      {
        id: world.guildId, // @everyone shares the guild id
        name: '@everyone',
        color: 0,
        hoist: false,
        position: 0,
        permissions: DEFAULT_MEMBER_PERMISSIONS,
        managed: false,
        mentionable: false,
        flags: 0,
      },
    ],
    emojis: [],
    stickers: [],
    channels: [textChannel(world)],
    threads: [],
    members: [{ user: world.botUser, roles: [], joined_at: now, deaf: false, mute: false, flags: 0 }],
    presences: [],
    voice_states: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
    member_count: 2,
    large: false,
    unavailable: false,
    joined_at: now,
  };
}

/** A complete message, filling whatever `partial` leaves out. */
export function fullMessage(
  partial: Partial<FakeMessage>,
  defaults: { channelId: string; guildId?: string; author: FakeUser },
): FakeMessage {
  const id = partial.id ?? snowflake();
  const message: FakeMessage = {
    id,
    type: 0,
    channel_id: defaults.channelId,
    content: '',
    embeds: [],
    components: [],
    attachments: [],
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    pinned: false,
    tts: false,
    flags: 0,
    timestamp: new Date(snowflakeTime(id)).toISOString(),
    edited_timestamp: null,
    ...partial,
    author: { ...defaults.author, ...partial.author },
  };
  if (defaults.guildId !== undefined && message.guild_id === undefined) message.guild_id = defaults.guildId;
  return message;
}

// ---------------------------------------------------------------------------
// Interaction builders

/**
 * A chat-input command. `name` may contain a subcommand path:
 * `'config set'` or `'config group set'`.
 */
export function slashCommand(name: string, options: OptionsInput = {}, ctx: InteractionContext = {}): InteractionInput {
  const { command, options: nested } = nestSubcommands(name, toApiOptions(options));
  return {
    type: InteractionKind.ApplicationCommand,
    data: { name: command, type: 1, options: nested },
    context: ctx,
    label: `/${name}`,
  };
}

/**
 * An autocomplete request. The focused option is `ctx.focused`, or the first
 * option when omitted (or whichever API option already has `focused: true`).
 */
export function autocomplete(
  name: string,
  options: OptionsInput,
  ctx: InteractionContext & { focused?: string } = {},
): InteractionInput {
  const { focused, ...context } = ctx;
  const list = toApiOptions(options);
  const hasFocus = list.some((o) => o.focused);
  const focusName = focused ?? (hasFocus ? undefined : list[0]?.name);
  for (const option of list) {
    if (option.name === focusName) option.focused = true;
  }
  const { command, options: nested } = nestSubcommands(name, list);
  return {
    type: InteractionKind.Autocomplete,
    data: { name: command, type: 1, options: nested },
    context,
    label: `autocomplete:/${name}`,
  };
}

/** A button press on `message` (defaults to a bot message carrying that button). */
export function buttonClick(
  customId: string,
  message?: Partial<FakeMessage>,
  ctx: InteractionContext = {},
): InteractionInput {
  return {
    type: InteractionKind.MessageComponent,
    data: { custom_id: customId, component_type: 2 },
    context: ctx,
    message: message ? withoutStateKeys(message) : {
      components: [{ type: 1, components: [{ type: 2, style: 1, label: customId, custom_id: customId }] }],
    },
    label: `button:${customId}`,
  };
}

/** A string-select choice on `message` (defaults to a bot message carrying that menu). */
export function selectMenu(
  customId: string,
  values: string[],
  message?: Partial<FakeMessage>,
  ctx: InteractionContext = {},
): InteractionInput {
  const menu = {
    type: 3,
    custom_id: customId,
    options: values.map((v) => ({ label: v, value: v })),
    min_values: 1,
    max_values: Math.max(1, values.length),
  };
  return {
    type: InteractionKind.MessageComponent,
    data: { custom_id: customId, component_type: 3, values },
    context: ctx,
    message: message ? withoutStateKeys(message) : { components: [{ type: 1, components: [menu] }] },
    label: `select:${customId}`,
  };
}

/** A message context-menu command on `target` (authored by DEFAULT_USER unless given). */
export function messageContextMenu(
  name: string,
  target: TargetMessageInput,
  ctx: InteractionContext = {},
): InteractionInput {
  const targetMessage = {
    ...target,
    id: target.id ?? snowflake(),
    author: { ...DEFAULT_USER, ...target.author },
  } as Partial<FakeMessage>;
  return {
    type: InteractionKind.ApplicationCommand,
    // resolved.messages is filled in once the channel id is known
    data: { name, type: 3, target_id: targetMessage.id },
    context: ctx,
    targetMessage,
    label: `message-menu:${name}`,
  };
}

/** A user context-menu command on `target`. */
export function userContextMenu(name: string, target: Partial<FakeUser>, ctx: InteractionContext = {}): InteractionInput {
  const user = { ...DEFAULT_USER, ...target, id: target.id ?? snowflake() };
  return {
    type: InteractionKind.ApplicationCommand,
    data: { name, type: 2, target_id: user.id, resolved: { users: { [user.id]: user } } },
    context: ctx,
    label: `user-menu:${name}`,
  };
}

/** A modal submission with text inputs `{ customId: value }`. */
export function modalSubmit(
  customId: string,
  fields: Record<string, string>,
  ctx: InteractionContext = {},
): InteractionInput {
  const components = Object.entries(fields).map(([id, value]) => ({
    type: 1,
    components: [{ type: 4, custom_id: id, value }],
  }));
  return {
    type: InteractionKind.ModalSubmit,
    data: { custom_id: customId, components },
    context: ctx,
    label: `modal:${customId}`,
  };
}

/** Drops the convenience keys `final()` adds (ephemeral, loading, deleted) so the payload stays API-shaped. */
function withoutStateKeys(message: Partial<FakeMessage>): Partial<FakeMessage> {
  const copy: Partial<FakeMessage> = { ...message };
  delete copy.ephemeral;
  delete copy.loading;
  delete copy.deleted;
  return copy;
}

function toApiOptions(options: OptionsInput): ApiOption[] {
  if (Array.isArray(options)) return options.map((o) => ({ ...o }));
  return Object.entries(options).map(([name, value]) => ({ name, type: optionType(value), value }));
}

/** Option type from a JS value: STRING 3, INTEGER 4, BOOLEAN 5, NUMBER 10. */
function optionType(value: OptionValue): number {
  if (typeof value === 'string') return 3;
  if (typeof value === 'boolean') return 5;
  return Number.isInteger(value) ? 4 : 10;
}

function nestSubcommands(fullName: string, options: ApiOption[]): { command: string; options: ApiOption[] } {
  const [command = '', ...path] = fullName.trim().split(/\s+/);
  if (path.length === 0) return { command, options };
  if (path.length === 1) return { command, options: [{ name: path[0]!, type: 1, options }] };
  if (path.length === 2) {
    return {
      command,
      options: [{ name: path[0]!, type: 2, options: [{ name: path[1]!, type: 1, options }] }],
    };
  }
  throw new Error(`fake-discord: command path too deep: "${fullName}"`);
}

// ---------------------------------------------------------------------------
// Completing an InteractionInput

export interface PayloadEnv {
  world: FakeWorld;
  id: string;
  token: string;
  /** Registered command id for `name` in the given guild (or global), if any. */
  commandId(name: string, type: number, guildId: string | undefined): { id: string; guildId?: string } | undefined;
  /** A channel the fake knows (for `resolved.channels` of channel options). */
  channel?(id: string): JsonObject | undefined;
}

/** The full INTERACTION_CREATE payload for `input`. */
export function buildInteractionPayload(input: InteractionInput, env: PayloadEnv): JsonObject {
  const { world } = env;
  const ctx = input.context;
  const user: FakeUser = { ...DEFAULT_USER, ...ctx.user };
  const guildId = ctx.guildId === undefined ? world.guildId : (ctx.guildId ?? undefined);
  const channelId = ctx.channelId ?? (guildId ? world.channelId : world.dmChannelId);
  const channel = guildId ? textChannel(world, channelId) : dmChannel(world, user, channelId);
  if (guildId) channel.guild_id = guildId;

  const payload: JsonObject = {
    id: env.id,
    application_id: world.applicationId,
    type: input.type,
    data: completeData(input, env, { guildId, channelId }),
    token: env.token,
    version: 1,
    channel_id: channelId,
    // discord.js reads interaction.channelId from channel.id, not channel_id
    channel,
    app_permissions: ctx.appPermissions ?? DEFAULT_MEMBER_PERMISSIONS,
    locale: ctx.locale ?? 'en-US',
    entitlements: [],
    // 0 = guild install; DMs from a guild-installed app report "0" as owner
    authorizing_integration_owners: { '0': guildId ?? '0' },
    context: guildId ? 0 : 1,
    attachment_size_limit: DEFAULT_ATTACHMENT_SIZE_LIMIT,
  };
  if (guildId) {
    payload.guild_id = guildId;
    payload.guild_locale = ctx.guildLocale ?? 'en-US';
    payload.guild = { id: guildId, locale: ctx.guildLocale ?? 'en-US', features: [] };
    payload.member = memberPayload(user, ctx);
  } else {
    payload.user = user;
  }
  if (input.message) {
    payload.message = fullMessage(input.message, { channelId, guildId, author: world.botUser });
  }
  return applyOverrides(payload, input.overrides);
}

function memberPayload(user: FakeUser, ctx: InteractionContext): JsonObject {
  return {
    user,
    roles: ctx.roles ?? [],
    permissions: ctx.permissions ?? DEFAULT_MEMBER_PERMISSIONS,
    nick: ctx.nick ?? null,
    avatar: null,
    banner: null,
    joined_at: new Date(Date.now() - 86_400_000).toISOString(),
    premium_since: null,
    deaf: false,
    mute: false,
    pending: false,
    flags: 0,
    communication_disabled_until: null,
  };
}

/** Fills command ids and the resolved target message, which need the fake's state. */
function completeData(
  input: InteractionInput,
  env: PayloadEnv,
  where: { guildId: string | undefined; channelId: string },
): JsonObject {
  const data: JsonObject = { ...input.data };
  const isCommand =
    input.type === InteractionKind.ApplicationCommand || input.type === InteractionKind.Autocomplete;
  if (isCommand && data.id === undefined) {
    const found = env.commandId(String(data.name), Number(data.type ?? 1), where.guildId);
    data.id = found?.id ?? snowflake();
    if (found?.guildId) data.guild_id = found.guildId;
  }
  if (input.targetMessage) {
    const target = fullMessage(input.targetMessage, {
      channelId: where.channelId,
      guildId: where.guildId,
      author: DEFAULT_USER,
    });
    data.resolved = { messages: { [target.id]: target } };
  }
  // Channel options (type 7) come with the channel in resolved.channels, as on Discord: a
  // partial channel with the member's permissions there (threads: parent and metadata too).
  const channelIds = channelOptionValues((data.options ?? []) as ApiOption[]);
  if (channelIds.length > 0 && env.channel) {
    const channels: Record<string, JsonObject> = {};
    for (const id of channelIds) {
      const known = env.channel(id);
      if (!known) continue;
      const partial: JsonObject = { id, name: known.name ?? null, type: known.type, permissions: input.context.permissions ?? DEFAULT_MEMBER_PERMISSIONS, flags: known.flags ?? 0 };
      if (known.parent_id !== undefined) partial.parent_id = known.parent_id;
      if (known.thread_metadata !== undefined) partial.thread_metadata = known.thread_metadata;
      channels[id] = partial;
    }
    if (Object.keys(channels).length) data.resolved = { ...(data.resolved as JsonObject | undefined), channels };
  }
  return data;
}

/** The values of every channel option, subcommands included. */
function channelOptionValues(options: ApiOption[]): string[] {
  return options.flatMap((o) => (o.type === 7 && typeof o.value === 'string' ? [o.value] : channelOptionValues((o.options ?? []) as ApiOption[])));
}

function applyOverrides(payload: JsonObject, overrides: JsonObject | undefined): JsonObject {
  if (!overrides) return payload;
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete payload[key];
    else payload[key] = value;
  }
  return payload;
}
