import { normalizeQuestion } from '../store/sqlStore.js';

/**
 * Questions grouped by similar wording, for the report's coverage gaps: "What is the BRI?",
 * "what's the BRI" and "BRI — what is it?" are one gap, not three. The store already folds
 * case, punctuation and spacing; here the content words are compared as sets (common
 * words left out, plurals folded), and a question joins the first, most asked, group whose
 * words it shares enough of (Jaccard similarity ≥ `threshold`). Deterministic: the same
 * input always gives the same groups, in the same order.
 */

const STOPWORDS = new Set(
  (
    'a an the of in on at to for from by with about into over under and or but not no is are was were be been being do does did ' +
    'has have had what whats which who whom whose when where why how it its this that these those there their they them he she his her ' +
    'i me my we our you your s t can could would should will shall may might must any some much many more most than then so as if tell ' +
    'please know say says said'
  ).split(' '),
);

/** The content words of a question: lower case, no common words, plural "s" folded. */
export function contentWords(question: string): Set<string> {
  const words = new Set<string>();
  for (const word of normalizeQuestion(question).split(' ')) {
    if (!word || STOPWORDS.has(word)) continue;
    words.add(word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word);
  }
  return words;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return shared / (a.size + b.size - shared);
}

export interface WordingGroup<T> {
  /** The group's most asked wording (the first seen on a tie). */
  question: string;
  /** Sum of the members' weights (how many times the group was asked). */
  count: number;
  /** The other wordings, most asked first. */
  variants: string[];
  members: T[];
}

export const SIMILAR_WORDING = 0.6;

export function groupBySimilarWording<T>(items: readonly T[], text: (item: T) => string, weight: (item: T) => number, threshold = SIMILAR_WORDING): Array<WordingGroup<T>> {
  const sorted = items.map((item, i) => ({ item, i, w: weight(item) })).sort((a, b) => b.w - a.w || a.i - b.i);
  const groups: Array<WordingGroup<T> & { words: Set<string>; exact: string }> = [];
  for (const { item, w } of sorted) {
    const words = contentWords(text(item));
    const exact = normalizeQuestion(text(item));
    // Questions with no content word ("what is it?") only group with the same wording.
    const home = groups.find((g) => (words.size === 0 || g.words.size === 0 ? g.exact === exact : jaccard(g.words, words) >= threshold));
    if (home) {
      home.count += w;
      home.members.push(item);
      if (text(item) !== home.question && !home.variants.includes(text(item))) home.variants.push(text(item));
    } else {
      groups.push({ question: text(item), count: w, variants: [], members: [item], words, exact });
    }
  }
  return groups
    .map(({ question, count, variants, members }) => ({ question, count, variants, members }))
    .sort((a, b) => b.count - a.count);
}
