/**
 * What Steppe keeps between restarts: conversation state, votes on answers, the question
 * log and its reports, per-server settings and shared cooldown buckets.
 *
 * One interface, two engines (SQLite in a file, PostgreSQL): callers never see SQL, and
 * nothing here knows who the caller is — ids are opaque strings (a voter id may be a raw
 * user id or a salted hash; that is the caller's choice). Every method is async so both
 * engines fit. Times are milliseconds since the epoch; "now" comes from the clock given to
 * `openStore` (tests inject one, so expiry needs no sleeps).
 */

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export type StoreEngine = 'sqlite' | 'postgres';

// --- conversations ---------------------------------------------------------------------

export interface StoredConversation {
  /** The state exactly as saved (parsed back from JSON). */
  state: unknown;
  expiresAt: number;
  updatedAt: number;
}

// --- votes -------------------------------------------------------------------------------

export type VoteDirection = 'up' | 'down';

export const VOTE_REASONS = ['wrong-passage', 'wrong-figure', 'not-in-corpus', 'other'] as const;
export type VoteReason = (typeof VOTE_REASONS)[number];

/** Longest free-text comment on a vote, in characters. */
export const MAX_VOTE_COMMENT_LENGTH = 1000;

export interface VoteInput {
  answerId: string;
  voterId: string;
  direction: VoteDirection;
  /** Only kept on a down vote: an up vote clears any reason and comment. */
  reason?: VoteReason | null;
  comment?: string | null;
}

export interface Vote {
  answerId: string;
  voterId: string;
  direction: VoteDirection;
  reason: VoteReason | null;
  comment: string | null;
  votedAt: number;
}

export interface VoteCounts {
  up: number;
  down: number;
}

// --- question log ------------------------------------------------------------------------

/** How the question reached the bot. */
export type AskedVia = 'command' | 'message';

export interface PassageHit {
  paragraphId: string;
  score: number;
}

/** One question and what was answered. Never holds a token. */
export interface QuestionLogEntry {
  /** The id the answer's buttons carry; votes refer to it. Unique. */
  answerId: string;
  /** Default: the store's clock. */
  askedAt?: number;
  /** null outside a server (direct messages, the local console). */
  guildId: string | null;
  /** Where it was asked, e.g. `text`, `thread`, `forum`, `dm`, `console`. */
  channelKind: string;
  askedVia: AskedVia;
  /** The command's name (`ask`, `search`, …); null for a plain message. */
  command: string | null;
  /** Opaque id of who asked (the caller hashes it or leaves it out). */
  askerId?: string | null;
  /** As typed. Kept up to `MAX_LOGGED_QUESTION_LENGTH` characters. */
  question: string;
  /** The question after conversation context was applied, when it differs. */
  resolvedQuestion?: string | null;
  /** Passages answered, best first. */
  passages: PassageHit[];
  /** Whether anything was found (false → "nothing found": a coverage gap). */
  found: boolean;
  /** The figure answers given, as JSON (their shape belongs to the caller). */
  figures?: JsonValue[];
  latencyMs: number;
}

export const MAX_LOGGED_QUESTION_LENGTH = 2000;

export interface LoggedQuestion extends Required<Omit<QuestionLogEntry, 'askedAt' | 'askerId' | 'resolvedQuestion'>> {
  askedAt: number;
  askerId: string | null;
  resolvedQuestion: string | null;
}

/** A window of the log. `since` inclusive, `until` exclusive; a guild id narrows to one server. */
export interface Period {
  since?: number;
  until?: number;
  guildId?: string;
}

export interface ReportQuery extends Period {
  /** Default 20, at most 1000. */
  limit?: number;
}

export interface QuestionStats {
  questions: number;
  answered: number;
  unanswered: number;
  /** Votes on the answers to the questions of the period. */
  votes: VoteCounts;
}

/** Questions grouped by normalised wording (case, punctuation and spacing ignored). */
export interface AskedQuestion {
  /** One wording of the group as asked. */
  question: string;
  normalizedQuestion: string;
  count: number;
  /** How many of them found something. */
  answered: number;
  lastAskedAt: number;
}

export interface RatedAnswer {
  answerId: string;
  question: string;
  askedAt: number;
  guildId: string | null;
  /** The best passage answered, if any. */
  topParagraphId: string | null;
  up: number;
  down: number;
  reasons: Record<VoteReason, number>;
  /** Voters' comments, oldest first. */
  comments: string[];
}

export interface ParagraphVotes extends VoteCounts {
  paragraphId: string;
}

