import { beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answer.js';
import { createEngine, type Engine } from '../../src/engine.js';
import { renderAnswerJson } from '../../src/render/json.js';
import { renderAnswerText } from '../../src/render/text.js';

let engine: Engine;
beforeAll(async () => {
  engine = await createEngine();
});

describe('an answer', () => {
  it('gives the best passages, each with its best sentence and a full citation', () => {
    const answer = answerQuestion(engine, 'How many Mongolians visited China in 2018?');
    expect(answer.status).toBe('answered');
    const [best] = answer.passages;
    expect(best!.text.slice(best!.highlight.start, best!.highlight.end)).toContain('1,494,300');
    expect(best!.citation).toMatchObject({
      documentId: 'irgengioro-2022',
      author: 'Irgengioro',
      year: 2022,
      section: 'The long stagnation: Mongolia–Central Asian relations towards the present',
      url: 'https://doi.org/10.1057/s41311-021-00372-7',
    });
    expect(best!.citation.page).toBeGreaterThan(1);
    expect(best!.paragraphId).toMatch(/^irgengioro-2022\/\d+$/);
    expect(answer.passages.map((p) => p.score)).toEqual([...answer.passages.map((p) => p.score)].sort((a, b) => b - a));
  });

  it('never returns bibliography entries or table rows as passages', () => {
    const answer = answerQuestion(engine, 'Eurasian Geography and Economics Batbayar 2002 Geopolitics Post-Soviet Identity', { limit: 10 });
    for (const p of answer.passages) expect(p.text).not.toMatch(/^Batbayar, Tsendendamba/);
  });

  it('finds answers despite misspellings', () => {
    const answer = answerQuestion(engine, 'Kazakstan repatriaton of ethnic Kazakhs');
    expect(answer.status).toBe('answered');
    expect(answer.passages.some((p) => p.text.includes('Oralmandar'))).toBe(true);
  });

  it('says plainly when nothing matches, with "did you mean" suggestions', () => {
    const answer = answerQuestion(engine, 'Mongolai');
    expect(answer.status === 'answered' || answer.suggestions.length > 0).toBe(true);
    const none = answerQuestion(engine, 'qwxzv plorbnik');
    expect(none.status).toBe('no-match');
    expect(none.message).toMatch(/^Nothing in the corpus matches/);
    expect(none.passages).toEqual([]);
  });

  it('answers bad input with a clear message, not an exception', () => {
    expect(answerQuestion(engine, '').message).toMatch(/Ask a question/);
    expect(answerQuestion(engine, '   \n\t ').status).toBe('invalid');
    expect(answerQuestion(engine, 'the and of what is').message).toMatch(/no words to search for/);
    expect(answerQuestion(engine, 'x'.repeat(1001)).message).toMatch(/too long/);
    expect(answerQuestion(engine, '"(*)" ~ ^ AND OR NOT [] {}').status).not.toBe('answered');
  });

  it('pages through passages with an offset (the More button)', () => {
    const first = answerQuestion(engine, 'Belt and Road Initiative', { limit: 2 });
    const next = answerQuestion(engine, 'Belt and Road Initiative', { limit: 2, offset: 2 });
    expect(next.passages.map((p) => p.paragraphId)).not.toContain(first.passages[0]!.paragraphId);
  });

  it('a page past the last passage says so instead of being empty', () => {
    const all = answerQuestion(engine, 'Oralmandar program', { limit: 50 }).passages.length;
    const past = answerQuestion(engine, 'Oralmandar program', { offset: all, limit: 3 });
    expect(past.status).toBe('no-match');
    expect(past.message).toMatch(/no more passages/);
  });
});

describe('renderings', () => {
  it('the JSON line has exactly the documented fields', () => {
    const json = renderAnswerJson(answerQuestion(engine, 'What is the Belt and Road Initiative?'));
    expect(Object.keys(json)).toEqual(['query', 'answer', 'results']);
    expect(json.results.length).toBeGreaterThan(0);
    expect(json.results.length).toBeLessThanOrEqual(5);
    for (const r of json.results) {
      expect(Object.keys(r)).toEqual(['text', 'document', 'section', 'paragraph', 'page', 'score']);
      expect(typeof r.score).toBe('number');
    }
  });

  it('the plain text quotes the passage and ends with its citation line', () => {
    const text = renderAnswerText(answerQuestion(engine, 'What is the Belt and Road Initiative?', { limit: 1 }));
    expect(text).toMatch(/^\[1\] “/);
    expect(text).toMatch(/— Irgengioro \(2022\), “Mongolia–Central Asia relations.*”, § .*, p\. \d+, ¶ irgengioro-2022\/\d+$/);
  });
});

describe('a "when" question that names an event', () => {
  it('is answered by the year of that event, not of another event the sentence shares words with', () => {
    const independent = answerQuestion(engine, 'when did kazakhstan become independent?');
    expect(independent.lead[0]).toMatch(/^\*\*1991\*\* — independence/);
    const flights = answerQuestion(engine, 'when were direct flights between mongolia and kazakhstan reinstated?');
    expect(flights.lead[0]).toMatch(/^\*\*2019\*\* — resumed/);
    expect(answerQuestion(engine, 'when did mongolia join the OSCE?').lead[0]).toMatch(/^\*\*2012\*\* — joined/);
  });

  it('an announcement is an event: "when was the bri first announced" is 2013, not the year of a visit', () => {
    expect(answerQuestion(engine, 'when and where was the bri first announced').lead[0]).toMatch(/^\*\*2013\*\* — announced: China, Kazakhstan/);
    expect(answerQuestion(engine, 'When and where did Xi first unveil the SREB?').lead.join(' ')).not.toMatch(/1993/);
  });
});

describe('people going from one country to another', () => {
  it('a count of visitors answers the way asked: Mongolians who went to Kazakhstan, not Kazakhs who came to Mongolia', () => {
    expect(answerQuestion(engine, 'how many mongolians visited kazakhstan?').lead[0]).toMatch(/20,700\*\* — visitors from Mongolia to Kazakhstan/);
    expect(answerQuestion(engine, 'how many kazakhs came to mongolia in 2019?').lead[0]).toMatch(/16,264\*\* — visitors from Kazakhstan to Mongolia/);
  });

  it('the other way in a year the text has no figure for: no figure of the wrong way stands in', () => {
    expect(answerQuestion(engine, 'how many mongolian tourists went to kazakhstan in 2019?').lead.join(' ')).not.toContain('16,264');
  });
});

describe('a yes-or-no question about trade', () => {
  it('is not led by a sum it did not ask for: "is mongolia\'s trade with central asia balanced?"', () => {
    expect(answerQuestion(engine, "is mongolia's trade with central asia balanced?").lead).toEqual([]);
    // (A question of the sum still is: "how big is mongolia-kazakhstan trade?")
    expect(answerQuestion(engine, 'How big is Mongolia–Kazakhstan trade per the East Asia Forum piece, and how does it split into exports and imports?').lead[0]).toMatch(/US\$43 million/);
  });
});

describe('visits one way', () => {
  it('are counted the way asked: the Kyrgyz speakers who came to Mongolia, not the Mongolian chairman who went to Kyrgyzstan', () => {
    expect(answerQuestion(engine, 'how many times did kyrgyz speakers visit mongolia?').lead[0]).toMatch(/^\*\*just three\*\* — visits from Kyrgyzstan to Mongolia/);
    expect(answerQuestion(engine, 'how many times did the mongolian chairman visit kyrgyzstan?').lead[0]).toMatch(/^\*\*just one\*\* — visits from Mongolia to Kyrgyzstan/);
  });
});

describe('"what is the population of X?"', () => {
  it('is a numeric question answered by X’s population, not by a figure of another measure of the same year', () => {
    expect(answerQuestion(engine, 'what is the population of mongolia?').lead[0]).toMatch(/^\*\*just over three million\*\* — population: Mongolia/);
    expect(answerQuestion(engine, 'what was the population of mongolia in 2019?').lead[0]).toMatch(/population: Mongolia/);
  });

  it('is not answered by the Kazakhs living in Mongolia when it asks for Kazakhstan’s own', () => {
    expect(answerQuestion(engine, "what's kazakhstan's population?").lead.join(' ')).not.toContain('160,000');
    expect(answerQuestion(engine, 'how many kazakhs live in mongolia?').lead[0]).toContain('160,000');
  });
});

describe('"how far", "how close", "the distance"', () => {
  it('are answered by a length the text gives, not by another number of the same sentence', () => {
    for (const q of ['how far is mongolia from kazakhstan?', 'how close does mongolia come to kazakhstan?', "what's the distance between mongolia and kazakhstan"]) {
      expect(answerQuestion(engine, q).lead[0], q).toMatch(/kilomet|km/);
    }
  });

  it('give the distance each source states between the same places ("around 37 km" and "less than 40 kilometers")', () => {
    const lead = answerQuestion(engine, 'how far is mongolia from kazakhstan?').lead.join('\n');
    expect(lead).toMatch(/37 km[^\n]*Irgengioro/);
    expect(lead).toMatch(/40 kilometers[^\n]*Miliate/);
  });

  it('quote first the passage the distance led with ("how close": of places, not the passage on how "closely aligned" they were)', () => {
    for (const q of ['how close does mongolia get to kazakhstan?', 'what is the distance between mongolia and kazakhstan?']) {
      const a = answerQuestion(engine, q, { limit: 5 });
      const from = /¶ (\S+)\.$/.exec(a.lead[0] ?? '')?.[1];
      expect(from, q).toBeDefined();
      expect(a.passages[0]?.paragraphId, q).toBe(from);
    }
  });
});

describe('words of stopping', () => {
  it('find what the text says was cancelled or suspended: "why did flights stop?"', () => {
    expect(answerQuestion(engine, 'why did flights stop?').passages[0]?.text).toContain('direct flights between Almaty and Ulaanbaatar were cancelled');
  });
});

describe('"sell X" without "to"', () => {
  it('names the receiver: "what did kazakhstan sell mongolia in 2018?" is Kazakhstan’s exports to Mongolia', async () => {
    const { readFigureQuestion } = await import('../../src/answer/figureQuestion.js');
    expect(readFigureQuestion('what did kazakhstan sell mongolia in 2018?').flow).toEqual({ from: 'Kazakhstan', to: 'Mongolia' });
    expect(readFigureQuestion('what did mongolia send kyrgyzstan in 2019?').flow).toEqual({ from: 'Mongolia', to: 'Kyrgyzstan' });
    expect(answerQuestion(engine, 'what did kazakhstan sell mongolia in 2018?').lead[0]).toMatch(/^Kazakhstan's exports to Mongolia .* in 2018/);
  });
});

describe('the passage a money figure comes from', () => {
  it('is shown first under the figure (“what’s mongolia’s biggest export to china?”: $6.59 billion, from its passage, not one on “the biggest concern”)', () => {
    const a = answerQuestion(engine, 'what’s mongolia’s biggest export to china?');
    expect(a.lead[0]).toMatch(/6\.59 Billion/);
    expect(a.passages[0]!.text).toContain('Mongolia exported a whopping $6.59 Billion');
  });
});

describe('an acronym asked about', () => {
  it('is answered by its long form where the corpus spells it out, that passage first', () => {
    const a = answerQuestion(engine, 'what is the CSTO?');
    expect(a.lead[0]).toMatch(/^\*\*CSTO\*\*: Collective Security Treaty Organization — Irgengioro \(2022\), p\. \d+, ¶ irgengioro-2022\/33\.$/);
    expect(a.passages[0]!.paragraphId).toBe('irgengioro-2022/33');
    expect(answerQuestion(engine, 'what does SREB stand for?').lead[0]).toMatch(/^\*\*SREB\*\*: Silk Road Economic Belt — /);
    // Typed in lower case, one the corpus spells out is still an acronym; a word is not.
    expect(answerQuestion(engine, 'whats the sco').lead[0]).toMatch(/^\*\*SCO\*\*: Shanghai Cooperation Organization — /);
    expect(answerQuestion(engine, 'what is china?').lead).toEqual([]);
  });

  it('is not guessed where the words before a bracket do not spell it, nor for a capitalised word', async () => {
    const { spelledOut, definedAcronym } = await import('../../src/answer/acronym.js');
    expect(spelledOut('the rise of China (BRI) is', 'BRI')).toBeNull();
    expect(spelledOut('the Eurasian Economic Union (EaEU), and', 'EaEU')).toBe('Eurasian Economic Union');
    expect(definedAcronym('what is Mongolia?')).toBeNull();
  });
});

describe('a range of years left open', () => {
  it('“since 2015” is every year from 2015 the tables hold, “after 2016” those after it, “before 2012” those before it', () => {
    const years = (q: string) => [...answerQuestion(engine, q).lead.join('\n').matchAll(/ in (\d{4}):/g)].map((m) => Number(m[1]));
    expect(years('how have mongolia’s exports to kazakhstan changed since 2015?')).toEqual([2015, 2016, 2017, 2018, 2019]);
    expect(years('what did mongolia export to kyrgyzstan after 2016?')).toEqual([2017, 2018, 2019]);
    const before = years('how much did kazakhstan export to mongolia before 2012?');
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((y) => y < 2012)).toBe(true);
  });
});

describe('a figure the corpus gives only for another year than asked', () => {
  it('is the nearest year’s, said to be so', () => {
    const answer = answerQuestion(engine, 'how many mongolians visited kazakhstan in 2019?');
    expect(answer.lead[0]).toMatch(/^No figure for 2019 in the corpus; the nearest year's: \*\*only 20,700\*\* — .*, 2018 — /);
    expect(answer.figures[0]).toMatchObject({ year: 2018, yearAsked: 2019 });
  });

  it('the year asked, when the corpus has it, is given without a note', () => {
    const answer = answerQuestion(engine, 'how many mongolians visited kazakhstan in 2018?');
    expect(answer.lead[0]).toMatch(/^\*\*only 20,700\*\*/);
    expect(answer.figures[0]!.yearAsked).toBeUndefined();
  });

  it('a year far from any the corpus states gives nothing rather than a figure of another era', () => {
    const answer = answerQuestion(engine, 'how many mongolians visited kazakhstan in 1995?');
    expect(answer.lead.join('\n')).not.toMatch(/20,700/);
  });
});

describe('a figure asked of one document', () => {
  it('is that document’s: the op-ed’s distance from the op-ed, a trade figure of the tables only when the article that has them is asked', () => {
    expect(answerQuestion(engine, 'how far is mongolia from kazakhstan according to the op-ed?').lead[0]).toMatch(/Miliate \(2013\)/);
    expect(answerQuestion(engine, 'how much did kyrgyzstan export to mongolia in 2019 according to the op-ed?').lead.join('\n')).not.toMatch(/Irgengioro/);
    expect(answerQuestion(engine, 'how much did kyrgyzstan export to mongolia in 2019 according to the journal article?').lead.join('\n')).toMatch(/Irgengioro/);
  });
});
