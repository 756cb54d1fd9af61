import { beforeAll, describe, expect, it } from 'vitest';
import { findDocumentMention, warmDocumentMentions } from '../../src/answer/documentMention.js';
import { indexCorpus, loadCorpus } from '../../src/corpus/load.js';
import type { Corpus, CorpusDocument, DocumentMeta } from '../../src/corpus/types.js';
import { testDocument } from '../corpus/testDocument.js';

let corpus: Corpus;
beforeAll(async () => {
  corpus = await loadCorpus();
});

const mention = (c: Corpus, text: string) => {
  const m = findDocumentMention(c, text);
  return m && { id: m.documentId, how: m.how, text: text.slice(m.start, m.end) };
};

describe('document mentions in the corpus', () => {
  it.each([
    ['what does the east asia forum piece say about the US?', 'miliate-2013', 'venue', 'east asia forum piece'],
    ['In the journal article, why is trade low?', 'irgengioro-2022', 'kind', 'the journal article'],
    ["What is Irgengioro's paper about?", 'irgengioro-2022', 'author', "Irgengioro's paper"],
    ['who wrote the steppes to the states?', 'miliate-2013', 'title', 'the steppes to the states'],
    ['what does the op-ed argue?', 'miliate-2013', 'kind', 'the op-ed'],
    ['what does irgengioro argue overall?', 'irgengioro-2022', 'author', 'irgengioro'],
    ['what does Irgengoro say about the SCO?', 'irgengioro-2022', 'author', 'Irgengoro'],
    ['summarise miliate-2013', 'miliate-2013', 'id', 'miliate-2013'],
    ['is the paper peer reviewed?', 'irgengioro-2022', 'kind', 'the paper'],
    ['in this blog post, what is the third neighbour?', 'miliate-2013', 'kind', 'this blog post'],
    ['what did Miliate write?', 'miliate-2013', 'author', 'Miliate'],
    ['what does Brandon Miliate say about Russia?', 'miliate-2013', 'author', 'Brandon Miliate'],
    ['does john irgengioro agree?', 'irgengioro-2022', 'author', 'john irgengioro'],
    ['whats the op-eds overall conclusion', 'miliate-2013', 'kind', 'the op-eds'],
    ['Where was "The Steppes" published?', 'miliate-2013', 'title', 'The Steppes'],
    ['was it in International Politics?', 'irgengioro-2022', 'venue', 'International Politics'],
  ])('%s', (q, id, how, text) => {
    expect(mention(corpus, q)).toEqual({ id, how, text });
  });

  it.each([
    'do the op-eds agree?', // a plural: no one document
    'Why are Mongolia–Kazakhstan relations so weak?',
    'What does the article say about the SCO?', // both are articles
    'How did the rise of China change Central Asia?', // a few title words are not the title
    'a piece of land in Kazakhstan',
    'What role does China play in international politics?',
    'what is the third neighbour policy',
    '',
  ])('none in %s', (q) => {
    expect(findDocumentMention(corpus, q)).toBeNull();
  });
});

function doc(meta: Partial<DocumentMeta> & { id: string }, text = 'A paragraph about grain.'): CorpusDocument {
  return testDocument({ authors: [], venue: 'Nowhere', year: 2000, date: '2000', ...meta }, [text]);
}

