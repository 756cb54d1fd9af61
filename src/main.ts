/**
 * `npm start`: configuration, corpus, then Discord — or, without a token, the local
 * console with the same commands. Exits non-zero with one clear line when configuration
 * or the corpus is wrong; SIGINT/SIGTERM finish in-flight replies and exit 0.
 */
import { commands } from '../commands/index.js';
import { ConfigError, loadConfig } from './config.js';
import { runConsole } from './console.js';
import { CorpusError } from './corpus/manifest.js';
import { startBot } from './discord/bot.js';
import { createEngine } from './engine.js';
import { createLogger, redact, registerSecret } from './log.js';

async function main(): Promise<number> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`steppe: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
  registerSecret(config.DISCORD_TOKEN);
  const logger = createLogger(config.LOG_LEVEL);
  process.on('unhandledRejection', (err) => logger.error({ err }, 'unhandled rejection'));

  let engine;
  try {
    engine = await createEngine();
  } catch (err) {
    if (err instanceof CorpusError) {
      process.stderr.write(`steppe: the corpus could not be loaded: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
  logger.info({ documents: engine.corpus.documents.length, paragraphs: engine.index.paragraphCount, buildMs: Math.round(engine.buildMs) }, 'corpus indexed');

  if (!config.DISCORD_TOKEN) {
    process.stderr.write(
      'steppe: DISCORD_TOKEN is not set, so Steppe is not connecting to Discord (see .env.example).\n' +
        'Opening the local console instead: type /help, /ask question: …, or just a question. Ctrl-D to leave.\n',
    );
    await runConsole(engine, commands);
    return 0;
  }

  const bot = await startBot({ config, engine, commands, logger });
  await new Promise<void>((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      logger.info({ signal }, 'shutting down');
      bot.stop().then(resolve, resolve);
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });
  logger.info('stopped');
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
    // discord.js may leave timers behind after destroy(); the work is done.
    setTimeout(() => process.exit(code), 200).unref();
  },
  (err: unknown) => {
    process.stderr.write(`steppe: ${redact(err instanceof Error ? (err.stack ?? err.message) : String(err))}\n`);
    process.exitCode = 1;
    setTimeout(() => process.exit(1), 200).unref();
  },
);
