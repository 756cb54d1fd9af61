import { rowLine, tableRowParagraph } from '../corpus/tableRows.js';
import { describedPlaceReadings } from '../search/geography.js';
import type { Engine } from '../engine.js';
import { spellChatWords } from '../search/analyzer.js';
import { isPreamble } from '../search/preamble.js';
import { type RankedPassage, withoutCitations } from '../search/rank.js';
import { checkQuestion, MAX_QUESTION_LENGTH, type QuestionProblem, withoutChatNoise } from '../search/question.js';
import { asWritten, definedAcronym, spelledOut } from './acronym.js';
import { citeParagraph, shortCitation, type Citation } from './citation.js';
import { answerFigures, type FigureFact } from './figures.js';
import { classifyQuestion } from '../search/question.js';
import { splitSentences } from '../search/sentences.js';
import type { Paragraph } from '../corpus/types.js';
import { answerDocumentQuestion } from './documentQuestion.js';
import { findDocumentMentions, withoutMentions } from './documentMention.js';
import { literatureLines, literatureTopic, worksCited } from './literatureQuestion.js';
import { otherLanguageMessage } from './language.js';
import { socialReply } from './social.js';
import { isRoadmap } from './documentFacts.js';
import { askedWorks, citedPersonWorks, nameWord, personLines, workLines } from './personQuestion.js';

/** A passage as an answer shows it: whole text, its best sentence, where it comes from. */
export interface AnswerPassage {
  paragraphId: string;
  text: string;
  /** Character range of the best sentence within `text`. */
  highlight: { start: number; end: number };
  citation: Citation;
  score: number;
}

export type AnswerStatus = 'answered' | 'no-match' | 'invalid';

export interface Answer {
  query: string;
  status: AnswerStatus;
  /** For `invalid` and `no-match`: what to tell the reader. */
  message: string | null;
  passages: AnswerPassage[];
  /** "Did you mean" words from the corpus, for misspelled or unknown words. */
  suggestions: string[];
  /** For numeric questions: the direct first line(s), values in Markdown bold. */
  lead: string[];
  /** For numeric questions: the figures behind the lead. */
  figures: FigureFact[];
}

/** Passages searched for the acronym alone when those of the question do not spell it out. */
const ACRONYM_PASSAGES = 20;
/** Below this share of the question found in the best passage, we say we found nothing. */
const MIN_COVERAGE = 0.2;
/** A literature question: the works cited by this many of the best passages on its topic, at most LITERATURE_WORKS. */
const LITERATURE_PASSAGES = 3;
const LITERATURE_WORKS = 6;

const PROBLEM_MESSAGES: Record<QuestionProblem, string> = {
  empty: 'Ask a question, e.g. “Why are Mongolia–Kazakhstan relations so weak?”',
  'too-long': `That question is too long: keep it under ${MAX_QUESTION_LENGTH} characters.`,
  'no-terms': 'That question has no words to search for (only very common words). Add a topic, a country or a name.',
};

const NO_WORDS_MESSAGE = 'That question has no words in it, only emoji or symbols. Ask in words, e.g. “Why are Mongolia–Kazakhstan relations so weak?”';

export interface AnswerOptions {
  limit?: number;
  /** Skip this many passages (the "More" button). */
  offset?: number;
  documentId?: string;
  /** Lead with the figures a numeric question asks for (default true); "why?" after a figure asks for the reason, not the figure again. */
  figures?: boolean;
}

/**
 * The figures a numeric question asks for. A country described by where it lies ("its
 * eastern neighbour") is read as each country it may be, nearest first, until one has them.
 */
/** Figures whose passage is surely the answer's evidence (see `answerQuestion`). */
const EVIDENCE_UNITS = new Set(['USD', 'km']);

function figuresFor(engine: Engine, query: string, documentId?: string, ranked: readonly string[] = []): ReturnType<typeof answerFigures> {
  const type = classifyQuestion(query);
  let out: ReturnType<typeof answerFigures> = null;
  for (const reading of describedPlaceReadings(query)) {
    out = answerFigures(engine.corpus, engine.figures, engine.index, reading, type, documentId, ranked);
    if (out?.lines.length) return out;
  }
  return out;
}

/** Paging ("More", "more", "next") past the last passage found. */
export const NO_MORE_MESSAGE = 'That was everything I found on this question: there are no more passages.';

