import { beforeAll, describe, expect, it } from 'vitest';
import { apaName, apaReference, inTextCitation } from '../../src/answer/reference.js';
import { CITE_REQUEST, isSourceQuestion, SOURCE_QUESTION, sourceFocus } from '../../src/conversation/cues.js';
import { createEngine, type Engine } from '../../src/engine.js';
import { renderAnswerText } from '../../src/render/text.js';
import { converse } from './conversing.js';

/**
 * Researchers cite what they find: "how do I cite this?" gives the document of the passage
 * shown as a reference entry and as an in-text citation with the passage's page; "is there a
 * link?" its DOI; "who is the author?" after a question about the document names its author,
 * who is then "he" or "she".
 */

let engine: Engine;
beforeAll(async () => {
  engine = await createEngine();
});

const meta = (id: string) => engine.corpus.documents.find((d) => d.meta.id === id)!.meta;

describe('reference entries from the metadata', () => {
  it('names people surname first with initials, organisations whole', () => {
    expect(apaName('John Irgengioro')).toBe('Irgengioro, J.');
    expect(apaName('Irgengioro, John')).toBe('Irgengioro, J.');
    expect(apaName('Jean-Paul Sartre')).toBe('Sartre, J.-P.');
    expect(apaName('Wikipedia contributors')).toBe('Wikipedia contributors');
  });

  it('gives author, year, title, venue and DOI link, and the in-text form with a page', () => {
    const m = meta('irgengioro-2022');
    expect(apaReference(m)).toBe(`Irgengioro, J. (2022). ${m.title}. ${m.venue}. https://doi.org/${m.doi}`);
    expect(inTextCitation(m, 12)).toBe('(Irgengioro, 2022, p. 12)');
    expect(inTextCitation({ ...m, authors: ['Ann Smith', 'Bo Li'] }, null)).toBe('(Smith & Li, 2022)');
  });
});

describe('asking how to cite', () => {
  it('reads the ways people ask it; “what’s the source?” still asks whose claim it is', () => {
    for (const q of ['how do i cite this?', 'give me the full reference', 'can you cite it in APA?', 'apa please', 'what’s the complete citation for this article?']) expect(CITE_REQUEST.test(q), q).toBe(true);
    for (const q of ['what’s the source?', 'who said that?', 'cite sources on kyrgyz debt']) expect(CITE_REQUEST.test(q), q).toBe(false);
  });

  it('“how do I cite this?” after an answer gives its document as a reference and in the text with the page of the passage shown', () => {
    const [first, cite] = converse(engine, 'why did kazakhstan stop sheltering xinjiang asylum seekers?', 'how do i cite this?');
    const shown = first!.answer.passages[0]!;
    expect(cite!.resolution.kind).toBe('source');
    const text = renderAnswerText(cite!.answer);
    expect(text).toContain(apaReference(meta(shown.citation.documentId)));
    expect(text).toContain(`In the text: (${shown.citation.author}, ${shown.citation.year}, p. ${shown.citation.page})`);
    expect(cite!.answer.passages[0]?.paragraphId).toBe(shown.paragraphId);
  });
});

describe('links and the exact words', () => {
  it('“is there a link?” and “can you quote the exact sentence?” ask about the passage shown', () => {
    for (const q of ['is there a link?', 'got the doi?', 'can you quote the exact sentence?', 'send me the link to the article']) expect(SOURCE_QUESTION.test(q), q).toBe(true);
    const [, link] = converse(engine, 'why did kazakhstan stop sheltering xinjiang asylum seekers?', 'is there a link?');
    expect(renderAnswerText(link!.answer)).toContain(`https://doi.org/${meta('irgengioro-2022').doi}`);
  });
});

describe('whose it is, asked after a follow-up in the same message', () => {
  it('“whose argument is that?” and “whos idea” ask for the source; “… one of those? whos argument” is the follow-up, whose answer cites it', () => {
    for (const q of ['whose argument is that?', 'who’s argument', 'whos idea']) expect(SOURCE_QUESTION.test(q), q).toBe(true);
    const [, , alone] = converse(engine, 'what does walt say about bandwagoning?', 'when do weak states bandwagon?', 'does mongolia count as one of those?');
    const [, , sourced] = converse(engine, 'what does walt say about bandwagoning?', 'when do weak states bandwagon?', 'does mongolia count as one of those? whos argument');
    expect(sourced!.resolution.kind).toBe(alone!.resolution.kind);
    expect(sourced!.resolution.resolved).toBe(alone!.resolution.resolved);
    expect(sourced!.answer.passages[0]!.citation).toBeDefined();
  });
});

describe('the source of one figure among several', () => {
  it('“who compiled that China figure?” cites the source given after the China figure, not the passage’s first', () => {
    const [, , figure] = converse(engine, 'how many Kazakh tourists came to Mongolia in 2019?', 'compare that with Mongolians going to China that year', 'who compiled that China figure?');
    expect(figure!.resolution.kind).toBe('source');
    expect(figure!.answer.lead[0]).toMatch(/citing \*\*China National Bureau of Statistics \(2019\)\*\*/);
    const shown = figure!.answer.passages[0]!;
    expect(shown.text.slice(shown.highlight.start, shown.highlight.end)).toMatch(/Mongolians visited China/);
    for (const q of ['where are those trade numbers from?', 'who collected that data?', 'who reported on them?']) expect(SOURCE_QUESTION.test(q), q).toBe(true);
  });
});

