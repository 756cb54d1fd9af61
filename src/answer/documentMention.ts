import type { Corpus, DocumentMeta, Paragraph } from '../corpus/types.js';
import { analyze } from '../search/analyzer.js';

/**
 * Where a question names one of the corpus's documents. Everything is derived from each
 * document's metadata (id, title, venue, authors, kind, doi) and a general vocabulary of
 * what people call a document ("the paper", "the op-ed"); nothing here knows the corpus.
 */
export interface DocumentMention {
  documentId: string;
  /** Character range of the mention within the text (UTF-16 offsets). */
  start: number;
  end: number;
  how: 'title' | 'venue' | 'author' | 'kind' | 'id';
  /** The name a title gives its subject ("SPECTER"): the thing asked about as well as the paper. */
  subject?: true;
}

interface Token {
  /** Folded form: lower case, accents removed, possessive `'s` dropped. */
  norm: string;
  start: number;
  end: number;
  /** First letter upper case as written (a proper name in a sentence). */
  capital: boolean;
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*['’]?/gu;

function fold(word: string): string {
  let folded = foldedWords.get(word);
  if (folded !== undefined) return folded;
  folded = word
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’]s?$/, '')
    .replace(/['’]/g, '');
  // Each question's words are folded (an NFKD and four replaces a word): remembered, bounded.
  if (foldedWords.size >= WORDS_REMEMBERED) foldedWords.clear();
  foldedWords.set(word, folded);
  return folded;
}
const foldedWords = new Map<string, string>();
const WORDS_REMEMBERED = 20_000;

function tokens(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const norm = fold(m[0]);
    if (norm) out.push({ norm, start: m.index, end: m.index + m[0].length, capital: /^\p{Lu}/u.test(m[0]) });
  }
  return out;
}

/** Words that do not make a title run distinctive on their own. */
const FUNCTION_WORDS = new Set(
  // ("not" too: "Stressful life events are not associated with …" is named without it, or by its opposite.)
  'a an the of to in on at for and or but by with from its it as into over under between about this that these those is are was were be its their his her not no'.split(' '),
);

/** Words before a document noun that make it refer to a document ("the paper", "this piece"). */
const DETERMINERS = new Set(['the', 'this', 'that', 'his', 'her', 'their', 'its', 'same', 'which', 'whose', 'your', 'other', 'first', 'second', 'both', 'each']);

/**
 * What people call a document, by broad class. Scholarly: peer-reviewed articles (a DOI or
 * a "journal" kind). Short: everything else — opinion pieces, blog posts, commentary.
 * "article" fits both classes, so it names a document only when just one document is an
 * article of any kind.
 */
const SCHOLARLY_NOUNS = ['journal article', 'journal paper', 'academic article', 'academic paper', 'research article', 'research paper', 'scholarly article', 'peer reviewed article', 'paper', 'study', 'journal', 'long article', 'longer article'];
const SHORT_NOUNS = ['op ed', 'oped', 'opinion piece', 'piece', 'commentary', 'column', 'blog post', 'blog', 'post', 'essay', 'short article', 'shorter article', 'short piece', 'news article'];
const ANY_NOUNS = ['article', 'document', 'text', 'source', 'publication', 'work', 'review', 'notice', 'directive', 'preprint'];

/** Words of time or order before a document's year: "the older 2018 paper", "the other 2013 one". */
const BEFORE_YEAR = new Set(['older', 'earlier', 'newer', 'later', 'other', 'original', 'old', 'new', 'recent']);

/** Words for a document's length: +1 the longer, −1 the shorter. */
const SIZE: Record<string, 1 | -1> = { long: 1, longer: 1, longest: 1, lengthy: 1, big: 1, bigger: 1, biggest: 1, short: -1, shorter: -1, shortest: -1, brief: -1, briefer: -1, small: -1, smaller: -1, smallest: -1 };

/** The longer (1) or shorter (−1) of a corpus of two documents, by the length of their text; null otherwise. */
function bySize(corpus: Corpus, size: 1 | -1): string | null {
  if (corpus.documents.length !== 2) return null;
  const [a, b] = corpus.documents.map((d) => ({ id: d.meta.id, length: d.paragraphs.reduce((n, p) => n + p.text.length, 0) }));
  if (a!.length === b!.length) return null;
  return (a!.length > b!.length) === (size === 1) ? a!.id : b!.id;
}

/** "One" stands for a document only after its year ("the 2013 one") or its length ("the longer one"). */
const ONE: NounPhrase = { words: ['one'], fits: () => true };

interface NounPhrase {
  words: string[];
  /** A noun of the title's own (TITLED_NOUNS). */
  titled?: true;
  /** Documents this noun can name (by index into the corpus's documents). */
  fits: (meta: DocumentMeta) => boolean;
}

function isScholarly(meta: DocumentMeta): boolean {
  return meta.doi !== null || /journal|paper|chapter|thesis|report|book/i.test(meta.kind);
}

/**
 * What an official document is called by its title's own word: "the joint statement", "the
 * readout", "his remarks" name the documents whose title says so ("Readout of President
 * Biden's Meeting …"), not any document.
 */
const TITLED_NOUNS = ['statement', 'readout', 'remarks', 'speech', 'transcript', 'testimony', 'resolution', 'proclamation', 'fact sheet'];
/** Documents a titled noun may name at most for the others in the question to choose among. */
const MAX_TITLED_RIVALS = 5;
const titleSays = (noun: string) => {
  const word = new RegExp(String.raw`\b${noun}\b`, 'i');
  return (meta: DocumentMeta) => word.test(meta.title);
};

const NOUNS: NounPhrase[] = [
  ...SCHOLARLY_NOUNS.map((n) => ({ words: n.split(' '), fits: isScholarly })),
  ...TITLED_NOUNS.map((n) => ({ words: n.split(' '), fits: titleSays(n), titled: true as const })),
  ...SHORT_NOUNS.map((n) => ({ words: n.split(' '), fits: (m: DocumentMeta) => !isScholarly(m) })),
  ...ANY_NOUNS.map((n) => ({ words: n.split(' '), fits: () => true })),
].sort((a, b) => b.words.length - a.words.length);

/** The document noun starting at token i, longest first ("journal article" before "journal"). */
function nounAt(toks: Token[], i: number): NounPhrase | null {
  for (const noun of NOUNS) {
    if (noun.words.every((w, k) => toks[i + k]?.norm === w)) return noun;
  }
  // "whats the op-eds overall conclusion": a possessive typed without its apostrophe, where a
  // word of what it has follows (not "the op-eds say", "the papers and …": the plural).
  for (const noun of NOUNS) {
    const last = noun.words.length - 1;
    const next = toks[i + last + 1]?.norm;
    if (next === undefined || FUNCTION_WORDS.has(next) || PLURAL_VERB.test(next)) continue;
    if (noun.words.every((w, k) => toks[i + k]?.norm === (k === last ? `${w}s` : w))) return noun;
  }
  return null;
}

/** Verbs after a plural subject: "the papers say", "the op-eds agree". */
const PLURAL_VERB = /^(?:say|said|argue|argued|agree|agreed|disagree|differ|show|showed|find|found|claim|claimed|have|had|do|did|are|were|make|made|give|gave|mention|mentioned|cover|covered|discuss|discussed|suggest|suggested|both|all|each)$/;

/** Splits a venue such as "International Politics (Springer Nature / Palgrave Macmillan)" into names. */
function venueNames(venue: string): string[][] {
  return venue
    .split(/[()/,;]|\b(?:also|republished|published|reprinted|by|and)\b/i)
    .map((part) => tokens(part).map((t) => t.norm))
    .filter((words) => words.length > 0 && words.some((w) => !FUNCTION_WORDS.has(w)));
}

function surname(author: string): string | null {
  const parts = tokens(author.replace(/,?\s+(?:jr|sr|ii|iii)\.?$/i, '')).map((t) => t.norm);
  return parts.at(-1) ?? null;
}

/** The words of an author's name before the surname ("brandon" of "Brandon Miliate"). */
function givenNames(author: string): string[] {
  return tokens(author.replace(/,?\s+(?:jr|sr|ii|iii)\.?$/i, '')).map((t) => t.norm).slice(0, -1);
}

/** True edit distance of at most one (substitution, insertion, deletion, transposition). */
function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

interface DocumentCues {
  id: string;
  meta: DocumentMeta;
  idWords: string[];
  titleWords: string[];
  /** The title's parts before and after its colon, of BAG_MIN_WORDS content words or more. */
  titleParts: string[][];
  titleContent: number;
  venues: string[][];
  surnames: string[];
  /** The authors' given names: "Brandon Miliate" is one mention, not "Brandon" and a mention. */
  givenNames: Set<string>;
  /** The one word a title names its subject by before a colon ("specter" of "SPECTER: …"), if it has one. */
  headName: string | null;
}

/** "SPECTER: Document-level …" → "specter"; a title without a one-word head before a colon → null. */
function headNameOf(title: string): string | null {
  const m = /^\s*([\p{L}\p{N}][\p{L}\p{N}-]{2,})\s*:/u.exec(title);
  if (!m) return null;
  const word = fold(m[1]!);
  return FUNCTION_WORDS.has(word) ? null : word;
}

/**
 * Whether a head name is the document's own: written in its text and hardly anywhere else
 * (another paper comparing itself with SPECTER names the method, not that paper).
 */
function ownName(corpus: Corpus, name: string, docIndex: number): boolean {
  let known = ownNames.get(corpus);
  if (!known) ownNames.set(corpus, (known = new Map()));
  const key = `${docIndex} ${name}`;
  const cached = known.get(key);
  if (cached !== undefined) return cached;
  const answer = countOwnName(corpus, name, docIndex);
  // (Read once a corpus: a scan of every paragraph.)
  if (known.size < 1_000) known.set(key, answer);
  return answer;
}
const ownNames = new WeakMap<Corpus, Map<string, boolean>>();

function countOwnName(corpus: Corpus, name: string, docIndex: number): boolean {
  let own = 0;
  let others = 0;
  const word = new RegExp(String.raw`(?<![\p{L}\p{N}])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\p{L}\p{N}])`, 'iu');
  corpus.documents.forEach((d, i) => {
    for (const p of d.paragraphs) if (word.test(p.text)) i === docIndex ? own++ : others++;
  });
  return own > 0 && own >= 4 * others;
}

/** Title content words (distinct) a window must hold to name the title in any order, and the most tokens the window may span. */
const BAG_SHARE = 0.6;
const BAG_MIN_WORDS = 3;

/** The shortest run of tokens holding most of a title's content words in any order, or null. */
function titleBag(toks: Token[], title: string[]): { from: number; to: number } | null {
  const content = title.filter((w) => !FUNCTION_WORDS.has(w)).length;
  const need = Math.max(BAG_MIN_WORDS, Math.ceil(content * BAG_SHARE));
  if (content < need) return null;
  const words = new Set(title.filter((w) => !FUNCTION_WORDS.has(w)));
  const span = need * 2 + 2;
  let best: { from: number; to: number } | null = null;
  for (let i = 0; i < toks.length; i++) {
    if (!words.has(toks[i]!.norm)) continue;
    const seen = new Set<string>();
    for (let j = i; j < Math.min(toks.length, i + span); j++) {
      if (words.has(toks[j]!.norm)) seen.add(toks[j]!.norm);
      if (seen.size >= need) {
        if (!best || j - i < best.to - best.from) best = { from: i, to: j };
        break;
      }
    }
  }
  return best;
}

const cuesCache = new WeakMap<Corpus, DocumentCues[]>();

/** A surname this long or longer is also named with a slip of one letter (see `allMentions`). */
const SLIP_LENGTH = 6;

/**
 * Which documents a question's words can name, so that `allMentions` reads the cues of those
 * alone (at ×1000 the corpus, 2,000 documents' cues for every question were a tenth of a
 * warm answer's time). A document can be named only through a word of it: its id's first
 * word, a title word that is no function word, a venue's first word, a surname; or a word
 * one letter off a long surname, which shares with it the surname or the surname less one
 * letter (a letter changed: both less that letter; one added or dropped: the longer less
 * it; two swapped: both less one of them).
 */
interface CandidateIndex {
  byWord: Map<string, number[]>;
  /** A long surname and each of it less one letter → its documents. */
  bySlip: Map<string, number[]>;
}

const candidateIndexes = new WeakMap<Corpus, CandidateIndex>();

/** The word and each of it less one letter. */
function lessOneLetter(word: string): string[] {
  const out = [word];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

function candidateIndex(corpus: Corpus): CandidateIndex {
  let index = candidateIndexes.get(corpus);
  if (index) return index;
  index = { byWord: new Map(), bySlip: new Map() };
  const add = (map: Map<string, number[]>, key: string, d: number) => {
    const list = map.get(key);
    if (!list) map.set(key, [d]);
    else if (list[list.length - 1] !== d) list.push(d);
  };
  cuesFor(corpus).forEach((doc, d) => {
    if (doc.idWords.length) add(index!.byWord, doc.idWords[0]!, d);
    for (const w of doc.titleWords) if (!FUNCTION_WORDS.has(w)) add(index!.byWord, w, d);
    for (const venue of doc.venues) add(index!.byWord, venue[0]!, d);
    for (const s of doc.surnames) {
      add(index!.byWord, s, d);
      if (s.length >= SLIP_LENGTH) for (const key of lessOneLetter(s)) add(index!.bySlip, key, d);
    }
  });
  candidateIndexes.set(corpus, index);
  return index;
}

/** The documents (their cues' indexes, in corpus order) that the tokens may name. */
function candidateDocuments(corpus: Corpus, toks: Token[]): number[] {
  const { byWord, bySlip } = candidateIndex(corpus);
  const out = new Set<number>();
  for (const tok of toks) {
    for (const d of byWord.get(tok.norm) ?? []) out.add(d);
    if (tok.norm.length >= SLIP_LENGTH) for (const key of lessOneLetter(tok.norm)) for (const d of bySlip.get(key) ?? []) out.add(d);
  }
  return [...out].sort((a, b) => a - b);
}

function cuesFor(corpus: Corpus): DocumentCues[] {
  const cached = cuesCache.get(corpus);
  if (cached) return cached;
  const cues = corpus.documents.map(({ meta }) => {
    const titleWords = tokens(meta.title).map((t) => t.norm);
    return {
      id: meta.id,
      meta,
      idWords: tokens(meta.id).map((t) => t.norm),
      titleWords,
      titleContent: titleWords.filter((w) => !FUNCTION_WORDS.has(w)).length,
      // A long title's parts on each side of its colon, each a name of the paper too ("… in
      // resource-limited settings: a situational analysis at the Medical Department of …").
      titleParts: meta.title.includes(':') ? meta.title.split(':').map((part) => tokens(part).map((t) => t.norm)).filter((part) => part.filter((w) => !FUNCTION_WORDS.has(w)).length >= BAG_MIN_WORDS) : [],
      venues: venueNames(meta.venue),
      surnames: meta.authors.map(surname).filter((s): s is string => !!s),
      givenNames: new Set(meta.authors.flatMap(givenNames)),
      headName: headNameOf(meta.title),
    };
  });
  cuesCache.set(corpus, cues);
  return cues;
}

const ordinaryWords = new WeakMap<Corpus, Map<string, boolean>>();

/** Folds a text as `isOrdinaryWord` reads it: accents taken off the letters, case as written. */
const foldAccents = (text: string): string => text.normalize('NFKD').replace(/\p{M}/gu, '');

/**
 * The corpus's text as `isOrdinaryWord` reads it, made once a corpus (folding every paragraph
 * again for each surname looked up was ~1 s a question naming an author at ×1000 the corpus,
 * where every document has its own authors): the paragraphs that folding leaves as they are
 * (most: ASCII folds to itself), and every run of letters of the others, folded. A surname of
 * letters only matches a folded text exactly where it is one of its runs of letters.
 */
interface FoldedCorpus {
  unchanged: string[];
  foldedRuns: Set<string>;
}

const foldedCorpora = new WeakMap<Corpus, FoldedCorpus>();

/** Adds what `isOrdinaryWord` reads of these paragraphs to `into`. */
function foldParagraphs(paragraphs: readonly Paragraph[], into: FoldedCorpus): void {
  for (const p of paragraphs) {
    const folded = /[^\x00-\x7f]/.test(p.text) ? foldAccents(p.text) : p.text;
    if (folded === p.text) into.unchanged.push(p.text);
    else for (const m of folded.matchAll(/\p{L}+/gu)) into.foldedRuns.add(m[0]);
  }
}

function foldedCorpus(corpus: Corpus): FoldedCorpus {
  let folded = foldedCorpora.get(corpus);
  if (!folded) {
    folded = { unchanged: [], foldedRuns: new Set() };
    for (const d of corpus.documents) foldParagraphs(d.paragraphs, folded);
    foldedCorpora.set(corpus, folded);
  }
  return folded;
}

/**
 * Folds the corpus for `isOrdinaryWord`, and counts each document's own words for naming it
 * by its subject, ahead of the questions (the bot's background warm-up, src/warmUp.ts), a
 * document a turn of the event loop: ~1 s at ×1000 the corpus, else paid by the first question
 * naming an author in lower case (or a paper by its subject). `keepGoing` is asked before each; a
 * question needing it before the end folds the corpus at once.
 */
export async function warmDocumentMentions(corpus: Corpus, keepGoing: () => boolean = () => true): Promise<void> {
  const folded: FoldedCorpus = { unchanged: [], foldedRuns: new Set() };
  for (const d of corpus.documents) {
    if (foldedCorpora.has(corpus) || !keepGoing()) return;
    foldParagraphs(d.paragraphs, folded);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  if (!foldedCorpora.has(corpus)) foldedCorpora.set(corpus, folded);
  candidateIndex(corpus);
  // The words of each document's own subject, a document a turn too (~0.2 s with 120 documents).
  if (bodyWordIndexes.has(corpus) || !bodyWordsWanted(corpus)) return;
  const uses = new Map<string, Map<number, number>>();
  for (let i = 0; i < corpus.documents.length; i++) {
    if (bodyWordIndexes.has(corpus) || !keepGoing()) return;
    countBodyWords(corpus, i, uses);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  if (!bodyWordIndexes.has(corpus)) bodyWordIndexes.set(corpus, bodyWordsOf(uses));
}

/**
 * Whether the corpus uses a surname such as "Brown" or "Young" as an ordinary word (in lower
 * case, so never as a sentence's first word): then it needs a capital to name an author.
 * Looked up when a question's word matches a surname, once per surname: scanning every
 * paragraph for every author at start-up cost 0.4 s with 120 documents.
 */
function isOrdinaryWord(corpus: Corpus, surname: string): boolean {
  let known = ordinaryWords.get(corpus);
  if (!known) ordinaryWords.set(corpus, (known = new Map()));
  const cached = known.get(surname);
  if (cached !== undefined) return cached;
  const escaped = surname.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // Lower case as written; accents as in the text (the surname is folded, so match both).
  const word = new RegExp(`(?<![\\p{L}])${escaped}(?![\\p{L}])`, 'u');
  let ordinary: boolean;
  if (/^\p{L}+$/u.test(surname)) {
    const { unchanged, foldedRuns } = foldedCorpus(corpus);
    // A text without the surname's letters in a row cannot match: `includes` first, far cheaper than the expression.
    ordinary = foldedRuns.has(surname) || unchanged.some((text) => text.includes(surname) && word.test(text));
  } else {
    ordinary = corpus.documents.some((d) => d.paragraphs.some((p) => word.test(foldAccents(p.text))));
  }
  if (known.size < 1_000) known.set(surname, ordinary);
  return ordinary;
}

/** Paragraphs of text a title's words must appear in, as a phrase, to be a topic's name rather than a document's. */
const TOPIC_PARAGRAPHS = 3;
const topicPhrases = new WeakMap<Corpus, Map<string, boolean>>();

/** Whether the corpus's text uses these words, in this order, in TOPIC_PARAGRAPHS paragraphs or more. */
function isTopicPhrase(corpus: Corpus, words: string[]): boolean {
  const key = words.join(' ');
  let known = topicPhrases.get(corpus);
  if (!known) topicPhrases.set(corpus, (known = new Map()));
  const cached = known.get(key);
  if (cached !== undefined) return cached;
  const escaped = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const phrase = new RegExp(`(?<![\\p{L}\\p{N}])${escaped.join('[^\\p{L}\\p{N}]+(?:s[^\\p{L}\\p{N}]+)?')}(?![\\p{L}\\p{N}])`, 'iu');
  let count = 0;
  outer: for (const doc of corpus.documents) {
    for (const p of doc.paragraphs) {
      if (phrase.test(p.text) && ++count >= TOPIC_PARAGRAPHS) break outer;
    }
  }
  const topic = count >= TOPIC_PARAGRAPHS;
  if (known.size < 1_000) known.set(key, topic);
  return topic;
}

function startsWithAt(toks: Token[], i: number, words: string[]): boolean {
  return words.length > 0 && words.every((w, k) => toks[i + k]?.norm === w);
}

/** The end offset after an optional document noun following token j ("… piece", "…'s paper"). */
function extendOverNoun(toks: Token[], j: number, end: number): number {
  const noun = nounAt(toks, j);
  return noun ? toks[j + noun.words.length - 1]!.end : end;
}

/** Ranges of quoted text, where a partial title counts ("in “The Steppes”"). */
function quotedRanges(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const m of text.matchAll(/["“”«»]([^"“”«»]{3,200})["“”«»]/g)) out.push([m.index + 1, m.index + 1 + m[1]!.length]);
  return out;
}

/** Longest run of text tokens equal to consecutive title words. */
function titleRun(toks: Token[], title: string[]): { from: number; to: number; content: number } | null {
  let best: { from: number; to: number; content: number } | null = null;
  for (let i = 0; i < toks.length; i++) {
    for (let t = 0; t < title.length; t++) {
      if (toks[i]!.norm !== title[t]) continue;
      let k = 0;
      while (i + k < toks.length && t + k < title.length && toks[i + k]!.norm === title[t + k]) k++;
      let content = 0;
      for (let q = 0; q < k; q++) if (!FUNCTION_WORDS.has(title[t + q]!)) content++;
      if (!best || content > best.content) best = { from: i, to: i + k - 1, content };
    }
  }
  return best;
}

type How = DocumentMention['how'];
/** What follows a document named as the teller of a claim the question reports ("the op-ed says …"). */
const REPORTED = /^\s*(?:also\s+|too\s+|clearly\s+)?(?:says|said|claims|claimed|argues|argued|writes|wrote|states|stated|mentions|mentioned|reports|reported|notes|noted|puts it|suggests|suggested)\b/i;
const STRENGTH: Record<How, number> = { id: 5, title: 4, author: 3, venue: 2, kind: 1 };

/**
 * Where a question names one of the corpus's documents: "the east asia forum piece", "the
 * journal article", "Irgengioro's paper", "the steppes to the states", "the op-ed". Null
 * when none. The strongest kind of mention wins (id, title, author, venue, kind), then the
 * earliest. A kind ("the paper") counts only when exactly one document is of that kind.
 */
export function findDocumentMention(corpus: Corpus, text: string, context = ''): DocumentMention | null {
  const all = findDocumentMentions(corpus, text);
  // "the op-ed says a strip under 40 km separates them. what distance does the journal article
  // give?": a document whose claim the question reports is not the one it asks.
  const asked = all.filter((m) => !REPORTED.test(text.slice(m.end)));
  const mentions = asked.length > 0 && asked.length < all.length ? asked : all;
  const first = mentions[0];
  if (!first) return null;
  // "the factbook" with two factbooks in the corpus: the one the rest of the question names
  // ("… about Mongolia's population" → The World Factbook: Mongolia), or its `context` (what a
  // conversation was about: "the joint statement" after the C5+1 readout), else none of them.
  const rivals = mentions.filter((m) => m.start === first.start && m.end === first.end && m.how === first.how);
  if (rivals.length === 1) return first;
  const rest = new Set(analyze(`${text.slice(0, first.start)} ${text.slice(first.end)} ${context}`));
  const scored = rivals.map((m) => {
    const title = corpus.documents.find((d) => d.meta.id === m.documentId)?.meta.title ?? '';
    return { m, shared: analyze(title).filter((t) => rest.has(t)).length };
  });
  const best = Math.max(...scored.map((x) => x.shared));
  const winners = scored.filter((x) => x.shared === best);
  return best > 0 && winners.length === 1 ? winners[0]!.m : null;
}

/** The text with the spans the mentions cover blanked out: what is asked once the documents named are taken out. */
export function withoutMentions(text: string, mentions: ReadonlyArray<{ start: number; end: number }>): string {
  let out = text;
  for (const m of [...mentions].sort((a, b) => b.start - a.start)) out = `${out.slice(0, m.start)} ${out.slice(m.end)}`;
  return out;
}

/** Every document the text names, one mention each (its strongest), strongest first. */
export function findDocumentMentions(corpus: Corpus, text: string): DocumentMention[] {
  const found = allMentions(corpus, text);
  const seen = new Set<string>();
  return found.filter((m) => !seen.has(m.documentId) && seen.add(m.documentId));
}

function allMentions(corpus: Corpus, text: string): DocumentMention[] {
  const toks = tokens(text);
  if (toks.length === 0) return [];
  const quoted = quotedRanges(text);
  const found: DocumentMention[] = [];

  const cues = cuesFor(corpus);
  // The same mentions, in the same order, as reading every document's cues.
  for (const d of candidateDocuments(corpus, toks)) {
    const doc = cues[d]!;
    // id: "irgengioro-2022", "irgengioro 2022"
    for (let i = 0; i < toks.length; i++) {
      if (startsWithAt(toks, i, doc.idWords)) found.push({ documentId: doc.id, start: toks[i]!.start, end: toks[i + doc.idWords.length - 1]!.end, how: 'id' });
    }
    // title: most of the title's words in order, or a distinctive part of it in quotes.
    const run = titleRun(toks, doc.titleWords);
    if (run && run.content >= 1) {
      const start = toks[run.from]!.start;
      const end = toks[run.to]!.end;
      const most = run.content >= Math.max(2, Math.ceil(doc.titleContent * 0.6));
      // A quotation that is all title words ("The Steppes") names the title, however short.
      const wholeQuote = quoted.some(([a, b]) => a <= start && end <= b && text.slice(a, start).trim() === '' && /^[\s.,!?]*$/.test(text.slice(end, b)));
      // A title that is a topic's name ("Central Asia", an encyclopedia's entry) names the
      // topic when the question uses it as the corpus does: the document only when quoted or
      // called a document ("the Central Asia article").
      const named = () => nounAt(toks, run.to + 1) !== null || !isTopicPhrase(corpus, toks.slice(run.from, run.to + 1).map((t) => t.norm));
      if (wholeQuote || (most && named())) found.push({ documentId: doc.id, start, end, how: 'title' });
    }
    // Most of a long title's words, close together in any order: "the paper on building the
    // Semantic Scholar literature graph" for "Construction of the Literature Graph in Semantic Scholar".
    if (!found.some((f) => f.documentId === doc.id && f.how === 'title')) {
      const bag = [doc.titleWords, ...doc.titleParts].reduce<{ from: number; to: number } | null>((found, words) => found ?? titleBag(toks, words), null);
      if (bag) found.push({ documentId: doc.id, start: toks[bag.from]!.start, end: toks[bag.to]!.end, how: 'title' });
    }
    // A title's own name for its subject, before the colon ("SPECTER: Document-level …",
    // "VESPA: Very large-scale …"): named alone, the paper, when its text is where the name is used.
    const head = doc.headName;
    if (head && !found.some((f) => f.documentId === doc.id)) {
      const at = toks.findIndex((t) => t.norm === head);
      if (at >= 0 && ownName(corpus, head, d)) found.push({ documentId: doc.id, start: toks[at]!.start, end: extendOverNoun(toks, at + 1, toks[at]!.end), how: 'title', subject: true });
    }
    // author: the surname (a slip of one letter allowed in long names), with "'s paper" after it.
    for (let i = 0; i < toks.length; i++) {
      const tok = toks[i]!;
      const name = doc.surnames.find((s) => tok.norm === s || (s.length >= SLIP_LENGTH && tok.norm.length >= SLIP_LENGTH && withinOneEdit(tok.norm, s)));
      if (!name) continue;
      if (!tok.capital && isOrdinaryWord(corpus, name)) continue;
      let from = i;
      // (Not a given name that is a function word, in lower case: "what will smith say".)
      while (from > 0 && doc.givenNames.has(toks[from - 1]!.norm) && (toks[from - 1]!.capital || !FUNCTION_WORDS.has(toks[from - 1]!.norm))) from--;
      found.push({ documentId: doc.id, start: toks[from]!.start, end: extendOverNoun(toks, i + 1, tok.end), how: 'author' });
    }
    // venue: a name of three words or more; a shorter one needs a capital or a document noun after it.
    for (const venue of doc.venues) {
      for (let i = 0; i < toks.length; i++) {
        if (!startsWithAt(toks, i, venue)) continue;
        const last = i + venue.length - 1;
        const capitalised = toks.slice(i, last + 1).every((t, k) => t.capital || FUNCTION_WORDS.has(venue[k]!));
        const noun = nounAt(toks, last + 1);
        if (venue.length >= 3 || capitalised || noun) {
          found.push({ documentId: doc.id, start: toks[i]!.start, end: extendOverNoun(toks, last + 1, toks[last]!.end), how: 'venue' });
        }
      }
    }
  }

  // kind: "the op-ed", "this journal article" — only when one document alone fits.
  for (let i = 1; i < toks.length; i++) {
    if (!DETERMINERS.has(toks[i - 1]!.norm)) continue;
    let j = i;
    // an adjective or two may come between: "the short op-ed", "the academic paper"
    let noun = nounAt(toks, j);
    if (!noun && toks[i + 1]) noun = nounAt(toks, (j = i + 1));
    // "the older 2018 paper", "the other 2013 one": a word of time or order before the year.
    if (!noun && BEFORE_YEAR.has(toks[i]!.norm) && /^(?:1[89]|20)\d\d$/.test(toks[i + 1]?.norm ?? '') && toks[i + 2]) {
      const later = nounAt(toks, i + 2) ?? (toks[i + 2]!.norm === 'one' ? ONE : null);
      const fits = later ? corpus.documents.filter((d) => later.fits(d.meta) && d.meta.year === Number(toks[i + 1]!.norm)) : [];
      if (later && fits.length === 1) found.push({ documentId: fits[0]!.meta.id, start: toks[i - 1]!.start, end: toks[i + 1 + later.words.length]!.end, how: 'kind' });
      continue;
    }
    // "the 2013 one", "the 2022 paper": a year between names the document of that year.
    const year = j === i + 1 && /^(?:1[89]|20)\d\d$/.test(toks[i]!.norm) ? Number(toks[i]!.norm) : null;
    if (!noun && year !== null && toks[i + 1]?.norm === 'one') noun = ONE;
    // "the longer piece", "the short one": of two documents, the one of that length, whatever
    // class its noun names ("piece" said of the long article too).
    const size = j === i + 1 ? SIZE[toks[i]!.norm] : undefined;
    if (size !== undefined && !noun && toks[i + 1]?.norm === 'one') noun = ONE;
    if (!noun) continue;
    const sized = size !== undefined ? bySize(corpus, size) : null;
    if (sized) {
      found.push({ documentId: sized, start: toks[i - 1]!.start, end: toks[j + noun.words.length - 1]!.end, how: 'kind' });
      continue;
    }
    // ("the joint statement": a word before a title's own noun is the title's too.)
    const before = noun.titled && j === i + 1 ? titleSays(toks[i]!.norm) : () => true;
    const fits = corpus.documents.filter((d) => noun.fits(d.meta) && before(d.meta) && (year === null || d.meta.year === year));
    // ("the joint statement" of two: both, the same span — the rest of the question, or the
    // conversation, tells them apart in findDocumentMention.)
    const rivals = noun.titled && fits.length > 1 && fits.length <= MAX_TITLED_RIVALS;
    if (fits.length !== 1 && !rivals) continue;
    for (const fit of fits) found.push({ documentId: fit.meta.id, start: toks[i - 1]!.start, end: toks[j + noun.words.length - 1]!.end, how: 'kind' });
  }

  // "the dementia study", "the heart failure paper": words of one document's title alone
  // before a document noun (up to three, not all function words).
  const byTitleWord = titleWordIndex(corpus);
  for (let i = 1; i < toks.length - 1; i++) {
    if (!DETERMINERS.has(toks[i - 1]!.norm)) continue;
    for (let j = i + 1; j <= Math.min(i + 3, toks.length - 1); j++) {
      const noun = nounAt(toks, j);
      if (!noun) continue;
      const words = toks.slice(i, j).map((t) => t.norm).filter((w) => !FUNCTION_WORDS.has(w));
      const fits = words.reduce<number[] | null>((acc, w) => {
        const docs = byTitleWord.get(w);
        return docs ? (acc ?? [...docs]).filter((d) => docs.has(d)) : [];
      }, null);
      if (fits?.length === 1) found.push({ documentId: corpus.documents[fits[0]!]!.meta.id, start: toks[i - 1]!.start, end: toks[j + noun.words.length - 1]!.end, how: 'title' });
      break;
    }
  }

  // "the dvt review", "the ace inhibitor paper", "the 737 max notice": words before a document
  // noun that the text of one document alone uses (its own subject), when no title word did.
  if (!found.some((f) => f.how === 'title')) {
    const byBodyWord = bodyWordIndex(corpus);
    for (let i = 1; byBodyWord && i < toks.length - 1; i++) {
      if (!DETERMINERS.has(toks[i - 1]!.norm)) continue;
      for (let j = i + 1; j <= Math.min(i + 3, toks.length - 1); j++) {
        const noun = nounAt(toks, j);
        if (!noun) continue;
        const terms = toks.slice(i, j).flatMap((t) => (FUNCTION_WORDS.has(t.norm) ? [] : analyze(t.norm)));
        // (A word too rare to tell, "737", leaves it to the others; at least half must tell, and agree.)
        const told = terms.map((t) => byBodyWord.get(t)).filter((d): d is number => d !== undefined);
        const docs = new Set(told);
        const only = docs.size === 1 && told.length * 2 >= terms.length ? told[0] : undefined;
        if (only !== undefined) found.push({ documentId: corpus.documents[only]!.meta.id, start: toks[i - 1]!.start, end: toks[j + noun.words.length - 1]!.end, how: 'title' });
        break;
      }
    }
  }

  return found.sort((a, b) => STRENGTH[b.how] - STRENGTH[a.how] || a.start - b.start || b.end - a.end);
}

/** A word counts as one document's own when this share of its uses, and at least BODY_WORD_USES, are in it. */
const BODY_WORD_SHARE = 0.8;
const BODY_WORD_USES = 3;
/** Above this many documents, body words are not indexed for naming (a pass over the whole text). */
const BODY_WORD_DOCUMENTS = 300;
const bodyWordIndexes = new WeakMap<Corpus, Map<string, number> | null>();

/** Each term the text of one document alone uses (by the share above) → that document's index; null for a large corpus. */
function bodyWordIndex(corpus: Corpus): Map<string, number> | null {
  let index = bodyWordIndexes.get(corpus);
  if (index !== undefined) return index;
  const uses = bodyWordsWanted(corpus) ? new Map<string, Map<number, number>>() : null;
  if (uses) corpus.documents.forEach((_, i) => countBodyWords(corpus, i, uses));
  index = uses && bodyWordsOf(uses);
  bodyWordIndexes.set(corpus, index);
  return index;
}

const bodyWordsWanted = (corpus: Corpus) => corpus.documents.length > 2 && corpus.documents.length <= BODY_WORD_DOCUMENTS;

/** Adds the uses of each term of document `i`'s text. */
function countBodyWords(corpus: Corpus, i: number, uses: Map<string, Map<number, number>>): void {
  for (const p of corpus.documents[i]!.paragraphs) {
    for (const t of analyze(p.text)) {
      let perDoc = uses.get(t);
      if (!perDoc) uses.set(t, (perDoc = new Map()));
      perDoc.set(i, (perDoc.get(i) ?? 0) + 1);
    }
  }
}

function bodyWordsOf(uses: Map<string, Map<number, number>>): Map<string, number> {
  const index = new Map<string, number>();
  for (const [t, perDoc] of uses) {
    let total = 0;
    let best = -1;
    let bestCount = 0;
    for (const [d, n] of perDoc) {
      total += n;
      if (n > bestCount) [best, bestCount] = [d, n];
    }
    if (bestCount >= BODY_WORD_USES && bestCount >= BODY_WORD_SHARE * total) index.set(t, best);
  }
  return index;
}

const titleWordIndexes = new WeakMap<Corpus, Map<string, Set<number>>>();

/** Each content word of a title → the documents whose title has it (made once a corpus). */
function titleWordIndex(corpus: Corpus): Map<string, Set<number>> {
  let index = titleWordIndexes.get(corpus);
  if (!index) {
    index = new Map();
    cuesFor(corpus).forEach((c, d) => {
      for (const w of c.titleWords) if (!FUNCTION_WORDS.has(w)) (index!.get(w) ?? index!.set(w, new Set()).get(w)!).add(d);
    });
    titleWordIndexes.set(corpus, index);
  }
  return index;
}
