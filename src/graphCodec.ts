import { Writer } from './search/varint.js';

/**
 * A compact form of a plain-data object graph (plain objects, arrays, Maps, strings, numbers,
 * booleans, null, undefined), for the saved parse of the corpus (engineCache.ts), read back
 * by JavaScript instead of Node's deserialiser.
 *
 * Why: at ×1000 the corpus (54,000 paragraphs, 217,000 citations, 101,000 references,
 * 40,000 table rows) `v8.deserialize` took 2.0–2.3 s of a start-up for the structure alone,
 * about 40 % of it collecting garbage: it makes every string anew (a document's id once per
 * paragraph, the role "body" 54,000 times) and each object by adding its properties one by one.
 * Here every distinct string is written once and shared by all that hold it, and each object's
 * keys once per shape (the list of keys, in order), so reading is a loop over numbers.
 *
 * What comes back is what went in: the same keys in the same order, shared objects shared
 * (a paragraph in its document and in `paragraphsById` is one object), holes left holes,
 * -0 and NaN kept. Anything else (a class instance, a typed array, a symbol, a function)
 * is refused when writing, so that a graph is never saved as less than it was.
 */
export interface EncodedGraph {
  /** Tags and numbers (varints, see varint.ts). */
  bytes: Uint8Array;
  /** Every distinct string, in the order first met (keys included). */
  strings: string[];
  /** Numbers that are not small non-negative integers, in the order met. */
  floats: Float64Array;
}

const UNDEFINED = 0;
const NULL = 1;
const FALSE = 2;
const TRUE = 3;
/** A non-negative integer below 2³¹, then its value. */
const UINT = 4;
/** Any other number, then its index in `floats`. */
const FLOAT = 5;
/** Then its index in `strings`. */
const STRING = 6;
/** An object of a shape met before: the shape's number, then its values. */
const OBJECT = 7;
/** An object of a new shape: its key count, each key's string index, then its values. */
const SHAPED_OBJECT = 8;
/** Then its length and its elements. */
const ARRAY = 9;
/** Then its size and its keys and values, in turn. */
const MAP = 10;
/** An object (or array, or Map) met before: then its number, in the order first met. */
const SEEN = 11;
/** A missing element of an array. */
const HOLE = 12;

const LARGEST_UINT = 2 ** 31 - 1;

export function encodeGraph(root: unknown): EncodedGraph {
  const out = new Writer();
  const stringIds = new Map<string, number>();
  const strings: string[] = [];
  const floats: number[] = [];
  const seen = new Map<object, number>();
  /** The objects being written (the path to the value): one met again is a cycle, which reading refuses. */
  const open = new Set<object>();
  const shapes = new Map<string, number>();
  const string = (s: string) => {
    let id = stringIds.get(s);
    if (id === undefined) {
      id = strings.length;
      stringIds.set(s, id);
      strings.push(s);
    }
    out.uint(id);
  };
  const value = (v: unknown): void => {
    if (v === undefined) out.uint(UNDEFINED);
    else if (v === null) out.uint(NULL);
    else if (v === false) out.uint(FALSE);
    else if (v === true) out.uint(TRUE);
    else if (typeof v === 'number') {
      if (Number.isInteger(v) && v >= 0 && v <= LARGEST_UINT && !Object.is(v, -0)) {
        out.uint(UINT);
        out.uint(v);
      } else {
        out.uint(FLOAT);
        out.uint(floats.length);
        floats.push(v);
      }
    } else if (typeof v === 'string') {
      out.uint(STRING);
      string(v);
    } else if (typeof v !== 'object') throw new Error(`graphCodec: cannot write a ${typeof v}`);
    else {
      const known = seen.get(v);
      if (known !== undefined) {
        if (open.has(v)) throw new Error('graphCodec: cannot write a cycle');
        out.uint(SEEN);
        out.uint(known);
      } else {
        seen.set(v, seen.size);
        open.add(v);
        composite(v);
        open.delete(v);
      }
    }
  };
  const composite = (v: object): void => {
    if (Array.isArray(v)) {
      out.uint(ARRAY);
      out.uint(v.length);
      for (let i = 0; i < v.length; i++) {
        if (i in v) value(v[i]);
        else out.uint(HOLE);
      }
      return;
    }
    if (v instanceof Map) {
      out.uint(MAP);
      out.uint(v.size);
      for (const [k, x] of v) {
        value(k);
        value(x);
      }
      return;
    }
    if (Object.getPrototypeOf(v) !== Object.prototype || Object.getOwnPropertySymbols(v).length > 0) {
      throw new Error(`graphCodec: cannot write a ${v.constructor?.name ?? 'prototype-less object'}`);
    }
    const keys = Object.keys(v);
    if (keys.includes('__proto__')) throw new Error('graphCodec: cannot write a key __proto__');
    const shape = keys.join('\u0000');
    const id = shapes.get(shape);
    if (id === undefined) {
      shapes.set(shape, shapes.size);
      out.uint(SHAPED_OBJECT);
      out.uint(keys.length);
      for (const k of keys) string(k);
    } else {
      out.uint(OBJECT);
      out.uint(id);
    }
    for (const k of keys) value((v as Record<string, unknown>)[k]);
  };
  value(root);
  return { bytes: out.bytes.slice(0, out.length), strings, floats: Float64Array.from(floats) };
}

