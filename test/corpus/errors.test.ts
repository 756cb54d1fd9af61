import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.js';

const meta = (over: Record<string, unknown> = {}) =>
  JSON.stringify({
    id: 'doc-1',
    file: 'doc.txt',
    authors: ['Ann Author'],
    title: 'A Title',
    venue: 'A Venue',
    year: 2020,
    doi: null,
    url: null,
    ...over,
  });

async function corpusDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'steppe-corpus-'));
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(dir, name), content);
  return dir;
}

describe('a bad corpus stops start-up with a message naming the file', () => {
  it('accepts a new document dropped in with its metadata, no code change', async () => {
    const dir = await corpusDir({
      'doc.json': meta(),
      'doc.txt': 'A Title\n\nIntroduction\n\nMongolia and Kazakhstan share a long steppe border history.\n',
    });
    const corpus = await loadCorpus(dir);
    expect(corpus.paragraphsById.get('doc-1/1')!.text).toContain('steppe border');
    expect(corpus.paragraphsById.get('doc-1/1')!.section).toBe('Introduction');
  });

  it('an empty text file', async () => {
    const dir = await corpusDir({ 'doc.json': meta(), 'doc.txt': '  \n\n ' });
    await expect(loadCorpus(dir)).rejects.toThrow(/doc\.txt: is empty/);
  });

  it('a text of Unicode white space alone (no-break spaces) is empty too', async () => {
    const dir = await corpusDir({ 'doc.json': meta(), 'doc.txt': '\u00a0 \n\u2003\ufeff' });
    await expect(loadCorpus(dir)).rejects.toThrow(/doc\.txt: is empty/);
  });

  it('a text in another encoding than UTF-8 (Latin-1)', async () => {
    const dir = await corpusDir({ 'doc.json': meta() });
    await writeFile(path.join(dir, 'doc.txt'), Buffer.from('Ulaanbaatar caf\xe9 and more text\n', 'latin1'));
    await expect(loadCorpus(dir)).rejects.toThrow(/doc\.txt: is not UTF-8 text/);
  });

  it('a text with no paragraphs (only a title)', async () => {
    const dir = await corpusDir({ 'doc.json': meta(), 'doc.txt': 'A Title\n' });
    await expect(loadCorpus(dir)).rejects.toThrow(/doc\.txt: no paragraphs/);
  });

  it('a binary file', async () => {
    const dir = await corpusDir({ 'doc.json': meta(), 'doc.txt': 'PK\u0000\u0003garbage' });
    await expect(loadCorpus(dir)).rejects.toThrow(/doc\.txt: is binary/);
  });

  it('metadata naming a missing text', async () => {
    const dir = await corpusDir({ 'doc.json': meta({ file: 'nope.txt' }) });
    await expect(loadCorpus(dir)).rejects.toThrow(/nope\.txt: cannot read the text named by doc-1\.json \(ENOENT\)/);
  });

  it('metadata that is not JSON', async () => {
    const dir = await corpusDir({ 'doc.json': '{ "id": ', 'doc.txt': 'x' });
    await expect(loadCorpus(dir)).rejects.toThrow(/doc\.json: not valid JSON/);
  });

  it('metadata with a missing or wrong field', async () => {
    const noAuthors = await corpusDir({ 'doc.json': meta({ authors: [] }), 'doc.txt': 'x' });
    await expect(loadCorpus(noAuthors)).rejects.toThrow(/doc\.json: field "authors" needs at least one author/);
    const badId = await corpusDir({ 'doc.json': meta({ id: 'Has Spaces' }), 'doc.txt': 'x' });
    await expect(loadCorpus(badId)).rejects.toThrow(/doc\.json: field "id" must be a lower-case slug/);
    const badYear = await corpusDir({ 'doc.json': meta({ year: 'soon' }), 'doc.txt': 'x' });
    await expect(loadCorpus(badYear)).rejects.toThrow(/doc\.json: field "year"/);
  });

  it('two documents with the same id', async () => {
    const dir = await corpusDir({
      'a.json': meta({ file: 'a.txt' }),
      'b.json': meta({ file: 'b.txt' }),
      'a.txt': 'Some text here about Mongolia.',
      'b.txt': 'Some text here about Mongolia.',
    });
    await expect(loadCorpus(dir)).rejects.toThrow(/b\.json: duplicate document id "doc-1"/);
  });

  it('a folder with no documents', async () => {
    const dir = await corpusDir({});
    await expect(loadCorpus(dir)).rejects.toThrow(/no documents/);
  });
});
