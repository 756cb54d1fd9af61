import type { Logger } from '../log.js';
import type { JsonValue, Store } from '../store/types.js';

/**
 * How each server wants Steppe to behave, chosen with `/settings` by its managers and kept
 * in the store. Transport-neutral: Discord's handler reads them for messages and
 * commands, the definitions below are all there is. Without a store (or when it fails)
 * the environment's defaults apply, and changing a setting says it could not be saved.
 *
 * Read through a short cache (`CACHE_MS`): a change made on this process applies to the
 * next message at once; other shards and hosts see it within the cache's life.
 */

export interface SettingDefinition {
  key: BooleanSettingKey;
  /** What the manager reads in `/settings`. */
  description: string;
}

export type BooleanSettingKey = 'answer_in_threads' | 'answer_mentions' | 'private_answers' | 'log_questions';
export type SettingKey = BooleanSettingKey | 'cooldown_seconds' | 'help_channels' | 'documents';

export interface GuildSettingValues {
  answer_in_threads: boolean;
  answer_mentions: boolean;
  private_answers: boolean;
  /** Whether the server's questions go into the question log (and so the report). */
  log_questions: boolean;
  /** A member may ask once every this many seconds in this server (0: no limit); null: the bot's default. */
  cooldown_seconds: number | null;
  /** Channels where plain messages (no mention) are answered; threads under them answer their first post. */
  help_channels: string[];
  /** The document ids this server searches; null: all of them. */
  documents: string[] | null;
}

/** The on/off settings, in the order `/settings show` lists them. */
export const SETTINGS: readonly SettingDefinition[] = [
  { key: 'answer_in_threads', description: 'Answer @mentions in a new thread started from the question' },
  { key: 'answer_mentions', description: 'Answer @mentions and replies in this server at all (DMs are unaffected)' },
  { key: 'private_answers', description: '/ask answers are private unless the asker says private: false' },
  { key: 'log_questions', description: 'Keep this server’s questions in the question log (for /report); off: nothing is written' },
];

export const SETTING_DESCRIPTIONS = {
  cooldown_seconds: 'How often a member may ask in this server: once every N seconds (0: no limit)',
  help_channels: 'Channels where Steppe answers plain questions without a mention (a help channel; in a forum, each new post)',
  documents: 'The documents this server’s questions are answered from',
} as const;

/** Largest server cooldown: an hour. */
export const MAX_COOLDOWN_SECONDS = 3600;
/** Help channels a server may name. */
export const MAX_HELP_CHANNELS = 25;

export function isBooleanSettingKey(key: string): key is BooleanSettingKey {
  return SETTINGS.some((s) => s.key === key);
}

export const BUILT_IN_DEFAULTS: GuildSettingValues = {
  answer_in_threads: false,
  answer_mentions: true,
  private_answers: false,
  log_questions: true,
  cooldown_seconds: null,
  help_channels: [],
  documents: null,
};

const SNOWFLAKE = /^\d{1,20}$/;
const isStringList = (v: JsonValue | undefined, item: (s: string) => boolean): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string' && item(x));

/** A stored value as its setting's type; undefined when it is not one (then the default applies). */
function readStored(key: SettingKey, value: JsonValue | undefined): GuildSettingValues[SettingKey] | undefined {
  if (value === undefined) return undefined;
  if (isBooleanSettingKey(key)) return typeof value === 'boolean' ? value : undefined;
  if (key === 'cooldown_seconds') return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_COOLDOWN_SECONDS ? value : undefined;
  if (key === 'help_channels') return isStringList(value, (s) => SNOWFLAKE.test(s)) ? value.slice(0, MAX_HELP_CHANNELS) : undefined;
  return isStringList(value, (s) => s.length > 0 && s.length <= 200) && value.length > 0 ? value : undefined;
}

const KEYS = Object.keys(BUILT_IN_DEFAULTS) as SettingKey[];

/** A setting read this recently is not read again: every message would otherwise hit the database. */
const CACHE_MS = 30_000;
const CACHE_ENTRIES = 10_000;

export class GuildSettings {
  private readonly cache = new Map<string, { values: GuildSettingValues; at: number }>();
  private readonly defaults: GuildSettingValues;

  constructor(
    private readonly storeOrNull: Store | null,
    defaults: Partial<GuildSettingValues>,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {
    this.defaults = { ...BUILT_IN_DEFAULTS, ...defaults };
  }

  /** The bot's own cooldown (COOLDOWN_SECONDS, COOLDOWN_BURST), shown for servers that set none; the handler sets it. */
  defaultCooldown: { seconds: number; burst: number } = { seconds: 0, burst: 1 };

  /** The store the settings are kept in (the shared cooldowns use it too); null without one. */
  get store(): Store | null {
    return this.storeOrNull;
  }

  /** The values every server starts with. */
  get defaultValues(): GuildSettingValues {
    return { ...this.defaults };
  }

  /** The server's settings, defaults filled in; the defaults alone outside a server. Never throws. */
  async get(guildId: string | null): Promise<GuildSettingValues> {
    if (!guildId || !this.storeOrNull) return { ...this.defaults };
    const hit = this.cache.get(guildId);
    if (hit && this.now() - hit.at < CACHE_MS) return hit.values;
    let stored: Record<string, JsonValue> = {};
    try {
      stored = await this.storeOrNull.getGuildSettings(guildId);
    } catch (err) {
      this.logger.warn({ err, guildId }, 'server settings could not be read; using the defaults');
      return { ...this.defaults };
    }
    const values = { ...this.defaults } as Record<SettingKey, unknown>;
    for (const key of KEYS) {
      const value = readStored(key, stored[key]);
      if (value !== undefined) values[key] = value;
    }
    if (this.cache.size >= CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(guildId, { values: values as unknown as GuildSettingValues, at: this.now() });
    return values as unknown as GuildSettingValues;
  }

  /** Saves one setting (null: back to the default); false when it could not be saved (no store, or it failed). */
  async set<K extends SettingKey>(guildId: string, key: K, value: GuildSettingValues[K] | null): Promise<boolean> {
    if (!this.storeOrNull) return false;
    try {
      if (value === null) await this.storeOrNull.deleteGuildSetting(guildId, key);
      else await this.storeOrNull.setGuildSetting(guildId, key, value as JsonValue);
    } catch (err) {
      this.logger.warn({ err, guildId, key }, 'server setting could not be saved');
      return false;
    }
    this.cache.delete(guildId);
    return true;
  }
}
