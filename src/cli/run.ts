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
      process.stderr.write(`${name}: ${redact(err instanceof Error ? (err.stack ?? err.message) : String(err))}\n`);
      process.exitCode = 1;
      setTimeout(() => process.exit(1), 200).unref();
    },
  );
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
