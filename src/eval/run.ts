import { answerQuestion } from '../answer/answer.js';
import type { Engine } from '../engine.js';
import { renderAnswerText } from '../render/text.js';
import { figureAnswered, goldRank, summarize, type EvalQuestion, type EvalSummary } from './score.js';

/** Asks every question the way a user would (`answerQuestion`) and scores the replies. */
export function runEval(engine: Engine, questions: EvalQuestion[]): EvalSummary {
  const outcomes = questions.map((question) => {
    const answer = answerQuestion(engine, question.q, { limit: 5 });
    if (question.kind === 'figure') {
      const answered = figureAnswered(renderAnswerText(answer), question.all ?? []);
      return { question, rank: answered ? 1 : null, answered, top: answer.passages[0]?.paragraphId ?? null };
    }
    const rank = goldRank(answer.passages.map((p) => p.text), question.gold ?? []);
    return { question, rank, answered: rank === 1, top: answer.passages[0]?.paragraphId ?? null };
  });
  return summarize(outcomes);
}
