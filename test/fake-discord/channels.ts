/**
 * Channels and users the fake knows: the guild text channel, forum channels
 * (type 15, created by tests), DM channels (one per user, as on Discord) and
 * threads (a forum's posts are threads whose parent is the forum). Routes ask this store whether a
 * channel exists and where it lives (guild or DM), which decides the shape of
 * message payloads and which gateway intent their events need.
 */
import type { JsonObject } from './http.js';
import { DEFAULT_USER, dmChannel, textChannel, type FakeUser, type FakeWorld } from './payloads.js';
import { snowflake } from './snowflake.js';

/** Discord channel types used by the fake. */
export const ChannelType = {
  GuildText: 0,
  DM: 1,
  GuildAnnouncement: 5,
  AnnouncementThread: 10,
  PublicThread: 11,
  PrivateThread: 12,
  GuildForum: 15,
} as const;

/** Forum channel flag: a post must carry at least one of the forum's tags. */
export const REQUIRE_TAG_FLAG = 1 << 4;

/** Discord accepts exactly these `auto_archive_duration` values (minutes). */
export const AUTO_ARCHIVE_DURATIONS = [60, 1440, 4320, 10080] as const;

/** Used when a thread request omits `auto_archive_duration` and the channel sets no default. */
export const DEFAULT_AUTO_ARCHIVE_DURATION = 1440;

/** A thread channel object as the fake stores and returns it. */
export interface FakeThread extends JsonObject {
  id: string;
  type: number;
  guild_id: string;
  parent_id: string;
  owner_id: string;
  name: string;
  last_message_id: string | null;
  message_count: number;
  member_count: number;
  total_message_sent: number;
  rate_limit_per_user: number;
  flags: number;
  /** Only on a forum's posts: ids of the forum's tags applied to the post. */
  applied_tags?: string[];
  thread_metadata: {
    archived: boolean;
    auto_archive_duration: number;
    archive_timestamp: string;
    locked: boolean;
    create_timestamp: string;
    invitable?: boolean;
  };
}

export interface ThreadInput {
  id?: string;
  parentId: string;
  ownerId: string;
  name: string;
  type: number;
  autoArchiveDuration: number;
  rateLimitPerUser?: number;
  invitable?: boolean;
  /** A forum post: the forum's tag ids applied to it (sets `applied_tags`). */
  appliedTags?: string[];
}

/** What `createForum` takes; every field optional. */
export interface ForumInput {
  name?: string;
  /** Tag names; each gets an id (the forum's `available_tags`). */
  tags?: string[];
  /** Posts must carry a tag (flag REQUIRE_TAG). */
  requireTag?: boolean;
  /** `default_auto_archive_duration` of its posts (default 4320, as the client sets it). */
  defaultAutoArchiveDuration?: number;
}

/** Where a channel lives; decides guild_id, member and the intent of its message events. */
export interface ChannelPlace {
  channelId: string;
  /** Discord channel type, sent as MESSAGE_CREATE's `channel_type`. */
  type: number;
  /** Undefined for DMs. */
  guildId: string | undefined;
}

/** Guild member fields the fake varies per user (the rest is constant). */
export interface GuildMemberInfo {
  roles: string[];
  nick: string | null;
  joinedAt: string;
}

export class ChannelStore {
  private readonly guildTextChannels = new Map<string, JsonObject>();
  private readonly forums = new Map<string, JsonObject>();
  private readonly dms = new Map<string, JsonObject>();
  /** recipient user id → DM channel id */
  private readonly dmByUser = new Map<string, string>();
  private readonly threadMap = new Map<string, FakeThread>();
  /** thread id → user ids of its members */
  private readonly threadMembers = new Map<string, Map<string, string>>();
  private readonly users = new Map<string, FakeUser>();
  private readonly members = new Map<string, GuildMemberInfo>();

  constructor(private readonly world: FakeWorld) {
    this.guildTextChannels.set(world.channelId, textChannel(world));
    this.rememberUser(DEFAULT_USER);
    this.rememberUser(world.botUser);
    // the default user's DM channel keeps the id DM interactions already use
    this.dmFor(DEFAULT_USER.id, world.dmChannelId);
  }

  // ---- users