describe('document mentions, from any metadata', () => {
  const synthetic = indexCorpus([
    doc({ id: 'brown-1999', authors: ['Anna Brown'], title: 'Grain Markets of the Silk Road', venue: 'Journal of Asian Trade (Elsevier)', kind: 'journal-article', doi: '10.1/x' }),
    doc({ id: 'okafor-2020', authors: ['Chidi Okafor', 'Lee Park'], title: 'Why Caravans Still Matter', venue: 'The Diplomat', kind: 'blog' }, 'The brown hills of the south are dry.'),
  ]);

  it.each([
    ['what does the blog say?', 'okafor-2020', 'kind'],
    ['in the journal article, who traded grain?', 'brown-1999', 'kind'],
    ['what did Park argue?', 'okafor-2020', 'author'],
    ["Okafor's piece on camels", 'okafor-2020', 'author'],
    ['Grain markets of the silk road: main claim?', 'brown-1999', 'title'],
    ['who wrote why caravans still matter', 'okafor-2020', 'title'],
    ['what did Brown find?', 'brown-1999', 'author'],
    ['the journal of asian trade article', 'brown-1999', 'venue'],
    ['brown 1999 summary', 'brown-1999', 'id'],
  ])('%s', (q, id, how) => {
    expect(mention(synthetic, q)).toMatchObject({ id, how });
  });

  it('needs a capital for a surname the corpus uses as a word', () => {
    expect(findDocumentMention(synthetic, 'why are the hills brown?')).toBeNull();
  });

  const accented = () =>
    indexCorpus([
      doc({ id: 'brown-1999', authors: ['Anna Brown'], title: 'Grain Markets', venue: 'Nowhere' }),
      doc({ id: 'park-2001', authors: ['Lee Park'], title: 'Caravans', venue: 'Nowhere' }, 'The bröwn hills of the south are dry.'),
    ]);

  it('reads the corpus without its accents for that', () => {
    expect(findDocumentMention(accented(), 'why are the hills brown?')).toBeNull();
    expect(mention(accented(), 'what did Brown find?')).toMatchObject({ id: 'brown-1999', how: 'author' });
  });

  it('reads it the same when folded ahead by the warm-up', async () => {
    const warmed = accented();
    await warmDocumentMentions(warmed);
    expect(findDocumentMention(warmed, 'why are the hills brown?')).toBeNull();
    expect(mention(warmed, 'what did Brown find?')).toMatchObject({ id: 'brown-1999', how: 'author' });
  });

  it.each([
    ['what did Okafro argue?', 'two letters swapped'],
    ['what did Okafer argue?', 'a letter changed'],
    ['what did Okaffor argue?', 'a letter added'],
  ])('names a long surname with a slip of one letter: %s (%s)', (q) => {
    expect(mention(synthetic, q)).toMatchObject({ id: 'okafor-2020', how: 'author' });
  });

  it('not with two slips, nor a short surname with one, nor one shortened below six letters', () => {
    expect(findDocumentMention(synthetic, 'what did Okfaro argue?')).toBeNull();
    expect(findDocumentMention(synthetic, 'what did Perk argue?')).toBeNull();
    expect(findDocumentMention(synthetic, 'what did Okafr argue?')).toBeNull();
  });
});

describe('a title that is also a topic', () => {
  const topical = indexCorpus([
    doc({ id: 'wikipedia-central-asia', authors: ['Wikipedia contributors'], title: 'Central Asia', venue: 'Wikipedia', kind: 'encyclopedia' }, 'Central Asia is a region of five republics.'),
    doc({ id: 'ablay-2022', authors: ['Anna Ablay'], title: 'Steppe Diplomacy', venue: 'Asian Affairs', kind: 'journal-article', doi: '10.1/y' }, 'Mongolia and Central Asia trade little.'),
    doc({ id: 'ablay-2023', authors: ['Anna Ablay'], title: 'Steppe Trade', venue: 'Asian Affairs', kind: 'journal-article', doi: '10.1/z' }, 'Central Asia buys grain; Central Asia sells oil.'),
    doc({ id: 'ablay-2024', authors: ['Anna Ablay'], title: 'Steppe Roads', venue: 'Asian Affairs', kind: 'journal-article', doi: '10.1/w' }, 'Roads across Central Asia.'),
  ]);

  it('names the topic, not the document, when the question uses it as the corpus does', () => {
    expect(findDocumentMention(topical, 'How did the rise of China change Central Asia?')).toBeNull();
  });

  it('names the document when quoted or called a document', () => {
    expect(mention(topical, 'what does the Central Asia article say about oil?')).toMatchObject({ id: 'wikipedia-central-asia', how: 'title' });
    expect(mention(topical, 'what does "Central Asia" say about oil?')).toMatchObject({ id: 'wikipedia-central-asia', how: 'title' });
  });
});

