import { describe, expect, it } from 'vitest';
import { analyze, EXPANSION_BOOST, Expander, mineAcronyms, tokenize } from '../../src/search/analyzer.js';
import { classifyQuestion, checkQuestion } from '../../src/search/question.js';
import { splitSentences } from '../../src/search/sentences.js';

describe('tokenize', () => {
  it('keeps numbers whole: thousands separators dropped, decimals kept', () => {
    expect(tokenize('approximately 1,494,300 Mongolians')).toEqual(['approximately', '1494300', 'mongolians']);
    expect(tokenize('a total value of $1.95 billion')).toContain('1.95');
    expect(tokenize('in 2019, imports')).toEqual(['in', '2019', 'imports']);
  });

  it("drops possessive 's and splits hyphenated and dashed words", () => {
    expect(tokenize("Mongolia's Kazakh–Chinese multi-vector")).toEqual(['mongolia', 'kazakh', 'chinese', 'multi', 'vector']);
  });
});

describe('analyze', () => {
  it('removes stop words and question words, stems what is left', () => {
    expect(analyze('What did the relations of these countries look like?')).toEqual(['relat', 'countri', 'look']);
  });

  it('stems British and American spellings alike', () => {
    expect(analyze('organisation')).toEqual(analyze('organization'));
    // (-ified and -ification: "russified", "Russification" one stem.)
    expect(analyze('russified identified')).toEqual(analyze('Russification identification'));
    expect(analyze('neighbours')).toEqual(analyze('neighbors'));
    expect(analyze('recognised')).toEqual(analyze('recognized'));
    expect(analyze('promise')).toEqual(['promis']);
  });

  it('does not conflate important with import', () => {
    expect(analyze('important')).not.toEqual(analyze('import'));
  });

  it('keeps "use" apart from "US": Porter cuts both to "us"', () => {
    expect(analyze('what methods did the study use')).not.toContain(analyze('US')[0]);
    expect(analyze('the methods used')).toEqual(analyze('the methods they use'));
  });

  it('keeps a name with digits whole: S2ORC, G20, C5', () => {
    expect(analyze('How many papers are in S2ORC?')).toContain('s2orc');
    expect(analyze('the G20 and the C5+1 format')).toEqual(expect.arrayContaining(['g20', 'c5']));
    // A number with letters after it is the number: decades, ordinals, amounts.
    expect(analyze('in the 1990s, 81.1M papers')).toEqual(expect.arrayContaining(['1990', '81.1']));
  });

  it('stems what Porter leaves apart: ties/tie, failure/fail', () => {
    expect(analyze('close ties')).toEqual(analyze('a close tie'));
    expect(analyze('the failure')).toEqual(analyze('to fail'));
  });

  it('reads a phrasal verb as the verb it means, on adjacent words only', () => {
    expect(analyze('Kazakhs came back to Mongolia')).toEqual(analyze('Kazakhs returned to Mongolia'));
    expect(analyze('flights did not come back until 2019')).toContain(analyze('return')[0]);
    expect(analyze('three barriers hold back relations')).toContain(analyze('hinder')[0]);
    expect(analyze('not wanting to be left out')).toContain(analyze('exclude')[0]);
    expect(analyze('why would banding together help them')).toContain(analyze('ally')[0]);
    expect(analyze('small states ganging up on a giant')).toContain(analyze('ally')[0]);
    // (Not a line of text: "the first line of the table".)
    expect(analyze('the first line of the table')).not.toContain(analyze('ally')[0]);
    expect(analyze('which organisations does Mongolia take part in?')).toContain(analyze('participating')[0]);
    expect(analyze('which countries did Mongolia reach out to?')).toContain(analyze('contact')[0]);
    expect(analyze('when did they fall out?')).toContain(analyze('dispute')[0]);
    expect(analyze('what did the survey find out?')).toContain(analyze('discover')[0]);
    expect(analyze('how much got thrown out?')).toContain(analyze('discarded')[0]);
    expect(analyze('did its results line up with theirs?')).toContain(analyze('match')[0]);
    expect(analyze('do patients stick with them?')).toContain(analyze('adhere')[0]);
    // The particle alone means nothing and the verb is a stop word: nothing else changes.
    expect(analyze('it cuts Mongolia off')).toEqual(['cut', 'mongolia', 'off']);
  });

  it('reads decades as the text writes them, and an age as an age', () => {
    for (const typed of ['in the 90s', 'in the early-90s', "in the '90s", 'in the nineties', 'in the late 90s']) {
      expect(analyze(typed)).toContain(analyze('in the 1990s')[0]);
    }
    expect(analyze('since the early 00s')).toContain(analyze('2000s')[0]);
    expect(analyze('a woman in her 50s')).not.toContain(analyze('1950s')[0]);
  });

  it('reads “the bottom line” as the conclusion', () => {
    expect(analyze('the author’s bottom line on central asia')).toContain(analyze('conclusion')[0]);
  });

  it('reads “3rd”, “1st” as the ordinal word and “35th” as its number, leaving no “rd” or “th” behind', () => {
    expect(analyze('the 3rd neighbour policy')).toEqual(analyze('the third neighbor policy'));
    expect(analyze('his 1st and 2nd visits')).toEqual(analyze('his first and second visits'));
    expect(analyze('the 35th-largest investor')).toEqual(['35', ...analyze('largest investor')]);
    expect(analyze('in the 19th century')).toEqual(analyze('in the 1800s'));
  });

  it('reads a century as the years it holds, as the text writes them', () => {
    for (const typed of ['in the nineteenth century', 'nineteenth-century Kazakhs', 'in the 19th century']) expect(analyze(typed)).toContain(analyze('the 1800s')[0]);
    expect(analyze('the twenty-first century')).toContain(analyze('the 2000s')[0]);
  });

  it('reads "these days", "nowadays", "lately" and "the last few years" as recently', () => {
    const recent = analyze('recently')[0];
    for (const typed of ['Mongolia and Russia these days', 'Mongolia and Russia nowadays', 'Mongolia and Russia lately', 'closer ties over the last few years', 'in the past few years']) expect(analyze(typed), typed).toContain(recent);
    expect(analyze('in days of old')).not.toContain(recent);
  });

  it('reads “in the first place” as originally; “place” and “first” apart stay themselves', () => {
    expect(analyze('who set up the SCO in the first place')).toEqual(analyze('who set up the SCO originally'));
    expect(analyze('the place Mongolia put first')).toContain(analyze('place')[0]);
  });

  it('reads warming and cozying up to someone as becoming friendlier', () => {
    for (const typed of ['warming up to Moscow', 'cozying up to Moscow']) expect(analyze(typed), typed).toContain(analyze('friendlier')[0]);
    expect(analyze('a warm welcome')).not.toContain(analyze('friendlier')[0]);
  });

  it('drops verbs that hand their meaning to the infinitive after them', () => {
    expect(analyze('Mongolia wants to balance Russia')).toEqual(analyze('Mongolia balances Russia'));
    expect(analyze('trying to join the SCO')).toEqual(analyze('join the SCO'));
    // Not before "to": a verb like any other.
    expect(analyze('the needs of Kyrgyzstan')).toContain(analyze('needs')[0]);
  });

  it('treats verbs of naming as question words', () => {
    expect(analyze('Can Kazakhstan be called a weak state?')).toEqual(['kazakhstan', 'weak', 'state']);
  });
});

