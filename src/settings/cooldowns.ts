import { Cooldown } from '../discord/cooldown.js';
import type { Logger } from '../log.js';
import type { CooldownRule, Store } from '../store/types.js';
import type { GuildSettings } from './guildSettings.js';

/**
 * The per-user cooldown, as each server chose it: the bot's rule (COOLDOWN_SECONDS,
 * COOLDOWN_BURST) unless the server set its own with `/settings cooldown` (then a member
 * may ask once every that many seconds there, 0 meaning no limit). In memory, one process
 * at a time; when the store is PostgreSQL (shards on several processes or hosts sharing one
 * database), in the store, so a user is limited once across every shard. The store's
 * buckets are keyed by a pseudonym of the user (never the raw id unless the feedback
 * settings keep ids). If the shared store fails, the process's own buckets decide, logged:
 * a broken database must not stop answers.
 */

export interface CooldownsOptions {
  /** The bot's rule, for servers that set none. */
  rule: CooldownRule;
  settings: GuildSettings | null;
  /** Shared buckets: given when the store is PostgreSQL. */
  shared: Store | null;
  /** The user's key in the shared store (a salted hash). */
  keyOf: (userId: string) => Promise<string>;
  logger: Logger;
  now?: () => number;
}

export class Cooldowns {
  /** One bucket set per rule in use, in this process. */
  private readonly local = new Map<string, Cooldown>();
  private warnedAt = 0;

  constructor(private readonly options: CooldownsOptions) {}

  /** 0 when the user may go ahead (and spends a use), else whole seconds to wait. */
  async take(userId: string, guildId: string | null | undefined): Promise<number> {
    const own = guildId && this.options.settings ? (await this.options.settings.get(guildId)).cooldown_seconds : null;
    const rule: CooldownRule = own === null ? this.options.rule : { seconds: own, burst: 1 };
    if (!(rule.seconds > 0)) return 0;
    // A server's own rule counts the member's uses in that server; the bot's, everywhere.
    const scope = own === null ? 'bot' : `guild:${guildId}`;
    if (this.options.shared) {
      try {
        return await this.options.shared.takeCooldown(`${scope}:${await this.options.keyOf(userId)}`, rule);
      } catch (err) {
        const now = Date.now();
        if (now - this.warnedAt > 60_000) {
          this.warnedAt = now;
          this.options.logger.warn({ err }, 'shared cooldown unavailable; this process limits users on its own');
        }
      }
    }
    return this.bucket(rule).take(`${scope}:${userId}`);
  }

  private bucket(rule: CooldownRule): Cooldown {
    const key = `${rule.seconds}/${rule.burst}`;
    let cooldown = this.local.get(key);
    if (!cooldown) {
      // Rules come from settings: bounded by the values a setting may take.
      cooldown = new Cooldown(rule.seconds, rule.burst, this.options.now);
      this.local.set(key, cooldown);
    }
    return cooldown;
  }
}
