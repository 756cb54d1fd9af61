import { describe, expect, it } from 'vitest';
import { indexCorpus } from '../../src/corpus/load.js';
import type { CorpusDocument, Paragraph } from '../../src/corpus/types.js';
import { editDistance } from '../../src/corpus/text.js';
import { PassageIndex, surfaceWords } from '../../src/search/index.js';
import { analyzeQuestion } from '../../src/search/question.js';
import { labelFit } from '../../src/search/rank.js';
import { testDocument } from '../corpus/testDocument.js';

/** A document of the given paragraphs; the first may be an abstract. */
function doc(id: string, author: string, year: number, paragraphs: Array<string | { text: string; role?: Paragraph['role']; section?: string }>): CorpusDocument {
  return testDocument(
    { id, authors: [author], title: 'Notes on the steppe', venue: 'Test Venue', year, date: String(year) },
    paragraphs.map((p) => (typeof p === 'string' ? { text: p, section: 'Body' } : { section: 'Body', ...p })),
  );
}

const filler = [
  'Mongolia and Kazakhstan share a nomadic past and many customs.',
  'Kazakhstan and Mongolia both border China and Russia.',
  'Mongolia and Kazakhstan have been discussed by many scholars.',
  'Mongolia looks east while Kazakhstan looks to Russia.',
  'Kazakhstan and Mongolia exchanged few visits in the 2000s.',
];

const index = new PassageIndex(
  indexCorpus([
    doc('long-2022', 'Ablay', 2022, [
      { text: 'This article analyses why Mongolia and the Central Asian states remain distant.', role: 'abstract', section: 'Abstract' },
      // A long paragraph that names the countries over and over, sentence after sentence.
      [...filler, ...filler, 'Mongolia and Kazakhstan remain distant neighbours.'].join(' '),
      'The corridor of China–Mongolia–Russia–Europe is one of six economic corridors.',
      'The China–Mongolia–Russia corridor was pushed by the government in Ulaanbaatar.',
      'Trade between Mongolia and Kazakhstan stands at about $58 million a year.',
      'Mongolia remains a weak state between two great powers.',
    ]),
    doc('short-2013', 'Baatar', 2013, [
      'Kazakhs in Mongolia look back on a nomadic past, and most of them live in Bayan-Olgii.',
      'Some 60,000 ethnic Kazakhs left Mongolia for Kazakhstan; about 10,000 have since returned to Mongolia.',
      'Mongolia, the author argues, avoids the close allies of Moscow.',
    ]),
  ]),
);

const top = (q: string) => index.query(q).passages[0]?.paragraph.id;

describe('edit distance', () => {
  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('mongloia', 'mongolia')).toBe(1);
    expect(editDistance('kazakstan', 'kazakhstan')).toBe(1);
    expect(editDistance('gover', 'govern')).toBe(1);
    expect(editDistance('abc', 'xyz')).toBe(3);
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3);
  });
});

describe('the passage index', () => {
  it('corrects misspelt words to corpus words, and leaves real words it lacks alone', () => {
    expect(index.corrections('kazakstan')).toEqual(['kazakhstan']);
    expect(index.corrections('mongloia')).toEqual(['mongolia']);
    expect(index.corrections('cosi')).toEqual([]);
    expect(top('Is Mongloia a weak state?')).toBe('long-2022/6');
    expect(index.query('Kazakstan').suggestions).toContain('kazakhstan');
  });

  it('does not let a long paragraph win by repeating the question words', () => {
    expect(top('Does Mongolia trade with Kazakhstan?')).toBe('long-2022/5');
    expect(top('Why do Mongolia and Kazakhstan remain distant?')).toBe('long-2022/2');
  });

  it('prefers the sentence stating an amount for "how much"', () => {
    const best = index.query('How much trade is there between Mongolia and Kazakhstan?').passages[0]!;
    expect(best.paragraph.id).toBe('long-2022/5');
    expect(best.bestSentence.text).toContain('$58 million');
  });

  it('counts the question words as a phrase when they stand in its order', () => {
    const ranked = index.query('Was the China-Mongolia-Russia corridor an idea of Beijing?').passages.map((p) => p.paragraph.id);
    expect(ranked.indexOf('long-2022/4')).toBeLessThan(ranked.indexOf('long-2022/3'));
  });

  it('matches "came back" with "returned"', () => {
    expect(top('How many Kazakhs came back to Mongolia?')).toBe('short-2013/2');
  });

  it('takes an author or a year named in the question to mean the source', () => {
    expect(top('Why does Mongolia avoid Moscow, according to Baatar?')).toBe('short-2013/3');
    const viaYear = index.query('What does the 2013 piece say Mongolia avoids?').passages[0]!;
    expect(viaYear.paragraph.id).toBe('short-2013/3');
    expect(viaYear.features.year).toBe(0.5);
  });

  it('answers "what is the paper about" with the abstract, even without topic words', () => {
    expect(top('What is this paper about?')).toBe('long-2022/1');
    expect(top("What's the main aim of the Ablay article?")).toBe('long-2022/1');
    expect(index.query('What is this paper about?').passages[0]!.coverage).toBeGreaterThan(0.2);
  });
});

