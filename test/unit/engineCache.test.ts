import { chmodSync, copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import v8 from 'node:v8';
import { createHash } from 'node:crypto';
import { loadCorpus, readCorpusFiles } from '../../src/corpus/load.js';
import { CorpusError } from '../../src/corpus/manifest.js';
import type { Corpus } from '../../src/corpus/types.js';
import { PassageIndex } from '../../src/search/index.js';
import { buildFigureBook } from '../../src/answer/figures.js';
import { corpusCacheFile, corpusFingerprint, figuresCacheFile, indexBytesFile, indexCacheFile, loadOrBuildIndex, loadOrParseCorpus, PARSING_CODE, SOURCE_ROOT, sourceFiles } from '../../src/engineCache.js';
import { createEngine } from '../../src/engine.js';
import { encodeGraph } from '../../src/graphCodec.js';
import { loadQuestions } from '../../bench/questions.js';

/**
 * The saved index and figures (`npm run build`, then every start-up): the same answers as
 * an index built from the corpus, used only for the corpus it was built from, and never a
 * reason for start-up to fail.
 */

let corpus: Corpus;
let cacheDir: string;
beforeAll(async () => {
  corpus = await loadCorpus();
  cacheDir = mkdtempSync(path.join(tmpdir(), 'steppe-index-cache-'));
});
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

const ranking = (index: PassageIndex, q: string) =>
  index.query(q, { limit: 5 }).passages.map((p) => `${p.paragraph.id} ${p.score.toFixed(9)} ${p.bestSentence.start}`);

describe('the saved index', () => {
  it('is built and saved when there is none, then loaded instead of built', () => {
    const first = loadOrBuildIndex(corpus, cacheDir);
    expect(first.source).toBe('built');
    expect(first.file).toBe(indexCacheFile(cacheDir, corpus));
    expect(statSync(first.file!).size).toBeGreaterThan(1000);
    const second = loadOrBuildIndex(corpus, cacheDir);
    expect(second.source).toBe('cache');
    expect(second.index.restored).toBe(true);
  });

  it('holds the figures stated in prose and where they disagree, as the extractor finds them', () => {
    const saved = loadOrBuildIndex(corpus, cacheDir);
    expect(saved.source).toBe('cache');
    const fresh = buildFigureBook(corpus);
    expect(saved.figures).toEqual(fresh.records);
    expect(buildFigureBook(corpus, saved.figures!)).toEqual(fresh);
    // The whole book, disagreements included: comparing every figure is not redone at start-up.
    expect(saved.figureBook).toEqual(fresh);
    expect(fresh.disagreements.length).toBeGreaterThan(0);
  });

  it('answers every evaluation question exactly as the index built from the corpus', () => {
    const built = new PassageIndex(corpus);
    const restored = loadOrBuildIndex(corpus, cacheDir).index;
    expect(restored.restored).toBe(true);
    const questions = loadQuestions().all.map((q) => q.q);
    expect(questions.length).toBeGreaterThan(50);
    for (const q of [...questions, 'Kazakstan goverments', 'What is this paper about?']) {
      expect(ranking(restored, q), q).toEqual(ranking(built, q));
      expect(restored.query(q).suggestions).toEqual(built.query(q).suggestions);
    }
    expect(restored.vocabulary()).toEqual(built.vocabulary());
    // What it keeps of each document's metadata (read back, not analysed again), in the same order.
    expect(restored.toSnapshot().documents).toEqual(built.toSnapshot().documents);
  });

  it('is not used for a corpus that changed: another file, and a fresh build', () => {
    const edited: Corpus = {
      ...corpus,
      documents: corpus.documents.map((d, i) =>
        i === 0 ? { ...d, paragraphs: d.paragraphs.map((p, j) => (j === 3 ? { ...p, text: `${p.text} Yurts on the moon.` } : p)) } : d,
      ),
    };
    expect(indexCacheFile(cacheDir, edited)).not.toBe(indexCacheFile(cacheDir, corpus));
    // A page number alone (saved figures cite it) is a change too.
    const repaged: Corpus = {
      ...corpus,
      documents: corpus.documents.map((d, i) => (i === 0 ? { ...d, paragraphs: d.paragraphs.map((p, j) => (j === 3 ? { ...p, page: p.page + 1 } : p)) } : d)),
    };
    expect(indexCacheFile(cacheDir, repaged)).not.toBe(indexCacheFile(cacheDir, corpus));
    const result = loadOrBuildIndex(edited, cacheDir);
    expect(result.source).toBe('built');
    expect(result.index.knows('moon')).toBe(true);
  });

  it('a damaged file is rebuilt and replaced, not trusted', () => {
    const file = indexCacheFile(cacheDir, corpus);
    for (const damage of ['', '{"format":1,"index":', 'null', '{"format":999}', '{"format":1,"index":{"format":1},"figures":"none"}', '{"format":1,"index":{"format":1},"figures":[]}']) {
      writeFileSync(file, damage);
      const result = loadOrBuildIndex(corpus, cacheDir);
      expect(result.source, JSON.stringify(damage)).toBe('built');
      expect(result.index.query('Why are Mongolia–Kazakhstan relations weak?').passages.length).toBeGreaterThan(0);
    }
    expect(loadOrBuildIndex(corpus, cacheDir).source).toBe('cache');
    // The figures damaged or missing alone: the index is used, the figures extracted again.
    const figuresFile = figuresCacheFile(file);
    const figures = readFileSync(figuresFile, 'utf8');
    for (const damage of ['{"records":', '{"records":{}}', null]) {
      if (damage === null) rmSync(figuresFile);
      else writeFileSync(figuresFile, damage);
      const figuresLost = loadOrBuildIndex(corpus, cacheDir);
      expect(figuresLost.source).toBe('cache');
      expect(figuresLost.figureBook).toEqual(buildFigureBook(corpus));
    }
    writeFileSync(figuresFile, figures);
    // The index's bytes missing, cut short, too long, or of the right length but not the ones
    // written with this file (damaged in place, or another write's): rebuilt. (Its postings are
    // decoded at query time: a changed byte would not fail the loading, it would fail an answer.)
    const bytesFile = indexBytesFile(file);
    const bytes = readFileSync(bytesFile);
    const changed = (at: number) => {
      const copy = Buffer.from(bytes);
      copy[at] = copy[at]! ^ 0x01;
      return copy;
    };
    const damages = [null, bytes.subarray(0, bytes.length - 1), Buffer.concat([bytes, Buffer.from([0])]), changed(bytes.length >> 2), changed(bytes.length - 1)];
    for (const [i, damage] of damages.entries()) {
      if (damage === null) rmSync(bytesFile);
      else writeFileSync(bytesFile, damage);
      expect(loadOrBuildIndex(corpus, cacheDir).source, `damage ${i}`).toBe('built');
    }
    expect(readFileSync(bytesFile)).toEqual(bytes);
    // An index file of the layout before (its postings and analyses as base64 inside it, no file of bytes).
    const current = JSON.parse(readFileSync(file, 'utf8'));
    const inline = { ...current.index, format: current.format - 1, search: { ...current.index.search, packedIndex: { ...current.index.search.packedIndex, postings: bytes.toString('base64') } } };
    writeFileSync(file, JSON.stringify({ format: current.format - 1, index: inline }));
    rmSync(bytesFile);
    expect(loadOrBuildIndex(corpus, cacheDir).source).toBe('built');
    expect(loadOrBuildIndex(corpus, cacheDir).source).toBe('cache');
    // Right shape, wrong insides: MiniSearch refuses it, and the index is rebuilt.
    const good = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, JSON.stringify({ ...good, index: { ...good.index, search: { serializationVersion: 99 } } }));
    expect(loadOrBuildIndex(corpus, cacheDir).source).toBe('built');
  });

  it('a folder that cannot be written costs the saving, not the start-up', () => {
    const locked = mkdtempSync(path.join(tmpdir(), 'steppe-locked-'));
    chmodSync(locked, 0o500);
    try {
      const result = loadOrBuildIndex(corpus, path.join(locked, 'cache'));
      expect(result.source).toBe('built');
      // Root may write anywhere; everyone else gets the reason.
      if (process.getuid?.() !== 0) {
        expect(result.file).toBeNull();
        expect(result.saveError).toBeTruthy();
      }
      expect(result.index.paragraphCount).toBe(corpus.documents.reduce((n, d) => n + d.paragraphs.length, 0));
    } finally {
      chmodSync(locked, 0o700);
      rmSync(locked, { recursive: true, force: true });
    }
  });

  it('keeps only the four most recent indexes in its folder', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'steppe-prune-'));
    try {
      for (let i = 0; i < 6; i++) {
        const old = path.join(dir, `index-${String(i).repeat(32)}.json`);
        writeFileSync(old, '{}');
        utimesSync(old, new Date(1_000_000 + i * 1000), new Date(1_000_000 + i * 1000));
      }
      writeFileSync(path.join(dir, 'notes.txt'), 'not an index');
      loadOrBuildIndex(corpus, dir);
      const left = readdirSync(dir).sort();
      expect(left.filter((f) => /^index-.*\.json$/.test(f))).toHaveLength(4);
      expect(left).toContain(path.basename(indexCacheFile(dir, corpus)));
      expect(left).toContain('notes.txt');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('null turns saving off: built every time, nothing written', () => {
    const result = loadOrBuildIndex(corpus, null);
    expect(result).toMatchObject({ source: 'built', file: null, figures: null, figureBook: null });
  });
});

