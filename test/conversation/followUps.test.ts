import { beforeAll, describe, expect, it } from 'vitest';
import { findEnumerations } from '../../src/conversation/lists.js';
import { createEngine, type Engine } from '../../src/engine.js';
import { analyze } from '../../src/search/analyzer.js';
import { renderAnswerText } from '../../src/render/text.js';
import { converse } from './conversing.js';
import type { Answer, AnswerPassage } from '../../src/answer/answer.js';
import { keptInNearTie, NEAR_TIE } from '../../src/conversation/converse.js';
import type { Resolution } from '../../src/conversation/resolve.js';
import { emptyConversation, withTurn } from '../../src/conversation/state.js';

/**
 * Follow-ups the first rules read wrong, one spec per general rule. As in resolve.test.ts,
 * each spec asks questions of its own, not the evaluation sets'.
 */

let engine: Engine;
beforeAll(async () => {
  engine = await createEngine();
});


describe('lists as they are written', () => {
  it('a citation in brackets ends no item, an unspaced em dash ends the list, “either … or …” is one item, “such as …” belongs to the item before', () => {
    const [a] = findEnumerations('It courted three neighbours: Laos, Vietnam, and Cambodia—for reasons of history (Doe 1999, p. 17).');
    expect(a!.items).toEqual(['Laos', 'Vietnam', 'Cambodia']);
    const [b] = findEnumerations('Small states have three options: siding with either Moscow or Beijing, neutrality, such as Switzerland’s, or reaching out to “distant partners,” (Smith 2002, p. 3).');
    expect(b!.items).toEqual(['siding with either Moscow or Beijing', 'neutrality, such as Switzerland’s', 'reaching out to “distant partners”']);
    const [c] = findEnumerations('Ties grew in two fields: trade (Doe 2001, p. 4) and culture.');
    expect(c!.items).toEqual(['trade', 'culture']);
    // Items the text numbers are split at their numbers, whatever commas they hold.
    const [d] = findEnumerations('The plan names three routes: (1) the northern road, or steppe route, of Siberia, (2) the rail line (Roe 2010), and (3) the southern road via Tashkent (Roe et al. 2011).');
    expect(d!.items).toEqual(['the northern road, or steppe route, of Siberia', 'the rail line', 'the southern road via Tashkent']);
  });

  it('“the last one” after a list is its last item; a passage that goes on about the item is kept', () => {
    const [, last] = converse(engine, 'which three central asian states did mongolia court after independence?', 'and the last one?');
    expect(last!.resolution.kind).toBe('ordinal');
    expect(last!.resolution.resolved).toMatch(/^Uzbekistan\?/);
    // The passage the list came from says more of Uzbekistan than the list does.
    expect(last!.answer.passages[0]!.text).toMatch(/commenced trade relations with Uzbekistan/);
  });

  it('an ordinal after an ordinal picks from the same list, not from the passages shown about the item', () => {
    const [, third, first] = converse(engine, 'what keeps Mongolia and Kazakhstan apart, according to the East Asia Forum piece?', 'and the third barrier?', 'explain the first one');
    expect(third!.resolution.kind).toBe('ordinal');
    expect(first!.resolution.kind).toBe('ordinal');
    expect(first!.resolution.resolved).toMatch(/^explain historical political boundaries/);
  });

  it('“the second point”, “the last item”: a noun for any item picks from the list shown, whatever the list calls them', () => {
    const [, second, last] = converse(engine, 'what are miliate’s three barriers?', 'tell me more about the second point', 'and the last item?');
    expect([second!.resolution.kind, last!.resolution.kind]).toEqual(['ordinal', 'ordinal']);
    expect(second!.resolution.resolved).toMatch(/^tell me more about Kazakhstani–Russian relations/);
    expect(last!.resolution.resolved).toMatch(/authoritarian-democratic interaction/);
  });
});

describe('years counted from the turn before', () => {
  it('“the following year”, “three years earlier” are years counted from the previous question’s', () => {
    const [, next, back] = converse(engine, 'how much did mongolia export to kazakhstan in 2014?', 'the following year?', 'and three years earlier?');
    expect(next!.resolution.kind).toBe('ellipsis');
    expect(next!.resolution.resolved).toBe('how much did mongolia export to kazakhstan in 2015?');
    expect(back!.resolution.resolved).toBe('how much did mongolia export to kazakhstan in 2012?');
    const row = engine.corpus.documents.flatMap((d) => d.tables).find((t) => t.partner === 'Kazakhstan' && t.year === 2012 && t.direction === 'exports')!;
    expect(renderAnswerText(back!.answer)).toContain(row.valueText);
  });
});

