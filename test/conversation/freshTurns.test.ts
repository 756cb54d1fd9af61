import { beforeAll, describe, expect, it } from 'vitest';
import { answerSource } from '../../src/conversation/sourceAnswer.js';
import type { TurnRecord } from '../../src/conversation/state.js';
import { createEngine, type Engine } from '../../src/engine.js';
import { renderAnswerText } from '../../src/render/text.js';
import { converse } from './conversing.js';

/**
 * Rules added for misses of a further round of conversations written fresh (the way people
 * follow up in a Discord server), one spec per rule. Each spec asks questions of its own,
 * not the evaluation sets'.
 */

let engine: Engine;
beforeAll(async () => {
  engine = await createEngine();
});

const row = (partner: string, year: number, direction: 'exports' | 'imports') =>
  engine.corpus.documents.flatMap((d) => d.tables).find((t) => t.partner === partner && t.year === year && t.direction === direction)!;

describe('what a trade flow is made of', () => {
  it('“mostly what?”, “what kind of stuff?” after a trade value ask it of that flow, though the answer never said “goods”', () => {
    const [, mostly] = converse(engine, 'what did kazakhstan sell to mongolia in 2016?', 'mostly what?');
    expect(mostly!.resolution.resolved).toBe('what did kazakhstan sell to mongolia in 2016 — mostly what?');
    expect(renderAnswerText(mostly!.answer)).toContain(row('Kazakhstan', 2016, 'imports').goods[0]!);
    const [, stuff] = converse(engine, 'what did kazakhstan sell to mongolia in 2016?', 'what kind of stuff?');
    expect(stuff!.resolution.resolved).toBe('what did kazakhstan sell to mongolia in 2016 — what kind of stuff?');
  });

  it('goods the trade tables list (“feldspar?”) are asked of the flow before; a word they do not list (“tourism?”) is not', () => {
    const [, feldspar, tourism] = converse(engine, 'how much did mongolia export to kyrgyzstan in 2012?', 'feldspar?', 'tourism?');
    expect(feldspar!.resolution.resolved).toBe('how much did mongolia export to kyrgyzstan in 2012 — feldspar?');
    expect(renderAnswerText(feldspar!.answer)).toContain(row('Kyrgyzstan', 2012, 'exports').valueText);
    expect(tourism!.resolution.resolved).not.toMatch(/ — tourism/);
  });
});

describe('selling and buying are the two directions of trade', () => {
  it('“what about imports?” after “what did Mongolia sell Kazakhstan?” is what it bought from there, the year kept', () => {
    const [, imports] = converse(engine, 'what did mongolia sell kazakhstan in 2012?', 'what about imports?');
    expect(imports!.resolution.kind).toBe('ellipsis');
    expect(imports!.resolution.resolved).toBe('what did mongolia import from kazakhstan in 2012?');
    expect(renderAnswerText(imports!.answer)).toContain(row('Kazakhstan', 2012, 'imports').valueText);
  });

  it('“and what did mongolia send back?” after what Kyrgyzstan sold Mongolia is the other way round', () => {
    const [, back] = converse(engine, 'what did kyrgyzstan sell mongolia in 2015?', 'and what did mongolia send back?');
    expect(back!.resolution.kind).toBe('ellipsis');
    expect(back!.resolution.resolved).toBe('what did mongolia sell kyrgyzstan in 2015?');
    expect(renderAnswerText(back!.answer)).toContain(row('Kyrgyzstan', 2015, 'exports').valueText);
  });
});

describe('“that” as the subject of a question about a place', () => {
  it('“what would that mean for kyrgyzstan?” asks the question before of its bearing on the place, not that question of the place', () => {
    const [, r] = converse(engine, 'does kazakhstan belong to the CIS?', 'what would that mean for kyrgyzstan?');
    expect(r!.resolution.kind).toBe('contextual');
    expect(r!.resolution.resolved).toMatch(/^what would that mean for kyrgyzstan: does kazakhstan belong to the CIS\?/);
  });

  it('“what does kazakhstan gain from it?” has a verb of its own on “it”: no frame with the place swapped in', () => {
    const [, r] = converse(engine, 'does kyrgyzstan have its own program for the bri?', 'what does kazakhstan gain from it?');
    expect(r!.resolution.kind).not.toBe('ellipsis');
    expect(r!.resolution.resolved).toMatch(/^what does kazakhstan gain from it\?/);
    // Its places are its own: the place before is not carried among the words.
    expect(r!.resolution.resolved).not.toMatch(/kyrgyzstan/i);
  });
});

describe('comparisons', () => {
  it('“how does that compare with japan?” is the question before of Japan, as “compared with japan?” is', () => {
    const [, r] = converse(engine, 'how much did mongolia export to south korea in 2019?', 'how does that compare with japan?');
    expect(r!.resolution.kind).toBe('ellipsis');
    expect(r!.resolution.resolved).toBe('how much did mongolia export to Japan in 2019?');
    expect(renderAnswerText(r!.answer)).toContain('20.8');
  });

  it('places already in the question before make a pair of their own to compare: “… with tajikistan and kazakhstan?” stands alone', () => {
    const [, r] = converse(engine, 'how far apart are mongolia and kazakhstan?', 'how does that compare with tajikistan and kazakhstan?');
    expect(r!.resolution.kind).not.toBe('ellipsis');
  });

  it('a place named only as what the answer is set against (“how is it similar to central asia?”) takes the places before, not the words said', () => {
    const [, r] = converse(engine, 'how is mongolia different from japan and korea?', 'and how is it similar to central asia?');
    expect(r!.resolution.resolved).toBe('how is it similar to central asia? (mongolia, japan, korea)');
  });
});

