import { beforeAll, describe, expect, it } from 'vitest';
import { NOT_JUDGED } from '../../src/conversation/compareSources.js';
import { OTHER_VIEWS, SOURCES_COMPARED, SOURCES_JUDGED, SOURCES_ON } from '../../src/conversation/cues.js';
import { createEngine, type Engine } from '../../src/engine.js';
import { renderAnswerText } from '../../src/render/text.js';
import { converse } from './conversing.js';

/**
 * "do they agree?": researchers set sources side by side. The question before is answered
 * from each source apart — each document's best passage, best document first — and a figure
 * the sources give differently keeps its lead saying so.
 */

let engine: Engine;
beforeAll(async () => {
  engine = await createEngine();
});

const documentsOf = (r: ReturnType<typeof converse>[number]) => r.answer.passages.map((p) => p.citation.documentId);

describe('asking whether the sources agree', () => {
  it('reads the ways people ask it, and not questions about the countries agreeing on something', () => {
    for (const q of ['do they agree?', 'do the two articles agree?', 'so do both sources say the same thing?', 'do the authors disagree on that?', 'is there any disagreement between the sources?', 'how do the papers compare?', 'compare the two articles'])
      expect(SOURCES_COMPARED.test(q), q).toBe(true);
    for (const q of ['did they agree on a border treaty?', 'do they agree with china?', 'what do the articles say about russia?', 'who agrees?'])
      expect(SOURCES_COMPARED.test(q), q).toBe(false);
  });

  it('“do they agree?” after a question answers that question once from each document, the best first, and names them in the lead', () => {
    const [first, agree] = converse(engine, 'why are mongolia and kazakhstan not closer?', 'do they agree?');
    expect(agree!.resolution.resolved).toBe(first!.resolution.resolved);
    const docs = documentsOf(agree!);
    expect(new Set(docs).size).toBe(docs.length);
    expect([...docs].sort()).toEqual(['irgengioro-2022', 'miliate-2013']);
    expect(agree!.answer.lead.at(-1)).toMatch(/^What each source says on this, side by side: \S+ \(\d{4}\) \[1\], \S+ \(\d{4}\) \[2\]\.$/);
  });

  it('after a figure the sources give differently, the lead still says they differ, with both passages below', () => {
    const [, agree] = converse(engine, 'how many students from mongolia are in kazakhstan?', 'do the sources agree?');
    const text = renderAnswerText(agree!.answer);
    expect(text).toMatch(/Sources disagree/);
    expect([...documentsOf(agree!)].sort()).toEqual(['irgengioro-2022', 'miliate-2013']);
  });

  it('a later “and what does miliate think?” asks the question before the comparison, in his piece', () => {
    const [first, , miliate] = converse(engine, 'why are mongolia and kazakhstan not closer?', 'do the two articles agree?', 'and what does miliate think?');
    expect(miliate!.resolution.frame).toBe(first!.resolution.frame);
    expect(miliate!.resolution.documentId).toBe('miliate-2013');
    expect(documentsOf(miliate!)[0]).toBe('miliate-2013');
  });

  it('“who is right?” sets the sources side by side the same way, saying that judging is the reader’s', () => {
    for (const q of ['who is right?', 'so which one is more accurate?', 'which source should i believe?']) expect(SOURCES_JUDGED.test(q), q).toBe(true);
    expect(SOURCES_JUDGED.test('who is right about russia, walt or schweller?')).toBe(false);
    const [, , right] = converse(engine, 'why are mongolia and kazakhstan not closer?', 'do they agree?', 'who is right?');
    expect(right!.answer.lead[0]).toBe(NOT_JUDGED);
    expect([...documentsOf(right!)].sort()).toEqual(['irgengioro-2022', 'miliate-2013']);
  });

  it('asked first, with no answer before, “do they agree?” and “how do I cite this?” say what they need instead of searching “agree”', () => {
    const [agree] = converse(engine, 'do they agree?');
    expect(agree!.answer.status).toBe('invalid');
    expect(agree!.answer.message).toMatch(/^Ask a question first/);
    expect(agree!.state.turns).toHaveLength(0);
    const [cite, next] = converse(engine, 'how do i cite this?', 'why are mongolia and kazakhstan not closer?');
    expect(cite!.answer.message).toMatch(/^There is no answer yet to cite/);
    expect(next!.resolution.kind).toBe('standalone');
  });

  it('“what do both articles say about russia?” asks the topic of each source, first turn or not, and “and china?” next likewise', () => {
    for (const q of ['what do both articles say about russia?', 'how do the sources differ on russia?', 'so what do the two papers each say about russia']) expect(SOURCES_ON.exec(q)?.[1], q).toBe('russia');
    const [russia, china] = converse(engine, 'what do both articles say about russia?', 'and china?');
    expect(russia!.resolution.resolved).toBe('russia?');
    expect([...documentsOf(russia!)].sort()).toEqual(['irgengioro-2022', 'miliate-2013']);
    expect(china!.resolution.resolved).toBe('China?');
    expect([...documentsOf(china!)].sort()).toEqual(['irgengioro-2022', 'miliate-2013']);
  });

  it('“do they agree?” after “what does miliate say about china?” asks China of every source, not of his piece again', () => {
    const [, agree] = converse(engine, 'what does miliate say about china?', 'do they agree?');
    expect([...documentsOf(agree!)].sort()).toEqual(['irgengioro-2022', 'miliate-2013']);
  });

  it('a second source is shown only when its passage reads the question’s words, not a stem one of them shares', () => {
    // (The op-ed, of 2013, never names the BRI; its "initially" shares a stem with "Initiative".)
    const [, agree] = converse(engine, 'what is the BRI?', 'do the sources agree?');
    expect(documentsOf(agree!)).toEqual(['irgengioro-2022']);
    expect(agree!.answer.lead.at(-1)).toBe('Only Irgengioro (2022) speaks to this; no other source in the corpus does.');
  });
});

describe('asking for other views', () => {
  it('reads “any counterarguments?”, “does anyone disagree?”, “is there another view?”, and not a question with a topic of its own', () => {
    for (const q of ['any counterarguments?', 'does anyone disagree?', 'is there another view?', 'what do others say?', 'anyone else agree?', 'any other perspectives?', 'is that contested?', 'any criticisms of that?', 'are there any objections to that argument?'])
      expect(OTHER_VIEWS.test(q), q).toBe(true);
    for (const q of ['what does the other article say?', 'any criticisms of china?', 'does anyone disagree with the BRI?', 'is there another route to the sea?'])
      expect(OTHER_VIEWS.test(q), q).toBe(false);
  });

  it('sets the sources side by side on the question before, as “do they agree?” does', () => {
    const [first, others] = converse(engine, 'why are mongolia and kazakhstan not closer?', 'any counterarguments?');
    expect(others!.resolution.resolved).toBe(first!.resolution.resolved);
    expect([...documentsOf(others!)].sort()).toEqual(['irgengioro-2022', 'miliate-2013']);
  });
});