describe('people pointed back at', () => {
  it('“did a lot of them move to kazakhstan?” after a question on ethnic Kazakhs: “them” are those people', () => {
    const [, moved, off] = converse(engine, 'how many ethnic kazakhs live in mongolia?', 'did a lot of them move to kazakhstan after 1991?', 'what put them off?');
    expect(moved!.resolution.resolved).toMatch(/^did a lot of the ethnic kazakhs move to kazakhstan after 1991\?/);
    expect(moved!.answer.passages[0]!.text).toContain('returned to Kazakhstan');
    expect(off!.resolution.resolved).toMatch(/^what put the ethnic kazakhs off\?/);
    expect(off!.answer.passages[0]!.text).toMatch(/returned to Mongolia, finding Kazakhstan too difficult/);
  });

  it('a turn naming people of its own, or a question before naming none, keeps its “them”', () => {
    const [, own] = converse(engine, 'how many ethnic kazakhs live in mongolia?', 'do mongolian students study with them?');
    expect(own!.resolution.resolved).toContain('with them');
    const [, none] = converse(engine, 'what is the third neighbor policy?', 'who are they?');
    expect(none!.resolution.resolved).not.toMatch(/kazakhs|students/i);
  });

  it('“does the academic paper say anything about that resettlement?”: the question before, in that document, with the word pointed back with', () => {
    const [, , other] = converse(engine, 'how many ethnic kazakhs live in mongolia?', 'did a lot of them move to kazakhstan after 1991?', 'does the academic paper say anything about that resettlement?');
    expect(other!.resolution.documentId).toBe('irgengioro-2022');
    expect(other!.resolution.resolved).toMatch(/^did a lot of the ethnic kazakhs move to kazakhstan after 1991 resettlement\?$/);
  });
});

describe('the table asked for a year', () => {
  it('“what’s the appendix table show for 2012?” after a trade question put to the op-ed: that trade in 2012, from the document with the table', () => {
    const [, table] = converse(engine, 'what total did the east asia forum article give for mongolia-kazakhstan trade?', 'what’s the appendix table show for 2012?');
    expect(table!.resolution.resolved).toBe('trade between Mongolia and Kazakhstan in 2012?');
    expect(table!.resolution.documentId).toBe('irgengioro-2022');
    const rows = engine.corpus.documents.flatMap((d) => d.tables).filter((r) => r.partner === 'Kazakhstan' && r.year === 2012);
    for (const r of rows) expect(renderAnswerText(table!.answer)).toContain(r.valueText);
  });
});

describe('“the author” in a conversation', () => {
  it('is the author of the document the answer before came from: “what’s the author’s bottom line on …?” asks that document', () => {
    const [, bottom] = converse(engine, 'who counts as mongolia’s third neighbours in the east asia forum piece?', 'what’s the author’s bottom line on the rest of central asia?');
    expect(bottom!.resolution.documentId).toBe('miliate-2013');
    expect(bottom!.answer.passages[0]!.text).toContain('The failure of regionalization in Central Asian states means Mongolia has no incentive');
  });
});

describe('a new place in the role of one before', () => {
  it('“did they sign anything with kyrgyzstan too?” after Mongolia’s agreements with Kazakhstan: Kyrgyzstan takes Kazakhstan’s place, “they” is Mongolia', () => {
    const [, too] = converse(engine, 'did mongolia sign any agreements with kazakhstan in the 90s?', 'did they sign anything with kyrgyzstan too?');
    expect(too!.resolution.resolved).toBe('did mongolia sign anything with kyrgyzstan too?');
  });

  it('“and kyrgyzstan?” after “when did the kazakh president first visit mongolia?” changes the president’s country, not Mongolia, whatever the words’ kinds', () => {
    const [, kyrgyz] = converse(engine, 'when did the kazakh president first visit mongolia?', 'and kyrgyzstan?');
    expect(kyrgyz!.resolution.resolved).toBe('when did the Kyrgyzstan president first visit mongolia?');
    expect(kyrgyz!.answer.passages[0]!.text).toMatch(/Askar Akayev to Mongolia in 1993/);
    // (A place after the same preposition still changes that place: "… in Kazakhstan" + "and in kyrgyzstan?".)
    const [, students] = converse(engine, 'how many mongolian students are in kazakhstan?', 'and in kyrgyzstan?');
    expect(students!.resolution.resolved).toMatch(/mongolian students are in Kyrgyzstan/i);
  });
});

