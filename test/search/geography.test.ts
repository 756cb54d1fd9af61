import { beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answer.js';
import { createEngine, type Engine } from '../../src/engine.js';
import { describedPlaceReadings, describedPlaces, withDescribedPlaces } from '../../src/search/geography.js';

describe('a country described by where it lies', () => {
  it('is named: a neighbour on one side of a country', () => {
    expect(describedPlaces("how much does mongolia buy from its southern neighbour?")).toEqual(['china']);
    expect(describedPlaces("what does UB think of its northern neighbour")).toEqual(['russia']);
    expect(describedPlaces("does mongolia get cozy with the superpower to its south?")).toEqual(['china']);
    expect(describedPlaces('the giant to the north of Mongolia')).toEqual(['russia']);
    expect(describedPlaces("Kazakhstan's eastern neighbour")).toEqual(['china', 'mongolia']);
    expect(describedPlaces('the southern neighbours of Kazakhstan')).toEqual(['kyrgyzstan', 'uzbekistan']);
  });

  it('is named: the nearest country of a region', () => {
    expect(describedPlaces("the diaspora from mongolia's closest central asian neighbour")).toEqual(['kazakhstan']);
    expect(describedPlaces('how far is Mongolia from its nearest neighbour in Central Asia?')).toEqual(['kazakhstan']);
  });

  it('reads "its" as the first country the question names', () => {
    expect(describedPlaces('does Kyrgyzstan trade much with the giant to its east?')).toEqual(['china']);
    // No country named: no guess.
    expect(describedPlaces('what does the country think of its southern neighbour?')).toEqual([]);
  });

  it('leaves a question it cannot read safely as typed (a letter whose lower case is longer)', () => {
    expect(withDescribedPlaces('İstanbul: does mongolia trade with its southern neighbour?')).toBe('İstanbul: does mongolia trade with its southern neighbour?');
  });

  it('leaves a question that only mentions a direction as it is', () => {
    for (const q of ['which states lie to the south?', 'where is the south of mongolia?', 'What is the Northern Eurasian corridor?', 'Is Mongolia a neighbour of Kazakhstan?']) {
      expect(describedPlaces(q)).toEqual([]);
      expect(withDescribedPlaces(q)).toBe(q);
    }
  });

  it('is searched by its name in place of the description, the rest of the question as typed', () => {
    expect(withDescribedPlaces('does mongolia get cozy with the superpower to its south, or push back?')).toBe('does mongolia get cozy with the china, or push back?');
    expect(withDescribedPlaces("how big is the diaspora from mongolia's closest central asian neighbour in mongolia?")).toBe('how big is the diaspora from kazakhstan in mongolia?');
  });
});

describe('answers to a question that describes a country', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createEngine();
  });

  it('lead with the figure for the country meant', () => {
    const answer = answerQuestion(engine, 'how much did mongolia export to its southern neighbour in 2019?');
    expect(answer.lead[0]).toContain('exports from Mongolia to China');
    expect(answer.query).toBe('how much did mongolia export to its southern neighbour in 2019?');
  });

  it('read a description that may mean two countries as each in turn, nearest first, until one has the figure', () => {
    // East of Kazakhstan lies China, then Mongolia: the corpus has the trade table for Mongolia.
    expect(describedPlaceReadings("how much did Kazakhstan sell to its eastern neighbour in 2015?")).toEqual([
      'how much did Kazakhstan sell to china in 2015?',
      'how much did Kazakhstan sell to mongolia in 2015?',
    ]);
    const answer = answerQuestion(engine, 'how much did Kazakhstan sell to its eastern neighbour in 2015?');
    expect(answer.lead[0]).toMatch(/^Kazakhstan's exports to Mongolia .* in 2015/);
  });

  it('quote the passage about the country meant', () => {
    const answer = answerQuestion(engine, "roughly how many people from mongolia's closest central asian neighbour live in mongolia?");
    expect(answer.passages[0]?.text).toContain('approximately 160,000 Kazakhs living in Mongolia');
  });
});
