import { answerQuestion } from '../answer/answer.js';
import type { Engine } from '../engine.js';
import { renderAnswerText } from '../render/text.js';
import type { Answer } from '../answer/answer.js';
import { figureAnswered, goldRank, summarize, type EvalOutcome, type EvalQuestion, type EvalSummary } from './score.js';

/**
 * Scores one reply against its question: a figure question by the reply's text, a passage
 * question by the rank of the first passage holding a gold string. Shared by every kind
 * of question file (a conversation's turns are scored one by one the same way).
 */
export function scoreAnswer(question: EvalQuestion, answer: Answer): EvalOutcome {
  const top = answer.passages[0]?.paragraphId ?? null;
  if (question.kind === 'figure') {
    const answered = figureAnswered(renderAnswerText(answer), question.all ?? []);
    return { question, rank: answered ? 1 : null, answered, top };
  }
  const rank = goldRank(answer.passages.map((p) => p.text), question.gold ?? []);
  return { question, rank, answered: rank === 1, top };
}

/** Asks every question the way a user would (`answerQuestion`) and scores the replies. */
export function runEval(engine: Engine, questions: EvalQuestion[]): EvalSummary {
  return summarize(questions.map((question) => scoreAnswer(question, answerQuestion(engine, question.q, { limit: 5 }))));
}
