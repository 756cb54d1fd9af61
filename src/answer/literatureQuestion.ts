import type { Corpus, Reference } from '../corpus/types.js';
import type { RankedPassage } from '../search/rank.js';

/**
 * "What sources does the article cite on the BRI?", "which studies discuss the SCO?", "who has
 * written about Kazakh migration?": a question about the literature on a topic. It is answered
 * from the bibliography: the works cited in the passages that answer the topic, in the order
 * of those passages, each with its entry and where it is cited. The passages follow, as for
 * any answer. Everything comes from the corpus's own in-text citations and references.
 */

/** The cue: a word for works, a verb of citing or writing, or "further reading". */
const WORK_WORDS = String.raw`sources?|references?|works?|studies|literature|scholars?|authors?|papers?|books?|articles?|research|reading`;
const WORKS = `(?:${WORK_WORDS})`;
const CUES: RegExp[] = [
  // "what/which sources … on/about X", "what literature is there on X", "any studies on X"
  new RegExp(String.raw`^\s*(?:(?:so|and|ok|okay),?\s+)?(?:what|which|any|list|name|give me|show me|are there any|is there any)\s+(?:(?:other|more|further|academic|scholarly|key|main)\s+)*${WORKS}\b`, 'i'),
  // "what are the sources on X", "what were the main studies on X"
  new RegExp(String.raw`^\s*(?:what|which)\s+(?:are|were|is)\s+(?:the\s+)?(?:(?:main|key|other|best)\s+)?${WORKS}\s+(?:on|about|for|regarding|concerning|cited|used)\b`, 'i'),
  // "what does the article / Irgengioro cite on X", "who does it cite about X"
  /^\s*(?:what|which|who|whom)\s+(?:\w+\s+){0,4}?(?:cites?|cited|references?|draws? on|relies? on|quotes?)\b/i,
  // "who has written on X", "who writes about X"
  /^\s*who\s+(?:else\s+)?(?:has\s+|have\s+)?(?:written|writes|wrote|published|worked)\s+(?:on|about)\b/i,
  // "sources on X", "further reading on X"
  new RegExp(String.raw`^\s*(?:(?:more|further|other)\s+)?${WORKS}\s+(?:on|about|for|regarding)\b`, 'i'),
];

/** Words of the cue and of the question's frame, removed to leave the topic. */
const FRAME = new RegExp(
  String.raw`\b(?:what|which|who|whom|any|list|name|give|show|me|are|is|there|other|more|further|academic|scholarly|key|main|${WORK_WORDS}|does|do|did|has|have|were|was|been|else|the|this|that|article|paper|piece|op-ed|author|cites?|cited|citing|references?|referenced|draws?|relies?|quotes?|on|about|for|regarding|concerning|discuss(?:es|ed)?|deals?\s+with|talks?\s+about|covers?|written|writes|wrote|published|worked|use[sd]?|it|its|he|his|she|her|they|their)\b`,
  'gi',
);

/** The topic a literature question asks about, or null when it is not one. */
export function literatureTopic(question: string): string | null {
  if (!CUES.some((cue) => cue.test(question))) return null;
  const topic = question.replace(FRAME, ' ').replace(/[?!.]+/g, ' ').replace(/\s+/g, ' ').trim();
  return topic.length >= 2 ? topic : null;
}

export interface CitedWork {
  reference: Reference;
  /** Paragraph ids citing it, in the order of the passages. */
  citedIn: string[];
  /** The locators it is cited with ("p. 131–133"), when given. */
  locators: string[];
}

/** The works cited by `passages`, first cited first, each once, at most `limit`. */
export function worksCited(corpus: Corpus, passages: readonly RankedPassage[], limit = 8): CitedWork[] {
  const works = new Map<string, CitedWork>();
  for (const { paragraph } of passages) {
    for (const link of paragraph.citations) {
      const reference = link.referenceId ? corpus.referencesById.get(link.referenceId) : undefined;
      if (!reference) continue;
      const work = works.get(reference.id) ?? { reference, citedIn: [], locators: [] };
      if (!work.citedIn.includes(paragraph.id)) work.citedIn.push(paragraph.id);
      if (link.locator && !work.locators.includes(link.locator)) work.locators.push(link.locator);
      if (!works.has(reference.id) && works.size >= limit) continue;
      works.set(reference.id, work);
    }
  }
  return [...works.values()];
}

/** The reply's lead: one line a work, author and year in bold, then its entry. */
export function literatureLines(topic: string, works: readonly CitedWork[], passageCount: number): string[] {
  if (works.length === 0) {
    const which = /^[\p{L}\p{N}][\p{L}\p{N}\s'’-]*$/u.test(topic) ? ` on “${topic}”` : '';
    return [`The ${passageCount === 1 ? 'passage' : `${passageCount} passages`}${which} cite${passageCount === 1 ? 's' : ''} no sources; ${passageCount === 1 ? 'it is' : 'they are'} below.`];
  }
  // A follow-up's topic comes with the conversation's words in brackets ("on that? (Reeves, third…)"):
  // named only when it is the reader's own words.
  const own = /^[\p{L}\p{N}][\p{L}\p{N}\s'’-]*$/u.test(topic);
  const lines = [own ? `Works cited on “${topic}” in the corpus (${works.length}), from the passages below:` : `Works cited in the passages below (${works.length}):`];
  for (const work of works) lines.push(workLine(work));
  return lines;
}

/** Paragraphs (and pages) a lead line lists where a work is cited; the rest are counted. */
const MAX_CITED_IN = 4;

/** One work as a lead line: author and year in bold, title, venue, and where it is cited. */
export function workLine(work: CitedWork): string {
  const { reference } = work;
  const where = citedWhere(work);
  const title = reference.title ? `, “${plain(reference.title).replace(/^["“”]+|["“”.]+$/g, '')}”` : '';
  const venue = reference.venue ? `, ${plain(reference.venue)}` : '';
  return `• **${plain(reference.authors)} (${reference.year ?? 'n.d.'})**${title || `: ${plain(reference.text)}`}${venue} _(${where})_`;
}

/** A work with its whole entry ("… Boston, MA: Longman."), for a question about the work itself. */
export function entryLine(work: CitedWork): string {
  const { authors, text, year } = work.reference;
  const entry = text.startsWith(authors) ? `**${plain(authors)}**${plain(text.slice(authors.length))}` : `**${plain(authors)} (${year ?? 'n.d.'})**: ${plain(text)}`;
  return `• ${entry} _(${citedWhere(work)})_`;
}

/** Where a work is cited: the paragraphs (the first few), with the pages of the work cited there. */
function citedWhere({ citedIn, locators }: CitedWork): string {
  // The locators are pages of the work cited, not of the corpus's document.
  // A work cited throughout a paper ("SciBERT", in twenty paragraphs) lists its first few.
  const shown = citedIn.length > MAX_CITED_IN ? `${citedIn.slice(0, MAX_CITED_IN).join(', ')} and ${citedIn.length - MAX_CITED_IN} more` : citedIn.join(', ');
  const pages = locators.length > MAX_CITED_IN ? `${locators.slice(0, MAX_CITED_IN).join(', ')}, …` : locators.join(', ');
  return citedIn.length ? `cited in ${shown}${locators.length ? `; its ${pages}` : ''}` : 'in the bibliography, cited in no paragraph';
}

/** Bibliography text without the characters that would change the lead's own emphasis. */
function plain(text: string): string {
  return text.replace(/[*_`~|]/g, '');
}