  /** Record a user (message authors, interaction users) so DMs and mentions can resolve them. */
  rememberUser(user: FakeUser): FakeUser {
    const known = this.users.get(user.id);
    const merged = known ? { ...known, ...user } : { ...user };
    this.users.set(user.id, merged);
    return merged;
  }

  user(id: string): FakeUser | undefined {
    return this.users.get(id);
  }

  /** Guild member object without `user`, as MESSAGE_CREATE's `member` and a mention's `member`. */
  member(userId: string, update: { roles?: string[]; nick?: string | null } = {}): JsonObject {
    const known = this.members.get(userId) ?? { roles: [], nick: null, joinedAt: new Date(Date.now() - 86_400_000).toISOString() };
    const info: GuildMemberInfo = {
      roles: update.roles ?? known.roles,
      nick: update.nick === undefined ? known.nick : update.nick,
      joinedAt: known.joinedAt,
    };
    this.members.set(userId, info);
    return {
      roles: [...info.roles],
      nick: info.nick,
      avatar: null,
      banner: null,
      joined_at: info.joinedAt,
      premium_since: null,
      deaf: false,
      mute: false,
      pending: false,
      flags: 0,
      communication_disabled_until: null,
    };
  }

  // ---- lookups

  /** The channel object for GET /channels/:id, or undefined. */
  get(id: string): JsonObject | undefined {
    return this.guildTextChannels.get(id) ?? this.forums.get(id) ?? this.dms.get(id) ?? this.threadMap.get(id);
  }

  /** Every guild channel (text and forums, not threads), as GUILD_CREATE lists them. */
  guildChannels(): JsonObject[] {
    return [...this.guildTextChannels.values(), ...this.forums.values()].map((c) => structuredClone(c));
  }

  place(id: string): ChannelPlace | undefined {
    const text = this.guildTextChannels.get(id);
    if (text) return { channelId: id, type: Number(text.type), guildId: String(text.guild_id) };
    if (this.forums.has(id)) return { channelId: id, type: ChannelType.GuildForum, guildId: this.world.guildId };
    if (this.dms.has(id)) return { channelId: id, type: ChannelType.DM, guildId: undefined };
    const thread = this.threadMap.get(id);
    if (thread) return { channelId: id, type: thread.type, guildId: thread.guild_id };
    return undefined;
  }

  isGuildText(id: string): boolean {
    return this.guildTextChannels.has(id);
  }

  isForum(id: string): boolean {
    return this.forums.has(id);
  }

  forum(id: string): JsonObject | undefined {
    const forum = this.forums.get(id);
    return forum && structuredClone(forum);
  }

  // ---- forums

  /** A forum channel (type 15) in the guild, with Discord's forum fields. */
  createForum(input: ForumInput = {}): JsonObject {
    const id = snowflake();
    const forum: JsonObject = {
      id,
      type: ChannelType.GuildForum,
      guild_id: this.world.guildId,
      name: input.name ?? 'help-forum',
      position: 1 + this.forums.size,
      permission_overwrites: [],
      nsfw: false,
      topic: null,
      // a forum's last_message_id is the id of its newest post (thread)
      last_message_id: null,
      rate_limit_per_user: 0,
      parent_id: null,
      flags: input.requireTag ? REQUIRE_TAG_FLAG : 0,
      available_tags: (input.tags ?? []).map((name) => ({ id: snowflake(), name, moderated: false, emoji_id: null, emoji_name: null })),
      default_reaction_emoji: null,
      default_thread_rate_limit_per_user: 0,
      default_auto_archive_duration: input.defaultAutoArchiveDuration ?? 4320,
      default_sort_order: null,
      default_forum_layout: 0,
    };
    this.forums.set(id, forum);
    return structuredClone(forum);
  }

  // ---- DMs

  /** The user's DM channel with the bot, created on first use (Discord keeps one per user). */
  dmFor(userId: string, id: string = snowflake()): JsonObject {
    const existing = this.dmByUser.get(userId);
    if (existing) return this.dms.get(existing)!;
    const recipient = this.users.get(userId) ?? { ...DEFAULT_USER, id: userId, username: `user-${userId}` };
    const channel = dmChannel(this.world, recipient, id);
    this.dms.set(id, channel);
    this.dmByUser.set(userId, id);
    return channel;
  }

  // ---- threads

