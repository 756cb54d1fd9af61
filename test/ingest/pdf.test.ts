import { readFileSync } from 'node:fs';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { importFiles, type ImportResult } from '../../src/corpus/ingest/index.js';
import { loadCorpus } from '../../src/corpus/load.js';
import type { Corpus, CorpusDocument } from '../../src/corpus/types.js';
import { material } from './material.js';
import { createEngineFromCorpus } from '../../src/engine.js';
import { answerQuestion } from '../../src/answer/answer.js';
import { runEval } from '../../src/eval/run.js';
import { parseEvalFile } from '../../src/eval/score.js';
import { answerTurn } from '../../src/conversation/converse.js';
import { emptyConversation } from '../../src/conversation/state.js';
import { parseConversationFile, runConversationEval } from '../../src/eval/conversations.js';

const PDF_QUESTIONS = fileURLToPath(new URL('./pdfQuestions.jsonl', import.meta.url));
const HELD_OUT_PDF_QUESTIONS = fileURLToPath(new URL('./heldoutPdf.jsonl', import.meta.url));
/** 8 conversations on the papers (hpc11-01…08), by a helper who saw neither the code nor the answers. */
const PDF_CONVERSATIONS = fileURLToPath(new URL('./pdfConversations.jsonl', import.meta.url));
/** A second round (hpc12-01–08, eight papers), written blind on 8 December. */
const PDF_CONVERSATIONS_2 = fileURLToPath(new URL('./pdfConversations2.jsonl', import.meta.url));

/**
 * Every real PDF in ../shared/material/pdf imported as `npm run add` does, into a temp
 * corpus, then read back by the loader start-up uses. What is asserted is what a reader
 * holding the paper would check.
 */
const dir = material('pdf');
let results: ImportResult[] = [];
let corpus: Corpus;
const doc = (prefix: string): CorpusDocument => corpus.documents.find((d) => d.meta.id.startsWith(prefix))!;
const bodyText = (d: CorpusDocument) => d.paragraphs.map((p) => p.text).join('\n');

beforeAll(async () => {
  if (!dir) return;
  const out = await mkdtemp(path.join(tmpdir(), 'steppe-pdf-'));
  // As `npm run add -- ../shared/material/pdf` runs it: no flags, no defaults.
  results = await importFiles([dir], { corpusDir: out });
  corpus = await loadCorpus(out);
}, 240_000);

