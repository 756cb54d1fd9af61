import { LIMITS } from './limits.js';

/**
 * Button and menu ids carry their own state, so they keep working after a restart:
 *   `s1:more:<offset>[:<question>]`  next passages of the question (the question is read
 *                                    from the message's title when it does not fit here)
 *   `s1:share`                       post this private answer publicly
 *   `s1:open`                        a select menu whose values are paragraph ids
 * `s1` is the format version: ids from another version are refused as expired.
 */

const VERSION = 's1';

export type ParsedCustomId =
  | { kind: 'more'; offset: number; question: string | null }
  | { kind: 'share' }
  | { kind: 'open' };

export const customId = {
  more(offset: number, question?: string): string {
    const base = `${VERSION}:more:${offset}`;
    const withQuestion = question ? `${base}:${question}` : base;
    return withQuestion.length <= LIMITS.customId ? withQuestion : base;
  },
  share: () => `${VERSION}:share`,
  open: () => `${VERSION}:open`,
};

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
    default:
      return null;
  }
}
