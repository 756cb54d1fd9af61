import { nextTableRow, paragraphById } from '../corpus/tableRows.js';
import type { Engine } from '../engine.js';
import { splitSentences } from '../search/sentences.js';
import { excerptWindow } from './excerptWindow.js';
import { type Answer, answered, messageOnly, quotedPassage, rowPassage } from './answer.js';

/**
 * How much of a passage around its best sentence a reader has surely seen: the smallest quote a
 * renderer shows (the terminal's 700 characters; Discord's first quote shows 1,360).
 */
export const SEEN_CHARS = 700;

/** Said when the passage shown was the document's last: there is nothing to read on to. */
export const END_OF_DOCUMENT_MESSAGE = 'That passage is where the document ends: there is nothing after it to read on to. Ask “more” for other passages on the question.';

/**
 * "go on", "continue", "keep going" after a passage: the text that follows the sentence shown,
 * as a reader turns the page — the next sentence of the same paragraph, or, at its end, the
 * next paragraph of the document. ("more" is another matter: the next passages found.)
 * `shown` holds the sentences the turn before showed (cut, see TurnRecord.sentences): the
 * first one found in the paragraph is where the reader is.
 */
export function readOnAnswer(engine: Engine, query: string, paragraphId: string, shown: readonly string[]): Answer {
  const paragraph = paragraphById(engine.corpus, paragraphId);
  if (!paragraph) return messageOnly(query, 'no-match', END_OF_DOCUMENT_MESSAGE);
  const sentences = splitSentences(paragraph.text);
  const at = shown.map((s) => paragraph.text.indexOf(s.slice(0, 60))).find((i) => i >= 0) ?? -1;
  const current = at < 0 ? -1 : sentences.findIndex((s) => s.start <= at && at < s.end);
  // Past what the quote around that sentence showed (at the smallest a renderer shows), not
  // the sentence after it: that was on screen already, and "go on" showed the same text again.
  const seen = current >= 0 ? excerptWindow(sentences, current, SEEN_CHARS).last : -1;
  const next = current >= 0 ? sentences[seen + 1] : undefined;
  if (next) return answered(query, [quotedPassage(engine, paragraph, { start: next.start, end: next.end })], []);
  // After a table row, the row printed next (then, at the table's end, the text after it).
  const nextRow = paragraph.role === 'table' ? nextTableRow(engine.corpus, paragraphId) : undefined;
  if (nextRow) return answered(query, [rowPassage(engine, nextRow)], []);
  const following = paragraphById(engine.corpus, `${paragraph.documentId}/${paragraph.ordinal + 1}`);
  if (!following) return messageOnly(query, 'no-match', END_OF_DOCUMENT_MESSAGE);
  const first = splitSentences(following.text)[0] ?? { start: 0, end: following.text.length };
  return answered(query, [quotedPassage(engine, following, { start: first.start, end: first.end })], []);
}
