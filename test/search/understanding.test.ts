import { describe, expect, it } from 'vitest';
import { analyze, spellChatWords, tokenize } from '../../src/search/analyzer.js';
import { isAskedQuestion, isPreamble } from '../../src/search/preamble.js';
import { indexCorpus } from '../../src/corpus/load.js';
import { PassageIndex } from '../../src/search/index.js';
import { testDocument } from '../corpus/testDocument.js';
import { withLeaderAsked, withoutTopicOpener } from '../../src/search/question.js';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../../src/paths.js';
import { WordVectors, loadWordVectors, MOST_FREQUENT } from '../../src/search/vectors.js';
import { tinyVectors } from './tinyVectors.js';
import { MIN_SIMILARITY, SEMANTIC_BOOST, SemanticSpace } from '../../src/search/semantic.js';
import { otherLanguageMessage, recognisedNames } from '../../src/answer/language.js';

describe('chat words', () => {
  it('reads abbreviations and chat spellings as the words they stand for', () => {
    expect(analyze('kaz')).toEqual(analyze('Kazakhstan'));
    expect(analyze('kyrg govt')).toEqual(analyze('Kyrgyzstan government'));
    expect(analyze('trade w/ UB thru china')).toEqual(analyze('trade with Ulaanbaatar through China'));
    expect(tokenize('lol whats the deal')).toEqual(['what', 'the', 'deal']);
    expect(analyze('hw many ppl trade btwn mongo n kaz, thx')).toEqual(analyze('how many people trade between Mongolia and Kazakhstan'));
  });

  it('reads the abbreviations of study and work as their words (“meds”, “prof”, “uni”, “eval”)', () => {
    expect(analyze('did the patients take their meds?')).toEqual(analyze('did the patients take their medications?'));
    expect(analyze('my prof at uni')).toEqual(analyze('my professor at university'));
    expect(analyze('entity linking eval vs baseline')).toEqual(analyze('entity linking evaluation versus baseline'));
  });

  it('reads a unit after a number as the unit, however the text abbreviates it: “37 km” and “40 kilometres” are both distances', () => {
    expect(analyze('around 37 km away')).toEqual(analyze('around 37 kilometers away'));
    expect(analyze('less than 40 kilometres wide')).toEqual(analyze('less than 40 kilometers wide'));
    expect(analyze('how many km')).toEqual(analyze('how many kilometers'));
    // After a number "kg" is a weight, "mil" a million, "k" a thousand; alone, "kg" is still Kyrgyzstan.
    expect(analyze('40 kg of wheat')).toEqual(analyze('40 kilograms of wheat'));
    expect(analyze('$5 mil from 40k tourists')).toEqual(analyze('$5 million from 40 thousand tourists'));
    expect(analyze('kg exports')).toEqual(analyze('Kyrgyzstan exports'));
  });

  it('spells chat words out in running text, for what reads the words as written', () => {
    expect(spellChatWords('wat does kaz export to mongo')).toBe('what does kazakhstan export to mongolia');
    expect(spellChatWords('n the other way? lol')).toBe('and the other way? lol');
    expect(spellChatWords("whats up w UB, kaz's exports")).toBe('what’s up with ulaanbaatar, kazakhstan\'s exports');
    // ("rn" is right now as chat types it; "RN", a registered nurse, stays.)
    expect(spellChatWords('how deep in debt is kyrgyzstan rn')).toBe('how deep in debt is kyrgyzstan now');
    // Contractions typed without the apostrophe are words of the question, not terms to search.
    expect(spellChatWords('hasnt russia asked, wouldnt they')).toBe('hasn’t russia asked, wouldn’t they');
    expect(analyze('hasnt russia asked')).toEqual(analyze('russia asked'));
    expect(spellChatWords('how many RN staff were hired?')).toBe('how many RN staff were hired?');
    // Units after numbers, initials and words of the language stay as written.
    expect(spellChatWords('40 kg, $5 mil, the U.S., R&D, w/o, does china invest?')).toBe('40 kg, $5 mil, the U.S., R&D, w/o, does china invest?');
  });

  it('never reads a word of the language as a chat word by accident', () => {
    expect(tokenize('constructor toString')).toEqual(['constructor', 'tostring']);
  });
});

describe('chat openers', () => {
  it('“what’s the deal with …”, “what’s up with …”, “what’s going on between …” ask about what follows, their nouns unsearched', () => {
    expect(withoutTopicOpener('what’s the deal with mongolia and russia these days')).toBe('what about mongolia and russia these days');
    expect(withoutTopicOpener('so whats up with the BRI?')).toBe('so what about the BRI?');
    expect(withoutTopicOpener('ok so what’s up with the BRI?')).toBe('ok so what about the BRI?');
    expect(withoutTopicOpener('what is going on between kazakhstan and china?')).toBe('what about kazakhstan and china?');
    expect(analyze(withoutTopicOpener("what's the story with kyrgyz debt?"))).toEqual(analyze('kyrgyz debt'));
  });

  it('leaves the words where they are the topic', () => {
    expect(withoutTopicOpener('what deal did mongolia sign with russia?')).toBe('what deal did mongolia sign with russia?');
    expect(withoutTopicOpener('how does kazakhstan deal with china?')).toBe('how does kazakhstan deal with china?');
  });
});

