import type { Answer } from '../answer/answer.js';
import { pooledRandomBytes } from '../random.js';
import type { JsonValue, PassageHit } from '../store/types.js';

/**
 * What an answer was, for the question log and the votes on it: transport-neutral, built
 * by the command (or message path) that answered, written by the front-end once the reply
 * has been sent.
 */
export interface AnswerRecord {
  /** The id the answer's 👍/👎 buttons carry; votes refer to it. */
  answerId: string;
  /** As typed. */
  question: string;
  /** The question as understood in context, when it differs from what was typed. */
  resolvedQuestion: string | null;
  passages: PassageHit[];
  found: boolean;
  figures: JsonValue[];
}

/** 12 url-safe characters (72 random bits): short enough to sit in a button's custom id. */
export function newAnswerId(): string {
  return pooledRandomBytes(9).toString('base64url');
}

export const ANSWER_ID = /^[A-Za-z0-9_-]{6,40}$/;

export function answerRecord(answerId: string, asked: string, answer: Answer, resolved?: string): AnswerRecord {
  const understood = resolved?.replace(/\s+/g, ' ').trim() ?? '';
  return {
    answerId,
    question: asked,
    resolvedQuestion: understood && understood.toLowerCase() !== asked.replace(/\s+/g, ' ').trim().toLowerCase() ? understood : null,
    passages: answer.passages.map((p) => ({ paragraphId: p.paragraphId, score: Number.isFinite(p.score) ? p.score : 0 })),
    found: answer.status === 'answered',
    // The sentence is in the corpus already; the log keeps what identifies the figure.
    figures: answer.figures.map((f) => ({ value: f.value, unit: f.unit, measure: f.measure, year: f.year, source: f.source })),
  };
}
