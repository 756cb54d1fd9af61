import { paragraphById } from '../corpus/tableRows.js';
import type { Paragraph } from '../corpus/types.js';
import type { Engine } from '../engine.js';
import { analyze } from '../search/analyzer.js';
import { splitSentences } from '../search/sentences.js';
import { findEnumerations, findSequence, type Enumeration } from './lists.js';
import type { ConversationState, TurnRecord } from './state.js';

/** What a turn can point back at: the last answer, a list shown, the other document. */

export function lastAnswered(state: ConversationState): TurnRecord | undefined {
  for (let i = state.turns.length - 1; i >= 0; i--) if (state.turns[i]!.paragraphIds.length) return state.turns[i];
  return undefined;
}

/**
 * A remembered sentence is cut to a bound: the whole sentence again from the shown passage
 * it came from, so a list in it keeps its last items.
 */
function wholeSentence(engine: Engine, turn: TurnRecord, sentence: string): string {
  for (const id of turn.paragraphIds) {
    const text = paragraphById(engine.corpus, id)?.text;
    const at = text?.indexOf(sentence) ?? -1;
    if (!text || at < 0) continue;
    const span = splitSentences(text).find((s) => s.start <= at && at < s.end);
    return span && span.end >= at + sentence.length ? text.slice(span.start, span.end) : sentence;
  }
  return sentence;
}

export interface FoundList {
  list: Enumeration;
  turn: TurnRecord;
  /** The paragraph the list was read from, when known. */
  paragraphId: string | null;
}

/** The most recent list shown whose head matches the noun ("barrier"), or any when there is none. */
export function findList(engine: Engine, state: ConversationState, noun: string | null, wanted: (list: Enumeration) => boolean = () => true): FoundList | null {
  const nounTerms = noun ? analyze(noun) : [];
  const fits = (list: Enumeration) => {
    const head = new Set(analyze(list.head));
    return (!nounTerms.length || nounTerms.every((t) => head.has(t))) && wanted(list);
  };
  for (let i = state.turns.length - 1; i >= 0; i--) {
    const turn = state.turns[i]!;
    // A turn that picked an item of a list: the next ordinal ("and the third?") picks from
    // the same list, not from the lists of the passages shown about that item.
    if (turn.kind === 'ordinal' && turn.list) {
      const { paragraphId, ...list } = turn.list;
      if (fits(list)) return { list, turn, paragraphId };
      continue;
    }
    // The best sentences first, then the rest of the top passage.
    const texts = turn.sentences.map((s) => wholeSentence(engine, turn, s));
    const top = turn.paragraphIds[0] ? paragraphById(engine.corpus, turn.paragraphIds[0]) : undefined;
    if (top) texts.push(top.text);
    const lists: Enumeration[] = texts.flatMap((t) => findEnumerations(t));
    if (top) {
      const sequence = findSequence(splitSentences(top.text).map((s) => s.text));
      if (sequence) lists.push(sequence);
    }
    for (const list of lists) {
      if (!fits(list)) continue;
      return { list, turn, paragraphId: listParagraph(engine, turn, list)?.id ?? null };
    }
  }
  // "the second barrier" names its list: look through the documents the conversation drew on.
  if (!nounTerms.length) return null;
  const seen = new Set<string>();
  for (let i = state.turns.length - 1; i >= 0; i--) {
    const turn = state.turns[i]!;
    for (const docId of turn.paragraphIds.map((id) => id.split('/')[0]!)) {
      if (seen.has(docId)) continue;
      seen.add(docId);
      const doc = engine.corpus.documents.find((d) => d.meta.id === docId);
      for (const paragraph of doc?.paragraphs.slice(0, MAX_PARAGRAPHS_SCANNED) ?? []) {
        for (const list of findEnumerations(paragraph.text)) {
          const head = new Set(analyze(list.head));
          if (nounTerms.every((t) => head.has(t))) return { list, turn: { ...turn, paragraphIds: [paragraph.id] }, paragraphId: paragraph.id };
        }
      }
    }
  }
  return null;
}

