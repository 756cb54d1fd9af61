import { paragraphById } from '../corpus/tableRows.js';
import { answered, quotedPassage, type Answer } from '../answer/answer.js';
import { authorLabel, citeParagraph, documentLabel, documentUrl } from '../answer/citation.js';
import { titleBlock } from '../answer/documentQuestion.js';
import { apaReference, inTextCitation } from '../answer/reference.js';
import { isOrganisation } from '../corpus/authors.js';
import type { CitationLink, CorpusDocument, Paragraph, TradeRow } from '../corpus/types.js';
import type { Engine } from '../engine.js';
import { findMentions } from '../answer/figureQuestion.js';
import { splitSentences } from '../search/sentences.js';
import { attributedPeople, citationsOfSentence } from './people.js';
import { AND_WHEN, sourceFocus } from './cues.js';
import { analyze } from '../search/analyzer.js';
import type { TurnRecord } from './state.js';

/**
 * "Who said that?", "what's the source?", "who wrote it?": answered from the previous
 * answer's passage — the person its best sentence quotes, the works it cites (with their
 * bibliography entries) and the document it comes from. Nothing is searched again.
 */

export interface SourceAnswer {
  answer: Answer;
  /** The person named as the source, if the sentence names one. */
  person: string | null;
}

/** The numbers written in a text, years left out ("1,494,300 … in 2018" → 1,494,300), with where each stands. */
function valuesIn(text: string): RegExpExecArray[] {
  return [...text.matchAll(/\d[\d,.]*\d|\d/g)].filter((m) => !/^(?:1[89]|20)\d\d$/.test(m[0]));
}

/**
 * A sentence that gives several figures cites each after it ("1,494,300 … visited China
 * (China National Bureau of Statistics 2019) and 113,864 … (Korea Tourism Association
 * 2019)"): the source of the figure shown is the first citation after its value.
 */
function citationsOfFigure(text: string, sentenceAt: number, figureLine: string, cited: CitationLink[]): CitationLink[] {
  if (cited.length < 2 || sentenceAt < 0) return cited;
  const values = valuesIn(figureLine).map((m) => m[0]);
  for (const v of values) {
    const at = text.indexOf(v, sentenceAt);
    if (at < 0) continue;
    return firstCitedAfter(text, at, cited);
  }
  return cited;
}

/** Of a sentence's citations, the first after a position (all of them when none is). */
function firstCitedAfter(text: string, at: number, cited: CitationLink[]): CitationLink[] {
  const after = cited
    .map((c) => ({ c, pos: text.indexOf(c.raw, at) }))
    .filter((x) => x.pos >= 0)
    .sort((a, b) => a.pos - b.pos);
  return after.length ? [after[0]!.c] : cited;
}

/** The table row a figure line gives ("… to Mongolia … in 2016: **$74.2 M** …"), if it is one. */
function tableRowOf(engine: Engine, figureLine: string): TradeRow | null {
  for (const d of engine.corpus.documents) {
    for (const r of d.tables) {
      if (!figureLine.includes(r.valueText) || !new RegExp(String.raw`\b${r.year}\b`).test(figureLine) || !figureLine.includes(r.partner)) continue;
      return r;
    }
  }
  return null;
}

/**
 * The caption of the table a row comes from, with the source it names: a caption that says
 * only "(ibid.)" takes the source of the caption before it.
 */
function tableCaption(engine: Engine, row: TradeRow): { paragraph: Paragraph; source: string | null } | null {
  const doc = engine.corpus.documents.find((d) => d.meta.id === row.documentId);
  const captions = (doc?.paragraphs ?? []).filter((p) => p.role === 'caption');
  const flow = row.direction === 'exports' ? new RegExp(String.raw`\bMongolia\s+exports?\s+to\s+${row.partner}\b`, 'i') : new RegExp(String.raw`\b${row.partner}\s+exports?\s+to\s+Mongolia\b`, 'i');
  const at = captions.findIndex((p) => flow.test(p.text));
  if (at < 0) return null;
  const sourceOf = (p: Paragraph) => /\(([^()]*\b(?:source|obtained|data|from)\b[^()]*)\)/i.exec(p.text)?.[1] ?? null;
  let source = sourceOf(captions[at]!);
  for (let i = at - 1; i >= 0 && (!source || /^ibid\.?$/i.test(source)); i--) source = sourceOf(captions[i]!) ?? source;
  return { paragraph: captions[at]!, source: source && !/^ibid\.?$/i.test(source) ? source : null };
}

