import type { Engine } from '../engine.js';
import { checkQuestion, MAX_QUESTION_LENGTH, type QuestionProblem } from '../search/question.js';
import { citeParagraph, type Citation } from './citation.js';
import { answerFigures, type FigureFact } from './figures.js';
import { classifyQuestion } from '../search/question.js';

/** A passage as an answer shows it: whole text, its best sentence, where it comes from. */
export interface AnswerPassage {
  paragraphId: string;
  text: string;
  /** Character range of the best sentence within `text`. */
  highlight: { start: number; end: number };
  citation: Citation;
  score: number;
}

export type AnswerStatus = 'answered' | 'no-match' | 'invalid';

export interface Answer {
  query: string;
  status: AnswerStatus;
  /** For `invalid` and `no-match`: what to tell the reader. */
  message: string | null;
  passages: AnswerPassage[];
  /** "Did you mean" words from the corpus, for misspelled or unknown words. */
  suggestions: string[];
  /** For numeric questions: the direct first line(s), values in Markdown bold. */
  lead: string[];
  /** For numeric questions: the figures behind the lead. */
  figures: FigureFact[];
}

/** Below this share of the question found in the best passage, we say we found nothing. */
const MIN_COVERAGE = 0.2;

const PROBLEM_MESSAGES: Record<QuestionProblem, string> = {
  empty: 'Ask a question, e.g. “Why are Mongolia–Kazakhstan relations so weak?”',
  'too-long': `That question is too long: keep it under ${MAX_QUESTION_LENGTH} characters.`,
  'no-terms': 'That question has no words to search for (only very common words). Add a topic, a country or a name.',
};

export interface AnswerOptions {
  limit?: number;
  /** Skip this many passages (the "More" button). */
  offset?: number;
  documentId?: string;
}

export function answerQuestion(engine: Engine, query: string, options: AnswerOptions = {}): Answer {
  const problem = checkQuestion(query);
  if (problem) {
    return { query, status: 'invalid', message: PROBLEM_MESSAGES[problem], passages: [], suggestions: [], lead: [], figures: [] };
  }
  const limit = options.limit ?? 5;
  const offset = options.offset ?? 0;
  const result = engine.index.query(query, { limit: offset + limit, documentId: options.documentId });
  const relevant = result.passages.filter((p) => p.coverage >= MIN_COVERAGE);
  // Figures lead only the first page of an answer (not the More pages).
  const numeric = offset === 0 ? answerFigures(engine.corpus, engine.figures, engine.index, query, classifyQuestion(query)) : null;
  const lead = numeric?.lines ?? [];
  const figures = numeric?.figures ?? [];
  if (relevant.length === 0 && lead.length === 0) {
    const hint = result.suggestions.length ? ` Did you mean: ${result.suggestions.join(', ')}?` : '';
    return {
      query,
      status: 'no-match',
      message: `Nothing in the corpus matches that question.${hint}`,
      passages: [],
      suggestions: result.suggestions,
      lead,
      figures,
    };
  }
  return {
    query,
    status: 'answered',
    message: null,
    passages: relevant.slice(offset, offset + limit).map((p) => ({
      paragraphId: p.paragraph.id,
      text: p.paragraph.text,
      highlight: { start: p.bestSentence.start, end: p.bestSentence.end },
      citation: citeParagraph(engine.corpus, p.paragraph),
      score: Math.round(p.score * 1000) / 1000,
    })),
    suggestions: result.suggestions,
    lead,
    figures,
  };
}