export function answerQuestion(engine: Engine, query: string, options: AnswerOptions = {}): Answer {
  const answer = answerPage(engine, query, options);
  // A page past the end says so, rather than showing an empty answer.
  if ((options.offset ?? 0) > 0 && answer.status === 'answered' && answer.passages.length === 0 && answer.lead.length === 0) return messageOnly(query, 'no-match', NO_MORE_MESSAGE);
  return answer;
}

function answerPage(engine: Engine, typed: string, options: AnswerOptions): Answer {
  // Too long to be a question: said before any pattern reads it (some are slower than linear).
  if (typed.length > MAX_QUESTION_LENGTH) return messageOnly(typed, 'invalid', PROBLEM_MESSAGES['too-long']);
  // "thanks!", "hi steppe", "what can you do?": talk, answered in kind rather than searched
  // (first: "what can you do?" is all common words, which would say there is nothing to search).
  const social = socialReply(typed);
  if (social) return messageOnly(typed, 'invalid', social);
  // ("quick q: …", "… thanks!": the question, not what it was wrapped in.)
  const query = withoutChatNoise(typed);
  // "Who wrote the article?" is all common words, and a question about the documents.
  const problem = checkQuestion(query);
  if (problem && !(problem === 'no-terms' && answerDocumentQuestion(engine.corpus, query, options.documentId))) {
    // Emoji or symbols alone are not "very common words": there were no words at all.
    const message = problem === 'no-terms' && !/[\p{L}\p{N}]/u.test(query) ? NO_WORDS_MESSAGE : PROBLEM_MESSAGES[problem];
    return messageOnly(query, 'invalid', message);
  }
  const limit = options.limit ?? 5;
  const offset = options.offset ?? 0;
  const foreign = otherLanguageMessage(query);
  if (foreign) return messageOnly(query, 'no-match', foreign);
  // A question naming one document ("what does the op-ed say about…") is searched in it alone.
  const mentions = options.documentId ? [] : findDocumentMentions(engine.corpus, query);
  const documentId = options.documentId ?? (mentions.length === 1 ? mentions[0]!.documentId : undefined);
  // (The mentions found once: a document question reads the same ones.)
  const aboutDocument = answerDocumentQuestion(engine.corpus, query, documentId, options.documentId ? undefined : mentions);
  // "the mosser one, what's it called?", "olzvoy's piece, same journal?": a cited work, whole
  // entry first, then the passages citing it (those the search finds for the question first).
  const work = askedWorks(engine.corpus, query, documentId);
  const citing = work ? citingPassages(engine, query, work, { limit: Math.max(offset + limit, CITING_SEARCHED), documentId }) : [];
  if (work && citing.length) return answered(query, citing.slice(offset, offset + limit), offset === 0 ? workLines(work.works) : []);
  // "What sources does the article cite on the BRI?": the works cited where the topic is discussed.
  // The document named ("what does Irgengioro cite on…") is where to look, not part of the topic.
  const literature = aboutDocument ? null : literatureTopic(withoutMentions(query, documentId ? mentions : []));
  if (literature) {
    const found = engine.index.query(literature, { limit: offset + limit, documentId }).passages.filter((p) => p.coverage >= MIN_COVERAGE);
    if (found.length) {
      const drawnOn = found.slice(0, LITERATURE_PASSAGES);
      const passages = found.slice(offset, offset + limit).map((p) => toPassage(engine, p));
      return answered(query, passages, offset === 0 ? literatureLines(literature, worksCited(engine.corpus, drawnOn, LITERATURE_WORKS), drawnOn.length) : []);
    }
  }
  const result = engine.index.query(query, { limit: offset + limit, documentId });
  const relevant = result.passages.filter((p) => p.coverage >= MIN_COVERAGE);
  // "Who is Reeves?": an author the documents cite, with their works as cited, then the passages.
  const person = aboutDocument ? null : citedPersonWorks(engine.corpus, query);
  if (person) return answered(query, relevant.slice(offset, offset + limit).map((p) => toPassage(engine, p)), offset === 0 ? personLines(person.works) : []);
  if (aboutDocument) {
    // The passages that carry the answer first (title block, abstract, conclusion), then the search's.
    // ("how's it structured?": the sentence laying out the plan is the one in bold.)
    const first = aboutDocument.passages.map((p) => documentPassage(engine, p, aboutDocument.asks.includes('sections') ? isRoadmap : undefined));
    const seen = new Set(first.map((p) => p.paragraphId));
    // Asked which document is meant (too many to answer for all), nothing is quoted.
    const rest = aboutDocument.documents.length ? relevant.filter((p) => !seen.has(p.paragraph.id)).map((p) => toPassage(engine, p)) : [];
    return answered(query, [...first, ...rest].slice(offset, offset + limit), offset === 0 ? aboutDocument.lines : []);
  }
  // "What is the CSTO?": the long form where the corpus spells it out, that passage first.
  const acronym = offset === 0 ? definedAcronym(query, (w) => engine.index.isAcronym(w)) : null;
  if (acronym) {
    const spelled = [...relevant, ...engine.index.query(acronym, { limit: ACRONYM_PASSAGES, documentId }).passages].find((p) => spelledOut(p.paragraph.text, acronym));
    if (spelled) {
      const citation = citeParagraph(engine.corpus, spelled.paragraph);
      const line = `**${asWritten(acronym)}**: ${spelledOut(spelled.paragraph.text, acronym)} — ${shortCitation(citation)}.`;
      const passages = [spelled, ...relevant.filter((p) => p.paragraph.id !== spelled.paragraph.id)].slice(0, limit).map((p) => toPassage(engine, p));
      return answered(query, passages, [line]);
    }
  }
  // Figures lead only the first page of an answer (not the More pages).
  // (Read as written, chat words spelled out: "wat does kaz export to mongo" asks a trade flow.)
  // (Read on every page: the first page's order of passages, which a figure's evidence
  // changes, is the order the later pages go on in.)
  const numeric = options.figures !== false ? figuresFor(engine, spellChatWords(query), documentId, relevant.slice(0, limit).map((p) => p.paragraph.id)) : null;
  const found = numeric?.figures ?? [];
  const lead = offset === 0 ? (numeric?.lines ?? []) : [];
  const figures = offset === 0 ? found : [];
  // The passage a figure the answer leads with was read from is its evidence: shown first when
  // the search found it ("what's Mongolia's biggest export to China?" led with $6.59 billion
  // above a passage on "the biggest concern").
  // (Money only: a count or a year read from the text is less surely the one asked for — "when
  // did Xi unveil the SREB?" may lead with a year of something else, "how many doctors …" with
  // another count — and its passage would then push the right one down: one question of the
  // PDFs' 60 lost so.)
  // (Not a figure of another year than asked: its passage is the nearest year's, not the answer.)
  // (A distance, too: read only for "how far", "how close", "the distance", and led with as
  // "less than 40 kilometers" while the passage quoted first said how "closely aligned" they were.)
  const evidence = found.length && EVIDENCE_UNITS.has(found[0]!.unit) && found[0]!.yearAsked === undefined ? /¶ (\S+)$/.exec(found[0]!.source)?.[1] : undefined;
  // (Among the first page's passages only: a later page's longer list would move it anew.)
  const at = evidence ? relevant.slice(0, limit).findIndex((p) => p.paragraph.id === evidence) : -1;
  if (at > 0) relevant.unshift(...relevant.splice(at, 1));
  // A figure of a year read from a table is quoted from its row, first ("what goods did
  // Mongolia sell Kazakhstan in 2013?": the 2013 row, above the paragraphs on 2019).
  const row = found[0]?.yearAsked === undefined && found[0]?.row ? tableRowParagraph(engine.corpus, found[0].row) : undefined;
  if (relevant.length === 0 && lead.length === 0) {
    const hint = result.suggestions.length ? ` Did you mean: ${result.suggestions.join(', ')}?` : '';
    return {
      query,
      status: 'no-match',
      message: `Nothing in the corpus matches that question.${hint}`,
      passages: [],
      suggestions: result.suggestions,
      lead,
      figures,
    };
  }
  return {
    query,
    status: 'answered',
    message: null,
    passages: withRow(relevant.map((p) => toPassage(engine, p)), row && rowPassage(engine, row), found[0]?.year ?? null).slice(offset, offset + limit),
    // Found when first read (see PassageIndex.query): an answer with passages shows none.
    get suggestions() {
      return result.suggestions;
    },
    lead,
    figures,
  };
}

