import { findMentions } from '../answer/figureQuestion.js';
import type { Engine } from '../engine.js';
import { COUNTRIES } from '../figures/countries.js';
import { analyze } from '../search/analyzer.js';
import { PLACES } from '../search/expansions.js';
import { editDistance } from '../corpus/text.js';
import { analyzeQuestion } from '../search/question.js';
import { GENERIC } from './cues.js';

/** What a turn names and how rare its words are: the pieces context is made of. */

/** Places (however typed) and capitalised names in a text, as written, in order. */
export function entitiesOf(text: string): string[] {
  // (A place as its name: "kazakhstan's investment" gives "kazakhstan", not "kazakhstan's".)
  const out = findMentions(text).map((m) => text.slice(m.start, m.end).replace(/['’]s$/i, ''));
  const analyzed = analyzeQuestion(text);
  const named = new Set(analyzed.entities);
  for (const word of text.split(/[^\p{L}'’-]+/u).slice(1)) {
    if (!/^\p{Lu}/u.test(word)) continue;
    const terms = analyze(word);
    // ("Mongolia-Kazakhstan" is the two places, already out.)
    const known = (w: string) => out.some((o) => o.toLowerCase() === w.toLowerCase());
    if (terms.length && terms.every((t) => named.has(t)) && !known(word) && !word.split('-').every(known)) out.push(word);
  }
  return out;
}

export function hasOwnSubject(text: string): boolean {
  return findMentions(text).length > 0 || analyzeQuestion(text).entities.length > 0;
}

/** Topic terms of a turn: analysed words, minus the generic words of follow-ups. */
export function topicTerms(text: string): string[] {
  return analyze(text).filter((t) => !GENERIC.has(t) && !/^\d+$/.test(t));
}

const MODAL = /^(?:may|might|must|shall|can|could|would|should|will)$/;

/** The rarest words of a text (as written), not already among `exclude` terms. */
export function rareWords(engine: Engine, text: string, exclude: Set<string>, n: number): string[] {
  const seen = new Set<string>();
  const scored: Array<{ word: string; idf: number }> = [];
  for (const word of text.split(/[^\p{L}\p{N}'’-]+/u)) {
    // (A hyphenated word, "multi-vectorism", is one word of several terms: all of them new.)
    // (A modal in lower case says nothing of the matter: "if I may" is not the month.)
    if (MODAL.test(word)) continue;
    const terms = analyze(word);
    if (!terms.length || terms.some((t) => exclude.has(t) || seen.has(t) || /^\d/.test(t) || GENERIC.has(t))) continue;
    for (const t of terms) seen.add(t);
    scored.push({ word: word.replace(/['’]s$/, ''), idf: Math.max(...terms.map((t) => engine.index.idf(t))) });
  }
  return scored
    .sort((a, b) => b.idf - a.idf)
    .slice(0, n)
    .map((s) => s.word);
}

/** At most `max` characters, cut at a word. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2)).replace(/[\s,;:]+$/, '');
}

/** At most `max` characters from the end, cut at a word: the words nearest what follows. */
export function clipEnd(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(text.length - max);
  return cut.slice(Math.min(Math.max(cut.indexOf(' ') + 1, 0), max / 2)).replace(/^[\s,;:]+/, '');
}

const DEMONYMS = new Set(COUNTRIES.flatMap((c) => c.demonyms.map((d) => d.toLowerCase())));

export function isDemonym(surface: string): boolean {
  return DEMONYMS.has(surface.toLowerCase());
}

export function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

const MAX_PLACE_CORRECTIONS = 4;
const PLACE_WORDS = PLACES.flat().filter((w) => !w.includes(' '));

/**
 * Misspelt place names written as the place ("kyrgystan" → "Kyrgyzstan"), so that "and
 * kyrgystan?" is read as the frame with a new country. Only words the corpus does not know
 * are touched, and only when the search's own spelling correction makes them a place.
 */
export function correctPlaceNames(engine: Engine, text: string): string {
  // Bounded like the search's own corrections: a page of nonsense costs no more than a few words.
  let budget = MAX_PLACE_CORRECTIONS;
  return text.replace(/\p{L}{5,}/gu, (word) => {
    const [term] = analyze(word);
    if (!term || engine.index.knows(term) || budget <= 0) return word;
    budget--;
    const fixes = engine.index.corrections(term, word.toLowerCase());
    const place = PLACE_WORDS.find((p) => fixes.includes(analyze(p)[0] ?? '\u0000') && !analyze(word).includes(p));
    if (place && findMentions(place).length) return capitalise(place);
    // (So are the words of trade the follow-ups turn on: "and importd?" is "and imports?".)
    const trade = TRADE_VOCABULARY.filter((w) => fixes.includes(analyze(w)[0] ?? '\u0000'));
    return trade.length ? trade.reduce((a, b) => (editDistance(b, word.toLowerCase()) < editDistance(a, word.toLowerCase()) ? b : a)) : word;
  });
}

/** Words of trade a follow-up is read by ("and imports?", "the exports?"), as a misspelling's correction may give them. */
const TRADE_VOCABULARY = ['import', 'imports', 'imported', 'export', 'exports', 'exported', 'trade', 'traded', 'goods'];
