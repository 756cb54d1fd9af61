/**
 * What a bare number counts, read from the words right after it: people ("250 Mongolian
 * citizens", "113,864 visited"), other things ("25 categories", "just three visits"), or
 * nothing worth reporting ("the two countries", page numbers, article numbers).
 */
import { COUNTRIES } from '../countries.js';
import type { Quantity } from './quantities.js';

export type CountUnit = 'people' | 'count';

const PEOPLE_NOUNS = [
  'people',
  'persons',
  'citizens',
  'nationals',
  'residents',
  'inhabitants',
  'individuals',
  'students',
  'tourists',
  'visitors',
  'travellers',
  'travelers',
  'migrants',
  'workers',
  'refugees',
  'returnees',
  'arrivals',
  'passengers',
  // Plural peoples: "160,000 Kazakhs", "1,494,300 Mongolians".
  ...COUNTRIES.flatMap((c) => c.demonyms.filter((d) => d.endsWith('s'))),
];

/** Up to two modifiers, then a people noun: "Mongolian students", "of tourist arrivals". */
const PEOPLE_AFTER = new RegExp(`^\\s+(?:of\\s+)?(?:[\\p{L}-]+\\s+){0,2}?(?:${PEOPLE_NOUNS.join('|')})\\b`, 'iu');
/** A verb whose subject can only be people: "113,864 visited South Korea", "10,000 have returned". */
const PEOPLE_VERB_AFTER = /^\s+(?:(?:have|has|had|were|was)\s+)?(?:been\s+)?(?:returned|visited|studied|lived|moved|migrated|emigrated|immigrated|arrived|travell?ed|settled|fled)\b/i;
const NOT_COUNTED = new Set(['years', 'months', 'weeks', 'days', 'hours', 'decades', 'centuries', 'times', 'percent', 'and', 'or', 'the', 'than', 'per', 'each']);

export interface CountReading {
  unit: CountUnit;
  /** The counted noun when it names the measure itself ("categories", "visits"). */
  noun: string | null;
}

/** "18.26 births/1,000 population", "142 subscriptions per 100 inhabitants": a rate, not a count of anything. */
const RATE_AFTER = /^\s+(?:[\p{Ll}-]+\s+){0,2}?[\p{Ll}-]+\s*(?:\/\s*\d|per\s+(?:\d|(?:one|a|an|hundred|thousand|capita|head|person|year|month|day)\b))/u;

/**
 * Reads what `q` counts from `after` (the clause text following it). `populationContext`
 * says the sentence talks about population, for "China (around 1.4 billion)".
 */
export function readCount(q: Quantity, after: string, populationContext: boolean): CountReading | null {
  if (RATE_AFTER.test(after)) return null;
  if (PEOPLE_AFTER.test(after) || PEOPLE_VERB_AFTER.test(after)) return { unit: 'people', noun: null };
  if (q.scaled && populationContext && /^\s*$/.test(after)) return { unit: 'people', noun: null };
  // A spelled-out number counts only when hedged ("only five", "just three visits"):
  // otherwise "the two countries" and "one country" would become figures.
  if (q.spelled && !q.qualifier) return null;
  // The counted noun is the first word that can be one ("just one visit from…"), else the
  // second, after an adjective ("25 large trucks").
  const words = /^\s+([\p{Ll}-]+)(?:\s+([\p{Ll}-]+))?/u.exec(after);
  const noun = [words?.[1], words?.[2]].find(
    (w): w is string => w !== undefined && w.length >= 3 && !NOT_COUNTED.has(w) && (q.spelled || w.endsWith('s')),
  );
  return noun ? { unit: 'count', noun: plural(noun) } : null;
}

/** "visit" → "visits", "category" → "categories": one key for "one visit" and "three visits". */
function plural(noun: string): string {
  if (noun.endsWith('s')) return noun;
  return /[^aeiou]y$/.test(noun) ? `${noun.slice(0, -1)}ies` : `${noun}s`;
}