describe('the year an answer named as its highest or lowest', () => {
  it('“what goods made up that peak year?” after a series asks that flow in the year the answer gave as its highest', () => {
    const [series, goods] = converse(engine, 'which year did kazakhstan’s exports to mongolia top out?', 'what goods made up that peak year');
    const row = engine.corpus.documents.flatMap((d) => d.tables).filter((t) => t.partner === 'Kazakhstan' && t.direction === 'imports').reduce((a, b) => (b.valueUsd > a.valueUsd ? b : a));
    expect(renderAnswerText(series!.answer)).toContain(`highest ${row.valueText} (${row.year})`);
    expect(goods!.resolution.resolved).toBe(`how much did Kazakhstan export to Mongolia in ${row.year} — what goods made up in ${row.year}`);
    expect(goods!.answer.passages[0]!.text).toContain(`${row.year}\t`);
    expect(goods!.answer.passages[0]!.text).toContain(row.goods[0]!);
  });

  it('“what were they mostly sending?” after “…, peak year?” asks what the flow was made of in the year the answer gave as the peak', () => {
    const [, goods, back] = converse(engine, 'kaz exports to mongolia, peak year in the appendix table?', 'what were they mostly sending', 'and mongolia’s sales to them that year');
    const peak = engine.corpus.documents.flatMap((d) => d.tables).filter((t) => t.partner === 'Kazakhstan' && t.direction === 'imports').reduce((a, b) => (b.valueUsd > a.valueUsd ? b : a));
    expect(goods!.resolution.resolved).toBe(`how much did Kazakhstan export to Mongolia in ${peak.year} — what were they mostly sending`);
    expect(goods!.answer.lead.join(' ')).toContain(peak.goods[0]!);
    expect(back!.resolution.resolved).toContain(`in ${peak.year}`);
  });

  it('“which year was highest?” after the trade both ways asks that trade’s series, and “that year” is then the year it gave', () => {
    const [, highest, sold] = converse(engine, 'how much trade is there between mongolia and kyrgyzstan?', 'which year was highest?', 'what did they sell that year');
    const rows = engine.corpus.documents.flatMap((d) => d.tables).filter((t) => t.partner === 'Kyrgyzstan');
    const totals = new Map<number, number>();
    for (const r of rows) totals.set(r.year, (totals.get(r.year) ?? 0) + r.valueUsd);
    const peak = [...totals].reduce((a, b) => (b[1] > a[1] ? b : a))[0];
    expect(highest!.resolution.resolved).toBe('how much trade is there between mongolia and kyrgyzstan — which year was highest?');
    expect(renderAnswerText(highest!.answer)).toMatch(new RegExp(`highest \\S+ M \\(${peak}\\)`));
    expect(sold!.resolution.resolved).toContain(`in ${peak}`);
    expect(sold!.answer.passages[0]!.text).toContain(`${peak}\t`);
  });

  it('“the lowest year” is the lowest; with no series before, no year is made up', () => {
    const [, lowest] = converse(engine, 'how much did mongolia export to kyrgyzstan over the years?', 'what did it sell in the lowest year?');
    const low = engine.corpus.documents.flatMap((d) => d.tables).filter((t) => t.partner === 'Kyrgyzstan' && t.direction === 'exports').reduce((a, b) => (b.valueUsd < a.valueUsd ? b : a));
    expect(lowest!.resolution.resolved).toContain(`in ${low.year}`);
    const [, none] = converse(engine, 'what is the third neighbor policy?', 'what happened in that peak year?');
    expect(none!.resolution.resolved).not.toMatch(/\b(?:19|20)\d\d\b/);
  });
});

