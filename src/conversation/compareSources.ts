import { answerQuestion, type Answer } from '../answer/answer.js';
import { findDocumentMentions, withoutMentions } from '../answer/documentMention.js';
import type { Engine } from '../engine.js';
import { analyzeQuestion } from '../search/question.js';
import { analyzePassage } from '../search/rank.js';

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
  // "do they agree?" after "what does Miliate say about China?": China, asked of every source —
  // the document the question named is one side of the comparison, not the only place to look.
  const asked = withoutNamedSources(engine, question);
  const answer = answerQuestion(engine, asked, { limit: SEARCHED });
  if (answer.status !== 'answered' || answer.passages.length === 0) return answer;
  // A second source speaks to it only when its passage reads one of the question's words:
  // the word itself, or two of the words it stands for (the op-ed's "initially perplexing"
  // shares a stem with "Belt and Road Initiative" and says nothing of the BRI).
  // (The passage's terms as the index analysed them: no second search.)
  const speaksToIt = speaksTo(engine, asked);
  const seen = new Set<string>();
  const passages = answer.passages
    .filter((p, i) => !seen.has(p.citation.documentId) && (i === 0 || speaksToIt(p.paragraphId)) && (seen.add(p.citation.documentId), true))
    .slice(0, Math.max(2, limit));
  return { ...answer, passages, lead: [...(options.judged ? [NOT_JUDGED] : []), ...answer.lead, sideBySideLead(passages)] };
}

/** The question less the documents it names as sources ("the op-ed", "Miliate"); what a document presents ("S2ORC") stays. */
function withoutNamedSources(engine: Engine, question: string): string {
  const named = findDocumentMentions(engine.corpus, question).filter((m) => !m.subject);
  return named.length ? withoutMentions(question, named).replace(/\s+/g, ' ').trim() : question;
}

/** Whether a passage reads one of the question's words, or two of the words one stands for (see answerPerDocument). */
function speaksTo(engine: Engine, question: string): (paragraphId: string) => boolean {
  const groups = engine.index.termGroups(analyzeQuestion(question));
  return (paragraphId) => {
    const paragraph = engine.corpus.paragraphsById.get(paragraphId);
    const terms = paragraph ? analyzePassage(paragraph).terms : null;
    return !!terms && groups.some((g) => [...g.variants].some(([t, w]) => w >= 1 && terms.has(t)) || [...g.variants.keys()].filter((t) => terms.has(t)).length >= 2);
  };
}

function sideBySideLead(passages: Answer['passages']): string {
  const names = passages.map((p) => `${p.citation.author} (${p.citation.year})`);
  return passages.length === 1
    ? `Only ${names[0]} speaks to this; no other source in the corpus does.`
    : `What each source says on this, side by side: ${names.map((n, i) => `${n} [${i + 1}]`).join(', ')}.`;
}

/** One question for each of two documents ("what is SPECTER?" of its paper, "what is S2ORC?" of its): the best passage of each, side by side. */
export interface SideBySide {
  documentId: string;
  question: string;
}

/**
 * "compare it with s2orc" after "what is specter?": the question before asked of its document,
 * and of the document compared with (of what that one presents, where the question named what
 * the first presents), each one's best passage, side by side.
 */
export function answerSideBySide(engine: Engine, sides: readonly SideBySide[]): Answer {
  const answers = sides.map((side) => answerQuestion(engine, side.question, { limit: 1, documentId: side.documentId }));
  // (A side whose best passage reads none of its question's words does not speak to it: "Only … speaks to this".)
  // (Its words less the document it names: "what does the op-ed say about the sco?" asks for the SCO.)
  const passages = answers.flatMap((a, i) => (a.status === 'answered' ? a.passages.slice(0, 1).filter((p) => speaksTo(engine, withoutNamedSources(engine, sides[i]!.question))(p.paragraphId)) : []));
  const first = answers.find((a) => a.status === 'answered') ?? answers[0]!;
  if (passages.length === 0) return first;
  return { ...first, query: [...new Set(sides.map((s) => s.question))].join(' / '), passages, lead: [sideBySideLead(passages)], figures: [] };
}
