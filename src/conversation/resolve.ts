import { findDocumentMention } from '../answer/documentMention.js';
import { findMentions } from '../answer/figureQuestion.js';
import { COUNTRIES } from '../figures/countries.js';
import type { Engine } from '../engine.js';
import { analyze } from '../search/analyzer.js';
import { PLACES } from '../search/expansions.js';
import { analyzeQuestion } from '../search/question.js';
import { splitSentences } from '../search/sentences.js';
import { findEnumerations, findOrdinalReference, findSequence, pickItem, type Enumeration } from './lists.js';
import { attributedPeople } from './people.js';
import type { ConversationState, TurnKind, TurnRecord } from './state.js';

/**
 * A turn + the conversation so far → the question as understood in context. General
 * rules of how people follow up, never a list of known questions:
 *  - "more", "next" page the previous answer;
 *  - "who said that?", "what's the source?" ask for the previous answer's citation;
 *  - "the first one", "the second barrier" name an item of a list shown before;
 *  - "and Kyrgyzstan?", "and in 2016?", "the other way round?" take the previous question's
 *    frame with the new place, year or direction put in;
 *  - "why?", "any examples?" ask for support of the previous answer;
 *  - pronouns, or a question with no subject of its own, borrow the previous turn's
 *    subject (its places and names, its rarest words, the best sentence shown);
 *  - anything else stands on its own and is answered on its own.
 */

export interface Resolution {
  kind: TurnKind;
  /** What is searched: the frame plus context words. */
  resolved: string;
  /** The question without appended context (what a later "and …?" changes). */
  frame: string;
  /** Restrict the search to this document. */
  documentId: string | null;
  /** Passages to skip ("more"). */
  offset: number;
  /** For "who said that?": the turn whose answer is asked about, and what is asked. */
  source?: { turn: TurnRecord; about: 'claim' | 'document' };
  /** A person this turn is about (kept for a later "he"/"she"). */
  person: string | null;
  /** Passages not to show again (the list an ordinal picked from only names the item). */
  exclude?: string[];
}

const PAGING = /^(?:more|next|next one|next page|show (?:me )?more|more (?:please|passages|results|of that)|go on|continue|keep going|anything else|what else)[\s.!?]*$/i;

const SOURCE_QUESTION = new RegExp(
  '^(?:' +
    [
      String.raw`who (?:said|says|wrote|writes|argued|argues|claims|claimed|thinks|believes|is saying|made|makes) (?:that|this|it|so)(?: claim| point| argument)?`,
      String.raw`who(?:'s|’s| is| was) (?:the )?(?:author|source|writer)(?: (?:for|of|behind) (?:that|this|it))?`,
      String.raw`what(?:'s|’s| is) (?:the |your |its |their )?(?:source|citation|reference|evidence)s?(?: for (?:that|this|it))?`,
      String.raw`(?:source|citation|reference|cite)s?(?: (?:please|pls|for (?:that|this|it)))?`,
      String.raw`where (?:is|does|did) (?:that|this|it) (?:come )?from`,
      String.raw`where(?:'s|’s| is) (?:that|this) from`,
      String.raw`(?:which|what) (?:paper|article|document|source|text|book)(?: (?:is|was|says) (?:that|this|it))?(?: from)?`,
      String.raw`who wrote (?:it|this|that|the (?:article|paper|piece|text|study|op-?ed))`,
      String.raw`(?:what|which) page(?: (?:is|was) (?:that|this|it)(?: on| from)?)?`,
      String.raw`(?:page|link|url|doi|reference|quote)s?(?: (?:please|pls|for (?:that|this|it)))?`,
      String.raw`where (?:does|did) (?:it|the (?:article|paper|text|author)) say (?:that|this|so)`,
      String.raw`(?:can you |could you )?(?:quote|cite|show) (?:me )?(?:that|this|it|the (?:passage|source|sentence|text))(?: (?:please|exactly|in full|whole))?`,
      String.raw`says who`,
      String.raw`according to (?:whom|who)`,
    ].join('|') +
    String.raw`)\s*[?.!]*$`,
  'i',
);

