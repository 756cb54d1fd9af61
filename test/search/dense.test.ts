import { describe, expect, it } from 'vitest';
import type { Paragraph } from '../../src/corpus/types.js';
import { DENSE_WEIGHT, denseWeight, DenseSpace, TRUSTED_COVERAGE, TRUST_SPAN } from '../../src/search/dense.js';
import { tinyVectors } from './tinyVectors.js';

const space = tinyVectors;

const paragraph = (id: string, text: string): Paragraph => ({ id, documentId: 'd', ordinal: 1, role: 'body', section: null, text }) as unknown as Paragraph;

describe('dense signal', () => {
  it('counts only when the lexical side is unsure, fully at low coverage', () => {
    expect(denseWeight(1)).toBe(0);
    expect(denseWeight(TRUSTED_COVERAGE)).toBe(0);
    expect(denseWeight(TRUSTED_COVERAGE - TRUST_SPAN / 2)).toBeCloseTo(DENSE_WEIGHT / 2, 5);
    expect(denseWeight(0.1)).toBe(DENSE_WEIGHT);
  });

  it('prefers the sentence whose words mean the question words, though it shares none', () => {
    const vectors = space({ planes: [1, 0.3, 0, 0], flights: [1, 0.2, 0, 0], grain: [0, 0, 1, 0], harvest: [0, 0.1, 1, 0], cancelled: [0, 1, 0, 0] });
    const dense = new DenseSpace(vectors, new Map([['flight', 'flights'], ['harvest', 'harvest'], ['cancel', 'cancelled']]), () => 1, 2);
    const q = dense.question(new Map([['plane', 'planes']]), () => false);
    const flights = dense.score(paragraph('d/1', 'The flights were cancelled.'), q);
    const harvest = dense.score(paragraph('d/2', 'The harvest was cancelled.'), q);
    expect(flights.soft).toBeGreaterThan(0.5);
    expect(harvest.soft).toBe(0);
    expect(flights.score).toBeGreaterThan(harvest.score);
  });
});

describe('spelling correction and real words', () => {
  it('does not correct a frequent English word into an unrelated corpus word, but corrects a misspelling', async () => {
    const { createEngine } = await import('../../src/engine.js');
    const engine = await createEngine();
    if (!engine.index.semantic()) return; // without the vectors package, every near word is a correction
    expect(engine.index.corrections('lender', 'lenders')).toEqual([]);
    expect(engine.index.corrections('hardlin', 'hardline')).toEqual([]);
    expect(engine.index.corrections('kazakstan', 'kazakstan')).toContain('kazakhstan');
  });
});
