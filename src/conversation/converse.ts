import { answerQuestion, messageOnly, type Answer } from '../answer/answer.js';
import { MAX_QUESTION_LENGTH } from '../search/question.js';
import { documentById, documentLabel } from '../answer/citation.js';
import { findDocumentMentions } from '../answer/documentMention.js';
import { findMentions } from '../answer/figureQuestion.js';
import { readOnAnswer } from '../answer/readOn.js';
import { socialReply } from '../answer/social.js';
import { answerPerDocument, answerSideBySide } from './compareSources.js';
import { needsAnAnswerBefore } from './cues.js';
import { lastAnswered } from './references.js';
import type { Engine } from '../engine.js';
import { commonInEnglish, withNamesCapitalised } from './names.js';
import { attributedPeople, attributedPeopleNear, personNamedIn } from './people.js';
import { resolveTurn, type Resolution } from './resolve.js';
import { answerSource } from './sourceAnswer.js';
import { withTurn, type ConversationState } from './state.js';

/**
 * One turn of a conversation: read it in context, answer the question as understood
 * through the same path as `/ask`, and remember what was shown. Pure: the caller keeps the
 * state (in a ConversationStore) and renders the answer for its transport.
 */

export interface TurnResult {
  answer: Answer;
  resolution: Resolution;
  state: ConversationState;
}

export interface TurnOptions {
  /** Passages to return (default 5). */
  limit?: number;
  /**
   * Passages the reader is shown (default all returned): Discord asks for one more than it
   * shows, to know whether to offer More. What a later "more", "who said that?" or "the
   * first one" refers to is what was shown, so only those are remembered.
   */
  shown?: number;
  now?: number;
}

function answerResolved(engine: Engine, r: Resolution, limit: number): Answer {
  if (r.perDocument) return answerPerDocument(engine, r.resolved, limit, { judged: r.perDocument === 'judged' });
  if (r.sideBySide) return answerSideBySide(engine, r.sideBySide);
  const exclude = new Set(r.exclude ?? []);
  const ask = (documentId: string | null) => {
    // ("why is it so lopsided?" after a figure asks for the reason: the figure is not led with again.)
    const answer = answerQuestion(engine, r.resolved, { limit: limit + exclude.size, offset: r.offset, figures: r.kind !== 'support', ...(documentId ? { documentId } : {}) });
    if (exclude.size === 0) return answer;
    const kept = answer.passages.filter((p) => !exclude.has(p.paragraphId));
    return { ...answer, passages: (kept.length ? kept : answer.passages).slice(0, limit) };
  };
  const answer = ask(r.documentId);
  // A restriction carried from earlier turns must not hide an answer elsewhere — said so
  // ("is he cited in the op-ed?": not there, but the journal article cites him).
  if (answer.status === 'no-match' && r.documentId && r.offset === 0) {
    const wider = ask(null);
    const doc = documentById(engine.corpus, r.documentId);
    if (wider.status !== 'answered' || !doc || wider.passages.length === 0) return wider;
    return { ...wider, lead: [`Nothing in ${documentLabel(doc.meta)}, matches that; from the other documents:`, ...wider.lead] };
  }
  return answer;
}

/**
 * Scores this close are a tie the re-ranker cannot call: below this margin between its two
 * best, its first is right about half the time (49%, against 80% above 0.4, on the project's
 * conversations).
 */
export const NEAR_TIE = 0.06;

/**
 * "and Kazakhstan?" after "is Mongolia considered a weak state?": the same question of
 * another party. The passage that answered it before, when it names that party too, answers
 * it again more often than the one that edges it out by a near tie, which names the party
 * without the matter (a re-ranker's coin toss after a right answer, lost half the time).
 */
export function keptInNearTie(answer: Answer, state: ConversationState, resolution: Resolution): Answer {
  const before = state.turns[state.turns.length - 1];
  const kept = before?.paragraphIds[0];
  if (!kept || answer.figures.length || answer.passages.length < 2) return answer;
  const at = answer.passages.findIndex((p) => p.paragraphId === kept);
  if (at <= 0 || answer.passages[0]!.score - answer.passages[at]!.score > NEAR_TIE) return answer;
  const askedBefore = new Set(findMentions(before.frame).map((m) => m.country));
  const swappedIn = [...new Set(findMentions(resolution.resolved).map((m) => m.country))].filter((c) => !askedBefore.has(c));
  const named = new Set(findMentions(answer.passages[at]!.text).map((m) => m.country));
  if (!swappedIn.length || !swappedIn.every((c) => named.has(c))) return answer;
  const passages = [...answer.passages];
  passages.unshift(...passages.splice(at, 1));
  return { ...answer, passages };
}

/**
 * What a reply shows as the question understood: the turn as typed when it asked about the
 * answer before rather than a question ("source?", "more", "go on"), else the question resolved.
 */
export function understoodQuestion(resolution: Resolution, asked: string): string {
  return resolution.kind === 'source' || resolution.kind === 'more' || resolution.kind === 'readOn' ? asked : resolution.resolved;
}