describe('expansion', () => {
  const expander = new Expander();
  const expansions = (word: string) => expander.expand(analyze(word)[0]!).map((e) => e.term);

  it('expands acronyms to their long forms', () => {
    expect(expansions('BRI')).toEqual(expect.arrayContaining(analyze('belt road initiative')));
    expect(expansions('CSTO')).toEqual(expect.arrayContaining(analyze('collective security treaty')));
    expect(expansions('EAEU')).toEqual(expect.arrayContaining(analyze('eurasian economic union')));
  });

  it('joins demonyms, countries and capitals', () => {
    expect(expansions('Kazakhstani')).toContain(analyze('Kazakhstan')[0]);
    expect(expansions('Kyrgyz')).toContain(analyze('Kyrgyzstan')[0]);
    expect(expansions('Bishkek')).toContain(analyze('Kyrgyzstan')[0]);
    expect(expansions('Moscow')).toContain(analyze('Russian')[0]);
  });

  it('reads what someone wants as their aims: "what does Mongolia want out of the BRI?" asks for its objective', () => {
    expect(expansions('want')).toEqual(expect.arrayContaining(analyze('objective seek aim')));
  });

  it('reads setting up as founding: “who set up the SCO?” finds “to found the SCO”, “its founding members”', () => {
    for (const typed of ['found', 'founding', 'founder']) expect(expansions('establish')).toContain(analyze(typed)[0]);
  });

  it('reads violence as riots, unrest and clashes: “the 2010 violence in Osh” finds “ethnic riots in … Osh”', () => {
    for (const typed of ['riots', 'unrest', 'turmoil', 'clashes']) expect(expansions('violence')).toContain(analyze(typed)[0]);
  });

  it('reads language as speaking: “does the op-ed say anything about language?” finds “too difficult for non-Russian speakers”', () => {
    for (const typed of ['speakers', 'spoken', 'tongue', 'linguistic']) expect(expansions('language')).toContain(analyze(typed)[0]);
  });

  it('reads whether a policy is consistent as its coherence either way: “consistent?” finds “erratic, and often contradictory”', () => {
    for (const typed of ['erratic', 'contradictory', 'incoherence', 'coherent', 'inconsistent']) expect(expansions('consistent')).toContain(analyze(typed)[0]);
  });

  it('reads Genghis as Chinggis, the name a text on Mongolia gives him', () => {
    expect(expansions('genghis')).toContain(analyze('Chinggis')[0]);
  });

  it('reads weaknesses and what is wrong as limitations, as papers name them', () => {
    for (const typed of ['weaknesses', 'wrong', 'drawbacks']) expect(expansions(typed)).toContain(analyze('limitation')[0]);
  });

  it('reads how research is asked about in everyday words as papers report it', () => {
    expect(expansions('happy')).toContain(analyze('satisfaction')[0]);
    expect(expansions('rerun')).toEqual(expect.arrayContaining(analyze('repeat replicate')));
    expect(expansions('labelling')).toContain(analyze('annotating')[0]);
    expect(expansions('skip')).toContain(analyze('omit')[0]);
    expect(expansions('default')).toContain(analyze('recommended')[0]);
  });

  it('down-weights expansions below the word typed', () => {
    for (const e of expander.expand(analyze('Kazakh')[0]!)) expect(e.boost).toBeLessThan(1);
  });

  it('weights forms of one name above capitals and other names', () => {
    const boost = (from: string, to: string) => expander.expand(analyze(from)[0]!).find((e) => e.term === analyze(to)[0])?.boost;
    expect(boost('Kazakh', 'Kazakhstan')).toBe(EXPANSION_BOOST.demonym);
    expect(boost('Asian', 'Asia')).toBe(EXPANSION_BOOST.demonym);
    expect(boost('Astana', 'Kazakhstan')).toBe(EXPANSION_BOOST.place);
    expect(EXPANSION_BOOST.place).toBeLessThan(EXPANSION_BOOST.demonym);
  });

  it('keeps Central Asia apart from "important"', () => {
    expect(expansions('central')).not.toContain(analyze('important')[0]);
  });

  it('mines "long form (ABBR)" pairs from text', () => {
    const mined = mineAcronyms(["China's Belt and Road Initiative (BRI) across Eurasia and the Silk Road Economic Belt (SREB)"]);
    expect(mined.bri).toEqual(['Belt and Road Initiative']);
    expect(mined.sreb).toEqual(['Silk Road Economic Belt']);
  });
});