describe('the passage index at scale', () => {
  // 600 paragraphs that all name the two countries; a handful say something specific.
  const crowd = Array.from({ length: 600 }, (_, i) =>
    `Mongolia and Kazakhstan met again in round ${i + 1}, and officials of Mongolia and Kazakhstan spoke of relations between the two states.`,
  );
  const specific = [
    'A railway from western Mongolia to Kazakhstan was proposed but never financed.',
    'Kazakh herders in Bayan-Ölgii keep golden eagles for hunting.',
  ];
  const big = new PassageIndex(indexCorpus([doc('crowd-2020', 'Crowd', 2020, [...crowd.slice(0, 300), ...specific, ...crowd.slice(300)])]));
  const first = (q: string) => big.query(q, { limit: 3 }).passages[0]?.paragraph.text;

  it('finds the paragraph with the rare word although the common words are in every paragraph', () => {
    expect(first('Was a railway between Mongolia and Kazakhstan ever built?')).toBe(specific[0]);
    expect(first('Why do Kazakh herders in Mongolia keep eagles?')).toBe(specific[1]);
  });

  it('counts each question word once in choosing the pool: many paragraphs naming a country in all its forms do not crowd out the one that also holds the rare word', () => {
    const forms = Array.from({ length: 150 }, (_, i) => `Mongolian herders of the Mongol steppe met in Ulaanbaatar, Mongolia, for Mongolian fair number ${i + 1}.`);
    const rare = Array.from({ length: 5 }, (_, i) => `Authoritarian parties won election number ${i + 1}.`);
    const grain = Array.from({ length: 2000 }, (_, i) => `Grain prices rose in market number ${i + 1}.`);
    const answer = 'Mongolia keeps its distance from authoritarian states.';
    const crowded = new PassageIndex(indexCorpus([doc('forms-2020', 'Crowd', 2020, [...forms, ...rare, answer, ...grain])]));
    expect(crowded.query('Why does Mongolia avoid authoritarian governments?', { limit: 3 }).passages[0]?.paragraph.text).toBe(answer);
  });

  it('still answers a question made only of words that are everywhere', () => {
    const result = big.query('What are relations between Mongolia and Kazakhstan like?', { limit: 3 });
    expect(result.passages).toHaveLength(3);
    expect(result.passages[0]!.paragraph.text).toMatch(/relations/);
  });

  it('analyses every paragraph in the background without holding up the event loop, and answers the same', async () => {
    const fresh = new PassageIndex(indexCorpus([doc('crowd-2020', 'Crowd', 2020, [...crowd.slice(0, 300), ...specific, ...crowd.slice(300)])]));
    const before = fresh.query('Was a railway between Mongolia and Kazakhstan ever built?').passages.map((p) => [p.paragraph.id, p.score]);
    let turns = 0;
    const ticker = setInterval(() => turns++, 0);
    const analysed = await fresh.warmUp({ chunk: 50 });
    clearInterval(ticker);
    expect(analysed).toBe(fresh.paragraphCount);
    expect(turns).toBeGreaterThan(2);
    expect(fresh.query('Was a railway between Mongolia and Kazakhstan ever built?').passages.map((p) => [p.paragraph.id, p.score])).toEqual(before);
  });

  it('stops warming up when asked', async () => {
    const fresh = new PassageIndex(indexCorpus([doc('crowd-2021', 'Crowd', 2021, crowd)]));
    const stop = new AbortController();
    const running = fresh.warmUp({ chunk: 100, signal: stop.signal });
    stop.abort();
    expect(await running).toBeLessThan(fresh.paragraphCount);
  });
});

