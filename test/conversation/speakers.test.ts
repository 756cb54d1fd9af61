import { describe, expect, it } from 'vitest';
import { indexCorpus } from '../../src/corpus/load.js';
import { createEngineFromCorpus } from '../../src/engine.js';
import { testDocument } from '../corpus/testDocument.js';
import { converse } from './conversing.js';

/**
 * "Who said that?" of a passage of a record or a transcript: the person who has the floor
 * there — named where they take it ("Mr. CLAY. Madam Speaker, …", "VICE PRESIDENT HARRIS: …"),
 * which is quoted beside the passage — not the document's author or its publisher.
 */

const engine = createEngineFromCorpus(
  indexCorpus([
    testDocument({ id: 'congrec-clay', title: 'URGING HUMAN RIGHTS AND DEMOCRACY IN KAZAKHSTAN', authors: ['Mr. Clay'], date: '23 September 2010', year: 2010 }, [
      'Mr. CLAY. Madam Speaker, I rise today to bring attention to growing concern of abuse and corruption in Kazakhstan.',
      'The world’s tenth largest energy producer is an ally of the United States on non-proliferation.',
      'The relationship is compromised by the record of human rights violations while chairing the OSCE.',
    ]),
    testDocument({ id: 'remarks', title: 'Remarks by the Vice President and the Prime Minister of Mongolia', authors: ['The White House'] }, [
      'VICE PRESIDENT HARRIS: Good afternoon, and welcome to the Prime Minister.',
      'Our countries are bound by a commitment to democracy and to the rule of law.',
      'PRIME MINISTER LUVSANNAMSRAI: Thank you, Madam Vice President.',
      'During my visit we will sign an economic cooperation roadmap on rare earth minerals.',
    ]),
    testDocument({ id: 'factbook', title: 'The World Factbook: Mongolia', authors: ['CIA World Factbook'], date: '1 May 2019', year: 2019 }, [
      'NATURAL RESOURCES: oil, coal, copper, molybdenum, tungsten, phosphates, tin, nickel, zinc, fluorspar, gold.',
      'Mongolia exports copper and coal to China.',
    ]),
  ]),
);

describe('who said that, in a record or a transcript', () => {
  it('names the member who has the floor, and quotes where he takes it', () => {
    const [, said] = converse(engine, 'was the relationship compromised by human rights violations while chairing the OSCE?', 'who said that?');
    expect(said!.answer.lead[0]).toMatch(/^\*\*Mr\. CLAY\*\* says it/);
    expect(said!.answer.passages.map((p) => p.paragraphId)).toEqual(['congrec-clay/3', 'congrec-clay/1']);
  });

  it('makes the one speaking the “he” of the turn after', () => {
    const [, , he] = converse(engine, 'was the relationship compromised by human rights violations while chairing the OSCE?', 'who said that?', 'what else does he say about energy?');
    expect(he!.resolution.resolved).toMatch(/Mr\. CLAY/);
    expect(he!.answer.passages[0]!.paragraphId).toBe('congrec-clay/2');
  });

  it('names the speaker of a transcript by the label before the passage, not the publisher', () => {
    const [, said] = converse(engine, 'what roadmap on rare earth minerals will they sign?', 'who said that?');
    expect(said!.answer.lead[0]).toMatch(/^\*\*PRIME MINISTER LUVSANNAMSRAI\*\* says it/);
    expect(said!.answer.passages.map((p) => p.paragraphId)).toEqual(['remarks/4', 'remarks/3']);
  });

  it('reads a field label in capitals as a field, not as a speaker', () => {
    const [, said] = converse(engine, 'does mongolia export copper and coal?', 'who said that?');
    expect(said!.answer.lead[0]).not.toMatch(/says it/);
    expect(said!.answer.passages).toHaveLength(1);
  });
});

describe('who said that, and when', () => {
  it('is a source question: the one speaking, and the date of the record', () => {
    const [, said] = converse(engine, 'was the relationship compromised by human rights violations while chairing the OSCE?', 'who said that, and when?');
    expect(said!.resolution.kind).toBe('source');
    expect(said!.answer.lead[0]).toMatch(/^\*\*Mr\. CLAY\*\* says it, in .*23 September 2010/);
  });

  it('gives the date of a document with no speaker too', () => {
    const [, said] = converse(engine, 'does mongolia export copper and coal?', 'who said that and when?');
    expect(said!.resolution.kind).toBe('source');
    expect(said!.answer.lead.join('\n')).toMatch(/When: \*\*1 May 2019\*\*/);
  });
});

describe('who states it, for an organisation that is many people', () => {
  const wiki = createEngineFromCorpus(
    indexCorpus([
      testDocument({ id: 'wiki', title: 'Economy of Kyrgyzstan', authors: ['Wikipedia contributors'] }, ['In the first half of 2012, the Kyrgyz economy shrank by 5.8% after gold output fell at the Kumtor mine.']),
      testDocument({ id: 'wh', title: 'Readout of a Meeting', authors: ['The White House'] }, ['The leaders discussed security, trade and critical minerals.']),
      testDocument({ id: 'lo', title: 'S2ORC', authors: ['Kyle Lo', 'Lucy Wang', 'Mark Neumann'] }, ['The corpus holds 81.1M papers with parsed citation links.']),
    ]),
  );

  it('“Wikipedia contributors state it”, “Lo et al. state it”, “The White House states it”', () => {
    expect(converse(wiki, 'why did the kyrgyz economy shrink in 2012?', 'who said that?')[1]!.answer.lead[0]).toMatch(/^\*\*Wikipedia contributors\*\* state it in/);
    expect(converse(wiki, 'what did the leaders discuss about critical minerals?', 'who said that?')[1]!.answer.lead[0]).toMatch(/^\*\*The White House\*\* states it in/);
    expect(converse(wiki, 'how many papers with parsed citation links does the corpus hold?', 'who said that?')[1]!.answer.lead.join('\n')).toMatch(/\*\*Lo et al\.\*\* state it in/);
  });
});