describe('questions', () => {
  it('classifies question types before stop words are removed', () => {
    expect(classifyQuestion('How much did Mongolia import from China in 2019?')).toBe('amount');
    expect(classifyQuestion('How many Mongolian students study in Kazakhstan?')).toBe('count');
    expect(classifyQuestion('When did Mongolia open an embassy in Bishkek?')).toBe('year');
    expect(classifyQuestion('Why did regional cooperation fail?')).toBe('cause');
    expect(classifyQuestion('What is the Belt and Road Initiative?')).toBe('definition');
    expect(classifyQuestion('What do scholars mean by weak states?')).toBe('definition');
    // (What a thing is trained on, based on, used for is asked, not what the thing is.)
    for (const q of ['What is SPECTER trained on?', 'what is the third neighbor policy based on?', 'What is S2ORC used for?']) expect(classifyQuestion(q), q).toBe('other');
  });

  it('reads “when” as a date asked for only where it opens the question, not where it joins two clauses', () => {
    expect(classifyQuestion('and when was the embassy opened?')).toBe('year');
    expect(classifyQuestion('since when?')).toBe('year');
    expect(classifyQuestion('so when exactly did they sign it')).toBe('year');
    expect(classifyQuestion('what do weak states do when a big power rises next door?')).not.toBe('year');
    expect(classifyQuestion('is trade higher when prices fall?')).not.toBe('year');
  });

  it('reads “how close”, “how far”, “the distance” of places as a count in kilometres, and “how close are their ties?” not', async () => {
    const { analyzeQuestion } = await import('../../src/search/question.js');
    expect(analyzeQuestion('how close does mongolia get to kazakhstan?')).toMatchObject({ type: 'count', counted: ['kilomet', 'mile'] });
    expect(analyzeQuestion("what's the distance between mongolia and kazakhstan")).toMatchObject({ type: 'count', counted: ['kilomet', 'mile'] });
    expect(classifyQuestion('how far is ulaanbaatar from almaty?')).toBe('count');
    expect(classifyQuestion('how close are mongolia and russia’s ties?')).not.toBe('count');
    expect(classifyQuestion('how close is mongolia politically to russia?')).not.toBe('count');
    // The length of a thing that has one, and a distance in so many words; not a distance kept.
    expect(classifyQuestion('How long is the Mongolian stretch of the Trans-Mongolian Railway?')).toBe('count');
    expect(classifyQuestion('distance between ulaanbaatar and almaty in km?')).toBe('count');
    expect(classifyQuestion('why does mongolia keep its distance from russia?')).not.toBe('count');
    expect(classifyQuestion('how long is the programme?')).not.toBe('count');
    // (A count asked with a distance question read as its context counts what it asks: the Kazakhs.)
    expect(analyzeQuestion('how many ethnic kazakhs are on the mongolian side: how close does mongolia get to kazakhstan?').counted).toEqual(['ethnic', 'kazakh']);
  });

  it('reads “how old is it?” of a thing as the year it began, and “how old were the participants?” not', () => {
    expect(classifyQuestion('how old is it?')).toBe('year');
    expect(classifyQuestion('how old was the museum when it moved?')).toBe('year');
    expect(classifyQuestion('how long ago was the treaty signed?')).toBe('year');
    expect(classifyQuestion('how old were the participants?')).not.toBe('year');
  });

  it('reads “who are the X?” of a group as a list of its members; “who is X?” stays a definition', () => {
    expect(classifyQuestion("who are mongolia's third neighbors?")).toBe('list');
    expect(classifyQuestion('who are the authors?')).toBe('list');
    expect(classifyQuestion('who is radchenko?')).toBe('definition');
    expect(classifyQuestion('who are they?')).not.toBe('list');
  });

  it('reads “how big” as a number asked for: a sum of money where money is spoken of, else a count', () => {
    expect(classifyQuestion('how big is kazakhstan’s direct investment in mongolia?')).toBe('amount');
    expect(classifyQuestion('how big is the kazakh diaspora in mongolia?')).toBe('count');
    expect(classifyQuestion('how big a role does russia play?')).not.toBe('count');
  });

  it('reads a rate or a frequency as a number asked for', () => {
    expect(classifyQuestion('How common is DVT after major trauma?')).toBe('count');
    expect(classifyQuestion('how often do the presidents meet?')).toBe('count');
    expect(classifyQuestion('how prevalent is sinophobia in kazakhstan')).toBe('count');
    expect(classifyQuestion('What is common to the three countries?')).not.toBe('count');
  });

  it('reads a cost or a price as an amount asked for, even typed as a few words', () => {
    expect(classifyQuestion('nurly zhol cost')).toBe('amount');
    expect(classifyQuestion('What is the cost of the Kazakhstan–Turkmenistan–Iran railway?')).toBe('amount');
    expect(classifyQuestion('why did prices rise in 2015?')).toBe('cause');
  });

  it('asks for a list only when "which" is followed by a plural', () => {
    expect(classifyQuestion('Which Central Asian states was Mongolia interested in?')).toBe('list');
    expect(classifyQuestion('Which countries would the belt reach first?')).toBe('list');
    expect(classifyQuestion('Which BRI economic corridor runs through Mongolia?')).toBe('other');
    expect(classifyQuestion('Which economy is the most diversified?')).toBe('other');
    expect(classifyQuestion('Which crisis was it?')).toBe('other');
  });

  it('recognizes questions about the source itself, not about a topic in it', () => {
    expect(classifyQuestion('What is this paper about?')).toBe('overview');
    expect(classifyQuestion("what's the article's main argument")).toBe('overview');
    expect(classifyQuestion('Give me a summary of the op-ed')).toBe('overview');
    expect(classifyQuestion('What does the paper say about Kazakhstan?')).not.toBe('overview');
    expect(classifyQuestion('What does the author argue about oil?')).not.toBe('overview');
    // "tell me about <the document>": the document named whole, nothing asked of it.
    expect(classifyQuestion('tell me about the heart failure paper')).toBe('overview');
    expect(classifyQuestion('what can you tell me about this study?')).toBe('overview');
    expect(classifyQuestion('tell me about the kazakh diaspora in the paper')).not.toBe('overview');
    expect(classifyQuestion('tell me about the third neighbor policy')).not.toBe('overview');
    expect(classifyQuestion('Give me a summary of Mongolia–Kazakhstan trade')).not.toBe('overview');
  });

  it('flags empty, whitespace-only, stop-word-only and over-long questions', () => {
    expect(checkQuestion('')).toBe('empty');
    expect(checkQuestion(' \t\n\u200b ')).toBe('empty');
    expect(checkQuestion('what is the of and')).toBe('no-terms');
    expect(checkQuestion('Mongolia '.repeat(200))).toBe('too-long');
    expect(checkQuestion('Mongolia')).toBeNull();
    // No topic words, and it needs none.
    expect(checkQuestion('What is this paper about?')).toBeNull();
  });
});

describe('sentences', () => {
  it('does not split at citation pages, initials or U.S.', () => {
    const text =
      'This was argued (Batbayar 2002, p.325). The former diplomat Kh. Olzvoy disagreed with the U.S. view. A third sentence follows.';
    expect(splitSentences(text).map((s) => s.text)).toEqual([
      'This was argued (Batbayar 2002, p.325).',
      'The former diplomat Kh. Olzvoy disagreed with the U.S. view.',
      'A third sentence follows.',
    ]);
  });

  it('gives offsets that slice the sentence out of the text', () => {
    const text = 'One sentence here. Another one there!';
    for (const s of splitSentences(text)) expect(text.slice(s.start, s.end)).toBe(s.text);
  });
});