describe('the literature of the document being discussed', () => {
  it('“who does it cite on balancing?” lists the works that document cites on balancing, not on what the answer before said', () => {
    const [, cites] = converse(engine, "what's the journal article's main argument?", 'who does it cite on balancing?');
    expect(cites!.resolution.resolved).toBe('who does it cite on balancing?');
    expect(cites!.resolution.documentId).toBe('irgengioro-2022');
    expect(cites!.answer.lead[0]).toMatch(/^Works cited on “balancing”/);
    expect(cites!.answer.lead.join('\n')).toMatch(/Walt, Stephen M \(1985\)/);
  });
});

describe('the author of a document asked about', () => {
  it('“who is the author?” after “when was it written?” names the author, who is then “he”', () => {
    const [, , author, he] = converse(engine, 'what does the op-ed say about democracy?', 'when was it written?', 'who is the author?', 'is he an academic?');
    expect(renderAnswerText(author!.answer)).toMatch(/^Written by Brandon Miliate/);
    expect(he!.resolution.resolved).toMatch(/^is Brandon Miliate an academic\?/);
  });
});

describe('after a reference', () => {
  it('“tl;dr” sums up the passage the answer before showed, not an empty sentence', () => {
    const [first, , short] = converse(engine, 'why did kazakhstan stop sheltering xinjiang asylum seekers?', 'how do i cite this?', 'tl;dr');
    const shown = first!.answer.passages[0]!;
    expect(short!.answer.lead[0]).toContain(`“${shown.text.slice(shown.highlight.start, shown.highlight.end)}”`);
    expect(short!.answer.lead[0]).not.toContain('“”');
  });
});

describe('whose claim it is, after “who says so?”', () => {
  it('a claim the author makes citing no one is the author’s: “is he right?” next asks of them, not of someone the passage quotes', () => {
    const [first, source, right] = converse(engine, 'why are mongolia and central asia not closer?', 'who says so?', 'is he right?');
    // (Measured: the passage shown quotes Sergey Radchenko elsewhere, and "he" had been him.)
    expect(first!.answer.passages.length).toBeGreaterThan(0);
    expect(renderAnswerText(source!.answer)).toMatch(/citing no one/);
    expect(right!.resolution.resolved).toMatch(/^is John Irgengioro right\?/);
  });
});

describe('the source of one claim, named by its words', () => {
  it('reads the ways people name the claim whose source they want, and its words', () => {
    for (const q of ['source for the debt bit?', 'sources on the protest part?', 'where is the flights claim sourced from?', 'where was that tourism figure taken from?', 'the embassy bit — what’s the source for that?', 'source for him?', "who's the source on that", "what's the article it cites for that, title?", 'that book in the refs? publisher?', 'where he wrote this, in which publication?']) {
      expect(isSourceQuestion(q), q).toBe(true);
    }
    expect(sourceFocus('source for the debt bit?')).toBe('debt');
    expect(sourceFocus('where is the Kyrgyz embassy claim sourced from?')).toBe('Kyrgyz embassy');
    expect(sourceFocus("the 'relational power' line, cited to whom?")).toBe('relational power');
    expect(sourceFocus('source?')).toBeNull();
    // (A question about a bit is no source question: "what does the debt bit mean?")
    expect(isSourceQuestion('what does the debt bit mean?')).toBe(false);
  });

  it('“source for the factory pollution part?” gives the source of that sentence, not of the others shown', () => {
    const [first, bit] = converse(engine, 'have chinese projects in kyrgyzstan caused scandals?', 'source for the factory pollution part?');
    const shown = first!.answer.passages.map((p) => p.text).join('\n');
    expect(shown).toContain('Imanaliyeva 2020');
    expect(bit!.resolution.kind).toBe('source');
    expect(bit!.answer.lead.join('\n')).toContain('Imanaliyeva, Ayzirek. 2020');
    expect(bit!.answer.lead.join('\n')).not.toContain('Higgins');
  });

  it('a claim not among the passages shown is looked for in the corpus (“where is the kyrgyz embassy claim sourced from?” two turns on)', () => {
    const [, , bit] = converse(engine, 'does mongolia have an embassy in kyrgyzstan?', 'and in uzbekistan?', 'where is the kyrgyz embassy claim sourced from?');
    expect(bit!.answer.lead.join('\n')).toContain('Batchimeg');
    expect(bit!.answer.passages[0]!.text).toContain('Batchimeg 2019');
  });

  it('“source on schweller?” after a passage citing him asks for his work, the passage the conversation was on first', () => {
    const [lamb, source] = converse(engine, 'what is the lamb type of state in IR theory?', 'source on schweller?');
    const cited = lamb!.answer.passages[0]!.paragraphId;
    expect(source!.resolution.kind).toBe('contextual');
    expect(source!.answer.lead.join('\n')).toContain('Bandwagoning for Profit');
    expect(source!.answer.passages[0]!.paragraphId).toBe(cited);
  });
});

