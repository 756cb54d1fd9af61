import type { RESTPostAPIApplicationCommandsJSONBody } from 'discord.js';
import { Client, Events, GatewayIntentBits, IntentsBitField, Options, Partials } from './djs.js';
import { MemoryConversationStore, type ConversationStore } from '../conversation/state.js';
import { StoreConversationStore } from '../conversation/storeBacked.js';
import { Feedback } from '../feedback/feedback.js';
import type { Store } from '../store/types.js';
import type { Command } from '../command.js';
import type { Config } from '../config.js';
import type { Engine } from '../engine.js';
import type { Logger } from '../log.js';
import { VERSION } from '../version.js';
import { InteractionHandler } from './handler.js';
import { MessageHandler } from './messages.js';
import { GuildSettings } from '../settings/guildSettings.js';
import { CorpusReloader, watchCorpus, type CorpusWatch, type ReloadSummary } from '../reload.js';
import { DEFAULT_CORPUS_DIR } from '../corpus/manifest.js';
import { syncCommands } from './register.js';
import { InteractionTokens } from './tokenLife.js';

/**
 * The Discord front-end: a discord.js client, the central handler for interactions and
 * messages, command registration on ready, and an orderly stop. Intents: Guilds,
 * GuildMessages and DirectMessages (none privileged: without Message Content, Discord still
 * delivers the content of DMs, of messages that mention the bot and of replies that ping
 * it), plus MessageContent only when MESSAGE_CONTENT_INTENT asks for it.
 */

export interface RunningBot {
  client: Client;
  handler: InteractionHandler;
  /** Resolves when the client is ready and commands are registered. */
  ready: Promise<void>;
  /**
   * Resolves (never rejects) if Discord closes the gateway for good (bad token, disallowed
   * intents, …): discord.js then stops reconnecting and the process would sit idle.
   */
  fatal: Promise<DiscordFatalError>;
  /**
   * Reloads of the corpus (with `loadEngine`): its `reloaded` and `failed` events say when a
   * /reload or a change in the watched folder (WATCH_CORPUS) took effect.
   */
  reloader: CorpusReloader | null;
  stop(): Promise<void>;
}

/** A summary's lists for a log line: the counts, and the first ids of each. */
function reloadLog(summary: ReloadSummary) {
  const first = (ids: string[]) => (ids.length > 10 ? [...ids.slice(0, 10), `… ${ids.length - 10} more`] : ids);
  return {
    documents: summary.documents,
    paragraphs: summary.paragraphs,
    added: first(summary.added),
    removed: first(summary.removed),
    changed: first(summary.changed),
    ms: summary.ms,
  };
}

/**
 * Discord refused the bot in a way no retry can fix: the message is one line naming the
 * problem and what to do about it.
 */
export class DiscordFatalError extends Error {
  constructor(
    message: string,
    /** Gateway close code, or the HTTP status of the refused call. */
    readonly code: number,
  ) {
    super(message);
    this.name = 'DiscordFatalError';
  }
}

const PRIVILEGED_INTENTS = ['GuildMembers', 'GuildPresences', 'MessageContent'];

/**
 * The gateway close codes after which discord.js (14.28, @discordjs/ws 1.2) gives up
 * instead of reconnecting, explained. Anything else it resumes or re-identifies by itself.
 */
export function fatalGatewayClose(code: number, intents: string[]): DiscordFatalError | undefined {
  const privileged = intents.filter((i) => PRIVILEGED_INTENTS.includes(i));
  const explain: Record<number, string> = {
    4004: 'Discord rejected DISCORD_TOKEN (gateway close 4004, authentication failed): reset the token in the Developer Portal (Bot → Reset Token) and put the new one in DISCORD_TOKEN',
    4010: 'Discord refused the shard (gateway close 4010, invalid shard): check SHARD_IDS and SHARD_COUNT',
    4011: 'Discord requires sharding for this bot (gateway close 4011): leave SHARD_COUNT empty to use Discord’s recommended count, or raise it',
    4012: 'Discord refused the gateway API version (gateway close 4012): update discord.js',
    4013: `Discord refused the intents (gateway close 4013, invalid intents: ${intents.join(', ') || 'none'}): this is a bug in Steppe, please report it`,
    4014: `Discord refused a privileged intent (gateway close 4014, disallowed intents): enable ${
      privileged.length ? privileged.join(', ') : 'the privileged intents this bot requests'
    } in the Developer Portal (Bot → Privileged Gateway Intents), or remove it from the client (requested: ${intents.join(', ') || 'none'})`,
  };
  const message = explain[code];
  return message ? new DiscordFatalError(message, code) : undefined;
}

const tokenRefused = () =>
  new DiscordFatalError(
    'Discord rejected DISCORD_TOKEN (401 Unauthorized): reset the token in the Developer Portal (Bot → Reset Token) and put the new one in DISCORD_TOKEN',
    401,
  );

