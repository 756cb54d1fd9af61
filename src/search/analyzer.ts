import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import { words as naturalStopwords } from 'natural/lib/natural/util/stopwords.js';
import { ACRONYMS, CHAT_WORDS, PHRASAL_VERBS, PLACES, SPELLINGS, SYNONYMS, UNITS_AFTER_NUMBER } from './expansions.js';

/**
 * The analyzer shared by indexing and querying: the same tokens, stop words and stems on
 * both sides, or nothing would match.
 *
 * Tokens are words (with inner apostrophes and hyphens split off) and numbers, with
 * thousands separators removed and decimals kept: `1,494,300` → `1494300`, `$1.95` → `1.95`,
 * so figures are searchable (MiniSearch's default tokenizer splits `1.95` into `1` and `95`).
 */

// A name that starts with letters and holds digits is one token ("S2ORC", "G20", "H1N1",
// "C5"); a number followed by letters is the number ("1990s", "19th", "81.1M").
// Written with the letters once (a word, then its digits or its apostrophes) rather than as
// three alternatives, two of which scanned every word's letters again: the same tokens at the
// same places (checked on the 120 material texts), in half the time.
const TOKEN = /[\p{L}\p{M}]+(?:\d[\p{L}\p{M}\d]*|(?:['’]\p{L}+)*)|\d+(?:[.,]\d+)*/gu;

/** Words that carry no topic in a question, beyond natural's list of English stop words. */
const QUESTION_WORDS = [
  'tell', 'explain', 'describe', 'know', 'anything', 'something', 'according', 'regarding',
  'please', 'give', 'show', 'find', 'say', 'says', 'said', 'write', 'wrote', 'mention', 'mentioned',
  'author', 'article', 'paper', 'text', 'there', 'been', 'any', 'has', 'have', 'happen', 'happened',
  'much', 'many', 'often', 'does', 'did', 'do', 'is', 'are', 'was', 'were', 'the', 'ever', 'yes', 'no', 'not',
  'really', 'actually', 'like', 'get', 'gets', 'getting', 'per', 'given', 'kind', 'sort', 'lot', 'lots', 'exactly',
  'just', 'maybe', 'perhaps', 'thing', 'things', 'way', 'ways', 'someone', 'anyone', 'whether', 'also',
  // Verbs of naming: "can it be called a weak state?" is about weak states, not calls.
  'called', 'named', 'termed', 'dubbed', 'labelled', 'labeled',
];

export const STOP_WORDS: ReadonlySet<string> = new Set([...naturalStopwords, ...QUESTION_WORDS]);

/** `organisation` → `organization` before stemming, so both spellings stem alike. */
function americanize(word: string): string {
  return word.replace(/^([a-z]{3,})is(e|es|ed|ing|ation|ations|er|ers)$/, (whole, stem: string, suffix: string) =>
    NOT_ISE_SUFFIX.test(whole) ? whole : `${stem}iz${suffix}`,
  );
}
/** Words where `-ise` is part of the root, not the British spelling of `-ize`. */
const NOT_ISE_SUFFIX =
  /^(otherwise|exercis|promis|compromis|enterpris|surpris|premis|expertis|franchis|merchandis|advis|devis|revis|supervis|televis|concis|precis|prais|rais|nois|pois|cruis|appris|chastis|despis|disguis|incis|circumcis|arise|arising|aros|ris)/;

const chatWords = new Map(Object.entries(CHAT_WORDS));
const unitsAfterNumber = new Map(Object.entries(UNITS_AFTER_NUMBER));

/**
 * Chat words spelled out in running text, for what reads the question's words as written
 * rather than as index terms (figure questions, conversation rules): "wat does kaz export to
 * mongo" → "what does kazakhstan export to mongolia". A unit after a number stays ("40 kg",
 * "$5 mil"), so do initials ("U.S.", "R&D", "w/"), words of the language the index reads
 * otherwise ("invest", "nowadays") and words that stand for nothing ("lol", "tl;dr").
 */
const KEPT_AS_WRITTEN = new Set(['invest', 'nowadays', 'lately']);
/** Chat words only as chat types them: "rn" is right now, "RN" a registered nurse; "atm" now, "ATM" a cash machine. */
const LOWER_CASE_ONLY = new Set(['rn', 'atm']);
/** Contractions typed without their apostrophe, as written ("whats" is "what's" here; the index drops the "'s"). */
const CONTRACTED: Record<string, string> = {
  whats: 'what’s', hows: 'how’s', whos: 'who’s', wheres: 'where’s', thats: 'that’s', isnt: 'isn’t', doesnt: 'doesn’t', dont: 'don’t',
  didnt: 'didn’t', cant: 'can’t', wont: 'won’t', arent: 'aren’t', wasnt: 'wasn’t', werent: 'weren’t',
  hasnt: 'hasn’t', havent: 'haven’t', hadnt: 'hadn’t', wouldnt: 'wouldn’t', couldnt: 'couldn’t', shouldnt: 'shouldn’t',
};
export function spellChatWords(text: string): string {
  return text
    .replace(/(\d\s*)?\b(\p{L}+)(?=(['’]s)?\b)(?!['’](?!s\b))(?![.&]\p{L}|\/)/gu, (whole, number: string | undefined, word: string) => {
      const lower = word.toLowerCase();
      if (number || KEPT_AS_WRITTEN.has(lower) || (LOWER_CASE_ONLY.has(lower) && word !== lower)) return whole;
      const meant = CONTRACTED[lower] ?? chatWords.get(lower);
      // (A word that stands for nothing, "lol", "stuff", "tl;dr", stays: what reads the text reads it as written.)
      return meant ? meant : whole;
    });
}

const spellingMap = new Map(SPELLINGS.flatMap(([gb, us]) => [[gb!, us!] as const]));

/**
 * Porter conflates some unrelated words (important/import, organization/organ,
 * university/universe); these keep a stem of their own.
 */
const STEM_EXCEPTIONS: Record<string, string> = {
  important: 'importan', importance: 'importan', importantly: 'importan', unimportant: 'unimportan',
  organization: 'organizat', organizations: 'organizat', organizational: 'organizat',
  university: 'universit', universities: 'universit',
  general: 'general', generally: 'general',
  news: 'news',
  // Porter cuts `ties` to `ti` but keeps `tie`: "close ties" must match "a tie".
  ties: 'tie', tied: 'tie', tying: 'tie',
  // …and leaves `failure` apart from `fail`.
  failure: 'fail', failures: 'fail',
  // Porter cuts `use` to `us`, the stem of "US" (the United States): "what methods did the
  // study use" is not about America.
  use: 'use', uses: 'use', used: 'use', using: 'use', useful: 'use', usage: 'use',
};

const DECADE_WORDS: Record<string, string> = { twenties: '20', thirties: '30', forties: '40', fifties: '50', sixties: '60', seventies: '70', eighties: '80', nineties: '90' };

/**
 * Decades as people type them: "the 90s", "early-90s", "'90s", "the nineties" → "1990s",
 * as the text writes them. Only after "the", "early", "mid" or "late" or an apostrophe: "in
 * her 50s" is an age.
 */
function spellDecades(text: string): string {
  return text
    .replace(/\b(the|early|mid|late)([\s-]+)['’]?(\d0)s\b/g, (_, before: string, gap: string, d: string) => `${before}${gap}${Number(d) >= 20 ? '19' : '20'}${d}s`)
    .replace(/(^|[\s(])['’](\d0)s\b/g, (_, before: string, d: string) => `${before}${Number(d) >= 20 ? '19' : '20'}${d}s`)
    .replace(/\b(the|early|mid|late)([\s-]+)(twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b/g, (_, before: string, gap: string, w: string) => `${before}${gap}19${DECADE_WORDS[w]}s`);
}

const ORDINAL_CENTURIES: Record<string, number> = {
  tenth: 10, eleventh: 11, twelfth: 12, thirteenth: 13, fourteenth: 14, fifteenth: 15, sixteenth: 16,
  seventeenth: 17, eighteenth: 18, nineteenth: 19, twentieth: 20, 'twenty-first': 21, 'twenty first': 21,
};

/**
 * Centuries as the years they hold, the way the text also writes them: "the nineteenth
 * century", "19th-century" and "the 1800s" are one term (1800).
 */
function spellCenturies(text: string): string {
  return text.replace(
    /\b(\d{2})(?:st|nd|rd|th)[\s-]+centur(?:y|ies)\b|\b(tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty[\s-]first)[\s-]+centur(?:y|ies)\b/g,
    (whole, digits: string | undefined, word: string | undefined) => {
      const n = digits ? Number(digits) : ORDINAL_CENTURIES[word!.replace(/\s+/, ' ')];
      return n && n >= 10 && n <= 21 ? `${n - 1}00s` : whole;
    },
  );
}

const SMALL_ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];

/**
 * "the 3rd neighbor", "1st", "2nd": the ordinal as a word, as the text writes it; "35th" the
 * number (the digits alone were a token, their letters another: "rd", "th").
 */
function spellOrdinals(text: string): string {
  return text.replace(/\b(\d+)(?:st|nd|rd|th)\b/g, (_, n: string) => SMALL_ORDINALS[Number(n) - 1] ?? n);
}

/**
 * The last texts tokenized, with their tokens: one question is tokenized whole several times
 * over (the check for words to search, its analysis, its years, its surface words), each
 * time to the same tokens. A handful, compared by value: a passage's text is tokenized once
 * and passes through; a question's later reads are a lookup and a copy.
 */
const recentTokens: Array<{ text: string; tokens: readonly string[] }> = [];
const RECENT_TOKENIZED = 4;

export function tokenize(text: string): string[] {
  for (const recent of recentTokens) if (recent.text === text) return recent.tokens.slice();
  const out = tokenizeText(text);
  if (recentTokens.length >= RECENT_TOKENIZED) recentTokens.shift();
  recentTokens.push({ text, tokens: out.slice() });
  return out;
}

function tokenizeText(text: string): string[] {
  const out: string[] = [];
  let afterNumber = false;
  // match() with the g flag: the tokens as strings, without an array and an iterator step a token.
  for (let t of spellOrdinals(spellCenturies(spellDecades(text.normalize('NFKC').toLowerCase()))).match(TOKEN) ?? []) {
    if (/^\d/.test(t)) {
      // `1,494,300` is one number; `2019,` is not a decimal.
      t = /^\d{1,3}(,\d{3})+(\.\d+)?$/.test(t) ? t.replace(/,/g, '') : t.replace(/[.,]+$/, '');
      out.push(...t.split(/,/).filter(Boolean));
      afterNumber = true;
      continue;
    }
    const unit = afterNumber ? unitsAfterNumber.get(t) : undefined;
    afterNumber = false;
    if (unit) {
      out.push(unit);
      continue;
    }
    // Contractions carry no topic: "shouldn't", "it's", "what's", "I'd".
    // (Most tokens have no apostrophe: three regular expressions a token spared.)
    if (t.includes("'") || t.includes('’')) {
      if (/['’](?:t|s|d|ll|re|ve|m)$/.test(t) && /n['’]t$|^(?:it|what|that|there|here|who|how|why|where|when|let|i|you|we|they|he|she)['’]/.test(t)) continue;
      t = t.replace(/['’]s$/, '').replace(/['’]/g, '');
    }
    const chat = chatWords.get(t);
    if (chat !== undefined) {
      if (chat) out.push(chat);
      continue;
    }
    out.push(t);
  }
  return out;
}

/** `verb particle` (both surface tokens) → the one-word verb it means: `came back` → `return`. */
const phrasalVerbs = new Map<string, string>();
for (const { verbs, particle, means } of PHRASAL_VERBS) for (const v of verbs) phrasalVerbs.set(`${v} ${particle}`, means);
/** The particles: a pair is looked up only before one (most tokens are followed by none; the lookup joins two strings). */
const particles = new Set(PHRASAL_VERBS.map((p) => p.particle));

/**
 * Verbs that hand their meaning to the infinitive after them: in "want to balance Moscow",
 * "trying to join", "seems to be" the topic is the second verb. Rare in the corpus, such verbs
 * would otherwise carry a high IDF and outweigh the words that matter.
 */
const CATENATIVE = new Set([
  'want', 'wants', 'wanted', 'wanting', 'try', 'tries', 'tried', 'trying', 'seem', 'seems', 'seemed', 'seeming',
  'tend', 'tends', 'tended', 'tending', 'need', 'needs', 'needed', 'needing', 'manage', 'manages', 'managed',
]);

/**
 * Multi-word verbs, on both sides of the index:
 *  - phrasal verbs become the one word they mean ("came back" → "return", "hold back" →
 *    "hinder"): their verb is often a stop word ("came", "get") and the particle alone
 *    ("back", "out") means nothing, so the question would lose its verb. Only adjacent
 *    pairs: "cuts Mongolia off" stays as it is;
 *  - catenative verbs before "to" are dropped ("wants to join" → "join").
 */
export function joinPhrasalVerbs(tokens: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const next = tokens[i + 1];
    const means = next !== undefined && particles.has(next) ? phrasalVerbs.get(`${tokens[i]} ${next}`) : undefined;
    if (means) {
      out.push(means);
      i++;
    } else if (next === 'to' && CATENATIVE.has(tokens[i]!)) {
      // dropped: the verb hands its meaning to the infinitive after it
    } else out.push(tokens[i]!);
  }
  return out;
}

/** Tokens as the index sees them: `tokenize`, then phrasal verbs joined. */
export function indexTokens(text: string): string[] {
  return joinPhrasalVerbs(tokenize(text));
}

const stemCache = new Map<string, string>();

/** Stop word → null; otherwise the index term (spelling-normalized Porter stem). */
export function normalizeTerm(token: string): string | null {
  if (STOP_WORDS.has(token)) return null;
  if (/^\d+$/.test(token) && token.length < 2) return null;
  let stem = stemCache.get(token);
  if (stem === undefined) {
    const spelled = spellingMap.get(token) ?? americanize(token);
    // ("russified" and "Russification", "identified" and "identification": Porter leaves
    // "russifi" and "russif"; the one stem for both.)
    stem = /^\d/.test(spelled) ? spelled : (STEM_EXCEPTIONS[spelled] ?? PorterStemmer.stem(spelled).replace(/(?<=\p{L}{3})ifi$/u, 'if'));
    if (stemCache.size < 500_000) stemCache.set(token, stem);
  }
  return stem;
}

/** Index terms of a text, in order, stop words removed. */
export function analyze(text: string): string[] {
  const terms: string[] = [];
  for (const token of indexTokens(text)) {
    const term = normalizeTerm(token);
    if (term) terms.push(term);
  }
  return terms;
}

/** How much an expansion counts relative to the word the reader typed. */
export const EXPANSION_BOOST = { acronym: 0.8, demonym: 0.8, place: 0.45, spelling: 1, spellingFix: 0.8, synonym: 0.3 } as const;
export type ExpansionKind = keyof typeof EXPANSION_BOOST;

export interface Expansion {
  term: string;
  boost: number;
  kind: ExpansionKind;
}

/**
 * Expansion table keyed by index term. Built once from the data in expansions.ts plus any
 * acronyms mined from the corpus (`extraAcronyms`), so analysis and expansion cannot drift.
 */
export class Expander {
  private readonly table = new Map<string, Expansion[]>();

  constructor(extraAcronyms: Record<string, string[]> = {}) {
    const acronyms: Record<string, string[]> = { ...extraAcronyms, ...ACRONYMS };
    for (const [abbr, longForms] of Object.entries(acronyms)) {
      const abbrTerm = normalizeTerm(abbr) ?? abbr;
      const curated = abbr in ACRONYMS;
      for (const long of longForms) {
        const longTerms = analyze(long);
        for (const t of longTerms) this.add(abbrTerm, t, 'acronym');
        // Only the distinctive head of a long form points back at the acronym. A country is
        // the head of many a mined name ("Mongolian Telecom Company (MTC)"): "Mongolia" does
        // not mean MTC.
        const head = longTerms[0];
        if (head && longTerms.length > 1 && (curated || !placeTerms().has(head))) this.add(head, abbrTerm, 'synonym');
      }
    }
    // Forms of one name (Mongolia, Mongolian, Mongols) nearly mean the same; a capital or
    // another name (Ulaanbaatar, Kremlin) stands for the country less surely.
    for (const group of PLACES) {
      const terms = [...new Set(group.flatMap((w) => analyze(w)))];
      for (const a of terms) for (const b of terms) this.add(a, b, sameRoot(a, b) ? 'demonym' : 'place');
    }
    for (const group of SPELLINGS) this.addGroup(group, 'spelling');
    for (const group of SYNONYMS) this.addGroup(group, 'synonym');
  }

  private addGroup(words: string[], kind: ExpansionKind): void {
    const terms = [...new Set(words.flatMap((w) => analyze(w)))];
    for (const a of terms) for (const b of terms) if (a !== b) this.add(a, b, kind);
  }

  private add(from: string, to: string, kind: ExpansionKind): void {
    if (from === to) return;
    const list = this.table.get(from) ?? [];
    const boost = EXPANSION_BOOST[kind];
    const existing = list.find((e) => e.term === to);
    if (existing) {
      if (existing.boost < boost) Object.assign(existing, { boost, kind });
    } else list.push({ term: to, boost, kind });
    this.table.set(from, list);
  }

  expand(term: string): Expansion[] {
    return this.table.get(term) ?? [];
  }
}

/** Two forms of one name: they share their first four letters (kazakh/kazakhstan, asia/asian). */
function sameRoot(a: string, b: string): boolean {
  return a.length >= 4 && b.length >= 4 && a.slice(0, 4) === b.slice(0, 4);
}

/**
 * "long form (ABBR)" pairs found in the corpus (Schwartz & Hearst 2003, simplified): the
 * acronym's letters must be the initials, in order, of the words just before the bracket.
 */
export function mineAcronyms(texts: Iterable<string>): Record<string, string[]> {
  const found: Record<string, Set<string>> = {};
  for (const text of texts) {
    // Find the bracketed acronym first, then look back at most 8 words: a pattern that
    // starts with the words would be tried at every character (28% of a ×100 build).
    if (!text.includes('(')) continue;
    for (const m of text.matchAll(/\(([A-Z][A-Za-z]{1,7})\)/g)) {
      const abbr = m[1]!;
      const letters = abbr.toLowerCase().replace(/[^a-z]/g, '');
      const before = text.slice(Math.max(0, m.index - 160), m.index);
      // Only the run of words right before the bracket: punctuation ends the long form.
      const run = /((?:[\p{L}-]+\s+){1,8})$/u.exec(before)?.[1] ?? '';
      const words = run.trim().split(/\s+/).filter(Boolean);
      const content = words.filter((w) => !STOP_WORDS.has(w.toLowerCase()));
      for (let take = letters.length; take <= Math.min(words.length, letters.length + 3); take++) {
        const candidate = words.slice(-take);
        const initials = candidate
          .filter((w) => !STOP_WORDS.has(w.toLowerCase()))
          .map((w) => w[0]!.toLowerCase())
          .join('');
        if (initials === letters && content.length > 0) {
          (found[letters] ??= new Set()).add(candidate.join(' '));
          break;
        }
      }
    }
  }
  return Object.fromEntries(Object.entries(found).map(([k, v]) => [k, [...v]]));
}

let places: ReadonlySet<string> | null = null;

/** Index terms of every place name, demonym and capital (expansions.ts), made on first use. */
export function placeTerms(): ReadonlySet<string> {
  return (places ??= new Set(PLACES.flat().flatMap((w) => analyze(w))));
}