const SUPPORT = /^(?:but\s+)?(?:why(?: (?:so|not|is that|was that|is it|does it|did it|did they|do they))?|how so|how come|in what way|any examples?|(?:give me |for )?(?:an )?examples?|such as|like what|evidence|proof|explain(?: (?:that|this|it|more|why))?|tell me more|more details?|elaborate|really|is that (?:so|true)|how)[\s?.!]*$/i;

/** Openers that mark a continuation: "and …", "what about …". */
const CONTINUATION = /^(?:and|or|also|plus|what about|how about|what of|same for|and for|and what about|and how about)\b[\s,]*/i;
const FILLER = /^(?:(?:ok(?:ay)?|k|so|hm+|um+|uh+|oh|ah|right|well|alright|cool|thanks|thank you|thx|ty|great|interesting|i see|got it|nice|wow|hey|hi|hello|yo)(?: steppe| there| bot)?[\s,.!]+)+/i;

const FLIP = /\b(?:(?:the )?other (?:way|direction|side)(?: (?:round|around))?|(?:the )?opposite (?:way|direction)|(?:in )?reverse|vice versa|the other way round)\b/i;
const BOTH_WAYS = /\b(?:both (?:ways|directions|sides)|(?:in )?each direction|each way|two-way)\b/i;
const YEAR = /\b(?:1[89]\d\d|20\d\d)\b/g;
const THAT_YEAR = /\b(?:in )?(?:that|the same|this) year\b|\b(?:back )?then\b|\bat (?:that|the) time\b/i;

const PERSON_PRONOUN = /\b(he|she|him|his|her|hers|himself|herself)\b/gi;
/** References that always lean on what came before, whatever else the turn names. */
const STRONG_ANAPHORA = /\b(?:(?:the|that|this) (?:one|other one|latter|former)|the other ones?|those ones|the same (?:thing|one|way|point))\b/i;
const OTHER_ANAPHORA = /\b(?:they|them|their|theirs|it|its|this|that|these|those|there|each other|one another|the same|the two|both)\b/i;
/** Words in a follow-up that carry no topic of their own. */
const GENERIC = new Set(analyze('one thing way direction side think say said mean happen happened matter matters really also still just same explain tell more detail example question answer point'));

/** "the other article", "the other one": the document the last answer did not come from. */
const OTHER_DOCUMENT = /\bthe other (?:article|paper|piece|text|document|source|study|op-?ed|essay|report|author)\b/i;
/** Words a turn about what a document says uses without naming a topic. */
const SAYS = new Set(analyze('say says said think thinks argue argues claim claims write writes wrote tell tells mention mentions describe describes agree agrees disagree put view take according about on this that matter topic same thing what'));

const META_ABOUT_IT = /\b(?:publish(?:ed)?|written|wrote|write|author(?:s|ed)?|venue|journal|outlet|doi|come out|came out|when was)\b/i;
const IT_REFERENCE = /\b(?:it|this|that|the (?:article|paper|piece|text|study|op-?ed|essay))\b/i;

function stripFillers(text: string): { core: string; continues: boolean } {
  let core = text.trim().replace(FILLER, '');
  const continues = CONTINUATION.test(core);
  core = core.replace(CONTINUATION, '').trim();
  return { core: core || text.trim(), continues };
}

