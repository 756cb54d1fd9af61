import { describe, expect, it } from 'vitest';
import { indexCorpus } from '../../src/corpus/load.js';
import { createEngineFromCorpus } from '../../src/engine.js';
import { testDocument } from '../corpus/testDocument.js';
import { converse } from './conversing.js';

/**
 * A conversation among many papers, each named by what it presents ("SPECTER", "S2ORC"):
 * "it" is what the paper being discussed presents, whatever else the turn names, and a turn
 * naming another paper moves to it without the words of the one before.
 */

const engine = createEngineFromCorpus(
  indexCorpus([
    testDocument({ id: 'cohan-2020', title: 'SPECTER: Document-level Representation Learning using Citation-informed Transformers', authors: ['Arman Cohan'] }, [
      'We propose SPECTER, a new method to generate document-level embeddings of scientific papers.',
      'SPECTER is trained on citations between papers, using a triplet loss.',
      'Compared with SciBERT, SPECTER gives better embeddings on every task of SciDocs.',
      'SPECTER needs only the title and abstract of a paper.',
      'One limitation is that the full text of a paper is left unused, and its drawback is speed.',
    ]),
    testDocument({ id: 'lo-2020', title: 'S2ORC: The Semantic Scholar Open Research Corpus', authors: ['Kyle Lo'] }, [
      'We introduce S2ORC, a large corpus of 81.1M English-language academic papers.',
      'How does S2ORC-SciBERT compare with SciBERT? Pretrained on S2ORC, it beats SciBERT on many tasks, and SciBERT wins on few.',
      'Full text is parsed from PDFs with GROBID.',
    ]),
    testDocument({ id: 'krishna-2023', title: 'LongEval: Guidelines for Human Evaluation of Faithfulness in Long-form Summarization', authors: ['Kalpesh Krishna'] }, [
      'We survey 162 papers on long-form summarization and their human evaluation.',
      'LongEval gives guidelines for annotators judging faithfulness.',
    ]),
  ]),
);

describe('“it” in a conversation on one of many papers', () => {
  it('“how does it compare with SciBERT?” is asked of the paper being discussed, though the turn names SciBERT', () => {
    const [, , compare] = converse(engine, 'what is SPECTER?', 'what data did they train it on?', 'how does it compare with SciBERT?');
    expect(compare!.resolution.documentId).toBe('cohan-2020');
    expect(compare!.answer.passages[0]!.paragraphId).toBe('cohan-2020/3');
  });
});

describe('“what are its limitations?” two turns into one of many papers', () => {
  it('is a new topic of the paper, asked without the words of the answer before, and a later “it” is not “its limitations”', () => {
    const [, needs, limits, trained] = converse(engine, 'what is SPECTER?', 'what does it need of a paper?', 'what are its limitations?', 'what was it trained on?');
    expect(needs!.answer.passages[0]!.paragraphId).toBe('cohan-2020/4');
    expect(limits!.resolution.resolved).toMatch(/^what are its limitations\?/);
    expect(limits!.resolution.resolved).not.toMatch(/title|abstract|needs/);
    expect(limits!.answer.passages[0]!.paragraphId).toBe('cohan-2020/5');
    expect(trained!.resolution.resolved).toMatch(/^what was it trained on\?/);
  });
});

describe('“compare it with S2ORC” after a question on SPECTER', () => {
  it('asks the question of each paper, of what each presents, and shows both side by side', () => {
    const [, compared] = converse(engine, 'what is SPECTER?', 'compare it with s2orc');
    expect(compared!.resolution.resolved).toBe('what is SPECTER? / what is s2orc?');
    expect(compared!.answer.passages.map((p) => p.paragraphId)).toEqual(['cohan-2020/1', 'lo-2020/1']);
    expect(compared!.answer.lead.join(' ')).toMatch(/side by side/);
    const [, how] = converse(engine, 'what is SPECTER?', 'how does it compare to S2ORC?');
    expect(how!.answer.passages.map((p) => p.paragraphId)).toEqual(['cohan-2020/1', 'lo-2020/1']);
  });

  it('leaves a comparison with what is no document (“SciBERT”), or with a topic in one, to the rules before', () => {
    const [, scibert] = converse(engine, 'what is SPECTER?', 'compare it with SciBERT');
    expect(scibert!.resolution.sideBySide).toBeUndefined();
    const [, topic] = converse(engine, 'what is SPECTER?', 'compare it with the full text parsing in S2ORC');
    expect(topic!.resolution.sideBySide).toBeUndefined();
  });
});

