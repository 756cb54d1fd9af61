import { ConfigError, indexCacheDir, loadConfig, type Config } from '../config.js';
import { createEngine, DEFAULT_INDEX_CACHE_DIR, type Engine } from '../engine.js';
import { redact } from '../log.js';

/**
 * The shape every entry point shares: run `main`, exit with its status, and turn a crash
 * into one redacted line on stderr (never a raw stack with a token in it).
 */
export function runMain(name: string, main: () => Promise<number>): void {
  main().then(
    (code) => {
      process.exitCode = code;
      // discord.js may leave timers behind after destroy(); the work is done.
      setTimeout(() => process.exit(code), 200).unref();
    },
    (err: unknown) => {
      const network = networkProblem(err);
      process.stderr.write(`${name}: ${redact(network ?? (err instanceof Error ? (err.stack ?? err.message) : String(err)))}\n`);
      process.exitCode = 1;
      setTimeout(() => process.exit(1), 200).unref();
    },
  );
}

const NETWORK_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/**
 * An error that means "Discord cannot be reached" (no network, DNS, a proxy), as one line
 * saying what to check; null for anything else. The code may sit on the error or on its
 * cause (undici wraps it in "fetch failed").
 */
export function networkProblem(err: unknown): string | null {
  for (let e = err, depth = 0; e instanceof Error && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) {
      return `cannot reach Discord (${e.message}): check the network connection, a proxy or firewall, and DISCORD_API_URL if it is set`;
    }
  }
  return null;
}

/** The configuration, or null after saying on stderr, in one line, what is wrong. */
export function loadConfigOrReport(name: string): Config | null {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${name}: ${err.message}\n`);
      return null;
    }
    throw err;
  }
}

/**
 * The engine the terminal commands use: the corpus and saved index the bot would use
 * (CORPUS_DIR, INDEX_CACHE_DIR), or null after saying what is wrong with the configuration.
 */
export async function engineFromEnvironment(name: string): Promise<Engine | null> {
  const config = loadConfigOrReport(name);
  if (!config) return null;
  return createEngine(config.CORPUS_DIR, { indexCacheDir: indexCacheDir(config, DEFAULT_INDEX_CACHE_DIR) });
}
