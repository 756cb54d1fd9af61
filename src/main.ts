/**
 * `npm start`: configuration, corpus, then Discord — or, without a token, the local
 * console with the same commands. Exits non-zero with one clear line when configuration
 * or the corpus is wrong, or when Discord refuses the bot for good (bad token, disallowed
 * intents); SIGINT/SIGTERM finish in-flight replies and exit 0. Nothing printed, crash
 * output included, ever shows the token.
 */
import { commands } from '../commands/index.js';
import { runConsole } from './console.js';
import { CorpusError } from './corpus/manifest.js';
import { EXIT_CONFIG, DiscordFatalError, startBot } from './discord/bot.js';
import { indexCacheDir } from './config.js';
import { createEngine, DEFAULT_INDEX_CACHE_DIR } from './engine.js';
import { warmUpEngine } from './warmUp.js';
import { createLogger, redact, registerSecret } from './log.js';
import { loadConfigOrReport, runMain } from './cli/run.js';
import { openStore, StoreError, type Store } from './store/index.js';
import { startPruning } from './feedback/retention.js';
import { Feedback } from './feedback/feedback.js';

async function main(): Promise<number> {
  const config = loadConfigOrReport('steppe');
  if (!config) return 1;
  registerSecret(config.DISCORD_TOKEN);
  const logger = createLogger(config.LOG_LEVEL);
  process.on('unhandledRejection', (err) => logger.error({ err }, 'unhandled rejection'));
  // Node's own report of an uncaught exception would print the stack as it is, token and all.
  process.on('uncaughtException', (err) => {
    process.stderr.write(`steppe: crashed: ${redact(err.stack ?? String(err))}\n`);
    process.exit(1);
  });

  let engine;
  try {
    engine = await createEngine(config.CORPUS_DIR, { indexCacheDir: indexCacheDir(config, DEFAULT_INDEX_CACHE_DIR) });
  } catch (err) {
    if (err instanceof CorpusError) {
      process.stderr.write(`steppe: the corpus could not be loaded: ${redact(err.message)}\n`);
      return 1;
    }
    throw err;
  }
  logger.info({ documents: engine.corpus.documents.length, paragraphs: engine.index.paragraphCount, buildMs: Math.round(engine.buildMs), index: engine.indexSource }, 'corpus indexed');
  if (engine.indexSaveError) {
    logger.warn({ error: engine.indexSaveError }, 'the index could not be saved (INDEX_CACHE_DIR): every start-up will build it again');
  }

  // Before Discord is contacted: a database that cannot be opened or migrated is a set-up
  // mistake, said in one line naming DATABASE_URL. Failures after this are logged by their
  // callers and the bot keeps answering.
  let store: Store;
  try {
    store = await openStore(config.DATABASE_URL);
  } catch (err) {
    if (err instanceof StoreError) {
      process.stderr.write(`steppe: ${redact(err.message)}\n`);
      return 1;
    }
    throw err;
  }
  logger.info({ store: store.location }, 'store opened');

  if (!config.DISCORD_TOKEN) {
    process.stderr.write(
      'steppe: DISCORD_TOKEN is not set, so Steppe is not connecting to Discord (see .env.example).\n' +
        'Opening the local console instead: type /help, /ask question: …, or just a question; /up or /down rates an answer. Ctrl-D to leave.\n',
    );
    // The console's answers are logged and rated like the bot's (as a user with no server).
    await runConsole(engine, commands, process.stdin, process.stdout, { feedback: new Feedback(store, { keepUserIds: config.FEEDBACK_KEEP_USER_IDS, logger }) });
    await store.close().catch((err: unknown) => logger.warn({ err }, 'the store did not close cleanly'));
    return 0;
  }
  const stopPruning = startPruning(store, { days: config.QUESTION_LOG_DAYS, logger });
  const closeStore = () => {
    stopPruning();
    return store.close().catch((err: unknown) => logger.warn({ err }, 'the store did not close cleanly'));
  };

  let bot;
  try {
    // /reload reads the same folder the same way as start-up did.
    const loadEngine = () => createEngine(config.CORPUS_DIR, { indexCacheDir: indexCacheDir(config, DEFAULT_INDEX_CACHE_DIR) });
    bot = await startBot({ config, engine, commands, logger, store, loadEngine });
  } catch (err) {
    await closeStore();
    if (err instanceof DiscordFatalError) {
      process.stderr.write(`steppe: ${err.message}\n`);
      return EXIT_CONFIG;
    }
    throw err;
  }
  const running = bot;
  // Connected and answering: analyse the rest of the corpus between interactions, so the
  // first question on a new topic is as fast as the hundredth.
  let warming = new AbortController();
  const warm = (what: typeof engine) => {
    return warmUpEngine(what, { signal: warming.signal }).then(({ paragraphs, figureRecords, ms }) =>
      logger.debug({ paragraphs, figureRecords, ms: Math.round(ms) }, 'engine warmed up'),
    );
  };
  // After the commands are registered: its first chunks (and the dense space, ~0.15 s) would
  // otherwise run between login and registration, delaying "ready".
  const initial = engine;
  void running.ready.catch(() => undefined).then(() => warm(initial));
  // A reloaded corpus (/reload, WATCH_CORPUS) is warmed the same way; the old one's warm-up stops.
  running.reloader?.on('reloaded', () => {
    warming.abort();
    warming = new AbortController();
    void warm(running.handler.engine);
  });
  const code = await new Promise<number>((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      warming.abort();
      logger.info({ signal }, 'shutting down');
      // stop() drains in-flight work (question-log writes included) before the store closes.
      running.stop().then(closeStore, closeStore).then(() => resolve(0));
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    // Discord closed the gateway for good: discord.js will not reconnect, so stop rather
    // than sit connected to nothing (a supervisor sees the exit; the line says what to fix).
    void running.fatal.then((err) => {
      process.stderr.write(`steppe: ${err.message}\n`);
      running.stop().then(closeStore, closeStore).then(() => resolve(EXIT_CONFIG));
    });
  });
  if (code !== 0) return code;
  logger.info('stopped');
  return 0;
}

runMain('steppe', main);
