import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src/engine.js';
import { converse } from './conversing.js';

/**
 * Moves people make in a chat that a fourth round of conversations, written by someone who
 * had not seen how Steppe reads them, showed it missing. One spec per rule, with questions
 * of its own (not the evaluation sets').
 */

let engine: Engine;
beforeAll(async () => {
  engine = await createEngine();
});

describe('a turn that says it changes the subject', () => {
  it('“different q: …”, “unrelated but …”, “changing the subject, …” are answered on their own, without the words saying so', () => {
    for (const opener of ['different q: ', 'unrelated but ', 'changing the subject, ', 'new question: ', 'on a different note, ']) {
      const [, next] = converse(engine, 'what is the third neighbor policy?', `${opener}what is the SCO?`);
      expect(next!.resolution.kind).toBe('standalone');
      expect(next!.resolution.resolved).toBe('what is the SCO?');
    }
  });

  it('a document the new question names is still searched alone', () => {
    const [, next] = converse(engine, 'what is the third neighbor policy?', 'unrelated but who funded the irgengioro paper?');
    expect(next!.resolution.documentId).toBe('irgengioro-2022');
  });
});

describe('“that decade”', () => {
  it('is the decade of the year the conversation was on, written as the text writes decades', () => {
    const [, , decade] = converse(engine, 'what did the 1994 foreign policy concept say about central asia?', 'who pushed for a westward orientation?', 'what did mongolia and kazakhstan build in that decade?');
    expect(decade!.resolution.resolved).toMatch(/^what did mongolia and kazakhstan build in the 1990s\?/);
    const [, own] = converse(engine, 'what did the 1994 foreign policy concept say about central asia?', 'what happened in that decade in 2005?');
    expect(own!.resolution.resolved).not.toMatch(/1990s/);
  });
});

describe('“back then” after a decade', () => {
  it('is that decade, as it was written (“in the 90s”), even across a turn that did not repeat it', () => {
    const [, direct] = converse(engine, 'what did mongolia make of central asia in the 90s?', 'what did they export to kyrgyzstan back then');
    expect(direct!.resolution.resolved).toMatch(/^what did they export to kyrgyzstan in the 90s\b/);
    const [, why, then] = converse(engine, 'what did mongolia make of central asia in the 90s?', 'why?', 'what did they export to kyrgyzstan back then');
    expect(why!.resolution.resolved).toContain('the 90s');
    expect(then!.resolution.resolved).toMatch(/in the 90s/);
  });

  it('leaves a turn that says its own period alone', () => {
    const [, next] = converse(engine, 'what did mongolia make of central asia in the 90s?', 'and in the 2010s, back then?');
    expect(next!.resolution.resolved).not.toMatch(/in the 90s/);
  });
});

describe('one part of what was asked', () => {
  it('“just the economic side”, “the trade part only” ask the question before, narrowed to that part', () => {
    const [, side] = converse(engine, 'how does mongolia deal with china?', 'just the economic side');
    expect(side!.resolution.resolved).toBe('just the economic side: how does mongolia deal with china?');
    const [, part] = converse(engine, 'how does mongolia deal with china?', 'the trade part only');
    expect(part!.resolution.resolved).toBe('the trade part only: how does mongolia deal with china?');
  });
});

