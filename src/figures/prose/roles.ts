/**
 * Who sends and who receives in a clause: the role each country mention plays, read from
 * the word before it ("from Kazakhstan", "to Mongolia", "in Kazakhstan's") and after it
 * ("Kazakhstan exported", "Mongolia's exports"). Prepositions and word order, no facts.
 */
import type { CountryMention } from '../countries.js';
import type { Span } from './sentences.js';

export interface Flow {
  from: string;
  to: string;
}

export interface RoledMention extends CountryMention {
  /** `from` = origin, `to` = destination, `in` = location or visit target. */
  preposition: 'from' | 'to' | 'in' | null;
  /** Subject of a trade or movement verb right after it ("Mongolia only exported"). */
  subject: boolean;
  /** Possessive ("Mongolia's exports", "Kazakhstan's higher learning institutions"). */
  possessive: boolean;
  /**
   * Names people of that country: "Mongolians", "ethnic Kazakhs", "Mongolian citizens" —
   * not "Mongolian parliament" nor "non-Russian speakers".
   */
  people: boolean;
}

const BEFORE: [RegExp, RoledMention['preposition']][] = [
  [/\b(?:from|citizens of|nationals of|residents of|people of)\s+(?:the\s+)?$/i, 'from'],
  [/\b(?:to|into|towards?)\s+(?:the\s+)?$/i, 'to'],
  [/\b(?:in|inside|within|visited|visiting|visit|at)\s+(?:the\s+)?$/i, 'in'],
];
const SUBJECT_VERB =
  /^\s+(?:(?:only|also|then|first|still|currently|has|have|had|was|were|mainly|mostly)\s+)*(?:export|import|invest|visit|sen[dt]|s[eo]ld|sell|buy|bought|ship)\w*/i;

const PEOPLE_NOUN_AFTER = /^\s+(?:citizens|nationals|people|students|tourists|visitors|workers|migrants|residents|travell?ers|pilgrims)\b/i;

export function roleMentions(masked: string, clause: Span, mentions: readonly CountryMention[]): RoledMention[] {
  return mentions
    .filter((m) => m.start >= clause.start && m.end <= clause.end)
    // "non-Russian speakers" are not about Russia.
    .filter((m) => !/non-$/i.test(masked.slice(Math.max(0, m.start - 4), m.start)))
    .map((m) => {
      const before = masked.slice(Math.max(clause.start, m.start - 30), m.start);
      const after = masked.slice(m.end, Math.min(clause.end, m.end + 40));
      return {
        ...m,
        preposition: BEFORE.find(([re]) => re.test(before))?.[1] ?? null,
        subject: SUBJECT_VERB.test(after),
        possessive: /^['’]s\b/.test(after),
        people:
          m.kind === 'demonym' &&
          (/s$/.test(masked.slice(m.start, m.end)) || PEOPLE_NOUN_AFTER.test(after)),
      };
    });
}

/** Known sides of a money flow, from the clause alone (either may be missing). */
export interface PartialFlow {
  from: string | null;
  to: string | null;
}

/**
 * Exporter and importer of an amount near an "export(ed)" or "import(s)" word: exporter is
 * "from X" or the subject of "exported" or "X's exports"; importer is the first "to X" after
 * the amount, else after the verb. For imports the subject is the importer.
 */
export function tradeFlow(verb: Span & { canonical: string }, amount: Span, mentions: readonly RoledMention[]): PartialFlow {
  const nearest = (list: RoledMention[]) =>
    list.sort((a, b) => Math.abs(a.start - amount.start) - Math.abs(b.start - amount.start))[0]?.country ?? null;
  const fromMention = nearest(mentions.filter((m) => m.preposition === 'from'));
  const actor = mentions.filter((m) => (m.subject || m.possessive) && m.end <= verb.start).at(-1)?.country ?? null;
  const toMention =
    mentions.find((m) => m.preposition === 'to' && m.start >= amount.end)?.country ??
    mentions.find((m) => m.preposition === 'to' && m.start >= verb.end)?.country ??
    null;
  if (verb.canonical === 'imports') return { from: fromMention, to: actor ?? toMention };
  return { from: fromMention ?? actor, to: toMention };
}

/**
 * Origin and destination of people or investment: origin is "from X", else the nationality
 * next to the number ("Mongolian students"); destination prefers "to X", then "in X" /
 * "visited X" after the number. Both must be found, and differ, to make a flow.
 */
export function movementFlow(amount: Span, mentions: readonly RoledMention[], text = ''): Flow | null {
  const byDistance = (list: RoledMention[]) => list.sort((a, b) => Math.abs(a.start - amount.start) - Math.abs(b.start - amount.start));
  const after = mentions.filter((m) => m.start >= amount.end);
  const to =
    after.find((m) => m.preposition === 'to') ??
    after.find((m) => m.preposition === 'in') ??
    mentions.find((m) => m.preposition === 'to' || m.preposition === 'in');
  if (!to) return null;
  let from =
    byDistance(mentions.filter((m) => m.preposition === 'from'))[0] ??
    byDistance(mentions.filter((m) => m.people && m !== to))[0] ??
    // "one visit from the chairman of the State Great Khural of Mongolia to Kyrgyzstan": whose
    // the travellers are, between "from" and the destination.
    mentions.find((m) => m.start >= amount.end && m.end <= to.start && /\bfrom\b/i.test(text.slice(amount.end, m.start)));
  // "60,000 ethnic Kazakhs living in Mongolia returned to Kazakhstan": the people's name is
  // the destination, so they set out from where they were living.
  if (from && from.country === to.country) from = mentions.find((m) => m.preposition === 'in' && m.country !== to.country);
  return from && from.country !== to.country ? { from: from.country, to: to.country } : null;
}
