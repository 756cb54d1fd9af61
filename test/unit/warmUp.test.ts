import { describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answer.js';
import { warmFigureTerms } from '../../src/answer/figures.js';
import { indexCorpus } from '../../src/corpus/load.js';
import { createEngineFromCorpus } from '../../src/engine.js';
import { warmUpEngine } from '../../src/warmUp.js';
import { testDocument } from '../corpus/testDocument.js';

const paragraphs = [
  'Mongolia exported 1.2 million tonnes of coal to China in 2019, and 0.4 million tonnes to Russia.',
  'About 16,264 Kazakh tourists visited Mongolia in 2019, up from 12,000 in 2018.',
  'The railway to the border is 420 km long.',
];
const engineOf = () => createEngineFromCorpus(indexCorpus([testDocument({ id: 'trade-2020', authors: ['Anna Bold'], title: 'Trade on the steppe', venue: 'Proceedings' }, paragraphs)]));
const questions = ['how many Kazakh tourists visited Mongolia in 2019?', 'how much coal went to Russia?', 'how long is the railway?', 'what about 2018?'];

describe('the warm-up the bot runs after connecting', () => {
  it('analyses every paragraph and every figure record, and answers as a cold engine does', async () => {
    const warm = engineOf();
    const result = await warmUpEngine(warm);
    expect(result.paragraphs).toBe(warm.index.paragraphCount);
    expect(result.figureRecords).toBe(warm.figures.records.length);
    expect(result.figureRecords).toBeGreaterThan(0);
    const cold = engineOf();
    for (const q of questions) expect(answerQuestion(warm, q)).toEqual(answerQuestion(cold, q));
    expect(answerQuestion(warm, questions[0]!).lead.join('\n')).toMatch(/16,264/);
  });

  it('stops when aborted, and the figures analysed so far answer as before', async () => {
    const controller = new AbortController();
    controller.abort();
    expect(await warmUpEngine(engineOf(), { signal: controller.signal })).toMatchObject({ figureRecords: 0 });
    const engine = engineOf();
    expect(await warmFigureTerms(engine.figures, () => false)).toBe(0);
    const partly = engineOf();
    expect(await warmFigureTerms(partly.figures, () => true, 1)).toBe(partly.figures.records.length);
    for (const q of questions) expect(answerQuestion(partly, q)).toEqual(answerQuestion(engine, q));
  });
});