/** A copy of the project's corpus in a temp folder, to edit. */
function corpusCopy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'steppe-corpus-copy-'));
  const from = path.join(SOURCE_ROOT, '..', 'corpus');
  for (const f of readdirSync(from)) copyFileSync(path.join(from, f), path.join(dir, f));
  return dir;
}

describe('the saved parse of the corpus', () => {
  let dir: string;
  let saves: string;
  beforeAll(() => {
    dir = corpusCopy();
    saves = mkdtempSync(path.join(tmpdir(), 'steppe-corpus-cache-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(saves, { recursive: true, force: true });
  });
  const savedFile = async () => corpusCacheFile(saves, await readCorpusFiles(dir));

  it('is parsed and saved when there is none, then loaded: the same corpus as a fresh parse', async () => {
    const first = await loadOrParseCorpus(dir, saves);
    expect(first.source).toBe('parsed');
    expect(first.file).toBe(await savedFile());
    const second = await loadOrParseCorpus(dir, saves);
    expect(second.source).toBe('cache');
    expect(second.corpus).toStrictEqual(await loadCorpus(dir));
    // The lookup tables point into the documents, as after a parse (not copies of them).
    const doc = second.corpus.documents[0]!;
    expect(second.corpus.paragraphsById.get(doc.paragraphs[3]!.id)).toBe(doc.paragraphs[3]);
    expect(second.corpus.referencesById.get(doc.references[0]!.id)).toBe(doc.references[0]);
    // The fingerprint saved with it (the index's key) is the one a fresh hash gives.
    expect(corpusFingerprint(second.corpus)).toBe(corpusFingerprint(structuredClone(second.corpus)));
  });

  it('is not used once a text or a metadata file changes, or a document comes or goes; a new modification time alone changes nothing', async () => {
    const original = await savedFile();
    const text = path.join(dir, 'miliate-2013.txt');
    const meta = path.join(dir, 'miliate-2013.json');
    const [textBefore, metaBefore] = [readFileSync(text), readFileSync(meta, 'utf8')];
    try {
      utimesSync(text, new Date(), new Date(Date.now() + 60_000));
      expect(await savedFile()).toBe(original);
      writeFileSync(text, Buffer.concat([textBefore, Buffer.from('\nYurts on the moon.\n')]));
      expect(await savedFile()).not.toBe(original);
      const loaded = await loadOrParseCorpus(dir, saves);
      expect(loaded.source).toBe('parsed');
      expect([...loaded.corpus.paragraphsById.values()].some((p) => p.text.includes('Yurts on the moon'))).toBe(true);
      writeFileSync(text, textBefore);
      writeFileSync(meta, metaBefore.replace(/"year":\s*\d+/, '"year": 2001'));
      expect(await savedFile()).not.toBe(original);
      writeFileSync(meta, metaBefore);
      expect(await savedFile()).toBe(original);
      writeFileSync(path.join(dir, 'extra.txt'), 'Title\n\nA paragraph about yurts.\n');
      writeFileSync(path.join(dir, 'extra.json'), JSON.stringify({ authors: ['Wikipedia contributors'], title: 'Extra', venue: 'Wikipedia', year: 2019 }));
      expect(await savedFile()).not.toBe(original);
    } finally {
      writeFileSync(text, textBefore);
      writeFileSync(meta, metaBefore);
      rmSync(path.join(dir, 'extra.txt'), { force: true });
      rmSync(path.join(dir, 'extra.json'), { force: true });
    }
    expect(await savedFile()).toBe(original);
  });

  it('is keyed on all the code that parses: every module the loader imports is hashed', () => {
    const hashed = new Set(sourceFiles(PARSING_CODE));
    const pending = [path.join(SOURCE_ROOT, 'corpus', 'load.ts')];
    const seen = new Set<string>();
    while (pending.length) {
      const file = pending.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      for (const m of readFileSync(file, 'utf8').matchAll(/^import\s+(?!type\b)[^'"]*from\s+'(\.[^']+)\.js'/gm)) {
        pending.push(path.resolve(path.dirname(file), `${m[1]}.ts`));
      }
    }
    // paths.ts gives the default folder's location only, not anything of a parse.
    const missing = [...seen].filter((f) => !hashed.has(f) && path.relative(SOURCE_ROOT, f) !== 'paths.ts');
    expect(missing).toEqual([]);
    expect(seen.size).toBeGreaterThan(5);
  });

  it('a damaged or foreign file is parsed again and replaced, never a failed start', async () => {
    const file = await savedFile();
    const good = readFileSync(file);
    const other = await loadCorpus(dir);
    const damages: Array<[string, Buffer]> = [
      ['empty', Buffer.alloc(0)],
      ['truncated', good.subarray(0, good.length >> 1)],
      ['not serialised', Buffer.from('{"layout":2}')],
      ['another layout', v8.serialize({ layout: 1, corpus: other, fingerprint: 'x' })],
      ['another corpus', v8.serialize({ layout: 2, corpus: { ...other, documents: other.documents.slice(1) }, fingerprint: 'x' })],
      ['lookup tables lost', v8.serialize({ layout: 2, corpus: { documents: other.documents }, fingerprint: 'x' })],
    ];
    // This layout's file (see engineCache.ts SavedCorpus): its header's length, the header's
    // SHA-1, the header, the texts' characters. Damaged in each part; `seal` writes the SHA-1
    // of the header as changed, so that what is behind the check sum is checked too.
    const headerLength = good.readUInt32LE(0);
    const header = v8.deserialize(good.subarray(24, 24 + headerLength)) as Record<string, unknown>;
    const texts = good.subarray(24 + headerLength);
    const seal = (h: Buffer, rest: Buffer = texts) => {
      const prefix = Buffer.alloc(24);
      prefix.writeUInt32LE(h.length);
      createHash('sha1').update(h).digest().copy(prefix, 4);
      return Buffer.concat([prefix, h, rest]);
    };
    const withHeader = (changes: Record<string, unknown>) => seal(v8.serialize({ ...header, ...changes }));
    expect(seal(good.subarray(24, 24 + headerLength)).equals(good)).toBe(true);
    // A string of the header changed (a paragraph's id, in its document and in the lookup
    // table alike: a corpus every check below passes), its check sum not.
    const id = other.documents[0]!.paragraphs.at(-1)!.id;
    const written = Buffer.concat([Buffer.from([0x22, id.length]), Buffer.from(id, 'latin1')]);
    const at = good.indexOf(written, 24);
    expect(at).toBeGreaterThan(24);
    const renamed = Buffer.from(good);
    renamed[at + written.length - 1] = 0x5a; // 'Z': an id no other paragraph has
    const beyond = Buffer.from(good);
    beyond.writeUInt32LE(good.length, 0);
    damages.push(
      ['a string of the header changed', renamed],
      ['the header cut off', good.subarray(0, 24 + (headerLength >> 1))],
      ['a header longer than the file', beyond],
      ['the texts one byte short', good.subarray(0, good.length - 1)],
      ['a byte after the texts', Buffer.concat([good, Buffer.from([0])])],
      ['the layout before, sealed', withHeader({ layout: (header.layout as number) - 1 })],
      ['another corpus, sealed', withHeader({ corpus: encodeGraph({ ...other, documents: other.documents.slice(1) }) })],
      ['lookup tables lost, sealed', withHeader({ corpus: encodeGraph({ documents: other.documents }) })],
      ['a graph that does not decode, sealed', withHeader({ corpus: { ...(header.corpus as object), bytes: Uint8Array.from([99]) } })],
      ['the texts of another length, sealed', withHeader({ texts: { ...(header.texts as object), lengths: [1] } })],
    );
    for (const [what, bytes] of damages) {
      writeFileSync(file, bytes);
      const result = await loadOrParseCorpus(dir, saves);
      expect(result.source, what).toBe('parsed');
      expect(result.corpus.documents.length, what).toBe(2);
      // The same bytes: graphCodec.ts writes every array element by element (Node's serialiser
      // wrote an array in its sparse form once its allocation site had seen holey arrays).
      expect(readFileSync(file).equals(good), what).toBe(true);
    }
    expect((await loadOrParseCorpus(dir, saves)).source).toBe('cache');
  });

  it('a broken document still stops start-up, naming the file, though a saved parse exists', async () => {
    await loadOrParseCorpus(dir, saves);
    const text = path.join(dir, 'irgengioro-2022.txt');
    const before = readFileSync(text);
    try {
      writeFileSync(text, '   \n');
      await expect(loadOrParseCorpus(dir, saves)).rejects.toThrow(CorpusError);
      await expect(loadOrParseCorpus(dir, saves)).rejects.toThrow(/irgengioro-2022\.txt: is empty/);
    } finally {
      writeFileSync(text, before);
    }
  });

  it('a folder that cannot be written costs the saving, not the start-up; null saves nothing', async () => {
    const locked = mkdtempSync(path.join(tmpdir(), 'steppe-locked-'));
    chmodSync(locked, 0o500);
    try {
      const result = await loadOrParseCorpus(dir, path.join(locked, 'cache'));
      expect(result.source).toBe('parsed');
      if (process.getuid?.() !== 0) expect(result).toMatchObject({ file: null, saveError: expect.any(String) });
      expect(result.corpus.documents).toHaveLength(2);
    } finally {
      chmodSync(locked, 0o700);
      rmSync(locked, { recursive: true, force: true });
    }
    expect(await loadOrParseCorpus(dir, null)).toMatchObject({ source: 'parsed', file: null });
  });

  it('createEngine loads both the parse and the index once they are saved', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'steppe-engine-cache-'));
    try {
      const cold = await createEngine(dir, { indexCacheDir: folder });
      expect([cold.corpusSource, cold.indexSource]).toEqual(['parsed', 'built']);
      const warm = await createEngine(dir, { indexCacheDir: folder });
      expect([warm.corpusSource, warm.indexSource]).toEqual(['cache', 'cache']);
      expect(warm.figures).toEqual(cold.figures);
      expect(readdirSync(folder).sort()).toEqual([
        expect.stringMatching(/^corpus-[0-9a-f]{32}\.v8$/),
        expect.stringMatching(/^figures-[0-9a-f]{32}\.json$/),
        expect.stringMatching(/^index-[0-9a-f]{32}\.bin$/),
        expect.stringMatching(/^index-[0-9a-f]{32}\.json$/),
      ]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
