import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { importFiles, type ImportResult } from '../../src/corpus/ingest/index.js';
import { loadCorpus } from '../../src/corpus/load.js';
import type { Corpus, CorpusDocument } from '../../src/corpus/types.js';
import { material } from './material.js';

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
  // A venue or author the file does not print is the one thing a person may have to type.
  results = await importFiles([dir], { corpusDir: out, defaults: { venue: 'unknown venue', authors: ['Unknown'] } });
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

  it('reads two columns in order: a sentence crossing the column break is whole', () => {
    // Page 1 of SPECTER ends its left column mid-sentence; the sentence goes on at the top of the right one.
    expect(bodyText(doc('acl-2020-cohan-specter'))).toMatch(/Recent Transformer language models like BERT learn powerful textual representations/);
    // A paragraph that starts in lower case is a missed join (equations and URLs aside).
    const ratios = Object.fromEntries(
      corpus.documents.map((d) => {
        const body = d.paragraphs.filter((p) => p.role !== 'caption' && p.text.length > 80);
        return [d.meta.id, Math.round((body.filter((p) => /^\p{Ll}/u.test(p.text)).length / body.length) * 100) / 100];
      }),
    );
    console.info('share of paragraphs starting in lower case, by PDF:', JSON.stringify(ratios));
    // Known gaps, as measured: these layouts still break paragraphs apart (see README).
    const KNOWN_GAPS = ['acl-eacl2023-longeval', 'bmc-2014-agyeman-duah-quality', 'bmc-jtmo-2010-datta-dvt-prophylaxis', 'clinsci-2014-douglas'];
    const broken = Object.entries(ratios).filter(([, r]) => r >= 0.2).map(([id]) => id);
    expect(broken.filter((id) => !KNOWN_GAPS.some((k) => id.startsWith(k)))).toEqual([]);
  });

  it('joins words hyphenated at line ends, and only into words', () => {
    const specter = bodyText(doc('acl-2020-cohan-specter'));
    expect(specter).toContain('representations');
    expect(specter).toContain('document-level');
    expect(specter).not.toMatch(/\bstateof\b/);
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
    // Hindawi pages carry the journal name at the top of each page.
    expect(doc('hindawi-2010-tully').paragraphs.filter((p) => /^Rehabilitation Research and Practice \d/.test(p.text))).toHaveLength(0);
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
  });

  it('keeps footnotes apart from the body, linked to the paragraph that marks them', () => {
    const specter = doc('acl-2020-cohan-specter');
    expect(specter.footnotes.length).toBeGreaterThanOrEqual(8);
    const linked = specter.paragraphs.filter((p) => p.footnotes.length > 0);
    expect(linked.length).toBeGreaterThanOrEqual(4);
    for (const note of specter.footnotes) expect(bodyText(specter)).not.toContain(note.text.slice(0, 60));
    expect(doc('us-federal-register').footnotes.length).toBeGreaterThanOrEqual(10);
  });

  it('finds headings as sections', () => {
    const titles = doc('acl-2020-cohan-specter').sections.map((s) => s.title);
    expect(titles).toEqual(expect.arrayContaining(['1 Introduction', '2 Model', '2.1 Overview', '8 Conclusions and Future Work']));
    expect(doc('acl-2020-cohan-specter').sections.find((s) => s.title === '2.1 Overview')!.level).toBe(2);
  });

  it('parses the References into bibliography entries', () => {
    const specter = doc('acl-2020-cohan-specter');
    expect(specter.references.length).toBeGreaterThanOrEqual(50);
    expect(specter.references.filter((r) => r.year !== null).length / specter.references.length).toBeGreaterThan(0.9);
    expect(specter.references.some((r) => /Devlin/.test(r.authors) && r.year === '2019')).toBe(true);
    for (const prefix of ['acl-2020-lo', 'acl-naacl2018', 'bmc-jtmo-2010', 'hindawi-2010', 'peerj-cs-2017']) {
      expect(doc(prefix).references.length, prefix).toBeGreaterThanOrEqual(15);
    }
  });
});
