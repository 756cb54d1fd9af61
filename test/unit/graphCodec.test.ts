import { describe, expect, it } from 'vitest';
import { decodeGraph, encodeGraph } from '../../src/graphCodec.js';

const roundTrip = <T>(x: T): T => decodeGraph(encodeGraph(x)) as T;

describe('graphCodec: a plain-data graph written compactly and read back', () => {
  it('gives back what it was given: values, key order, nesting, Maps, holes, -0 and NaN', () => {
    const holey: unknown[] = [1];
    holey[2] = 3;
    const value = {
      b: 'second key first',
      a: [0, 1, 2 ** 31 - 1, 2 ** 31, -1, -0, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53],
      nothing: null,
      missing: undefined,
      flags: [true, false],
      text: 'Улаанбаатар – “quoted”',
      nested: { deeper: { deepest: [[], {}, new Map()] } },
      map: new Map<unknown, unknown>([
        ['k', 1],
        [2, { v: 'two' }],
      ]),
      holey,
    };
    const back = roundTrip(value);
    expect(back).toStrictEqual(value);
    expect(Object.keys(back)).toEqual(Object.keys(value));
    expect(1 in back.holey).toBe(false);
    expect(Object.is(back.a[5], -0)).toBe(true);
  });

  it('keeps shared objects shared, as the corpus shares a paragraph between its document and its lookup table', () => {
    const paragraph = { id: 'd/1', text: 'x' };
    const corpus = { documents: [{ paragraphs: [paragraph] }], byId: new Map([['d/1', paragraph]]) };
    const back = roundTrip(corpus);
    expect(back.byId.get('d/1')).toBe(back.documents[0]!.paragraphs[0]);
  });

  it('writes each distinct string once, and each list of keys once', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => ({ documentId: 'the-same-document', role: 'body', ordinal: i }));
    const encoded = encodeGraph(rows);
    expect(encoded.strings).toEqual(['documentId', 'role', 'ordinal', 'the-same-document', 'body']);
    expect(encoded.bytes.length).toBeLessThan(JSON.stringify(rows).length / 5);
    expect(roundTrip(rows)).toStrictEqual(rows);
  });

  it('refuses what it cannot give back as it was: class instances, typed arrays, functions, symbols, cycles, a key "__proto__"', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const refused: unknown[] = [new Date(0), new Int32Array(2), () => 1, Symbol('s'), 1n, cyclic, { [Symbol('k')]: 1 }, JSON.parse('{"__proto__": 1}')];
    for (const x of refused) expect(() => encodeGraph({ x }), String(typeof x)).toThrow(/graphCodec/);
  });

  it('throws on bytes that do not make a graph (a damaged file), never gives something else', () => {
    const good = encodeGraph({ a: [1, 'two', { three: 3 }] });
    const damaged = [
      { ...good, bytes: good.bytes.subarray(0, good.bytes.length - 1) },
      { ...good, bytes: Uint8Array.from([...good.bytes, 0]) },
      { ...good, strings: [] },
      { ...good, bytes: Uint8Array.from([99]) },
      { ...good, bytes: Uint8Array.from([11, 5]) },
      // A Map whose key, or value, is an array's hole (MAP 1, UINT 1, HOLE): no value at all.
      { ...good, bytes: Uint8Array.from([10, 1, 4, 1, 12]) },
      { ...good, bytes: Uint8Array.from([10, 1, 12, 4, 1]) },
      { bytes: 'not bytes', strings: [], floats: new Float64Array(0) },
    ];
    for (const g of damaged) expect(() => decodeGraph(g as never)).toThrow(/graphCodec/);
  });
});
