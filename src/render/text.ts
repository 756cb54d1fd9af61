import type { Answer, AnswerPassage } from '../answer/answer.js';
import { formatCitation } from '../answer/citation.js';

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

export function markBestSentence(p: AnswerPassage, mark: (s: string) => string): string {
  const { start, end } = p.highlight;
  return p.text.slice(0, start) + mark(p.text.slice(start, end)) + p.text.slice(end);
}

export function renderPassageText(p: AnswerPassage, style: TextStyle, n?: number): string {
  const label = n === undefined ? '' : `[${n}] `;
  return `${label}“${markBestSentence(p, style.mark)}”\n    — ${style.dim(formatCitation(p.citation))}`;
}

/** Lead lines carry Markdown bold around values: the style decides what it becomes. */
export function renderLeadText(lines: string[], style: TextStyle): string {
  return lines.map((l) => l.replace(/\*\*(.+?)\*\*/g, (_, v: string) => style.mark(v))).join('\n');
}

export function renderAnswerText(answer: Answer, style: TextStyle = PLAIN): string {
  if (answer.status !== 'answered') return answer.message ?? '';
  const blocks = answer.lead.length ? [renderLeadText(answer.lead, style)] : [];
  blocks.push(...answer.passages.map((p, i) => renderPassageText(p, style, i + 1)));
  return blocks.join('\n\n');
}
