import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src/engine.js';
import { converse } from './conversing.js';

/**
 * Talking about the documents themselves in a conversation: which one "it", "he" and "the
 * other one" are, and a document named outright against the one the last answer came from.
 */

let engine: Engine;
beforeAll(async () => {
  engine = await createEngine();
});

const lead = (turn: ReturnType<typeof converse>[number] | undefined) => turn!.answer.lead.join('\n');

describe('a question about a document, in a conversation', () => {
  it('“who wrote the op-ed?” asked first is answered, not told to ask something first', () => {
    const [first] = converse(engine, 'who wrote the op-ed?');
    expect(lead(first)).toMatch(/written by \*\*Brandon Miliate\*\*/);
  });

  it('a document named is that document, not the one the last answer came from', () => {
    const [answer, who] = converse(engine, 'why are mongolia and kazakhstan so distant?', 'who wrote the op-ed?');
    expect(answer!.answer.passages[0]!.paragraphId).toMatch(/^irgengioro-2022\//);
    expect(lead(who)).toMatch(/Brandon Miliate/);
    expect(lead(who)).not.toMatch(/Irgengioro/);
  });

  it('“it” is the document of the answer before: “how many works does it cite?”, “what are its keywords?”', () => {
    const [, cites] = converse(engine, 'why are mongolia and kazakhstan so distant?', 'how many works does it cite?');
    expect(lead(cites)).toMatch(/^Irgengioro \(2022\).* cites \*\*\d+ works\*\*/);
    const [, keywords] = converse(engine, 'what does the op-ed conclude?', 'what are its keywords?');
    expect(lead(keywords)).toMatch(/^Miliate \(2013\).* states no keywords/);
    const [, long] = converse(engine, 'what does the op-ed conclude?', 'how long is it?');
    expect(lead(long)).toMatch(/^Miliate \(2013\).*about \*\*\d+ words\*\*/);
  });

  it('“and the other one?” after a question about one document asks it of the other', () => {
    const [, other] = converse(engine, 'how many works does the journal article cite?', 'and the other one?');
    expect(lead(other)).toMatch(/^Miliate \(2013\).* has no bibliography/);
  });

  it('“when?” and “where?” after “who wrote the op-ed?” ask when and where it came out', () => {
    const [, when, where] = converse(engine, 'who wrote the op-ed?', 'when?', 'where?');
    expect(when!.resolution.documentId).toBe('miliate-2013');
    expect(lead(when)).toMatch(/2013/);
    expect(lead(where)).toMatch(/East Asia Forum/);
  });

  it('so do they after “who wrote it?” of a passage; after “who said that?” “when?” is still asked of the claim', () => {
    const [, , when] = converse(engine, 'what is the east asia forum piece about?', 'who wrote it?', 'when?');
    expect(when!.resolution.documentId).toBe('miliate-2013');
    expect(when!.resolution.resolved).toBe('when was it published?');
    const [, , claim] = converse(engine, 'why is trade so low?', 'who said that?', 'when?');
    expect(claim!.resolution.kind).toBe('support');
  });

  it('“is he an academic?” after “who wrote it?” is the author’s background', () => {
    const [, , he] = converse(engine, 'what does the op-ed conclude?', 'who wrote it?', 'is he an academic?');
    expect(lead(he)).toMatch(/PhD student in Political Science/);
  });

  it('“what’s his explanation for …?” after “who wrote the op-ed?” is asked of the op-ed: he is its author', () => {
    const [, his] = converse(engine, 'steppes to the states author?', 'what is his explanation for why kazakhs and mongols grew apart?');
    expect(his!.resolution.documentId).toBe('miliate-2013');
    expect(his!.answer.passages.every((p) => p.paragraphId.startsWith('miliate-2013/'))).toBe(true);
  });

  it('“what does it say about russia?” after “summarise the op-ed”: it is the op-ed', () => {
    const [, russia, china] = converse(engine, 'summarise the op-ed in two lines', 'what does it say about russia', 'and china?');
    expect(russia!.resolution.documentId).toBe('miliate-2013');
    expect(russia!.answer.passages.every((p) => p.paragraphId.startsWith('miliate-2013/'))).toBe(true);
    expect(china!.resolution.documentId).toBe('miliate-2013');
  });

  it('“which one is newer?” after the list of documents compares them', () => {
    const [, newer] = converse(engine, 'what sources do you have?', 'which one is newer?');
    expect(lead(newer)).toMatch(/^The most recent is \*\*Irgengioro \(2022\)/);
  });

  it('“which is more recent?” and “which came first?” compare the documents, two of them as two', () => {
    expect(lead(converse(engine, 'which is more recent, the op-ed or the journal article?')[0])).toMatch(/^The more recent is \*\*Irgengioro \(2022\).*the older, \*\*Miliate \(2013\)/);
    for (const q of ['which is older?', 'which came out first?']) {
      expect(lead(converse(engine, q)[0]), q).toMatch(/^The most recent is \*\*Irgengioro \(2022\).*the oldest, \*\*Miliate \(2013\)/);
    }
  });

  it('“is he cited in the op-ed?”: “he” is the person before; not there, said so, and where he is', () => {
    const [, cited] = converse(engine, 'what does radchenko argue about mongolia and russia?', 'is he cited in the op-ed?');
    expect(cited!.resolution.resolved).toMatch(/Radchenko/);
    expect(lead(cited)).toMatch(/^Nothing in Miliate \(2013\), “The Steppes to the States”, matches that; from the other documents:/);
    expect(cited!.answer.passages[0]!.paragraphId).toMatch(/^irgengioro-2022\//);
  });
});

describe('the author’s view, in a conversation', () => {
  it('“what’s the author’s takeaway from all that” asks what the author concludes, not who wrote “that”', () => {
    const [, next] = converse(engine, 'how much did mongolia sell to china in 2019?', "so what's the author's takeaway from all that");
    expect(next!.resolution.resolved).not.toMatch(/“/);
    expect(next!.resolution.resolved).toMatch(/takeaway from all that/);
  });
});