/** An answer that is only a message: a question refused, talk answered in kind, another language. */
export function messageOnly(query: string, status: Exclude<AnswerStatus, 'answered'>, message: string): Answer {
  return { query, status, message, passages: [], suggestions: [], lead: [], figures: [] };
}

/** An answer with passages and lead lines (from the bibliography or the metadata), no figures. */
export function answered(query: string, passages: AnswerPassage[], lead: string[]): Answer {
  return { query, status: 'answered', message: null, passages, suggestions: [], lead, figures: [] };
}

/**
 * The passages with a table figure's row among them: first, unless the best passage states
 * an amount of that year itself (the text's own sentence on it, which may give another
 * value: the row then follows it, as the lead's two sources).
 */
function withRow(passages: AnswerPassage[], row: AnswerPassage | undefined, year: number | null): AnswerPassage[] {
  if (!row) return passages;
  const yearAmount = year !== null && new RegExp(String.raw`\b${year}\b[^.]*\$\s?\d|\$\s?\d[^.]*\b${year}\b`);
  const statesYear = yearAmount && passages[0] !== undefined && splitSentences(withoutCitations(passages[0].text)).some((s) => yearAmount.test(s.text));
  return statesYear ? [passages[0]!, row, ...passages.slice(1)] : [row, ...passages];
}