/** The shown paragraph a list was read from (its head is a verbatim piece of it). */
export function listParagraph(engine: Engine, turn: TurnRecord, list: Enumeration): Paragraph | null {
  const shown = turn.paragraphIds.map((id) => paragraphById(engine.corpus, id)).filter((p): p is Paragraph => p !== undefined);
  return shown.find((p) => list.head && p.text.includes(list.head)) ?? shown[0] ?? null;
}

/**
 * Whether a paragraph says more of a list's item than the list does: the item's rarest
 * word comes up again in it, outside the list.
 */
export function saysMoreOf(engine: Engine, paragraphText: string, item: string): boolean {
  const terms = [...new Set(analyze(item))].filter((t) => !/^\d+$/.test(t));
  if (!terms.length) return false;
  const rarest = terms.reduce((a, b) => (engine.index.idf(b) > engine.index.idf(a) ? b : a));
  return analyze(paragraphText).filter((t) => t === rarest).length >= 2;
}

/** Bound on the paragraphs of one document searched for a named list. */
const MAX_PARAGRAPHS_SCANNED = 2000;

/** The document the conversation's last answer did not come from, when that is one document. */
export function otherDocument(engine: Engine, state: ConversationState, named?: string): string | null {
  const last = lastAnswered(state);
  // ("miliate says …, does the other article agree?": the other is the other of the one named.)
  const current = named ?? last?.paragraphIds[0]?.split('/')[0] ?? last?.documentId ?? null;
  const others = engine.corpus.documents.map((d) => d.meta.id).filter((id) => id !== current);
  if (others.length === 1) return others[0]!;
  // Several: the one the conversation was in before this one.
  for (let i = state.turns.length - 1; i >= 0; i--) {
    const doc = state.turns[i]!.paragraphIds[0]?.split('/')[0] ?? state.turns[i]!.documentId;
    if (doc && doc !== current) return doc;
  }
  return null;
}

/** Strip the words that name a document ("according to the east asia forum piece,"). */
export function withoutMention(text: string, start: number, end: number): string {
  // "what's the other author's count?" → "what's its count?": the document's, said by "its".
  if (/^['’]s\b/.test(text.slice(end))) {
    const head = text.slice(0, start).replace(/\b(?:the|this|that)\s*$/i, '');
    return `${head}${/\S$/.test(head) ? ' ' : ''}its${text.slice(end + 2)}`.trimStart();
  }
  // "what does the journal article say" → "what does it say"; "according to the piece, why" → "why"
  // ("summarise the irgengioro paper" → "summarise": an article left with nothing after it goes too.)
  const last = !/\p{L}/u.test(text.slice(end));
  const before = text
    .slice(0, start)
    .replace(/\b(?:according to|in|from|by|does|do|did|is|was)(?:\s+(?:the|this|that))?\s*$/i, (m) => (/^(?:d|is|was)/i.test(m) ? `${m.replace(/\s+(?:the|this|that)\s*$/i, '')} it ` : ''))
    .replace(/\b(?:the|this|that)\s*$/i, (m) => (last ? '' : m));
  return `${before}${text.slice(end)}`
    // (A dash after the name too: "what about S2ORC - how big is it?" → "how big is it?")
    .replace(/^\s*(?:[,;:]|[-–—](?=\s))\s*/, '')
    .replace(/[\s,;:]+([?.!]|$)/, '$1')
    // (A mention taken out of appended context: "(Miliate, fail)" → "(fail)", "(Miliate)" → "",
    // "(kazakhs, Miliate, history)" → "(kazakhs, history)".)
    .replace(/\(\s*[,;]\s*/g, '(')
    .replace(/,\s*,/g, ',')
    .replace(/\s*,\s*\)/g, ')')
    .replace(/\s*\(\s*\)/g, '')
    .replace(/\s{2,}/g, ' ')
    .trim();
}
