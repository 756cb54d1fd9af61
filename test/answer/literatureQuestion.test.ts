import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answer.js';
import { literatureTopic, workLine } from '../../src/answer/literatureQuestion.js';
import { createEngine, type Engine } from '../../src/engine.js';
import { slashCommand } from '../fake-discord/fakeDiscord.js';
import { limitProblems, sentBodies, sharedEngine, startTestBot, type TestBot } from '../discord/harness.js';

/** Questions about the literature on a topic, answered from the bibliography. */

describe('which questions ask for the literature on a topic', () => {
  it.each([
    ['what sources does the article cite on the BRI?', 'BRI'],
    ['Which studies discuss the third neighbor policy?', 'third neighbor policy'],
    ['who has written about Kazakh migration to Mongolia?', 'Kazakh migration to Mongolia'],
    ['any references on the SCO?', 'SCO'],
    ['further reading on Mongolian foreign policy', 'Mongolian foreign policy'],
    ['What does the paper cite about debt traps?', 'debt traps'],
    ['what are the sources on Kyrgyz debt?', 'Kyrgyz debt'],
    ['what were the main studies about the SCO?', 'SCO'],
    ['who does it cite on balancing?', 'balancing'],
    ['what sources does he use on Kyrgyz debt?', 'Kyrgyz debt'],
  ])('%s → %s', (q, topic) => {
    expect(literatureTopic(q)).toBe(topic);
  });

  it.each([
    'What is the source of Mongolia’s coal exports?',
    'What is the source of the figures?',
    'who wrote the steppes to the states?',
    'What does the article say about the SCO?',
    'Why are Mongolia–Kazakhstan relations so weak?',
    'what sources?',
  ])('not: %s', (q) => {
    expect(literatureTopic(q)).toBeNull();
  });
});

describe('the answer', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await sharedEngine();
  });

  it('lists the works the passages on the topic cite, each once, with its entry, and where it is cited', () => {
    const a = answerQuestion(engine, 'what sources does the article cite on the BRI?');
    expect(a.status).toBe('answered');
    expect(a.lead[0]).toMatch(/^Works cited on “BRI” in the corpus \(\d\), from the passages below:$/);
    const works = a.lead.slice(1);
    expect(works.length).toBeGreaterThanOrEqual(3);
    expect(new Set(works).size).toBe(works.length);
    for (const line of works) {
      const [, ids] = /cited in ((?:[\w-]+\/\d+(?:, )?)+)/.exec(line) ?? [];
      expect(ids, line).toBeDefined();
      // Every work listed is cited by a passage of the answer.
      for (const id of ids!.split(', ').filter(Boolean)) expect(a.passages.map((p) => p.paragraphId)).toContain(id);
    }
    // The passages are the topic's, not "sources of corruption" for the word "sources".
    expect(a.passages[0]!.text).toMatch(/Belt and Road|BRI/);
  });

  it('looks only in the document named, and leaves its name out of the topic', () => {
    const a = answerQuestion(engine, 'what does Irgengioro cite on Russia?');
    expect(a.lead[0]).toMatch(/^Works cited on “Russia”/);
    for (const p of a.passages) expect(p.paragraphId.startsWith('irgengioro-2022/')).toBe(true);
  });

  it('names the topic only when it is the reader\'s own words, not a follow-up\'s borrowed context', () => {
    const a = answerQuestion(engine, 'what sources are there on that? (Reeves, third, neighbor, policy)');
    expect(a.lead[0]).toMatch(/^Works cited in the passages below \(\d\):$/);
  });

  it('says so when the passages on the topic cite nothing', () => {
    const a = answerQuestion(engine, 'what sources does the op-ed use on kazakhstan?');
    expect(a.lead).toEqual([expect.stringMatching(/^The \d passages on “kazakhstan” cite no sources; they are below\.$/)]);
    for (const p of a.passages) expect(p.paragraphId.startsWith('miliate-2013/')).toBe(true);
  });
});

describe('through Discord', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('/ask with a literature question: the works first, within Discord’s limits, pinging nobody', async () => {
    const r = await t.fake.interact(slashCommand('ask', { question: 'which studies discuss the third neighbor policy?' }), { waitFor: 'final' });
    for (const body of sentBodies(r)) {
      expect(limitProblems(body)).toEqual([]);
      expect(body.allowed_mentions).toEqual({ parse: [] });
    }
    const description = (r.callback!.data as { embeds: Array<{ description: string }> }).embeds[0]!.description;
    expect(description).toMatch(/^Works cited on “third neighbor policy”/);
    expect(description).toContain('Reeves');
  });

  it('/ask for a cited work by its author (“the contessi papers, full refs?”): the whole entries, within Discord’s limits, pinging nobody', async () => {
    const r = await t.fake.interact(slashCommand('ask', { question: 'the contessi papers, full refs?' }), { waitFor: 'final' });
    for (const body of sentBodies(r)) {
      expect(limitProblems(body)).toEqual([]);
      expect(body.allowed_mentions).toEqual({ parse: [] });
    }
    const description = (r.callback!.data as { embeds: Array<{ description: string }> }).embeds[0]!.description;
    expect(description).toMatch(/^In the bibliography \(2 works\):/);
    expect(description).toContain('Europe-Asia Studies 70 (5): 759–790');
  });
});

