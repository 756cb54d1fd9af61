import type { Answer, AnswerPassage } from '../answer/answer.js';
import { formatCitation } from '../answer/citation.js';
import { excerptAround, joinExcerpt } from './fit.js';

/**
 * Plain-text rendering of an answer, for the terminal and for the `answer` field of
 * `ask --json`. `mark` wraps the best sentence (ANSI bold on a terminal, nothing in JSON).
 */
export interface TextStyle {
  mark: (s: string) => string;
  dim: (s: string) => string;
}

export const PLAIN: TextStyle = { mark: (s) => s, dim: (s) => s };
export const ANSI: TextStyle = { mark: (s) => `\x1b[1m${s}\x1b[22m`, dim: (s) => `\x1b[2m${s}\x1b[22m` };

/**
 * How much of a passage the terminal shows around its best sentence: paragraphs run to
 * 5,000 characters, and a screenful of them buries the answer. `npm run ask -- --full`
 * prints them whole.
 */
export const TERMINAL_QUOTE_CHARS = 700;

/**
 * The passage with its best sentence marked; longer than `maxChars`, only the best
 * sentence and the whole neighbouring sentences that fit, "…" marking the rest.
 */
export function quoteText(text: string, highlight: { start: number; end: number } | undefined, mark: (s: string) => string, maxChars = Infinity): string {
  if (text.length > maxChars) return joinExcerpt(excerptAround(text, highlight, maxChars), highlight ? mark : (s) => s);
  if (!highlight) return text;
  return text.slice(0, highlight.start) + mark(text.slice(highlight.start, highlight.end)) + text.slice(highlight.end);
}

export function renderPassageText(p: AnswerPassage, style: TextStyle, n?: number, maxChars = Infinity): string {
  const label = n === undefined ? '' : `[${n}] `;
  return `${label}“${quoteText(p.text, p.highlight, style.mark, maxChars)}”\n    — ${style.dim(formatCitation(p.citation))}`;
}

/** Lead lines carry Markdown bold around values: the style decides what it becomes. */
export function renderLeadText(lines: string[], style: TextStyle): string {
  return lines.map((l) => l.replace(/\*\*(.+?)\*\*/g, (_, v: string) => style.mark(v))).join('\n');
}

/** `quoteChars`: passage characters shown around each best sentence (whole passages by default). */
export function renderAnswerText(answer: Answer, style: TextStyle = PLAIN, quoteChars = Infinity): string {
  if (answer.status !== 'answered') return answer.message ?? '';
  const blocks = answer.lead.length ? [renderLeadText(answer.lead, style)] : [];
  blocks.push(...answer.passages.map((p, i) => renderPassageText(p, style, i + 1, quoteChars)));
  return blocks.join('\n\n');
}