describe('a group counted by the turns before', () => {
  it('“the three of them” are the three places the last turns asked about (not one the turn names itself), and the question is then whole', () => {
    const turns = converse(engine, 'how has china’s growing clout changed kazakhstan’s politics', 'how about kyrgyzstan', 'has beijing actually punished mongolia for anything', 'could the three of them team up to push back on china');
    const team = turns[3]!;
    expect(team.resolution.resolved).toBe('could Mongolia, Kyrgyzstan and Kazakhstan team up to push back on china');
    expect(team.answer.passages.slice(0, 3).map((p) => p.text).join(' ')).toContain('much greater bargaining power vis-à-vis China as a regional bloc');
  });

  it('“both of them” names the two; a group of another size than the places talked about is left as typed', () => {
    const [, both] = converse(engine, 'how do kazakhstan and kyrgyzstan see the BRI?', 'do both of them owe china a lot?');
    expect(both!.resolution.resolved).toMatch(/^do Kazakhstan and Kyrgyzstan owe china a lot/);
    const [, three] = converse(engine, 'how do kazakhstan and kyrgyzstan see the BRI?', 'do all three of them owe china a lot?');
    expect(three!.resolution.resolved).toContain('all three of them');
  });
});

describe('questions about the document keep the question before them', () => {
  it('after “when was it published?”, “and what does the other article say?” asks the question about students again', () => {
    const [, when, other] = converse(engine, 'how many mongolian students study in kazakhstan, according to the journal article?', 'when was it published?', 'and what does the other article say?');
    expect(when!.resolution.resolved).toMatch(/^when was “Mongolia–Central Asia relations/);
    expect(other!.resolution.documentId).toBe('miliate-2013');
    expect(other!.resolution.resolved).toBe('how many mongolian students study in kazakhstan?');
    expect(other!.answer.passages[0]!.text).toMatch(/Only five Mongolian students/);
  });
});

describe('support questions as people ask them', () => {
  it('“why so little?”, “how come such a gap?” ask for support of the previous answer', () => {
    const [, little, gap] = converse(engine, 'how much did kazakhstan export to mongolia in 2019?', 'why so little?', 'how come such a gap?');
    expect(little!.resolution.kind).toBe('support');
    expect(gap!.resolution.kind).toBe('support');
    expect(little!.resolution.resolved).toMatch(/^why so little: how much did kazakhstan export/);
  });
});

describe('a follow-up about a trade figure asks it of the same flow', () => {
  it('“which products were those?” after a trade value is that flow and year again; a later “and in 2011?” changes the year', () => {
    const [, products, year] = converse(engine, 'how much did kazakhstan sell to mongolia in 2013?', 'which products were those?', 'and in 2011?');
    expect(products!.resolution.resolved).toBe('how much did kazakhstan sell to mongolia in 2013 — which products were those?');
    const row = (y: number) => engine.corpus.documents.flatMap((d) => d.tables).find((t) => t.partner === 'Kazakhstan' && t.year === y && t.direction === 'imports')!;
    expect(renderAnswerText(products!.answer)).toContain(row(2013).goods[0]!);
    expect(year!.resolution.resolved).toMatch(/^how much did kazakhstan sell to mongolia in 2011 — /);
    expect(renderAnswerText(year!.answer)).toContain(row(2011).valueText);
  });

  it('a turn without a year of its own carries the year of the turn before in its context', () => {
    const [, r] = converse(engine, 'how many mongolian students were in south korea in 2018?', 'where else did they go?');
    expect(r!.resolution.kind).toBe('contextual');
    expect(r!.resolution.resolved).toMatch(/\b2018\b/);
  });
});