describe('"who is X?" for an author the documents cite', () => {
  let corpusEngine: Engine;
  beforeAll(async () => {
    corpusEngine = await createEngine();
  });

  it('leads with their works in the bibliography and where each is cited, then the passages', () => {
    const answer = answerQuestion(corpusEngine, 'who is reeves?');
    expect(answer.lead[0]).toBe('In the bibliography (2 works):');
    expect(answer.lead[1]).toMatch(/^• \*\*Reeves, Jeffrey \(2014\)\*\*, “Rethinking Weak State Behavior/);
    expect(answer.lead[1]).toContain('cited in irgengioro-2022/22, irgengioro-2022/25');
    expect(answer.passages.length).toBeGreaterThan(0);
    expect(answerQuestion(corpusEngine, 'who was Jeffrey Reeves?').lead).toEqual(answer.lead);
  });

  it('“what else has radchenko written?”, “what did reeves publish?” ask the same, also with a conversation’s context appended', () => {
    expect(answerQuestion(corpusEngine, 'what did reeves publish?').lead).toEqual(answerQuestion(corpusEngine, 'who is reeves?').lead);
    expect(answerQuestion(corpusEngine, 'what else has radchenko written?').lead[0]).toBe('In the bibliography (4 works):');
    expect(answerQuestion(corpusEngine, 'what else has Radchenko written? (reliability, bulwark)').lead[0]).toBe('In the bibliography (4 works):');
    expect(answerQuestion(corpusEngine, 'what has mongolia written?').lead.join(' ')).not.toContain('In the bibliography');
  });

  it('searches as usual for a name the bibliography lacks, and for anything that is not a name', () => {
    expect(answerQuestion(corpusEngine, 'who is Akayev?').lead).toEqual([]);
    expect(answerQuestion(corpusEngine, 'who is mongolia’s closest partner in central asia?').lead.join(' ')).not.toContain('In the bibliography');
  });

  it('reads an office or a place as no name: “who is the president of kyrgyzstan?” is not the works of “…of Kyrgyzstan” the bibliography lists', () => {
    // (The bibliography has an institutional author ending in the place: "National Statistics Committee of Kyrgyzstan".)
    expect(corpusEngine.corpus.documents.flatMap((d) => d.references).some((r) => /Kyrgyzstan/.test(r.authors))).toBe(true);
    for (const q of ['who is the president of kyrgyzstan?', 'who is the president?', 'who’s the pm?', 'who is kyrgyzstan?']) {
      expect(answerQuestion(corpusEngine, q).lead.join(' '), q).not.toContain('In the bibliography');
    }
  });
});

describe('a work cited throughout a paper', () => {
  it('lists the first four paragraphs citing it and counts the rest', () => {
    const reference = { id: 'p/ref/beltagy-2019', documentId: 'p', authors: 'Iz Beltagy', key: 'Beltagy', year: '2019', title: 'SciBERT', venue: null, url: null, text: 'Iz Beltagy. 2019. SciBERT.' };
    const line = workLine({ reference, citedIn: ['p/3', 'p/4', 'p/11', 'p/31', 'p/40', 'p/41'], locators: [] });
    expect(line).toBe('• **Iz Beltagy (2019)**, “SciBERT” _(cited in p/3, p/4, p/11, p/31 and 2 more)_');
  });
});

describe('a cited work asked about by its author’s name', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createEngine();
  });

  it('“the krause one, what’s it called?” gives the whole entry, and quotes the passage citing it with the citing sentence in bold', () => {
    const a = answerQuestion(engine, "and the krause one, what's it called?");
    expect(a.lead[0]).toBe('In the bibliography (1 work):');
    expect(a.lead[1]).toContain('Minor Powers, Alliances, and Armed Conflicts');
    expect(a.lead[1]).toContain('ed. E. Reiter and H. Gartner');
    const first = a.passages[0]!;
    expect(first.text.slice(first.highlight.start, first.highlight.end + 40)).toContain('Krause & Singer 2001');
  });

  it('a name as the text cites it finds the entry printed otherwise (“rothstein’s book, who published it?”, “the baabar article”)', () => {
    expect(answerQuestion(engine, "rothstein's book, who published it?").lead[1]).toContain('Columbia University Press');
    expect(answerQuestion(engine, 'what is the baabar article called?').lead[1]).toContain('The Central Asian Security Zone');
  });

  it('of an author’s several works, the one whose citing sentence shares the question’s words comes first', () => {
    const a = answerQuestion(engine, 'the railways diplomacy bit is cited to contessi, which of his papers?');
    expect(a.lead[0]).toBe('In the bibliography (2 works):');
    expect(a.lead[1]).toContain('2018');
  });

  it('not a work question: the corpus’s own authors, organisations, words the documents write in lower case, no word for a work', () => {
    for (const q of ['what does the irgengioro paper say about the SCO?', 'does the research article treat the flights as evidence?', 'what does schweller argue?']) {
      expect(answerQuestion(engine, q).lead[0] ?? '', q).not.toMatch(/^In the bibliography \(\d+ works?\):$/);
    }
  });
});