describe('a name several documents share', () => {
  const factbooks = indexCorpus([
    doc({ id: 'factbook-kazakhstan', authors: ['CIA World Factbook'], title: 'The World Factbook: Kazakhstan', kind: 'reference' }),
    doc({ id: 'factbook-mongolia', authors: ['CIA World Factbook'], title: 'The World Factbook: Mongolia', kind: 'reference' }),
  ]);

  it('is the one the rest of the question names (“the factbook … Mongolia’s population”), not the first listed', () => {
    expect(mention(factbooks, "what does the factbook say about mongolia's population?")?.id).toBe('factbook-mongolia');
    expect(mention(factbooks, 'what does the factbook say about kazakhstan?')?.id).toBe('factbook-kazakhstan');
  });

  it('is none of them when the question does not tell them apart', () => {
    expect(findDocumentMention(factbooks, 'what does the factbook say about grain?')).toBeNull();
  });
});

describe('a document called by words of its title before a document noun', () => {
  const papers = indexCorpus([
    testDocument({ id: 'sundstrom-2014', title: 'Stressful life events are not associated with the development of dementia', kind: 'journal-article' }, ['Life events were asked at baseline.']),
    testDocument({ id: 'tully-2010', title: 'Patient experiences of structured heart failure programmes', kind: 'journal-article' }, ['Patients kept diaries.']),
    testDocument({ id: 'datta-2010', title: 'Complications related to deep venous thrombosis prophylaxis in trauma', kind: 'journal-article' }, ['Filters failed in trauma patients.']),
    testDocument({ id: 'ahmed-2012', title: 'Patient experiences of trauma care', kind: 'journal-article' }, ['Trauma care was slow.']),
  ]);

  it('“the dementia study”, “the heart failure paper”: the one document whose title has them', () => {
    expect(mention(papers, 'what methods did the dementia study use?')).toEqual({ id: 'sundstrom-2014', how: 'title', text: 'the dementia study' });
    expect(mention(papers, 'keywords of the heart failure paper?')).toEqual({ id: 'tully-2010', how: 'title', text: 'the heart failure paper' });
    expect(mention(papers, 'who wrote the thrombosis paper?')?.id).toBe('datta-2010');
  });

  it('none when the words are in several titles, or in none', () => {
    expect(mention(papers, 'what did the trauma study find?')).toBeNull();
    expect(mention(papers, 'what does the patient experiences paper say?')).toBeNull();
    expect(mention(papers, 'what did the malaria study find?')).toBeNull();
  });
});

describe('a document called by what its text is about', () => {
  const papers = indexCorpus([
    testDocument({ id: 'datta-2010', title: 'Complications related to prophylaxis in trauma', kind: 'journal-article' }, ['DVT rates fell.', 'DVT prophylaxis with heparin.', 'Filters and DVT in trauma.']),
    testDocument({ id: 'faa-2020', title: 'Airworthiness Directives; The Boeing Company Airplanes', kind: 'notice' }, ['The 737 MAX flight control computer.', 'MAX operators must install the software.', 'Each MAX airplane is affected.']),
    testDocument({ id: 'tully-2010', title: 'Patient experiences of structured programmes', kind: 'journal-article' }, ['Patients kept diaries.', 'Patients and nurses met weekly.', 'Patients took their medication.']),
  ]);

  it('“the dvt review”, “the 737 max notice”: words before a document noun that one document’s text alone uses', () => {
    expect(mention(papers, 'what does the dvt review say about filters?')).toEqual({ id: 'datta-2010', how: 'title', text: 'the dvt review' });
    expect(mention(papers, 'in the 737 max notice, what must operators install?')?.id).toBe('faa-2020');
  });

  it('reads them the same when counted ahead by the warm-up', async () => {
    const warmed = indexCorpus(papers.documents);
    await warmDocumentMentions(warmed);
    expect(mention(warmed, 'what does the dvt review say about filters?')).toEqual(mention(papers, 'what does the dvt review say about filters?'));
    expect(mention(warmed, 'in the 737 max notice, what must operators install?')?.id).toBe('faa-2020');
  });

  it('none for words several documents use, for a thing of the text (“the patient survey”), or among two documents', () => {
    expect(mention(papers, 'what did the weekly paper say?')).toBeNull();
    expect(mention(papers, 'what language was the patient survey in?')).toBeNull();
    expect(mention(corpus, 'what does the kazakh paper say?')?.how).not.toBe('title');
  });
});

