import { statSync } from 'node:fs';
import path from 'node:path';
import { config as loadDotenv } from 'dotenv';
import { z } from 'zod';
import { DatabaseUrlError, parseDatabaseUrl } from './store/url.js';

/**
 * Configuration from the environment (and `.env`, via dotenv), validated once at start.
 * Every variable is documented in `.env.example`. A bad value stops start-up with one line
 * naming the variable and how to fix it; the token's value is never echoed.
 */

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;

const EnvSchema = z.object({
  DISCORD_TOKEN: z.preprocess(
    // A token pasted with a trailing space or newline is still the token.
    (v) => emptyToUndefined(typeof v === 'string' ? v.trim() : v),
    z
      .string()
      .regex(/^[\w-]{10,}\.[\w-]{4,}\.[\w-]{10,}$/, 'does not look like a bot token (three dot-separated parts): copy it again from the Developer Portal, Bot → Reset Token')
      .optional(),
  ),
  DISCORD_GUILD_ID: z.preprocess(
    emptyToUndefined,
    z.string().regex(/^\d{17,20}$/, 'must be a server id (17–20 digits): enable Developer Mode, right-click the server, Copy Server ID').optional(),
  ),
  DISCORD_API_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .url('must be a URL such as http://127.0.0.1:8080/api')
      .refine((u) => /^https?:\/\//.test(u), 'must start with http:// or https://')
      .optional(),
  ),
  LOG_LEVEL: z.preprocess(emptyToUndefined, z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info')),
  COOLDOWN_SECONDS: z.preprocess(
    emptyToUndefined,
    z.coerce.number({ message: 'must be a number of seconds, e.g. 3 (0 turns the cooldown off)' }).min(0, 'must be 0 or more').max(3600, 'must be at most 3600').default(3),
  ),
  COOLDOWN_BURST: z.preprocess(
    emptyToUndefined,
    z.coerce.number({ message: 'must be a whole number of questions, e.g. 5' }).int('must be a whole number').min(1, 'must be at least 1').max(100, 'must be at most 100').default(5),
  ),
  SHARD_IDS: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^\d+(,\d+)*$/, 'must be shard numbers separated by commas, e.g. 0,1')
      .transform((s) => s.split(',').map(Number))
      .optional(),
  ),
  SHARD_COUNT: z.preprocess(emptyToUndefined, z.coerce.number({ message: 'must be a whole number of shards, e.g. 2 (leave it empty for Discord’s recommendation)' }).int('must be a whole number').min(1, 'must be at least 1').optional()),
  CORPUS_DIR: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .transform((dir) => path.resolve(dir))
      .refine(isDirectory, 'must be an existing folder holding the corpus (<name>.json + text pairs); leave it empty for ./corpus')
      .optional(),
  ),
  MESSAGE_CONTENT_INTENT: z.preprocess(emptyToUndefined, booleanFlag('MESSAGE_CONTENT_INTENT')),
  // Reload the corpus when its folder changes (as /reload does), without a restart.
  WATCH_CORPUS: z.preprocess(emptyToUndefined, booleanFlag('WATCH_CORPUS')),
  ANSWER_IN_THREADS: z.preprocess(emptyToUndefined, booleanFlag('ANSWER_IN_THREADS')),
  // Votes and the question log keep who as a salted hash of the user id unless this is on.
  FEEDBACK_KEEP_USER_IDS: z.preprocess(emptyToUndefined, booleanFlag('FEEDBACK_KEEP_USER_IDS')),
  // Days the question log (and the votes) are kept; older ones are pruned automatically.
  QUESTION_LOG_DAYS: z.preprocess(
    emptyToUndefined,
    z.coerce.number({ message: 'must be a whole number of days, e.g. 90' }).int('must be a whole number of days').min(1, 'must be at least 1').max(3650, 'must be at most 3650').default(90),
  ),
  INDEX_CACHE_DIR: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .transform((dir) => (/^(?:off|none|false|0)$/i.test(dir.trim()) ? 'off' : path.resolve(dir)))
      .optional(),
  ),
  // Where Steppe keeps votes, the question log and server settings (src/store/): unset →
  // SQLite in ./data/steppe.db, `sqlite:PATH`, or `postgres://…`.
  DATABASE_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .optional()
      .transform((value, ctx) => {
        try {
          return parseDatabaseUrl(value);
        } catch (error) {
          if (!(error instanceof DatabaseUrlError)) throw error;
          ctx.addIssue({ code: 'custom', message: error.message });
          return z.NEVER;
        }
      }),
  ),
});

/** `true`/`false` (also yes/no, on/off, 1/0), default false. */
function booleanFlag(name: string) {
  return z
    .string()
    .regex(/^(?:true|false|yes|no|on|off|1|0)$/i, `must be true or false (${name}=true to turn it on)`)
    .transform((v) => /^(?:true|yes|on|1)$/i.test(v))
    .default(false);
}

function isDirectory(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

export type Config = z.infer<typeof EnvSchema>;

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Parses an environment; throws `ConfigError` with one line naming the variable. */
export function parseConfig(env: NodeJS.ProcessEnv): Config {
  const result = EnvSchema.safeParse(env);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const name = String(issue.path[0] ?? 'environment');
    throw new ConfigError(`${name} ${issue.message} (set it in .env; see .env.example)`);
  }
  const config = result.data;
  if (config.SHARD_IDS && config.SHARD_COUNT && config.SHARD_IDS.some((id) => id >= config.SHARD_COUNT!)) {
    throw new ConfigError(`SHARD_IDS must all be below SHARD_COUNT (${config.SHARD_COUNT}) (set it in .env; see .env.example)`);
  }
  return config;
}

/**
 * Where saved indexes live: INDEX_CACHE_DIR, `null` when it says `off`, else the default
 * folder (see engine.ts).
 */
export function indexCacheDir(config: Pick<Config, 'INDEX_CACHE_DIR'>, defaultDir: string): string | null {
  if (config.INDEX_CACHE_DIR === 'off') return null;
  return config.INDEX_CACHE_DIR ?? defaultDir;
}

/** Reads `.env` (quietly: dotenv 17+ would print to stdout) and parses the result. */
export function loadConfig(): Config {
  loadDotenv({ quiet: true });
  return parseConfig(process.env);
}
