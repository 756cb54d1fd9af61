import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answer.js';
import { answerTurn } from '../../src/conversation/converse.js';
import { findEnumerations, findOrdinalReference, findSequence } from '../../src/conversation/lists.js';
import { attributedPeople } from '../../src/conversation/people.js';
import { emptyConversation } from '../../src/conversation/state.js';
import { createEngine, type Engine } from '../../src/engine.js';
import { goldRank, parseEvalFile } from '../../src/eval/score.js';
import { renderAnswerText } from '../../src/render/text.js';
import { converse } from './conversing.js';

/**
 * How a turn is read in the conversation before it. Each rule is general (how people
 * follow up), so each spec uses a question of its own, not the evaluation sets'.
 */

let engine: Engine;
beforeAll(async () => {
  engine = await createEngine();
});


describe('elliptical turns take the previous frame with the new part put in', () => {
  it('a new place replaces the place the question was about, not the corpus’s pivot', () => {
    const [, r] = converse(engine, 'how many tourists from kazakhstan visited mongolia in 2019?', 'and from kyrgyzstan?');
    expect(r!.resolution.kind).toBe('ellipsis');
    expect(r!.resolution.resolved).toBe('how many tourists from Kyrgyzstan visited mongolia in 2019?');
  });

  it('a new year replaces the year; "the other way round" swaps the two countries', () => {
    const [, year, flip] = converse(engine, 'how much did mongolia export to kyrgyzstan in 2019?', 'and in 2016?', 'the other way round?');
    expect(year!.resolution.resolved).toBe('how much did mongolia export to kyrgyzstan in 2016?');
    expect(flip!.resolution.resolved).toBe('how much did kyrgyzstan export to mongolia in 2016?');
  });

  it('"both ways" asks for both trade flows, and the answer shows both values', () => {
    const [, both] = converse(engine, 'how much did kazakhstan export to mongolia in 2019?', 'and in 2016, both ways?');
    const text = renderAnswerText(both!.answer);
    const rows = engine.corpus.documents.flatMap((d) => d.tables).filter((r) => r.partner === 'Kazakhstan' && r.year === 2016);
    expect(rows).toHaveLength(2);
    for (const r of rows) expect(text).toContain(r.valueText);
  });
});