  createThread(input: ThreadInput): FakeThread {
    const now = new Date().toISOString();
    const thread: FakeThread = {
      id: input.id ?? snowflake(),
      type: input.type,
      guild_id: this.world.guildId,
      parent_id: input.parentId,
      owner_id: input.ownerId,
      name: input.name,
      last_message_id: null,
      message_count: 0,
      member_count: 1,
      total_message_sent: 0,
      rate_limit_per_user: input.rateLimitPerUser ?? 0,
      flags: 0,
      ...(this.forums.has(input.parentId) ? { applied_tags: [...(input.appliedTags ?? [])] } : {}),
      thread_metadata: {
        archived: false,
        auto_archive_duration: input.autoArchiveDuration,
        archive_timestamp: now,
        locked: false,
        create_timestamp: now,
        ...(input.type === ChannelType.PrivateThread ? { invitable: input.invitable ?? true } : {}),
      },
    };
    this.threadMap.set(thread.id, thread);
    const forum = this.forums.get(input.parentId);
    if (forum) forum.last_message_id = thread.id;
    // the creator is a member from the start
    this.threadMembers.set(thread.id, new Map([[input.ownerId, now]]));
    return structuredClone(thread);
  }

  thread(id: string): FakeThread | undefined {
    const thread = this.threadMap.get(id);
    return thread && structuredClone(thread);
  }

  threads(): FakeThread[] {
    return [...this.threadMap.values()].map((t) => structuredClone(t));
  }

  /** Change a thread's name, archive state, lock, auto-archive duration or slowmode; returns the new state. */
  updateThread(
    id: string,
    update: { name?: string; archived?: boolean; locked?: boolean; autoArchiveDuration?: number; rateLimitPerUser?: number },
  ): FakeThread | undefined {
    const thread = this.threadMap.get(id);
    if (!thread) return undefined;
    const meta = thread.thread_metadata;
    if (update.name !== undefined) thread.name = update.name;
    if (update.archived !== undefined && update.archived !== meta.archived) {
      meta.archived = update.archived;
      meta.archive_timestamp = new Date().toISOString();
    }
    if (update.locked !== undefined) meta.locked = update.locked;
    if (update.autoArchiveDuration !== undefined) meta.auto_archive_duration = update.autoArchiveDuration;
    if (update.rateLimitPerUser !== undefined) thread.rate_limit_per_user = update.rateLimitPerUser;
    return structuredClone(thread);
  }

  /** The thread member object of `userId` (as THREAD_CREATE's `member`), if a member. */
  threadMember(threadId: string, userId: string): JsonObject | undefined {
    const joined = this.threadMembers.get(threadId)?.get(userId);
    return joined === undefined ? undefined : { id: threadId, user_id: userId, join_timestamp: joined, flags: 0 };
  }

  /** Returns false when the user already was a member. */
  joinThread(threadId: string, userId: string): boolean {
    const members = this.threadMembers.get(threadId);
    const thread = this.threadMap.get(threadId);
    if (!members || !thread || members.has(userId)) return false;
    members.set(userId, new Date().toISOString());
    thread.member_count = members.size;
    return true;
  }

  leaveThread(threadId: string, userId: string): void {
    const members = this.threadMembers.get(threadId);
    const thread = this.threadMap.get(threadId);
    if (!members || !thread) return;
    members.delete(userId);
    thread.member_count = members.size;
  }

  // ---- bookkeeping on new messages

  /** A thread's message_count excludes deleted messages (total_message_sent keeps them). */
  noteDelete(channelId: string): void {
    const thread = this.threadMap.get(channelId);
    if (thread && thread.message_count > 0) thread.message_count -= 1;
  }

  /**
   * Discord updates last_message_id everywhere and the counters of threads;
   * a forum post's starter message (`starter`) is not counted in them.
   */
  noteMessage(channelId: string, messageId: string, opts: { starter?: boolean } = {}): void {
    const channel = this.guildTextChannels.get(channelId) ?? this.dms.get(channelId);
    if (channel) channel.last_message_id = messageId;
    const thread = this.threadMap.get(channelId);
    if (thread) thread.last_message_id = messageId;
    if (thread && !opts.starter) {
      thread.message_count += 1;
      thread.total_message_sent += 1;
    }
  }
}