describe('“what does that have to do with X?”', () => {
  it('asks how what was said bears on X: read with the answer before, not alone', () => {
    const [first, next] = converse(engine, 'has kazakhstan given in to beijing on political issues?', 'what does that have to do with the bri?');
    expect(next!.resolution.kind).toBe('contextual');
    expect(next!.resolution.resolved).toMatch(/\(kazakhstan, beijing\b/);
    expect(next!.answer.passages[0]!.paragraphId).toBe(first!.answer.passages[0]!.paragraphId);
  });
});

describe('a turn that moves to another place', () => {
  it('asks what was asked of the new place, not what was said of the old one', () => {
    const [, program, moved] = converse(engine, 'did kazakhstan just passively accept the bri?', 'whats that program called', 'and mongolia, what does it want from the corridor?');
    // The programme named of Kazakhstan ("Nurly Zhol") is read into the turn that stays with it …
    expect(program!.resolution.resolved).toMatch(/Nurly|Zhol/);
    // … not into the one that moves to Mongolia.
    expect(moved!.resolution.resolved).not.toMatch(/Nurly|Zhol|passively/);
  });
});

describe('a short follow-up, then a remark', () => {
  it('“kyrgyzstan too? it’s tiny” is read as “kyrgyzstan too?”', () => {
    const [, remarked] = converse(engine, 'is mongolia a weak state?', 'kyrgyzstan too? it’s tiny');
    const [, bare] = converse(engine, 'is mongolia a weak state?', 'kyrgyzstan too?');
    expect(remarked!.resolution.resolved).toBe(bare!.resolution.resolved);
    expect(remarked!.resolution.kind).toBe('ellipsis');
  });

  it('“kazakhstan too tho? its huge” and “and kyrgyzstan though?”: the shrug closing the follow-up is not part of it', () => {
    const [, bare] = converse(engine, 'is mongolia a weak state?', 'kazakhstan too?');
    const [, shrugged] = converse(engine, 'is mongolia a weak state?', 'kazakhstan too tho? its huge and has oil');
    expect(shrugged!.resolution.kind).toBe('ellipsis');
    expect(shrugged!.resolution.resolved).toBe(bare!.resolution.resolved);
    const [, though] = converse(engine, 'is mongolia a weak state?', 'and kyrgyzstan though?');
    expect(though!.resolution.resolved).toMatch(/^is Kyrgyzstan a weak state\?/);
  });

  it('a question of many words with a remark stays whole', () => {
    const [, next] = converse(engine, 'is mongolia a weak state?', 'what does the journal article say about kyrgyzstan and its debt to china? i read it was high');
    expect(next!.resolution.resolved).toContain('debt');
  });
});

describe('a new topic for the same places', () => {
  it('is a new topic though the answer before used its word: what was asked decides, not the words it was read with', () => {
    const [, , tourism] = converse(engine, 'how many mongolian students study in kazakhstan?', 'does miliate give the same figure?', 'ok what about tourism, how many mongolians visit kazakhstan');
    expect(tourism!.resolution.resolved).toBe('tourism, how many mongolians visit kazakhstan');
  });

  it('with places of its own, is not limited to the document an earlier turn chose', () => {
    const [, same, tourism] = converse(engine, 'how many mongolian students study in kazakhstan?', 'does miliate give the same figure?', 'ok what about tourism, how many mongolians visit kazakhstan');
    expect(same!.resolution.documentId).toBe('miliate-2013');
    expect(tourism!.resolution.documentId).toBeNull();
  });
});

describe('a question opening with “anything”', () => {
  it('“anything happening already?” is a question leaning on the one before, not a new topic', () => {
    const [, next] = converse(engine, 'could mongolia and kazakhstan cooperate on agriculture?', 'anything happening already?');
    expect(next!.resolution.kind).toBe('contextual');
    expect(next!.resolution.resolved).toMatch(/\(mongolia, kazakhstan/);
  });
});

describe('asking another document for what was said', () => {
  it('“does irgengioro say anything similar about japan?” looks in that document for what was said before, of Japan', () => {
    const [, next] = converse(engine, 'what does miliate say about mongolia courting democracies?', 'does irgengioro say anything similar about japan?');
    expect(next!.resolution.kind).toBe('contextual');
    expect(next!.resolution.documentId).toBe('irgengioro-2022');
    expect(next!.resolution.resolved).toMatch(/japan/);
    expect(next!.resolution.resolved).toMatch(/democracies/);
  });

  it('does not carry the other document’s author into a turn that names a document', () => {
    const [, next] = converse(engine, 'what does irgengioro say about mongolia and the us?', 'and how does miliate explain the china side');
    expect(next!.resolution.documentId).toBe('miliate-2013');
    expect(next!.resolution.resolved).not.toMatch(/irgengioro/i);
  });
});

describe('what people type when they did not follow, or want the source or more', () => {
  it('“huh?”, “i dont get it”, “can you rephrase that?” restate the answer before in short, not search those words', () => {
    for (const turn of ['huh?', '?', '??', 'i dont get it', 'can you rephrase that?', 'say that again', 'come again?', 'short version?', 'shorter version pls']) {
      const [first, next] = converse(engine, 'does mongolia have an embassy in kazakhstan?', turn);
      expect(next!.resolution.kind).toBe('source');
      expect(next!.answer.lead.join(' ')).toMatch(/^In short/);
      expect(next!.answer.passages[0]!.paragraphId).toBe(first!.answer.passages[0]!.paragraphId);
    }
  });

  it('“citation needed”, “[source?]” ask for the source of the answer before', () => {
    for (const turn of ['citation needed', '[citation needed]', 'source?', '[source?]']) {
      const [, next] = converse(engine, 'does mongolia have an embassy in kazakhstan?', turn);
      expect(next!.resolution.kind).toBe('source');
    }
  });

  // ("and then?" reads on from the passage shown instead: what came next, readOn.test.ts and followUps.test.ts.)
  it('“more pls”, “next please”, “and?” page the answer before', () => {
    for (const turn of ['more pls', 'next please', 'pls more', 'and?']) {
      const [, next] = converse(engine, 'does mongolia have an embassy in kazakhstan?', turn);
      expect(next!.resolution.kind).toBe('more');
      expect(next!.resolution.offset).toBeGreaterThan(0);
    }
  });
});

describe('those asks with nothing answered yet', () => {
  it('say to ask a question first, rather than search “citation”, “huh” or “more”', () => {
    for (const [turn, said] of [['citation needed', /no answer yet to give the source of/], ['huh?', /no answer yet to sum up/], ['more pls', /nothing to page yet/]] as const) {
      const [first] = converse(engine, turn);
      expect(first!.answer.status).toBe('invalid');
      expect(first!.answer.message).toMatch(said);
    }
  });

  it('a question that only uses those words is still searched', () => {
    const [first] = converse(engine, 'more about the bri');
    expect(first!.answer.status).toBe('answered');
  });
});

describe('a place stressed, a correction, “say more”, a pronoun for the place before', () => {
  it('“and Kyrgyzstan specifically?”, “and in Kyrgyzstan’s case?”, “what about Kyrgyzstan in particular?” are “and Kyrgyzstan?”', () => {
    for (const turn of ['and kyrgyzstan specifically?', "and in kyrgyzstan's case?", 'what about kyrgyzstan in particular?', 'and kyrgyzstan for its part?']) {
      const [, next] = converse(engine, 'is mongolia worried about debt to china?', turn);
      expect(next!.resolution.kind, turn).toBe('ellipsis');
      expect(next!.resolution.resolved, turn).toMatch(/^is Kyrgyzstan worried about debt to china\?$/i);
    }
  });

  it('“no, I meant the other way” and “sorry, i meant imports” correct the question before', () => {
    const [, flipped] = converse(engine, 'how much did mongolia export to kyrgyzstan in 2017?', 'no, I meant the other way');
    expect(flipped!.resolution.resolved).toMatch(/kyrgyzstan export to mongolia in 2017/i);
    const [, imports] = converse(engine, 'how much did mongolia export to kyrgyzstan in 2017?', 'sorry, i meant imports');
    expect(imports!.resolution.resolved).toMatch(/mongolia import from kyrgyzstan in 2017/i);
    // ("I meant it" is no correction.)
    const [, meant] = converse(engine, 'is mongolia a weak state?', 'i mean it, is it?');
    expect(meant!.resolution.resolved).not.toMatch(/^and /);
  });

  it('“say more”, “can you elaborate?”, “tell me more about that” ask for more support of the answer before', () => {
    for (const turn of ['say more', 'can you elaborate?', 'tell me more about that', 'could you expand on that please']) {
      const [, next] = converse(engine, 'what is the third neighbor policy?', turn);
      expect(next!.resolution.kind, turn).toBe('support');
      expect(next!.resolution.resolved, turn).toMatch(/third neighbor policy/);
    }
  });

  it('“does it …” with a place of its own as the object: “it” is the place asked about before', () => {
    const [, next] = converse(engine, "how does kyrgyzstan's elite shape its foreign policy?", 'does it lean towards russia at all?');
    expect(next!.resolution.resolved).toMatch(/^does kyrgyzstan lean towards russia at all\?/i);
    // "they" for several places; "does it matter for …" keeps "it" as what was said.
    const [, they] = converse(engine, 'do mongolia and kazakhstan trade much?', 'do they sell anything to china?');
    expect(they!.resolution.resolved).toMatch(/^do mongolia and kazakhstan sell anything to china\?/i);
    const [, matter] = converse(engine, "how does kyrgyzstan's elite shape its foreign policy?", 'does it matter for china?');
    expect(matter!.resolution.resolved).not.toMatch(/^does kyrgyzstan matter/i);
  });

  it('“how’s that different from Uzbekistan?” asks the question before of that place', () => {
    const [, next] = converse(engine, 'why does kazakhstan pursue a multi-vector foreign policy?', "how's that different from uzbekistan?");
    expect(next!.resolution.kind).toBe('ellipsis');
    expect(next!.resolution.resolved).toMatch(/^why does uzbekistan pursue a multi-vector foreign policy\?/i);
  });
});

describe('“who reported on that?”', () => {
  it('asks for the source of the answer before, like “who said that?”', () => {
    for (const turn of ['who reported on that?', 'who found that?', 'who documented this?']) {
      const [, next] = converse(engine, 'are kazakh activists on xinjiang being imprisoned?', turn);
      expect(next!.resolution.kind, turn).toBe('source');
    }
  });
});

describe('asking on what the answer rests', () => {
  it('“on what grounds?”, “what does he put that down to?”, “what does it blame that on then?” ask for support', () => {
    for (const turn of ['on what grounds?', 'on what basis', 'what does he put that down to?', 'what does it blame that on then?', 'why does he think so?']) {
      const [, next] = converse(engine, 'why did olzvoy think central asia was no use to mongolia?', turn);
      expect(next!.resolution.kind, turn).toBe('support');
    }
  });

  it('“keep going - did people take to the streets?” asks its question in the context of the answer before', () => {
    const [, next] = converse(engine, 'what went wrong with bri projects in kyrgyzstan?', 'keep going - did people actually take to the streets?');
    expect(next!.resolution.kind).toBe('contextual');
    expect(next!.resolution.resolved).toMatch(/^did people actually take to the streets\? \(.*Kyrgyzstan/i);
  });

  it('“hi all, …” is a greeting to the channel before a follow-up, not its words', () => {
    const [, next] = converse(engine, 'what is mongolia’s multi-vector foreign policy?', 'hi all, and kazakhstan’s flavour of it?');
    expect(next!.resolution.resolved).toMatch(/^kazakhstan’s flavour of mongolia’s multi-vector foreign policy/i);
  });
});

describe('“why not? is it a democracy thing”', () => {
  it('asks for support, with the reason the asker guesses searched too; a remark that guesses nothing adds nothing', () => {
    const [, guessed] = converse(engine, 'is kazakhstan one of mongolia’s third neighbours in the east asia forum piece?', 'why not? is it a democracy thing');
    expect(guessed!.resolution.kind).toBe('support');
    expect(guessed!.resolution.resolved).toMatch(/democracy\)$/);
    const [, remark] = converse(engine, 'is kazakhstan one of mongolia’s third neighbours in the east asia forum piece?', 'why not? i don’t get it');
    expect(remark!.resolution.kind).toBe('support');
    expect(remark!.resolution.resolved).not.toMatch(/get/);
  });
});

describe('“and kyrgyzstan? what do they buy from mongolia”', () => {
  it('asks the question after the place, of the place, in the context of the question before', () => {
    const [, next] = converse(engine, 'what does mongolia export to kazakhstan?', 'and kyrgyzstan? what do they buy from mongolia');
    expect(next!.resolution.kind).toBe('contextual');
    expect(next!.resolution.resolved).toMatch(/^what do Kyrgyzstan buy from mongolia\? \(export/);
    const [, there] = converse(engine, 'how many mongolian students study in kazakhstan?', 'what about kyrgyzstan? how many of them study there');
    expect(there!.resolution.resolved).toMatch(/^how many of the mongolian students study in Kyrgyzstan\?/);
  });

  it('leaves a short follow-up with a remark as it was: “kazakhstan too? it is pretty big”', () => {
    const [, next] = converse(engine, 'does mongolia border russia?', 'kazakhstan too? it is pretty big');
    expect(next!.resolution.resolved).not.toMatch(/big/);
  });
});

describe('“there” after a noun: the place talked about', () => {
  it('“i heard the government there is pretty authoritarian. why?” is asked of the places before', () => {
    const [, next] = converse(engine, 'what does kazakhstan export to mongolia?', 'i heard the government there is pretty authoritarian. why?');
    expect(next!.resolution.kind).toBe('contextual');
    // ("there" is the place abroad of the two: Kazakhstan.)
    expect(next!.resolution.resolved).toMatch(/^i heard the government in kazakhstan is pretty authoritarian\. why\?/i);
  });

  it('“there are …” points at no place', () => {
    for (const turn of ['there are other regional forums too, what are they?', 'so there is a third neighbour policy, who are the neighbours?']) {
      const [, next] = converse(engine, 'what does kazakhstan export to mongolia?', turn);
      expect(next!.resolution.resolved, turn).not.toMatch(/\(kazakhstan, mongolia/);
    }
  });
});

describe('“that region”, “this country”: the place talked about', () => {
  it('makes a turn with a place of its own a follow-up too: “when did mongolia open a consulate in that region?”', () => {
    const [, next] = converse(engine, 'how many kazakhs live in mongolia’s bayan-ulgii province?', 'when did mongolia open a consulate in that region?');
    expect(next!.resolution.kind).toBe('contextual');
    expect(next!.resolution.resolved).toMatch(/\(bayan-ulgii/);
  });
});

describe('“they” before another place the turn names', () => {
  it('is still the parties before: “how did they deal with russia then?”', () => {
    const [, next] = converse(engine, 'what did mongolia and kazakhstan agree on in the 90s?', 'how did they deal with russia then?');
    expect(next!.resolution.resolved).toMatch(/\(mongolia, kazakhstan/);
  });

  it('is the place named first: “and russia, what did they want?”', () => {
    const [, next] = converse(engine, 'what did mongolia and kazakhstan agree on in the 90s?', 'and russia, what did they want?');
    expect(next!.resolution.resolved).not.toMatch(/mongolia|kazakhstan/i);
  });
});

describe('“someone else …, what was his case?”', () => {
  it('“his” is the someone else the turn brings in, not the person before', () => {
    const [, next] = converse(engine, 'what does radchenko say about mongolia and russia?', 'someone else argued the opposite. what was his reason?');
    expect(next!.resolution.resolved).toMatch(/what was his reason\?/);
    expect(next!.resolution.resolved).not.toMatch(/reliability|bulwark/);
  });
});

describe('the same question of another place, said as a comparison', () => {
  it('“compare that with kyrgyzstan” is the question before of Kyrgyzstan', () => {
    const [, next] = converse(engine, 'what did mongolia and kazakhstan agree on in the 90s?', 'compare that with kyrgyzstan');
    expect(next!.resolution.kind).toBe('ellipsis');
    expect(next!.resolution.resolved).toBe('what did mongolia and Kyrgyzstan agree on in the 90s?');
  });

  it('“who’d have to make the first move?” is an idiom, not the first item of a list', () => {
    for (const [first, turn] of [['what are miliate’s three barriers?', 'who’d have to make the first move?'], ['which three central asian states did mongolia court after independence?', 'who made the first move?']]) {
      const [, next] = converse(engine, first!, turn!);
      expect(next!.resolution.kind, turn).not.toBe('ordinal');
    }
  });
});

describe('“who’s cited for that?”', () => {
  it('asks for the works the answer before is cited to', () => {
    for (const turn of ['who’s cited for that?', 'who is quoted on this?', 'which works are cited for that claim?', 'who was credited with that?']) {
      const [, next] = converse(engine, 'why is kazakhstan important for the BRI?', turn);
      expect(next!.resolution.kind, turn).toBe('source');
    }
    const [, cited] = converse(engine, 'why is kazakhstan important for the BRI?', 'who’s cited for that?');
    expect(cited!.answer.lead.join('\n')).toMatch(/citing /);
  });

  it('is no source question when the turn asks what is cited about a topic of its own', () => {
    const [, topic] = converse(engine, 'why is kazakhstan important for the BRI?', 'who is cited on debt in kyrgyzstan?');
    expect(topic!.resolution.kind).not.toBe('source');
  });
});

describe('the same question of another place, however it is put', () => {
  it('each is the question before with the place put in', () => {
    const ways = ['and for kyrgyzstan?', 'same question for kyrgyzstan', 'ok what about kyrgyzstan then', 'kyrgyzstan?', 'is it the same for kyrgyzstan?', 'same for kyrgyzstan pls', 'kyrgyzstan too?', 'ditto for kyrgyzstan'];
    for (const turn of ways) {
      const [, next] = converse(engine, 'is mongolia worried about debt to china?', turn);
      expect(next!.resolution.resolved, turn).toMatch(/^is Kyrgyzstan worried about debt to china\?$/i);
    }
  });
});

describe('asking why, however it is put', () => {
  it('each asks for support of the answer before', () => {
    const ways = ['why?', 'but why tho', 'how come?', "what's the reason?", 'any evidence?', 'proof?', 'reasons?', 'interesting, why?', 'examples pls', 'for example?', 'such as?'];
    for (const turn of ways) {
      const [, next] = converse(engine, 'why are mongolia and kazakhstan so distant?', turn);
      expect(next!.resolution.kind, turn).toBe('support');
      expect(next!.resolution.resolved, turn).toMatch(/why are mongolia and kazakhstan so distant\?/);
    }
  });
});

describe('asking for the source, however it is put', () => {
  it('each asks for the source of the answer before', () => {
    const ways = ['who said that?', 'source?', 'sauce?', 'src?', "where's that from?", 'which paper is that from?', 'what page is that on?', 'can i get the citation?', 'who is that quote from', 'whose claim is that?', 'where did you get that?'];
    for (const turn of ways) {
      const [, next] = converse(engine, 'what did radchenko say about mongolia and russia?', turn);
      expect(next!.resolution.kind, turn).toBe('source');
    }
  });
});

describe('“since then?” after a figure of a year', () => {
  it('is every year from that one the tables hold', () => {
    const [, next] = converse(engine, 'how much did mongolia export to kazakhstan in 2015?', 'trend since then?');
    const years = [...next!.answer.lead.join('\n').matchAll(/ in (\d{4}):/g)].map((m) => Number(m[1]));
    expect(years).toEqual([2015, 2016, 2017, 2018, 2019]);
  });
});

describe('the other source, however it is put', () => {
  it('“what does the other one say?” asks the question before of the other document', () => {
    const [first, next] = converse(engine, 'why are mongolia and kazakhstan so distant?', 'what does the other one say?');
    const firstDoc = first!.answer.passages[0]!.paragraphId.split('/')[0];
    expect(next!.resolution.documentId).not.toBe(firstDoc);
    expect(next!.resolution.documentId).not.toBeNull();
    expect(next!.resolution.resolved).toMatch(/why are mongolia and kazakhstan so distant\?/);
  });

  it('“is that consistent with miliate?” looks for what was said in that document; “any disagreement between the sources?” sets them side by side', () => {
    const [, consistent] = converse(engine, 'why are mongolia and kazakhstan so distant?', 'is that consistent with miliate?');
    expect(consistent!.resolution.kind).not.toBe('standalone');
    expect(consistent!.resolution.documentId).toBe('miliate-2013');
    const [, disagree] = converse(engine, 'why are mongolia and kazakhstan so distant?', 'any disagreement between the sources?');
    expect(disagree!.resolution.perDocument).toBeTruthy();
  });
});

describe('a question of nothing but places', () => {
  it('“what’s the deal with X and Y?” is shown as asked of them, and makes them the “they” of the next turn', () => {
    const [deal, closer] = converse(engine, 'yo whats the deal with mongolia and kazakhstan', 'why arent they closer');
    expect(deal!.resolution.resolved).toBe('what about mongolia and kazakhstan');
    // Asked of the two places, not with the words the overview answer happened to use.
    expect(closer!.resolution.resolved).toBe('why aren’t mongolia and kazakhstan closer');
    const [, alone] = converse(engine, 'what is the third neighbor policy?', 'why aren’t mongolia and kazakhstan closer');
    expect(closer!.answer.passages[0]!.paragraphId).toBe(alone!.answer.passages[0]!.paragraphId);
  });

  it('a turn with a noun of its own for “they” keeps it: “did they ever come back” after the flights', () => {
    const [, flights] = converse(engine, 'what about mongolia and kazakhstan', 'when did the direct flights stop and did they ever come back');
    expect(flights!.resolution.resolved).not.toMatch(/did mongolia and kazakhstan ever/);
  });
});

describe('“there” after a place', () => {
  it('is the place talked about: “whats the population there?” after Kyrgyzstan’s exports asks it of Kyrgyzstan, not of the exports', () => {
    const [, kyrgyz, population] = converse(engine, 'what are kazakhstans main exports?', 'and kyrgyzstan?', 'whats the population there?');
    expect(kyrgyz!.resolution.resolved).toBe('what are Kyrgyzstan’s main exports?');
    expect(population!.resolution.resolved).toBe('what’s the population in Kyrgyzstan?');
  });

  it('but not “in there” (in that row) or “isn’t there” (a there of being)', () => {
    const [, rapeseed] = converse(engine, 'what did kazakhstan sell to mongolia in 2015?', 'any rapeseed in there?');
    expect(rapeseed!.resolution.resolved).not.toContain('in Kazakhstan');
    const [, downside] = converse(engine, 'why does kazakhstan pursue a multi-vector policy?', 'isn’t there a downside to that?');
    expect(downside!.resolution.resolved).not.toContain('in Kazakhstan');
  });
});

describe('“the country” after a place', () => {
  it('is the place talked about, as “there” is: “who leads the country?” after Kazakhstan’s foreign policy', () => {
    const [, leads] = converse(engine, "what is kazakhstan's foreign policy?", 'who leads the country?');
    expect(leads!.resolution.resolved).toMatch(/^who leads kazakhstan\?$/i);
  });

  it('but not where the turn names a place of its own', () => {
    const [, embassy] = converse(engine, "what is kazakhstan's foreign policy?", 'does mongolia see the country as a partner?');
    expect(embassy!.resolution.resolved).not.toContain('see Kazakhstan');
  });
});

describe('“the other article” as the teller', () => {
  it('is the other of the document the answer before came from, asked with the topic before, though its noun names a kind of document', () => {
    const [member, other] = converse(engine, 'so is mongolia a member of the sco', 'and what does the other article say about kazakhstan on that front');
    const before = member!.answer.passages[0]!.paragraphId.split('/')[0];
    expect(other!.resolution.documentId).not.toBe(before);
    expect(other!.resolution.documentId).not.toBeNull();
    expect(other!.resolution.resolved).toMatch(/\bsco\b/i);
  });
});

describe('“the other article” with a verb of its own', () => {
  it('“how does the other article treat it?” leans on the conversation: the other document, with the topic before', () => {
    const [, treat] = converse(engine, 'what does miliate say about the sco?', 'how does the other article treat it?');
    expect(treat!.resolution.kind).not.toBe('standalone');
    expect(treat!.resolution.documentId).toBe('irgengioro-2022');
    expect(treat!.resolution.resolved).toMatch(/\bsco\b/i);
  });
});

describe('whether the document discussed mentions something', () => {
  it('“any mention of russia?”, “does it mention japan?” ask it of the document the answer before came from', () => {
    for (const turn of ['any mention of russia?', 'does it mention japan?', 'is there anything on the SCO?']) {
      const [first, asked] = converse(engine, 'what does miliate say about the third neighbours?', turn);
      const doc = first!.answer.passages[0]!.paragraphId.split('/')[0];
      expect(asked!.resolution.documentId, turn).toBe(doc);
      expect(asked!.resolution.resolved, turn).toMatch(/^what does it say about (?:russia|japan|the SCO)\?$/);
      expect(asked!.answer.passages.every((p) => p.paragraphId.startsWith(`${doc}/`)), turn).toBe(true);
    }
  });
});

describe('“and X?” after a question asked on something', () => {
  it('swaps what the question before was asked on: “and the csto?” after “… say about the sco?”', () => {
    const [, csto] = converse(engine, 'what does irgengioro say about the sco?', 'and the csto?');
    expect(csto!.resolution.resolved).toBe('what does irgengioro say about the csto?');
    expect(csto!.resolution.documentId).toBe('irgengioro-2022');
  });

  it('but a place, a year or a pronoun is the ellipsis’s, and a question of a count keeps its own reading', () => {
    const [, kyrgyz] = converse(engine, 'what does irgengioro say about kazakhstan?', 'and kyrgyzstan?');
    expect(kyrgyz!.resolution.resolved).toMatch(/kyrgyzstan/i);
    expect(kyrgyz!.resolution.resolved).not.toMatch(/about kazakhstan/i);
    const [, students] = converse(engine, 'how many tourists went from mongolia to kazakhstan?', 'what about students?');
    expect(students!.resolution.resolved).toMatch(/^how many students/);
  });
});