describe('a paper called by the name its title gives it, by most of its title, or by its year', () => {
  const papers = indexCorpus([
    testDocument({ id: 'cohan-2020', title: 'SPECTER: Document-level Representation Learning using Citation-informed Transformers', year: 2020, kind: 'journal-article' }, ['SPECTER embeds papers.', 'We train SPECTER on citations.', 'SPECTER beats SciBERT.', 'SPECTER is released.']),
    testDocument({ id: 'ammar-2018', title: 'Construction of the Literature Graph in Semantic Scholar', year: 2018, kind: 'journal-article' }, ['The graph has 280M nodes.', 'Papers are deduplicated.']),
    testDocument({ id: 'lo-2020', title: 'S2ORC: The Semantic Scholar Open Research Corpus', year: 2020, kind: 'journal-article' }, ['S2ORC has 81.1M papers.', 'We compare with SPECTER once.']),
  ]);

  it('“in SPECTER, …”: the one word before its title’s colon, where that paper’s text is what uses it', () => {
    expect(mention(papers, 'in SPECTER, what is the training signal?')).toEqual({ id: 'cohan-2020', how: 'title', text: 'SPECTER' });
    expect(mention(papers, 'how big is s2orc?')?.id).toBe('lo-2020');
  });

  it('most of a title’s words in any order: “building the semantic scholar literature graph”', () => {
    expect(mention(papers, 'the paper on building the Semantic Scholar literature graph: how many nodes?')?.id).toBe('ammar-2018');
    // (Two of a title's words are a topic, not the paper: "semantic scholar" is in two titles.)
    expect(mention(papers, 'what does semantic scholar do?')).toBeNull();
  });

  it('“the older 2018 paper”: a year after a word of time or order', () => {
    expect(mention(papers, 'and the older 2018 paper, how many nodes?')).toEqual({ id: 'ammar-2018', how: 'kind', text: 'the older 2018 paper' });
    expect(mention(papers, 'and the other 2020 paper?')).toBeNull();
  });
});

describe('a document called by its length', () => {
  it('“the longer piece”, “the short one”: of the two documents, the one of that length, whatever its noun’s class', () => {
    expect(mention(corpus, 'what does the longer piece say about russia?')).toEqual({ id: 'irgengioro-2022', how: 'kind', text: 'the longer piece' });
    expect(mention(corpus, 'and the short one?')).toEqual({ id: 'miliate-2013', how: 'kind', text: 'the short one' });
    expect(mention(corpus, 'in the longest text, who is cited on balancing?')?.id).toBe('irgengioro-2022');
    expect(mention(corpus, 'does the brief piece mention students?')?.id).toBe('miliate-2013');
  });

  it('is no document among more than two, nor a length said of something else', () => {
    const four = indexCorpus([
      testDocument({ id: 'a-2010', title: 'One', kind: 'journal-article' }, ['A short text.']),
      testDocument({ id: 'b-2011', title: 'Two', kind: 'journal-article' }, ['A much longer text than the first one, by far.']),
      testDocument({ id: 'c-2012', title: 'Three', kind: 'journal-article' }, ['Middling text here.']),
    ]);
    expect(mention(four, 'what does the longer paper say?')).toBeNull();
    expect(mention(corpus, 'give me the short answer')).toBeNull();
    expect(mention(corpus, 'why do the small states balance?')).toBeNull();
  });
});

