import type { Corpus, CorpusDocument, Paragraph } from '../corpus/types.js';
import { sectionName } from '../corpus/text.js';
import { analyze } from '../search/analyzer.js';
import { overviewFit } from '../search/rank.js';
import { isOrganisation } from '../corpus/authors.js';
import { documentLabel, documentUrl } from './citation.js';
import { aboutLines, CORPUS_ASKS, corpusLines, DOCUMENTS_ABOUT, documentsAbout, FACT_ASKS, FACT_WORDS, factLine, methodParagraphs, roadmapParagraph, type DocumentFact } from './documentFacts.js';
import { findDocumentMentions, type DocumentMention, withoutMentions } from './documentMention.js';

/**
 * Questions about the documents rather than their subject: who wrote one, when and where
 * it appeared, its DOI, what it argues overall or concludes, what it cites. Answered from
 * the metadata (`corpus/<id>.json`), the title block and the document's own summaries
 * (abstract, opening, conclusion); a passage is always returned so the reader sees the
 * source of the answer. Which document: the one the question names (see
 * documentMention.ts), the one the caller restricts to, or, when the corpus has a single
 * document, that one; a question naming none, about any document, gets every document's.
 */

export type DocumentAsk = 'person' | 'author' | 'date' | 'venue' | 'link' | 'affiliation' | 'funding' | 'interests' | 'conclusion' | 'thesis' | 'kind' | 'review' | DocumentFact | 'corpus';

