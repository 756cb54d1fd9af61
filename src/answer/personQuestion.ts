import type { Corpus } from '../corpus/types.js';
import { countryFromWord } from '../figures/countries.js';
import { workLine, type CitedWork } from './literatureQuestion.js';

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

/** The cited works of the person "who is X?" asks about, first cited first; null when X is no author in the bibliography. */
export function citedPersonWorks(corpus: Corpus, question: string): { surname: string; works: CitedWork[] } | null {
  const surname = askedSurname(question);
  if (!surname) return null;
  const word = new RegExp(String.raw`(?:^|[^\p{L}])${surname.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:$|[^\p{L}])`, 'iu');
  const references = corpus.documents.flatMap((d) => d.references).filter((r) => word.test(r.authors));
  if (references.length === 0) return null;
  const works = new Map<string, CitedWork>(references.map((reference) => [reference.id, { reference, citedIn: [], locators: [] }]));
  for (const p of corpus.paragraphsById.values()) {
    for (const link of p.citations) {
      const work = link.referenceId ? works.get(link.referenceId) : undefined;
      if (!work) continue;
      if (!work.citedIn.includes(p.id)) work.citedIn.push(p.id);
      if (link.locator && !work.locators.includes(link.locator)) work.locators.push(link.locator);
    }
  }
  const cited = [...works.values()].sort((a, b) => b.citedIn.length - a.citedIn.length).slice(0, MAX_WORKS);
  return { surname, works: cited };
}

/** The lead of such an answer: who the name is in the bibliography, one line a work. */
export function personLines(works: readonly CitedWork[]): string[] {
  return [`In the bibliography (${works.length} ${works.length === 1 ? 'work' : 'works'}):`, ...works.map(workLine)];
}