describe('items and counterparts named by a word', () => {
  it('“and the northern one?” after a list of corridors is the item with that word, in whichever passage shown the list was', () => {
    const [, r] = converse(engine, 'what economic corridors does china plan through the region?', 'and the northern one?');
    expect(r!.resolution.kind).toBe('ordinal');
    expect(r!.resolution.resolved).toMatch(/^the Northern Eurasian corridor of China–Mongolia–Russia–Europe\?/);
  });

  it('“and kazakhstan’s equivalent?” is the counterpart of what was asked about: the words before stay', () => {
    const [, r] = converse(engine, 'what is the steppe road program?', 'and kazakhstan’s equivalent?');
    expect(r!.resolution.resolved).toMatch(/\(program, steppe, road/);
    expect(r!.answer.passages[0]!.text).toMatch(/Nurly Zhol/);
  });
});

describe('a new topic for the same parties', () => {
  it('“do they share a religion too?” after a trade figure asks of the same places, without the words, year or person before', () => {
    const [, r] = converse(engine, 'how much did mongolia export to kazakhstan in 2019?', 'do they share a religion too?');
    expect(r!.resolution.resolved).toBe('do they share a religion too? (mongolia, kazakhstan)');
    expect(r!.answer.passages[0]!.text).toMatch(/Islam for ethnic Kazakh and Kyrgyz/);
  });

  it('“what is their main religion?”, “how big is its army?”: a thing of theirs the answer before did not speak of, asked of the places alone', () => {
    const [, religion] = converse(engine, 'what did kazakhstan sell to mongolia in 2016?', 'what is their main religion?');
    expect(religion!.resolution.resolved).toBe('what is their main religion? (kazakhstan, mongolia)');
    expect(religion!.answer.passages[0]!.text).toMatch(/Islam for ethnic Kazakh and Kyrgyz/);
    const [, , army] = converse(engine, 'what does kazakhstan export to mongolia?', 'and in 2017?', 'how big is its army?');
    expect(army!.resolution.resolved).not.toMatch(/tobacco|rolled|sell|export/i);
  });
});

describe('the source of a figure', () => {
  it('“source?” after a figure read from a passage below the best one cites the passage the figure came from', () => {
    // As remembered after "how many people live in mongolia?" answered with the journal's
    // figure above a passage of the op-ed.
    const turn: TurnRecord = {
      asked: 'how many people live in mongolia?',
      resolved: 'how many people live in mongolia?',
      frame: 'how many people live in mongolia?',
      kind: 'standalone',
      documentId: null,
      paragraphIds: ['miliate-2013/2', 'irgengioro-2022/3'],
      sentences: ['just over three million — population: Mongolia', 'There are approximately 160,000 Kazakhs living in Mongolia, most of them in the far western province of Bayan Olgii.'],
      offset: 0,
      person: null,
      at: 0,
    };
    const source = answerSource(engine, turn, 'claim', 'source?')!;
    expect(source.answer.passages[0]!.paragraphId).toBe('irgengioro-2022/3');
    // The sentence shown is the one that writes the value (its citation follows it there).
    const shown = source.answer.passages[0]!;
    expect(shown.text.slice(shown.highlight.start, shown.highlight.end)).toMatch(/just over three million people.*\(UNstats, 2021\)/);
  });

  it('“source?” of a sentence whose citation the bibliography lacks names that citation as written, not another work', () => {
    const [, , source] = converse(engine, 'how many kazakh tourists went to mongolia in 2019', 'and mongolians going to kazakhstan?', 'source?');
    const lead = source!.answer.lead.join('\n');
    expect(lead).toContain('citing **Visit Ulaanbaatar 2019** (not listed in its references)');
    expect(lead).not.toMatch(/Observatory of Economic Complexity/);
  });
});

describe('turns that lean on what was said without a pronoun', () => {
  it('“… specifically?” narrows what was said: the words before stay, though the turn names places of its own', () => {
    const [, r] = converse(engine, 'what does laruelle say mongolia and kazakhstan could gain from each other?', 'what would kazakhstan import specifically?');
    expect(r!.resolution.kind).toBe('contextual');
    expect(r!.resolution.resolved).toMatch(/^what would kazakhstan import specifically\? \(Laruelle, /);
  });

  it('“what does the other article say?” after a turn that leaned on “it” is searched with what that turn was understood with', () => {
    const [, it, other] = converse(engine, 'what does the east asia forum piece say about central asian instability?', 'and what did mongolia do about it?', 'what does the other article say?');
    expect(other!.resolution.documentId).toBe('irgengioro-2022');
    expect(other!.resolution.frame).toBe('what did mongolia do about it?');
    expect(other!.resolution.resolved).toBe(it!.resolution.resolved);
    expect(other!.resolution.resolved).toMatch(/instability/);
  });
});

describe('the claim before, asked of another place', () => {
  it('“is that the case in mongolia too?”, “does the same go for kyrgyzstan?” ask the question before of that place, as “and mongolia?” does', () => {
    const [, caseIn] = converse(engine, 'is kyrgyzstan worried about its debt to china?', 'is that the case in mongolia too?');
    expect(caseIn!.resolution.kind).toBe('ellipsis');
    expect(caseIn!.resolution.resolved).toBe('is Mongolia worried about its debt to china?');
    const [, sameFor] = converse(engine, 'does kazakhstan host a mongolian embassy?', 'does the same go for kyrgyzstan?');
    expect(sameFor!.resolution.resolved).toBe('does Kyrgyzstan host a mongolian embassy?');
  });

  it('a place with a topic of its own (“is that true of trade with russia?”) is not the place alone: no swap', () => {
    const [, r] = converse(engine, 'does kazakhstan host a mongolian embassy?', 'is that true of trade with russia?');
    expect(r!.resolution.resolved).not.toBe('does Russia host a mongolian embassy?');
  });

  it('“why does that keep it from getting close to kazakhstan?”: “that” is what was said — the turn leans on the answer before, not asked alone', () => {
    const [first, why] = converse(engine, 'does mongolia take part in nato exercises?', 'why does that keep it from getting close to kazakhstan?');
    expect(why!.resolution.kind).not.toBe('standalone');
    expect(why!.resolution.resolved).toContain('does mongolia take part in nato exercises?');
    expect(why!.answer.passages[0]?.paragraphId).toBe(first!.answer.passages[0]?.paragraphId);
  });
});

describe('the two places of the question before, each in the other’s slot', () => {
  it('“and mongolians going to kazakhstan?” after Kazakh tourists who went to Mongolia is the other way round, the year kept', () => {
    const [, back] = converse(engine, 'how many kazakh tourists went to mongolia in 2019', 'and mongolians going to kazakhstan?');
    expect(back!.resolution.kind).toBe('ellipsis');
    expect(back!.resolution.resolved).toBe('how many Mongolian tourists went to Kazakhstan in 2019?');
    const [, plain] = converse(engine, 'what did mongolia export to kazakhstan in 2016?', 'and kazakhstan to mongolia?');
    expect(plain!.resolution.resolved).toBe('what did kazakhstan export to mongolia in 2016?');
  });

  it('a word of a new topic with them (“and mongolians studying law in kazakhstan?”) is not the frame turned round', () => {
    const [, r] = converse(engine, 'how many kazakh tourists went to mongolia in 2019', 'and mongolians studying law in kazakhstan?');
    expect(r!.resolution.resolved).not.toBe('how many Mongolian tourists went to Kazakhstan in 2019?');
  });
});

describe('“it” after a definition question', () => {
  it('“what is multi-vectorism?” then “how does mongolia apply it?”: “it” is the thing defined, not words of its definition', () => {
    const [, apply] = converse(engine, 'what is multi-vectorism', 'how does mongolia apply it?');
    expect(apply!.resolution.resolved).toBe('how does mongolia apply multi-vectorism?');
    const [, member] = converse(engine, 'what is the SCO', 'is mongolia a member of it?');
    expect(member!.resolution.resolved).toBe('is mongolia a member of the SCO?');
  });

  it('“what is X about?” makes X the “it” of the next turn, without its “about”', () => {
    const [, working] = converse(engine, 'what is the third neighbor policy all about?', 'is it working?');
    expect(working!.resolution.resolved).toBe('is the third neighbor policy working?');
  });

  it('“what is X based on?” makes X the “it”, without the participle and its preposition', () => {
    const [, works] = converse(engine, 'what is the third neighbor policy based on?', 'does it work?');
    expect(works!.resolution.resolved).toBe('does the third neighbor policy work?');
    const [, made] = converse(engine, 'what is the SCO known for?', 'is mongolia a member of it?');
    expect(made!.resolution.resolved).toBe('is mongolia a member of the SCO?');
  });

  it('“what is the third neighbor policy?” after multi-vectorism’s passage (which names it) is a thing of its own to define', () => {
    const [, , neighbour] = converse(engine, 'what is multi-vectorism?', 'who uses it?', 'what is the third neighbor policy?');
    expect(neighbour!.resolution.kind).toBe('standalone');
    expect(neighbour!.answer.passages[0]!.text).toContain('third neighbor');
    // (In the past, "what were the main goods?" still asks of the answer before.)
    const [, goods] = converse(engine, 'how much did mongolia export to kazakhstan in 2015?', 'what were the main goods?');
    expect(goods!.resolution.kind).not.toBe('standalone');
  });

  it('after any other question “it” still leans on the answer before; a turn that names the thing needs nothing put in', () => {
    const [, other] = converse(engine, 'why did regional cooperation fail?', 'how does mongolia apply it?');
    expect(other!.resolution.resolved).not.toContain('regional cooperation fail');
    const [, named] = converse(engine, 'what is multi-vectorism', 'is multi-vectorism still used by it?');
    expect(named!.resolution.resolved).not.toMatch(/multi-vectorism.*multi-vectorism/);
  });
});

describe('a person named in a follow-up', () => {
  it('“what does miliate say?” asks the question before of his piece, and makes him the “he” of the next turn', () => {
    const [, says, who] = converse(engine, 'why are mongolia and kazakhstan not closer?', 'what does miliate say?', 'who is he?');
    expect(says!.resolution.documentId).toBe('miliate-2013');
    expect(who!.resolution.resolved).toBe('who is Miliate?');
    expect(renderAnswerText(who!.answer)).toContain('Brandon Miliate');
  });

  it('“who is he?” is no frame for a place: “what about uzbekistan?” after it asks the question before it of Uzbekistan', () => {
    const [, , , uzbekistan] = converse(engine, 'why are mongolia and kazakhstan not closer?', 'what does miliate say?', 'who is he?', 'what about uzbekistan?');
    expect(uzbekistan!.resolution.resolved).toBe('why are mongolia and Uzbekistan not closer?');
  });
});

describe('“how much?” after a question', () => {
  it('asks the question before for its amount, its figure first; “in 2015?” and “and imports?” then change that flow', () => {
    const [, much, year, imports] = converse(engine, 'what does kazakhstan export to mongolia', 'how much?', 'in 2015?', 'and imports?');
    expect(much!.resolution.resolved).toBe('how much: what does kazakhstan export to mongolia');
    expect(much!.answer.lead[0]).toContain(row('Kazakhstan', 2019, 'imports').valueText);
    expect(year!.answer.lead[0]).toContain(row('Kazakhstan', 2015, 'imports').valueText);
    expect(imports!.answer.lead[0]).toContain(row('Kazakhstan', 2015, 'exports').valueText);
  });

  it('“how many?” after a question on people gives their count', () => {
    const [, many] = converse(engine, 'where do kazakhs in mongolia live?', 'how many?');
    expect(many!.answer.lead[0]).toContain('160,000');
  });

  it('“any numbers on that?”, “got stats?” ask the same: the trade talked about by its figures, the people who left by their count', () => {
    const [, numbers] = converse(engine, 'why is there so little trade between mongolia and central asia?', 'any numbers on that?');
    expect(numbers!.resolution.resolved).toBe('how many: why is there so little trade between mongolia and central asia?');
    expect(numbers!.answer.figures.length).toBeGreaterThan(0);
    const [, , stats] = converse(engine, 'how many kazakhs live in mongolia?', 'why did some of them leave?', 'got stats?');
    expect(stats!.answer.lead[0]).toContain('60,000');
  });
});

describe('whether a party is one of those said before', () => {
  it('“does japan count?” after the third neighbours leans on them; asked alone it would be about Japan and nothing else', () => {
    const [, , japan] = converse(engine, 'tell me about the third neighbor policy', 'which countries?', 'does japan count?');
    expect(japan!.resolution.kind).toBe('contextual');
    expect(japan!.resolution.resolved).toMatch(/^does japan count\? \(.+\)$/);
    const [, mongolia] = converse(engine, 'which organisations does kazakhstan belong to?', 'does mongolia qualify?');
    expect(mongolia!.resolution.kind).toBe('contextual');
  });
});

describe('after an answer about a person', () => {
  it('“what does he argue?” after “who is radchenko?” carries none of the answer’s own words (“bibliography”, “works”)', () => {
    const [who, argue] = converse(engine, 'who is radchenko?', 'what does he argue?');
    expect(who!.answer.lead[0]).toMatch(/^In the bibliography/);
    expect(argue!.resolution.resolved).toMatch(/^what does Radchenko argue\?/);
    expect(argue!.resolution.resolved).not.toMatch(/bibliography|works/);
  });
});

describe('both parties of a trade by pronoun', () => {
  it('“what does it sell them?” after trade between Mongolia and Kyrgyzstan: the first named sells to the other, the year kept', () => {
    const [, sell] = converse(engine, 'does mongolia trade much with kyrgyzstan?', 'what does it sell them?');
    expect(sell!.resolution.resolved).toBe('what does Mongolia sell Kyrgyzstan?');
    expect(sell!.answer.lead[0]).toMatch(/^Mongolia's exports to Kyrgyzstan/);
    const [, buy] = converse(engine, 'how much did mongolia and kazakhstan trade in 2016?', 'what did they buy from it?');
    expect(buy!.resolution.resolved).toBe('what did Mongolia buy from Kazakhstan in 2016?');
    expect(buy!.answer.lead[0]).toContain(row('Kazakhstan', 2016, 'imports').valueText);
  });
});

describe('the same request of the other document', () => {
  it('“and miliate?” after “summarise the irgengioro paper” summarises Miliate’s piece, the old name taken out whole (no dangling “the”)', () => {
    const [, other] = converse(engine, 'summarise the irgengioro paper', 'and miliate?');
    expect(other!.resolution.resolved).toBe('summarise');
    expect(other!.resolution.documentId).toBe('miliate-2013');
    expect(other!.answer.passages[0]?.paragraphId).toMatch(/^miliate-2013\//);
  });
});

describe('a choice between the parties before', () => {
  it('“which is closer to russia?” after a question on Kazakhstan and Kyrgyzstan chooses between those two', () => {
    const [, which] = converse(engine, 'compare kazakhstan and kyrgyzstan foreign policy', 'which is closer to russia?');
    expect(which!.resolution.kind).toBe('contextual');
    expect(which!.resolution.resolved).toMatch(/^which is closer to russia\? \(Kazakhstan, Kyrgyzstan\b/);
  });

  it('a turn naming a party of its own (“which is closer, mongolia?”) or after one place only is not such a choice', () => {
    const [, own] = converse(engine, 'compare kazakhstan and kyrgyzstan foreign policy', 'which is closer to kazakhstan, mongolia or china?');
    expect(own!.resolution.resolved).not.toContain('(Kazakhstan, Kyrgyzstan');
    const [, single] = converse(engine, 'what is kazakhstan’s foreign policy?', 'which is closer to russia?');
    expect(single!.resolution.resolved).not.toMatch(/\(Kazakhstan, /);
  });
});

describe('“which one …?” points back', () => {
  it('“which one goes through kyrgyzstan?” after a question on corridors asks of those corridors, though it names a place of its own', () => {
    const [, which] = converse(engine, 'what corridors does the silk road economic belt have?', 'which one goes through kyrgyzstan?');
    expect(which!.resolution.kind).toBe('contextual');
    expect(which!.resolution.resolved).toMatch(/^which one goes through kyrgyzstan\? \(.*\b(?:corridors|belt|silk)\b.*\)$/);
  });
});

describe('an elliptical turn keeps what the turn before meant by “it”', () => {
  it('“and in mongolia?” after “how do people in kazakhstan feel about it?” (it: the Belt and Road) is still about the Belt and Road', () => {
    const [, feel, mongolia] = converse(engine, 'tell me about the belt and road', 'how do people in kazakhstan feel about it?', 'and in mongolia?');
    expect(feel!.resolution.resolved).toMatch(/\bbelt\b/);
    expect(mongolia!.resolution.frame).toBe('how do people in Mongolia feel about it?');
    expect(mongolia!.resolution.resolved).toMatch(/^how do people in Mongolia feel about it\? \(.*\bbelt\b.*\)$/);
  });

  it('a frame without a pronoun takes no context along (“and in 2016?” after a trade value)', () => {
    const [, later] = converse(engine, 'how much did mongolia export to kazakhstan in 2015?', 'and in 2016?');
    expect(later!.resolution.resolved).toBe('how much did mongolia export to kazakhstan in 2016?');
  });
});

describe('“that … too” after a definition is the thing defined', () => {
  it('“does kyrgyzstan do that too?” after “what is multi-vectorism?” asks whether Kyrgyzstan does multi-vectorism, and finds its foreign policy', () => {
    const [, kyrgyz, mongolia] = converse(engine, 'what is multi-vectorism?', 'does kyrgyzstan do that too?', 'what about mongolia?');
    expect(kyrgyz!.resolution.resolved).toBe('does kyrgyzstan do multi-vectorism too?');
    expect(kyrgyz!.answer.passages[0]!.text).toMatch(/Kyrgyzstan pursues a “multi-vector” foreign policy/);
    expect(mongolia!.resolution.resolved).toBe('does Mongolia do multi-vectorism too?');
  });
});

describe('what comes back the other way', () => {
  it('“and what comes back?” after a trade value is the flow the other way, the year kept', () => {
    const [, back] = converse(engine, 'how much did kazakhstan export to mongolia in 2019?', 'and what comes back?');
    expect(back!.resolution.kind).toBe('ellipsis');
    expect(back!.resolution.resolved).toBe('how much did mongolia export to kazakhstan in 2019?');
    expect(renderAnswerText(back!.answer)).toContain(row('Kazakhstan', 2019, 'exports').valueText);
  });

  it('after people moving, “how many came back?” asks about returns, not the other way round', () => {
    const [, back] = converse(engine, 'how many kazakhs left mongolia for kazakhstan?', 'how many came back?');
    expect(back!.resolution.kind).not.toBe('ellipsis');
  });
});

describe('who came up with an idea', () => {
  it('“who came up with the idea?”, “who coined the term?” ask for the source of what was said', () => {
    for (const q of ['who came up with the idea?', 'who coined the term?', 'who introduced that concept?']) {
      const [, who] = converse(engine, 'what is multi-vectorism?', q);
      expect(who!.resolution.kind, q).toBe('source');
    }
  });
});

describe('“and X?” replaces the place X stands beside', () => {
  it('“what about mongolia?” after “does china interfere in kazakhstan?” asks about China in Mongolia, not Mongolia in Kazakhstan', () => {
    const [, mongolia] = converse(engine, 'does china interfere in kazakhstan?', 'what about mongolia?');
    expect(mongolia!.resolution.resolved).toBe('does china interfere in Mongolia?');
  });

  it('“and russia?” after Mongolia’s imports from China replaces China', () => {
    const [, russia] = converse(engine, 'what does mongolia import from china?', 'and russia?');
    expect(russia!.resolution.resolved).toBe('what does mongolia import from Russia?');
  });
});

describe('membership of what was asked about', () => {
  it('“is mongolia a member?” after “what’s the SCO?” asks of the SCO, and finds why Mongolia does not fully join', () => {
    const [, member] = converse(engine, 'what’s the SCO?', 'is mongolia a member?');
    expect(member!.resolution.kind).toBe('contextual');
    expect(member!.resolution.resolved).toMatch(/\bSCO\b/);
    expect(member!.answer.passages[0]!.text).toMatch(/does not fully join either/);
  });
});

describe('names typed in lower case', () => {
  it('“and schweller?” after “what did walt argue?” is the same question of Schweller', () => {
    const [, schweller] = converse(engine, 'what did walt argue?', 'and schweller?');
    expect(schweller!.resolution.kind).toBe('ellipsis');
    expect(schweller!.resolution.resolved).toBe('what did Schweller argue?');
    expect(schweller!.answer.passages.slice(0, 2).some((p) => /Schweller/.test(p.text))).toBe(true);
  });
});

describe('whose words a passage gives', () => {
  it('“who wrote that part?” asks for the source of the passage shown, not who wrote the document', () => {
    const [, who] = converse(engine, 'what is the pipeline through mongolia called?', 'who wrote that part?');
    expect(who!.resolution.kind).toBe('source');
    expect(who!.resolution.source?.about).toBe('claim');
  });
});

describe('a whole question that names the places of the one before', () => {
  it('“how many kazakhs are there in mongolia?” after a question on Mongolia and Kazakhstan is asked as it is, not as that question again', () => {
    const [, , many] = converse(engine, 'does mongolia have a border with kazakhstan?', 'how far apart are they then?', 'how many kazakhs are there in mongolia?');
    expect(many!.resolution.kind).toBe('standalone');
    expect(renderAnswerText(many!.answer)).toContain('160,000');
  });

  it('“and Mongolians going to Kazakhstan?” after Kazakhs going to Mongolia is still the other way round', () => {
    const [, back] = converse(engine, 'how many kazakhs went to mongolia in 2019?', 'and mongolians going to kazakhstan?');
    expect(back!.resolution.kind).toBe('ellipsis');
  });
});

describe('one side of what was asked', () => {
  it('“who came from the kazakh side?” asks the question before, of that side', () => {
    const [, side] = converse(engine, 'how often did mongolian and kazakh leaders visit each other in the 2000s?', 'who came from the kazakh side?');
    expect(side!.resolution.resolved).toMatch(/^who came from the kazakh side: how often did mongolian and kazakh leaders visit each other in the 2000s\?/);
    expect(side!.answer.passages[0]!.text).toMatch(/state secretary in 2005/);
  });
});

describe('a reading of the answer put back as a check', () => {
  it('“so basically it’s all history?” asks the question before of the reader’s words, and finds the historical barrier', () => {
    const [, history] = converse(engine, 'why are mongolia and kazakhstan not closer?', 'so basically it’s all history?');
    expect(history!.resolution.kind).toBe('contextual');
    expect(history!.resolution.resolved).toMatch(/^it’s all history: why are mongolia and kazakhstan not closer\?/);
    expect(history!.answer.passages[0]!.text).toMatch(/This historical legacy still complicates relations today/);
  });

  it('“so do they share a border?” is a question, not a reading', () => {
    const [, border] = converse(engine, 'why are mongolia and kazakhstan not closer?', 'so do they share a border?');
    expect(border!.resolution.resolved).not.toMatch(/^do they share a border: /);
  });
});

describe('the answer in short', () => {
  it('“tl;dr?”, “summarize that in one sentence” give the best sentence of the passage shown, quoted and cited', () => {
    for (const q of ['tl;dr?', 'summarize that in one sentence', 'what’s the bottom line?', 'in plain english?', 'can you explain that more simply?']) {
      const [first, short] = converse(engine, 'what does reeves say about mongolia and china?', q);
      const shown = first!.answer.passages[0]!;
      const best = shown.text.slice(shown.highlight.start, shown.highlight.end);
      expect(short!.resolution.kind, q).toBe('source');
      expect(short!.answer.lead[0], q).toBe(`In short (${shown.citation.author} ${shown.citation.year}, p. ${shown.citation.page}): “${best}”`);
    }
  });

  it('after a figure, the figure’s line is the gist', () => {
    const [, short] = converse(engine, 'how much did mongolia export to kyrgyzstan in 2019?', 'tl;dr');
    expect(short!.answer.lead[0]).toMatch(/^In short: Mongolia's exports to Kyrgyzstan in 2019: \$413 K/);
  });
});

describe('chat words in a conversation', () => {
  it('“wat does kaz export to mongo” asks the trade flow, “n the other way?” turns it, “which yr was highest?” asks its peak', () => {
    const [first, other, peak] = converse(engine, 'wat does kaz export to mongo', 'n the other way?', 'which yr was highest?');
    expect(first!.answer.lead[0]).toMatch(/^Kazakhstan's exports to Mongolia/);
    expect(other!.resolution.resolved).toBe('what does mongolia export to kazakhstan?');
    expect(peak!.resolution.resolved).toBe('what does mongolia export to kazakhstan — which year was highest?');
    expect(peak!.answer.lead[0]).toMatch(/highest \$7\.14 M \(2019\)/);
  });
});

describe('whether a party is one of what was said', () => {
  it('“is india one?” after a question on the third neighbours asks of them, not the question before of India', () => {
    const [, india] = converse(engine, 'which countries count as mongolia’s third neighbors?', 'is india one?');
    expect(india!.resolution.kind).toBe('contextual');
    expect(india!.resolution.resolved).toMatch(/^is india one\? \(.*\bthird\b/i);
  });
});

describe('which of two things asked about', () => {
  it('“which does mongolia do?” after “do weak states bandwagon or balance?” asks which of the two, for Mongolia', () => {
    const [, which] = converse(engine, 'do weak states bandwagon or balance?', 'which does mongolia do?');
    expect(which!.resolution.resolved).toBe('which does mongolia do? (bandwagon, balance)');
    expect(which!.answer.passages[0]!.text).toMatch(/no interest in bandwagoning with China, nor does it engage in antagonistic balancing/);
  });

  it('after “the difference between bandwagoning and balancing”, “which does kazakhstan do?” is not that difference in Kazakhstan', () => {
    const [, which] = converse(engine, 'what is the difference between bandwagoning and balancing?', 'which does kazakhstan do?');
    expect(which!.resolution.resolved).toBe('which does kazakhstan do? (bandwagoning, balancing)');
  });
});

describe('a figure set against another place', () => {
  it('“is that more than kyrgyzstan?” after Mongolian students in Kazakhstan asks the same of Kyrgyzstan', () => {
    const [, more] = converse(engine, 'how many mongolian students go to kazakhstan?', 'is that more than kyrgyzstan?');
    expect(more!.resolution.kind).toBe('ellipsis');
    expect(more!.resolution.resolved).toBe('how many mongolian students go to Kyrgyzstan?');
    expect(renderAnswerText(more!.answer)).toContain('only 32');
  });
});

describe('the other source, and what is in it for a place', () => {
  it('“doesn’t the other article say something different?” asks the question before in the other document', () => {
    const [first, other] = converse(engine, 'how many mongolian students study in kazakhstan?', 'doesnt the other article say something different?');
    expect(other!.resolution.frame).toBe(first!.resolution.frame);
    expect(other!.resolution.documentId).not.toBe(first!.answer.passages[0]!.citation.documentId);
    // The two sources disagree (five a year against some 250): one answer gives each.
    const both = `${first!.answer.passages[0]!.text}\n${other!.answer.passages[0]!.text}`;
    expect(both).toContain('Only five Mongolian students study in Kazakhstan');
    expect(both).toContain('only around 250 Mongolian citizens have been accepted to study in Kazakhstan');
  });

  it('“what’s in it for mongolia?” asks what was said of its gain for the place', () => {
    const [, gain] = converse(engine, 'what does irgengioro think about regional cooperation in central asia?', 'whats in it for mongolia?');
    expect(gain!.resolution.kind).toBe('contextual');
    expect(gain!.resolution.resolved).toMatch(/^what’s in it for mongolia: what does irgengioro think about regional cooperation in central asia\?/);
  });
});

describe('an ellipsis after a reaction', () => {
  it('“and kyrgyzstan?” after “is that a lot?” asks the question reacted to of the new place, not the reaction', () => {
    const [, , kyrgyzstan] = converse(engine, 'how much does mongolia trade with kazakhstan?', 'is that a lot?', 'and kyrgyzstan?');
    expect(kyrgyzstan!.resolution.resolved).toBe('how much does mongolia trade with Kyrgyzstan?');
    const [, , year] = converse(engine, 'how many mongolians visited kazakhstan in 2019?', 'is that a lot?', 'and in 2018?');
    expect(year!.resolution.resolved).toBe('how many mongolians visited kazakhstan in 2018?');
  });

  it('“what about with china?” puts the place where the same preposition had one: the partner, not Mongolia', () => {
    const [, china] = converse(engine, 'how much does mongolia trade with kazakhstan?', 'what about with china?');
    expect(china!.resolution.resolved).toBe('how much does mongolia trade with China?');
  });
});

describe('a comparison with the other source', () => {
  it('“how does that compare with the op-ed?” asks the question of the op-ed in the journal article’s place, side by side', () => {
    const [, compared] = converse(engine, 'what does irgengioro say about the sco?', 'how does that compare with the op-ed?');
    expect(compared!.resolution.resolved).toBe('what does irgengioro say about the sco? / what does the op-ed say about the sco?');
    expect(compared!.answer.passages[0]!.paragraphId).toMatch(/^irgengioro-2022\//);
    const [, other] = converse(engine, 'why are mongolia and kazakhstan not closer?', 'compare that with the other article');
    expect(new Set(other!.resolution.sideBySide?.map((s) => s.documentId))).toEqual(new Set(['irgengioro-2022', 'miliate-2013']));
  });
});

describe('leaving is migrating', () => {
  it('“why did some leave?” after how many Kazakhs live in Mongolia finds those who went back to Kazakhstan', () => {
    const [, leave] = converse(engine, 'how many kazakhs live in mongolia?', 'why did some leave?');
    expect(leave!.answer.passages[0]!.text).toMatch(/Some 60,000 ethnic Kazakhs/);
  });
});

describe('a question about a document named in it, after a turn on something else', () => {
  it('“when did the paper come out?” is its date, not the question before asked of that paper', () => {
    const [, when] = converse(engine, 'does mongolia belong to the eaeu?', 'when did the paper come out?');
    expect(when!.resolution.documentId).toBe('irgengioro-2022');
    expect(when!.answer.lead[0]).toMatch(/published online 21 February 2022/);
    // ("what about the other article's author?" still asks the question before of the other one.)
    const [, , other] = converse(engine, 'where is the author of the irgengioro article based?', 'when was it accepted?', 'what about the other article’s author?');
    expect(other!.resolution.documentId).toBe('miliate-2013');
  });
});

describe('a follow-up said twice (“…, like …”) and laughter before it', () => {
  it('“haha ok, and how does that compare to china, i mean how many mongols visit” is the count before, of China', () => {
    const [, , china] = converse(engine, 'how many kazakhs visited mongolia in 2019?', 'and the other way round?', 'haha ok, and how does that compare to china, i mean how many mongols visit');
    expect(china!.resolution.kind).toBe('ellipsis');
    expect(china!.resolution.resolved).toMatch(/China/);
    expect(renderAnswerText(china!.answer)).toContain('1,494,300');
  });

  it('leaves a question whose comma starts no restatement as it was (“wait, so does it …”)', () => {
    const [, so] = converse(engine, 'what is the third neighbor policy?', 'wait, so does it include kazakhstan?');
    expect(so!.resolution.resolved).toMatch(/include kazakhstan/);
  });
});

describe('the writer of a piece a turn names, asked after it', () => {
  it('“the number is from the op-ed right? who wrote that” is the op-ed’s author', () => {
    const [, who] = converse(engine, 'how many mongolian students study in kazakhstan?', "wait, the 'only five' figure comes from the op-ed right? who wrote that");
    expect(who!.resolution.documentId).toBe('miliate-2013');
    expect(who!.answer.lead[0]).toMatch(/Brandon Miliate/);
  });
});

describe('“compare w/ …” with two places', () => {
  it('sets both against the place the question before asked of, the rest kept', () => {
    const [, , compared] = converse(engine, 'how many mongolian students are in kazakhstan?', 'and kyrgyzstan?', 'compare w/ s korea and china');
    expect(compared!.resolution.kind).toBe('ellipsis');
    expect(compared!.resolution.resolved).toMatch(/^how many mongolian students are in South Korea and China\?$/i);
  });
});

describe('“the policy” after the third neighbor policy', () => {
  it('asks about that policy, in the journal article it names', () => {
    const [, , working] = converse(engine, "what's mongolia's 'third neighbor' policy?", 'is kazakhstan one of them?', 'does the policy still work? the journal article seems doubtful');
    expect(working!.resolution.resolved).toMatch(/the 'third neighbor' policy/);
    expect(working!.answer.passages.map((p) => p.text).join(' ')).toMatch(/as it currently stands is under strain/);
  });
});

describe('a question after what a whole paper argues', () => {
  it('is asked of that paper, not of its summary’s words', () => {
    const [, theory] = converse(engine, 'in one sentence, what does the irgengioro article argue?', 'why would small states like these band together, in theory?');
    expect(theory!.resolution.documentId).toBe('irgengioro-2022');
    expect(theory!.resolution.resolved).not.toMatch(/\b(?:argue|sentence|overall)\b/);
    expect(theory!.answer.passages[0]!.text).toMatch(/building coalitions with other weak states/);
  });

  it('but a question on a topic “in a nutshell” is a topic, and its words carry', () => {
    const [, kaz] = converse(engine, "what is mongolia's 'third neighbor' policy in a nutshell", 'is kaz one of them?');
    expect(kaz!.resolution.resolved).toMatch(/neighbor/);
  });
});

describe('“its” owned by a place the turn names', () => {
  it('“what has mongolia done to show off its western credentials” asks about Mongolia, not the author’s credentials', () => {
    const [, shown] = converse(engine, 'why is mongolia wary of getting close to kazakhstan, according to the op-ed?', 'what has mongolia done to prove its democratic credentials?');
    expect(shown!.answer.lead.join(' ')).not.toMatch(/PhD student/);
    expect(shown!.answer.passages[0]!.text).toMatch(/Partnership for Peace/);
  });

  it('a word of the answer before that would ask about the document (“credentials”) is not carried as context', () => {
    const [, , osce] = converse(engine, 'why is mongolia wary of getting close to kazakhstan, according to the op-ed?', 'what has mongolia done to prove democratic credentials?', 'when did it join the osce?');
    expect(osce!.resolution.resolved).not.toMatch(/credentials/);
  });
});

describe('a lead trailing off, an arrow, and a long remark after a follow-up', () => {
  it('“vs kyrgyzstan... what did mongolia sell them that year” asks the question of Kyrgyzstan, the year kept', () => {
    const [, , kyrgyz] = converse(engine, 'what did mongolia import from china in 2019?', 'and exports?', 'vs kyrgyzstan... what did mongolia sell them that year');
    expect(kyrgyz!.resolution.resolved).toMatch(/^what did mongolia sell Kyrgyzstan in 2019\?/);
  });

  it('“and kyrg -> mongolia? i think the table and the text give different numbers” is that flow, both sources’ figures given', () => {
    const [, back] = converse(engine, 'what did mongolia sell kyrgyzstan in 2019?', 'and kyrg -> mongolia? pretty sure the table and the text disagree on it');
    expect(back!.resolution.kind).toBe('ellipsis');
    expect(back!.resolution.resolved).toMatch(/^what did kyrgyzstan sell mongolia in 2019\?$/i);
    const text = renderAnswerText(back!.answer);
    expect(text).toContain('2.32');
    expect(text).toContain('2.39');
  });
});

describe('“each other” after a question on two places', () => {
  it('is those places, though the turn names something of its own (“the soviet camp”)', () => {
    const [, mutual] = converse(engine, 'when did mongolia and kyrgyzstan start diplomatic relations?', 'but werent they both in the soviet bloc before that, did they not deal with each other?');
    expect(mutual!.resolution.kind).toBe('contextual');
    expect(mutual!.resolution.resolved).toMatch(/\(mongolia, kyrgyzstan\b/i);
  });
});

describe('“and kaz? is the govt there …”', () => {
  it('is the question of its own asked of the place, as after “and kyrgyzstan? what do they …”', () => {
    const [, kaz] = converse(engine, 'has there been any public pushback against chinese projects in kyrgyzstan?', 'and kaz? is the govt there standing up to beijing at all');
    expect(kaz!.resolution.resolved).toMatch(/^is the government in Kazakhstan standing up to beijing at all\?/);
    expect(kaz!.answer.passages[0]!.text).toMatch(/Kazakhstani government's increasing subservience/);
  });
});
