import { DIMENSIONS, WordVectors } from '../../src/search/vectors.js';

/** A tiny vector space for tests: each word's vector on a few axes, unit length, one byte a dimension. */
export function tinyVectors(entries: Record<string, number[]>): WordVectors {
  const words = Object.keys(entries);
  const data = new Int8Array(words.length * DIMENSIONS);
  words.forEach((w, i) => {
    const v = entries[w]!;
    const norm = Math.hypot(...v);
    v.forEach((x, d) => (data[i * DIMENSIONS + d] = Math.round((x / norm) * 127)));
  });
  return new WordVectors(words, data);
}
