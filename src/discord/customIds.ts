import { ANSWER_ID } from '../feedback/record.js';
import { VOTE_REASONS, type VoteReason } from '../store/types.js';
import { LIMITS } from './limits.js';

/**
 * Button and menu ids carry their own state, so they keep working after a restart:
 *   `s1:more:<offset>[:<question>]`  next passages of the question (the question is read
 *                                    from the message's title when it does not fit here)
 *   `s1:share`                       post this private answer publicly
 *   `s1:open`                        a select menu whose values are paragraph ids
 *   `s1:vote:<up|down>:<answer id>`  👍 / 👎 on an answer
 *   `s1:why:<answer id>`             after a 👎: a select menu of what was wrong
 *   `s1:note:<answer id>:<reason>`   a button (and its modal) for a comment on that 👎
 * `s1` is the format version: ids from another version are refused as expired.
 */

const VERSION = 's1';

export type ParsedCustomId =
  | { kind: 'more'; offset: number; question: string | null }
  | { kind: 'share' }
  | { kind: 'open' }
  | { kind: 'vote'; direction: 'up' | 'down'; answerId: string }
  | { kind: 'why'; answerId: string }
  | { kind: 'note'; answerId: string; reason: VoteReason };

export const customId = {
  more(offset: number, question?: string): string {
    const base = `${VERSION}:more:${offset}`;
    const withQuestion = question ? `${base}:${question}` : base;
    return withQuestion.length <= LIMITS.customId ? withQuestion : base;
  },
  share: () => `${VERSION}:share`,
  open: () => `${VERSION}:open`,
  vote: (direction: 'up' | 'down', answerId: string) => `${VERSION}:vote:${direction}:${answerId}`,
  why: (answerId: string) => `${VERSION}:why:${answerId}`,
  note: (answerId: string, reason: string) => `${VERSION}:note:${answerId}:${reason}`,
};

const isReason = (r: string | undefined): r is VoteReason => (VOTE_REASONS as readonly string[]).includes(r ?? '');

/** Null for anything not made by this version of the bot (stale or forged). */
export function parseCustomId(id: string): ParsedCustomId | null {
  if (typeof id !== 'string' || id.length > LIMITS.customId) return null;
  const [version, kind, ...rest] = id.split(':');
  if (version !== VERSION) return null;
  switch (kind) {
    case 'more': {
      const offset = Number(rest[0]);
      if (!Number.isInteger(offset) || offset < 0 || offset > 100) return null;
      const question = rest.slice(1).join(':');
      return { kind: 'more', offset, question: question || null };
    }
    case 'share':
      return rest.length === 0 ? { kind: 'share' } : null;
    case 'open':
      return rest.length === 0 ? { kind: 'open' } : null;
    case 'vote': {
      const [direction, answerId] = rest;
      if ((direction !== 'up' && direction !== 'down') || rest.length !== 2 || !ANSWER_ID.test(answerId ?? '')) return null;
      return { kind: 'vote', direction, answerId: answerId! };
    }
    case 'why':
      return rest.length === 1 && ANSWER_ID.test(rest[0]!) ? { kind: 'why', answerId: rest[0]! } : null;
    case 'note': {
      const [answerId, reason] = rest;
      return rest.length === 2 && ANSWER_ID.test(answerId ?? '') && isReason(reason) ? { kind: 'note', answerId: answerId!, reason } : null;
    }
    default:
      return null;
  }
}