/** A paragraph quoted whole with one span marked, cited: a passage not ranked by a search (score 1). */
export function quotedPassage(engine: Engine, paragraph: Paragraph, highlight: { start: number; end: number }): AnswerPassage {
  return { paragraphId: paragraph.id, text: paragraph.text, highlight, citation: citeParagraph(engine.corpus, paragraph), score: 1 };
}

/** A table row's passage, its printed row the highlight. */
export function rowPassage(engine: Engine, row: Paragraph): AnswerPassage {
  return quotedPassage(engine, row, rowLine(row));
}

function toPassage(engine: Engine, p: RankedPassage): AnswerPassage {
  return {
    paragraphId: p.paragraph.id,
    text: p.paragraph.text,
    highlight: { start: p.bestSentence.start, end: p.bestSentence.end },
    citation: citeParagraph(engine.corpus, p.paragraph),
    score: Math.round(p.score * 1000) / 1000,
  };
}

/** How many passages the search ranks to order the ones citing a work. */
const CITING_SEARCHED = 20;

/** The passages citing the works asked about: those the search finds for the question first, then the rest in reading order. */
function citingPassages(engine: Engine, query: string, work: NonNullable<ReturnType<typeof askedWorks>>, options: { limit: number; documentId?: string }): AnswerPassage[] {
  const citing = [...new Set(work.works.flatMap((w) => w.citedIn))];
  const found = engine.index.query(query, options).passages.map((p) => p.paragraph.id).filter((id) => citing.includes(id));
  const ordered = [...new Set([...found, ...citing])].map((id) => engine.corpus.paragraphsById.get(id)).filter((p): p is Paragraph => p !== undefined);
  return ordered.map((p) => citingPassage(engine, p, work.surname));
}

/** A passage citing a work: the sentence that cites it (its author's name) in bold. */
function citingPassage(engine: Engine, paragraph: Paragraph, surname: string): AnswerPassage {
  const sentences = splitSentences(paragraph.text);
  const name = nameWord(surname, 'iu');
  // (A citation closing a sentence often falls just past its full stop: "… listed (Mosser 2001)." reads whole.)
  const best = sentences.find((x) => name.test(paragraph.text.slice(x.start, x.end + 40))) ?? sentences[0] ?? { start: 0, end: paragraph.text.length };
  return { ...documentPassage(engine, paragraph), highlight: { start: best.start, end: best.end } };
}

/** A passage chosen for a question about the document: its first sentence that is not about the text itself. */
function documentPassage(engine: Engine, paragraph: Paragraph, preferred?: (sentence: string) => boolean): AnswerPassage {
  const sentences = splitSentences(paragraph.text);
  const best = (preferred ? sentences.find((x) => preferred(x.text)) : undefined) ?? sentences.find((x) => !isPreamble(x.text)) ?? sentences[0] ?? { start: 0, end: paragraph.text.length };
  return {
    paragraphId: paragraph.id,
    text: paragraph.text,
    highlight: { start: best.start, end: best.end },
    citation: citeParagraph(engine.corpus, paragraph),
    score: 1,
  };
}