describe('the many ways of asking for the source', () => {
  it('“where does that number come from?”, “whose figure is that?”, “what’s that based on?” … are source questions, answered from the passage shown', () => {
    const asks = ['where does that number come from?', 'where did you get that?', 'what’s your source for that figure?', 'which study is that from?', 'whose figure is that?', 'what’s that based on?', 'is there a citation?', 'who are they citing?', 'how do you know?'];
    for (const q of asks) {
      const [first, r] = converse(engine, 'how many mongolian students were in china in 2018?', q);
      expect(r!.resolution.kind, q).toBe('source');
      expect(r!.answer.passages[0]!.paragraphId, q).toBe(first!.answer.passages[0]!.paragraphId);
    }
  });

  it('“more” after “source?” pages the answer the source was of, from where its page ended', () => {
    const [first, , more] = converse(engine, 'why is trade between mongolia and kazakhstan so small?', 'source?', 'more');
    expect(more!.resolution.kind).toBe('more');
    expect(more!.resolution.offset).toBe(first!.answer.passages.length);
    const shownBefore = new Set(first!.answer.passages.map((p) => p.paragraphId));
    expect(more!.answer.passages.length).toBeGreaterThan(0);
    for (const p of more!.answer.passages) expect(shownBefore.has(p.paragraphId), p.paragraphId).toBe(false);
  });

  it('a sentence with a figure and a citation after each: the source of the figure shown is the citation after its value', () => {
    const [, r] = converse(engine, 'how many mongolian students were in china in 2018?', 'where does that number come from?');
    const lead = r!.answer.lead.join('\n');
    expect(lead).toMatch(/^The figure: .*10,100/);
    expect(lead).toContain('ICEF Monitor');
    expect(lead).not.toContain('Stat.kg');
  });

  it('support and paging as typed: “why’s that?”, “for instance?”, “what do you mean?” ask for support; “anything more?”, “another one” page', () => {
    for (const q of ['why’s that?', 'for instance?', 'e.g.?', 'in what sense?', 'what do you mean?', 'give me another example']) {
      const [, r] = converse(engine, 'is debt to china a problem for kyrgyzstan?', q);
      expect(r!.resolution.kind, q).toBe('support');
    }
    // ("and then?" after a passage of history asks what came next: what the passage goes on to say.)
    const [, then] = converse(engine, 'why did mongolia and kazakhstan drift apart?', 'and then?');
    expect(then!.resolution.kind).toBe('readOn');
    for (const q of ['anything more?', 'another one']) {
      const [, r] = converse(engine, 'is debt to china a problem for kyrgyzstan?', q);
      expect(r!.resolution.kind, q).toBe('more');
    }
  });
});

describe('people and places keep their roles', () => {
  it('“vice versa” swaps a people and a place each in the form of its slot', () => {
    const [, r] = converse(engine, 'how many mongolians visited kazakhstan in 2018?', 'and vice versa?');
    expect(r!.resolution.resolved).toBe('how many Kazakhstanis visited Mongolia in 2018?');
  });

  it('“the other way?” keeps a possessive with its slot: “mongolia’s exports to kazakhstan” → “kazakhstan’s exports to mongolia”', () => {
    const [, r] = converse(engine, "why are mongolia's exports to kazakhstan so small?", 'and the other way?');
    expect(r!.resolution.resolved).toBe("why are kazakhstan's exports to mongolia so small?");
  });

  it('“and Schweller?” after a question about Walt asks it of Schweller; “does he agree with him?” is the newer one about the older', () => {
    const [, , other, both] = converse(engine, 'who is Stephen Walt?', 'what did he argue?', 'and Schweller?', 'does he agree with him?');
    expect(other!.resolution.kind).toBe('ellipsis');
    expect(other!.resolution.resolved).toBe('what did Schweller argue?');
    expect(other!.answer.passages[0]!.text).toMatch(/Randall Schweller \(1994\) argues/);
    expect(both!.resolution.resolved).toMatch(/^does Schweller agree with Stephen Walt\?/);
  });

  it('a name swaps for a name in a question about a thing too; a place named is no name swap', () => {
    const [, r] = converse(engine, 'what is the Tallin Zam program?', 'and Nurly Zhol?');
    expect(r!.resolution.resolved).toBe('what is the Nurly Zhol program?');
    const [, place] = converse(engine, 'what did Akayev sign in Mongolia?', 'and Kazakhstan?');
    expect(place!.resolution.resolved).not.toMatch(/^what did Kazakhstan sign/);
  });

  it('“who wrote about it?” asks about the matter, not the document’s author', () => {
    const [, r] = converse(engine, 'what is the Tallin Zam program?', 'who wrote about it?');
    expect(r!.resolution.resolved).not.toMatch(/“/);
    expect(r!.resolution.resolved).toMatch(/Tallin/);
  });
});

describe('a turn that brings its own topic stands alone', () => {
  it('keywords (“manas air base”) and a question of new words (“what did randal schweler say about bandwaggoning?”) are not read in the context before', () => {
    for (const q of ['manas air base', 'schweller lamb actor', 'what did randal schweler say about bandwaggoning for reward?']) {
      const [, r] = converse(engine, 'how much did mongolia export to kyrgyzstan in 2017?', q);
      expect(r!.resolution.kind, q).toBe('standalone');
    }
    // Words the answer before used keep a short turn leaning on it.
    const [, r] = converse(engine, 'what happened w/ the dalai lama visiting mongolia?', 'who said the apology was a mistake?');
    expect(r!.resolution.kind).toBe('contextual');
  });

  it('“the third neighbor” is a name the corpus uses, not the third item of a list', () => {
    const [, r] = converse(engine, 'what foreign policy options do small states wedged between china and russia have?', 'what is the third neighbor policy?');
    expect(r!.resolution.kind).not.toBe('ordinal');
  });
});