describe('“any downsides?” in a conversation on one of many papers', () => {
  it('asks for that paper’s limitations, in its own words for them, not the words of the answer before', () => {
    const [, downsides] = converse(engine, 'what is SPECTER trained on, using which loss?', 'any downsides?');
    expect(downsides!.resolution.documentId).toBe('cohan-2020');
    expect(downsides!.answer.passages[0]!.paragraphId).toBe('cohan-2020/5');
  });
});

describe('a turn naming another paper', () => {
  it('“what about S2ORC - how big is it?” moves to that paper, keeps the name it asks about, and carries nothing of the paper before', () => {
    const [, , moved] = converse(engine, 'what is SPECTER?', 'how does it compare with SciBERT?', 'what about S2ORC - how big is it?');
    expect(moved!.resolution.documentId).toBe('lo-2020');
    expect(moved!.resolution.resolved).toBe('S2ORC - how big is it?');
    expect(moved!.answer.passages[0]!.paragraphId).toBe('lo-2020/1');
  });

  it('“who made it?” after it names the authors of the paper that presents it', () => {
    const [, made] = converse(engine, 'how big is S2ORC?', 'who made it?');
    expect(made!.answer.lead[0]).toMatch(/^Written by \*\*Kyle Lo\*\*/);
  });
});

describe('a conversation among documents each about a place', () => {
  const places = createEngineFromCorpus(
    indexCorpus([
      testDocument({ id: 'demographics-kazakhstan', title: 'Demographics of Kazakhstan' }, ['The population of Kazakhstan is about 19 million.', 'Kazakh and Russian are spoken in Kazakhstan.', 'Some Kazakhs live in Mongolia.']),
      testDocument({ id: 'demographics-mongolia', title: 'Demographics of Mongolia' }, ['The population of Mongolia is about 3.3 million.', 'Mongolian is spoken in Mongolia.']),
      testDocument({ id: 'steppe-notes', title: 'Notes on the steppe' }, ['Herders move with the seasons.']),
    ]),
  );

  it('“and mongolia?” after the population of Kazakhstan leaves “Demographics of Kazakhstan” for the place it asks about', () => {
    const [first, mongolia] = converse(places, "what's the population of kazakhstan?", 'and mongolia?');
    expect(first!.answer.passages[0]!.paragraphId).toBe('demographics-kazakhstan/1');
    expect(mongolia!.resolution.documentId).toBeNull();
    expect(mongolia!.answer.passages[0]!.paragraphId).toBe('demographics-mongolia/1');
  });

  it('a turn whose own words another document answers far better leaves the one discussed', () => {
    const [, herders] = converse(places, "what's the population of kazakhstan?", 'do they move with the seasons?');
    expect(herders!.resolution.kind).toBe('contextual');
    expect(herders!.resolution.documentId).toBeNull();
    // (Searched everywhere, not told that the document discussed has nothing.)
    expect(herders!.answer.lead).toEqual([]);
    expect(herders!.answer.passages.map((p) => p.paragraphId)).toContain('steppe-notes/1');
    // (One the document discussed answers as well stays with it.)
    const [, spoken] = converse(places, "what's the population of kazakhstan?", 'which languages are spoken?');
    expect(spoken!.resolution.documentId).toBe('demographics-kazakhstan');
  });

  it('“and mongolia?” two turns on leaves the document an earlier follow-up kept to', () => {
    const [, spoken, mongolia] = converse(places, "what's the population of kazakhstan?", 'which languages are spoken?', 'and mongolia?');
    expect(spoken!.resolution.documentId).toBe('demographics-kazakhstan');
    expect(mongolia!.resolution.documentId).toBeNull();
    expect(mongolia!.answer.passages[0]!.paragraphId).toBe('demographics-mongolia/2');
  });
});