describe('spelling correction', () => {
  const words = new PassageIndex(
    indexCorpus([
      doc('words-2020', 'Words', 2020, [
        'Governments of the region met.',
        'The cover of the report was blue.',
        'A drone can hover over the steppe.',
        'The rover crossed the desert.',
        'The borders were closed in winter.',
        'An official described the country as a hybrid.',
      ]),
    ]),
  );

  it('breaks a tie between stems by the word typed: "goverments" is governments, not cover, hover or rover', () => {
    // "goverments" stems to "gover": one edit from govern, cover, hover and rover alike.
    expect(words.corrections('gover', 'goverments')).toEqual(['govern']);
  });

  it('corrects a slip that changes how the word stems by the word typed: "officail" is official', () => {
    // "official" stems to "offici", two letters shorter than the slip's stem "officail".
    expect(words.corrections('officail', 'officail')).toEqual(['offici']);
    expect(words.query('what did the officail call the country?').passages[0]?.paragraph.text).toBe('An official described the country as a hybrid.');
  });

  it('reads a real word that means nothing here as the corpus word one edit away, below a misspelling\'s weight', () => {
    const q = 'when were the boarders closed?';
    const group = words.termGroups(analyzeQuestion(q), surfaceWords(q)).find((g) => g.term.startsWith('boarder'));
    expect(group?.variants.get('border')).toBe(0.5);
    expect(words.query(q).passages[0]?.paragraph.text).toBe('The borders were closed in winter.');
  });
});

describe('a lead-in ending in a colon', () => {
  const paper = new PassageIndex(
    indexCorpus([
      doc('longeval-2023', 'Krishna', 2023, [
        'Human evaluation of long summaries is slow and costly.',
        'Overall, our contributions are:',
        '(1) LongEval, a set of three guidelines for judging the faithfulness of long summaries;',
        '(2) a survey of how 162 papers run human evaluation of summaries.',
        'LongEval was then tried on two datasets of summaries, by many annotators.',
      ]),
    ]),
  );

  it('lends its words to the list it introduces, item after item', () => {
    const ranked = paper.query('What does LongEval contribute?', { limit: 5 }).passages.map((p) => p.paragraph.id);
    expect(ranked[0]).toBe('longeval-2023/3');
    const second = paper.query('what does the survey contribute?', { limit: 5 }).passages.map((p) => p.paragraph.id);
    expect(second[0]).toBe('longeval-2023/4');
  });
});

describe('a paragraph that opens with the name of a field', () => {
  const groups = (q: string) => new PassageIndex(indexCorpus([testDocument({ id: 'x' }, ['x'])])).termGroups(analyzeQuestion(q));
  const paragraph = (text: string) => testDocument({ id: 'factbook' }, [text]).paragraphs[0]!;

  it('fits a question asking for what every word of the name names, places aside', () => {
    const q = 'What languages are spoken in Uzbekistan?';
    expect(labelFit(paragraph('Languages: Uzbek (official) 74.3%, Russian 14.2%'), groups(q), analyzeQuestion(q).entities)).toBe(1);
    expect(labelFit(paragraph('Religions: Muslim 88%'), groups(q), analyzeQuestion(q).entities)).toBe(0);
    // "Author Contributions" is not "contributions", nor a sentence with a colon a field.
    const c = 'what were the contributions?';
    expect(labelFit(paragraph('Author Contributions: K. K. led the project.'), groups(c), [])).toBe(0);
    expect(labelFit(paragraph('Contributions: three guidelines.'), groups(c), [])).toBe(1);
    expect(labelFit(paragraph('The languages they speak today are these: Uzbek and Russian.'), groups(q), analyzeQuestion(q).entities)).toBe(0);
  });

  it('reads a qualifier in brackets after the name as no part of it', () => {
    const q = "what is kazakhstan's inflation rate?";
    expect(labelFit(paragraph('Inflation rate (consumer prices): 2024: 8.8% (2024 est.)'), groups(q), analyzeQuestion(q).entities)).toBe(1);
    const gdp = 'what is the gdp of kazakhstan?';
    expect(labelFit(paragraph('GDP (official exchange rate): $288.406 billion (2024 est.)'), groups(gdp), analyzeQuestion(gdp).entities)).toBe(1);
    expect(labelFit(paragraph('Real GDP (purchasing power parity): 2024: $739.385 billion'), groups(gdp), analyzeQuestion(gdp).entities)).toBe(0);
  });

  it('takes a section title of a word or two for the name, when it is the thing asked for ("what methods …"), not the topic', () => {
    const inSection = (section: string, text: string) => testDocument({ id: 'study' }, [{ text, section }]).paragraphs[0]!;
    const methods = inSection('2.1 Methods', 'A mix of quantitative and qualitative approaches was applied.');
    const q = 'What methods did the quality improvement study use?';
    expect(analyzeQuestion(q).askedFor).toEqual(['method']);
    expect(labelFit(methods, groups(q), [], analyzeQuestion(q).askedFor)).toBe(1);
    expect(labelFit(inSection('Results', 'Waiting times fell.'), groups(q), [], analyzeQuestion(q).askedFor)).toBe(0);
    // "is internet access getting worse?" asks about the internet, not for a section's content.
    const internet = 'is internet access in kyrgyzstan getting worse?';
    expect(labelFit(inSection('Internet', 'Access grew in 2019.'), groups(internet), [], analyzeQuestion(internet).askedFor)).toBe(0);
  });
});