describe('who “he” is in a passage that names several people', () => {
  it('an adverb between a name and its verb still attributes (“Olzvoy thus called for …”); the person nearest the sentence shown is the one meant', async () => {
    const { attributedPeople, attributedPeopleNear } = await import('../../src/conversation/people.js');
    expect(attributedPeople('The diplomat Olzvoy thus called for an eastern turn.')).toEqual(['Olzvoy']);
    const text = 'As Batbayar argued, the choice mattered. Many others wrote on it. In the end Olzvoy argued for the east.';
    expect(attributedPeopleNear(text, text.indexOf('In the end'))[0]).toBe('Olzvoy');
    expect(attributedPeopleNear(text, 0)[0]).toBe('Batbayar');
  });

  it('“and what did Mongolia do in response?” keeps the matter before (a reaction, not a new topic)', () => {
    const [, r] = converse(engine, 'what happened after the Dalai Lama visited Mongolia in 2016?', 'and what did mongolia do in response?');
    expect(r!.resolution.kind).toBe('contextual');
    expect(r!.resolution.resolved).toMatch(/Dalai/);
    expect(r!.answer.passages[0]!.text).toMatch(/public apology to Beijing/);
  });
});

describe('“the same ones” leans on the turn before', () => {
  it('“does the east asia forum piece list the same ones?” is read in context, in that document', () => {
    const [, r] = converse(engine, 'according to the journal article, who are mongolia’s third neighbors?', 'does the east asia forum piece list the same ones?');
    expect(r!.resolution.kind).toBe('contextual');
    expect(r!.resolution.documentId).toBe('miliate-2013');
    expect(r!.resolution.resolved).toMatch(/neighbor/);
  });
});

describe('stepping through a list', () => {
  it('after an item, “and the next one?” is the item after it and “the previous one?” the one before; “more” still pages', () => {
    const [, second, next, back, more] = converse(engine, 'what routes does the plan for economic corridors through the region include?', 'tell me about the second one', 'and the next one?', 'the previous one?', 'more');
    expect(second!.resolution.kind).toBe('ordinal');
    const items = second!.state.turns.at(-1)!.list!.items;
    expect(next!.resolution.kind).toBe('ordinal');
    expect(next!.resolution.frame).toBe(items[2]);
    expect(back!.resolution.frame).toBe(items[1]);
    expect(more!.resolution.kind).toBe('more');
  });
});

describe('a subject of its own and a pronoun for the matter before', () => {
  it('“why did China punish them?” after the Dalai Lama’s visit is read in that context; a pronoun inside a full question stays its own', () => {
    const [, r] = converse(engine, 'what happened after the Dalai Lama visited Mongolia in 2016?', 'why did China punish them?');
    expect(r!.resolution.kind).toBe('contextual');
    expect(r!.resolution.resolved).toMatch(/Dalai/);
    expect(r!.answer.passages[0]!.text).toMatch(/economic blockade/);
    const [, own] = converse(engine, 'what happened after the Dalai Lama visited Mongolia in 2016?', 'If Mongolia teamed up with the Kazakhs and Kyrgyz, would it get dragged into the EAEU or CSTO?');
    expect(own!.resolution.kind).toBe('standalone');
  });
});

describe('more follow-ups to a trade figure and to examples', () => {
  it('“and what did it send?” after a trade value reads the flow from the previous question, whose verb comes first', () => {
    const [, r] = converse(engine, 'how much did kazakhstan export to mongolia in 2012?', 'and what did it send?');
    expect(r!.resolution.resolved).toBe('how much did kazakhstan export to mongolia in 2012 — what did it send?');
    const row = engine.corpus.documents.flatMap((d) => d.tables).find((t) => t.partner === 'Kazakhstan' && t.year === 2012 && t.direction === 'imports')!;
    expect(renderAnswerText(r!.answer)).toContain(row.goods[0]!);
  });

  it('“any other examples of …?” leans on the answer before, though it names its topic', () => {
    const [, r] = converse(engine, 'is debt to china a problem for kyrgyzstan?', 'any other cases of trouble with chinese loans?');
    expect(r!.resolution.kind).toBe('contextual');
  });
});

