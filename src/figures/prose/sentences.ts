/**
 * Sentences and clauses of a paragraph, located by offsets into a *masked* copy of the text:
 * in-text citations and footnote markers are blanked with spaces of the same length, so
 * `(Soni 1996, p. 177)` neither ends a sentence at `p.` nor reads as a year or a number,
 * and every offset still points into the original text.
 */

export interface Span {
  start: number;
  end: number;
}

/** A parenthesis holding a year and no figure is a citation: `(Enkh-Orgil 2017)`, `(ibid)`. */
const PARENTHESIS = /\(([^()]*)\)/g;
const CITATION_YEAR = /\b(1[5-9]\d\d|20\d\d)[a-z]?\b/;
const FIGURE_SIGN = /[$%]|\b(?:million|billion|thousand|percent)\b/i;
const FOOTNOTE_MARKERS = /[¹²³⁴⁵⁶⁷⁸⁹⁰]+/g;

export function maskCitations(text: string): string {
  const blank = (s: string) => ' '.repeat(s.length);
  return text
    .replace(PARENTHESIS, (whole, inner: string) => {
      const citation =
        (CITATION_YEAR.test(inner) && /^\s*[\p{Lu}*_"“]/u.test(inner) && !FIGURE_SIGN.test(inner)) ||
        /^\s*[*_]?(ibid|op\. cit)/i.test(inner);
      return citation ? blank(whole) : whole;
    })
    .replace(FOOTNOTE_MARKERS, blank);
}

/** Words whose final period does not end a sentence. */
const ABBREVIATION = /(?:\b(?:p|pp|e\.g|i\.e|etc|vs|cf|al|Mr|Mrs|Ms|Dr|St|No|Vol|approx|ca|c|ed|eds)|\b\p{Lu})\.$/iu;

/** Sentence spans of `masked` (a paragraph after `maskCitations`), trimmed. */
export function splitSentences(masked: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  for (const m of masked.matchAll(/[.!?]["”’)]*\s+(?=["“‘(]?[\p{Lu}\d$])/gu)) {
    const stop = m.index + m[0].trimEnd().length;
    const before = masked.slice(start, m.index + 1);
    if (ABBREVIATION.test(before.replace(/["”’)]+$/, ''))) continue;
    spans.push({ start, end: stop });
    start = m.index + m[0].length;
  }
  if (start < masked.length) spans.push({ start, end: masked.length });
  return spans.map((s) => trim(masked, s)).filter((s) => s.end > s.start);
}

/**
 * Clauses of one sentence: split at `;`, `:`, dashes, comparisons ("compared to"), and
 * before contrastive or relative links (`, while`, `, whereas`, `, where`, `, with`), which
 * is where a second figure with other actors usually begins ("Kazakhstan exported … $58.1
 * million, while Mongolia only exported … $7.14 million").
 *
 * A parenthesis is a clause of its own, and is blanked out of the clause around it (see
 * `blankParentheses`), so "a little over US$43 million ($26 million in exports …)" keeps
 * the 43 million with "trade" and the 26 million with "exports".
 */
const CLAUSE_BREAK =
  /[;:]|\s?[—–]\s(?!\d)|—|,?\s(?=(?:while|whereas)\s)|,\s(?=(?:where|with)\s)|,?\s(?=(?:compared (?:to|with)|in comparison (?:to|with)|in contrast to|unlike)\s)/g;

export interface Clause extends Span {
  /** The clause is the inside of a parenthesis: "China (around 1.4 billion)". */
  parenthetical: boolean;
}

const INNER_PARENTHESIS = /\(([^()]*)\)/g;

/** `masked` with the inside of every parenthesis replaced by spaces (same offsets). */
export function blankParentheses(masked: string): string {
  return masked.replace(INNER_PARENTHESIS, (whole) => `(${' '.repeat(whole.length - 2)})`);
}

export function splitClauses(masked: string, sentence: Span): Clause[] {
  const text = masked.slice(sentence.start, sentence.end);
  const clauses: Clause[] = [];
  const split = (local: string, offset: number, parenthetical: boolean) => {
    let start = 0;
    const push = (end: number) => {
      const span = trim(masked, { start: offset + start, end: offset + end });
      if (span.end > span.start && /[\p{L}\d]/u.test(masked.slice(span.start, span.end))) clauses.push({ ...span, parenthetical });
    };
    for (const m of local.matchAll(CLAUSE_BREAK)) {
      push(m.index);
      start = m.index + m[0].length;
    }
    push(local.length);
  };
  split(blankParentheses(text), sentence.start, false);
  for (const m of text.matchAll(INNER_PARENTHESIS)) split(m[1]!, sentence.start + m.index + 1, true);
  return clauses.sort((a, b) => a.start - b.start);
}

function trim(text: string, span: Span): Span {
  let { start, end } = span;
  while (start < end && /[\s,.;:]/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return { start, end };
}
