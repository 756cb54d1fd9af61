import { beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answer.js';
import { paragraphById } from '../../src/corpus/tableRows.js';
import { createEngine, type Engine } from '../../src/engine.js';
import { converse } from '../conversation/conversing.js';

/**
 * A figure of a year read from an Appendix table is quoted from its row, as a figure read
 * from the text is quoted with its paragraph: the reader sees the line of the table the
 * lead's value and goods come from, with its page, not a paragraph about another year.
 */

let engine: Engine;
beforeAll(async () => {
  engine = await createEngine();
});

const first = (q: string) => answerQuestion(engine, q, { limit: 5 }).passages[0]!;

describe('the row of a table figure as its passage', () => {
  it('comes first when the text states no amount of that year, printed as the table prints it, cited to the table and its page', () => {
    const row = first('what goods did mongolia sell to kazakhstan in 2013?');
    expect(row.paragraphId).toBe('irgengioro-2022/table/kazakhstan-2013');
    expect(row.text).toContain('2013\t$1.02 M\tPaper goods, textiles, animal products, machines\t$63.2 M\tFoodstuffs');
    // Which value is which: the columns, in the order printed.
    expect(row.text.startsWith('Year · Mongolia exports to Kazakhstan (value, main goods) · Kazakhstan exports to Mongolia (value, main goods): ')).toBe(true);
    expect(row.text.slice(row.highlight.start, row.highlight.end)).toMatch(/^2013\t/);
    expect([row.citation.section, row.citation.page]).toEqual(['Appendix: Mongolia–Kazakhstan trade by year', 25]);
  });

  it('follows the text’s own sentence on that year’s trade when the best passage has one (the sources may disagree: both are shown)', () => {
    const answer = answerQuestion(engine, 'how much did kyrgyzstan sell to mongolia in 2019', { limit: 5 });
    expect(answer.passages[0]!.text).toContain('Kyrgyzstan exported goods to Mongolia to the value of $2.32 million');
    expect(answer.passages[1]!.paragraphId).toBe('irgengioro-2022/table/kyrgyzstan-2019');
    expect(answer.passages[1]!.text).toContain('2019\t$413 K\tTransportation (cars)\t$2.39 M');
  });

  it('is no passage for a series of years, nor for questions that are no table figure', () => {
    expect(answerQuestion(engine, 'how much did kazakhstan export to mongolia?').passages.map((p) => p.paragraphId).filter((id) => id.includes('/table/'))).toEqual([]);
    expect(first('why are mongolia and kazakhstan so distant?').paragraphId).not.toContain('/table/');
  });

  it('pushes no passage off the pages: “More” goes on where the first page stopped, each passage shown once', () => {
    for (const q of ['what goods did mongolia sell to kazakhstan in 2013?', 'how much did kyrgyzstan sell to mongolia in 2019']) {
      const pages = [0, 3, 6].map((offset) => answerQuestion(engine, q, { limit: 3, offset }).passages.map((p) => p.paragraphId));
      const all = answerQuestion(engine, q, { limit: 9 }).passages.map((p) => p.paragraphId);
      expect(pages.flat()).toEqual(all);
      expect(new Set(all).size).toBe(all.length);
      expect(pages[1]!.concat(pages[2]!).some((id) => id.includes('/table/'))).toBe(false);
    }
  });

  it('is found again by its id, as the passage menu and the follow-ups look passages up', () => {
    expect(paragraphById(engine.corpus, 'irgengioro-2022/table/kyrgyzstan-2015')?.text).toMatch(/: 2015\t/);
    expect(paragraphById(engine.corpus, 'irgengioro-2022/table/kyrgyzstan-1850')).toBeUndefined();
    expect(paragraphById(engine.corpus, 'irgengioro-2022/3')?.role).toBe('body');
  });
});

describe('talking about a table row', () => {
  it('“what goods?” after a year’s figure quotes that year’s row', () => {
    const [, goods] = converse(engine, 'how much did mongolia export to kazakhstan in 2013?', 'what goods?');
    expect(goods!.answer.passages[0]!.text).toContain('2013\t$1.02 M\tPaper goods, textiles, animal products, machines');
  });

  it('“go on” after a row reads the row printed next, as a reader goes down the table', () => {
    const [, on, again] = converse(engine, 'what goods did mongolia sell to kazakhstan in 2014?', 'go on', 'go on');
    expect(on!.resolution.kind).toBe('readOn');
    expect([on!.answer.passages[0]!.paragraphId, again!.answer.passages[0]!.paragraphId]).toEqual(['irgengioro-2022/table/kazakhstan-2013', 'irgengioro-2022/table/kazakhstan-2012']);
  });

  it('“where is that from?” names the source the table’s caption gives, not the row as if it were the author’s sentence', () => {
    const [, source] = converse(engine, 'how much did kazakhstan export to mongolia in 2013?', 'where is that from?');
    expect(source!.answer.lead.join('\n')).toContain('Table obtained from Tradingeconomics.com, source data from UN Comtrade');
  });
});