describe('the source of a table value', () => {
  it('“where does that number come from?” after a value from an Appendix table names the table and the source its caption gives (through “ibid.”)', () => {
    const [, r] = converse(engine, 'how much did kazakhstan export to mongolia in 2014?', 'where does that number come from?');
    expect(r!.resolution.kind).toBe('source');
    const lead = r!.answer.lead.join('\n');
    expect(lead).toMatch(/^The figure: .*\$59 M/);
    expect(lead).toContain('Kazakhstan exports to Mongolia by year');
    expect(lead).toContain('UN Comtrade');
    expect(r!.answer.passages[0]!.text).toMatch(/^Kazakhstan exports to Mongolia by year/);
  });
});

describe('a new count noun takes the question before’s “how many”', () => {
  it('“and students?” after “how many Mongolians visited Kazakhstan in 2018?” counts students there (without the year a new topic may not have)', () => {
    const [, students, kg] = converse(engine, 'how many mongolians visited kazakhstan in 2018?', 'and students?', 'what about in kyrgyzstan?');
    expect(students!.resolution.resolved).toMatch(/^how many students\? \(mongolians, kazakhstan\)/);
    expect(renderAnswerText(students!.answer)).toMatch(/250/);
    expect(renderAnswerText(kg!.answer)).toMatch(/\b32\b/);
  });

  it('but not what is named with “the”: “and the official languages?” is asked about, not “how many the official languages?”', () => {
    const [, languages] = converse(engine, 'how many kazakhs live in mongolia?', 'and the official languages?');
    expect(languages!.resolution.resolved).not.toMatch(/^how many the\b/);
  });
});

describe('chat forms and the document’s own dates', () => {
  it('“when was it announced?” is about the matter; “when was it published?” about the document; “y not?” asks why', () => {
    const [, announced] = converse(engine, 'what is the silk road economic belt?', 'when was it announced?');
    expect(announced!.resolution.resolved).not.toMatch(/“/);
    expect(announced!.answer.passages[0]!.text).toMatch(/In 2013, China announced/);
    const [, published] = converse(engine, 'what does the east asia forum piece say about kazakhstan?', 'when was it published?');
    expect(published!.resolution.resolved).toBe('when was “The Steppes to the States” published?');
    // (A notice or a directive is issued: "when was it issued?" is about the document too.)
    const [, issued] = converse(engine, 'what does the east asia forum piece say about kazakhstan?', 'when was it issued?');
    expect(issued!.resolution.resolved).toBe('when was “The Steppes to the States” issued?');
    expect(issued!.answer.passages[0]!.paragraphId).toBe('miliate-2013/front');
    const [, y] = converse(engine, 'does mongolia join russian-led blocs?', 'y not?');
    expect(y!.resolution.kind).toBe('support');
  });
});

describe('after a question about a document', () => {
  it('"it" is that document, and its metadata ("Forum", "republished") is no context', () => {
    const [meta, next] = converse(engine, 'when was the steppes to the states published?', 'what does it say about trade?');
    expect(meta!.answer.passages[0]?.paragraphId).toBe('miliate-2013/front');
    expect(next!.resolution.documentId).toBe('miliate-2013');
    expect(next!.resolution.resolved).not.toMatch(/Forum|Sentinel|republished|Asia/);
    expect(next!.answer.passages.every((p) => p.paragraphId.startsWith('miliate-2013/'))).toBe(true);
  });
});

describe('"what about imports?" after a question on exports', () => {
  it('is the other direction for the same subject and year, and "and exports?" turns it back', () => {
    const [, imports, exports] = converse(engine, 'how much did mongolia export to kazakhstan in 2016?', 'what about imports?', 'and exports?');
    expect(imports!.resolution.resolved).toBe('how much did mongolia import from kazakhstan in 2016?');
    expect(imports!.answer.lead[0]).toMatch(/^Kazakhstan's exports to Mongolia \(Mongolia's imports\) in 2016/);
    expect(exports!.resolution.resolved).toBe('how much did mongolia export to kazakhstan in 2016?');
    expect(exports!.answer.lead[0]).toMatch(/^Mongolia's exports to Kazakhstan in 2016/);
  });
});