/**
 * Which shards this process runs: SHARD_IDS of SHARD_COUNT (several hosts splitting them),
 * all SHARD_COUNT shards, the ones a ShardingManager assigned (discord.js reads its
 * environment), or else as many as Discord recommends ('auto').
 */
function shardOptions(config: Config): { shards?: number[] | 'auto'; shardCount?: number } {
  if (config.SHARD_IDS) return { shards: config.SHARD_IDS, shardCount: config.SHARD_COUNT ?? Math.max(...config.SHARD_IDS) + 1 };
  if (config.SHARD_COUNT) return { shards: Array.from({ length: config.SHARD_COUNT }, (_, i) => i), shardCount: config.SHARD_COUNT };
  if (process.env.SHARDING_MANAGER) return {};
  return { shards: 'auto' };
}

/** Shard 0's process registers the commands, so several processes do not race to PUT. */
function holdsShardZero(client: Client, config: Config): boolean {
  const ids = config.SHARD_IDS ?? client.shard?.ids;
  return ids ? ids.includes(0) : true;
}

/**
 * Exit status for "Discord refused us for good" (bad token, disallowed intents): EX_CONFIG
 * from sysexits, so a supervisor (and start:sharded) can tell it from a crash and does not
 * restart the process into the same refusal.
 */
export const EXIT_CONFIG = 78;

/**
 * What the client keeps in memory. Steppe only answers interactions: all it reads comes in
 * the interaction itself (user, member, the message of a button, the target of a context
 * menu) and it replies through the interaction's webhook, so it never looks a message,
 * user or member up in a cache. By default discord.js keeps every user and member it has
 * seen (one per person who ever used the bot, never dropped), 200 messages per channel,
 * and each guild's emojis, stickers, scheduled events…: here those caches hold nothing but
 * the bot's own user and member. The objects are still built for the interaction that
 * carries them; they are just not kept afterwards. Guilds, channels, threads and roles keep
 * discord.js's defaults (limiting those is unsupported, or needed to route interactions).
 */
export const CACHE_LIMITS = Options.cacheWithLimits({
  ...Options.DefaultMakeCacheSettings,
  MessageManager: 0,
  UserManager: { maxSize: 0, keepOverLimit: (user) => user.id === user.client.user?.id },
  GuildMemberManager: { maxSize: 0, keepOverLimit: (member) => member.id === member.client.user?.id },
  ThreadMemberManager: 0,
  ReactionManager: 0,
  ReactionUserManager: 0,
  PresenceManager: 0,
  VoiceStateManager: 0,
  BaseGuildEmojiManager: 0,
  GuildEmojiManager: 0,
  GuildStickerManager: 0,
  GuildScheduledEventManager: 0,
  StageInstanceManager: 0,
  GuildInviteManager: 0,
  GuildBanManager: 0,
  AutoModerationRuleManager: 0,
  ApplicationCommandManager: 0,
  ApplicationEmojiManager: 0,
  EntitlementManager: 0,
});

/** Who owns the application (a user, or a team's members), read once per client from Discord. */
const owners = new WeakMap<Client, Promise<string[]>>();
function ownerIds(client: Client): Promise<string[]> {
  let known = owners.get(client);
  if (!known) {
    known = client
      .application!.fetch()
      .then((app) => (!app.owner ? [] : 'members' in app.owner ? [...app.owner.members.keys()] : [app.owner.id]))
      .catch(() => {
        owners.delete(client); // try again next time
        return [] as string[];
      });
    owners.set(client, known);
  }
  return known;
}

export function commandPayload(commands: Command[]): RESTPostAPIApplicationCommandsJSONBody[] {
  return commands.map((c) => c.definition);
}

