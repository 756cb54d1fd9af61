import type { Logger } from '../log.js';
import type { Store } from '../store/types.js';

/**
 * Keeps the database to what it may hold: questions and votes older than
 * QUESTION_LOG_DAYS, expired conversations and refilled cooldown buckets are deleted once
 * at start-up and then every few hours. Failures are logged; the next round tries again.
 */

const EVERY_MS = 6 * 60 * 60 * 1000;

export async function pruneOnce(store: Store, days: number, now: number = Date.now()): Promise<{ questions: number; conversations: number; cooldowns: number }> {
  const questions = await store.pruneQuestionLog(now - days * 86_400_000);
  const conversations = await store.pruneExpiredConversations();
  const cooldowns = await store.pruneCooldowns();
  return { questions, conversations, cooldowns };
}

/** Starts the rounds; the returned function stops them (before the store is closed). */
export function startPruning(store: Store, options: { days: number; logger: Logger }): () => void {
  let stopped = false;
  const round = () => {
    if (stopped) return;
    pruneOnce(store, options.days).then(
      (deleted) => options.logger.info({ deleted, keptDays: options.days }, 'store pruned'),
      (err: unknown) => options.logger.warn({ err }, 'store could not be pruned; trying again later'),
    );
  };
  const first = setTimeout(round, 1000);
  const timer = setInterval(round, EVERY_MS);
  first.unref();
  timer.unref();
  return () => {
    stopped = true;
    clearTimeout(first);
    clearInterval(timer);
  };
}
