import type { Corpus, Reference } from '../corpus/types.js';
import { isOrganisation } from '../corpus/authors.js';
import { countryFromWord } from '../figures/countries.js';
import { analyze } from '../search/analyzer.js';
import { splitSentences } from '../search/sentences.js';
import { entryLine, workLine, type CitedWork } from './literatureQuestion.js';

/**
 * "Who is Reeves?", "who was Jeffrey Reeves?": a researcher reading a paper asks who the
 * authors it cites are. When the name is an author in a document's bibliography, the answer
 * leads with their works as the corpus cites them (entry and the paragraphs citing it);
 * the passages that mention them follow, as for any answer. A name the bibliography lacks
 * ("who is Akayev?") is searched as usual.
 */

const WHO_IS = /^\s*(?:(?:and|so|ok|okay),?\s+)?who(?:'s|’s|\s+is|\s+was|\s+are|\s+were)\s+(.+?)\s*[?!.]*\s*$/i;
/** Words before a name that are not part of it. */
const TITLES = /^(?:the|mr|mrs|ms|dr|prof|professor|scholar|author|researcher)\.?\s+/i;
const MAX_WORKS = 4;
/** An office or a role asked about ("the president", "the pm", "in charge"), whoever holds it. */
const OFFICE = /^(?:(?:vice|deputy|acting|current|new|former|first)\s+)?(?:president|prime minister|pm|premier|minister|leader|head|chairman|chair|king|queen|khan|ruler|ambassador|mayor|governor|speaker|chancellor|secretary|foreign minister|boss|author|authors|writer)s?\b/i;

/** "what else has Radchenko written?", "what did Reeves publish?", "Radchenko's other works?": their works too. */
const WORKS_OF = /^\s*(?:(?:and|so|ok|okay),?\s+)?(?:what|which)\s+(?:else\s+|other\s+(?:works?|papers?|articles?|books?)\s+)?(?:has|have|had|did|does)\s+(.+?)\s+(?:written|write|wrote|published|publish|authored|author)(?:\s+(?:else|too|as well))?\s*[?!.]*\s*$|^\s*(?:(?:and|so|ok|okay),?\s+)?(?:what\s+are\s+)?(.+?)['’]s\s+(?:other\s+)?(?:works|papers|articles|books|publications)\s*[?!.]*\s*$/i;

/** The surname asked about in "who is X?" (or "what else has X written?"), lower case, when X reads as a person's name (one to three words). */
function askedSurname(asked: string): string | null {
  // (Less the context a conversation appended: "what else has he written? (…)" → "… Radchenko written? (…)".)
  const question = asked.replace(/\s*\([^()]*\)\s*$/, '');
  const works = WORKS_OF.exec(question);
  const name = (WHO_IS.exec(question)?.[1] ?? works?.[1] ?? works?.[2])?.replace(TITLES, '').trim();
  if (!name || !/^[\p{L}][\p{L}.'’-]*(?:\s+[\p{L}][\p{L}.'’-]*){0,2}$/u.test(name)) return null;
  // ("who is the president of kyrgyzstan?", "who's the pm?": an office, not a name; nor is a place.)
  if (/\b(?:of|in|for|from|and|at|on)\b/i.test(name) || OFFICE.test(name)) return null;
  const surname = name.split(/\s+/).at(-1)!.replace(/['’]s$/, '').toLowerCase();
  if (countryFromWord(surname)) return null;
  return surname.length >= 3 ? surname : null;
}

/**
 * "the mosser one, what's it called?", "olzvoy's piece, same journal?", "which of contessi's
 * papers is it? full ref pls", "source on schweller?": a work of an author the bibliography
 * lists, asked by a word for a work or its details.
 */
const WORK_ASKED = /\b(?:piece|article|paper|papers|book|books|works?|study|report|chapter|refs?|references?|sources?|title|titled|called|publisher|published|journal|publication|citation|entry|bibliography)\b|\bthe\s+[\p{L}'’-]+\s+one\b/iu;

const surnamesByCorpus = new WeakMap<Corpus, Map<string, Reference[]>>();

/** The bibliography's first authors by surname (lower case), as listed and as the text cites them; not the corpus documents' first authors. */
function bibliographySurnames(corpus: Corpus): Map<string, Reference[]> {
  let names = surnamesByCorpus.get(corpus);
  if (names) return names;
  names = new Map();
  // (A corpus document is called by its first author, "the irgengioro paper": not a cited work.)
  const own = new Set(corpus.documents.flatMap((d) => d.meta.authors.slice(0, 1).flatMap((a) => a.toLowerCase().split(/[^\p{L}'’-]+/u))));
  const add = (word: string, r: Reference): void => {
    const lower = word.toLowerCase();
    if (own.has(lower) || countryFromWord(lower) || /^(?:and|the|eds?|with|ibid|see|also)$/.test(lower)) return;
    const listed = names!.get(lower) ?? [];
    if (!listed.includes(r)) names!.set(lower, [...listed, r]);
  };
  // (Only people: the words of "Center for Insights in Survey Research" are no one's name. An
  // entry of people reads "Surname, Given …".)
  const byPeople = (r: Reference): boolean => r.authors.includes(',') || !isOrganisation(r.authors);
  for (const r of corpus.documents.flatMap((d) => d.references).filter(byPeople)) {
    // (The first author's: a work is called by it, "the mosser one", "Wu et al.", not by a fourth
    // author's; and by the surname, the last word of "Iz Beltagy", not "Iz" or "Waleed".)
    const surname = r.key.match(/\p{Lu}[\p{L}'’-]{2,}/gu)?.at(-1);
    if (surname) add(surname, r);
  }
  // The names as the text cites them, too: "(Baabar 1995)" is the entry printed "Vaabar, B.".
  for (const p of corpus.paragraphsById.values()) {
    for (const link of p.citations) {
      const r = link.referenceId ? corpus.referencesById.get(link.referenceId) : undefined;
      const first = /^\p{Lu}[\p{L}'’-]{2,}/u.exec(link.raw)?.[0];
      if (r && first && byPeople(r)) add(first, r);
    }
  }
  surnamesByCorpus.set(corpus, names);
  return names;
}

/**
 * The works of a cited author a question asks about as works ("the mosser one, what's it
 * called?"), those whose citing passages or titles share most of the question's other words
 * first; null when the question names no such author or asks nothing of a work.
 */
export function askedWorks(corpus: Corpus, asked: string, documentId?: string): { surname: string; works: CitedWork[] } | null {
  const question = asked.replace(/\s*\([^()]*\)\s*$/, '');
  if (!WORK_ASKED.test(question)) return null;
  const surnames = bibliographySurnames(corpus);
  const words = question.match(/[\p{L}][\p{L}'’-]*/gu) ?? [];
  const surname = words.map((w) => w.replace(/['’]s$/i, '').toLowerCase()).find((w) => w.length >= 3 && surnames.has(w));
  if (!surname) return null;
  // (Of the document asked about, when its bibliography lists the author: "the devlin paper" in
  // SPECTER's conversation is SPECTER's entry, not S2ORC's entry for the same paper.)
  const listed = surnames.get(surname)!;
  const own = listed.filter((r) => r.documentId === documentId);
  const references = own.length ? own : listed;
  // (A surname that is also a word — "long", "research" — is a name only if the documents
  // citing it never write it in lower case.)
  // (Not in an address: "beltagy@allenai.org" is his name in lower case.)
  const lowerCase = new RegExp(String.raw`(?:^|[^\p{L}@./])${surname}(?:$|[^\p{L}@./])`, 'u');
  const citing = new Set(references.map((r) => r.documentId));
  if (corpus.documents.some((d) => citing.has(d.meta.id) && d.paragraphs.some((p) => lowerCase.test(p.text)))) return null;
  const works = sameWorksJoined(whereCited(corpus, references));
  const year = /\b(?:1[89]|20)\d\d\b/.exec(question)?.[0];
  const ofYear = year ? works.filter((w) => w.reference.year?.startsWith(year)) : [];
  const terms = new Set(analyze(question.replace(nameWord(surname, 'giu'), ' ')));
  // (The sentences citing it say what it is cited for; its title what it is about.)
  const shared = (text: string): number => {
    const have = new Set(analyze(text));
    return [...terms].filter((t) => have.has(t)).length;
  };
  const overlap = (w: CitedWork): number => shared(citingSentences(corpus, w).join(' ')) + shared(w.reference.title);
  const ranked = (ofYear.length ? ofYear : works).map((w) => ({ w, n: overlap(w) })).sort((a, b) => b.n - a.n || b.w.citedIn.length - a.w.citedIn.length);
  return { surname, works: ranked.slice(0, MAX_WORKS).map((x) => x.w) };
}

/** The sentences that cite a work, with the citation just past their full stop. */
function citingSentences(corpus: Corpus, work: CitedWork): string[] {
  const out: string[] = [];
  for (const id of work.citedIn) {
    const p = corpus.paragraphsById.get(id);
    const raws = p?.citations.filter((c) => c.referenceId === work.reference.id).map((c) => c.raw) ?? [];
    for (const s of p ? splitSentences(p.text) : []) {
      const span = p!.text.slice(s.start, s.end + 40);
      if (raws.some((r) => span.includes(r))) out.push(s.text);
    }
  }
  return out;
}

/** One work listed by several bibliographies (the same title) is one, cited wherever any of them is. */
function sameWorksJoined(works: readonly CitedWork[]): CitedWork[] {
  const byTitle = new Map<string, CitedWork>();
  for (const w of works) {
    const title = w.reference.title.toLowerCase().replace(/[^\p{L}\d]+/gu, ' ').trim() || w.reference.id;
    const seen = byTitle.get(title);
    if (!seen) byTitle.set(title, { ...w, citedIn: [...w.citedIn], locators: [...w.locators] });
    else {
      seen.citedIn.push(...w.citedIn.filter((id) => !seen.citedIn.includes(id)));
      seen.locators.push(...w.locators.filter((l) => !seen.locators.includes(l)));
    }
  }
  return [...byTitle.values()];
}

/** Each reference with the paragraphs citing it. */
function whereCited(corpus: Corpus, references: readonly Reference[]): CitedWork[] {
  const works = new Map<string, CitedWork>(references.map((reference) => [reference.id, { reference, citedIn: [], locators: [] }]));
  for (const p of corpus.paragraphsById.values()) {
    for (const link of p.citations) {
      const work = link.referenceId ? works.get(link.referenceId) : undefined;
      if (!work) continue;
      if (!work.citedIn.includes(p.id)) work.citedIn.push(p.id);
      if (link.locator && !work.locators.includes(link.locator)) work.locators.push(link.locator);
    }
  }
  return [...works.values()];
}

/** The lead of an answer about works: each whole entry, the one the question fits best first. */
export function workLines(works: readonly CitedWork[]): string[] {
  return [`In the bibliography (${works.length} ${works.length === 1 ? 'work' : 'works'}):`, ...works.map(entryLine)];
}

/** A name as a whole word of a text ("Long" not in "Longman"), its letters taken as written. */
export function nameWord(name: string, flags: string): RegExp {
  return new RegExp(String.raw`(?:^|[^\p{L}])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:$|[^\p{L}])`, flags);
}

/** The cited works of the person "who is X?" asks about, first cited first; null when X is no author in the bibliography. */
export function citedPersonWorks(corpus: Corpus, question: string): { surname: string; works: CitedWork[] } | null {
  const surname = askedSurname(question);
  if (!surname) return null;
  const word = nameWord(surname, 'iu');
  const references = corpus.documents.flatMap((d) => d.references).filter((r) => word.test(r.authors));
  if (references.length === 0) return null;
  const cited = whereCited(corpus, references).sort((a, b) => b.citedIn.length - a.citedIn.length).slice(0, MAX_WORKS);
  return { surname, works: cited };
}

/** The lead of such an answer: who the name is in the bibliography, one line a work. */
export function personLines(works: readonly CitedWork[]): string[] {
  return [`In the bibliography (${works.length} ${works.length === 1 ? 'work' : 'works'}):`, ...works.map(workLine)];
}