/** Places (however typed) and capitalised names in a text, as written, in order. */
function entitiesOf(text: string): string[] {
  const out = findMentions(text).map((m) => text.slice(m.start, m.end));
  const analyzed = analyzeQuestion(text);
  const named = new Set(analyzed.entities);
  for (const word of text.split(/[^\p{L}'’-]+/u).slice(1)) {
    if (!/^\p{Lu}/u.test(word)) continue;
    const terms = analyze(word);
    if (terms.length && terms.every((t) => named.has(t)) && !out.some((o) => o.toLowerCase() === word.toLowerCase())) out.push(word);
  }
  return out;
}

function hasOwnSubject(text: string): boolean {
  return findMentions(text).length > 0 || analyzeQuestion(text).entities.length > 0;
}

/** Topic terms of a turn: analysed words, minus the generic words of follow-ups. */
function topicTerms(text: string): string[] {
  return analyze(text).filter((t) => !GENERIC.has(t) && !/^\d+$/.test(t));
}

/** The rarest words of a text (as written), not already among `exclude` terms. */
function rareWords(engine: Engine, text: string, exclude: Set<string>, n: number): string[] {
  const seen = new Set<string>();
  const scored: Array<{ word: string; idf: number }> = [];
  for (const word of text.split(/[^\p{L}\p{N}'’-]+/u)) {
    const terms = analyze(word);
    const term = terms[0];
    if (!term || terms.length !== 1 || exclude.has(term) || seen.has(term) || /^\d/.test(term) || GENERIC.has(term)) continue;
    seen.add(term);
    scored.push({ word: word.replace(/['’]s$/, ''), idf: engine.index.idf(term) });
  }
  return scored
    .sort((a, b) => b.idf - a.idf)
    .slice(0, n)
    .map((s) => s.word);
}

/**
 * Context from the turn before: its places and names (what the conversation is about),
 * and its rarest words and best sentence's (what was being said of them). A turn that
 * changes the topic ("what about tourism?") takes the places only.
 */
function contextFrom(engine: Engine, prev: TurnRecord, turn: string, options: { sentenceWords?: number; topicShift?: boolean } = {}): { places: string[]; words: string[] } {
  const have = new Set(analyze(turn));
  const places: string[] = [];
  const words: string[] = [];
  const add = (list: string[], w: string) => {
    const terms = analyze(w);
    if (terms.length === 0 || terms.every((t) => have.has(t))) return;
    for (const t of terms) have.add(t);
    list.push(w);
  };
  // A turn naming a place of its own contrasts it with the previous one ("and what does
  // Kazakhstan want?"): the previous places would pull the answer back.
  const ownPlaces = findMentions(turn).length > 0;
  for (const e of entitiesOf(prev.frame).slice(0, 3)) if (!(ownPlaces && findMentions(e).length)) add(places, e);
  if (prev.person) add(places, prev.person);
  if (options.topicShift) return { places, words };
  // The resolved question, context and all: a topic carries down a chain of short turns.
  for (const w of rareWords(engine, prev.resolved, have, 3)) add(words, w);
  const sentence = prev.sentences[0];
  if (sentence) for (const w of rareWords(engine, sentence, have, options.sentenceWords ?? 3)) add(words, w);
  return { places, words };
}

function withContext(frame: string, context: string[]): string {
  return context.length ? `${frame.replace(/\s+$/, '')} (${context.join(', ')})` : frame;
}

/** At most `max` characters, cut at a word. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2)).replace(/[\s,;:]+$/, '');
}

const DEMONYMS = new Set(COUNTRIES.flatMap((c) => c.demonyms.map((d) => d.toLowerCase())));

function isDemonym(surface: string): boolean {
  return DEMONYMS.has(surface.toLowerCase());
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/**
 * "and Kyrgyzstan?", "and in 2016?", "the other way round?", "both ways?": the previous
 * frame with the new place, year or direction put in; null when the turn brings anything
 * else (a new topic word), which a frame cannot take.
 */
export function applyEllipsis(engine: Engine, frame: string, core: string): string | null {
  let leftover = core.replace(FLIP, ' ').replace(BOTH_WAYS, ' ').replace(YEAR, ' ');
  const newMentions = findMentions(core);
  for (const m of newMentions) leftover = leftover.replace(core.slice(m.start, m.end), ' ');
  if (topicTerms(leftover).length > 0) return null;
  const years = [...core.matchAll(YEAR)].map((m) => m[0]);
  const flip = FLIP.test(core);
  const both = BOTH_WAYS.test(core);
  if (!newMentions.length && !years.length && !flip && !both) return null;

  let out = frame.replace(/\s*[?.!]+\s*$/, '');
  const frameMentions = findMentions(out);
  // New places replace the frame's rarest place (the one it was about, not the corpus's pivot).
  const newCountries = newMentions.filter((m) => !frameMentions.some((f) => f.country === m.country));
  if (newCountries.length) {
    // A name replaces a name, a demonym a demonym ("Mongolian students in Kazakhstan" +
    // "and in Kyrgyzstan?" changes where they study, not who they are); then the rarest.
    const newKind = isDemonym(core.slice(newCountries[0]!.start, newCountries[0]!.end));
    const replaceable = frameMentions
      .filter((f) => !newMentions.some((m) => m.country === f.country))
      .map((f) => ({
        ...f,
        sameKind: isDemonym(out.slice(f.start, f.end)) === newKind ? 1 : 0,
        idf: Math.max(0, ...analyze(out.slice(f.start, f.end)).map((t) => engine.index.idf(t))),
      }))
      .sort((a, b) => b.sameKind - a.sameKind || b.idf - a.idf);
    const targets = replaceable.slice(0, newCountries.length).sort((a, b) => b.start - a.start);
    const words = newCountries.map((m) => capitalise(core.slice(m.start, m.end)));
    if (targets.length === 0) out = `${out} in ${words.join(' and ')}`;
    // Right to left, so earlier offsets stay valid.
    targets.forEach((t, i) => {
      out = out.slice(0, t.start) + words[targets.length - 1 - i]! + out.slice(t.end);
    });
  }
  if (years.length) {
    const frameYears = [...out.matchAll(YEAR)];
    if (frameYears.length === 0) out = `${out} in ${years.join(' and ')}`;
    else {
      const first = frameYears[0]!;
      const last = frameYears[frameYears.length - 1]!;
      out = out.slice(0, first.index) + years.join(' and ') + out.slice(last.index + last[0].length);
    }
  }
  if (flip) {
    const ms = findMentions(out);
    const distinct = ms.filter((m, i) => ms.findIndex((o) => o.country === m.country) === i);
    if (distinct.length >= 2) {
      const [a, b] = [distinct[0]!, distinct[1]!];
      const ta = out.slice(a.start, a.end);
      const tb = out.slice(b.start, b.end);
      out = out.slice(0, a.start) + tb + out.slice(a.end, b.start) + ta + out.slice(b.end);
    } else if (/\bexport/i.test(out)) out = out.replace(/\bexport/gi, 'import');
    else if (/\bimport/i.test(out)) out = out.replace(/\bimport/gi, 'export');
    else return null;
  }
  if (both) out = `${out} in both directions`;
  return out.includes('?') ? out : `${out}?`;
}

function lastAnswered(state: ConversationState): TurnRecord | undefined {
  for (let i = state.turns.length - 1; i >= 0; i--) if (state.turns[i]!.paragraphIds.length) return state.turns[i];
  return undefined;
}

/** The most recent list shown whose head matches the noun ("barrier"), or any when there is none. */
function findList(engine: Engine, state: ConversationState, noun: string | null) {
  const nounTerms = noun ? analyze(noun) : [];
  for (let i = state.turns.length - 1; i >= 0; i--) {
    const turn = state.turns[i]!;
    // The best sentences first, then the rest of the top passage.
    const texts = [...turn.sentences];
    const top = turn.paragraphIds[0] ? engine.corpus.paragraphsById.get(turn.paragraphIds[0]) : undefined;
    if (top) texts.push(top.text);
    const lists: Enumeration[] = texts.flatMap((t) => findEnumerations(t));
    if (top) {
      const sequence = findSequence(splitSentences(top.text).map((s) => s.text));
      if (sequence) lists.push(sequence);
    }
    for (const list of lists) {
      const head = new Set(analyze(list.head));
      if (nounTerms.length && !nounTerms.every((t) => head.has(t))) continue;
      return { list, turn };
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
          if (nounTerms.every((t) => head.has(t))) return { list, turn: { ...turn, paragraphIds: [paragraph.id] } };
        }
      }
    }
  }
  return null;
}

/** Bound on the paragraphs of one document searched for a named list. */
const MAX_PARAGRAPHS_SCANNED = 2000;

/** The document the conversation's last answer did not come from, when that is one document. */
function otherDocument(engine: Engine, state: ConversationState): string | null {
  const last = lastAnswered(state);
  const current = last?.paragraphIds[0]?.split('/')[0] ?? last?.documentId ?? null;
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
function withoutMention(text: string, start: number, end: number): string {
  // "what does the journal article say" → "what does it say"; "according to the piece, why" → "why"
  const before = text
    .slice(0, start)
    .replace(/\b(?:according to|in|from|by|does|do|did|is|was)(?:\s+(?:the|this|that))?\s*$/i, (m) => (/^(?:d|is|was)/i.test(m) ? `${m.replace(/\s+(?:the|this|that)\s*$/i, '')} it ` : ''));
  return `${before}${text.slice(end)}`
    .replace(/^\s*[,;:]\s*/, '')
    .replace(/[\s,;:]+([?.!]|$)/, '$1')
    .replace(/\s{2,}/g, ' ')
    .trim();
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
    return place && findMentions(place).length ? capitalise(place) : word;
  });
}

export function resolveTurn(engine: Engine, state: ConversationState, asked: string): Resolution {
  const text = correctPlaceNames(engine, asked.trim());
  const mention = findDocumentMention(engine.corpus, text);
  const prev = state.turns[state.turns.length - 1];
  const standalone = (): Resolution => {
    // "hey steppe, does …", "ok so why …": the greeting is not part of the question.
    // A document it names stays in it: the search reads that itself; later turns inherit it.
    const frame = text.replace(FILLER, '') || text;
    return { kind: 'standalone', resolved: frame, frame, documentId: mention?.documentId ?? null, offset: 0, person: null };
  };
  // A first turn, or an empty one ("@Steppe" alone), is asked as it is.
  if (!prev || !text) return standalone();
  const { core, continues } = stripFillers(text);
  const answered = lastAnswered(state);

  if (PAGING.test(core) && answered) {
    return {
      kind: 'more',
      resolved: answered.resolved,
      frame: answered.frame,
      documentId: answered.documentId,
      offset: answered.offset + Math.max(answered.paragraphIds.length, 1),
      person: answered.person,
    };
  }

  if (SOURCE_QUESTION.test(core) && answered) {
    const about = /\b(?:wrote|author|writer)\b/i.test(core) ? 'document' : 'claim';
    return { kind: 'source', resolved: answered.resolved, frame: answered.frame, documentId: answered.documentId, offset: 0, source: { turn: answered, about }, person: answered.person };
  }

  // The document a dependent turn searches: the one it names, else the one in force.
  const other = OTHER_DOCUMENT.exec(core);
  const named = other ? otherDocument(engine, state) : (mention?.documentId ?? null);
  const documentId = named ?? prev.documentId;
  const shift = text.length - core.length;
  const own = other
    ? withoutMention(core, other.index, other.index + other[0].length)
    : mention
      ? withoutMention(core, mention.start - shift, mention.end - shift)
      : core;

  // "and what does the other article say?", "and the op-ed?": the same question, in that document.
  if (named && prev.frame && analyze(own).every((t) => SAYS.has(t) || GENERIC.has(t))) {
    // The previous question may name its own document ("…, according to the piece?"): not this one.
    const old = findDocumentMention(engine.corpus, prev.frame);
    const frame = old ? withoutMention(prev.frame, old.start, old.end) || prev.frame : prev.frame;
    return { kind: 'ellipsis', resolved: frame, frame, documentId: named, offset: 0, person: prev.person };
  }

  const ordinal = findOrdinalReference(core);
  if (ordinal) {
    const found = findList(engine, state, ordinal.noun);
    const item = found && pickItem(found.list, ordinal.position);
    if (found && item) {
      const frame = `${core.slice(0, ordinal.start)}${clip(item, 200)}${core.slice(ordinal.end)}`.replace(/\s{2,}/g, ' ').trim();
      const listDoc = found.turn.paragraphIds[0]?.split('/')[0] ?? null;
      const context = [clip(found.list.head, 120), ...entitiesOf(found.turn.frame).slice(0, 2)].filter((w) => !analyze(w).every((t) => analyze(frame).includes(t)));
      const exclude = found.list.sequence ? [] : found.turn.paragraphIds.slice(0, 1);
      return { kind: 'ordinal', resolved: withContext(frame, context), frame, documentId: mention?.documentId ?? listDoc ?? documentId, offset: 0, person: null, exclude };
    }
  }

  const terms = topicTerms(own);
  const shortTurn = terms.length <= 3;
  if ((continues || shortTurn) && !SUPPORT.test(core)) {
    const changed = applyEllipsis(engine, prev.frame, own);
    if (changed) return { kind: 'ellipsis', resolved: changed, frame: changed, documentId, offset: 0, person: prev.person };
  }

  if (SUPPORT.test(core)) {
    const frame = `${core.replace(/[\s?.!]+$/, '')}: ${prev.frame}`;
    const c = contextFrom(engine, prev, frame, { sentenceWords: 4 });
    return { kind: 'support', resolved: withContext(frame, [...c.places, ...c.words]), frame, documentId, offset: 0, person: prev.person };
  }

  // "when was it published?": "it" is the document of the answer before.
  if (!mention && META_ABOUT_IT.test(own) && IT_REFERENCE.test(own) && answered?.paragraphIds[0]) {
    const docId = answered.paragraphIds[0].split('/')[0]!;
    const doc = engine.corpus.documents.find((d) => d.meta.id === docId);
    if (doc) {
      const frame = own.replace(IT_REFERENCE, `“${doc.meta.title}”`);
      return { kind: 'contextual', resolved: frame, frame, documentId: docId, offset: 0, person: null };
    }
  }

  // "that year", "the same year", "back then": the year of the turn before.
  const prevYears = [...prev.frame.matchAll(YEAR)].map((m) => m[0]);
  let own2 = own;
  if (prevYears.length && !new RegExp(YEAR.source).test(own) && THAT_YEAR.test(own)) own2 = own.replace(THAT_YEAR, `in ${prevYears.join(' and ')}`);

  // "he", "she": the person the previous answer quoted or named.
  const person = prev.person ?? prev.sentences.flatMap((s) => attributedPeople(s, engine.corpus))[0] ?? null;
  // A turn that names its own subject (a place, a name, a document) has its own "he".
  const ownSubject = named !== null || hasOwnSubject(core);
  let frame = own2;
  let substituted = own2 !== own;
  if (person && !ownSubject && new RegExp(PERSON_PRONOUN.source, 'i').test(frame)) {
    frame = frame.replace(PERSON_PRONOUN, (w) => (/^(?:his|hers)$/i.test(w) ? `${person}’s` : person));
    substituted = true;
  }
  // Short turns without a subject lean on the one before ("where do most of them live?",
  // "who said the apology was a mistake?"); longer ones, or ones with a subject, stand alone.
  // (A turn with a subject but little else, "how did China react?", stays standalone: taking
  // context there cost more questions that stand alone — "What is Schweller's lamb?" — than it won.)
  const dependent = substituted || continues || STRONG_ANAPHORA.test(core) || (!ownSubject && terms.length <= 4);
  if (!dependent) {
    const s = standalone();
    // A turn that names no document keeps the restriction only while it depends on it.
    return s;
  }
  // "what about tourism?": a new topic for the same places.
  const topicShift = continues && !substituted && terms.length > 0 && !OTHER_ANAPHORA.test(own);
  const c = contextFrom(engine, prev, frame, { topicShift });
  // The places stay in the frame, so a later "and Kyrgyzstan?" has one to replace.
  const framed = withContext(frame, c.places);
  return { kind: 'contextual', resolved: withContext(frame, [...c.places, ...c.words]), frame: framed, documentId, offset: 0, person: substituted ? person : prev.person };
}
