import { analyze } from '../search/analyzer.js';

/**
 * "is the policy even working?" two turns after "what is mongolia's 'third neighbor' policy":
 * a noun with "the" that a recent turn of the user's named with words before it is that thing,
 * said short (the user's words: a list item an answer gave is not what they call it).
 * Searched short, "the policy" is any policy of any country; given back its words, it is the
 * one talked about. Only a compound named before: "the policy" after "a policy of neutrality"
 * (the words after it) is left as it is.
 */
export function withDefiniteExpanded(text: string, recentAsked: readonly string[]): string {
  if (recentAsked.length === 0) return text;
  const said = new Set(analyze(text));
  return text.replace(DEFINITE, (whole: string, noun: string) => {
    if (NOT_EXPANDED.has(noun.toLowerCase())) return whole;
    // (A name is not said short: "the Semantic Scholar literature graph" is no "Semantic" named before.)
    if (/^\p{Lu}/u.test(noun)) return whole;
    for (const asked of recentAsked) {
      const words = compoundBefore(asked, noun);
      if (words && !analyze(words).some((t) => said.has(t))) return `the ${words} ${noun}`;
    }
    return whole;
  });
}

const DEFINITE = /\bthe\s+(\p{L}[\p{L}-]{3,})\b/giu;

/**
 * Nouns found by other means, or too general to stand for one thing named before: documents
 * and their parts ("the paper", "the table"), the talk itself ("the question", "the point"),
 * and words of amount and time ("the number", "the year").
 */
const NOT_EXPANDED = new Set(
  'paper papers article articles piece pieces op-ed oped study studies author authors writer writers table tables figure figures appendix source sources text document journal question answer point points ones other others same rest first last number numbers year years time times case cases way ways side sides world region country countries government people thing things part parts idea guy one two three four five six seven eight nine ten'.split(' '),
);

/** The one to three content words right before the noun in a turn ("'third neighbor'" of "mongolia's 'third neighbor' policy"), or null. */
function compoundBefore(turn: string, noun: string): string | null {
  const escaped = noun.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(String.raw`((?:[^\s]+\s+){1,3})${escaped}\b`, 'iu').exec(turn);
  if (!m) return null;
  const before = m[1]!.trim().split(/\s+/);
  // From the noun back: content words, up to a function word or a possessive ("mongolia's").
  const kept: string[] = [];
  for (let i = before.length - 1; i >= 0; i--) {
    const w = before[i]!;
    if (/['’]s$/i.test(w) || analyze(w.replace(/^['‘’"“]+|['‘’"”]+$/g, '')).length === 0) break;
    kept.unshift(w);
  }
  return kept.length ? kept.join(' ') : null;
}
