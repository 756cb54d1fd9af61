/**
 * What a conversation remembers between turns, and where it is kept. Transport-neutral:
 * Discord maps a reply chain, thread or DM channel to a key, the console and
 * `ask --session` a stream of lines. The state is plain JSON so any store can keep it.
 */

/** How a turn was read in its context (see resolve.ts). */
export type TurnKind =
  /** A question that stands on its own. */
  | 'standalone'
  /** "and Kyrgyzstan?", "and in 2016?", "the other way round?": the previous frame, changed. */
  | 'ellipsis'
  /** Pronouns or a missing subject filled in from the turns before. */
  | 'contextual'
  /** "why?", "any examples?": support for the previous answer. */
  | 'support'
  /** "explain the first one", "the second barrier": an item of a list shown before. */
  | 'ordinal'
  /** "who said that?", "what's the source?": the previous answer's citation. */
  | 'source'
  /** "more", "next": the previous answer's next passages. */
  | 'more'
  /** "go on", "continue": the text after the passage shown, read on. */
  | 'readOn';

export interface TurnRecord {
  /** The turn as typed (after sanitising). */
  asked: string;
  /** The question as understood, frame and context included: what was searched. */
  resolved: string;
  /** The question without the context words appended: what later elliptical turns change. */
  frame: string;
  kind: TurnKind;
  /** Document the turn was restricted to, if any (named in it or carried from before). */
  documentId: string | null;
  /** Passages shown, best first. */
  paragraphIds: string[];
  /** Best sentence of each shown passage (cut to SENTENCE_CHARS), to resolve "that", lists and "he". */
  sentences: string[];
  /** Offset of the first passage shown (paging with "more"). */
  offset: number;
  /** The list an ordinal turn picked its item from: "and the third?" next picks from it again. */
  list?: PickedList;
  /** A person the answer made salient ("who said that?" → Radchenko), for "he"/"she". */
  person: string | null;
  /** Answered from each source apart ("what do both articles say about Russia?"): so is "and China?" next. */
  perDocument?: boolean;
  at: number;
}

/** A list shown in an answer ("three primary barriers …: A, B and C") and where it was read. */
export interface PickedList {
  head: string;
  items: string[];
  sequence?: boolean;
  paragraphId: string | null;
  /** The item picked, 1-based: "and the next one?" is the one after it. */
  position?: number;
}

export interface ConversationState {
  version: 1;
  turns: TurnRecord[];
}

export const CONVERSATION_LIMITS = {
  /** Turns kept per conversation: enough for "the second barrier" three turns later. */
  turnsKept: 8,
  /** Conversations kept in memory (least recently used dropped first). */
  conversationsKept: 5000,
  /** A conversation idle this long starts afresh. */
  idleMs: 2 * 60 * 60 * 1000,
  /** Characters kept of each remembered sentence. */
  sentenceChars: 600,
  /** Characters kept of a remembered question. */
  questionChars: 1200,
} as const;

export function emptyConversation(): ConversationState {
  return { version: 1, turns: [] };
}

/** The state with one more turn, bounded. */
export function withTurn(state: ConversationState, turn: TurnRecord): ConversationState {
  const bounded: TurnRecord = {
    ...turn,
    asked: turn.asked.slice(0, CONVERSATION_LIMITS.questionChars),
    resolved: turn.resolved.slice(0, CONVERSATION_LIMITS.questionChars),
    frame: turn.frame.slice(0, CONVERSATION_LIMITS.questionChars),
    paragraphIds: turn.paragraphIds.slice(0, 5),
    sentences: turn.sentences.slice(0, 3).map(cutAtWord),
    ...(turn.list
      ? { list: { ...turn.list, head: cutAtWord(turn.list.head), items: turn.list.items.slice(0, 8).map(cutAtWord) } }
      : {}),
  };
  return { version: 1, turns: [...state.turns, bounded].slice(-CONVERSATION_LIMITS.turnsKept) };
}

function cutAtWord(s: string): string {
  if (s.length <= CONVERSATION_LIMITS.sentenceChars) return s;
  const cut = s.slice(0, CONVERSATION_LIMITS.sentenceChars);
  return cut.slice(0, Math.max(cut.lastIndexOf(' '), 1));
}

/** A stored value that is not a state we wrote (another version, damage) is treated as none. */
export function isConversationState(x: unknown): x is ConversationState {
  if (typeof x !== 'object' || x === null) return false;
  const s = x as Partial<ConversationState>;
  return s.version === 1 && Array.isArray(s.turns) && s.turns.every((t) => typeof t?.resolved === 'string' && typeof t.frame === 'string');
}

/**
 * Where conversations are kept. Async so a database can stand behind it (the store of the
 * issue "What lasts"); the in-memory one below is the default.
 */
export interface ConversationStore {
  get(key: string): Promise<ConversationState | null>;
  set(key: string, state: ConversationState): Promise<void>;
  delete(key: string): Promise<void>;
}

/** Bounded in memory: least recently used dropped past `max`, idle ones expire. */
export class MemoryConversationStore implements ConversationStore {
  private readonly entries = new Map<string, { state: ConversationState; touched: number }>();

  constructor(
    private readonly max: number = CONVERSATION_LIMITS.conversationsKept,
    private readonly idleMs: number = CONVERSATION_LIMITS.idleMs,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  async get(key: string): Promise<ConversationState | null> {
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (this.now() - entry.touched > this.idleMs) {
      this.entries.delete(key);
      return null;
    }
    return entry.state;
  }

  async set(key: string, state: ConversationState): Promise<void> {
    this.entries.delete(key); // re-inserted last: Map order is recency
    this.entries.set(key, { state, touched: this.now() });
    while (this.entries.size > this.max) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  async delete(key: string): Promise<void> {
    this.entries.delete(key);
  }
}
