import type { Logger } from '../log.js';
import type { JsonValue, Store } from '../store/types.js';

/**
 * How each server wants Steppe to behave, chosen with `/settings` by its managers and kept
 * in the store. Transport-neutral: Discord's handler reads them for messages and
 * commands, the definitions below are all there is. Without a store (or when it fails)
 * the environment's defaults apply, and changing a setting says it could not be saved.
 */

export interface SettingDefinition {
  key: SettingKey;
  /** What the manager reads in `/settings`. */
  description: string;
}

export type SettingKey = 'answer_in_threads' | 'answer_mentions' | 'private_answers';

export type GuildSettingValues = Record<SettingKey, boolean>;

export const SETTINGS: readonly SettingDefinition[] = [
  { key: 'answer_in_threads', description: 'Answer @mentions in a new thread started from the question' },
  { key: 'answer_mentions', description: 'Answer @mentions and replies in this server at all (DMs are unaffected)' },
  { key: 'private_answers', description: '/ask answers are private unless the asker says private: false' },
];

export function isSettingKey(key: string): key is SettingKey {
  return SETTINGS.some((s) => s.key === key);
}

/** A setting read this recently is not read again: every message would otherwise hit the database. */
const CACHE_MS = 30_000;
const CACHE_ENTRIES = 10_000;

export class GuildSettings {
  private readonly cache = new Map<string, { values: GuildSettingValues; at: number }>();

  constructor(
    private readonly store: Store | null,
    private readonly defaults: GuildSettingValues,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** The server's settings, defaults filled in; the defaults alone outside a server. */
  async get(guildId: string | null): Promise<GuildSettingValues> {
    if (!guildId || !this.store) return { ...this.defaults };
    const hit = this.cache.get(guildId);
    if (hit && this.now() - hit.at < CACHE_MS) return hit.values;
    let stored: Record<string, JsonValue> = {};
    try {
      stored = await this.store.getGuildSettings(guildId);
    } catch (err) {
      this.logger.warn({ err, guildId }, 'server settings could not be read; using the defaults');
      return { ...this.defaults };
    }
    const values = { ...this.defaults };
    for (const s of SETTINGS) if (typeof stored[s.key] === 'boolean') values[s.key] = stored[s.key] as boolean;
    if (this.cache.size >= CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(guildId, { values, at: this.now() });
    return values;
  }

  /** Saves one setting; false when it could not be saved (no store, or it failed). */
  async set(guildId: string, key: SettingKey, value: boolean | null): Promise<boolean> {
    if (!this.store) return false;
    try {
      if (value === null) await this.store.deleteGuildSetting(guildId, key);
      else await this.store.setGuildSetting(guildId, key, value);
    } catch (err) {
      this.logger.warn({ err, guildId, key }, 'server setting could not be saved');
      return false;
    }
    this.cache.delete(guildId);
    return true;
  }
}