export async function startBot(options: {
  config: Config;
  engine: Engine;
  commands: Command[];
  logger: Logger;
  /** Where conversations are kept (default: the store when given, else in memory). */
  conversations?: ConversationStore;
  /**
   * Votes, the question log and (by default) conversations. Without one, answers still
   * work and their 👍/👎 say the vote could not be saved. The caller opens and closes it.
   */
  store?: Store;
  /** Reads the corpus again, for `/reload` by the bot's owner; without it /reload says to restart. */
  loadEngine?: () => Promise<Engine>;
}): Promise<RunningBot> {
  const { config, engine, commands, logger } = options;
  const intents = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages];
  if (config.MESSAGE_CONTENT_INTENT) intents.push(GatewayIntentBits.MessageContent);
  const tokens = new InteractionTokens();
  const client = new Client({
    intents,
    // DM channels are not cached before their first message; without this their messages are dropped.
    partials: [Partials.Channel],
    makeCache: CACHE_LIMITS,
    rest: {
      ...(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}),
      // A reply a 429 would hold past its interaction token's life is dropped, not held.
      rejectOnRateLimit: (data) => {
        if (!tokens.expiresBefore(data.url, data.retryAfter)) return false;
        logger.warn(
          { method: data.method, route: data.route, retryAfterMs: Math.round(data.retryAfter), tokenLeftMs: Math.round(tokens.left(data.url) ?? 0) },
          'reply dropped: Discord rate-limited it for longer than the interaction token lives',
        );
        return true;
      },
    },
    ...shardOptions(config),
    allowedMentions: { parse: [] },
  });
  // The environment sets each server's defaults; /settings changes them per server.
  const settings = new GuildSettings(options.store ?? null, { answer_in_threads: config.ANSWER_IN_THREADS, answer_mentions: true, private_answers: false }, logger);
  const handler = new InteractionHandler({
    engine,
    commands: new Map(commands.map((c) => [c.definition.name, c])),
    logger,
    bot: { version: VERSION, startedAt: Date.now() },
    cooldown: { seconds: config.COOLDOWN_SECONDS, burst: config.COOLDOWN_BURST },
    tokens,
    feedback: new Feedback(options.store ?? null, { keepUserIds: config.FEEDBACK_KEEP_USER_IDS, logger }),
    settings,
  });
  let reloader: CorpusReloader | null = null;
  let watching: CorpusWatch | null = null;
  if (options.loadEngine) {
    const corpus = new CorpusReloader(options.loadEngine, () => handler.engine, (next, summary, trigger) => {
      handler.replaceEngine(next);
      logger.info({ trigger, ...reloadLog(summary) }, 'corpus reloaded');
    });
    reloader = corpus;
    handler.setReload(async (userId) => ((await ownerIds(client)).includes(userId) ? corpus.reload('command') : { kind: 'not-owner' }));
    // WATCH_CORPUS: the same reload, on a change in the folder (see watchCorpus).
    if (config.WATCH_CORPUS) watching = watchCorpus(config.CORPUS_DIR ?? DEFAULT_CORPUS_DIR, corpus, logger);
  } else if (config.WATCH_CORPUS) {
    logger.warn('WATCH_CORPUS is on but this bot cannot read the corpus again; restart it to pick up changes');
  }
  const messages = new MessageHandler(handler, {
    conversations: options.conversations ?? (options.store ? new StoreConversationStore(options.store) : new MemoryConversationStore()),
    logger,
    messageContent: config.MESSAGE_CONTENT_INTENT,
    settings,
  });
  client.on(Events.InteractionCreate, handler.handle);
  client.on(Events.MessageCreate, messages.handle);
  client.on(Events.Error, (err) => logger.error({ err }, 'discord client error'));
  // discord.js emits shardDisconnect only for the close codes it will not recover from.
  let fatalError: DiscordFatalError | undefined;
  let onFatal: (err: DiscordFatalError) => void = () => undefined;
  const fatal = new Promise<DiscordFatalError>((resolve) => (onFatal = resolve));
  client.on(Events.ShardDisconnect, (event, shard) => {
    const err = fatalGatewayClose(event.code, new IntentsBitField(client.options.intents).toArray());
    logger.error({ shard, code: event.code }, 'gateway closed for good');
    if (err && !fatalError) {
      fatalError = err;
      onFatal(err);
    }
  });
  client.on(Events.ShardResume, (shard) => logger.info({ shard }, 'gateway resumed'));

  const ready = new Promise<void>((resolve, reject) => {
    client.once(Events.ClientReady, (c) => {
      logger.info({ user: c.user.tag, guilds: c.guilds.cache.size, shards: c.ws.shards.size }, 'connected to Discord');
      if (!holdsShardZero(client, config)) return resolve();
      syncCommands(client.rest, c.application.id, commandPayload(commands), config.DISCORD_GUILD_ID).then(
        (result) => {
          logger.info({ result, scope: config.DISCORD_GUILD_ID ? 'guild' : 'global' }, 'commands registered');
          resolve();
        },
        (err: unknown) => {
          logger.error({ err }, 'command registration failed');
          reject(err);
        },
      );
    });
  });
  ready.catch(() => undefined);

  try {
    await client.login(config.DISCORD_TOKEN);
  } catch (err) {
    // A close code refused at IDENTIFY rejects login() with a terse "Authentication failed";
    // a refused token at GET /gateway/bot with TokenInvalid. Both deserve the explanation.
    if (fatalError) throw fatalError;
    if ((err as { code?: unknown }).code === 'TokenInvalid') throw tokenRefused();
    throw err;
  }

  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      watching?.close();
      const pending = await handler.drain();
      logger.info({ pending }, 'in-flight interactions finished; closing the gateway');
      await Promise.race([client.destroy(), new Promise((r) => setTimeout(r, 5000))]);
    })());
  return { client, handler, ready, fatal, reloader, stop };
}