const ASKS: Array<[Exclude<DocumentAsk, 'corpus'>, RegExp]> = [
  ...FACT_ASKS,
  ['author', /\bwho (?:wrote|writes|is the author|authored|penned|is behind|are the authors)\b|\bwritten by\b|\bauthor(?:s|ed)? (?:of|is|are)\b|\bwho(?:'s| is) (?:it|this) by\b/],
  ['date', /\bwhen (?:was|did|were)\b.*\b(?:publish|written|write|come out|came out|accept|appear|release|print|issue)|\bpublication date\b|\b(?:what|which) year\b.*\b(?:publish|written|wrote|appear)|\bdated?\b.*\b(?:piece|paper|article)\b|\bhow (?:old|recent) is\b/],
  ['venue', /\b(?:outlet|venue|publisher)\b|\bwritten for\b|\b(?:which|what) (?:journal|site|website|magazine|newspaper|publication)\b|\bwhere (?:was|did|is)\b.*\b(?:publish|appear|come out|came out|print)|\bwhere (?:did|was|does) (?:it|this|that|the (?:piece|article|paper|op-?ed|essay|study|other (?:one|piece|article|paper))) (?:run|ran|get (?:published|printed))\b|\bpublished (?:in|by) (?:what|which|whom)\b/],
  ['link', /\bdoi\b|\burl\b|\blink to\b|\bwhere can i (?:read|find|get)\b/],
  // "what kind of piece is the east asia forum one?", "is it an op-ed?", "is the miliate piece peer reviewed?"
  ['kind', /\b(?:what|which) (?:kind|type|sort) of (?:piece|document|text|source|article|paper|publication|work|thing)\b|\bis (?:it|this|that|the [\w-]+(?: [\w-]+){0,3}) (?:an? )?(?:op-?ed|opinion piece|commentary|blog post|journal article|academic (?:paper|article)|scholarly (?:paper|article)|news (?:story|article))\b/],
  ['review', /\bpeer[- ]?review(?:ed)?\b|\brefereed\b/],
  ['affiliation', /\buniversit(?:y|ies)\b|\baffiliat|\bwhere (?:is|are|does|do) (?:he|she|they|the authors?)\b.*\b(?:based|work|from|teach|study)\b|\b(?:which|what) (?:institution|school|department)\b/],
  // "Who funded the Irgengioro article?", "what grant supported this study?", "acknowledgements?"
  ['funding', /\bwho (?:funded|financed|sponsored|paid for|supported)\b|\b(?:funding|financial support|grants?|sponsors?|funders?)\b.*\b(?:paper|article|study|research|piece|work|it|this)\b|\b(?:paper|article|study|research|piece)(?:'s)?\b.*\b(?:funding|funded|financed|grants?|sponsors?)\b|\backnowledg(?:e)?ments?\b/],
  // "any conflicts of interest?", "does the dvt paper declare competing interests?"
  ['interests', /\b(?:competing|conflicting)\s+(?:financial\s+)?interests?\b|\bconflicts?\s+of\s+interests?\b|\bcoi\b/],
  // ("what did the dvt paper find?", "the study's main findings?": what it concludes, not its introduction.)
  ['conclusion', /\bconclu(?:de|des|sion|sions|ding)\b|\b(?:main|key|major|principal|primary|headline) (?:findings?|results?)\b|\bfindings\b|\bwhat (?:did|does|do) (?:the |this |that |their )?(?:[\w-]+ ){0,3}(?:paper|article|study|review|piece|authors?|researchers?|trial|survey) (?:find|found|show|showed)\b|\bend up\b|\brecommend|\bhow does\b.*\bend\b|\bbottom line\b|\btake-?away\b|\bfinal (?:point|verdict|word)\b/],
  ['thesis', /\b(?:main|central|overall|key|core|basic) (?:thesis|argument|point|claim|message|idea|contention)s?\b|\bargue(?:s)? overall\b|\boverall argument\b|\bin (?:one|a) (?:line|sentence)\b|\btl;? ?dr\b|\bgist\b|\bsumm(?:ary|ari[sz]e)\b|\bin a nutshell\b|\bwhat(?:'s| is) (?:it|the \w+(?: \w+)?) about\b|\bwhat does \w+ argue\s*\??$/],
];

/**
 * Whether the text asks what a whole document argues or concludes ("tl;dr what's the paper
 * arguing overall?"), with no topic of its own ("the third neighbor policy in a nutshell" has one).
 */
export function asksForSummary(corpus: Corpus, text: string): boolean {
  const s = asTyped(text);
  if (!ASKS.some(([ask, re]) => (ask === 'thesis' || ask === 'conclusion') && re.test(s))) return false;
  return onlyMetaWords(text, findDocumentMentions(corpus, text));
}

/** The question as the asks read it: lower case, straight apostrophes. */
const asTyped = (question: string): string => question.toLowerCase().replace(/[’‘]/g, "'");

/** Whether the question, less the documents it names, is words of document questions only (no topic). */
function onlyMetaWords(question: string, mentions: readonly DocumentMention[]): boolean {
  return analyze(withoutMentions(question, mentions)).every((t) => META_WORDS.has(t));
}

/** A question that is a document's name and "author(s)" ("the op-ed's author?", "specter authors"). */
const NAMED_THEN_AUTHOR = /\bauthors?(?:'s)?(?:\s+names?)?[\s?.!]*$/;

/** Words of the document questions themselves: what is left is the topic, if any. */
const META_WORDS = new Set(
  analyze(
    `competing conflicting conflict conflicts interest interests declare declares declared coi funded funding financed financial support sponsored sponsor grant grants acknowledgements acknowledgments research work paid supported who wrote written writer author authors authored penned published publish publication accepted appear appeared released run ran printed date dated year when where outlet venue publisher journal site website magazine newspaper doi url link read find findings found show showed shows result results university affiliation based institution conclusion conclude concludes end ends recommend recommends recommending bottom line takeaway final verdict main central overall key core thesis argument argue argues point claim message idea one line sentence tl dr gist summary summarise summarize nutshell paper article piece op ed essay study document text source sources reference references cite cites cited citation bibliography online first come came out kind type sort peer review reviewed refereed op-ed opinion commentary ${FACT_WORDS}`,
  ),
);

export interface DocumentAnswer {
  asks: DocumentAsk[];
  documents: CorpusDocument[];
  /** The answer's first lines (plain text, values in Markdown bold). */
  lines: string[];
  /** Passages that carry the answer, best first: title blocks and summaries. */
  passages: Paragraph[];
}

/** The document's title block as a passage (id `<document>/front`): title, authors, dates, venue, DOI. */
export function titleBlock(doc: CorpusDocument): Paragraph {
  const { meta } = doc;
  const front = doc.frontMatter.filter((l) => !/@|^✉/.test(l));
  const card = [
    ...front,
    `${meta.authors.join(', ')}${meta.affiliations.length ? ` (${meta.affiliations.join('; ')})` : ''}. “${meta.title}”. ${[meta.venue, meta.year].filter((x) => x !== '').join(', ')}${meta.date ? `; ${meta.date}` : ''}.`,
    ...(meta.doi ? [`DOI: ${meta.doi}`] : []),
    ...(documentUrl(meta) ? [`Link: ${documentUrl(meta)}`] : []),
  ];
  return {
    id: `${meta.id}/front`,
    documentId: meta.id,
    ordinal: 0,
    text: card.join('\n'),
    section: 'Title page',
    topSection: 'Title page',
    page: 1,
    role: 'abstract',
    footnotes: [],
    citations: [],
  };
}


/** A competing-interests statement's label, as journals word it. */
const INTERESTS_LABEL = String.raw`competing\s+(?:financial\s+)?interests?|conflicts?\s+of\s+interests?(?:\s+statement)?|declaration\s+of\s+(?:competing\s+|conflicting\s+)?interests?`;

/** A paragraph opening with a back-matter heading: contributions, interests, funding, thanks. */
const BACK_MATTER = new RegExp(String.raw`^\s*(?:authors?['’]?\s+(?:contributions?|details|information)|${INTERESTS_LABEL}|funding|acknowledge?ments?|availability\s+of\s+data)\b`, 'i');

/** The document's own summary paragraphs: conclusion first, or abstract and opening first. */
function summaries(doc: CorpusDocument, ask: 'conclusion' | 'thesis'): Paragraph[] {
  const body = doc.paragraphs.filter((p) => p.role !== 'caption' && !/^(?:appendix|references)/i.test(p.topSection ?? ''));
  // (Numbered or not: a PDF's "5 Conclusion", "VI. Conclusions".)
  const concluding = body.filter((p) => /^(?:conclusions?|concluding|summary)/i.test(sectionName(p.section)));
  // (Up to the back matter an import left under it: "Authors’ contributions ID - Study design …", then a line an author.)
  const backMatter = concluding.findIndex((p) => BACK_MATTER.test(p.text));
  const conclusion = backMatter > 0 ? concluding.slice(0, backMatter) : concluding;
  // No conclusion section: the last paragraph concludes (an op-ed has no headings).
  const ending = conclusion.length ? conclusion : body.slice(-1);
  const opening = [...body].filter((p) => overviewFit(p) >= 0.75).sort((a, b) => overviewFit(b) - overviewFit(a));
  const ordered = ask === 'conclusion' ? [...ending, ...opening] : [...opening, ...ending];
  return [...new Set(ordered)];
}

/** An imported paper's acknowledgements kept as a section of its own ("Acknowledgments", "6 Funding"). */
function thankedParagraphs(doc: CorpusDocument): Paragraph[] {
  // (Who paid first: a "Funding" section says it outright, the thanks only now and then.)
  return [...doc.paragraphs.filter((p) => FUNDING_SECTION.test(p.section ?? '')), ...doc.paragraphs.filter((p) => THANKS_SECTION.test(p.section ?? ''))];
}
const FUNDING_SECTION = /^(?:\d+(?:\.\d+)*\.?\s+)?funding/i;
const THANKS_SECTION = /^(?:\d+(?:\.\d+)*\.?\s+)?acknowledg/i;


/** The label at a line's start or after a sentence, and the statement's first sentence after it. */
const INTERESTS_STATEMENT = new RegExp(String.raw`(?:^|[.;]\s+)(${INTERESTS_LABEL})\b\s*:?\s*([^.]*\.?)`, 'i');

const INTERESTS_SECTION = new RegExp(String.raw`^(?:${INTERESTS_LABEL})$`, 'i');

/** Paragraphs under a section of that name ("## Competing Interests" in PeerJ). */
function interestParagraphs(doc: CorpusDocument): Paragraph[] {
  return doc.paragraphs.filter((p) => INTERESTS_SECTION.test(sectionName(p.section)));
}

/** "Who is Miliate?", "who's John Irgengioro?": "who is", a document's author, and nothing else. */
const WHO_IS = /^\s*(?:(?:and|so|ok|okay|but),?\s+)?who(?:'s|’s|\s+is|\s+was)\s+(?:the\s+)?(.+?)(?:\s+(?:anyway|again|exactly|then))?\s*[?!.]*\s*$/i;

/** The document and author a "who is X?" asks about, when X is a person among the documents' authors (by surname, first name optional). */
function authorAskedAbout(corpus: Corpus, question: string, mentions: ReturnType<typeof findDocumentMentions>): { doc: CorpusDocument; author: string } | null {
  const asked = WHO_IS.exec(question)?.[1];
  if (!asked || mentions.length !== 1 || mentions[0]!.how !== 'author') return null;
  const doc = corpus.documents.find((d) => d.meta.id === mentions[0]!.documentId);
  const surname = analyze(question.slice(mentions[0]!.start, mentions[0]!.end));
  const author = doc?.meta.authors.find((a) => !isOrganisation(a) && surname.every((t) => analyze(a).includes(t)));
  if (!doc || !author) return null;
  // Only the name: "who is Miliate arguing with?" asks something else.
  const rest = analyze(asked).filter((t) => !analyze(author).includes(t));
  return rest.length === 0 ? { doc, author } : null;
}

/** Who the author is, as the corpus knows: the document written, the affiliation, and a line of the document's about the author. */
function personLine(doc: CorpusDocument, author: string): string {
  const { meta } = doc;
  const surname = author.split(/\s+/).at(-1)!;
  // ("(Brandon Miliate is a PhD student …)": an op-ed's note on its author, kept as front matter.)
  const says = new RegExp(String.raw`\b${surname.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\s+(?:is|was|has|teaches|works|holds)\b`);
  const about = doc.frontMatter.find((l) => says.test(l) && !/@/.test(l));
  const where = meta.affiliations.length ? ` (${meta.affiliations.join('; ')})` : '';
  return `**${author}**${where} wrote “${meta.title}”${meta.venue ? `, ${meta.venue}` : ''}${meta.year ? `, ${meta.year}` : ''}.${about ? ` ${about.replace(/^\((.*)\)$/, '$1').replace(/[^.]$/, '$&.')}` : ''}`;
}

/** A document's kind as a phrase, and its venue: "**a journal article** in **International Politics**", "**an op-ed**". */
function kindAndVenue(meta: CorpusDocument['meta']): string {
  const words = (meta.kind || 'document').replace(/[-_]+/g, ' ').trim().toLowerCase();
  return `**${/^[aeiou]/.test(words) ? 'an' : 'a'} ${words}**${meta.venue ? ` in **${meta.venue}**` : ''}`;
}

/** The document's first author who is a person (an organisation has no background to give). */
function firstPerson(doc: CorpusDocument): string {
  return doc.meta.authors.find((a) => !isOrganisation(a)) ?? doc.meta.authors[0] ?? '';
}

function lineFor(ask: Exclude<DocumentAsk, 'corpus'>, doc: CorpusDocument): string {
  const { meta } = doc;
  const name = documentLabel(meta);
  switch (ask) {
    case 'keywords':
    case 'references':
    case 'sections':
    case 'length':
    case 'methods':
    case 'background':
      return factLine(ask, doc, (d) => personLine(d, firstPerson(d)));
    case 'person':
      return personLine(doc, meta.authors[0] ?? '');
    case 'author':
      return `“${meta.title}” was written by **${meta.authors.join(', ')}**${meta.affiliations.length ? ` (${meta.affiliations.join('; ')})` : ''}.`;
    case 'date':
      // An imported PDF often knows only the year: "published in **2020**", never an empty "****".
      return meta.date.trim() ? `${name}: **${meta.date}**.` : `${name} was published in **${meta.year}**${meta.venue ? ` (${meta.venue})` : ''}.`;
    case 'venue':
      // "PeerJ Comput. Sci." ends its own sentence: no second full stop.
      return meta.venue ? `${name} appeared in **${meta.venue}**${meta.venue.endsWith('.') ? '' : '.'}` : `${name}: its metadata names no venue.`;
    case 'link':
      return documentUrl(meta) ? `${name}: ${meta.doi ? `DOI **${meta.doi}**, ` : ''}${documentUrl(meta)}` : `${name} has no DOI or link in its metadata.`;
    case 'affiliation':
      return `${meta.authors.join(', ')}: **${meta.affiliations.join('; ') || 'no affiliation given'}**.`;
    case 'kind':
      return `${name} is ${kindAndVenue(meta)}${meta.venue.endsWith('.') ? '' : '.'}`;
    case 'review':
      // (What the metadata holds, and no more: it records the kind and the venue, not the review.)
      return `${name} is ${kindAndVenue(meta)}; its metadata does not say whether it was peer reviewed.`;
    case 'conclusion':
      return `What ${name} concludes:`;
    case 'thesis':
      return `What ${name} argues overall:`;
    case 'interests': {
      // The statement the parser set apart from the text (back matter), or a section of its own.
      // (Where the import ran it on after other back matter, "Additional file 1: … Competing interests The authors …", from its label.)
      const statement = doc.frontMatter.map((l) => INTERESTS_STATEMENT.exec(l)).find((m) => m !== null);
      if (statement) return `${name} — ${statement[1]}: ${statement[2]}`;
      return interestParagraphs(doc).length ? `${name}: its statement on competing interests, below.` : `${name}: its text has no statement on competing interests.`;
    }
    case 'funding': {
      // The acknowledgement and funding lines the parser set apart from the text (front matter).
      // (Who paid first: a funding line says it outright, the thanks only now and then.)
      const lines = [...doc.frontMatter.filter((l) => /^(?:funding|financial support)/i.test(l)), ...doc.frontMatter.filter((l) => /^acknowledg/i.test(l))];
      const labelled = lines.map((l) => l.replace(/^(acknowledg(?:e)?ments?|funding)\s*:?\s+/i, (_, label: string) => `${label}: `));
      if (lines.length) return `${name} — ${labelled.join(' ')}`;
      const thanked = thankedParagraphs(doc);
      if (thanked.length === 0) return `${name}: its text names no funding or acknowledgements.`;
      return FUNDING_SECTION.test(thanked[0]!.section ?? '') ? `${name}: its funding statement, below.` : `${name}: its acknowledgements, below.`;
    }
  }
}

/**
 * The document question's answer, or null when the question is not one: no document
 * question asked, or asked with a topic and no document named ("who wrote about the SCO?"
 * is for the search).
 */
/** The terms of a title's name for its subject: the one to three words before its colon ("SPECTER", "LongEval"), or none. */
function shortTitleTerms(title: string): string[] {
  const head = /^([^:]{2,40}):\s+\S/.exec(title)?.[1]?.trim();
  return head && head.split(/\s+/).length <= 3 ? [...new Set(analyze(head))] : [];
}

function sameTerms(a: readonly string[], b: readonly string[]): boolean {
  return a.length > 0 && a.length === new Set(b).size && a.every((t) => b.includes(t));
}

/** Documents one answer about "the documents" covers when none is named; beyond, it asks which. */
const MAX_DOCUMENTS_ANSWERED = 5;

export function answerDocumentQuestion(
  corpus: Corpus,
  question: string,
  documentId?: string,
  /** `findDocumentMentions(corpus, question)` when the caller has it already (the answer pipeline does). */
  mentions: DocumentMention[] = findDocumentMentions(corpus, question),
): DocumentAnswer | null {
  const s = asTyped(question);
  const matched = ASKS.filter(([, re]) => re.test(s)).map(([ask]) => ask);
  // ("Who is the author and what's his background?": the background's line names the author.)
  // (Nor "where are the authors based?": the affiliation's line names them.)
  const asks = matched.includes('background')
    ? matched.filter((a) => a !== 'author' && a !== 'affiliation')
    : matched.includes('affiliation')
      ? matched.filter((a) => a !== 'author')
      : matched;
  // "steppes to the states author?": a document named, then "author" — nothing else asked.
  if (asks.length === 0 && mentions.length === 1 && NAMED_THEN_AUTHOR.test(s) && onlyMetaWords(question, mentions)) asks.push('author');
  const person = asks.length === 0 ? authorAskedAbout(corpus, question, mentions) : null;
  if (person) return { asks: ['person'], documents: [person.doc], lines: [personLine(person.doc, person.author)], passages: [titleBlock(person.doc)] };
  // "which papers are about summarization?": the documents whose title, keywords or many paragraphs say it.
  const aboutTopic = asks.length === 0 && mentions.length === 0 ? DOCUMENTS_ABOUT.exec(question)?.[1]?.trim() : undefined;
  const about = aboutTopic ? documentsAbout(corpus, aboutTopic) : null;
  // (None found is no answer: the search, with its spellings and kin words, may still find the topic.)
  if (aboutTopic && about && about.length > 0) {
    return { asks: ['corpus'], documents: [], lines: aboutLines(aboutTopic, about, MAX_DOCUMENTS_ANSWERED), passages: about.slice(0, MAX_DOCUMENTS_ANSWERED).map((f) => titleBlock(f.doc)) };
  }
  // "What sources do you have?", "which one is more recent?": about the set of documents.
  // (Whatever document a conversation was on: "which one is newer?" after the list of them.)
  // ("which is more recent, the op-ed or the journal article?": of the documents named.)
  const corpusAsk = asks.length === 0 ? CORPUS_ASKS.find(([ask, re]) => (mentions.length === 0 || (ask === 'recency' && mentions.length >= 2)) && re.test(s))?.[0] : undefined;
  if (corpusAsk && onlyMetaWords(question, mentions)) {
    const among = mentions.length >= 2 ? mentions.map((m) => corpus.documents.find((d) => d.meta.id === m.documentId)!) : corpus.documents;
    const { lines, named } = corpusLines(corpusAsk, corpus, MAX_DOCUMENTS_ANSWERED, among);
    // (No document of them is the one asked about: their title blocks only, no search below them.)
    return { asks: ['corpus'], documents: [], lines, passages: named.map(titleBlock) };
  }
  if (asks.length === 0) return null;
  // The words left once the document question and the document's name are taken out.
  const topic = analyze(withoutMentions(question, mentions)).filter((t) => !META_WORDS.has(t));
  let documents: CorpusDocument[];
  // "Who wrote SPECTER?": the name a title gives its subject before the colon ("SPECTER:
  // Document-level Representation…") is a topic of the text, and names the paper when asked
  // who wrote it, when or where it appeared.
  const named = !documentId && mentions.length === 0 && topic.length > 0 ? corpus.documents.filter((d) => sameTerms(shortTitleTerms(d.meta.title), topic)) : [];
  if (documentId) documents = corpus.documents.filter((d) => d.meta.id === documentId);
  else if (mentions.length) documents = mentions.map((m) => corpus.documents.find((d) => d.meta.id === m.documentId)!);
  else if (named.length && asks.some((a) => a !== 'conclusion' && a !== 'thesis')) documents = named;
  else documents = corpus.documents;
  if (documents.length === 0) return null;
  // A topic with no document named is a question about the subject ("when did flights resume?").
  if (topic.length > 0 && mentions.length === 0 && !documentId && !named.length && corpus.documents.length > 1) return null;
  // "Who are the authors?" of 120 documents is a list nobody reads: ask which one.
  if (documents.length > MAX_DOCUMENTS_ANSWERED) {
    return {
      asks,
      documents: [],
      lines: [`The corpus holds ${documents.length} documents: name the one you mean (its title, author or year: “who wrote the Kazakhstan factbook entry?”), or see /about for the list.`],
      passages: [],
    };
  }
  // A topic beside a summary question ("what does Irgengioro conclude about the SCO?") is for the search, within that document.
  const metadataAsks = asks.filter((a) => a !== 'conclusion' && a !== 'thesis' && a !== 'methods');

  if (topic.length > 1 && metadataAsks.length === 0) return null;
  const lines: string[] = [];
  const passages: Paragraph[] = [];
  for (const doc of documents) {
    for (const ask of asks) {
      // "when did it get accepted" and "when was it published" are one line.
      const line = lineFor(ask, doc);
      if (!lines.includes(line)) lines.push(line);
    }
    if (asks.includes('funding')) passages.push(...thankedParagraphs(doc));
    if (asks.includes('interests')) passages.push(...interestParagraphs(doc));
    // ("how's it structured?": the passage that lays out its plan, beside the headings.)
    const plan = asks.includes('sections') ? roadmapParagraph(doc) : undefined;
    if (plan) passages.push(plan);
    if (metadataAsks.length) passages.push(titleBlock(doc));
    for (const ask of asks) if (ask === 'conclusion' || ask === 'thesis') passages.push(...summaries(doc, ask));
    // How it was done: its methods section, else what it sets out to do (abstract, opening).
    if (asks.includes('methods')) {
      const methods = methodParagraphs(doc);
      passages.push(...(methods.length ? methods : summaries(doc, 'thesis')));
    }
  }
  return { asks, documents, lines, passages: [...new Set(passages)] };
}