/** "Where does that number come from?" of a value from an Appendix table: the table and the source its caption names. */
function answerTableSource(engine: Engine, figureLine: string, asked: string, shownPassages: Paragraph[]): SourceAnswer | null {
  const row = tableRowOf(engine, figureLine);
  const caption = row && tableCaption(engine, row);
  if (!row || !caption) return null;
  // A passage shown that states the value itself ("… for a turnover value of $58.1 million")
  // is its source in the text: answered from it, as any claim.
  const number = /\d[\d,.]*/.exec(row.valueText)?.[0];
  // (The table's own row, shown as the figure's quote, is not the text.)
  if (number && shownPassages.some((p) => p.role !== 'table' && new RegExp(String.raw`(?<![\d.,])\$?${number.replace(/\./g, '\\.')}(?![\d,]|\.\d)`).test(p.text))) return null;
  const doc = engine.corpus.documents.find((d) => d.meta.id === row.documentId)!;
  const citation = citeParagraph(engine.corpus, caption.paragraph);
  const lines = [
    `The figure: ${figureLine}.`,
    `From the table “${caption.paragraph.text.replace(/\s*\([^()]*\)\s*$/, '')}” in ${authorLabel(doc.meta)} (${doc.meta.year}), ${row.table}, p. ${row.page}${caption.source ? `: **${caption.source}**` : ''}.`,
  ];
  const link = documentUrl(doc.meta);
  if (link) lines.push(`Document: ${link}`);
  const text = caption.paragraph.text;
  const answer: Answer = {
    query: asked,
    status: 'answered',
    message: null,
    passages: [{ paragraphId: caption.paragraph.id, text, highlight: { start: 0, end: text.length }, citation, score: 1 }],
    suggestions: [],
    lead: lines,
    figures: [],
  };
  return { answer, person: null };
}

/**
 * The passage a figure the answer led with was read from, when that is not the best passage
 * shown ("just over three million — population: Mongolia" from the journal article, above a
 * passage of the op-ed): the figure's source is where its value is written.
 */
function figureParagraph(engine: Engine, turn: TurnRecord): Paragraph | null {
  const lead = turn.sentences[0];
  const shown = turn.paragraphIds.map((id) => paragraphById(engine.corpus, id)).filter((p): p is Paragraph => p !== undefined);
  if (!lead || !shown.length || shown[0]!.text.includes(lead)) return null;
  const value = lead.split(' — ')[0]!.trim();
  if (value.length < 3 || value === lead || shown[0]!.text.includes(value)) return null;
  return shown.find((p) => p.text.includes(value)) ?? null;
}

/**
 * "who compiled that China figure?" of an answer whose passages give figures for several
 * places: the sentence of a passage shown that gives one for the place named, and the value
 * nearest the place's name in it (whose citation follows it). Null when the question names no
 * place, or the best sentence already names it.
 */
function figureOfPlaceNamed(engine: Engine, turn: TurnRecord, asked: string): { paragraph: Paragraph; sentence: string; value: string } | null {
  const places = new Set(findMentions(asked).map((m) => m.country));
  if (places.size !== 1) return null;
  const [place] = [...places];
  const best = turn.sentences[0] ?? '';
  if (findMentions(best).some((m) => m.country === place)) return null;
  for (const id of turn.paragraphIds) {
    const paragraph = paragraphById(engine.corpus, id);
    if (!paragraph || paragraph.role === 'table') continue;
    for (const s of splitSentences(paragraph.text)) {
      const named = findMentions(s.text).find((m) => m.country === place);
      if (!named) continue;
      const values = valuesIn(s.text);
      if (!values.length) continue;
      const nearest = values.reduce((a, b) => (Math.abs(b.index - named.start) < Math.abs(a.index - named.start) ? b : a));
      return { paragraph, sentence: s.text, value: nearest[0] };
    }
  }
  return null;
}

