import { countryFromWord } from '../figures/countries.js';
import type { CitationLink, Corpus } from '../corpus/types.js';
import { isOrganisation } from '../corpus/authors.js';

/**
 * Who a sentence quotes or follows: "as Sergey Radchenko argues, …", "according to
 * Batchimeg (2019)", "(Pieper 2020b, p.2)". What "he", "she" and "who said that?" point at.
 */

const SPEECH_VERB = String.raw`(?:argues?|argued|notes?|noted|says?|said|writes?|wrote|claims?|claimed|contends?|contended|observes?|observed|suggests?|suggested|points? out|pointed out|stated|explains?|explained|asserts?|asserted|maintains?|maintained|warns?|warned|concludes?|concluded|describes?|described|called|recommends?|recommended)`;
/** "Olzvoy thus called for …", "Radchenko also argues": an adverb between the name and its verb. */
const ADVERB = String.raw`(?:thus|also|further|then|later|himself|herself|rightly|famously|similarly|likewise|instead|therefore|even|too)`;
const NAME = String.raw`\p{Lu}[\p{L}'’-]+(?:\s+(?:de|van|von|al-)?\s*\p{Lu}[\p{L}'’-]+){0,3}`;

const PATTERNS = [
  // "Sergey Radchenko argues", "as Radchenko (2016) notes"
  new RegExp(String.raw`(${NAME})(?:\s*\([^)]{0,30}\))?,?\s+(?:${ADVERB}\s+)?${SPEECH_VERB}\b`, 'gu'),
  // "according to Radchenko", "in the words of …"
  new RegExp(String.raw`\b(?:according to|in the words of|as (?:put|argued|noted) by)\s+(${NAME})`, 'gu'),
  // "…, argues Radchenko"
  new RegExp(String.raw`${SPEECH_VERB}\s+(${NAME})`, 'gu'),
];

/** Capitalised words that start clauses or name things, not people. */
const NOT_PEOPLE = new Set([
  'the', 'this', 'that', 'these', 'those', 'however', 'thus', 'moreover', 'as', 'in', 'for', 'it', 'he', 'she', 'they',
  'while', 'although', 'since', 'such', 'one', 'some', 'many', 'most', 'both', 'government', 'minister', 'president',
  'article', 'paper', 'author', 'report', 'study', 'state', 'states', 'foreign', 'ministry',
]);

const commonWordsByCorpus = new WeakMap<Corpus, Set<string>>();

/**
 * Words the corpus also writes in lower case ("liberal", "western"): a capitalised run made
 * of them is a phrase at the start of a clause, not a name.
 */