describe('a document named as the teller of a claim the question reports', () => {
  it('is not the one asked: “the op-ed says …, what does the journal article give?” asks the journal article', () => {
    expect(findDocumentMention(corpus, 'the op-ed says a strip under 40 km separates them. what distance does the journal article give')?.documentId).toBe('irgengioro-2022');
    expect(findDocumentMention(corpus, 'the journal article says 250 students. what does the op-ed say?')?.documentId).toBe('miliate-2013');
  });

  it('named alone, it is still the document: “what does the op-ed say about russia?”, “miliate says X — where?”', () => {
    expect(findDocumentMention(corpus, 'what does the op-ed say about russia?')?.documentId).toBe('miliate-2013');
    expect(findDocumentMention(corpus, 'miliate says kazakhstan is close to russia, where?')?.documentId).toBe('miliate-2013');
  });
});

describe('an official document called by its title’s own noun', () => {
  const official = indexCorpus([
    doc({ id: 'readout-c5', title: 'Readout of President Biden’s Meeting with the C5+1 Leaders at UNGA', authors: ['The White House'] }),
    doc({ id: 'joint-c5', title: 'C5+1 Leaders’ Joint Statement', authors: ['The White House'] }),
    doc({ id: 'joint-mongolia', title: 'Joint Statement on the Strategic Third Neighbor Partnership between the United States and Mongolia', authors: ['The White House'] }),
    doc({ id: 'nsc', title: 'Statement by NSC Spokesperson Emily Horne on Travel to Uzbekistan', authors: ['The White House'] }),
    doc({ id: 'factbook', title: 'The World Factbook: Mongolia', authors: ['CIA World Factbook'] }),
  ]);

  it('names the one document whose title says so: “the readout”', () => {
    expect(mention(official, 'what does the readout say about minerals?')).toEqual({ id: 'readout-c5', how: 'kind', text: 'the readout' });
  });

  it('of several, the one the rest of the question or the conversation names, else none', () => {
    expect(mention(official, 'what does the joint statement say about afghanistan?')).toBeNull();
    expect(mention(official, 'what does the joint statement say about the third neighbor partnership?')?.id).toBe('joint-mongolia');
    expect(findDocumentMention(official, 'what does the joint statement say about afghanistan?', 'Readout of President Biden’s Meeting with the C5+1 Leaders at UNGA')?.documentId).toBe('joint-c5');
  });

  it('a word before the noun is the title’s too: “the joint statement” is no NSC statement', () => {
    expect(mention(official, 'what does the joint statement say about uzbekistan travel?')).toBeNull();
  });
});

describe('a title said in other words', () => {
  const papers = indexCorpus([
    doc({ id: 'sundstrom-2014', title: 'Stressful life events are not associated with the development of dementia', kind: 'journal-article' }),
    doc({ id: 'tully-2010', title: 'Patient experiences of structured heart failure programmes', kind: 'journal-article' }),
    doc({ id: 'datta-2010', title: 'Complications of thromboprophylaxis in trauma patients', kind: 'journal-article' }),
    doc({ id: 'agyeman-2014', title: 'Understanding the barriers to setting up a healthcare quality improvement process in resource-limited settings: a situational analysis at the Medical Department of Kamuzu Central Hospital in Lilongwe, Malawi', kind: 'journal-article' }),
  ]);

  it('a long title by most of one of its parts, either side of its colon', () => {
    expect(mention(papers, 'that situational analysis of the medical department at Kamuzu Central Hospital in Malawi - how did they ask the patients?')?.id).toBe('agyeman-2014');
    expect(mention(papers, 'the barriers to setting up quality improvement in resource-limited settings, which were they?')?.id).toBe('agyeman-2014');
  });

  it('is named by most of its words in any order, its “not” no word to find: “the paper testing whether stressful life events lead to dementia”', () => {
    expect(mention(papers, 'the Swedish paper testing whether stressful life events lead to dementia - where did their participants come from?')?.id).toBe('sundstrom-2014');
  });
});
