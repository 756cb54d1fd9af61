import type { Corpus, CorpusDocument, Paragraph } from '../corpus/types.js';
import { analyze } from '../search/analyzer.js';
import { splitSentences } from '../search/sentences.js';
import { analyzePassage } from '../search/rank.js';
import { documentLabel } from './citation.js';

/**
 * What a reader asks of a document as an object, beside who wrote it and when
 * (documentQuestion.ts): its keywords, how many works it cites, how it is divided, how long
 * it is, how it was done, which source is newer, and what the corpus holds at all. Each is
 * read from the parse (front matter, sections, bibliography, pages), never guessed: a fact
 * the document does not state is said to be missing.
 */

export type DocumentFact = 'keywords' | 'references' | 'sections' | 'length' | 'methods' | 'background';
/** Questions about the set of documents rather than one. */
export type CorpusFact = 'recency' | 'holdings';

export const FACT_ASKS: Array<[DocumentFact, RegExp]> = [
  ['keywords', /\bkey ?words\b|\bwhat (?:are|were) (?:its|the \w+(?:'s)?) tags\b/],
  // ("How many papers are in S2ORC?" counts a subject: only with a word for citing.)
  ['references', /\bhow many (?:works|sources|references|papers|articles|books|citations|items|titles|entries|authors)\b.*\b(?:cite[sd]?|citing|reference[sd]?|bibliograph\w*|draws? on|list(?:ed|s)?)\b|\bhow many references\b|\b(?:length|size) of (?:the |its )?bibliography\b|\bhow (?:long|big) is (?:the |its )?bibliography\b/],
  // ("what parts of a paper does SPECTER use?": parts of any paper, not this one's.)
  ['sections', /\b(?:what|which) (?:sections|parts|chapters|headings|subsections)\b(?! of an? )|\b(?:outline|table of contents|toc)\b|\b(?:its|their|the (?:paper|article|piece|essay|study|document|report|op-?ed)(?:'s)?) structure\b|\bstructure of (?:it|this|the (?:paper|article|piece|essay|study|document|report|op-?ed))\b|\bhow(?:'s|s| is) (?:it|this|that|the (?:[\w-]+ ){0,3}?[\w-]+|“[^”]+”) (?:structured|organi[sz]ed|divided|laid out|set up)\b/],
  ['length', /\bhow long is (?:(?:it|this|that|the\b[^?]{0,40}?\b(?:paper|article|piece|op-?ed|essay|study|text|document|report))\b|“[^”]+”)|\bhow many (?:pages|words)\b|\b(?:page|word) count\b|\b(?:length|size) of (?:the |this )?(?:paper|article|piece|op-?ed|essay|study|text|document)\b/],
  ['methods', /\b(?:methods?|methodology|research design|approach)\b.*\b(?:use[sd]?|using|follow(?:s|ed)?|take[sn]?|took|apply|applie[sd]|rel(?:y|ies|ied))\b|\bhow (?:was|is) (?:the|this|it) (?:\w+ )?(?:study|research|paper|article) (?:done|conducted|carried out)\b/],
  ['background', /\b(?:background|credentials|bio|biography|qualifications?)\b|\b(?:is|was) (?:the author|he|she|[\w.-]+(?: [\w.-]+){0,2}) (?:an?|the) (?:academic|professor|scholar|researcher|student|phd|journalist|expert|analyst|diplomat|lecturer)\b|\bwhat does (?:the author|he|she) do\b/],
];

export const CORPUS_ASKS: Array<[CorpusFact, RegExp]> = [
  ['recency', /\b(?:which|what) (?:one|source|document|paper|article|piece|text)s?\b.*\b(?:recent|newer|newest|latest|older|oldest|earlier|earliest)\b|^\s*(?:(?:and|so|ok)\s+)?which (?:one |of (?:them|the two) )?(?:is|was) (?:the )?(?:more recent|most recent|newer|newest|older|oldest|earlier|later)\b|^\s*(?:(?:and|so|ok)\s+)?which (?:one |of (?:them|the two) )?came (?:out )?first\b|\b(?:more|most) recent (?:source|document|paper|article|piece|one)\b|\b(?:newest|latest|oldest) (?:source|document|paper|article|piece|one)\b/],
  ['holdings', /\b(?:what|which) (?:sources|documents|texts|papers|articles|files|materials)\b.*\b(?:you|your|corpus|got|cover|available|index(?:ed)?|loaded)\b|\blist (?:the |your |all (?:the |your )?)?(?:sources|documents|texts|papers|articles)\b|\bwhat(?:'s| is) in (?:your|the) (?:corpus|library|database|collection)\b|\bwhat (?:do you|can you) (?:know|read|search)\b.*\b(?:sources|documents|texts|papers|corpus)\b|\bhow many (?:sources|documents|texts|papers|articles|files) (?:do you (?:have|hold|know|search)|have you got|(?:are|do you have) (?:there )?in your (?:corpus|library|collection|database)|are (?:loaded|indexed))\b|^\s*how many (?:sources|documents|texts|papers|articles|files) (?:are there|have you got)[\s?.!]*$/],
];

/**
 * A question about a document as an object ("how many works does it cite?", "what are its
 * keywords?"), by FACT_ASKS. Its length only when a document is named so ("how long is the
 * paper?"): "how long is it?" after an answer on a railway asks about the railway.
 */
export function asksDocumentFact(text: string): boolean {
  const s = text.toLowerCase().replace(/[’‘]/g, "'");
  return FACT_ASKS.some(([fact, re]) => re.test(s) && (fact !== 'length' || !/how long is (?:it|this|that)/.test(s)));
}

/** Words of these questions: what is left is the topic, if any. */
export const FACT_WORDS =
  'keywords keyword key words tags many works sources references papers articles books citations items titles entries draw draws list listed lists bibliography sections parts chapters headings subsections outline structure structured organised organized divided laid table contents toc long big length size pages words page word count methods method methodology research design approach use used uses using follow follows followed take takes taken took apply applied applies rely relies relied done conducted carried background credentials bio biography qualification qualifications academic professor scholar researcher student phd journalist expert analyst diplomat lecturer do does one more most recent newer newest latest older oldest earlier earliest you your corpus got cover available index indexed loaded library database collection know search files materials documents texts';

const name = (doc: CorpusDocument): string => documentLabel(doc.meta);

const METHOD_SECTION = /^(?:\d+(?:\.\d+)*\.?\s+)?(?:methods?|methodology|materials and methods|data and methods|research design|study design|approach|experimental setup|experiments?)\b/i;

/** The paragraphs of a document's methods section(s), in order. */
export function methodParagraphs(doc: CorpusDocument): Paragraph[] {
  return doc.paragraphs.filter((p) => METHOD_SECTION.test(p.section ?? '') || METHOD_SECTION.test(p.topSection ?? ''));
}

/**
 * "It thus first provides a background overview …, and then conducts an analysis …": the
 * sentence of the opening that lays out the document's plan, by its shape (the document, "it"
 * or "we" first, then an order of parts).
 */
const ROADMAP = /^\s*(?:(?:this|the present|our)\s+(?:article|paper|study|essay|piece|review|report)|it|we)\b[^.]{0,80}?\b(?:first(?:ly)?|begins? (?:by|with)|starts? (?:by|with))\b.*\b(?:then|next|second(?:ly)?|afterwards?|finally|followed)\b/i;

export const isRoadmap = (sentence: string): boolean => ROADMAP.test(sentence);

/** The paragraph of the document's first third that lays out its plan, if one does. */
export function roadmapParagraph(doc: CorpusDocument): Paragraph | undefined {
  const opening = doc.paragraphs.slice(0, Math.max(3, Math.ceil(doc.paragraphs.length / 3)));
  return opening.find((p) => splitSentences(p.text).some((x) => isRoadmap(x.text)));
}

/** The top-level headings of a document, in reading order, the bibliography and appendices left out. */
function headings(doc: CorpusDocument): string[] {
  return doc.sections.filter((s) => s.level === 1 && !/^(?:references|bibliography|works cited|appendix)/i.test(s.title)).map((s) => s.title);
}

function words(doc: CorpusDocument): number {
  let n = 0;
  for (const p of doc.paragraphs) n += p.text.split(/\s+/).filter(Boolean).length;
  return n;
}

/** The first line of an answer about one document. */
export function factLine(fact: DocumentFact, doc: CorpusDocument, personLine: (doc: CorpusDocument) => string): string {
  switch (fact) {
    case 'keywords': {
      const line = doc.frontMatter.find((l) => /^key ?words\b/i.test(l));
      return line ? `${name(doc)} — keywords: **${line.replace(/^key ?words\s*:?\s*/i, '')}**.` : `${name(doc)} states no keywords.`;
    }
    case 'references': {
      const n = doc.references.length;
      return n ? `${name(doc)} cites **${n} works** in its bibliography.` : `${name(doc)} has no bibliography: it cites no works by reference list.`;
    }
    case 'sections': {
      const list = headings(doc);
      return list.length ? `${name(doc)} has **${list.length} sections**: ${list.join(' · ')}.` : `${name(doc)} has no section headings: it is one run of ${doc.paragraphs.length} paragraphs.`;
    }
    case 'length': {
      const pages = doc.pageCount > 1 ? `**${doc.pageCount} pages**, ` : '';
      return `${name(doc)}: ${pages}about **${words(doc).toLocaleString('en-US')} words** in ${doc.paragraphs.length} paragraphs.`;
    }
    case 'methods':
      return methodParagraphs(doc).length > 0 ? `How ${name(doc)} was done, from its methods section:` : `${name(doc)} has no methods section; what it sets out to do, from its own summary:`;
    case 'background':
      return personLine(doc);
  }
}

/** The lines of an answer about the set of documents, and the documents they name. */
export function corpusLines(fact: CorpusFact, corpus: Corpus, listed: number, among: readonly CorpusDocument[] = corpus.documents): { lines: string[]; named: CorpusDocument[] } {
  const docs = [...among];
  if (fact === 'recency') {
    docs.sort((a, b) => b.meta.year - a.meta.year || (b.meta.date > a.meta.date ? 1 : -1));
    const newest = docs[0]!;
    const oldest = docs.at(-1)!;
    if (docs.length === 1) return { lines: [`The corpus holds one document: ${name(newest)}.`], named: [newest] };
    // (Of two, "the newer" and "the older": "which is more recent, the op-ed or the article?")
    if (docs.length === 2 && among !== corpus.documents) return { lines: [`The more recent is **${name(newest)}**; the older, **${name(oldest)}**.`], named: [newest, oldest] };
    return { lines: [`The most recent is **${name(newest)}**; the oldest, **${name(oldest)}**.`], named: [newest, oldest] };
  }
  const named = docs.slice(0, listed);
  const more = docs.length > listed ? [`…and ${docs.length - listed} more: /about lists them all.`] : [];
  const lines = [`The corpus holds **${docs.length} document${docs.length === 1 ? '' : 's'}**:`, ...named.map((d) => `• ${name(d)}${d.meta.venue ? `, ${d.meta.venue}` : ''}`), ...more];
  return { lines, named };
}

/** "which papers are about summarization?", "what sources deal with Kyrgyz debt?": the topic asked (group 1). */
export const DOCUMENTS_ABOUT = /\b(?:which|what) (?:papers|documents|sources|texts|articles|studies|pieces|ones)\b (?:are|is|deal|deals|talk|talks|cover|covers|discuss|discusses|focus|focuses)(?:\s+(?:mostly|mainly|all))?\s+(?:about|on|with)\s+(.+?)[\s?.!]*$/i;
/** A document speaks of a topic when its title names it, or this share of its paragraphs does (and at least two). */
const ABOUT_SHARE = 0.1;
/** Paragraphs up to which "which papers are about X?" reads every paragraph (the 118 texts: 7,350; ×1000 the articles: 54,000). */
const SCAN_LIMIT = 20_000;

/**
 * The documents about a topic, most about it first: its title's or keywords' words first, then
 * the share of its paragraphs that use every word of the topic. Null when the topic has no words.
 */
export function documentsAbout(corpus: Corpus, topic: string): Array<{ doc: CorpusDocument; titled: boolean; paragraphs: number }> | null {
  const terms = [...new Set(analyze(topic))];
  if (!terms.length) return null;
  // (Past SCAN_LIMIT paragraphs, titles and keywords only: one question must not analyse a corpus
  // the warm-up has not, for everyone's wait.)
  const scan = corpus.paragraphsById.size <= SCAN_LIMIT;
  const found = corpus.documents.map((doc) => {
    const head = new Set(analyze(`${doc.meta.title} ${doc.frontMatter.filter((l) => /^key ?words\b/i.test(l)).join(' ')}`));
    const titled = terms.every((t) => head.has(t));
    // (The index's analyses, made once: at ×1000 the corpus, analysing every paragraph again was the whole cost.)
    const paragraphs = !scan ? -1 : doc.paragraphs.filter((p) => {
      const own = analyzePassage(p).terms;
      return terms.every((t) => own.has(t));
    }).length;
    return { doc, titled, paragraphs, share: paragraphs / Math.max(1, doc.paragraphs.length), titleLength: analyze(doc.meta.title).length };
  });
  return found
    .filter((f) => f.titled || (f.paragraphs >= 2 && f.share >= ABOUT_SHARE))
    // (Of those titled for it, the title nearest to the topic alone first: "Kazakhstan" before "Kazakhstan National Fund".)
    .sort((a, b) => Number(b.titled) - Number(a.titled) || (a.titled ? a.titleLength - b.titleLength : 0) || b.share - a.share)
    .map(({ doc, titled, paragraphs }) => ({ doc, titled, paragraphs }));
}

/** The lines of that answer: one a document, with why it counts. */
export function aboutLines(topic: string, found: ReturnType<typeof documentsAbout> & object, listed: number): string[] {
  const shown = found.slice(0, listed);
  const more = found.length > listed ? [`…and ${found.length - listed} more.`] : [];
  return [
    `Documents about “${topic}” in the corpus (**${found.length}**):`,
    ...shown.map((f) => `• ${name(f.doc)}${f.titled ? ' (its title or keywords)' : ''}${f.paragraphs >= 0 ? `: ${f.paragraphs} of its ${f.doc.paragraphs.length} paragraphs` : ''}`),
    ...more,
  ];
}
