import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.js';
import type { Corpus } from '../../src/corpus/types.js';
import { PassageIndex } from '../../src/search/index.js';
import { buildFigureBook } from '../../src/answer/figures.js';
import { indexCacheFile, loadOrBuildIndex } from '../../src/engineCache.js';
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

  it('holds the figures stated in prose, as the extractor finds them', () => {
    const saved = loadOrBuildIndex(corpus, cacheDir);
    expect(saved.source).toBe('cache');
    const fresh = buildFigureBook(corpus);
    expect(saved.figures).toEqual(fresh.records);
    expect(buildFigureBook(corpus, saved.figures!)).toEqual(fresh);
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
      expect(left.filter((f) => f.startsWith('index-'))).toHaveLength(4);
      expect(left).toContain(path.basename(indexCacheFile(dir, corpus)));
      expect(left).toContain('notes.txt');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('null turns saving off: built every time, nothing written', () => {
    const result = loadOrBuildIndex(corpus, null);
    expect(result).toMatchObject({ source: 'built', file: null, figures: null });
  });
});