describe('chat as people type it', () => {
  it('greetings and fillers are not part of the question; a misspelt country still swaps in', () => {
    const [first, second, third] = converse(engine, 'hey steppe, how much did mongolia export to kazakhstan in 2019?', 'thanks! and kyrgystan?', 'hm and the reverse');
    expect(first!.resolution.resolved).toBe('how much did mongolia export to kazakhstan in 2019?');
    expect(second!.resolution.kind).toBe('ellipsis');
    expect(second!.resolution.resolved).toBe('how much did mongolia export to Kyrgyzstan in 2019?');
    expect(third!.resolution.resolved).toBe('how much did Kyrgyzstan export to mongolia in 2019?');
  });

  it('"what about tourism?" keeps the places and drops the old topic; a later "and from kyrgyzstan?" swaps the place', () => {
    const [, topic, place] = converse(engine, 'how many mongolian students study in kazakhstan?', 'what about tourism?', 'and from kyrgyzstan?');
    expect(topic!.resolution.resolved).toBe('tourism? (mongolian, kazakhstan)');
    expect(place!.resolution.resolved).toMatch(/^tourism\? \(mongolian, Kyrgyzstan\)/);
    expect(renderAnswerText(place!.answer)).toMatch(/citizens of Kyrgyzstan make up an even smaller number/);
  });

  it('"and what does the other article say?" asks the same question in the other document', () => {
    const [first, other] = converse(engine, 'how many mongolian students study in kazakhstan, according to the east asia forum piece?', 'and what does the other article say?');
    expect(first!.answer.passages[0]!.paragraphId).toMatch(/^miliate-2013\//);
    expect(other!.resolution.documentId).toBe('irgengioro-2022');
    expect(other!.resolution.resolved).toBe('how many mongolian students study in kazakhstan?');
    expect(other!.answer.passages[0]!.paragraphId).toMatch(/^irgengioro-2022\//);
  });
});

describe('time references', () => {
  it('"that year" is the year of the turn before', () => {
    const [, , r] = converse(engine, 'how much did mongolia export to kyrgyzstan in 2016?', 'and 2018?', 'what did kyrgyzstan sell to mongolia that year?');
    expect(r!.resolution.resolved).toMatch(/^what did kyrgyzstan sell to mongolia in 2018\?/);
    const row = engine.corpus.documents.flatMap((d) => d.tables).find((t) => t.partner === 'Kyrgyzstan' && t.year === 2018 && t.direction === 'imports')!;
    expect(renderAnswerText(r!.answer)).toContain(row.valueText);
  });
});

describe('pronouns and missing subjects borrow from the turns before', () => {
  it('"where do most of them live?" searches with the previous subject', () => {
    const [, r] = converse(engine, 'how many Kazakhs live in Mongolia?', 'where do most of them live?');
    expect(r!.resolution.kind).toBe('contextual');
    expect(renderAnswerText(r!.answer)).toContain('Bayan Olgii');
  });

  it('"he" is the person the previous answer quoted', () => {
    expect(attributedPeople('Such responses are perhaps not surprising, but, as Sergey Radchenko argues, the apology cuts deep.')).toEqual(['Sergey Radchenko']);
    expect(attributedPeople('Liberal Western states (Grieger 2015) differ.', engine.corpus)).toEqual([]);
    const [, , he] = converse(engine, 'what happened after the Dalai Lama visited Mongolia in 2016?', 'who called the apology humiliating?', 'what else does he say it does?');
    expect(he!.resolution.resolved).toMatch(/Radchenko/);
  });

  it('"who was …, and what did he propose?": "he" is whoever the turn asks for, not the person before', () => {
    const [, , who] = converse(engine, 'what happened after the Dalai Lama visited Mongolia in 2016?', 'who called the apology humiliating?', 'who was the leading voice for a central asian identity, and what did he propose?');
    expect(who!.resolution.resolved).toMatch(/^who was the leading voice for a central asian identity, and what did he propose\?/);
  });

  it('"how did China react?": a subject and a verb of reacting ask how that party met the matter before', () => {
    const [first, react] = converse(engine, 'what happened after the Dalai Lama visited Mongolia in 2016?', 'how did China react?');
    expect(react!.resolution.kind).toBe('contextual');
    expect(react!.resolution.resolved).toMatch(/Dalai/);
    expect(react!.answer.passages[0]!.text).toMatch(/China respond/);
    expect(first!.answer.passages[0]!.paragraphId).toBe(react!.answer.passages[0]!.paragraphId);
    // Any other word keeps a subject's turn standalone.
    const [, own] = converse(engine, 'what happened after the Dalai Lama visited Mongolia in 2016?', 'How did China react to the BRI protests in Kazakhstan?');
    expect(own!.resolution.kind).toBe('standalone');
  });

  it('a turn that names its own subject keeps its own "his"', () => {
    const [, r] = converse(engine, 'what happened after the Dalai Lama visited Mongolia in 2016?', 'What did Akayev sign during his visit to Mongolia?');
    expect(r!.resolution.kind).toBe('standalone');
    expect(r!.resolution.resolved).toBe('What did Akayev sign during his visit to Mongolia?');
  });
});

describe('follow-ups about the answer itself', () => {
  it('"who said that?" answers from the passage’s citations and the bibliography, without a new search', () => {
    const [first, who] = converse(engine, 'what language replaced Russian as the language of cosmopolitanism in Mongolia?', 'who said that?');
    expect(who!.resolution.kind).toBe('source');
    expect(who!.answer.passages[0]!.paragraphId).toBe(first!.answer.passages[0]!.paragraphId);
    const lead = who!.answer.lead.join('\n');
    expect(lead).toMatch(/Billé|Cohen/);
    expect(lead).toMatch(/Source: /);
  });

  it('"what are the sources on that?" after a figure: the figure\'s passage and its citations, not a search for "sources"', () => {
    const [first, sources] = converse(engine, 'how much did kazakhstan export to mongolia in 2019?', 'what are the sources on that?');
    expect(sources!.resolution.kind).toBe('source');
    expect(sources!.answer.passages[0]!.paragraphId).toBe(first!.answer.passages[0]!.paragraphId);
    expect(sources!.answer.lead.join('\n')).toMatch(/^The figure: .*58\.1/);
  });

  it('"who wrote it?" names the document’s authors', () => {
    const [, who] = converse(engine, 'what is the third-neighbor policy, according to the East Asia Forum piece?', 'who wrote it?');
    expect(who!.answer.lead.join('\n')).toContain('Brandon Miliate');
  });

  it('"more" pages the previous answer: new passages, none repeated', () => {
    const [first, more] = converse(engine, 'Why are Mongolia–Kazakhstan relations so weak?', 'more');
    expect(more!.resolution.kind).toBe('more');
    const before = new Set(first!.answer.passages.map((p) => p.paragraphId));
    expect(more!.answer.passages.length).toBeGreaterThan(0);
    for (const p of more!.answer.passages) expect(before.has(p.paragraphId)).toBe(false);
  });

  it('"why?" asks for support of the previous claim', () => {
    const [, why] = converse(engine, 'Does Mongolia want close ties with authoritarian states?', 'why?');
    expect(why!.resolution.kind).toBe('support');
    expect(why!.resolution.resolved).toMatch(/^why: Does Mongolia want close ties/);
  });
});

describe('lists shown before can be referred to by position', () => {
  it('finds enumerations after a colon and sentence-by-sentence points', () => {
    const [list] = findEnumerations('There are three barriers to ties: distance, language and the lack of flights.');
    expect(list!.items).toEqual(['distance', 'language', 'the lack of flights']);
    expect(findSequence(['It has two causes.', 'First, the cost.', 'Second, the distance.'])!.items).toEqual(['the cost.', 'the distance.']);
  });

  it('"the second barrier" is the second item of a list whose head names barriers; idioms are not references', () => {
    expect(findOrdinalReference('ok and the second barrier?')).toMatchObject({ position: 2, noun: 'barrier' });
    expect(findOrdinalReference('explain the first one')).toMatchObject({ position: 1, noun: null });
    expect(findOrdinalReference('why were they cancelled in the first place?')).toBeNull();
    expect(findOrdinalReference('when did Mongolia first open an embassy in Bishkek?')).toBeNull();
    // Opening the turn, the ordinal and its noun refer however long the rest.
    expect(findOrdinalReference('Second reason, can you explain more?')).toMatchObject({ position: 2, noun: 'reason' });
    expect(findOrdinalReference('first visited in 1992, right? and by whom then')).toMatchObject({ position: 1, noun: 'visited' });
    expect(findOrdinalReference('so what happened after they first met in 1992 and signed the treaty?')).toBeNull();
    // A bare ordinal after a verb or its object is an adverb of time, however short the turn.
    expect(findOrdinalReference('who visited whom first?')).toBeNull();
    expect(findOrdinalReference('which came first?')).toBeNull();
    expect(findOrdinalReference('and second?')).toMatchObject({ position: 2, noun: null });
    expect(findOrdinalReference('explain first')).toMatchObject({ position: 1, noun: null });
    const [, second] = converse(engine, 'what keeps Mongolia and Kazakhstan apart, according to the East Asia Forum piece?', 'and the third barrier?');
    expect(second!.resolution.kind).toBe('ordinal');
    expect(second!.resolution.resolved).toMatch(/^the limitations of authoritarian-democratic interaction\?/);
    expect(second!.resolution.documentId).toBe('miliate-2013');
  });

  it('"the second reason" picks from the list of reasons shown, whatever that list calls them ("barriers")', () => {
    const [, second, third] = converse(engine, 'what keeps Mongolia and Kazakhstan apart, according to the East Asia Forum piece?', 'Second reason, can you explain more?', 'and the last one?');
    expect(second!.resolution.kind).toBe('ordinal');
    expect(second!.resolution.resolved).toMatch(/^Kazakhstani–Russian relations, can you explain more\?/);
    expect(third!.resolution.resolved).toMatch(/^the limitations of authoritarian-democratic interaction\?/);
  });
});

describe('context never makes a question that stands on its own worse', () => {
  // Both of the project's question sets, after a matter, a trade figure and a person (whom a later "he" would mean).
  const questions = ['../eval/questions.jsonl', '../eval/questions2.jsonl'].flatMap((f) => parseEvalFile(readFileSync(new URL(f, import.meta.url), 'utf8'))).filter((q) => q.kind === 'passage');
  const openers = ['what happened w/ the dalai lama visiting mongolia?', 'how much did kazakhstan export to mongolia in 2019?', 'is kyrgyzstan’s multi-vector foreign policy coherent, according to toktomushev?'];
  it.each(openers)('after “%s”, every question of the project’s set ranks its answer at least as well as alone', (opener) => {
    const state = answerTurn(engine, emptyConversation(), opener).state;
    const worse: string[] = [];
    for (const q of questions) {
      const alone = goldRank(answerQuestion(engine, q.q, { limit: 5 }).passages.map((p) => p.text), q.gold!) ?? 99;
      const r = answerTurn(engine, state, q.q);
      const inContext = goldRank(r.answer.passages.map((p) => p.text), q.gold!) ?? 99;
      if (inContext > alone) worse.push(`${q.id}: ${alone} → ${inContext} (read as ${r.resolution.resolved})`);
    }
    expect(worse).toEqual([]);
  });
});
