import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DIMENSIONS, WordVectors } from '../../src/search/vectors.js';

/** Words w0…w(n-1), each with a distinct vector; `extra` appended. */
function space(n: number, extra: string[] = []): { words: string[]; data: Int8Array } {
  const words = [...Array.from({ length: n }, (_, i) => `w${i}`), ...extra];
  const data = new Int8Array(words.length * DIMENSIONS);
  words.forEach((_, i) => {
    data[i * DIMENSIONS + (i % DIMENSIONS)] = 127;
    data[i * DIMENSIONS + ((i * 7 + 3) % DIMENSIONS)] = (i % 50) - 25;
  });
  return { words, data };
}

describe('WordVectors', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'steppe-vectors-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('looks words up by row, as the word list orders them, whatever their script', () => {
    const { words, data } = space(300, ['ulaanbaatar', 'монголия', 'çay', 'naïve']);
    const v = new WordVectors(words, data);
    expect(v.size).toBe(304);
    words.forEach((w, i) => expect(v.rank(w)).toBe(i));
    expect(v.has('монголия')).toBe(true);
    expect(v.rank('w3000')).toBeUndefined();
    expect(v.rank('w')).toBeUndefined();
    expect(v.rank('')).toBeUndefined();
    expect(v.vector('nothing')).toBeNull();
    expect(v.words).toEqual(words);
  });

  it('keeps the later row of a word listed twice (as a Map filled in order)', () => {
    const v = new WordVectors(['a', 'b', 'a'], new Int8Array(3 * DIMENSIONS));
    expect(v.rank('a')).toBe(2);
    expect(v.rank('b')).toBe(1);
  });

  it('an opened file reads the same vectors row by row as the whole file loaded, and all of them once many are asked for', () => {
    const { words, data } = space(30_000, ['монголия']);
    const whole = new WordVectors(words, data);
    const file = path.join(dir, 'cut.bin');
    writeFileSync(file, whole.serialize());
    const opened = WordVectors.open(file)!;
    expect(opened.size).toBe(whole.size);
    for (const w of ['w0', 'w17', 'w29999', 'монголия']) expect([...opened.vector(w)!]).toEqual([...whole.vector(w)!]);
    expect(opened.similarity('w5', 'w105')).toBe(whole.similarity('w5', 'w105'));
    // Past LOAD_WHOLE_AFTER distinct rows the data is read whole: every row still the same.
    let wrong = 0;
    for (let i = 0; i < 30_000; i += 1) if (opened.vector(`w${i}`)![i % DIMENSIONS] !== 1) wrong++;
    expect(wrong).toBe(0);
    expect([...opened.vector('w12345')!]).toEqual([...whole.vector('w12345')!]);
    expect(WordVectors.deserialize(opened.serialize())!.size).toBe(whole.size);
  });

  it('opening anything else gives null', () => {
    const file = path.join(dir, 'other.bin');
    writeFileSync(file, 'not vectors at all');
    expect(WordVectors.open(file)).toBeNull();
    const { words, data } = space(10);
    const truncated = new WordVectors(words, data).serialize().subarray(0, 200);
    writeFileSync(file, truncated);
    expect(WordVectors.open(file)).toBeNull();
    writeFileSync(file, '');
    expect(WordVectors.open(file)).toBeNull();
  });
});
