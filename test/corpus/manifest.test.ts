import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { authorLabel } from '../../src/answer/citation.js';
import { citedName, isOrganisation } from '../../src/corpus/authors.js';
import { loadCorpus } from '../../src/corpus/load.js';
import { CorpusError, idFromName, MAX_ID_LENGTH, validateMeta } from '../../src/corpus/manifest.js';
import type { DocumentMeta } from '../../src/corpus/types.js';

const base = { authors: ['Ann Author'], title: 'A Title', venue: 'A Venue', year: 2020 };

async function corpusDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'steppe-manifest-'));
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(dir, name), content);
  return dir;
}

describe('metadata a person can live with', () => {
  it('needs only authors, title and year: id and text file come from the file name', () => {
    const meta = validateMeta(base, '/c/economy-of-mongolia.json');
    expect(meta.id).toBe('economy-of-mongolia');
    expect(meta.file).toBe('economy-of-mongolia.txt');
    expect(meta).toMatchObject({ date: '', doi: null, url: null, kind: 'article', affiliations: [] });
  });

  it('takes a document that names no venue (a report, a preprint): missing, null or "" is ""', () => {
    const { venue: _, ...noVenue } = base;
    expect(validateMeta(noVenue, '/c/x.json').venue).toBe('');
    expect(validateMeta({ ...base, venue: null }, '/c/x.json').venue).toBe('');
    expect(validateMeta({ ...base, venue: ' ' }, '/c/x.json').venue).toBe('');
  });

  it('takes "date": null, "doi": "", a year typed as a string and authors as "A; B"', () => {
    const meta = validateMeta({ ...base, date: null, url: '', year: '2019', authors: 'Ann Author; Bo Writer' }, '/c/x.json');
    expect(meta.date).toBe('');
    expect(meta.url).toBeNull();
    expect(meta.year).toBe(2019);
    expect(meta.authors).toEqual(['Ann Author', 'Bo Writer']);
  });

  it('derives ids from long file names by slugging and cutting at a word boundary', () => {
    const id = idFromName('whitehouse-2023-09-19-readout-of-president-bidens-meeting-with-the-c51-leaders-at-.txt');
    expect(id).toBe('whitehouse-2023-09-19-readout-of');
    expect(id.length).toBeLessThanOrEqual(MAX_ID_LENGTH);
    expect(idFromName('Économie du Kazakhstan (2020).pdf')).toBe('economie-du-kazakhstan-2020');
    const meta = validateMeta(base, '/c/congrec-16-september-2009-mr-burton-of-indiana.json');
    expect(meta.id).toBe('congrec-16-september-2009-mr-burton-of');
  });

  it('refuses an explicit id that is too long in one line naming the file, the field and a fix', () => {
    const long = 'a'.repeat(20) + '-' + 'b'.repeat(25);
    expect(() => validateMeta({ ...base, id: long }, '/c/x.json')).toThrow(CorpusError);
    expect(() => validateMeta({ ...base, id: long }, '/c/x.json')).toThrow(
      /^\/c\/x\.json: field "id" is 46 characters, at most 40 fit \(e\.g\. "a{20}", or leave it out/,
    );
  });

  it('names a missing field plainly', () => {
    expect(() => validateMeta({ authors: ['A'], venue: 'V', year: 2020 }, '/c/x.json')).toThrow(/^\/c\/x\.json: field "title" is missing$/);
    expect(() => validateMeta({ ...base, venue: 7 }, '/c/x.json')).toThrow(/^\/c\/x\.json: field "venue" must be text/);
    expect(() => validateMeta({ ...base, year: 'soon' }, '/c/x.json')).toThrow(/field "year" must be a year such as 2019/);
  });

  it('a start-up error is one line, without a stack trace', async () => {
    const dir = await corpusDir({ 'doc.json': JSON.stringify({ ...base, year: 'soon' }), 'doc.txt': 'A Title\n\nText.' });
    const err = (await loadCorpus(dir).catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(CorpusError);
    expect(err.stack).toBe(`CorpusError: ${err.message}`);
    expect(err.stack).not.toContain('\n');
  });

  it('loads a document whose metadata gives neither id nor file nor date', async () => {
    const dir = await corpusDir({
      'wikipedia-politics-of-kazakhstan-and-its-many-long-words.json': JSON.stringify({ ...base, date: null }),
      'wikipedia-politics-of-kazakhstan-and-its-many-long-words.txt': 'A Title\n\nKazakhstan is a presidential republic.\n',
    });
    const corpus = await loadCorpus(dir);
    expect(corpus.documents[0]!.meta.id).toBe('wikipedia-politics-of-kazakhstan-and-its');
    expect(corpus.paragraphsById.get('wikipedia-politics-of-kazakhstan-and-its/1')!.text).toContain('presidential republic');
  });
});

describe('organisations as authors are cited whole', () => {
  const meta = (authors: string[], extra: Partial<DocumentMeta> = {}): DocumentMeta => ({
    ...validateMeta({ ...base, authors }, '/c/x.json'),
    ...extra,
  });

  it('an organisation is its whole name; a person is a surname', () => {
    for (const org of ['Wikipedia contributors', 'CIA World Factbook', 'The White House', 'World Bank', 'Observatory of Economic Complexity']) {
      expect(isOrganisation(org)).toBe(true);
      expect(citedName(org)).toBe(org);
    }
    for (const [person, surname] of [['John Irgengioro', 'Irgengioro'], ['Ludwig van Beethoven', 'Beethoven'], ['Miliate, Brandon', 'Miliate']]) {
      expect(isOrganisation(person!)).toBe(false);
      expect(citedName(person!)).toBe(surname);
    }
  });

  it('in a citation label, alone and with others', () => {
    expect(authorLabel(meta(['Wikipedia contributors']))).toBe('Wikipedia contributors');
    expect(authorLabel(meta(['The White House']))).toBe('The White House');
    expect(authorLabel(meta(['Arman Cohan', 'Sergey Feldman']))).toBe('Cohan and Feldman');
    expect(authorLabel(meta(['CIA World Factbook', 'Ann Author', 'Bo Writer']))).toBe('CIA World Factbook et al.');
  });

  it('"citeAs" in the metadata says it when the rule would not', () => {
    expect(authorLabel(meta(['Emily Post'], { citeAs: 'Post' }))).toBe('Post');
    expect(validateMeta({ ...base, citeAs: 'Author & co.' }, '/c/x.json').citeAs).toBe('Author & co.');
  });
});