function commonWords(corpus: Corpus): Set<string> {
  let words = commonWordsByCorpus.get(corpus);
  if (!words) {
    words = new Set<string>();
    for (const p of corpus.paragraphsById.values()) for (const m of p.text.matchAll(/(?<![\p{L}])\p{Ll}[\p{L}'’-]*/gu)) words.add(m[0]);
    commonWordsByCorpus.set(corpus, words);
  }
  return words;
}

function looksLikePerson(name: string, corpus: Corpus | null): boolean {
  const words = name.split(/\s+/);
  if (words.some((w) => NOT_PEOPLE.has(w.toLowerCase()))) return false;
  if (words.some((w) => countryFromWord(w))) return false;
  if (corpus) {
    const common = commonWords(corpus);
    if (words.every((w) => common.has(w.toLowerCase()))) return false;
  }
  return true;
}

/** People a sentence attributes a claim to, most explicit first. */
export function attributedPeople(sentence: string, corpus: Corpus | null = null): string[] {
  return attributions(sentence, corpus).map((a) => a.name).filter((n, i, all) => all.indexOf(n) === i);
}

function attributions(text: string, corpus: Corpus | null): Array<{ name: string; at: number }> {
  const found: Array<{ name: string; at: number }> = [];
  for (const pattern of PATTERNS) {
    for (const m of text.matchAll(pattern)) {
      // "As Batbayar argued": a capitalised word that opens the sentence is not part of the name.
      const words = m[1]!.trim().split(/\s+/);
      for (let i = 0; i < words.length; i++) {
        const name = words.slice(i).join(' ');
        if (!looksLikePerson(name, corpus)) continue;
        found.push({ name, at: m.index });
        break;
      }
    }
  }
  return found;
}

/**
 * People a passage attributes claims to, the nearest to a point first (the sentence shown):
 * in a paragraph that reports two camps, the one "he" means is the one beside the claim.
 */
export function attributedPeopleNear(text: string, at: number, corpus: Corpus | null = null): string[] {
  return attributions(text, corpus)
    .sort((a, b) => Math.abs(a.at - at) - Math.abs(b.at - at))
    .map((a) => a.name)
    .filter((n, i, all) => all.indexOf(n) === i);
}

/** In-text citations of a paragraph that sit in (or right after) the given sentence. */
export function citationsOfSentence(paragraphText: string, sentence: string, citations: CitationLink[]): CitationLink[] {
  const at = paragraphText.indexOf(sentence);
  if (at < 0) return [];
  // A citation often closes the sentence, just past its full stop.
  const span = paragraphText.slice(at, at + sentence.length + 40);
  return citations.filter((c) => span.includes(c.raw) || span.includes(c.raw.split(/[,\s]/)[0] ?? '\u0000'));
}

const citedByCorpus = new WeakMap<Corpus, Set<string>>();

/** Surnames the corpus cites or attributes claims to (lower case): the people it speaks of. */
function citedPeople(corpus: Corpus): Set<string> {
  let names = citedByCorpus.get(corpus);
  if (!names) {
    names = new Set<string>();
    for (const p of corpus.paragraphsById.values()) {
      for (const c of p.citations) {
        const who = c.raw.split(/\b(?:1[89]|20)\d\d/)[0] ?? '';
        for (const w of who.match(/\p{Lu}[\p{L}'’-]+/gu) ?? []) names.add(w.toLowerCase());
      }
      for (const name of attributedPeople(p.text, corpus)) for (const w of name.split(/\s+/)) names.add(w.toLowerCase());
    }
    // The documents' own authors, whom no document cites: "what does miliate say …?" names him.
    for (const d of corpus.documents) for (const a of d.meta.authors) if (!isOrganisation(a)) for (const w of a.match(/\p{Lu}[\p{L}'’-]+/gu) ?? []) names.add(w.toLowerCase());
    citedByCorpus.set(corpus, names);
  }
  return names;
}

/**
 * The person a question names ("what did Schweller mean by …?", "what did keohane say …?"),
 * if the corpus cites or quotes them: whom a later "he" or "his" means, before anyone the answer quotes.
 */
export function personNamedIn(question: string, corpus: Corpus, commonInEnglish: (word: string) => boolean): string | null {
  const cited = citedPeople(corpus);
  const common = commonWords(corpus);
  // Typed in lower case ("what did keohane say …?"), a name only if neither the corpus nor
  // English at large writes the word so ("is it vital?" names nobody, though the corpus cites a Vital).
  const nameLike = (w: string) => /^\p{Lu}/u.test(w) || (cited.has(w) && !common.has(w) && !commonInEnglish(w));
  const words = [...question.matchAll(/\p{L}[\p{L}'’-]*/gu)].map((m) => m[0]);
  for (let i = 0; i < words.length; i++) {
    if (!nameLike(words[i]!)) continue;
    // The whole run of name words: "Stephen Walt", as the corpus writes him.
    let j = i;
    while (j + 1 < words.length && nameLike(words[j + 1]!)) j++;
    const run = words.slice(i, j + 1).map((w) => w.replace(/['’]s$/, '')).map((w) => w.charAt(0).toUpperCase() + w.slice(1));
    if (run.some((w) => cited.has(w.toLowerCase())) && looksLikePerson(run.join(' '), corpus)) return run.join(' ');
    i = j;
  }
  return null;
}