/**
 * A paragraph that opens with who speaks: a record's "Mr. CLAY. Madam Speaker, …", "Mr.
 * HASTINGS of Florida. …", a transcript's "VICE PRESIDENT HARRIS: …" (a capitalised label
 * naming an office or a title: "COASTLINE: …" in a factbook is a field, not a speaker).
 */
const SPEAKER_OPENING =
  /^(?:(?:Mr|Ms|Mrs|Dr)\.\s+(\p{Lu}[\p{Lu}'’-]+(?:\s+of\s+\p{Lu}\p{L}+(?:\s+\p{Lu}\p{L}+)?)?)\.\s|((?:[\p{Lu}.'’-]+\s+)*(?:PRESIDENT|MINISTER|SECRETARY|OFFICIAL|MODERATOR|SENATOR|AMBASSADOR|SPEAKER|CHAIRMAN|CHAIRWOMAN|GOVERNOR|SPOKESPERSON|SPOKESMAN)(?:\s+[\p{Lu}.'’-]+)*):\s)/u;
/** How far back a speaker's opening is looked for: a speech runs on for paragraphs, not for a whole record. */
const SPEAKER_LOOKBACK = 40;

/** The paragraph where the speaker of `paragraph` takes the floor (itself, or one before it in the document), with the speaker's name. */
function speakerOf(doc: CorpusDocument, paragraph: Paragraph): { opening: Paragraph; speaker: string } | null {
  const at = doc.paragraphs.indexOf(paragraph);
  for (let i = at; i >= 0 && i > at - SPEAKER_LOOKBACK; i--) {
    const m = SPEAKER_OPENING.exec(doc.paragraphs[i]!.text);
    if (m) return { opening: doc.paragraphs[i]!, speaker: m[1] ? `${/^\S+/.exec(doc.paragraphs[i]!.text)![0]} ${m[1]}` : m[2]! };
  }
  return null;
}

/** The speaker's opening, quoted with its first sentence marked: where the text says who speaks. */
function speakerPassage(engine: Engine, opening: Paragraph): Answer['passages'][number] {
  return quotedPassage(engine, opening, { start: 0, end: splitSentences(opening.text)[0]?.end ?? 0 });
}

/**
 * The passage said, with where its speaker takes the floor when that is another paragraph —
 * first when the question asks who speaks ("which congressman was it?").
 */
function withSpeaker(engine: Engine, said: Answer['passages'][number], paragraph: Paragraph, speaking: { opening: Paragraph } | null, asked: string): Answer['passages'] {
  if (!speaking || speaking.opening === paragraph) return [said];
  const opening = speakerPassage(engine, speaking.opening);
  return SPEAKER_ASKED.test(asked) ? [opening, said] : [said, opening];
}

/** "Wikipedia contributors state it", "Lo et al. state it", "The White House states it": the verb agrees with its author. */
function states(doc: CorpusDocument): string {
  return /\b(?:contributors|editors|authors|staff|members)$|\bet al\.$| and /i.test(authorLabel(doc.meta)) ? 'state' : 'states';
}

/** "which congressman was it?", "which official said that?": who is speaking, rather than whose claim it is. */
const SPEAKER_ASKED = /\b(?:which|what) (?:congress(?:wo)?man|senator|representative|member|official|speaker|minister|politician|diplomat)\b/i;

/** A source question asking for the words themselves ("exact quote?", "can you quote that?", "verbatim pls"). */
const QUOTE_ASKED = /\b(?:quote|quotation|exact|verbatim|word for word|wording|in (?:its|their|his|her) (?:own )?words)\b/i;

/** What a source question asks for: whose claim it is, who wrote the document, or how to cite it. */
export type SourceAsk = 'claim' | 'document' | 'reference' | 'gist';

/** "How do I cite this?": the document as a reference entry, and in the text with the passage's page. */
function answerReference(doc: CorpusDocument, passage: Paragraph, asked: string, engine: Engine, highlight = { start: 0, end: 0 }): SourceAnswer {
  const citation = passage.id.endsWith('/front') ? null : citeParagraph(engine.corpus, passage);
  const lines = [`**Reference** (APA): ${apaReference(doc.meta)}`, `**In the text:** ${inTextCitation(doc.meta, citation?.page ?? null)}`];
  // (The sentence the turn before showed stays the one shown: "tl;dr" next sums it up.)
  const shown: Answer['passages'] = citation ? [{ paragraphId: passage.id, text: passage.text, highlight, citation, score: 1 }] : [];
  return { answer: answered(asked, shown, lines), person: null };
}

/** The one person who wrote a document (for a later "he"), or null for several or an organisation. */
function soleAuthor(doc: CorpusDocument): string | null {
  const [first, ...others] = doc.meta.authors;
  return first && others.length === 0 && !isOrganisation(first) ? first : null;
}

/** A question about the document itself, answered from its title block (`<id>/front`): its authors. */
function answerAuthors(doc: CorpusDocument, asked: string): SourceAnswer {
  const work = `${documentLabel(doc.meta)}${doc.meta.venue ? `, ${doc.meta.venue}` : ''}`;
  const lines = [`Written by **${doc.meta.authors.join(', ')}**${doc.meta.affiliations.length ? ` (${doc.meta.affiliations.join('; ')})` : ''}: ${work}.`];
  const link = documentUrl(doc.meta);
  if (link) lines.push(`Document: ${link}`);
  return { answer: answered(asked, [], lines), person: soleAuthor(doc) };
}

/**
 * The sentence of a claim a source question names by its words ("the pollution bit", "the
 * Kyrgyz embassy claim"): among the passages the turn showed, else among the corpus's best
 * for those words; of the sentences with all of its words, one that cites a source.
 */
/** A claim's sentence, and where in its paragraph the claim's first word stands. */
interface FocusedClaim {
  paragraph: Paragraph;
  sentence: string;
  at: number;
}

/** Two stems of one word: the same, or one the other's start ("visit", "visitor"), of four letters or more. */
function sameWord(a: string, b: string): boolean {
  return a === b || (Math.min(a.length, b.length) >= 4 && (a.startsWith(b) || b.startsWith(a)));
}

/** Where the first word of `terms` stands in a sentence (0 when only its places were asked). */
function firstWordAt(sentence: string, terms: readonly string[]): number {
  for (const m of sentence.matchAll(/[\p{L}\d][\p{L}\d'’-]*/gu)) {
    if (analyze(m[0]).some((h) => terms.some((t) => sameWord(h, t)))) return m.index;
  }
  return 0;
}

function focusedSentence(engine: Engine, turn: TurnRecord, focus: string): FocusedClaim | null {
  const mentions = findMentions(focus);
  const places = new Set(mentions.map((m) => m.country));
  const placeWords = new Set(mentions.flatMap((m) => analyze(focus.slice(m.start, m.end))));
  const terms = [...new Set(analyze(focus))].filter((t) => !placeWords.has(t));
  if (terms.length + places.size === 0) return null;
  const best = (paragraphs: readonly Paragraph[]): FocusedClaim | null => {
    let top: FocusedClaim | null = null;
    let topScore = 0;
    for (const paragraph of paragraphs) {
      for (const s of splitSentences(paragraph.text)) {
        const have = analyze(s.text);
        const there = new Set(findMentions(s.text).map((m) => m.country));
        // Every word of the claim, as the sentence words it ("the visitor bit": "visited").
        if (!terms.every((t) => have.some((h) => sameWord(h, t))) || ![...places].every((c) => there.has(c))) continue;
        // (Of those, the sentence that cites a source, and the one the answer led with.)
        const score = 1 + (citationsOfSentence(paragraph.text, s.text, paragraph.citations).length ? 0.5 : 0) + (turn.sentences.some((t) => s.text.includes(t) || t.includes(s.text)) ? 0.25 : 0);
        if (score > topScore) [top, topScore] = [{ paragraph, sentence: s.text, at: s.start + firstWordAt(s.text, terms) }, score];
      }
    }
    return top;
  };
  const shown = turn.paragraphIds.map((id) => paragraphById(engine.corpus, id)).filter((p): p is Paragraph => p !== undefined);
  return best(shown) ?? best(engine.index.query(focus, { limit: 5 }).passages.map((p) => p.paragraph));
}

export function answerSource(engine: Engine, turn: TurnRecord, about: SourceAsk, asked: string): SourceAnswer | null {
  const id = turn.paragraphIds[0];
  // After a question about the document ("when was it written?", answered from its title block).
  const front = id?.endsWith('/front') ? engine.corpus.documents.find((d) => d.meta.id === id.slice(0, id.indexOf('/'))) : undefined;
  if (front && about !== 'claim' && about !== 'gist') return about === 'reference' ? answerReference(front, titleBlock(front), asked, engine) : answerAuthors(front, asked);
  // A value the answer led with from a table, not from the passage shown: its table's source.
  const lead = turn.sentences[0];
  const shown = id ? paragraphById(engine.corpus, id) : undefined;
  // ("source for the pollution bit?": the claim the turn names, wherever it was shown. Not
  // after a figure: "who compiled that China figure?" asks for the figure's own source.)
  const ledElsewhere = !!lead && !shown?.text.includes(lead);
  const focus = about === 'claim' && !ledElsewhere && figureParagraph(engine, turn) === null ? sourceFocus(asked) : null;
  const focused = focus ? focusedSentence(engine, turn, focus) : null;
  if (about === 'claim' && !focused && ledElsewhere) {
    const table = answerTableSource(engine, lead, asked, shown ? [shown] : []);
    if (table) return table;
  }
  const ofPlace = about === 'claim' && !focused ? figureOfPlaceNamed(engine, turn, asked) : null;
  const paragraph = focused?.paragraph ?? ofPlace?.paragraph ?? figureParagraph(engine, turn) ?? (id ? paragraphById(engine.corpus, id) : undefined);
  if (!paragraph) return null;
  const doc = engine.corpus.documents.find((d) => d.meta.id === paragraph.documentId)!;
  const citation = citeParagraph(engine.corpus, paragraph);
  // The remembered sentences start with a figure's line when the answer led with one.
  // (Of a figure's passage, the sentence that writes its value.)
  const value = turn.sentences[0]?.split(' — ')[0]?.trim();
  const valueSentence = value && value.length >= 3 ? splitSentences(paragraph.text).find((s) => s.text.includes(value))?.text : undefined;
  const sentence = focused?.sentence ?? ofPlace?.sentence ?? turn.sentences.find((s) => paragraph.text.includes(s)) ?? valueSentence ?? splitSentences(paragraph.text)[0]?.text ?? paragraph.text;
  // (The place's figure is the one asked about, its value what its citation follows.)
  const figureLine = focused ? null : ofPlace ? ofPlace.value : turn.sentences[0] && !paragraph.text.includes(turn.sentences[0]) ? turn.sentences[0] : null;
  const at = paragraph.text.indexOf(sentence);
  const highlight = at >= 0 ? { start: at, end: at + sentence.length } : { start: 0, end: 0 };
  const work = `${documentLabel(doc.meta)}${doc.meta.venue ? `, ${doc.meta.venue}` : ''}`;
  const link = documentUrl(doc.meta);

  const lines: string[] = [];
  const people = about === 'claim' ? attributedPeople(sentence, engine.corpus) : [];
  const inSentence = about === 'claim' ? citationsOfSentence(paragraph.text, sentence, paragraph.citations) : [];
  // (A sentence citing several works for several claims — "… (Higgins 2019), … (Yau 2019), or
  // … pollution … (Imanaliyeva 2020)": the claim named is cited by the first citation after its words.)
  const cited = figureLine ? citationsOfFigure(paragraph.text, at, figureLine, inSentence) : focused ? firstCitedAfter(paragraph.text, focused.at, inSentence) : inSentence;
  const references = [...new Set(cited.map((c) => c.referenceId).filter((r): r is string => r !== null))]
    .map((r) => engine.corpus.referencesById.get(r))
    .filter((r) => r !== undefined);
  if (about === 'reference') return answerReference(doc, paragraph, asked, engine, highlight);
  if (about === 'gist') {
    // A figure's line is the gist of a figure's answer; else the best sentence of the passage shown.
    // (The whole sentence: a remembered one is cut at CONVERSATION_LIMITS.sentenceChars.)
    const whole = splitSentences(paragraph.text).find((x) => at >= x.start && at < x.end);
    const gist = figureLine ?? (whole?.text || sentence || splitSentences(paragraph.text)[0]?.text || paragraph.text);
    const where = `${citation.author} ${citation.year}${citation.page !== null ? `, p. ${citation.page}` : ''}`;
    const lines = [figureLine ? `In short: ${gist}` : `In short (${where}): “${gist}”`];
    return { answer: answered(asked, [{ paragraphId: paragraph.id, text: paragraph.text, highlight, citation, score: 1 }], lines), person: null };
  }
  // "who said that?" of a passage of a record or a transcript: the one speaking, and where they take the floor.
  const speaking = about === 'claim' && !people.length && !cited.length ? speakerOf(doc, paragraph) : null;
  if (about === 'document') {
    lines.push(`Written by **${doc.meta.authors.join(', ')}**: ${work}${doc.meta.date ? `, ${doc.meta.date}` : ''}.`);
  } else if (speaking) {
    lines.push(`**${speaking.speaker}** says it, in ${work}${doc.meta.date ? `, ${doc.meta.date}` : ''}${citation.page !== null ? `, p. ${citation.page}` : ''}.`);
  } else if (people.length) {
    lines.push(`**${people.join(', ')}**, as quoted in ${work}, ${citation.page !== null ? `p. ${citation.page}` : ''}.`.replace(/, \./, '.'));
  } else if (references.length) {
    lines.push(`${authorLabel(doc.meta)} (${doc.meta.year}) ${states(doc)} it, citing **${references.map((r) => `${r.authors} (${r.year ?? 'n.d.'})`).join('; ')}**.`);
  } else if (cited.some((c) => !/^ibid/i.test(c.raw))) {
    // Cited, but the document's bibliography has no entry for it: the citation as written.
    const named = [...new Set(cited.filter((c) => !/^ibid/i.test(c.raw)).map((c) => c.raw))];
    lines.push(`${authorLabel(doc.meta)} (${doc.meta.year}) ${states(doc)} it, citing **${named.join('; ')}** (not listed in its references).`);
  } else {
    lines.push(`**${authorLabel(doc.meta)}** ${states(doc)} it in ${work}${citation.page !== null ? `, p. ${citation.page}` : ''}, citing no one for it.`);
  }
  // ("… and when?": the date of the document, when the line above has not given it.)
  if (about === 'claim' && !speaking && AND_WHEN.test(asked)) lines.push(`When: **${doc.meta.date || doc.meta.year}** (${documentLabel(doc.meta)}).`);
  for (const r of references.slice(0, 3)) lines.push(`Source: ${r.text}`);
  if (figureLine && about === 'claim' && !ofPlace) lines.unshift(`The figure: ${figureLine}.`);
  // "can you quote the exact sentence?": the sentence whole, as the source has it, ready to paste with its in-text citation.
  if (about === 'claim' && QUOTE_ASKED.test(asked)) {
    const whole = splitSentences(paragraph.text).find((x) => at >= x.start && at < x.end)?.text ?? sentence;
    lines.unshift(`“${whole.trim()}” ${inTextCitation(doc.meta, citation.page)}`);
  }
  if (link) lines.push(`Document: ${link}`);

  const answer: Answer = {
    query: asked,
    status: 'answered',
    message: null,
    passages: withSpeaker(engine, { paragraphId: paragraph.id, text: paragraph.text, highlight, citation, score: 1 }, paragraph, speaking, asked),
    suggestions: [],
    lead: lines,
    figures: [],
  };
  // (Who wrote it: the author, for a later "he", when one person wrote it.)
  // (Or the one speaking, for a later "why does he think …?".)
  // (A claim the author makes citing no one is the author's: "is he right?" next asks of them,
  // not of someone the passage quoted elsewhere.)
  const authorsOwn = about === 'document' || (about === 'claim' && !speaking && !people.length && !cited.length);
  return { answer, person: people[0] ?? speaking?.speaker ?? (references[0]?.key ?? (authorsOwn ? soleAuthor(doc) : null)) };
}