describe('“and tajikistan?” after a question naming one of several factbooks by its country', () => {
  const factbooks = createEngineFromCorpus(
    indexCorpus([
      testDocument({ id: 'factbook-kyrgyzstan', title: 'The World Factbook: Kyrgyzstan', authors: ['CIA World Factbook'] }, ['Kyrgyzstan’s economy depends on gold and remittances.']),
      testDocument({ id: 'factbook-tajikistan', title: 'The World Factbook: Tajikistan', authors: ['CIA World Factbook'] }, ['Tajikistan’s economy depends on aluminium, cotton and remittances.']),
      testDocument({ id: 'steppe-notes', title: 'Notes on the steppe' }, ['Herders move with the seasons.']),
    ]),
  );

  it('asks the factbook of the new country, not the old one', () => {
    const [first, tajik] = converse(factbooks, "what does the factbook say about kyrgyzstan's economy?", 'and tajikistan?');
    expect(first!.resolution.documentId).toBe('factbook-kyrgyzstan');
    expect(tajik!.resolution.documentId).toBe('factbook-tajikistan');
    expect(tajik!.answer.passages[0]!.paragraphId).toBe('factbook-tajikistan/1');
  });
});

describe('a document named by a noun its title shares with another', () => {
  const statements = createEngineFromCorpus(
    indexCorpus([
      testDocument({ id: 'press-call', title: 'Background Press Call Previewing the General Assembly' }, [
        'Q: And second question was C5+1, if I may. Can you speak to the timing of the summit?',
        'OFFICIAL: The C5+1 summit brings the five presidents of Central Asia to New York.',
      ]),
      testDocument({ id: 'c5-statement', title: 'C5+1 Leaders’ Joint Statement' }, ['The presidents of the C5+1 committed to regular meetings and a secretariat.']),
      testDocument({ id: 'mongolia-statement', title: 'Joint Statement on the Third Neighbor Partnership with Mongolia' }, ['The United States and Mongolia committed to a strategic third neighbor partnership.']),
    ]),
  );

  it('“and the joint statement?” is the one on what the conversation asked about (the C5+1), not the other joint statement', () => {
    const [, , statement] = converse(statements, 'what is the c5+1 summit?', 'what did they say about the timing?', 'and the joint statement?');
    expect(statement!.resolution.documentId).toBe('c5-statement');
  });
});

describe('“was anyone against it?”', () => {
  const record = createEngineFromCorpus(
    indexCorpus([
      testDocument({ id: 'burton-2010', title: 'Congratulating Kazakhstan', authors: ['Burton'] }, [
        'Mr. BURTON. I rise to congratulate Kazakhstan on its bid to chair the OSCE, which Congress supported.',
        'Kazakhstan has been a partner of the United States since independence.',
      ]),
      testDocument({ id: 'clay-2010', title: 'Human Rights in Kazakhstan', authors: ['Clay'] }, [
        'Mr. CLAY. The chairmanship of the OSCE is compromised by the human rights record of its chair, and I object to the bid.',
      ]),
      testDocument({ id: 'notes-2010', title: 'Notes on the steppe', authors: ['Notes'] }, ['Herders move with the seasons.']),
    ]),
  );

  it('asks of anyone, in whatever document: not only the speaker of the answer before', () => {
    const [first, anyone] = converse(record, 'what did congress say about kazakhstan chairing the osce?', 'was anyone against it?');
    expect(first!.answer.passages[0]!.paragraphId).toBe('burton-2010/1');
    expect(anyone!.resolution.documentId).toBeNull();
  });
});

describe('“which is more recent?” after answers from two papers among many', () => {
  it('compares those two, not the whole corpus', () => {
    const [, , newer] = converse(engine, 'how was specter trained?', 'what is in the s2orc corpus?', 'which is more recent?');
    expect(newer!.resolution.resolved).toMatch(/SPECTER.*S2ORC|S2ORC.*SPECTER/);
    expect(newer!.answer.lead.join(' ')).not.toMatch(/LongEval/i);
  });
});