/** The graph `encodeGraph` was given. Throws on bytes that do not make one (a damaged file). */
export function decodeGraph(graph: EncodedGraph): unknown {
  const { bytes, strings, floats } = graph;
  if (!(bytes instanceof Uint8Array) || !Array.isArray(strings) || !(floats instanceof Float64Array)) throw new Error('graphCodec: not an encoded graph');
  let at = 0;
  const made: Array<object | null> = [];
  const shapes: Array<() => Record<string, unknown>> = [];
  const uint = (): number => {
    let n = 0;
    let shift = 0;
    let b: number;
    do {
      if (at >= bytes.length) throw new Error('graphCodec: truncated');
      b = bytes[at++]!;
      n += (b & 0x7f) * 2 ** shift;
      shift += 7;
    } while (b & 0x80);
    return n;
  };
  const string = (): string => {
    const s = strings[uint()];
    if (typeof s !== 'string') throw new Error('graphCodec: no such string');
    return s;
  };
  const hole = Symbol('hole');
  /**
   * Per shape, a function that makes its object from an object literal: V8 then makes every
   * object of a shape with one hidden class and in the old generation once it sees they live
   * long (an object filled key by key, `o[k] = v`, was ~2× the time). The keys are written as
   * JSON string literals, which are JavaScript string literals: no key can be code.
   */
  const maker = (keys: string[]): (() => Record<string, unknown>) =>
    new Function('field', `return () => ({${keys.map((k) => `${JSON.stringify(k)}: field()`).join(', ')}});`)(field);
  const field = (): unknown => {
    const v = value();
    if (v === hole) throw new Error('graphCodec: a hole outside an array');
    return v;
  };
  const object = (make: () => Record<string, unknown>): Record<string, unknown> => {
    // Numbered before its values, as when written; filled after them (a cycle back to it is refused).
    const slot = made.length;
    made.push(null);
    const o = make();
    made[slot] = o;
    return o;
  };
  const value = (): unknown => {
    switch (uint()) {
      case UNDEFINED:
        return undefined;
      case NULL:
        return null;
      case FALSE:
        return false;
      case TRUE:
        return true;
      case UINT:
        return uint();
      case FLOAT: {
        const i = uint();
        if (i >= floats.length) throw new Error('graphCodec: no such number');
        return floats[i];
      }
      case STRING:
        return string();
      case OBJECT: {
        const make = shapes[uint()];
        if (!make) throw new Error('graphCodec: no such shape');
        return object(make);
      }
      case SHAPED_OBJECT: {
        const keys = new Array<string>(uint());
        for (let i = 0; i < keys.length; i++) {
          keys[i] = string();
          // In a literal, "__proto__" would set the prototype instead.
          if (keys[i] === '__proto__') throw new Error('graphCodec: a key __proto__');
        }
        const make = maker(keys);
        shapes.push(make);
        return object(make);
      }
      case ARRAY: {
        const length = uint();
        const a: unknown[] = [];
        made.push(a);
        for (let i = 0; i < length; i++) {
          const v = value();
          if (v !== hole) a[i] = v;
        }
        a.length = length;
        return a;
      }
      case MAP: {
        const size = uint();
        const m = new Map<unknown, unknown>();
        made.push(m);
        for (let i = 0; i < size; i++) {
          const k = field();
          m.set(k, field());
        }
        if (m.size !== size) throw new Error('graphCodec: a Map key twice');
        return m;
      }
      case SEEN: {
        const o = made[uint()];
        if (!o) throw new Error('graphCodec: no such object');
        return o;
      }
      case HOLE:
        return hole;
      default:
        throw new Error('graphCodec: unknown tag');
    }
  };
  const root = value();
  if (root === hole || at !== bytes.length) throw new Error('graphCodec: bytes left over');
  return root;
}
