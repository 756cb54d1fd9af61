import { StoreError, causeMessage } from './errors.js';
import type { SqlDatabase, SqlParam, SqlRunner } from './sql.js';
import {
  MAX_LOGGED_QUESTION_LENGTH,
  MAX_VOTE_COMMENT_LENGTH,
  VOTE_REASONS,
  type AskedQuestion,
  type CooldownRule,
  type DayCount,
  type LowConfidenceQuery,
  type LowConfidenceReport,
  type JsonValue,
  type LoggedQuestion,
  type ParagraphVotes,
  type Period,
  type QuestionLogEntry,
  type QuestionStats,
  type RatedAnswer,
  type ReportQuery,
  type Store,
  type StoredConversation,
  type Vote,
  type VoteCounts,
  type VoteDirection,
  type VoteInput,
  type VoteReason,
} from './types.js';

export interface SqlStoreOptions {
  now: () => number;
  /** Largest conversation state, in bytes of JSON. */
  maxConversationBytes: number;
}

const MAX_KEY_LENGTH = 200;
const MAX_SETTING_BYTES = 16 * 1024;
const DEFAULT_REPORT_LIMIT = 20;
const MAX_REPORT_LIMIT = 1000;

/** The store over either engine: the SQL below is the dialect both accept. */
export class SqlStore implements Store {
  readonly engine: Store['engine'];

  constructor(
    private readonly db: SqlDatabase,
    readonly location: string,
    private readonly options: SqlStoreOptions,
  ) {
    this.engine = db.engine;
  }

  // --- conversations -------------------------------------------------------------------

  getConversation(key: string): Promise<StoredConversation | null> {
    return this.guard('read a conversation', async () => {
      const rows = await this.db.all('SELECT state, expires_at, updated_at FROM conversations WHERE conversation_key = ? AND expires_at > ?', [
        checkKey('conversation key', key),
        this.options.now(),
      ]);
      const row = rows[0];
      if (!row) return null;
      return { state: JSON.parse(String(row.state)) as unknown, expiresAt: Number(row.expires_at), updatedAt: Number(row.updated_at) };
    });
  }

  saveConversation(key: string, state: object, expiresAt: number): Promise<void> {
    return this.guard('save a conversation', async () => {
      checkKey('conversation key', key);
      const json = toJson('conversation state', state, this.options.maxConversationBytes);
      checkTime('expiresAt', expiresAt);
      await this.db.run(
        `INSERT INTO conversations (conversation_key, state, expires_at, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (conversation_key) DO UPDATE SET state = excluded.state, expires_at = excluded.expires_at, updated_at = excluded.updated_at`,
        [key, json, expiresAt, this.options.now()],
      );
    });
  }

  deleteConversation(key: string): Promise<void> {
    return this.guard('delete a conversation', async () => {
      await this.db.run('DELETE FROM conversations WHERE conversation_key = ?', [checkKey('conversation key', key)]);
    });
  }

  pruneExpiredConversations(): Promise<number> {
    return this.guard('prune conversations', () => this.db.run('DELETE FROM conversations WHERE expires_at <= ?', [this.options.now()]));
  }

  // --- votes -----------------------------------------------------------------------------

  recordVote(vote: VoteInput): Promise<Vote> {
    return this.guard('record a vote', async () => {
      checkKey('answer id', vote.answerId);
      checkKey('voter id', vote.voterId);
      if (vote.direction !== 'up' && vote.direction !== 'down') throw invalid(`vote direction must be up or down, not ${String(vote.direction)}`);
      // Why an answer was wrong only means something on a down vote.
      const reason = vote.direction === 'down' ? checkReason(vote.reason ?? null) : null;
      const comment = vote.direction === 'down' ? checkComment(vote.comment ?? null) : null;
      const votedAt = this.options.now();
      await this.db.run(
        `INSERT INTO votes (answer_id, voter_id, direction, reason, comment, voted_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (answer_id, voter_id) DO UPDATE SET direction = excluded.direction, reason = excluded.reason, comment = excluded.comment, voted_at = excluded.voted_at`,
        [vote.answerId, vote.voterId, vote.direction, reason, comment, votedAt],
      );
      return { answerId: vote.answerId, voterId: vote.voterId, direction: vote.direction, reason, comment, votedAt };
    });
  }