describe('who leads a place', () => {
  it('asks for its head of state and of government, in the words texts give them', () => {
    const asked = 'who is the head of state, chief of state and head of government of';
    expect(withLeaderAsked('who runs kyrgyzstan?')).toBe(`${asked} kyrgyzstan?`);
    expect(withLeaderAsked("who's in charge there these days?")).toBe(`${asked} there these days?`);
    expect(withLeaderAsked('so who is the leader of Mongolia')).toBe(`so ${asked} Mongolia`);
    expect(withLeaderAsked('who governs tajikistan now')).toBe(`${asked} tajikistan now`);
  });

  it('asks for a title of a place (“who is the president of …”) in the same words, the title kept', () => {
    expect(withLeaderAsked('who is the president of kazakhstan?')).toBe('who is the president, the head of state, chief of state and head of government of kazakhstan?');
    expect(withLeaderAsked("who's the prime minister of mongolia")).toBe('who is the prime minister, the head of state, chief of state and head of government of mongolia');
    expect(withLeaderAsked('who was the president of kazakhstan in 2010?')).toBe('who was the president of kazakhstan in 2010?');
    expect(withLeaderAsked('who is the president of the university?')).toBe('who is the president of the university?');
  });

  it('leaves who leads anything but a place, and who led one once, as asked', () => {
    expect(withLeaderAsked('who leads the project?')).toBe('who leads the project?');
    expect(withLeaderAsked('who ruled mongolia in the 1930s?')).toBe('who ruled mongolia in the 1930s?');
    expect(withLeaderAsked('what runs through kyrgyzstan?')).toBe('what runs through kyrgyzstan?');
  });

  it('finds the executive, not the rivers that run through the country', () => {
    const index = new PassageIndex(
      indexCorpus([
        testDocument({ id: 'geography', title: 'Geography of Kyrgyzstan' }, ['Although Kyrgyzstan has abundant water running through it, its water supply is shared.', 'The main Tian Shan range runs along the border of Kyrgyzstan.']),
        testDocument({ id: 'factbook', title: 'Kyrgyzstan' }, ['Executive branch: chief of state: President Sadyr JAPAROV (since 28 January 2021); head of government: Chairman of the Cabinet of Ministers.']),
      ]),
    );
    expect(index.query('who runs kyrgyzstan?').passages[0]?.paragraph.id).toBe('factbook/1');
  });

  it('finds today’s president in the executive, not a president named in a speech', () => {
    const index = new PassageIndex(
      indexCorpus([
        testDocument({ id: 'history', title: 'History of Kyrgyzstan' }, ['In 2010 the President of Kyrgyzstan, Roza Otunbayeva, addressed the nation after the riots in Osh.']),
        testDocument({ id: 'factbook', title: 'Kyrgyzstan' }, ['Executive branch: chief of state: President Sadyr JAPAROV (since 28 January 2021); head of government: Chairman of the Cabinet of Ministers.']),
      ]),
    );
    expect(index.query('who is the president of kyrgyzstan?').passages[0]?.paragraph.id).toBe('factbook/1');
  });
});

describe('preamble', () => {
  it.each([
    'This section will now analyze the prospects of future relations.',
    'For this section, I will examine the implications of a rising China.',
    'This article has illustrated the reasons behind the curious deficit of relations.',
    'In this paper we discuss three barriers.',
    'We sought to determine whether stressful negative life events are associated with dementia.',
    'The aim of this study was to assess the quality of care in the department.',
    'This study aimed to compare two guidelines.',
  ])('%s is about the text itself', (s) => expect(isPreamble(s)).toBe(true));

  it.each([
    'This article argues that the lack of connectivity can be explained by two factors.',
    'Mongolia established formal diplomatic relations with Kazakhstan in 1992.',
    'We found no association between negative life events and dementia.',
    'The section of the railway through Mongolia was built in the 1950s.',
  ])('%s states something', (s) => expect(isPreamble(s)).toBe(false));
});

describe('a sentence that asks', () => {
  it.each(['Can you speak to the importance of the timing and the venue?', 'What explains this current situation of low connectivity?', 'Is that "the wave of the future?"'])('%s names what is asked without answering it', (s) =>
    expect(isAskedQuestion(s)).toBe(true));

  it.each(['The C5+1 first met at the ministerial level in 2015.', 'Why this matters is plain: trade is small (see Table 2).'])('%s answers', (s) => expect(isAskedQuestion(s)).toBe(false));

  it('is the best sentence of its passage only when nothing else is: the answer after it is highlighted', () => {
    const article = testDocument({ id: 'article' }, [
      'What explains the low trade between Mongolia and Kazakhstan? The similar export structure of Mongolia and Kazakhstan explains the low trade between them.',
      'Mongolia and Kazakhstan signed a treaty in 1993.',
    ]);
    const index = new PassageIndex(indexCorpus([article]));
    const best = index.query('what explains the low trade between mongolia and kazakhstan?').passages[0]!;
    expect(best.paragraph.id).toBe('article/1');
    expect(best.paragraph.text.slice(best.bestSentence.start, best.bestSentence.end)).toMatch(/^The similar export structure/);
  });
});