/** Questions of one UTC day. */
export interface DayCount {
  /** Midnight UTC that starts the day, in ms since the epoch. */
  day: number;
  questions: number;
  answered: number;
}

/** A wording whose answers found something, but only weakly (see `lowConfidenceAnswers`). */
export interface LowConfidenceQuestion {
  question: string;
  normalizedQuestion: string;
  count: number;
  /** The weakest best-passage score among them. */
  bestScore: number;
  /** The best passage of that weakest answer. */
  paragraphId: string;
}

export interface LowConfidenceReport {
  /** Median best-passage score of the period's answers with a passage; null when there are none. */
  medianScore: number | null;
  /** `share` × the median: answers whose best passage scored below it are listed. */
  threshold: number | null;
  questions: LowConfidenceQuestion[];
}

export interface LowConfidenceQuery extends ReportQuery {
  /** Share of the median best score under which an answer counts as low-confidence. Default 0.5. */
  share?: number;
}

// --- settings and cooldowns --------------------------------------------------------------

export interface CooldownRule {
  /** One more use every `seconds`; 0 or less means no limit. */
  seconds: number;
  /** Uses allowed at once. */
  burst: number;
}

// --- the store ---------------------------------------------------------------------------

export interface Store {
  readonly engine: StoreEngine;
  /** Where the data is, safe to log (a PostgreSQL password is masked). */
  readonly location: string;

  /** The state of a conversation, or null when there is none or it has expired. */
  getConversation(key: string): Promise<StoredConversation | null>;
  /** Replaces the conversation's state. Keys up to 200 characters, state up to 64 KiB of JSON by default. */
  saveConversation(key: string, state: object, expiresAt: number): Promise<void>;
  deleteConversation(key: string): Promise<void>;
  /** Deletes expired conversations; returns how many. */
  pruneExpiredConversations(): Promise<number>;

  /** Records or changes a user's vote on an answer (one per voter and answer). */
  recordVote(vote: VoteInput): Promise<Vote>;
  /** Adds why to an existing down vote; null when that voter has no down vote on it. */
  setVoteReason(answerId: string, voterId: string, reason: VoteReason, comment?: string | null): Promise<Vote | null>;
  getVote(answerId: string, voterId: string): Promise<Vote | null>;
  countVotes(answerId: string): Promise<VoteCounts>;

  logQuestion(entry: QuestionLogEntry): Promise<void>;
  getQuestion(answerId: string): Promise<LoggedQuestion | null>;
  questionStats(period?: Period): Promise<QuestionStats>;
  /** Most asked first. */
  mostAskedQuestions(query?: ReportQuery): Promise<AskedQuestion[]>;
  /** The questions that found nothing ("coverage gaps"), most asked first. */
  unansweredQuestions(query?: ReportQuery): Promise<AskedQuestion[]>;
  /** Answers with down votes, worst (most down net of up) first. */
  worstRatedAnswers(query?: ReportQuery): Promise<RatedAnswer[]>;
  /** Votes by the best paragraph of the answer voted on, most down votes first. */
  votesByParagraph(query?: ReportQuery): Promise<ParagraphVotes[]>;
  /** Questions and answered ones per UTC day, oldest first; days without questions are left out. */
  questionsByDay(period?: Period): Promise<DayCount[]>;
  /**
   * Answers that found something but whose best passage scored under `share` of the
   * period's median best score, grouped by normalised wording, weakest first. Scores are
   * only comparable within one index, so the bar is relative to the period's own answers.
   */
  lowConfidenceAnswers(query?: LowConfidenceQuery): Promise<LowConfidenceReport>;
  /** Deletes questions asked, and votes cast, before `before`; returns the questions deleted. */
  pruneQuestionLog(before: number): Promise<number>;

  /** Every setting stored for a server (defaults are the caller's). */
  getGuildSettings(guildId: string): Promise<Record<string, JsonValue>>;
  setGuildSetting(guildId: string, key: string, value: JsonValue): Promise<void>;
  /** Back to the caller's default. */
  deleteGuildSetting(guildId: string, key: string): Promise<void>;

  /**
   * Token bucket shared by every process on the database: 0 when the use may go ahead
   * (and spends a token), else whole seconds to wait. Same rule as the in-memory cooldown.
   */
  takeCooldown(bucketKey: string, rule: CooldownRule): Promise<number>;
  /** Forgets buckets that have refilled completely; returns how many. */
  pruneCooldowns(): Promise<number>;

  close(): Promise<void>;
}