/**
 * A turn as the patterns read it: one space for any run of white space (a run of tabs or
 * spaces made some of them take seconds: "so" and 2,000 tabs, 1.7 s; no run means more than
 * one space), or null when it is too long to be a question.
 */
export function turnText(typed: string): string | null {
  if (typed.length > MAX_QUESTION_LENGTH) return null;
  return typed.replace(/[\s\u200b-\u200f\u2028-\u202f\u2060\ufeff]+/g, ' ').trim();
}

export function answerTurn(engine: Engine, state: ConversationState, typed: string, options: TurnOptions = {}): TurnResult {
  const asked = turnText(typed);
  // A turn too long to be a question is told so before it is read: resolving it would run
  // hundreds of patterns over it, some of them slower than linear in its length.
  if (asked === null) {
    const resolution: Resolution = { kind: 'standalone', resolved: typed, frame: typed, documentId: null, offset: 0, person: null };
    return { answer: answerQuestion(engine, typed), resolution, state };
  }
  // "thanks!", "ok cool": answered in kind, and not a turn of the conversation: a later
  // "and Kyrgyzstan?" still follows the question before it.
  if (socialReply(asked)) {
    const resolution: Resolution = { kind: 'standalone', resolved: asked, frame: asked, documentId: null, offset: 0, person: null };
    return { answer: answerQuestion(engine, asked), resolution, state };
  }
  const limit = options.limit ?? 5;
  const resolution = resolveTurn(engine, state, asked);
  // "do they agree?", "how do I cite this?" with nothing asked before: said so, not searched
  // ("agree", "cite" would find a passage about neither). Not a turn: the next one is a first turn.
  // ("Who wrote the op-ed?" names its document: a question about it, with nothing asked before.)
  const earlier = resolution.kind === 'standalone' && !lastAnswered(state) && findDocumentMentions(engine.corpus, asked).length === 0 ? needsAnAnswerBefore(asked) : null;
  if (earlier) return { answer: messageOnly(asked, 'invalid', earlier), resolution, state };
  let answer: Answer | null = null;
  let person = resolution.person;
  if (resolution.kind === 'source' && resolution.source) {
    const sourced = answerSource(engine, resolution.source.turn, resolution.source.about, asked);
    if (sourced) {
      answer = sourced.answer;
      person = sourced.person ?? person;
    }
  }
  if (resolution.kind === 'readOn' && resolution.readFrom) answer = readOnAnswer(engine, asked, resolution.readFrom.paragraphId, resolution.readFrom.sentences);
  answer ??= answerResolved(engine, resolution, limit);
  if (resolution.kind === 'ellipsis' && resolution.offset === 0) answer = keptInNearTie(answer, state, resolution);
  // A turn that could not be searched ("what can you do?", a lone emoji): answered, but no frame
  // for the next one — "what does the article say about Russia?" after it is not "what can you do in Russia?".
  if (answer.status === 'invalid') return { answer, resolution, state };
  // What the reader was shown first: a figure's line, else the best sentences.
  // (A lead that states no figure — "In the bibliography (4 works): …" for "who is Radchenko?" —
  // is no claim: its words, "bibliography", "works", would be the next turn's context.)
  const lead = resolution.kind === 'source' || answer.figures.length === 0 ? undefined : answer.lead[0]?.replace(/\*\*/g, '').replace(/\s+—\s+[^—]*$/, '');
  const sentences = [...(lead ? [lead] : []), ...answer.passages.slice(0, 3).map((p) => p.text.slice(p.highlight.start, p.highlight.end))];
  const best = answer.passages[0];
  // A question that names a person is about them: "his" next is theirs, not whom the answer quotes.
  // (So is a follow-up naming one: "what does miliate say?" asks the question before of his piece, and "who is he?" next is Miliate.)
  if (resolution.kind !== 'source') {
    const named = personNamedIn(withNamesCapitalised(engine, asked), engine.corpus, (w) => commonInEnglish(engine, w));
    if (named) person = resolution.kind === 'standalone' ? (person ?? named) : named;
  }
  person ??= sentences.flatMap((s) => attributedPeople(s, engine.corpus))[0] ?? (best ? attributedPeopleNear(best.text, best.highlight.start, engine.corpus)[0] : undefined) ?? null;
  const next = withTurn(state, {
    asked,
    resolved: resolution.resolved,
    frame: resolution.frame,
    kind: resolution.kind,
    documentId: resolution.documentId,
    paragraphIds: answer.passages.slice(0, options.shown ?? limit).map((p) => p.paragraphId),
    sentences,
    offset: resolution.offset,
    person,
    ...(resolution.list ? { list: resolution.list } : {}),
    ...(resolution.perDocument ? { perDocument: true } : {}),
    at: options.now ?? Date.now(),
  });
  // "who said that?" keeps pointing at the passage it was about: the turn repeats it.
  return { answer, resolution, state: next };
}