describe('questions in another script', () => {
  it('says Steppe answers in English, naming the places it recognises', () => {
    const m = otherLanguageMessage('Какие отношения между Монголией и Казахстаном?');
    expect(m).toMatch(/answers questions in English/);
    expect(m).toMatch(/Mongolia, Kazakhstan/);
    expect(recognisedNames('Кыргызстан менен Монголия')).toEqual(['Kyrgyzstan', 'Mongolia']);
    expect(recognisedNames('Монгол Улс ба Хятад')).toEqual(['Mongolia', 'China']);
  });

  it('leaves English questions, with a foreign name or two, alone', () => {
    expect(otherLanguageMessage('What does Монголия mean in the Mongolian press about Kazakhstan relations?')).toBeNull();
    expect(otherLanguageMessage('Why are Mongolia–Kazakhstan relations weak?')).toBeNull();
    expect(otherLanguageMessage('who is die welt?')).toBeNull();
    expect(otherLanguageMessage('quando mongolia kazakhstan')).toBeNull();
  });

  it('says the same of another language in Latin letters (German, Spanish, French, Turkish), naming the places', () => {
    expect(otherLanguageMessage('wie viele Kasachen leben in der Mongolei?')).toMatch(/answers questions in English.*Kazakhstan, Mongolia/);
    expect(otherLanguageMessage('¿Cuántos kazajos viven en Mongolia?')).toMatch(/answers questions in English/);
    expect(otherLanguageMessage('pourquoi les relations entre la Mongolie et le Kazakhstan sont faibles?')).toMatch(/Mongolia, Kazakhstan/);
    expect(otherLanguageMessage('Moğolistan ile Kazakistan arasında ticaret ne kadar?')).toMatch(/Mongolia, Kazakhstan/);
  });
});

describe('word vectors', () => {
  const space = tinyVectors;
  // 400 filler words first: the most frequent English words are never expanded (see semantic.ts).
  const filler = Object.fromEntries(Array.from({ length: 400 }, (_, i) => [`w${i}`, [0, 0, 0, 1]]));
  const vectors = space({ ...filler, strongman: [1, 0.5, 0, 0], authoritarian: [1, 0.1, 0, 0], democracy: [0, 1, 0, 0.3], grain: [0, 0, 1, 0] });

  it('survive a round trip through their file', () => {
    const back = WordVectors.deserialize(vectors.serialize())!;
    expect(back.size).toBe(vectors.size);
    expect(back.similarity('strongman', 'authoritarian')).toBeCloseTo(vectors.similarity('strongman', 'authoritarian'), 5);
    expect(WordVectors.deserialize(Buffer.from('not vectors'))).toBeNull();
  });

  it('link a question word to the corpus terms closest in meaning, and to nothing far', () => {
    const semantic = new SemanticSpace(vectors, new Map([['authoritarian', 'authoritarian'], ['democraci', 'democracy'], ['grain', 'grain']]));
    const near = semantic.neighbours('strongman');
    expect(near.map((n) => n.term)).toEqual(['authoritarian']);
    expect(near[0]!.weight).toBeGreaterThan(0);
    expect(near[0]!.weight).toBeLessThan(0.5);
    expect(semantic.neighbours('unknownword')).toEqual([]);
  });

  it('let a neighbour a little above the threshold count a little, not nothing: the weight follows the square root of the margin', () => {
    const semantic = new SemanticSpace(vectors, new Map([['authoritarian', 'authoritarian']]));
    const [n] = semantic.neighbours('strongman');
    const margin = (n!.similarity - MIN_SIMILARITY) / (1 - MIN_SIMILARITY);
    expect(n!.weight).toBeCloseTo(SEMANTIC_BOOST * Math.sqrt(margin), 6);
    expect(n!.weight).toBeGreaterThan(SEMANTIC_BOOST * margin);
  });

  it('a cut saved in another folder (the checkout\'s .cache/) serves a new cache folder: nothing is cut or written again', () => {
    const checkout = path.join(REPO_ROOT, '.cache');
    if (!readdirSync(checkout).some((f) => /^vectors-.*\.bin$/.test(f))) loadWordVectors(checkout);
    const empty = mkdtempSync(path.join(tmpdir(), 'steppe-vectors-'));
    try {
      const loaded = loadWordVectors(empty, [checkout]);
      expect(loaded?.size).toBeGreaterThan(MOST_FREQUENT * 0.99);
      expect(readdirSync(empty)).toEqual([]);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