describe('what a paper is about', () => {
  it('is said in its abstract, its first paragraph, and its introduction and conclusion, numbered or not', async () => {
    const { overviewFit } = await import('../../src/search/rank.js');
    const [intro, numbered, roman, body] = testDocument({ id: 'p' }, [
      { text: 'x', section: 'Introduction' },
      { text: 'y', section: '1 Introduction' },
      { text: 'z', section: 'VI. Conclusions' },
      { text: 'w', section: '3.2 Methods' },
    ]).paragraphs;
    expect([intro, numbered, roman, body].map((p) => overviewFit(p!))).toEqual([0.75, 0.5, 0.5, 0]);
  });
});

describe('an abstract', () => {
  const paper = new PassageIndex(
    indexCorpus([
      testDocument({ id: 'datta-2010', title: 'Complications of thrombosis prophylaxis in trauma' }, [
        { text: 'Patient compliance with compression devices is poor. We review the complications of thrombosis prophylaxis in trauma patients.', role: 'abstract', section: 'Abstract' },
        { text: 'Compliance with compression devices was poor among trauma patients, but education of patients and staff may improve it.', section: 'Results' },
      ]),
      testDocument({ id: 'other-2012', title: 'Another paper' }, ['Nothing on that here.']),
    ]),
  );

  it('does not lead by default for a question of a detail the body gives in full, but does for what the paper is about', () => {
    expect(paper.query('do patients actually comply with compression devices?').passages[0]!.paragraph.id).toBe('datta-2010/2');
    expect(paper.query('what is the thrombosis prophylaxis paper about?').passages[0]!.paragraph.id).toBe('datta-2010/1');
  });
});

describe('"how many"', () => {
  const counts = new PassageIndex(
    indexCorpus([
      doc('counts-2020', 'Counter', 2020, [
        'Kazakhs of Mongolia held 45 festivals.',
        'About 160,000 Kazakhs are in Mongolia today, most of them far in the west of the country.',
      ]),
    ]),
  );

  it('prefers the number that counts what is asked over a number of something else', () => {
    expect(counts.query('How many Kazakhs live in Mongolia?').passages[0]?.paragraph.id).toBe('counts-2020/2');
    expect(counts.query('How many festivals do Kazakhs in Mongolia hold?').passages[0]?.paragraph.id).toBe('counts-2020/1');
  });

  it('reads a magnitude written as a letter as a count: "280M nodes", "10k users"', () => {
    const graph = new PassageIndex(
      indexCorpus([
        doc('graph-2018', 'Grapher', 2018, [
          'Each node of the literature graph represents a paper, an author or an entity, linked by typed edges.',
          'The resulting literature graph consists of more than 280M nodes.',
        ]),
      ]),
    );
    expect(graph.query('How many nodes does the literature graph have?').passages[0]?.paragraph.id).toBe('graph-2018/2');
  });

  it('reads a small number or a number word before what is counted as a count ("13 papers", "five students"), but not a year', () => {
    const survey = new PassageIndex(
      indexCorpus([
        doc('survey-2023', 'Surveyor', 2023, [
          'Expert annotators are needed for long summaries, say the surveyed papers of 2021, and 40 reviewers agree.',
          'Expert annotators are needed for long summaries, say 13 of the surveyed papers.',
          'Students of the exchange programme study abroad in 1998 and after, and 30 teachers with them.',
          'Students of the exchange programme study abroad: five students a year.',
          'Students of the exchange programme first went abroad in 1998, three years after it began.',
        ]),
      ]),
    );
    expect(survey.query('How many of the surveyed papers say expert annotators are needed for long summaries?').passages[0]?.paragraph.id).toBe('survey-2023/2');
    expect(survey.query('How many students of the exchange programme study abroad?').passages[0]?.paragraph.id).toBe('survey-2023/4');
  });
});

