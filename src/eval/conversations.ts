import type { Answer } from '../answer/answer.js';
import { answerTurn } from '../conversation/converse.js';
import { emptyConversation } from '../conversation/state.js';
import type { Engine } from '../engine.js';
import { renderAnswerText } from '../render/text.js';
import { figureAnswered, goldRank, parseJsonLine } from './score.js';

/**
 * Scoring of conversation files in the format of `shared/eval/dev-conversations.jsonl`:
 * each turn is asked in the conversation of the turns before it (as `ask --session` and
 * Discord do) and scored like a question — `gold` as a passage (right passage first),
 * `all` as a figure (every value in the reply). First turns and follow-ups are counted
 * apart: follow-ups are what context is for.
 */

export interface EvalTurn {
  q: string;
  gold?: string[];
  all?: string[];
}

export interface EvalConversation {
  id: string;
  turns: EvalTurn[];
}

export interface TurnOutcome {
  conversation: string;
  turn: number;
  q: string;
  resolved: string;
  kind: string;
  /** Rank of the gold passage (passage turns) or 1/null (figure turns). */
  rank: number | null;
  answered: boolean;
  top: string | null;
}

export interface ConversationSummary {
  first: { count: number; answered: number };
  followUps: { count: number; answered: number };
  turns: TurnOutcome[];
}

export function isConversationFile(content: string): boolean {
  const first = content.split('\n').find((l) => l.trim());
  if (!first) return false;
  try {
    return Array.isArray((JSON.parse(first) as { turns?: unknown }).turns);
  } catch {
    return false;
  }
}

export function parseConversationFile(content: string): EvalConversation[] {
  return content
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l, i) => {
      const c = parseJsonLine(l, i) as EvalConversation;
      if (!c.id || !Array.isArray(c.turns) || c.turns.some((t) => typeof t.q !== 'string')) throw new Error(`line ${i + 1}: needs "id" and "turns" of {"q", "gold"|"all"}`);
      return c;
    });
}

export function scoreTurn(answer: Answer, turn: EvalTurn): { rank: number | null; answered: boolean } {
  if (turn.all) {
    const answered = figureAnswered(renderAnswerText(answer), turn.all);
    return { rank: answered ? 1 : null, answered };
  }
  const rank = goldRank(answer.passages.map((p) => p.text), turn.gold ?? []);
  return { rank, answered: rank === 1 };
}

export function runConversationEval(engine: Engine, conversations: EvalConversation[]): ConversationSummary {
  const turns: TurnOutcome[] = [];
  for (const c of conversations) {
    let state = emptyConversation();
    c.turns.forEach((t, i) => {
      const result = answerTurn(engine, state, t.q, { limit: 5 });
      state = result.state;
      const { rank, answered } = scoreTurn(result.answer, t);
      turns.push({
        conversation: c.id,
        turn: i + 1,
        q: t.q,
        resolved: result.resolution.resolved,
        kind: result.resolution.kind,
        rank,
        answered,
        top: result.answer.passages[0]?.paragraphId ?? null,
      });
    });
  }
  const count = (first: boolean) => {
    const sel = turns.filter((t) => (t.turn === 1) === first);
    return { count: sel.length, answered: sel.filter((t) => t.answered).length };
  };
  return { first: count(true), followUps: count(false), turns };
}
