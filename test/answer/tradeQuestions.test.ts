import { beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answer.js';
import type { TradeRow } from '../../src/corpus/types.js';
import { createEngine, type Engine } from '../../src/engine.js';
import { formatUsd } from '../../src/figures/money.js';

/** Trade questions as people type them, answered from the Appendix tables. */

let engine: Engine;
beforeAll(async () => {
  engine = await createEngine();
});

const lead = (q: string) => answerQuestion(engine, q).lead.join('\n');
const row = (partner: string, direction: TradeRow['direction'], year: number) =>
  engine.corpus.documents.flatMap((d) => d.tables).find((r) => r.partner === partner && r.direction === direction && r.year === year)!;

describe('an arrow between two places', () => {
  it('is the flow from the first to the second: “kaz->mongolia exports 2016?”, “Mongolia → Kyrgyzstan 2016”', () => {
    expect(lead('kaz->mongolia exports 2016?')).toContain(`Kazakhstan's exports to Mongolia (Mongolia's imports) in 2016: **${row('Kazakhstan', 'imports', 2016).valueText}**`);
    expect(lead('Mongolia → Kyrgyzstan 2016')).toContain(`Mongolia's exports to Kyrgyzstan in 2016: **${row('Kyrgyzstan', 'exports', 2016).valueText}**`);
  });
});

describe('the balance of trade', () => {
  it('is exports less imports of the year asked, a deficit or a surplus, computed from the two columns', () => {
    const ex = row('Kazakhstan', 'exports', 2019);
    const im = row('Kazakhstan', 'imports', 2019);
    const balance = ex.valueUsd - im.valueUsd;
    expect(lead('what’s the trade balance with kazakhstan in 2019')).toBe(
      `Mongolia's trade balance with Kazakhstan in 2019: **${formatUsd(balance)}** (${balance < 0 ? 'a deficit' : 'a surplus'}; computed: exports ${ex.valueText} − imports ${im.valueText}) — Irgengioro (2022), Appendix: Mongolia–Kazakhstan trade by year, p. 25.`,
    );
  });

  it('over every year when none is asked, with its lowest and highest', () => {
    expect(lead('mongolia’s trade deficit with kyrgyzstan')).toMatch(/^Mongolia's trade balance with Kyrgyzstan \(exports − imports, computed from the Appendix tables\): \*\*-\$[\d.]+ [MK]\*\* \(a deficit; .*\) in 2019; between -\$/);
  });

  it('is not “balance” as the theory says it, nor the text’s “deficit of relations”, nor trade itself', () => {
    expect(lead('does mongolia balance china?')).toBe('');
    expect(lead('why the deficit of relations?')).toBe('');
    expect(lead('trade between mongolia and kazakhstan in 2019')).toMatch(/^Mongolia–Kazakhstan trade in 2019: .*\(computed: exports .* \+ imports/);
  });
});

describe('a trade question naming no partner the tables cover', () => {
  const partners = () => [...new Set(engine.corpus.documents.flatMap((d) => d.tables).map((r) => r.partner))].sort();

  it('gets each partner’s trade, by name: “show me the trade numbers”, “trade stats pls”, “how much does mongolia trade with central asia?”', () => {
    expect(partners().length).toBeGreaterThan(1);
    for (const q of ['show me the trade numbers', 'trade stats pls', 'how much does mongolia trade with central asia?']) {
      const lines = answerQuestion(engine, q).lead.filter((l) => /^Mongolia–\w+ trade \(exports \+ imports/.test(l));
      expect(lines.map((l) => /^Mongolia–(\w+)/.exec(l)![1]), q).toEqual(partners());
    }
  });

  it('even asked as a yes or no: “is there any data on trade?”', () => {
    expect(lead('is there any data on trade?')).toMatch(/^Mongolia–Kazakhstan trade \(exports \+ imports/);
  });

  it('of the year asked, each partner’s from its row', () => {
    const total = (p: string) => formatUsd(row(p, 'exports', 2016).valueUsd + row(p, 'imports', 2016).valueUsd);
    const text = lead('trade figures for 2016');
    for (const p of partners()) expect(text).toContain(`Mongolia–${p} trade in 2016: **${total(p)}**`);
  });

  it('but not a question why, nor one naming its partner', () => {
    expect(lead('why is the trade data so lopsided?')).toBe('');
    expect(lead('trade figures for kyrgyzstan')).not.toContain('Kazakhstan trade');
  });
});