describe.skipIf(!dir)('PDFs from ../shared/material/pdf', () => {
  it('imports every PDF and the corpus loads as at start-up', async () => {
    const pdfs = (await readdir(dir!)).filter((f) => f.endsWith('.pdf'));
    expect(results.map((r) => [path.basename(r.source), r.error ?? r.status])).toEqual(pdfs.sort().map((f) => [f, 'added']));
    expect(corpus.documents).toHaveLength(pdfs.length);
  });

  it('proposes title, authors, year and DOI from the PDF', () => {
    const specter = doc('acl-2020-cohan-specter');
    expect(specter.meta.title).toBe('SPECTER: Document-level Representation Learning using Citation-informed Transformers');
    expect(specter.meta.authors[0]).toBe('Arman Cohan');
    expect(specter.meta.year).toBe(2020);
    const tully = doc('hindawi-2010-tully');
    expect(tully.meta.doi).toBe('10.1155/2010/157939');
    expect(tully.meta.year).toBe(2010);
    expect(doc('peerj-cs-2017-webb').meta.authors).toEqual(['Andrew E. Webb', 'Thomas A. Walsh', 'Mary J. O’Connell']);
  });

  it('fills what the PDF info leaves out from the first page', () => {
    // Info Author is the first author only; the page names five.
    const datta = doc('bmc-jtmo-2010-datta');
    expect(datta.meta.authors).toEqual(['Indraneel Datta', 'Chad G Ball', 'Lucas Rudmik', 'S Morad Hameed', 'John B Kortbeek']);
    // Info Subject "Journal of Trauma Management & Outcomes 2010 4:1. doi:…": the journal's name.
    expect(datta.meta.venue).toBe('Journal of Trauma Management & Outcomes');
    // "Nuala E. Tully {et al.}" in the info; "Research Article" set over the title in its print.
    const tully = doc('hindawi-2010-tully');
    expect(tully.meta.authors).toHaveLength(4);
    expect(tully.meta.title).toBe('Patient Experiences of Structured Heart Failure Programmes');
    // Info Author "Cambridge Journals" is the publisher; the citation line gives journal and year.
    const ipg = doc('intpsychogeriatrics');
    expect(ipg.meta.authors).toEqual(['Anna Sundström', 'Michael Rönnlund', 'Rolf Adolfsson', 'Lars-Göran Nilsson']);
    expect([ipg.meta.venue, ipg.meta.year]).toEqual(['International Psychogeriatrics', 2014]);
    // A running author before the journal, a four-line title; surnames in capitals.
    expect(doc('bmc-2014-agyeman-duah').meta.venue).toBe('BMC Health Services Research');
    expect(doc('bmc-2014-agyeman-duah').meta.title).toMatch(/situational analysis at the Medical Department of Kamuzu Central Hospital in Lilongwe, Malawi$/);
    expect(doc('clinsci-2014-douglas').meta.authors.slice(0, 2)).toEqual(['Ross G. Douglas', 'Rajni K. Sharma']);
    expect(doc('clinsci-2014-douglas').meta.venue).toBe('Clinical Science');
    // PeerJ prints its journal only where the first page says how to cite the article:
    // "… (2017), VESPA: Very large-scale … Analyses. PeerJ Comput. Sci. 3:e118".
    expect(doc('peerj-cs-2017-webb').meta.venue).toBe('PeerJ Comput. Sci.');
    // "Submitted 25 March 2016 / Accepted 9 May 2017 / Published 5 June 2017": the date published, not the first printed.
    expect(doc('peerj-cs-2017-webb').meta.date).toBe('5 June 2017');
    // "Received 9 November 2010; Accepted 25 December 2010" is the paper's history, not its date.
    expect(doc('hindawi-2010-tully').meta.date).not.toMatch(/November/);
  });

  it('proposes the authors’ institutions the first page prints, for “where are the authors based?”', () => {
    expect(doc('acl-2020-cohan-specter').meta.affiliations).toEqual(['Allen Institute for Artificial Intelligence', 'Paul G. Allen School of Computer Science & Engineering, University of Washington']);
    // Three on one line, each after its marker: "♠University of Massachusetts Amherst, ♢Allen Institute for AI, ♡Yale University".
    expect(doc('acl-eacl2023-longeval').meta.affiliations).toEqual(['University of Massachusetts Amherst', 'Allen Institute for AI', 'Yale University']);
    // Printed as the first page's footnote ("¹Department of Surgery, …"): read there, and kept out of the footnotes.
    const datta = doc('bmc-jtmo-2010-datta');
    expect(datta.meta.affiliations).toEqual(['Department of Surgery, University of Calgary, Calgary, Canada']);
    expect(datta.footnotes.map((f) => f.text).join('\n')).not.toContain('University of Calgary');
    // A line of a long title naming a hospital is no affiliation; a notice has none; no address keeps an e-mail.
    expect(doc('bmc-2014-agyeman-duah').meta.affiliations).toEqual([]);
    expect(doc('us-federal-register').meta.affiliations).toEqual([]);
    for (const d of corpus.documents) expect(d.meta.affiliations.filter((a) => /@|^[^\p{L}]/u.test(a)), d.meta.id).toEqual([]);
  });

  it('keeps a journal’s back matter out of the passages: author details, competing interests', () => {
    const datta = doc('bmc-jtmo-2010-datta');
    expect(datta.paragraphs.filter((p) => /^(?:Author details|Competing interests)\b/.test(p.text)).map((p) => p.text)).toEqual([]);
    expect(datta.frontMatter.some((l) => l.startsWith('Author details Department of Surgery'))).toBe(true);
  });

  it('never takes a running header for the title, and finds a notice’s issuer', () => {
    // The Federal Register's first page prints "Proposed Rules" largest: the part of the journal,
    // repeated in every page's header ("Federal Register / Vol. 85, No. 152 / … / Proposed Rules").
    const fr = doc('us-federal-register');
    expect(fr.meta.title).toBe('Airworthiness Directives; The Boeing Company Airplanes');
    expect(fr.meta.authors).toEqual(['Federal Aviation Administration']);
    expect(fr.meta.venue).toBe('Federal Register');
  });

  it('reads two columns in order: a sentence crossing the column break is whole', () => {
    // Page 1 of SPECTER ends its left column mid-sentence; the sentence goes on at the top of the right one.
    expect(bodyText(doc('acl-2020-cohan-specter'))).toMatch(/Recent Transformer language models like BERT learn powerful textual representations/);
    // …and its introduction's left column ends in a sentence, under it two footnotes, which goes on at the top of the right one.
    expect(bodyText(doc('acl-2020-cohan-specter'))).toContain(
      'While such models are widely used for representing individual words or sentences, extensions to whole-document embeddings are relatively underexplored',
    );
    // Datta: the left column of page 1 ends "… with low molecular", the right one begins "weight heparins".
    expect(bodyText(doc('bmc-jtmo-2010-datta'))).toContain(
      'level one evidence currently supports the use of pharmacologic anticoagulation with low molecular weight heparins (LMWHs) as the primary DVT prophylactic agent [10]',
    );
    // LongEval: page 1 has the abstract and the introduction's start under a title block set across both columns.
    expect(bodyText(doc('acl-eacl2023-longeval'))).toContain(
      'Human judgments are considered the gold standard for evaluating model-generated summaries (Kryscinski et al., 2019; Fabbri et al., 2021)',
    );
    // Agyeman-Duah, page 2; Clinical Science, page 3 (a table over the right column's top).
    expect(bodyText(doc('bmc-2014-agyeman-duah'))).toContain('under the direct administration of the Ministry of Health which provides the hospital’s budget. Even though');
    expect(bodyText(doc('clinsci-2014-douglas'))).toContain('that would possess similar or improved active site interaction properties');
  });

  it('keeps a sentence whole across a page break, a footnote or a margin label', () => {
    // SPECTER page 1 ends "… outperform the state-", under it a footnote and the venue line; page 2 goes on "of-the-art".
    expect(bodyText(doc('acl-2020-cohan-specter'))).toContain('substantially outperform the state-of-the-art on a variety of document-level tasks');
    // Clinical Science prints "www.clinsci.org" up the page's edge, across the abstract.
    const clinsci = bodyText(doc('clinsci-2014-douglas'));
    expect(clinsci).toContain('One scaffold was synthesized and inhibitory binding tested');
    // …and sets ± as a stacked + and −, which the file gives apart from the line's two halves.
    expect(clinsci).toMatch(/displayed potent inhibition \(Ki = 11\.21 \S+ ?0\.74 nM\) and was 927-fold more selective/);
    expect(doc('clinsci-2014-douglas').paragraphs.filter((p) => /^www\.clinsci\.org$|^Clinical Science$/.test(p.text))).toEqual([]);
    // A sentence going on under a display equation; a line set mostly in small capitals
    // ("in the FOR FURTHER INFORMATION / CONTACT section") is not another paragraph.
    expect(bodyText(doc('acl-2020-cohan-specter'))).toContain('the following triplet margin loss function: where d is a distance function');
    expect(bodyText(doc('us-federal-register'))).toContain('FOR FURTHER INFORMATION CONTACT : Ian Won, Manager, Seattle ACO Branch');
    expect(bodyText(doc('us-federal-register'))).toContain('in the FOR FURTHER INFORMATION CONTACT section.');
    // Its rule text is set small down to the page's foot: a line there going on with the sentence
    // is neither the foot's furniture nor, led by "14 CFR", a footnote numbered 14.
    const fr = doc('us-federal-register');
    expect(bodyText(fr)).toContain(
      'In accordance with 14 CFR 39.19, send your request to your principal inspector or responsible Flight Standards Office, as appropriate. If sending information directly to the manager of the certification office, send it to the attention of the person identified in paragraph (q)(1) of this AD.',
    );
    expect(fr.footnotes.filter((f) => /^CFR 39\.19/.test(f.text))).toEqual([]);
  });

  it('reads a page of few lines in its columns, and the columns over a figure set across the page before those under it', () => {
    // Federal Register page 47704: figures 1–9 as images, three columns of two short items over
    // them (four lines in the third: too few to count as a column by the rule for full pages),
    // and one item under them running from the first column into the second.
    const text = bodyText(doc('us-federal-register'));
    const items = [
      '(1) In the Certificate Limitations and Operating Procedures chapters, remove the information identified as ‘‘Required by AD 2018–23–51.’’',
      '(2) In the Operating Procedures chapter, revise the General paragraph to include the information in figure 1 to paragraph (h)(2) of this AD.',
      '(3) In the Operating Procedures chapter, replace the existing Airspeed Unreliable paragraph with the information in figure 2 to paragraph (h)(3) of this AD.',
    ];
    // Pages 47706 and 47707: four lines under the figures, two in each of two columns, too few to
    // show them; read in the document's columns.
    items.push(
      '(4) In the Operating Procedures chapter, replace the existing Runaway Stabilizer paragraph with the information in figure 3 to paragraph (h)(4) of this AD.',
      '(5) In the Operating Procedures chapter, replace the existing Stabilizer Trim Inoperative paragraph with the information in figure 4 to paragraph (h)(5) of this AD.',
    );
    const at = items.map((t) => text.indexOf(t));
    expect(at.every((i) => i >= 0) && at.every((i, k) => k === 0 || i > at[k - 1]!), at.join(' ')).toBe(true);
    // Clinical Science: Figure 6's caption over the image, its legend under it, one caption.
    expect(doc('clinsci-2014-douglas').paragraphs.map((p) => p.text)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Figure 6 Binding of compound 33RE to N-domain ACE \(A\) Residues of N-domain ACE/)]),
    );
  });

  it('keeps the title block out of passages and sections: names, affiliations, the title again', () => {
    for (const d of corpus.documents) {
      const surnames = d.meta.authors.map((a) => a.split(/\s+/).at(-1)!);
      // A line of the authors' names is no section ("Anna Sundström, ¹ Michael Rönnlund, ² …" was one).
      const named = (t: string) => surnames.length >= 2 && surnames.filter((s) => t.includes(s)).length >= 2;
      expect(d.sections.filter((s) => named(s.title)).map((s) => s.title), d.meta.id).toEqual([]);
      expect(d.paragraphs.filter((p) => p.page === d.paragraphs[0]!.page && named(p.text) && p.text.length < 300).map((p) => p.text), d.meta.id).toEqual([]);
      // Nor is the title, or a line of it ("Research Article Patient Experiences of …", "enzyme inhibitors").
      const title = d.meta.title.toLowerCase();
      expect(d.sections.filter((s) => s.title.split(' ').length >= 2 && title.includes(s.title.toLowerCase().replace(/^research article /, ''))).map((s) => s.title), d.meta.id).toEqual([]);
    }
    expect(bodyText(doc('acl-2020-cohan-specter'))).not.toContain('Allen Institute for Artificial Intelligence');
    // A title set across the columns ends in a short line ("… the development / of dementia"): one title, not a section.
    expect(doc('intpsychogeriatrics').sections.map((s) => s.title)).not.toContain('Stressful life events are not associated with the development');
  });

  it('ends a block set across the columns with its short last line, not a new paragraph', () => {
    // Abstracts set over both columns: "… the emotional impact … and emotional / adjustment were asked for."
    expect(bodyText(doc('intpsychogeriatrics'))).toContain('the emotional impact (both positive and negative) and emotional adjustment were asked for.');
    expect(bodyText(doc('bmc-jtmo-2010-datta'))).toMatch(/they must be appropriately utilized\./);
    expect(doc('bmc-jtmo-2010-datta').paragraphs.filter((p) => /^priately/.test(p.text))).toEqual([]);
  });

  it('goes on with a paragraph a figure cut after a comma, though the text resumes with a capital', () => {
    // S2ORC page 1: "Digital archives like arXiv,²" | Figure 1 and its caption | "PubMed Central,³ CiteSeerX …".
    expect(bodyText(doc('acl-2020-lo-s2orc'))).toContain('Digital archives like arXiv,² PubMed Central,³ CiteSeerX');
  });

  it('reads a structured abstract as the parts it labels', () => {
    // "Methods: A mix of quantitative and qualitative methods …" → § Methods under Abstract.
    const methods = doc('bmc-2014-agyeman-duah').paragraphs.find((p) => p.text.startsWith('A mix of quantitative and qualitative methods was applied'))!;
    expect([methods.topSection, methods.section]).toEqual(['Abstract', 'Methods']);
    expect(doc('intpsychogeriatrics').paragraphs.find((p) => p.text.startsWith('During follow-up, 423 participants developed dementia'))!.section).toBe('Results');
    // PeerJ runs "… within a UNIX environment. Results. We have benchmarked …" on with no indent: the bold label starts the part.
    expect(doc('peerj-cs-2017-webb').paragraphs.find((p) => p.text.startsWith('We have benchmarked VESPA'))!.section).toBe('Results');
  });

  it('reads a bold lead-in as the start of its paragraph, a heading on two lines as one', () => {
    const longeval = doc('acl-eacl2023-longeval');
    expect(longeval.paragraphs.some((p) => p.text.startsWith('Long-form summaries are rarely evaluated by humans. We find that 101 out of 162 papers'))).toBe(true);
    expect(longeval.sections.map((s) => s.title)).toContain('3.1 RQ1: Does inter-annotator agreement improve using fine-grained annotations?');
    // A numbered heading on one line that asks a question is a heading too, not a bold first sentence.
    expect(longeval.sections.find((s) => s.title === 'B.3 Crowdworkers or expert annotators?')).toMatchObject({ level: 2, parent: 'B Human evaluation details' });
    // A bold title running into the text (no stop after it) is a run-in heading, not glued to the sentence.
    const s2orc = doc('acl-2020-lo-s2orc');
    const extracting = s2orc.paragraphs.find((p) => p.text.startsWith('We use SCIENCEPARSE to extract title and authors from each PDF'))!;
    expect([extracting.topSection, extracting.section]).toEqual(['2 Constructing the corpus', 'Extracting structured data from PDFs']);
    expect(doc('acl-2020-cohan-specter').sections.map((s) => s.title)).toEqual(expect.arrayContaining(['Training Data', 'Ablation Study']));
    for (const d of corpus.documents) expect(d.sections.filter((s) => /^(?:Figure|Table) \d/.test(s.title)).map((s) => s.title), d.meta.id).toEqual([]);
  });

  it('nests headings as the outline does, and never loses one inside a table', () => {
    // BMC sets sections and sub-sections alike; the outline says "Setting" is under "Methods",
    // and "Patient flow and care" (set beside Table 1, in its print) under "Document review …".
    const bmc = doc('bmc-2014-agyeman-duah');
    // (The last of a title: "Methods" is the abstract's part first, then the paper's section.)
    const section = (title: string) => bmc.sections.filter((s) => s.title === title).at(-1);
    expect([section('Methods')?.level, section('Setting')?.level, section('Setting')?.parent]).toEqual([1, 2, 'Methods']);
    expect(section('Patient flow and care')).toMatchObject({ level: 2, parent: 'Document review and participatory observations' });
    const night = bmc.paragraphs.find((p) => p.text.includes('59% during the night shift'))!;
    expect(night.section).toBe('Patient flow and care');
    // The abstract's "Background" is its part; the paper's "Background" a section of its own.
    expect(bmc.sections.filter((s) => s.title === 'Background').map((s) => [s.level, s.parent])).toEqual([
      [2, 'Abstract'],
      [1, null],
    ]);
  });

  it('keeps the first page’s front matter out of the passages', () => {
    // Hindawi: "Volume 2010, Article ID 157939, 6 pages / doi:…", an address's last line, the
    // paper's history and its editor, among the title block.
    const tully = doc('hindawi-2010-tully');
    const scraps = /^(?:Volume 2010, Article ID|doi:10\.1155|Dublin 2, Ireland$|Received 9 November 2010|Academic Editor)/;
    expect(tully.paragraphs.filter((p) => scraps.test(p.text)).map((p) => p.text)).toEqual([]);
    // PeerJ's margin of history and licence, its subject list; Cambridge's keywords and correspondence address.
    const peerj = /^(?:Submitted 25 March 2016|Distributed under Creative Commons|Subjects Bioinformatics)/;
    expect(doc('peerj-cs-2017-webb').paragraphs.filter((p) => peerj.test(p.text)).map((p) => p.text.slice(0, 60))).toEqual([]);
    const ipg = doc('intpsychogeriatrics');
    expect(ipg.paragraphs.filter((p) => /^(?:Key words|Keywords|Correspondence should be addressed)/.test(p.text)).map((p) => p.text.slice(0, 60))).toEqual([]);
    expect(ipg.frontMatter.some((t) => t.startsWith('Keywords: dementia'))).toBe(true);
    // Clinical Science closes with its history ("Received 19 July 2013/20 August 2013; accepted 9 September 2013").
    expect(doc('clinsci-2014-douglas').paragraphs.filter((p) => /^Received 19 July 2013/.test(p.text))).toEqual([]);
    // Clinical Science: an affiliation's last line ("7935, South Africa South Africa").
    expect(doc('clinsci-2014-douglas').paragraphs.filter((p) => /South Africa South Africa/.test(p.text))).toEqual([]);
  });

  it('files an abstract printed without a heading, or in one run of labelled parts, under Abstract', () => {
    // Hindawi runs "Objectives. … Methods. Focus groups … Results. … Conclusion. …" in one paragraph.
    const tully = doc('hindawi-2010-tully').paragraphs.find((p) => p.text.startsWith('Focus groups were conducted with fifteen participants'))!;
    expect([tully.topSection, tully.section, tully.role]).toEqual(['Abstract', 'Methods', 'abstract']);
    // Cambridge prints "Background: … Methods: … Results: …" with no "Abstract" over them.
    const ipg = doc('intpsychogeriatrics').paragraphs.find((p) => p.text.startsWith('During follow-up, 423 participants developed dementia; of these'))!;
    expect([ipg.topSection, ipg.section, ipg.role]).toEqual(['Abstract', 'Results', 'abstract']);
  });

  it('takes a figure’s labels for no table, and reads a table of text as its cells', () => {
    // LongEval's Figures 2–4 and 7: axis titles and ticks ("rouge-1_f1 FINE … COARSE") in rows.
    const longeval = results.find((r) => r.id.startsWith('acl-eacl2023-longeval'))!;
    const written = readFileSync(longeval.textPath, 'utf8');
    expect(written).not.toMatch(/rouge-1_f1\t|bart_dpr\t|^0\.6\t17\.5$/m);
    // Seven, and its Table 8 ("Raw human evaluation data released 2 / 44"), read across the page
    // beside Figure 5's legend and ticks, which are the figure's; Table 9 an eighth, whole, though
    // its first rows sit on the baselines of Figure 5's caption beside it (they were a paragraph).
    expect(longeval.counts!.tables).toBe(8);
    expect(written).toMatch(/^Best practice\t# papers\nRaw human evaluation data released\t2 \/ 44\n(?:.+\t\d+ \/ 44\n){6}Specific summary aspects evaluated\t42 \/ 44$/m);
    expect(written).toMatch(/^Type of annotator\t# papers\nNo details specified\t11 \/ 44\n(?:.+\t\d+ \/ 44\n){5}Upwork freelancers\t2 \/ 44$/m);
    expect(bodyText(doc('acl-eacl2023-longeval'))).not.toMatch(/Native English speaker\*\* 5 \/ 44/);
    // The same in one column of Clinical Science: its Table 2's last rows were a paragraph ("OH NAS 2.7 Tyr ³⁶⁹ Water 3 …").
    const ace = readFileSync(results.find((r) => r.id.startsWith('clinsci'))!.textPath, 'utf8');
    expect(ace).toMatch(/^Ala334\tN\tOAG\t2\.8\nTyr 369\tOH\tNAS\t2\.7\nWater 3\tO\tNAT\t3\.1\nWater 4\tO\tNAR\t3\.1$/m);
    expect(bodyText(doc('clinsci-2014-douglas'))).not.toMatch(/OH NAS 2\.7/);
    expect(written).not.toMatch(/pred_hints|gold_hints/);
    // A figure's words read before its caption, short and no sentence, are not passages either.
    const labels = /^(?:Pearson correlation|Fraction of units|KT correlation|Transformer \(initialized with SciBERT\)|\(a\) SPECTER \(b\) SciBERT|Participants who developed)$/;
    expect(corpus.documents.flatMap((d) => d.paragraphs.filter((p) => labels.test(p.text)).map((p) => p.id))).toEqual([]);
    expect(doc('acl-2020-cohan-specter').paragraphs.map((p) => p.text)).toContain('Figure 1: Overview of SPECTER.');
    // Its Table 6: questions to the annotators beside their quoted answers, in small print, the
    // lines of the two columns given in turn: each cell a paragraph, not each line.
    const texts = doc('acl-eacl2023-longeval').paragraphs.map((p) => p.text);
    expect(texts).toContain('Q: Did you find the highlighted hints useful while making your judgment?');
    expect(texts.some((t) => /^“With summaries that had poor correctness, the hints were often a mess, and even correct spans had to be carefully checked\..*refresh my memory about details\.”$/.test(t))).toBe(true);
    expect(texts.filter((t) => /^(?:hints useful while making your|carefully checked\. In summaries|tors said)/.test(t))).toEqual([]);
  });

  it('goes on with a word broken at a line end whatever the next line’s indent, and with a list item’s hanging lines', () => {
    // A list item broken across a page: its second half hangs indented at the next page's top.
    expect(bodyText(doc('acl-2020-lo-s2orc'))).toContain('• Size: The resulting S2ORC pretraining corpus contains 16.4B tokens');
    // "(iv) the role of the GP in caring for patients with heart" / "failure." hung under the item:
    // its last word, not a paragraph of its own (too short to keep, so lost).
    expect(bodyText(doc('hindawi-2010-tully'))).toContain('(iv) the role of the GP in caring for patients with heart failure.');
  });

  it('keeps a caption apart whose label is bold, though the sentence before it is left unfinished', () => {
    // "… (see Table 1). Participants" ends a page; the next opens with the table under its caption
    // ("**Table 1.** Baseline characteristics …") and the sentence goes on after it.
    const texts = doc('intpsychogeriatrics').paragraphs.map((p) => p.text);
    expect(texts.some((t) => t.includes('five years apart (see Table 1). Participants were randomly sampled (stratified by age and gender)'))).toBe(true);
    expect(texts.some((t) => t.includes('no significant association was observed between the total number of life events'))).toBe(true);
    expect(texts.filter((t) => /\S\s+Table \d\. (?:Baseline|Cox)/.test(t))).toEqual([]);
    // Its Table 2: hazard ratios with their intervals, a label of several words before them.
    const written = readFileSync(results.find((r) => r.id.startsWith('intpsychogeriatrics'))!.textPath, 'utf8');
    expect(written).toContain('Number of negative and very negative events\t0.97 (0.92–1.02)\t0.96 (0.91–1.01)');
    // Its header set letter-spaced ("P A R T I C I P A N T S"): words.
    expect(written).not.toMatch(/(?:\p{Lu} ){4}/u);
    // Its tables' headers, stacked on three lines over the columns and parted from the rows by a
    // dotted rule, are the tables' first rows, not paragraphs ("ALL DEMENTIA MODEL 1 a HR …"),
    // and the table comes where its rows are read, its header over a column read later.
    expect(written).toMatch(/^PARTICIPANTS\tPARTICIPANTS\nWHO REMAINED\tWHO DEVELOPED\nDEMENTIA - FREE\tDEMENTIA\tp- VALUE\nAge: mean, SD\t67\.7, SD = 9\.6/m);
    expect(written).toMatch(/^ALL DEMENTIA\tALZHEIMER’S DISEASE\nMODEL 1 a\tMODEL 2 b\tMODEL 1 a\tMODEL 2 b\n.*\nNumber of life events\t0\.99/m);
    expect(texts.filter((t) => /^(?:ALL DEMENTIA|PARTICIPANTS|MODEL 2)/.test(t))).toEqual([]);
    // A row whose label is long, its cells in the columns of the row above, is a row, its figures kept.
    expect(written).toMatch(/^No, never drank or have quit \(%\)\t24\.8\t37\.0\nNumber of cardiovascular diseases\/disorders: mean, SD\t0\.8, SD = 0\.9\t0\.9, SD = 0\.9\t0\.1\nNumber of depressive symptoms/m);
    expect(written).not.toMatch(/\.{8}/);
  });

  it('reads a symbol font’s bullet set larger and higher than its item’s text as a bullet, the item one paragraph', () => {
    // Clinical Science's Clinical Perspectives: U+0002 in 13 pt before 9 pt text, each item's lines hanging under it.
    const texts = doc('clinsci-2014-douglas').paragraphs.map((p) => p.text);
    expect(texts).toContain(
      '• The N-domain catalytic site of ACE is highly selective for the antifibrotic and anti-inflammatory tetrapeptide N-acetyl-Ser-Asp-Lys-Pro. Thus a fragment-based approach was used to design a novel inhibitor that was specific for the N-domain.',
    );
    expect(texts.some((t) => t.startsWith('• A molecule incorporating a tetrazole moiety in the P2 position displayed potent inhibition of the N-domain'))).toBe(true);
  });

  it('keeps a float’s caption apart, the sentence it interrupted whole, and a list item each a paragraph', () => {
    const ammar = bodyText(doc('acl-naacl2018-ammar'));
    // Page 6: the left column ends "… the index described", the right one starts with Table 4
    // ("CS Bio" over its rows) and its caption, then "earlier. We compute …".
    expect(ammar).toContain('based on the statistics collected in the index described earlier. We compute two scores based on the word overlap');
    expect(doc('acl-naacl2018-ammar').paragraphs.map((p) => p.text)).toContain('Table 4: The Bag of Concepts F1 score of the baseline and neural model on the two curated datasets.');
    expect(ammar).toContain('we use three instances of the entity extraction model with a similar architecture, but trained on different datasets');
    // Clinical Science: a figure's stray value ("0.59", the last of page 4) is no sentence for a
    // caption to go on, and a caption under a caption is another ("Figure 2 …" / "Figure 3 …").
    const clinsci = doc('clinsci-2014-douglas').paragraphs.map((p) => p.text);
    expect(clinsci.filter((t) => /^0\.59 Figure 2|originally selected from 3NXQ \[34\] Figure 3/.test(t))).toEqual([]);
    expect(clinsci.some((t) => t.startsWith('Figure 3 Interaction energies for all of the amino acids'))).toBe(true);
    // A table named at a line's start by a sentence going on ("… bibliography linking in / Table 4. On average") is no caption.
    expect(bodyText(doc('acl-2020-lo-s2orc'))).toContain('bibliography linking in Table 4. On average, LATEX parses contain');
    // TeX's bullet (glyph 15 of its symbol font, given as U+000F): one item a paragraph, its hanging lines in it.
    expect(ammar).toContain('• What is the percentage of female subjects in depression clinical trials?\n• Which of my co-authors published one or more papers on coreference resolution?');
    const bmc = doc('bmc-2014-agyeman-duah').paragraphs.map((p) => p.text);
    expect(bmc).toEqual(expect.arrayContaining(['• the patient‘s perspective of the quality of healthcare delivery and', '• the patient’s satisfaction with services in the Medical Department']));
  });

  it('starts few paragraphs in lower case (a sentence split at a column, page or float)', () => {
    // A paragraph that starts in lower case is a missed join (equations, list items and table
    // rows aside). Ceilings as measured, with a little room; before this was worked on:
    // Datta 0.68, LongEval 0.34, Agyeman-Duah 0.25, Clinical Science 0.21, S2ORC 0.19.
    // Issue 15's fourth round: NAACL 0.04 → 0.03 (subscripts kept in their lines), Clinical Science
    // 0.03 → 0 (its bullets and subscripts), the Federal Register 0.03 → 0.01 (pages of few lines
    // read in their columns); the ceilings lowered to what is measured, with a little room.
    const CEILING: Record<string, number> = {
      'acl-2020-cohan-specter': 0.03,
      'acl-2020-lo-s2orc': 0.04,
      'acl-eacl2023-longeval': 0.02, // 0.10 before its Table 6 was read as cells, not lines
      'acl-naacl2018-ammar': 0.04,
      'bmc-2014-agyeman-duah': 0.02,
      'bmc-jtmo-2010-datta': 0.1, // ten long paragraphs: one would be 0.1
      'clinsci-2014-douglas': 0.01,
      'hindawi-2010-tully': 0.01,
      intpsychogeriatrics: 0.01,
      'peerj-cs-2017-webb': 0.04, // 0.12 before its landscape Table 2 was read upright
      'us-federal-register': 0.02,
    };
    const ratios = Object.fromEntries(
      corpus.documents.map((d) => {
        const body = d.paragraphs.filter((p) => p.role !== 'caption' && p.text.length > 80);
        return [d.meta.id, Math.round((body.filter((p) => /^\p{Ll}/u.test(p.text)).length / body.length) * 100) / 100];
      }),
    );
    console.info('share of paragraphs starting in lower case, by PDF:', JSON.stringify(ratios));
    for (const [id, ratio] of Object.entries(ratios)) {
      const ceiling = Object.entries(CEILING).find(([k]) => id.startsWith(k))?.[1] ?? 0.15;
      expect(ratio, id).toBeLessThanOrEqual(ceiling);
    }
    // Joining must not run paragraphs together to get there.
    for (const d of corpus.documents) {
      expect(Math.max(...d.paragraphs.map((p) => p.text.length)), d.meta.id).toBeLessThan(3500);
    }
  });

  it('keeps a sentence whole around a word set small over a sign', () => {
    // "… i.e. if P¹ cite −−→ P² and P² cite −−→ P³ but P¹ ≠(cite over the arrow) P³, then P³ is a candidate
    // hard negative …": the over-script came between the line's halves and cut the paragraph.
    expect(bodyText(doc('acl-2020-cohan-specter'))).toMatch(/We denote as “hard negatives” the papers that are not cited by the query paper.*then P³ is a candidate hard negative example for P¹/);
  });

  it('puts TeX accents on their letters', () => {
    // TeX draws the accent as a glyph of its own before the letter: "F¨arber", "P´erez".
    const s2orc = bodyText(doc('acl-2020-lo-s2orc'));
    expect(s2orc).toContain('Saier and Färber (2019)');
    expect(s2orc).not.toContain('F¨arber');
  });

  it('puts an accent set over a capital on a line of its own on its letter, and the degree sign back', () => {
    // "solved at 2.2 ˚ A": the ring is raised over the A, a line of its own until the paragraph is joined.
    const ace = bodyText(doc('clinsci-2014-douglas'));
    expect(ace).toContain('The co-crystal structure of N-domain ACE was solved at 2.2 Å');
    expect(ace).toContain('grown at 16 °C');
    expect(ace).not.toMatch(/˚ ?A|◦C/u);
    for (const d of corpus.documents) expect(bodyText(d), d.meta.id).not.toMatch(/[¨´ˆ˜˚˝ˇ¸] \p{L}/u);
  });

  it('puts TeX accents on their letters where pdf.js gives the pen going back as a space or a new line', () => {
    // "Gensim (", "ˇ" raised over the capital, then "Reh" from under it, " ", "˚", "u", " ", "ˇ", "rek".
    expect(bodyText(doc('acl-2020-cohan-specter'))).toContain('We trained Doc2Vec on our training subset using Gensim (Řehůřek and Sojka, 2010), and chose');
    // Cambridge sets a possessive's apostrophe as an acute: "Student´s t-test".
    expect(bodyText(doc('intpsychogeriatrics'))).toContain('compared using Student’s t-test');
  });

  it('puts an accent struck after its letter on that letter', () => {
    // The Federal Register sets "Agência" as "Age" + "ˆncia" (the circumflex back over the "e"), "Aviação" as "Aviac" + "¸a" + "˜o".
    expect(bodyText(doc('us-federal-register'))).toContain('three international civil aviation authorities: Agência Nacional de Aviação Civil (ANAC) Brazil');
  });

  it('reads the signs of math fonts without a Unicode map, and dashes closed up across a line break', () => {
    // NAACL's MathTime fonts: "p1 ! p2" was the arrow, "lmk D Œlm" an equals sign and a bracket.
    const ammar = bodyText(doc('acl-naacl2018-ammar'));
    expect(ammar).toContain('We instantiate a directed citation edge from paper nodes p1 → p2 for each p2 referenced in p1.');
    expect(ammar).toContain('two directed edges m1 → m2 and m2 → m1');
    expect(ammar).toMatch(/denoted as lmk = \[lm/);
    expect(ammar).not.toMatch(/ [!D] [a-z]\d? |Œ/);
    // Subscripts in smaller print, one starting back under an arrow over the letter before it, stay in their line:
    // the equation is one line, and the sentence around it whole ("word embed-" / "dings, denoted as lmk = …").
    // The backward states' ← over their letters ("lm←k", "g←k": MathTime sets ← at the space's code,
    // which the text layer drops), the forward states' → ("lm→k").
    expect(ammar).toContain('We also compute context-sensitive word embeddings, denoted as lmk = [lm→k ; lm←k ], by concatenating the projected outputs');
    expect(ammar).toContain('g→k = LSTM(Wik , g→k−1), gk = [g→k ; g←k ]');
    expect(ammar).toContain('where W is a weight matrix, g←k and h←k are defined similarly to g→k and h→k but process token sequences in the opposite direction.');
    // "While mention–" ends a line, "mention edges represent …" begins the next.
    expect(ammar).toContain('While mention–mention edges represent relations between mentions');
  });

  it('reads TeX’s negation slash as the struck sign, not the “6” pdf.js names it by', () => {
    // SPECTER §3: "if P¹ cite→ P² and P² cite→ P³ but P¹ cite↛ P³", the arrow struck through.
    const specter = bodyText(doc('acl-2020-cohan-specter'));
    expect(specter).toContain('but P¹ cite ↛ P³, then P³ is a candidate hard negative example for P¹');
    expect(specter).not.toMatch(/P¹ 6 cite/);
    for (const d of corpus.documents) expect(bodyText(d), d.meta.id).not.toMatch(/(?:^|\s)\u0338/mu);
  });

  it('reads UTF-8 the page printed through an 8-bit font as the characters meant', () => {
    // VESPA's LaTeX source was UTF-8 set in a T1 font: the page itself shows "ÏĽ" for ω, "NaÃŕve".
    const vespa = [bodyText(doc('peerj-cs-2017-webb')), ...doc('peerj-cs-2017-webb').paragraphs.map((p) => p.text)].join('\n');
    expect(vespa).toContain('number of free parameters in the ω distribution');
    expect(vespa).toContain('Naïve Empirical Bayes');
    for (const d of corpus.documents) expect(bodyText(d), d.meta.id).not.toMatch(/ÏĽ|Ãŕ|â€/u);
  });

  it('keeps a URL broken at the line end one address', () => {
    expect(bodyText(doc('us-federal-register'))).toContain('on the internet at https://www.regulations.gov by searching');
    const withNotes = (d: CorpusDocument) => [bodyText(d), ...d.footnotes.map((f) => f.text)].join('\n');
    expect(withNotes(doc('acl-2020-cohan-specter'))).toContain('https://github.com/UKPLab/sentence-transformers');
    for (const d of corpus.documents) expect(withNotes(d), d.meta.id).not.toMatch(/https?: ?\/\/ |https?:\/\/\S*\/ [\w-]+$/mu);
    expect(doc('acl-naacl2018').footnotes.map((f) => f.text)).toContain('https://github.com/allenai/openie-standalone');
  });

  it('joins words hyphenated at line ends, and only into words', () => {
    const specter = bodyText(doc('acl-2020-cohan-specter'));
    // A capital after the break is no hyphen when the document writes the word whole ("SciB- / ERT").
    expect(specter).toContain('unlike BERT-Large, SciBERT is pretrained on scientific text');
    expect(specter).toContain('representations');
    expect(specter).toContain('document-level');
    expect(specter).not.toMatch(/\bstateof\b/);
    // Halves that are both words, where English writes one ("no-" / "table"), and a compound the paper writes ("N-" / "domain").
    expect(bodyText(doc('acl-naacl2018-ammar'))).toContain('Despite notable advances in scientific search engines');
    expect(bodyText(doc('clinsci-2014-douglas'))).not.toMatch(/\bNdomain\b/);
    // A break left inside a word ("repre- sentation"); "token- and sentence-level" is English.
    for (const d of corpus.documents) {
      const broken = bodyText(d).match(/\p{Ll}{2}- (?!and\b|or\b|to\b)\p{Ll}{3,}/gu) ?? [];
      expect(broken.length, `${d.meta.id}: ${broken.join(', ')}`).toBeLessThanOrEqual(2);
    }
  });

  it('removes running headers and page numbers from the passages', () => {
    for (const d of corpus.documents) {
      for (const p of d.paragraphs) expect(p.text, d.meta.id).not.toMatch(/^\d{1,4}$/);
    }
    // Federal Register pages carry "Federal Register / Vol. 85, No. 152 / …" at the top of every page.
    const fr = doc('us-federal-register');
    expect(fr.paragraphs.filter((p) => /Federal Register \/ Vol\. 85/.test(p.text))).toHaveLength(0);
    // Its first page sets the same header in stacked pieces ("Federal Register", "Thursday, August 6, 2020").
    expect(fr.paragraphs.filter((p) => /^(?:Federal Register|Thursday, August 6, 2020|Vol\. 85, No\. 152)$/.test(p.text)).map((p) => p.text)).toEqual([]);
    // Hindawi pages carry the journal name at the top of each page.
    expect(doc('hindawi-2010-tully').paragraphs.filter((p) => /^Rehabilitation Research and Practice \d/.test(p.text))).toHaveLength(0);
    // BMC pages: "Datta et al. Journal of Trauma Management & Outcomes 2010, 4:1 … Page 9 of 11";
    // Clinical Science: "Fragment-based design of ACE inhibitors" over every other page.
    const heads = /Journal of Trauma Management & Outcomes 2010|BMC Health Services Research 2014, 14|Page \d+ of \d+|Fragment-based design of ACE inhibitors/;
    for (const prefix of ['bmc-jtmo-2010-datta', 'bmc-2014-agyeman-duah', 'clinsci-2014-douglas']) {
      expect(doc(prefix).paragraphs.filter((p) => heads.test(p.text)).map((p) => p.text.slice(0, 80)), prefix).toEqual([]);
    }
    // The first page's venue line is not repeated, so not a running line, yet not body text.
    expect(doc('acl-2020-cohan-specter').paragraphs.filter((p) => /Proceedings of the 58th Annual Meeting/.test(p.text))).toHaveLength(0);
  });

  it('keeps tables out of the paragraphs and counts them', () => {
    // SPECTER's Table 1 ("Random 4.8 9.4 25.2 …") and Table 2 ("No hard negatives 82.4 85.8 …"),
    // Agyeman-Duah's Table 1 (cells the file gives one by one), LongEval's survey of 162 papers.
    const byId = (prefix: string) => results.find((r) => r.id.startsWith(prefix))!;
    expect(byId('acl-2020-cohan-specter').counts!.tables).toBeGreaterThanOrEqual(2);
    expect(bodyText(doc('acl-2020-cohan-specter'))).not.toMatch(/Random 4\.8 9\.4|No hard negatives 82\.4/);
    expect(bodyText(doc('bmc-2014-agyeman-duah'))).not.toMatch(/Health conditions told 88\.7/);
    expect(bodyText(doc('acl-eacl2023-longeval'))).not.toMatch(/Short-form summaries only 17/);
    const tables = results.reduce((n, r) => n + (r.counts?.tables ?? 0), 0);
    console.info(`tables found: ${tables} (${results.map((r) => `${r.id.split('-').slice(0, 3).join('-')} ${r.counts?.tables}`).join(', ')})`);
    expect(tables).toBeGreaterThanOrEqual(20);
    // A table across both columns, its cells crossing the gutter (S2ORC's Table 1), and a landscape
    // page's (PeerJ's Table 2, set sideways on pages 8–10), read as rows.
    expect(bodyText(doc('acl-2020-lo-s2orc'))).not.toMatch(/AAN \(Radev et al\., 2009\) 25k/);
    const peerjText = readFileSync(byId('peerj-cs-2017-webb').textPath, 'utf8');
    expect(peerjText).toContain('m0\tSample_MSA\tHomogeneous\t1\t2\t−572.969394');
    expect(bodyText(doc('peerj-cs-2017-webb'))).not.toMatch(/Sample_MSA/);
    // The Federal Register's cost tables run each cell out to the next with leader dots: rows of cells, not prose.
    const fr = readFileSync(byId('us-federal-register').textPath, 'utf8');
    expect(fr).toContain('AFM revisions\t1 work-hour × $85 per hour = $85\t$0\t$85\t$6,205.');
    expect(fr).toContain('AOA sensor system test\t40 work-hours × $85 per hour =\t$0\t$3,400\t$248,200.');
    expect(doc('us-federal-register').paragraphs.filter((p) => /\.{6}/.test(p.text)).map((p) => p.text.slice(0, 60))).toEqual([]);
    // A table in an appendix on a page the References run onto (S2ORC's Table 8, page 13) is a table too.
    expect(readFileSync(byId('acl-2020-lo-s2orc').textPath, 'utf8')).toContain('Filter\tNumber of PDFs\nPyPDF2 error\t0.54M\nOver 50 pages\t2.27M');
    expect(bodyText(doc('acl-2020-lo-s2orc'))).not.toMatch(/PyPDF2 error 0\.54M/);
    // …and the paragraph a table interrupted goes on after it (SPECTER page 7, Table 2 in the right column).
    expect(bodyText(doc('acl-2020-cohan-specter'))).toContain('except on document classification (which makes sense, as we would expect venues to have high correlation with paper topics)');
  });

  it('reads a table of words in columns as its rows, and a header set closer than its columns as its cells', () => {
    const written = (prefix: string) => readFileSync(results.find((r) => r.id.startsWith(prefix))!.textPath, 'utf8');
    // S2ORC's Table 7, its caption under it: a category beside each paper's title, the title wrapped
    // onto the next line, under a label of its region. Each title whole, in its row.
    const s2orc = written('acl-2020-lo-s2orc');
    expect(s2orc).toContain(
      [
        'Region A',
        'cs.LG\t“On Unifying Deep Generative Models”',
        'stat.ML\t“Learning Disentangled Representations with Semi-Supervised Deep Generative Models”',
        'cs.LG\t“Denoising Criterion for Variational Auto-Encoding Framework”',
        'cs.CV\t“Variational methods for conditional multimodal deep learning”',
        'Region B',
        'cs.CL\t“TransA: An Adaptive Approach for Knowledge Graph Embedding”',
      ].join('\n'),
    );
    expect(bodyText(doc('acl-2020-lo-s2orc'))).not.toMatch(/Region A cs\.LG|Knowledge Graph Embedding” cs\.AI/);
    // Its Table 9: each language model (its citation under its name) beside its training data.
    expect(s2orc).toContain('Language model\tTraining data\nELMO (Peters et al., 2018a)\t1BW (800M) Wikipedia (1.9B) WMT 2008-2012 (3.6B)\nBERT (Devlin et al., 2019)\tBooksCorpus (800M) Wikipedia (2.5B)');
    // Agyeman-Duah's Table 2, on two landscape pages: themes by respondent group, each cell of many lines whole.
    const bmc = written('bmc-2014-agyeman-duah');
    expect(bmc).toMatch(/^Respondent group\tStrengths\/existing quality model\tWeaknesses\/challenges hindering quality improvement in healthcare delivery\tAreas for improvement$/m);
    expect(bmc).toMatch(
      /^3\. Staff respondents \(n = 4\)\t- Staff attitude and performance is good - Existence of treatment protocols - Availability of some logistics like the computer for e-learning \(Additional file 1: Appendix 1, Section 3\.1\)\t- Workload - Poor patient care/m,
    );
    expect(bmc).toMatch(/^4\.4 Change management\t1\. Emergency cases are attended to in the MSS ward before transferring to intensive care/m);
    expect(doc('bmc-2014-agyeman-duah').paragraphs.filter((p) => /^(?:Respondent group|1\. Affiliate respondents|- Existence of treatment protocols)/.test(p.text)).map((p) => p.text)).toEqual([]);
    // The sentence the table cut goes on after its two pages and Figure 1 ("… a prerequisite for the next" / "necessary steps …");
    // each page's caption is its own (the first set in bold under that sentence, the second repeating it).
    expect(bodyText(doc('bmc-2014-agyeman-duah'))).toContain('This, in itself, is a prerequisite for the next necessary steps that will include agreeing on achievable goals');
    expect(doc('bmc-2014-agyeman-duah').paragraphs.filter((p) => p.text.startsWith('Table 2 ')).map((p) => p.text)).toEqual([
      'Table 2 Overview of themes on quality emerging from in-depth interviews by various stakeholders',
      'Table 2 Overview of themes on quality emerging from in-depth interviews by various stakeholders (Continued)',
    ]);
    // Its Table 1's header: "Yes (%)", "No (%)" and "Respondents" set closer than a cell gap, each over its column.
    expect(bmc).toContain('Item\tYes (%)\tNo (%)\tRespondents\nPrivacy given\t99\t1\t97\n');
    // SPECTER's Table 3 gives each row's figures as runs of two or three with word spaces, its header's labels so.
    expect(written('acl-2020-cohan-specter')).toContain(
      'Training signal\tCLS\tUSR\tCITE\tREC\tAll\nSPECTER\t84.2\t88.4\t91.5\t36.9\t80.0\nSciBERT fine-tune on co-view\t83.0\t84.2\t84.1\t36.4\t76.0\nSciBERT fine-tune on co-read\t82.3\t85.4\t86.7\t36.3\t77.1\nSciBERT fine-tune on co-citation\t82.9\t84.3\t85.2\t36.6\t76.4\n',
    );
    expect(results.find((r) => r.id.startsWith('acl-2020-lo-s2orc'))!.counts!.tables).toBe(8);
    expect(results.find((r) => r.id.startsWith('bmc-2014-agyeman-duah'))!.counts!.tables).toBe(3);
  });

  it('cites the printed page numbers', () => {
    const specter = doc('acl-2020-cohan-specter');
    expect(specter.meta.pageLabels?.[0]).toBe('2270');
    const pages = specter.paragraphs.map((p) => p.page);
    expect(Math.min(...pages)).toBe(2270);
    expect(Math.max(...pages)).toBeLessThanOrEqual(2282);
    const [methods] = specter.paragraphs.filter((p) => p.section === '2.1 Overview');
    expect(methods!.page).toBe(2271);
    expect(Math.min(...doc('us-federal-register').paragraphs.map((p) => p.page))).toBe(47698);
    // Agyeman-Duah's file labels its pages from 0; the pages print "Page 2 of 10" and on.
    expect(Math.min(...doc('bmc-2014-agyeman-duah').paragraphs.map((p) => p.page))).toBe(1);
    // Datta is an excerpt: its second page prints "Page 9 of 11", where the Conclusion is.
    expect(doc('bmc-jtmo-2010-datta').paragraphs.find((p) => p.section === 'Conclusion')!.page).toBe(9);
  });

  it('keeps footnotes apart from the body, linked to the paragraph that marks them', () => {
    const specter = doc('acl-2020-cohan-specter');
    expect(specter.footnotes.length).toBeGreaterThanOrEqual(8);
    const linked = specter.paragraphs.filter((p) => p.footnotes.length > 0);
    expect(linked.length).toBeGreaterThanOrEqual(4);
    for (const note of specter.footnotes) expect(bodyText(specter)).not.toContain(note.text.slice(0, 60));
    // A symbol footnote (∗) and one that is only a URL are footnotes too.
    expect(specter.footnotes.map((f) => f.text)).toEqual(expect.arrayContaining(['Equal contribution', 'https://github.com/allenai/specter']));
    expect(doc('us-federal-register').footnotes.length).toBeGreaterThanOrEqual(10);
  });

  it('finds headings as sections', () => {
    const titles = doc('acl-2020-cohan-specter').sections.map((s) => s.title);
    expect(titles).toEqual(expect.arrayContaining(['1 Introduction', '2 Model', '2.1 Overview', '8 Conclusions and Future Work']));
    expect(doc('acl-2020-cohan-specter').sections.find((s) => s.title === '2.1 Overview')!.level).toBe(2);
    // A heading in capitals and the one in ordinary case under it are two, not one title on two
    // lines; a title on two lines in capitals stays one.
    const ace = doc('clinsci-2014-douglas').sections.map((s) => s.title);
    expect(ace).toEqual(expect.arrayContaining(['MATERIALS AND METHODS', 'Modelling methodology and synthesis']));
    expect(ace.filter((t) => /METHODS \p{Lu}\p{Ll}/u.test(t))).toEqual([]);
    // Sections in capitals, sub-sections in ordinary case in the same print: nested so.
    expect(doc('clinsci-2014-douglas').sections.find((s) => s.title === 'Modelling methodology and synthesis')).toMatchObject({ level: 2, parent: 'MATERIALS AND METHODS' });
    expect(doc('peerj-cs-2017-webb').sections.find((s) => s.title === 'Funding')).toMatchObject({ level: 2, parent: 'ADDITIONAL INFORMATION AND DECLARATIONS' });
    // An acute set for an apostrophe after a word ("authors´ roles") is one.
    expect(doc('intpsychogeriatrics').sections.map((s) => s.title)).toContain('Description of authors’ roles');
    expect(doc('us-federal-register').sections.map((s) => s.title)).toContain('PART 39—AIRWORTHINESS DIRECTIVES');
  });

  it('parses the References into bibliography entries', () => {
    const specter = doc('acl-2020-cohan-specter');
    expect(specter.references.length).toBeGreaterThanOrEqual(50);
    expect(specter.references.filter((r) => r.year !== null).length / specter.references.length).toBeGreaterThan(0.9);
    expect(specter.references.some((r) => /Devlin/.test(r.authors) && r.year === '2019')).toBe(true);
    // BMC closes the list with the article's citation box and an advertisement: neither is an
    // entry, and the box's DOI is the article's.
    for (const prefix of ['bmc-2014-agyeman-duah', 'bmc-jtmo-2010-datta']) {
      expect(doc(prefix).references.filter((r) => /Cite this article|Submit your next manuscript/.test(r.text)).map((r) => r.text.slice(0, 60)), prefix).toEqual([]);
    }
    expect(doc('bmc-2014-agyeman-duah').meta.doi).toBe('10.1186/1472-6963-14-1');
    for (const prefix of ['acl-2020-lo', 'acl-naacl2018', 'bmc-jtmo-2010', 'hindawi-2010', 'peerj-cs-2017']) {
      expect(doc(prefix).references.length, prefix).toBeGreaterThanOrEqual(15);
    }
    // Clinical Science numbers its entries "1 Acharya, K. R., …", right-aligned (1–9 further in than
    // 10–52): each its own entry, the first ones not read as footnotes under the pending heading,
    // and no line of its page furniture (which names the article's own DOI) inside one.
    const ace = doc('clinsci-2014-douglas');
    expect(ace.references.slice(0, 3).map((r) => r.text.slice(0, 30))).toEqual(['Acharya, K. R., Sturrock, E. D', 'Fyhrquist, F. and Saijonmaa, O', 'Soubrier, F., Alhenc-Gelas, F.']);
    expect(ace.references.length).toBeGreaterThanOrEqual(52);
    expect(ace.references.filter((r) => r.text.length > 400 || /10\.1042\/CS20130403/.test(r.text)).map((r) => r.text.slice(0, 60))).toEqual([]);
    expect(ace.footnotes.filter((f) => /Acharya, K\. R\./.test(f.text))).toEqual([]);
  });

  // 23 questions written on the papers' content, in the styles people type (text, casual,
  // short, paraphrase): 10/23 at rank 1, 16/23 in the top 3 when written; 11/23 and 17/23 once
  // a lead-in ending in a colon lent its words to the list below it; 12/23 and 17/23 imported
  // without flags, as here (the eleven papers alone); 13/23 once limitations were read as papers
  // name them. The misses left have their gold paragraph whole: ranking, not extraction.
  // Twelve more (p24–p35, on facts and papers the first 23 left alone, VESPA among them; yes/no,
  // "what is", how-many), written and scored once before the import was worked on again: 5/12
  // at rank 1, 9/12 in the top 3; the same after (their misses are ranking too), so 18/35, 26/35.
  // "written" read as a topic word ("what's vespa written in?"): 19/35, 27/35. Nine more
  // (p36–p44: paraphrase, long, typo, short on seven of the papers), written before any was
  // asked, three of them (p37, p40, p43) kept aside and scored once: 0/6 and 3/3 at rank 1, so
  // 22/44, 31/44 in the top 3; the paraphrases are the misses (lay words for the papers' terms).
  // Sixteen more (p45–p60, on all eleven papers, in the four styles: counts, staffing,
  // funding, tools, the FAA's required software), written before the import was worked on and kept
  // aside, scored once at its end: 9/16 at rank 1, 11/16 in the top 3, the same as on the import
  // before that work (the misses have their gold paragraph whole: ranking); so 31/60, 42/60.
  // Titles of up to six terms read as the topic (search/index.ts): 31/60, 44/60.
  it('questions on the PDFs find their passage among the eleven papers', () => {
    const s = runEval(createEngineFromCorpus(corpus), parseEvalFile(readFileSync(PDF_QUESTIONS, 'utf8')));
    console.info(`questions on the PDFs: hit@1 ${s.passage.hit1.toFixed(3)}, hit@3 ${s.passage.hit3.toFixed(3)}; misses: ${s.misses.map((m) => m.question.id).join(' ')}`);
    expect(s.passage.count).toBe(60);
    // (34 once language was read as speaking: "what local tongue was the patient survey put into?")
    expect(s.passage.hit1).toBeGreaterThanOrEqual(34 / 60 - 1e-9);
    // (46: a magnitude written as a letter, "280M nodes", counts for "how many"; 47 once research
    // was read in everyday words as papers report it, "happy" as satisfaction, "thrown out" as discarded;
    // 48 once an abstract no longer led by default for a question of a detail.)
    expect(s.passage.hit3).toBeGreaterThanOrEqual(50 / 60 - 1e-9);
  }, 60_000);

  // Ten more (hp01–hp10, on nine of the papers, in the four styles), written before any was asked
  // and kept aside: scored once before the import work of issue 15's fourth round and once after
  // it, 4/10 at rank 1 and 9/10 in the top 3 both times. Held at that level.
  it('held-out questions on the PDFs keep the level they were scored at', () => {
    const s = runEval(createEngineFromCorpus(corpus), parseEvalFile(readFileSync(HELD_OUT_PDF_QUESTIONS, 'utf8')));
    console.info(`held-out questions on the PDFs: hit@1 ${s.passage.hit1.toFixed(3)}, hit@3 ${s.passage.hit3.toFixed(3)}; misses: ${s.misses.map((m) => m.question.id).join(' ')}`);
    expect(s.passage.count).toBe(10);
    expect(s.passage.hit1).toBeGreaterThanOrEqual(4 / 10 - 1e-9);
    expect(s.passage.hit3).toBeGreaterThanOrEqual(9 / 10 - 1e-9);
  }, 60_000);

  // Written blind on 4 December and scored twice as written (at the end of that session and the
  // start of the next): 2/8 first turns, 8/24 follow-ups — first turns that describe their paper
  // ("the Swedish paper testing whether …") and ask in words the papers do not use; 9/24 once
  // research was read in everyday words as papers report it; 10/24 once a turn whose own words
  // another paper answers far better left the paper discussed. Held at the level reached, every
  // turn asked in the context of the ones before.
  it('conversations on the papers keep the level reached', () => {
    const s = runConversationEval(createEngineFromCorpus(corpus), parseConversationFile(readFileSync(PDF_CONVERSATIONS, 'utf8')));
    console.info(`conversations on the PDFs: first turns ${s.first.answered}/${s.first.count}, follow-ups ${s.followUps.answered}/${s.followUps.count}`);
    expect([s.first.count, s.followUps.count]).toEqual([8, 24]);
    // (3/8 first turns once an abstract no longer led by default for a question of a detail.)
    expect(s.first.answered).toBeGreaterThanOrEqual(3);
    expect(s.followUps.answered).toBeGreaterThanOrEqual(10);
  }, 60_000);

  // As written: 1/8 first turns (the paper found every time; within it, the detail asked in words
  // the paper does not use — "were the outpatients happy" for "satisfaction was very high"), 12/31
  // follow-ups; 14 once a follow-up with a subject of its own kept to the paper discussed while it answers.
  it('a second round of conversations on the papers keeps its level', () => {
    const s = runConversationEval(createEngineFromCorpus(corpus), parseConversationFile(readFileSync(PDF_CONVERSATIONS_2, 'utf8')));
    console.info(`second round on the PDFs: first turns ${s.first.answered}/${s.first.count}, follow-ups ${s.followUps.answered}/${s.followUps.count}`);
    expect([s.first.count, s.followUps.count]).toEqual([8, 31]);
    expect(s.first.answered).toBeGreaterThanOrEqual(1);
    expect(s.followUps.answered).toBeGreaterThanOrEqual(14);
  }, 60_000);

  it('answers “any conflicts of interest?” from a journal’s back matter or a section of that name', () => {
    const engine = createEngineFromCorpus(corpus);
    // BMC: the statement is back matter (not a passage), read from the document's front matter.
    expect(answerQuestion(engine, 'does the dvt paper declare competing interests?').lead[0]).toMatch(/Competing interests: The authors declare that they have no competing interests\.$/);
    // Run on after other back matter ("Additional file 1: … Competing interests The authors …"): from its label.
    expect(answerQuestion(engine, 'any conflicts of interest in the quality improvement paper?').lead[0]).toMatch(/— Competing interests: The authors declare that they have no competing interests\.$/);
    // PeerJ: a section "Competing Interests", its paragraph the passage; asked as a follow-up of the paper.
    let state = emptyConversation();
    state = answerTurn(engine, state, 'what is vespa?').state;
    const vespa = answerTurn(engine, state, 'any competing interests?');
    expect(vespa.answer.lead[0]).toMatch(/^Webb et al\. \(2017\).*its statement on competing interests, below\.$/);
    expect(vespa.answer.passages[0]!.text).toBe('The authors have no competing interests.');
  });

  it('“and the beltagy one?” in a conversation on SPECTER is the cited work of that first author, its entry from SPECTER’s bibliography, once', () => {
    const engine = createEngineFromCorpus(corpus);
    let state = emptyConversation();
    state = answerTurn(engine, state, 'what is specter?').state;
    const devlin = answerTurn(engine, state, 'the devlin paper they build on, what is it called?');
    // (S2ORC's bibliography lists the same paper: one work, SPECTER's entry.)
    expect(devlin.answer.lead[0]).toBe('In the bibliography (1 work):');
    expect(devlin.answer.lead[1]).toContain('BERT: Pre-training of deep bidirectional transformers');
    state = devlin.state;
    const beltagy = answerTurn(engine, state, 'and the beltagy one?');
    expect(beltagy.answer.lead[1]).toContain('SciBERT: A Pretrained Language Model for Scientific Text');
    expect(beltagy.answer.passages[0]!.text).toContain('Beltagy et al., 2019');
    // (A corpus document's first author names that document, not a work it cites.)
    expect(answerQuestion(engine, 'what does the cohan paper say about citations?').lead[0] ?? '').not.toMatch(/^In the bibliography/);
  });

  it('a follow-up pointing back with “this” (“how many planes would this hit?”) keeps to the paper discussed', () => {
    const engine = createEngineFromCorpus(corpus);
    let state = emptyConversation();
    state = answerTurn(engine, state, 'the FAA airworthiness directive for the 737 MAX - what is wrong with the stabilizer trim wiring?').state;
    const hit = answerTurn(engine, state, 'how many US-registered planes would this hit?');
    expect(hit.resolution.documentId).toBe('us-federal-register-2020-17221');
    expect(hit.answer.passages.every((p) => p.paragraphId.startsWith('us-federal-register-2020-17221/'))).toBe(true);
  });

  it('answers “who funded it?” with its funding statement before its thanks, in the lead or the passages', () => {
    // Clinical Science: "ACKNOWLEDGEMENTS We gratefully …" then "FUNDING This work was supported …", back matter.
    const clinsci = answerQuestion(createEngineFromCorpus(corpus), 'who funded the ace inhibitors study');
    expect(clinsci.lead[0]).toMatch(/ — FUNDING: This work was supported by the University of Cape Town .* ACKNOWLEDGEMENTS: We gratefully acknowledge/);
    // PeerJ: sections "Acknowledgements" and "Funding": the funding's paragraph first.
    const vespa = answerQuestion(createEngineFromCorpus(corpus), 'who funded the vespa paper?');
    expect(vespa.lead[0]).toMatch(/its funding statement, below\.$/);
    expect(vespa.passages[0]!.text).toMatch(/The research was supported by Science Foundation Ireland/);
  });

  // Among eleven papers, a follow-up is about the paper the answer before came from, and a
  // question of its own is searched there with its own words, not the answer's.
  it('follow-ups stay with the paper being discussed, searched with their own words', () => {
    const engine = createEngineFromCorpus(corpus);
    let state = emptyConversation();
    const turn = (q: string) => {
      const r = answerTurn(engine, state, q);
      state = r.state;
      return r;
    };
    const first = turn('what negatives does specter use in training?');
    expect(first.answer.passages[0]!.paragraphId).toMatch(/^acl-2020-cohan-specter\//);
    const classifier = turn('which classifier did they use for classification?');
    expect(classifier.resolution.documentId).toMatch(/^acl-2020-cohan-specter/);
    expect(classifier.resolution.resolved).toBe('which classifier did they use for classification?');
    expect(classifier.answer.passages.every((p) => p.paragraphId.startsWith('acl-2020-cohan-specter/'))).toBe(true);
    expect(classifier.answer.passages[0]!.text).toMatch(/classification/i);
  });
});