  setVoteReason(answerId: string, voterId: string, reason: VoteReason, comment?: string | null): Promise<Vote | null> {
    return this.guard('record why a vote was down', async () => {
      checkKey('answer id', answerId);
      checkKey('voter id', voterId);
      const checkedReason = checkReason(reason);
      const checkedComment = checkComment(comment ?? null);
      const changed = await this.db.run(
        `UPDATE votes SET reason = ?, comment = ?, voted_at = ? WHERE answer_id = ? AND voter_id = ? AND direction = 'down'`,
        [checkedReason, checkedComment, this.options.now(), answerId, voterId],
      );
      return changed === 0 ? null : this.readVote(this.db, answerId, voterId);
    });
  }

  getVote(answerId: string, voterId: string): Promise<Vote | null> {
    return this.guard('read a vote', () => this.readVote(this.db, checkKey('answer id', answerId), checkKey('voter id', voterId)));
  }

  countVotes(answerId: string): Promise<VoteCounts> {
    return this.guard('count votes', async () => {
      const rows = await this.db.all(
        `SELECT ${SUM_UP} AS up, ${SUM_DOWN} AS down FROM votes v WHERE v.answer_id = ?`,
        [checkKey('answer id', answerId)],
      );
      return { up: Number(rows[0]?.up ?? 0), down: Number(rows[0]?.down ?? 0) };
    });
  }

  private async readVote(db: SqlRunner, answerId: string, voterId: string): Promise<Vote | null> {
    const rows = await db.all('SELECT direction, reason, comment, voted_at FROM votes WHERE answer_id = ? AND voter_id = ?', [answerId, voterId]);
    const row = rows[0];
    if (!row) return null;
    return {
      answerId,
      voterId,
      direction: row.direction as VoteDirection,
      reason: (row.reason as VoteReason | null) ?? null,
      comment: (row.comment as string | null) ?? null,
      votedAt: Number(row.voted_at),
    };
  }

  // --- question log ----------------------------------------------------------------------

  logQuestion(entry: QuestionLogEntry): Promise<void> {
    return this.guard('log a question', async () => {
      checkKey('answer id', entry.answerId);
      if (entry.askedVia !== 'command' && entry.askedVia !== 'message') throw invalid(`askedVia must be command or message, not ${String(entry.askedVia)}`);
      const askedAt = entry.askedAt ?? this.options.now();
      checkTime('askedAt', askedAt);
      for (const passage of entry.passages) {
        checkKey('paragraph id', passage.paragraphId);
        if (!Number.isFinite(passage.score)) throw invalid(`passage score must be a finite number (paragraph ${passage.paragraphId})`);
      }
      const question = entry.question.slice(0, MAX_LOGGED_QUESTION_LENGTH);
      const resolved = entry.resolvedQuestion?.slice(0, MAX_LOGGED_QUESTION_LENGTH) ?? null;
      const row = { entry, askedAt, question, resolved, figures: toJson('figures', entry.figures ?? [], 256 * 1024) };
      await this.enqueueQuestion(row);
    });
  }

  /**
   * Question-log rows wait up to QUESTION_BATCH_MS and are written together, one transaction
   * (one fsync) for all: each write blocks the event loop (libsql is synchronous; ~1 ms with
   * synchronous=FULL), and under a burst one a reply cost every other reply that much. While
   * questions come in faster than one per batch (the last batch had several rows), rows wait
   * up to QUESTION_BATCH_BUSY_MS instead: a burst of 200 questions a second then costs ten
   * commits a second, not forty. The rows of a batch go in a few multi-row INSERTs (one
   * statement per ROWS_PER_INSERT rows, not one per question and one per passage). Each
   * caller's promise settles when its row is committed; if the batch fails, its rows are
   * written one by one, so a row fails alone, as before. close() writes what waits first.
   */
  private pendingQuestions: Array<{ row: PendingQuestion; resolve: () => void; reject: (err: unknown) => void }> = [];
  private questionFlush: ReturnType<typeof setTimeout> | null = null;
  private lastBatchRows = 0;