describe('the names gazetteer', () => {
  it('gathered in turns ahead of conversations is the one a turn would gather at once', async () => {
    const { corpusNames, warmNames } = await import('../../src/conversation/names.js');
    const fresh = await createEngine(undefined, { indexCacheDir: null });
    let turns = 0;
    const ticker = setInterval(() => turns++, 0);
    await warmNames(fresh, { chunk: 10 });
    clearInterval(ticker);
    expect(turns).toBeGreaterThan(0);
    const warmed = corpusNames(fresh);
    const other = await createEngine(undefined, { indexCacheDir: null });
    expect([...warmed].sort()).toEqual([...corpusNames(other)].sort());
    expect(warmed.has(analyze('Schweller')[0]!)).toBe(true);
  });
});

describe('another party asked the same question (“and Kazakhstan?”)', () => {
  const before = withTurn(emptyConversation(), {
    asked: 'is mongolia a weak state?',
    resolved: 'is mongolia a weak state?',
    frame: 'is mongolia a weak state?',
    kind: 'standalone',
    documentId: null,
    paragraphIds: ['a/1', 'a/2'],
    sentences: [],
    offset: 0,
    person: null,
    at: 0,
  });
  const swap: Resolution = { kind: 'ellipsis', resolved: 'is Kazakhstan a weak state?', frame: 'is Kazakhstan a weak state?', documentId: null, offset: 0, person: null };
  const passage = (paragraphId: string, score: number, text: string) => ({ paragraphId, score, text, highlight: { start: 0, end: text.length }, citation: {} }) as unknown as AnswerPassage;
  const answer = (...passages: AnswerPassage[]): Answer => ({ query: swap.resolved, status: 'answered', message: null, passages, suggestions: [], lead: [], figures: [] });
  const keptBefore = 'Mongolia, like Kazakhstan and Kyrgyzstan, is a weak state in the sense of the literature.';
  const other = 'Kazakhstan has the largest economy of the region, and the strongest state.';

  it('keeps the passage that answered it when that passage names the party too and is all but tied for first', () => {
    const kept = keptInNearTie(answer(passage('b/9', 1.2, other), passage('a/1', 1.2 - NEAR_TIE / 2, keptBefore)), before, swap);
    expect(kept.passages.map((p) => p.paragraphId)).toEqual(['a/1', 'b/9']);
  });

  it('moves on when that passage does not name the party asked about now, or another passage leads clearly', () => {
    const mongoliaOnly = 'Mongolia is a weak state in the sense of the literature.';
    expect(keptInNearTie(answer(passage('b/9', 1.2, other), passage('a/1', 1.19, mongoliaOnly)), before, swap).passages[0]!.paragraphId).toBe('b/9');
    expect(keptInNearTie(answer(passage('b/9', 1.2, other), passage('a/1', 1.2 - 2 * NEAR_TIE, keptBefore)), before, swap).passages[0]!.paragraphId).toBe('b/9');
  });

  it('does so in a real conversation', () => {
    const [first, again] = converse(engine, "how has china's growing clout changed kazakhstan's politics", 'how about kyrgyzstan');
    expect(again!.resolution.kind).toBe('ellipsis');
    // The passage before names no Kyrgyzstan: the answer is another one, which does.
    expect(first!.answer.passages[0]!.text).not.toMatch(/Kyrgyz/);
    expect(again!.answer.passages[0]!.text).toMatch(/Kyrgyz/);
  });
});

describe('a flow asked again, misspelt or over the years', () => {
  it('“and importd?” is “and imports?”: the other way, in that year', () => {
    const [, imports] = converse(engine, 'wat did mongola export to kazahstan in 2017', 'and importd?');
    expect(imports!.resolution.resolved).toBe('what did Mongolia import from Kazakhstan in 2017?');
  });

  it('“whats the trend over the decade” after a year’s flow is that flow by year', () => {
    const [, trend] = converse(engine, 'how much did mongolia import from kazakhstan in 2017?', 'whats the trend over the decade');
    expect(trend!.resolution.resolved).toBe('how much did mongolia import from kazakhstan over the years?');
    expect(renderAnswerText(trend!.answer)).toMatch(/2010–2019: .*lowest .*highest/);
  });
});
