import { describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answer.js';
import { indexCorpus } from '../../src/corpus/load.js';
import { createEngineFromCorpus } from '../../src/engine.js';
import { testDocument } from '../corpus/testDocument.js';

/** A research paper as an import makes it: the year known, no date, no country running through it. */
function paper(id: string, author: string, paragraphs: string[]) {
  return testDocument({ id, authors: [author], title: `${author}'s corpus paper`, venue: 'Proceedings' }, paragraphs.map((text) => ({ text, section: 'Results' })));
}

const engine = createEngineFromCorpus(
  indexCorpus([
    paper('lo-2020', 'Lo', [
      // The share first: at equal match, the first figure read would answer.
      'Biomedical papers make up 42.7% of the corpus, and computer science papers 7.2%.',
      'The corpus consists of 81.1M papers and 380.5M resolved citation links.',
    ]),
    paper('cohan-2020', 'Cohan', ['We found that 99% of the papers in the corpus share a citation with another paper.']),
  ]),
);

describe('numeric questions on research papers', () => {
  it('"how many papers" is answered by a count of papers, not by a percentage of them', () => {
    const answer = answerQuestion(engine, 'how many papers are in the corpus?');
    expect(answer.lead[0]).toMatch(/^\*\*81\.1M\*\* — papers/);
  });

  it('a percentage answers when one is asked for', () => {
    expect(answerQuestion(engine, 'what percent of the corpus is biomedical papers?').lead[0]).toMatch(/42\.7%/);
  });

  it('claims no disagreement between shares of different things in different papers', () => {
    expect(engine.figures.disagreements).toEqual([]);
    expect(answerQuestion(engine, 'what share of the papers share a citation?').lead.join('\n')).not.toMatch(/disagree/);
  });
});

describe('the population of a city', () => {
  const country = createEngineFromCorpus(
    indexCorpus([paper('region-2019', 'Region', ['By a broad definition including Mongolia, more than 90 million people live in Central Asia.', 'Most herders live on the steppe.'])]),
  );

  it('is not answered by a figure that does not name the city: "how many people live in Ulaanbaatar?" is not 90 million', () => {
    expect(answerQuestion(country, 'how many people live in ulaanbaatar?').lead.join(' ')).not.toContain('90 million');
  });
});

describe('a count of something else, or a share for a quantity', () => {
  const hospital = createEngineFromCorpus(
    indexCorpus([
      paper('agyeman-2014', 'Agyeman', [
        'In 2010 the Medical Department of the hospital admitted 1015 patients, and its doctors worked long shifts.',
        'Of the 7,918 homologous gene families in the dataset, most were small.',
        'Coal accounts for 66 percent of the electricity the country produces each year.',
      ]),
    ]),
  );

  it('“how many doctors” is not answered by the number of patients the sentence counts', () => {
    expect(answerQuestion(hospital, 'how many doctors worked in the medical department in 2010?').lead.join(' ')).not.toMatch(/1015/);
    // (The noun after the number counts: "7,918 homologous gene families" are gene families.)
    expect(answerQuestion(hospital, 'how many gene families were in the dataset?').lead[0]).toMatch(/7,918/);
  });

  it('“how many annotators” is not answered by a count of annotations, one stem though they are', () => {
    const study = createEngineFromCorpus(
      indexCorpus([
        paper('krishna-2023', 'Krishna', [
          'We collect 3 annotations per article and use a 5-point Likert scale for the coarse assessment.',
          'For the fine assessment we hire freelancers on Upwork, 9 annotators in all, each paid hourly.',
        ]),
      ]),
    );
    const lead = answerQuestion(study, 'how many annotators per article?').lead.join(' ');
    expect(lead).not.toMatch(/\b3\b/);
    expect(lead).toMatch(/\b9\b/);
  });

  it('“how much coal does it produce” is not answered by a percentage, “how much of …” is', () => {
    expect(answerQuestion(hospital, 'how much coal does the country produce each year?').lead.join(' ')).not.toMatch(/66 percent/);
    expect(answerQuestion(hospital, 'how much of the electricity comes from coal?').lead[0]).toMatch(/66 percent/);
  });
});