  private enqueueQuestion(row: PendingQuestion): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pendingQuestions.push({ row, resolve, reject });
      this.questionFlush ??= setTimeout(() => void this.flushQuestions(), this.lastBatchRows > 1 ? QUESTION_BATCH_BUSY_MS : QUESTION_BATCH_MS);
    });
  }

  private async flushQuestions(): Promise<void> {
    if (this.questionFlush) clearTimeout(this.questionFlush);
    this.questionFlush = null;
    const batch = this.pendingQuestions;
    this.pendingQuestions = [];
    this.lastBatchRows = batch.length;
    if (batch.length === 0) return;
    try {
      await this.db.transaction((tx) => this.writeQuestions(tx, batch.map((b) => b.row)));
      for (const b of batch) b.resolve();
    } catch {
      for (const b of batch) {
        try {
          await this.db.transaction((tx) => this.writeQuestions(tx, [b.row]));
          b.resolve();
        } catch (err) {
          b.reject(err);
        }
      }
    }
  }

  /** The rows' questions, then their passages (which refer to them), ROWS_PER_INSERT rows a statement. */
  private async writeQuestions(tx: SqlRunner, rows: PendingQuestion[]): Promise<void> {
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
      const chunk = rows.slice(i, i + ROWS_PER_INSERT);
      const params: SqlParam[] = [];
      for (const { entry, askedAt, question, resolved, figures } of chunk) {
        params.push(
          entry.answerId,
          askedAt,
          entry.guildId,
          entry.channelKind,
          entry.askedVia,
          entry.command,
          entry.askerId ?? null,
          question,
          normalizeQuestion(question),
          resolved,
          entry.found ? 1 : 0,
          figures,
          Math.max(0, Math.round(entry.latencyMs)),
        );
      }
      await tx.run(
        `INSERT INTO questions (answer_id, asked_at, guild_id, channel_kind, asked_via, command, asker_id, question, normalized_question,
         resolved_question, found, figures, latency_ms)
       VALUES ${valueRows(13, chunk.length)}`,
        params,
      );
    }
    const passages: SqlParam[][] = [];
    for (const { entry } of rows) {
      for (const [rank, passage] of entry.passages.entries()) passages.push([entry.answerId, rank, passage.paragraphId, passage.score]);
    }
    for (let i = 0; i < passages.length; i += ROWS_PER_INSERT) {
      const chunk = passages.slice(i, i + ROWS_PER_INSERT);
      await tx.run(`INSERT INTO question_passages (answer_id, rank, paragraph_id, score) VALUES ${valueRows(4, chunk.length)}`, chunk.flat());
    }
  }

  getQuestion(answerId: string): Promise<LoggedQuestion | null> {
    return this.guard('read a question', async () => {
      const rows = await this.db.all('SELECT * FROM questions WHERE answer_id = ?', [checkKey('answer id', answerId)]);
      const row = rows[0];
      if (!row) return null;
      const passages = await this.db.all('SELECT paragraph_id, score FROM question_passages WHERE answer_id = ? ORDER BY rank', [answerId]);
      return {
        answerId,
        askedAt: Number(row.asked_at),
        guildId: (row.guild_id as string | null) ?? null,
        channelKind: String(row.channel_kind),
        askedVia: row.asked_via as LoggedQuestion['askedVia'],
        command: (row.command as string | null) ?? null,
        askerId: (row.asker_id as string | null) ?? null,
        question: String(row.question),
        resolvedQuestion: (row.resolved_question as string | null) ?? null,
        passages: passages.map((p) => ({ paragraphId: String(p.paragraph_id), score: Number(p.score) })),
        found: Number(row.found) === 1,
        figures: JSON.parse(String(row.figures)) as JsonValue[],
        latencyMs: Number(row.latency_ms),
      };
    });
  }

  questionStats(period: Period = {}): Promise<QuestionStats> {
    return this.guard('count questions', async () => {
      const where = periodFilter(period);
      const [counts] = await this.db.all(
        `SELECT COUNT(*) AS questions, COALESCE(SUM(q.found), 0) AS answered FROM questions q WHERE ${where.sql}`,
        where.params,
      );
      const [votes] = await this.db.all(
        `SELECT ${SUM_UP} AS up, ${SUM_DOWN} AS down FROM votes v JOIN questions q ON q.answer_id = v.answer_id WHERE ${where.sql}`,
        where.params,
      );
      const questions = Number(counts?.questions ?? 0);
      const answered = Number(counts?.answered ?? 0);
      return { questions, answered, unanswered: questions - answered, votes: { up: Number(votes?.up ?? 0), down: Number(votes?.down ?? 0) } };
    });
  }

  mostAskedQuestions(query: ReportQuery = {}): Promise<AskedQuestion[]> {
    return this.guard('report the most asked questions', () => this.askedQuestions(query, false));
  }

  unansweredQuestions(query: ReportQuery = {}): Promise<AskedQuestion[]> {
    return this.guard('report the unanswered questions', () => this.askedQuestions(query, true));
  }

  private async askedQuestions(query: ReportQuery, unansweredOnly: boolean): Promise<AskedQuestion[]> {
    const where = periodFilter(query);
    // MIN(question): one wording of the group, the same on both engines.
    const rows = await this.db.all(
      `SELECT q.normalized_question, MIN(q.question) AS question, COUNT(*) AS asked, SUM(q.found) AS answered, MAX(q.asked_at) AS last_asked_at
       FROM questions q WHERE ${where.sql}${unansweredOnly ? ' AND q.found = 0' : ''}
       GROUP BY q.normalized_question
       ORDER BY asked DESC, last_asked_at DESC, q.normalized_question
       LIMIT ?`,
      [...where.params, reportLimit(query)],
    );
    return rows.map((row) => ({
      question: String(row.question),
      normalizedQuestion: String(row.normalized_question),
      count: Number(row.asked),
      answered: Number(row.answered ?? 0),
      lastAskedAt: Number(row.last_asked_at),
    }));
  }

  worstRatedAnswers(query: ReportQuery = {}): Promise<RatedAnswer[]> {
    return this.guard('report the worst rated answers', async () => {
      const where = periodFilter(query);
      const reasonSums = VOTE_REASONS.map((reason, i) => `SUM(CASE WHEN v.reason = '${reason}' THEN 1 ELSE 0 END) AS reason_${i}`).join(', ');
      const rows = await this.db.all(
        `SELECT q.answer_id, q.question, q.asked_at, q.guild_id, p.paragraph_id AS top_paragraph_id,
           ${SUM_UP} AS up, ${SUM_DOWN} AS down, ${reasonSums}
         FROM votes v
         JOIN questions q ON q.answer_id = v.answer_id
         LEFT JOIN question_passages p ON p.answer_id = q.answer_id AND p.rank = 0
         WHERE ${where.sql}
         GROUP BY q.answer_id, q.question, q.asked_at, q.guild_id, p.paragraph_id
         HAVING ${SUM_DOWN} > 0
         ORDER BY ${SUM_DOWN} - ${SUM_UP} DESC, ${SUM_DOWN} DESC, q.asked_at DESC, q.answer_id
         LIMIT ?`,
        [...where.params, reportLimit(query)],
      );
      if (rows.length === 0) return [];
      const ids = rows.map((row) => String(row.answer_id));
      const commentRows = await this.db.all(
        `SELECT answer_id, comment FROM votes WHERE comment IS NOT NULL AND answer_id IN (${ids.map(() => '?').join(', ')}) ORDER BY voted_at, voter_id`,
        ids,
      );
      const comments = new Map<string, string[]>();
      for (const row of commentRows) {
        const list = comments.get(String(row.answer_id)) ?? [];
        list.push(String(row.comment));
        comments.set(String(row.answer_id), list);
      }
      return rows.map((row) => {
        const answerId = String(row.answer_id);
        return {
          answerId,
          question: String(row.question),
          askedAt: Number(row.asked_at),
          guildId: (row.guild_id as string | null) ?? null,
          topParagraphId: (row.top_paragraph_id as string | null) ?? null,
          up: Number(row.up),
          down: Number(row.down),
          reasons: Object.fromEntries(VOTE_REASONS.map((reason, i) => [reason, Number(row[`reason_${i}`] ?? 0)])) as Record<VoteReason, number>,
          comments: comments.get(answerId) ?? [],
        };
      });
    });
  }

  votesByParagraph(query: ReportQuery = {}): Promise<ParagraphVotes[]> {
    return this.guard('report votes by paragraph', async () => {
      const where = periodFilter(query);
      const rows = await this.db.all(
        `SELECT p.paragraph_id, ${SUM_UP} AS up, ${SUM_DOWN} AS down
         FROM votes v
         JOIN questions q ON q.answer_id = v.answer_id
         JOIN question_passages p ON p.answer_id = q.answer_id AND p.rank = 0
         WHERE ${where.sql}
         GROUP BY p.paragraph_id
         ORDER BY down DESC, up DESC, p.paragraph_id
         LIMIT ?`,
        [...where.params, reportLimit(query)],
      );
      return rows.map((row) => ({ paragraphId: String(row.paragraph_id), up: Number(row.up), down: Number(row.down) }));
    });
  }

  questionsByDay(period: Period = {}): Promise<DayCount[]> {
    return this.guard('count questions by day', async () => {
      const where = periodFilter(period);
      // Integer division on both engines (BIGINT in PostgreSQL, INTEGER affinity in SQLite).
      const rows = await this.db.all(
        `SELECT q.asked_at / ${DAY_MS} AS day, COUNT(*) AS questions, COALESCE(SUM(q.found), 0) AS answered
         FROM questions q WHERE ${where.sql}
         GROUP BY q.asked_at / ${DAY_MS}
         ORDER BY day`,
        where.params,
      );
      return rows.map((row) => ({ day: Number(row.day) * DAY_MS, questions: Number(row.questions), answered: Number(row.answered) }));
    });
  }

  lowConfidenceAnswers(query: LowConfidenceQuery = {}): Promise<LowConfidenceReport> {
    return this.guard('report the low-confidence answers', async () => {
      const share = query.share ?? 0.5;
      if (!(share > 0 && share <= 1)) throw invalid('low-confidence share must be above 0 and at most 1');
      const limit = reportLimit(query);
      const where = periodFilter(query);
      const from = `FROM questions q JOIN question_passages p ON p.answer_id = q.answer_id AND p.rank = 0 WHERE ${where.sql} AND q.found = 1`;
      const [counted] = await this.db.all(`SELECT COUNT(*) AS n ${from}`, where.params);
      const n = Number(counted?.n ?? 0);
      if (n === 0) return { medianScore: null, threshold: null, questions: [] };
      // The median without engine-specific functions: the middle row (the lower one of an even count).
      const [middle] = await this.db.all(`SELECT p.score ${from} ORDER BY p.score LIMIT 1 OFFSET ?`, [...where.params, Math.floor((n - 1) / 2)]);
      const medianScore = Number(middle?.score ?? 0);
      const threshold = medianScore * share;
      const rows = await this.db.all(
        `SELECT q.normalized_question, MIN(q.question) AS question, COUNT(*) AS asked, MIN(p.score) AS best_score
         ${from} AND p.score < ?
         GROUP BY q.normalized_question
         ORDER BY best_score, asked DESC, q.normalized_question
         LIMIT ?`,
        [...where.params, threshold, limit],
      );
      const questions = [];
      for (const row of rows) {
        const [weakest] = await this.db.all(
          `SELECT p.paragraph_id ${from} AND q.normalized_question = ? ORDER BY p.score, q.asked_at DESC LIMIT 1`,
          [...where.params, String(row.normalized_question)],
        );
        questions.push({
          question: String(row.question),
          normalizedQuestion: String(row.normalized_question),
          count: Number(row.asked),
          bestScore: Number(row.best_score),
          paragraphId: String(weakest?.paragraph_id ?? ''),
        });
      }
      return { medianScore, threshold, questions };
    });
  }

  pruneQuestionLog(before: number): Promise<number> {
    return this.guard('prune the question log', async () => {
      checkTime('before', before);
      return this.db.transaction(async (tx) => {
        await tx.run('DELETE FROM votes WHERE voted_at < ?', [before]);
        // question_passages go with their question (ON DELETE CASCADE).
        return tx.run('DELETE FROM questions WHERE asked_at < ?', [before]);
      });
    });
  }

  // --- settings --------------------------------------------------------------------------

  getGuildSettings(guildId: string): Promise<Record<string, JsonValue>> {
    return this.guard('read server settings', async () => {
      const rows = await this.db.all('SELECT setting_key, value FROM guild_settings WHERE guild_id = ? ORDER BY setting_key', [checkKey('guild id', guildId)]);
      return Object.fromEntries(rows.map((row) => [String(row.setting_key), JSON.parse(String(row.value)) as JsonValue]));
    });
  }

  setGuildSetting(guildId: string, key: string, value: JsonValue): Promise<void> {
    return this.guard('save a server setting', async () => {
      checkKey('guild id', guildId);
      checkKey('setting key', key);
      if (value === undefined) throw invalid(`setting ${key} needs a value (deleteGuildSetting resets it)`);
      await this.db.run(
        `INSERT INTO guild_settings (guild_id, setting_key, value, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (guild_id, setting_key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
        [guildId, key, toJson(`setting ${key}`, value, MAX_SETTING_BYTES), this.options.now()],
      );
    });
  }

  deleteGuildSetting(guildId: string, key: string): Promise<void> {
    return this.guard('reset a server setting', async () => {
      await this.db.run('DELETE FROM guild_settings WHERE guild_id = ? AND setting_key = ?', [checkKey('guild id', guildId), checkKey('setting key', key)]);
    });
  }

  // --- cooldowns -------------------------------------------------------------------------

  takeCooldown(bucketKey: string, rule: CooldownRule): Promise<number> {
    return this.guard('take a cooldown token', async () => {
      checkKey('cooldown bucket', bucketKey);
      if (!(rule.seconds > 0)) return 0;
      if (!(rule.burst >= 1)) throw invalid('cooldown burst must be at least 1');
      const now = this.options.now();
      const msPerToken = rule.seconds * 1000;
      return this.db.transaction(async (tx) => {
        // Read-modify-write under the lock: SQLite holds the write lock from BEGIN
        // IMMEDIATE; PostgreSQL locks the row (inserted first so there is one to lock).
        await tx.run('INSERT INTO cooldown_buckets (bucket_key, tokens, updated_at, full_at) VALUES (?, ?, ?, ?) ON CONFLICT (bucket_key) DO NOTHING', [
          bucketKey,
          rule.burst,
          now,
          now,
        ]);
        const lock = this.engine === 'postgres' ? ' FOR UPDATE' : '';
        const [row] = await tx.all(`SELECT tokens, updated_at FROM cooldown_buckets WHERE bucket_key = ?${lock}`, [bucketKey]);
        const elapsed = Math.max(0, now - Number(row?.updated_at ?? now));
        let tokens = Math.min(rule.burst, Number(row?.tokens ?? rule.burst) + elapsed / msPerToken);
        let wait = 0;
        if (tokens >= 1) tokens -= 1;
        // The epsilon keeps float noise (2.0000000004 s) from adding a whole second.
        else wait = Math.ceil(((1 - tokens) * msPerToken) / 1000 - 1e-9);
        const fullAt = now + Math.ceil((rule.burst - tokens) * msPerToken);
        await tx.run('UPDATE cooldown_buckets SET tokens = ?, updated_at = ?, full_at = ? WHERE bucket_key = ?', [tokens, now, fullAt, bucketKey]);
        return wait;
      });
    });
  }

  pruneCooldowns(): Promise<number> {
    return this.guard('prune cooldown buckets', () => this.db.run('DELETE FROM cooldown_buckets WHERE full_at <= ?', [this.options.now()]));
  }

  async close(): Promise<void> {
    await this.flushQuestions();
    return this.db.close();
  }

  /** Every failure leaves as a one-line `StoreError` naming what was being done. */
  private async guard<T>(action: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      if (error instanceof StoreError) throw error;
      throw new StoreError('query', `cannot ${action} in ${this.location}: ${causeMessage(error)}`, { cause: error });
    }
  }
}

const DAY_MS = 86_400_000;

/** How long a question-log row waits for others to be written with it (see enqueueQuestion). */
const QUESTION_BATCH_MS = 25;
/** The same while questions come faster than one a batch. */
const QUESTION_BATCH_BUSY_MS = 100;
/** Rows in one INSERT of the question log: a few statement shapes, each prepared once. */
const ROWS_PER_INSERT = 16;

const valueRowsCache = new Map<string, string>();
/** `(?, ?, …), (?, ?, …)`: `rows` rows of `columns` placeholders. */
function valueRows(columns: number, rows: number): string {
  const key = `${columns}x${rows}`;
  let sql = valueRowsCache.get(key);
  if (sql === undefined) {
    const row = `(${Array.from({ length: columns }, () => '?').join(', ')})`;
    sql = Array.from({ length: rows }, () => row).join(', ');
    valueRowsCache.set(key, sql);
  }
  return sql;
}

interface PendingQuestion {
  entry: QuestionLogEntry;
  askedAt: number;
  question: string;
  resolved: string | null;
  figures: string;
}

const SUM_UP = `COALESCE(SUM(CASE WHEN v.direction = 'up' THEN 1 ELSE 0 END), 0)`;
const SUM_DOWN = `COALESCE(SUM(CASE WHEN v.direction = 'down' THEN 1 ELSE 0 END), 0)`;

/**
 * The wording questions are grouped by: Unicode-normalised, lower case, punctuation and
 * runs of spaces folded, so "What is the BRI?" and "what is the  BRI" count together.
 */
export function normalizeQuestion(question: string): string {
  return question
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function periodFilter(period: Period): { sql: string; params: SqlParam[] } {
  const clauses = ['1 = 1'];
  const params: SqlParam[] = [];
  if (period.since !== undefined) {
    clauses.push('q.asked_at >= ?');
    params.push(checkTime('since', period.since));
  }
  if (period.until !== undefined) {
    clauses.push('q.asked_at < ?');
    params.push(checkTime('until', period.until));
  }
  if (period.guildId !== undefined) {
    clauses.push('q.guild_id = ?');
    params.push(checkKey('guild id', period.guildId));
  }
  return { sql: clauses.join(' AND '), params };
}

function reportLimit(query: ReportQuery): number {
  const limit = query.limit ?? DEFAULT_REPORT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_REPORT_LIMIT) throw invalid(`report limit must be a whole number from 1 to ${MAX_REPORT_LIMIT}`);
  return limit;
}

function invalid(message: string): StoreError {
  return new StoreError('invalid-input', message);
}

function checkKey(what: string, value: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_KEY_LENGTH) {
    throw invalid(`${what} must be a string of 1 to ${MAX_KEY_LENGTH} characters`);
  }
  return value;
}

function checkTime(what: string, value: number): number {
  if (!Number.isSafeInteger(value)) throw invalid(`${what} must be a whole number of milliseconds since the epoch`);
  return value;
}

function checkReason(reason: VoteReason | null): VoteReason | null {
  if (reason !== null && !VOTE_REASONS.includes(reason)) throw invalid(`vote reason must be one of ${VOTE_REASONS.join(', ')}`);
  return reason;
}

function checkComment(comment: string | null): string | null {
  if (comment === null) return null;
  const trimmed = comment.trim();
  if (trimmed.length > MAX_VOTE_COMMENT_LENGTH) throw invalid(`vote comment must be at most ${MAX_VOTE_COMMENT_LENGTH} characters`);
  return trimmed === '' ? null : trimmed;
}

function toJson(what: string, value: unknown, maxBytes: number): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch (error) {
    throw invalid(`${what} cannot be stored as JSON: ${causeMessage(error)}`);
  }
  if (json === undefined) throw invalid(`${what} cannot be stored as JSON`);
  const bytes = Buffer.byteLength(json);
  if (bytes > maxBytes) throw invalid(`${what} is ${bytes} bytes of JSON, over the limit of ${maxBytes}`);
  return json;
}
