import type { Answer } from '../answer/answer.js';
import type { FigureFact } from '../answer/figures.js';
import { renderAnswerText } from './text.js';

/** The line format of `ask --json`, exactly as documented in the README. */
export interface AnswerJson {
  query: string;
  answer: string;
  results: Array<{
    text: string;
    document: string;
    section: string | null;
    paragraph: string;
    page: number | null;
    score: number;
  }>;
  /** Only for numeric answers: the figures behind the direct first line of `answer`. */
  figures?: FigureFact[];
}

export function renderAnswerJson(answer: Answer): AnswerJson {
  const json: AnswerJson = {
    query: answer.query,
    answer: renderAnswerText(answer),
    results: answer.passages.map((p) => ({
      text: p.text,
      document: p.citation.documentId,
      section: p.citation.section,
      paragraph: p.paragraphId,
      page: p.citation.page,
      score: p.score,
    })),
  };
  if (answer.figures.length) json.figures = answer.figures;
  return json;
}
