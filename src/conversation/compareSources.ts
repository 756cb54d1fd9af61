import { answerQuestion, type Answer } from '../answer/answer.js';
import type { Engine } from '../engine.js';

/**
 * "do they agree?", "do the two articles say the same?": the question before, answered from
 * each source apart — the best passage of each document that speaks to it, best document
 * first — so the reader sets them side by side (and, for a figure, the lead that says where
 * the sources' numbers differ). Where only one source speaks to it, the answer says so
 * rather than showing a second passage that does not.
 */

/** Passages searched to find each document's best: enough that a second source's best is among them. */
const SEARCHED = 20;

/** Said before the sources when the reader asked which of them is right. */
export const NOT_JUDGED = 'Steppe quotes its sources and does not judge between them: here is what each says, with its evidence.';

export function answerPerDocument(engine: Engine, question: string, limit: number, options: { judged?: boolean } = {}): Answer {
  // (A numeric question keeps its figures: where the sources give different numbers, the lead says so.)
  const answer = answerQuestion(engine, question, { limit: SEARCHED });
  if (answer.status !== 'answered' || answer.passages.length === 0) return answer;
  const seen = new Set<string>();
  const passages = answer.passages.filter((p) => !seen.has(p.citation.documentId) && (seen.add(p.citation.documentId), true)).slice(0, Math.max(2, limit));
  const names = passages.map((p) => `${p.citation.author} (${p.citation.year})`);
  const lead =
    passages.length === 1
      ? `Only ${names[0]} speaks to this; no other source in the corpus does.`
      : `What each source says on this, side by side: ${names.map((n, i) => `${n} [${i + 1}]`).join(', ')}.`;
  return { ...answer, passages, lead: [...(options.judged ? [NOT_JUDGED] : []), ...answer.lead, lead] };
}