describe('"what is X?"', () => {
  const papers = new PassageIndex(
    indexCorpus([
      doc('specter-2020', 'Cohan', 2020, [
        'SPECTER is fast on a single GPU at inference time.',
        'We present SPECTER, a model for learning representations of scientific papers.',
        'SPECTER embeddings cluster by topic in the figure.',
      ]),
    ]),
  );

  it('is answered by the sentence that introduces X ("We present SPECTER, a model…") over one that merely says "X is"', () => {
    expect(papers.query('what is specter?').passages[0]?.paragraph.id).toBe('specter-2020/2');
  });

  it('finds the abstract that introduces X in a paper that names X in every paragraph, more often elsewhere', () => {
    const body = Array.from({ length: 40 }, (_, i) => `The S2ORC corpus is split by S2ORC field ${i}, and S2ORC papers of field ${i} are counted in S2ORC tables.`);
    const corpus = new PassageIndex(
      indexCorpus([doc('s2orc-2020', 'Lo', 2020, [{ text: 'We introduce S2ORC, a large corpus of academic papers spanning many disciplines.', role: 'abstract', section: 'Abstract' }, ...body])]),
    );
    expect(corpus.query('what is s2orc?').passages[0]?.paragraph.id).toBe('s2orc-2020/1');
  });
});

describe('a short title names the topic of the whole document', () => {
  const entry = doc('wikipedia-gobi', 'Wikipedia contributors', 2019, [
    'Machines for Gobi cashmere were installed in 1981.',
    'Gobi company was privatized in July 2007.',
  ]);
  entry.meta.title = 'Gobi Cashmere';
  const others = doc('other-2020', 'Other', 2020, ['Many mines were privatized in the 1990s.', 'Banks were privatized in 1998.', 'The airline was privatized in 2001.']);
  const index = new PassageIndex(indexCorpus([entry, others]));

  it('its words count as present in every sentence of it, as the author\'s name does: the sentence that answers the rest wins', () => {
    const passages = index.query('When was the Gobi cashmere company privatised?').passages;
    expect(passages[0]?.paragraph.id).toBe('wikipedia-gobi/2');
    // "Gobi company was privatized…" lacks "cashmere", yet holds all of the question.
    expect(passages[0]?.features.sentence).toBeCloseTo(1, 5);
  });
});

describe('a paragraph that names its topic only through its document\'s title', () => {
  // "Flag: description: …" in "The World Factbook: Turkmenistan", one long sentence, says "flag"
  // once and never "Turkmenistan"; other documents on Turkmenistan say it in every short
  // paragraph, forty of them "flag" too, and a hundred flags are described elsewhere.
  const factbook = doc('factbook-turkmenistan', 'CIA World Factbook', 2019, [
    {
      text: 'Flag: description: green field with a vertical red stripe near the left side; the stripe has five tribal guls (designs used in producing carpets) stacked above two crossed olive branches; five five-pointed white stars and a white crescent moon appear in the upper left corner of the main field; the green color and crescent moon stand for Islam, the five stars for the regions, and the guls for national identity.',
      section: 'Government',
    },
    { text: 'Capital: name: Ashgabat.', section: 'Government' },
  ]);
  factbook.meta.title = 'The World Factbook: Turkmenistan';
  const transport = doc('transport-2020', 'Crowd', 2020, [
    ...Array.from({ length: 40 }, (_, i) => `The flag carrier of Turkmenistan flew route ${i + 1}.`),
    ...Array.from({ length: 100 }, (_, i) => `Turkmenistan held talks in round ${i + 1}.`),
  ]);
  transport.meta.title = 'Transport in Turkmenistan';
  const flags = doc('flags-2020', 'Atlas', 2020, Array.from({ length: 100 }, (_, i) => `The flag of nation ${i + 1} is blue.`));
  const index = new PassageIndex(indexCorpus([transport, flags, factbook]));

  it('is a candidate for what the title and the paragraph name together, and answers it', () => {
    expect(index.query("what's on turkmenistan's flag?", { limit: 3 }).passages[0]?.paragraph.id).toBe('factbook-turkmenistan/1');
  });
});

describe('"which X" asks for a list', () => {
  const plan = new PassageIndex(
    indexCorpus([
      doc('plan-2015', 'Planner', 2015, [
        'The plan of the region names economic corridors.',
        'The corridors of the plan: (1) the northern route through the steppe; (2) the central route; (3) the southern route.',
      ]),
    ]),
  );

  it('a numbered enumeration is a list, as "A, B, and C" is', () => {
    const numbered = plan.query('which corridors are in the plan?').passages.find((p) => p.paragraph.id === 'plan-2015/2');
    expect(numbered?.features.type).toBeGreaterThan(0);
  });
});
