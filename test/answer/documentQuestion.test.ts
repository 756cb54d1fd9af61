import { beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answer.js';
import { answerDocumentQuestion } from '../../src/answer/documentQuestion.js';
import { indexCorpus } from '../../src/corpus/load.js';
import { createEngine, createEngineFromCorpus, type Engine } from '../../src/engine.js';
import { testDocument } from '../corpus/testDocument.js';

let engine: Engine;
beforeAll(async () => {
  engine = await createEngine();
});

describe('questions about the documents', () => {
  it('who wrote a document, and for which outlet: from the metadata, with the title block as the passage', () => {
    const a = answerQuestion(engine, 'who wrote the steppes to the states?');
    expect(a.status).toBe('answered');
    expect(a.lead.join(' ')).toMatch(/Brandon Miliate/);
    expect(a.passages[0]!.paragraphId).toBe('miliate-2013/front');
    expect(a.passages[0]!.text).toMatch(/written for the East Asia Forum/);
    expect(a.passages[0]!.citation.author).toBe('Miliate');
  });

  it('a document named, then "author?", asks who wrote it; "according to the authors" does not', () => {
    for (const q of ['steppes to the states author?', "the op-ed's author?", 'irgengioro 2022 authors']) {
      const a = answerQuestion(engine, q);
      expect(a.lead.join(' '), q).toMatch(/was written by \*\*/);
      expect(a.passages[0]!.paragraphId, q).toMatch(/\/front$/);
    }
    expect(answerQuestion(engine, "what's the catch according to the authors?").lead).toEqual([]);
  });

  it('who a document’s author is: the document written, the affiliation and the document’s own note on the author, from the title block', () => {
    const a = answerQuestion(engine, 'who is miliate?');
    expect(a.lead[0]).toMatch(/^\*\*Brandon Miliate\*\* \(Indiana University\) wrote “The Steppes to the States”/);
    expect(a.lead[0]).toMatch(/is a PhD student in Political Science/);
    expect(a.passages[0]!.paragraphId).toBe('miliate-2013/front');
    // A line that only names the author (a funding line) is not a note on who they are.
    expect(answerQuestion(engine, "who's John Irgengioro?").lead[0]).toMatch(/^\*\*John Irgengioro\*\* \(Ghent University\) wrote “Mongolia–Central Asia relations[^”]*”, [^.]+, 2022\.$/);
    // More than the name is a question about something else, for the search.
    expect(answerQuestion(engine, 'who is miliate arguing with?').lead).toEqual([]);
  });

  it('where the authors are based: the affiliation, in one line that names them (not the author line again)', () => {
    const a = answerQuestion(engine, 'where are the authors of the steppes to the states based?');
    expect(a.lead).toEqual(['Brandon Miliate: **Indiana University**.']);
  });

  it('what kind of document it is, and whether it was peer reviewed: what the metadata says, and that it does not say the rest', () => {
    expect(answerQuestion(engine, 'what kind of piece is the east asia forum one?').lead).toEqual(['Miliate (2013), “The Steppes to the States” is **an article** in **East Asia Forum (also republished by Asia Sentinel)**.']);
    expect(answerQuestion(engine, 'is the irgengioro paper an op-ed?').lead[0]).toMatch(/ is \*\*a journal article\*\* in \*\*International Politics/);
    expect(answerQuestion(engine, 'is the miliate piece peer reviewed?').lead[0]).toMatch(/its metadata does not say whether it was peer reviewed\.$/);
    // A question of the matter is for the search.
    expect(answerQuestion(engine, 'what kind of government does kazakhstan have?').lead).toEqual([]);
  });

  it('which documents are about a topic: those whose title or keywords name it, or many of whose paragraphs do', () => {
    const a = answerQuestion(engine, 'which papers are about the bri?');
    expect(a.lead[0]).toBe('Documents about “the bri” in the corpus (**1**):');
    expect(a.lead[1]).toMatch(/^• Irgengioro \(2022\), “Mongolia–Central Asia relations[^”]*”: \d+ of its \d+ paragraphs$/);
    expect(a.passages[0]!.paragraphId).toBe('irgengioro-2022/front');
    // A topic no document is about is left to the search (its spellings and kin words may still find it).
    expect(answerQuestion(engine, 'which papers are about quantum gravity?').lead.join(' ')).not.toContain('Documents about');
    // "how many papers do you have?" is the corpus, "how many papers were there in the survey?" a count in the text.
    expect(answerQuestion(engine, 'how many papers do you have?').lead[0]).toBe('The corpus holds **2 documents**:');
    expect(answerQuestion(engine, 'how many papers were there in the survey?').lead.join(' ')).not.toContain('The corpus holds');
    expect(answerQuestion(engine, 'how many papers are in your corpus?').lead[0]).toBe('The corpus holds **2 documents**:');
  });

  it('when a document was published', () => {
    const a = answerQuestion(engine, 'when was the irgengioro paper published?');
    expect(a.lead.join(' ')).toMatch(/21 February 2022/);
    expect(a.passages[0]!.text).toMatch(/Published online: 21 February 2022/);
  });

  it('what a document argues overall, or concludes: its abstract, opening or conclusion', () => {
    expect(answerQuestion(engine, 'what does irgengioro argue overall?').passages[0]!.paragraphId).toBe('irgengioro-2022/1');
    expect(answerQuestion(engine, 'what does the journal article conclude?').passages[0]!.paragraphId).toBe('irgengioro-2022/35');
    // An op-ed without headings: its last paragraph concludes, its first states the thesis.
    expect(answerQuestion(engine, 'how does the op-ed end, what is its conclusion?').passages[0]!.paragraphId).toBe('miliate-2013/8');
    expect(answerQuestion(engine, "what's the main thesis of the miliate piece?").passages[0]!.paragraphId).toBe('miliate-2013/1');
  });

  it('a paper’s numbered "5 Conclusion" is its conclusion, not the last line of its appendix', () => {
    const paper = createEngineFromCorpus(
      indexCorpus([
        testDocument({ id: 'krishna-2023', title: 'LongEval: Guidelines for Human Evaluation of Faithfulness', doi: '10.18653/v1/x' }, [
          { text: 'We survey human evaluation of long-form summaries.', section: 'Abstract', role: 'abstract' },
          { text: 'Human evaluation of long summaries is costly.', section: '1 Introduction' },
          { text: 'We recommend fine-grained annotation of partial summaries.', section: '5 Conclusion' },
          { text: 'Table 11: Annotation guidelines provided to annotators.', section: 'G Metric correlations' },
        ]),
        testDocument({ id: 'other-2020', title: 'Other notes' }, ['Herders move with the seasons.']),
      ]),
    );
    expect(answerQuestion(paper, 'what does the longeval paper recommend?').passages[0]!.paragraphId).toBe('krishna-2023/3');
  });

  it('“what did the datta paper find?”, “its main findings?”: what it concludes, without the back matter an import left under the conclusion', () => {
    const paper = createEngineFromCorpus(
      indexCorpus([
        testDocument({ id: 'datta-2010-dvt-prophylaxis', title: 'Complications related to deep venous thrombosis prophylaxis in trauma', authors: ['Indraneel Datta', 'Chad G Ball'] }, [
          { text: 'Prophylaxis of deep venous thrombosis (DVT) is essential in trauma; we reviewed its complications.', section: 'Abstract', role: 'abstract' },
          { text: 'Multisystem traumatic injury is a significant risk factor for DVT.', section: 'Introduction' },
          { text: 'Low molecular weight heparin is the recommended DVT prophylaxis; bleeding occurred in 3.9%.', section: 'Conclusion' },
          { text: 'Author details Department of Surgery, University of Calgary, Canada.', section: 'Conclusion' },
          { text: 'Authors’ contributions ID - Study design, data analysis.', section: 'Conclusion' },
          { text: 'CGB - Data analysis, manuscript writing.', section: 'Conclusion' },
        ]),
        testDocument({ id: 'other-2020', title: 'Other notes' }, ['Herders move with the seasons.']),
      ]),
    );
    for (const q of ['what did the datta paper find?', 'what are the main findings of the datta review?']) {
      // (The document's own summaries first; what the search adds below them is the search's.)
      const shown = answerQuestion(paper, q).passages.map((p) => p.paragraphId).slice(0, 2);
      expect(shown[0], q).toBe('datta-2010-dvt-prophylaxis/3');
      expect(shown, q).not.toContain('datta-2010-dvt-prophylaxis/4');
      expect(shown, q).not.toContain('datta-2010-dvt-prophylaxis/5');
      expect(shown, q).not.toContain('datta-2010-dvt-prophylaxis/6');
    }
  });

  it('for every document when none is named, and not at all for a question on the subject', () => {
    const all = answerDocumentQuestion(engine.corpus, 'who wrote these?');
    expect(all?.documents.map((d) => d.meta.id).sort()).toEqual(['irgengioro-2022', 'miliate-2013']);
    expect(answerDocumentQuestion(engine.corpus, 'when did direct flights between Almaty and Ulaanbaatar resume?')).toBeNull();
    expect(answerDocumentQuestion(engine.corpus, 'Why are Mongolia–Kazakhstan relations so weak?')).toBeNull();
  });

  it('within the document the caller restricts to (a conversation about one source)', () => {
    const a = answerQuestion(engine, 'when was it published?', { documentId: 'miliate-2013' });
    expect(a.lead).toHaveLength(1);
    expect(a.lead[0]).toMatch(/Miliate/);
  });

  it('a question naming one document is searched in that document', () => {
    const a = answerQuestion(engine, 'what does the east asia forum piece say about the third neighbor policy?');
    expect(a.passages.every((p) => p.citation.documentId === 'miliate-2013')).toBe(true);
  });

  it('a question in another script gets a plain message, not "nothing matches"', () => {
    const a = answerQuestion(engine, 'Почему отношения Монголии и Казахстана слабые?');
    expect(a.message).toMatch(/answers questions in English/);
    expect(a.message).toMatch(/Mongolia/);
  });
});

describe('a document whose metadata names no venue or date (a PDF imported without them)', () => {
  let bare: Engine;
  beforeAll(async () => {
    const { mkdtemp, copyFile, readFile, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const dir = await mkdtemp(path.join(tmpdir(), 'steppe-novenue-'));
    for (const f of ['irgengioro-2022.txt', 'irgengioro-2022.json', 'miliate-2013.txt']) await copyFile(path.join('corpus', f), path.join(dir, f));
    const meta = JSON.parse(await readFile(path.join('corpus', 'miliate-2013.json'), 'utf8'));
    await writeFile(path.join(dir, 'miliate-2013.json'), JSON.stringify({ ...meta, venue: null, date: '' }));
    bare = await createEngine(dir, { indexCacheDir: null });
  });

  it('says so instead of printing an empty venue, and its title block has no empty fields', () => {
    const a = answerQuestion(bare, 'which outlet published the steppes to the states?');
    expect(a.lead.join(' ')).toMatch(/names no venue/);
    const front = answerQuestion(bare, 'who wrote the steppes to the states?').passages[0]!;
    expect(front.paragraphId).toBe('miliate-2013/front');
    expect(front.text).not.toMatch(/\. ,|, ,|; \.|\.\s*,/);
  });

  it('gives the year when asked when it was published, never an empty date', () => {
    const a = answerQuestion(bare, 'when was the steppes to the states published?');
    expect(a.lead.join(' ')).toMatch(/was published in \*\*2013\*\*/);
    expect(a.lead.join(' ')).not.toContain('****');
  });
});

describe('a question about "the author" that names no document', () => {
  it('is answered although all its words are common ones ("who wrote this?", "who is the author?")', () => {
    for (const q of ['who wrote this?', 'who is the author?', 'who wrote the article?']) {
      const a = answerQuestion(engine, q);
      expect(a.status, q).toBe('answered');
      expect(a.lead.join(' '), q).toContain('John Irgengioro');
    }
  });

  it('asks which document is meant when the corpus holds more than five, and quotes nothing', () => {
    const many = createEngineFromCorpus(
      indexCorpus(Array.from({ length: 6 }, (_, i) => testDocument({ id: `entry-${i}`, authors: [`Author ${i}`], title: `Entry ${i}`, year: 2019 }, [`The authority of entry ${i} is on the steppe.`]))),
    );
    const a = answerQuestion(many, 'who are the authors?');
    expect(a.lead).toEqual([expect.stringMatching(/^The corpus holds 6 documents: name the one you mean/)]);
    expect(a.passages).toEqual([]);
    expect(answerQuestion(many, 'who wrote entry 3?').lead.join(' ')).toContain('Author 3');
  });
});

describe('a paper named by the word before its title’s colon ("SPECTER: Document-level …")', () => {
  const paper = (id: string, title: string, venue: string, author: string) =>
    testDocument({ id, authors: [author], title, venue }, [1, 2, 3].map((n) => `We present ${title.split(':')[0]}, a model; ${title.split(':')[0]} works well (${n}).`));
  const papers = createEngineFromCorpus(
    indexCorpus([paper('cohan-2020', 'SPECTER: Document-level Representation Learning', 'PeerJ Comput. Sci.', 'Arman Cohan'), paper('lo-2020', 'S2ORC: The Semantic Scholar Open Research Corpus', 'ACL', 'Kyle Lo')]),
  );

  it('is the paper asked about in "who wrote SPECTER?", "where did it appear?", though the text names its subject the same', () => {
    expect(answerQuestion(papers, 'who wrote specter?').lead).toEqual(['“SPECTER: Document-level Representation Learning” was written by **Arman Cohan**.']);
    expect(answerQuestion(papers, 'where did specter appear?').lead[0]).toMatch(/appeared in \*\*PeerJ Comput\. Sci\.\*\*$/);
    expect(answerQuestion(papers, 'when was s2orc published?').lead[0]).toMatch(/^Lo \(2020\), “S2ORC/);
  });
});

describe('who funded a document', () => {
  it('is answered from its acknowledgement and funding lines, which are not passages of the text', () => {
    const a = answerQuestion(engine, 'who funded the irgengioro article?');
    expect(a.lead[0]).toMatch(/Acknowledgements: The author acknowledges financial support from the Fonds voor Wetenschappelijk Onderzoek/);
    expect(a.lead[0]).toContain('Funding: Fonds Wetenschappelijk Onderzoek, G039220N');
    expect(answerQuestion(engine, 'who funded the steppes to the states?').lead[0]).toMatch(/names no funding or acknowledgements/);
  });

  it('answers “any conflicts of interest?” from its statement, or says it has none', () => {
    expect(answerQuestion(engine, 'any conflicts of interest in the irgengioro article?').lead[0]).toMatch(/^Irgengioro \(2022\).* — Conflict of interest: The authors declare that they have no Conflict of interest\.$/);
    expect(answerQuestion(engine, 'does the op-ed declare competing interests?').lead[0]).toMatch(/^Miliate \(2013\).*: its text has no statement on competing interests\.$/);
    expect(answerQuestion(engine, 'what are mongolia’s interests in central asia?').lead).toEqual([]);
  });

  it('is not a question about funding in the text: "does mongolia prefer international funding?" is searched', () => {
    const a = answerQuestion(engine, 'does mongolia prefer international funding?');
    expect(a.lead).toEqual([]);
    expect(a.passages[0]?.text).toContain('prefers more international funding');
  });
});

describe('what a document is, as an object: keywords, bibliography, sections, length, methods, its author’s background', () => {
  it('its keywords, from the title block, and a document without them says so', () => {
    const a = answerQuestion(engine, 'what are the journal article’s keywords?');
    expect(a.lead[0]).toMatch(/keywords: \*\*Mongolia · Kazakhstan · Kyrgyzstan · .*Foreign policy\*\*/);
    expect(a.passages[0]!.paragraphId).toBe('irgengioro-2022/front');
    expect(answerQuestion(engine, 'keywords of the op-ed?').lead[0]).toMatch(/states no keywords/);
  });

  it('how many works it cites: its bibliography counted; an op-ed has none', () => {
    const a = answerQuestion(engine, 'how many works does the irgengioro paper cite?');
    expect(a.lead[0]).toMatch(/cites \*\*\d{2,3} works\*\* in its bibliography/);
    expect(Number(/\*\*(\d+) works/.exec(a.lead[0]!)![1])).toBe(engine.corpus.documents.find((d) => d.meta.id === 'irgengioro-2022')!.references.length);
    expect(answerQuestion(engine, 'how many references does the op-ed have?').lead[0]).toMatch(/no bibliography/);
  });

  it('its sections in order, and how long it is', () => {
    const sections = answerQuestion(engine, 'what sections does the journal article have?').lead[0]!;
    expect(sections).toMatch(/\*\*\d+ sections\*\*: Abstract · Introduction · Mongolia between Central and East Asia · /);
    expect(sections).toMatch(/Conclusion\.$/);
    expect(answerQuestion(engine, 'how is the op-ed structured?').lead[0]).toMatch(/no section headings/);
    // ("what parts of a paper …": of any paper, a question of the text, not of this one's sections.)
    expect(answerQuestion(engine, 'what parts of an article does the journal article say a reader skips?').lead.join(' ')).not.toMatch(/sections\*\*/);
    expect(answerQuestion(engine, 'how long is the journal article?').lead[0]).toMatch(/\*\*33 pages\*\*, about \*\*\d{1,2},\d{3} words\*\*/);
  });

  it('“hows the journal article laid out”: its sections, and the passage of its opening that lays out its plan, that sentence in bold', () => {
    const plan = answerQuestion(engine, 'hows the journal article laid out');
    expect(plan.lead[0]).toMatch(/\*\*\d+ sections\*\*/);
    const first = plan.passages[0]!;
    expect(first.text.slice(first.highlight.start, first.highlight.end)).toMatch(/^It thus first provides .* and then conducts/);
    // (A document with no such sentence has its title block only.)
    expect(answerQuestion(engine, 'how is the op-ed structured?').passages.map((p) => p.paragraphId)).toEqual(['miliate-2013/front']);
  });

  it('“structure” asks for the sections only of a document: “the crystal structure”, “the structure of the economy” are the text’s', async () => {
    const { asksDocumentFact } = await import('../../src/answer/documentFacts.js');
    for (const q of ['what is the structure of the paper?', 'its structure?', 'the article’s structure pls', 'give me an outline']) expect(asksDocumentFact(q), q).toBe(true);
    for (const q of ['how does it sit in the binding site in the crystal structure?', 'what is the structure of the kazakh economy?']) expect(asksDocumentFact(q), q).toBe(false);
  });

  it('“where did the op-ed run?” asks its venue; “where does the railway run?” is a question of the text', () => {
    expect(answerQuestion(engine, 'where did the op-ed run?').lead[0]).toMatch(/appeared in \*\*East Asia Forum/);
    expect(answerQuestion(engine, 'where does the railway run?').lead.join(' ')).not.toMatch(/appeared in/);
  });

  it('how it was done: its methods section, or, without one, its own summary', () => {
    const study = createEngineFromCorpus(
      indexCorpus([
        testDocument({ id: 'ward-2014', authors: ['Ama Mensah'], title: 'Quality on the ward', year: 2014 }, [
          { text: 'We studied delays on a medical ward.', role: 'abstract', section: 'Abstract' },
          { text: 'A mix of checklists, record reviews and interviews was used over six weeks.', section: 'Methods' },
          { text: 'Delays were longest at night.', section: 'Results' },
        ]),
      ]),
    );
    const a = answerQuestion(study, 'what methods did the study use?');
    expect(a.lead[0]).toMatch(/from its methods section/);
    expect(a.passages[0]!.paragraphId).toBe('ward-2014/2');
    const b = answerQuestion(engine, 'what methodology does the journal article follow?');
    expect(b.lead[0]).toMatch(/has no methods section/);
    expect(b.passages[0]!.paragraphId).toBe('irgengioro-2022/1');
  });

  it('its author’s background, from the note on the author, however asked', () => {
    for (const q of ['is miliate an academic?', "what's the background of the author of the op-ed?", "who is the author of the 2013 one and what's his background?"]) {
      const a = answerQuestion(engine, q);
      expect(a.lead, q).toHaveLength(1);
      expect(a.lead[0], q).toMatch(/^\*\*Brandon Miliate\*\* \(Indiana University\).*PhD student in Political Science/);
    }
  });

  it('a document named by its year: "the 2013 one"', () => {
    expect(answerQuestion(engine, 'who wrote the 2013 one?').lead[0]).toMatch(/Brandon Miliate/);
    expect(answerQuestion(engine, 'what does the 2022 paper conclude?').passages[0]!.paragraphId).toBe('irgengioro-2022/35');
  });

  it('is not asked by a question on the subject that uses the same words', () => {
    const papers = createEngineFromCorpus(indexCorpus([testDocument({ id: 's2orc-2020', title: 'S2ORC' }, ['S2ORC consists of 81.1M papers.'])]));
    expect(answerDocumentQuestion(papers.corpus, 'How many papers are in S2ORC?')).toBeNull();
    expect(answerDocumentQuestion(engine.corpus, 'how long is the border between Mongolia and Kazakhstan?')).toBeNull();
    expect(answerDocumentQuestion(engine.corpus, 'what approach did Kazakhstan take to the BRI?')).toBeNull();
    expect(answerDocumentQuestion(engine.corpus, 'what is the structure of Mongolian trade with China?')).toBeNull();
  });
});

describe('what the corpus holds', () => {
  it('which documents there are, and which is newest: from the metadata, with their title blocks', () => {
    for (const q of ['what sources do you have?', 'list your documents', "what's in your corpus?"]) {
      const a = answerQuestion(engine, q);
      expect(a.lead[0], q).toBe('The corpus holds **2 documents**:');
      expect(a.lead.slice(1).join('\n'), q).toMatch(/Irgengioro \(2022\)[\s\S]*Miliate \(2013\)/);
      expect(a.passages.map((p) => p.paragraphId).sort(), q).toEqual(['irgengioro-2022/front', 'miliate-2013/front']);
    }
    const newest = answerQuestion(engine, 'which source is more recent?');
    expect(newest.lead[0]).toMatch(/^The most recent is \*\*Irgengioro \(2022\)[^*]*\*\*; the oldest, \*\*Miliate \(2013\)/);
  });

  it('a large corpus: the first few, and /about for the rest', () => {
    const surnames = ['Adams', 'Baker', 'Clark', 'Dorj', 'Evans', 'Fischer', 'Gantulga', 'Hill'];
    const many = createEngineFromCorpus(indexCorpus(surnames.map((name, i) => testDocument({ id: `entry-${i}`, authors: [`Ann ${name}`], title: `Entry ${i}`, year: 2010 + i }, [`Entry ${i} is on the steppe.`]))));
    const a = answerQuestion(many, 'what documents do you have?');
    expect(a.lead[0]).toBe('The corpus holds **8 documents**:');
    expect(a.lead.at(-1)).toMatch(/and 3 more: \/about lists them all/);
    expect(answerQuestion(many, 'which document is the oldest?').lead[0]).toMatch(/^The most recent is \*\*Hill \(2017\).*the oldest, \*\*Adams \(2010\)/);
    // A topic is for the search: "which source is most recent on the steppe?" asks what it says.
    expect(answerDocumentQuestion(many.corpus, 'which sources do you have on the steppe?')).toBeNull();
  });
});
