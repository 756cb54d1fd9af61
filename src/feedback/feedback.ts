import { createHmac, randomBytes } from 'node:crypto';
import type { Logger } from '../log.js';
import { MAX_VOTE_COMMENT_LENGTH, type AskedVia, type Store, type Vote, type VoteDirection, type VoteReason } from '../store/types.js';
import type { AnswerRecord } from './record.js';
import { buildReport, type Report, type ReportOptions } from './report.js';

/**
 * Votes on answers and the question log, over the store: who voted is kept as a salted
 * hash of the user id unless FEEDBACK_KEEP_USER_IDS says otherwise. Every failure is
 * logged and reported as a result, never thrown: a broken database must not stop answers.
 * Knows nothing of Discord.
 */

/** Where the salt lives: a settings row under a guild id no Discord server can have. */
const SALT_SCOPE = '~steppe';
const SALT_KEY = 'voterIdSalt';

export interface AskedWhere {
  guildId: string | null;
  channelKind: string;
  askedVia: AskedVia;
  command: string | null;
  userId: string;
  latencyMs: number;
}

export type VoteResult = { ok: true; vote: Vote; previous: Vote | null } | { ok: false };

/** Users whose pseudonym is kept, so an HMAC is not computed for every question they log. */
const PSEUDONYMS_KEPT = 10_000;

export class Feedback {
  private salt: Promise<string> | null = null;
  private readonly pseudonyms = new Map<string, string>();

  constructor(
    private readonly store: Store | null,
    private readonly options: { keepUserIds: boolean; logger: Logger },
  ) {}

  /** A 👍 or 👎; a 👎 over an earlier 👎 keeps the reason already given. */
  async vote(answerId: string, userId: string, direction: VoteDirection): Promise<VoteResult> {
    try {
      const store = this.required();
      const voterId = await this.voterId(userId);
      const previous = await store.getVote(answerId, voterId);
      const keep = direction === 'down' && previous?.direction === 'down' ? { reason: previous.reason, comment: previous.comment } : {};
      const vote = await store.recordVote({ answerId, voterId, direction, ...keep });
      return { ok: true, vote, previous };
    } catch (err) {
      this.options.logger.error({ err, answerId }, 'vote could not be saved');
      return { ok: false };
    }
  }

  /** Why a 👎: 'no-vote' when this user has no 👎 on the answer (any more). */
  async explain(answerId: string, userId: string, reason: VoteReason, comment?: string | null): Promise<'ok' | 'no-vote' | 'failed'> {
    try {
      const text = comment?.trim() ? comment.trim().slice(0, MAX_VOTE_COMMENT_LENGTH) : null;
      const vote = await this.required().setVoteReason(answerId, await this.voterId(userId), reason, text);
      return vote ? 'ok' : 'no-vote';
    } catch (err) {
      this.options.logger.error({ err, answerId }, 'vote reason could not be saved');
      return 'failed';
    }
  }

  /** Logs an answered question; never throws (the reply has gone already). */
  async logQuestion(record: AnswerRecord, where: AskedWhere): Promise<void> {
    if (!this.store) return;
    try {
      await this.store.logQuestion({
        answerId: record.answerId,
        guildId: where.guildId,
        channelKind: where.channelKind,
        askedVia: where.askedVia,
        command: where.command,
        askerId: await this.voterId(where.userId),
        question: record.question,
        resolvedQuestion: record.resolvedQuestion,
        passages: record.passages,
        found: record.found,
        figures: record.figures,
        latencyMs: Math.max(0, Math.round(where.latencyMs)),
      });
    } catch (err) {
      this.options.logger.error({ err, answerId: record.answerId }, 'question could not be logged');
    }
  }

  /** The maintainers' report (see report.ts); null when there is no store or it failed (logged). */
  async report(options: ReportOptions): Promise<Report | null> {
    if (!this.store) return null;
    try {
      return await buildReport(this.store, options);
    } catch (err) {
      this.options.logger.error({ err, guildId: options.guildId }, 'report could not be read');
      return null;
    }
  }

  /** The id kept for a user (a salted hash unless FEEDBACK_KEEP_USER_IDS): the shared cooldowns key on it too. */
  pseudonym(userId: string): Promise<string> {
    return this.voterId(userId);
  }

  private required(): Store {
    if (!this.store) throw new Error('no store configured');
    return this.store;
  }

  private async voterId(userId: string): Promise<string> {
    if (this.options.keepUserIds) return userId;
    const known = this.pseudonyms.get(userId);
    if (known !== undefined) return known;
    const salt = await this.loadSalt();
    const id = createHmac('sha256', salt).update(userId).digest('base64url').slice(0, 32);
    // One salt per process once read: a user's id is the same on every question they ask.
    if (this.pseudonyms.size >= PSEUDONYMS_KEPT) this.pseudonyms.clear();
    this.pseudonyms.set(userId, id);
    return id;
  }

  /**
   * One salt per database, made on first use, so a user's hash is the same on every shard
   * and after restarts (one vote per user and answer) yet means nothing without the database.
   * Shards starting on a fresh database at once may each write one: the read after the write
   * settles on whichever was written last.
   */
  private loadSalt(): Promise<string> {
    this.salt ??= (async () => {
      const store = this.required();
      const existing = (await store.getGuildSettings(SALT_SCOPE))[SALT_KEY];
      if (typeof existing === 'string' && existing) return existing;
      await store.setGuildSetting(SALT_SCOPE, SALT_KEY, randomBytes(32).toString('base64url'));
      const written = (await store.getGuildSettings(SALT_SCOPE))[SALT_KEY];
      if (typeof written !== 'string') throw new Error('voter id salt could not be read back');
      return written;
    })();
    // A failure is retried on the next vote rather than remembered.
    this.salt.catch(() => (this.salt = null));
    return this.salt;
  }
}
