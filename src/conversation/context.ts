import { findDocumentMention } from '../answer/documentMention.js';
import { asksForSummary } from '../answer/documentQuestion.js';
import { findMentions } from '../answer/figureQuestion.js';
import type { Engine } from '../engine.js';
import { analyze } from '../search/analyzer.js';
import { asksDocumentFact } from '../answer/documentFacts.js';
import { DECADE, META_ABOUT_IT, THEY, YEAR } from './cues.js';
import { withNamesCapitalised } from './names.js';
import type { TurnRecord } from './state.js';
import { entitiesOf, rareWords } from './words.js';

/**
 * Context from the turn before: its places and names (what the conversation is about),
 * and its rarest words and best sentence's (what was being said of them). A turn that
 * changes the topic ("what about tourism?") takes the places only; one asking for an
 * alternative ("what do they prefer instead?") the previous question's places and words.
 */
export function contextFrom(
  engine: Engine,
  prev: TurnRecord,
  turn: string,
  options: { sentenceWords?: number; topicShift?: boolean; questionOnly?: boolean; named?: string | null } = {},
): { places: string[]; words: string[] } {
  const have = new Set(analyze(turn));
  const places: string[] = [];
  const words: string[] = [];
  const add = (list: string[], w: string) => {
    // A turn naming a document ("how does miliate explain it?") is searched there: the other
    // document's author, named before, would pull the answer back to it.
    const names = options.named ? findDocumentMention(engine.corpus, w)?.documentId : undefined;
    if (names !== undefined && names !== options.named) return;
    // (Nor a word that would make the question one about the document: "credentials" said of
    // Mongolia's democracy is no question about its author's background.)
    if (list === words && (asksDocumentFact(w.toLowerCase()) || META_ABOUT_IT.test(w))) return;
    const terms = analyze(w);
    if (terms.length === 0 || terms.every((t) => have.has(t))) return;
    for (const t of terms) have.add(t);
    list.push(w);
  };
  // A turn naming a place of its own contrasts it with the previous one ("and what does
  // Kazakhstan want?"): the previous places would pull the answer back.
  const mentioned = findMentions(turn);
  const ownPlaces = mentioned.length > 0;
  // (Unless "they", before the turn's place, is still the place before: "how did they help
  // moscow?", "did they send anyone to iraq?" — not "the US and japan, are they giving back?".)
  const they = THEY.exec(turn);
  const placesKept = !ownPlaces || (they !== null && they.index < mentioned[0]!.start);
  // (Names however typed: "what does laruelle say …?" is about Laruelle.)
  for (const e of entitiesOf(withNamesCapitalised(engine, prev.frame)).slice(0, 3)) if (placesKept || !findMentions(e).length) add(places, e);
  // (Not for a new topic: the person quoted on the topic before says nothing of the new one.)
  if (prev.person && !options.questionOnly && !options.topicShift) add(places, prev.person);
  // The year the turn before was about, like its places ("what goods were those?" after
  // "… in 2017?"), unless the turn says its own.
  // A new topic may have no figure for that year: the places only.
  // (Or the decade: "the 90s".)
  if (!options.topicShift && !new RegExp(YEAR.source).test(turn)) for (const y of new Set([...prev.frame.matchAll(YEAR)].map((m) => m[0]))) add(places, y);
  if (!options.topicShift && !new RegExp(YEAR.source).test(`${turn} ${prev.frame}`) && !new RegExp(DECADE.source, 'i').test(turn)) for (const d of new Set([...prev.frame.matchAll(DECADE)].map((m) => m[0]))) add(places, d);
  if (options.topicShift) return { places, words };
  // After a question about a document ("when was it published?", answered from its title
  // block), what was said is metadata: "Proceedings", "Annual" say nothing of the matter.
  if (documentAskedAbout(prev)) return { places, words };
  // So is what a whole paper argues ("tl;dr what's the paper arguing overall?"): the next
  // question is of that paper, not of its summary's words ("overall", "geocultural").
  if (asksForSummary(engine.corpus, prev.asked)) return { places, words };
  // The resolved question, context and all: a topic carries down a chain of short turns.
  // (Nor, for a turn with places of its own, the places among them.)
  const carried = (w: string) => !(ownPlaces && findMentions(w).length);
  // A turn that moves to another place ("and Mongolia, was the corridor China's idea?" after
  // Kazakhstan's programme) asks what was asked of it, not what was said of the place before
  // ("Nurly Zhol" is Kazakhstan's): the question's words only, not those it was read with.
  const before = new Set(findMentions(prev.frame).map((m) => m.country));
  // (Moved from all of them: a turn that keeps one, "what does Mongolia want from Kazakhstan
  // specifically?", narrows what was said.)
  const moved = ownPlaces && before.size > 0 && findMentions(turn).every((m) => !before.has(m.country));
  for (const w of rareWords(engine, moved ? prev.frame : prev.resolved, have, 3).filter(carried)) add(words, w);
  // (A turn asking for an alternative to what was asked takes the question's words only.)
  if (options.questionOnly || moved) return { places, words };
  const sentence = prev.sentences[0];
  // Less its citations ("(Walt 1985, pp.4–17)"): their names and page marks say nothing of the matter.
  const said = sentence?.replace(/\s*\([^()]*\b(?:1[89]|20)\d\d[a-z]?\b[^()]*\)/g, '');
  if (said) for (const w of rareWords(engine, said, have, options.sentenceWords ?? 3).filter(carried)) add(words, w);
  return { places, words };
}

/** The document a turn was a question about (answered from its title block, `<id>/front`), or null. */
export function documentAskedAbout(turn: TurnRecord): string | null {
  const first = turn.paragraphIds[0];
  return first?.endsWith('/front') ? first.slice(0, first.indexOf('/')) : null;
}

/** The document a turn was restricted to, else the one its best passage came from, or null. */
export function documentOfTurn(turn: TurnRecord): string | null {
  return turn.documentId ?? turn.paragraphIds[0]?.split('/')[0] ?? null;
}

export function withContext(frame: string, context: string[]): string {
  return context.length ? `${frame.replace(/\s+$/, '')} (${context.join(', ')})` : frame;
}
