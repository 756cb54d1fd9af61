import MiniSearch, { type AsPlainObject, type Options } from 'minisearch';
import { Reader, Writer } from './varint.js';

/**
 * MiniSearch's saved index with its postings packed, for a start-up that does not rebuild
 * them all. `MiniSearch.loadJS` turns every term's `{field: {doc: frequency}}` objects into
 * Maps: at ×1000 the corpus (82,000 terms, 7.4 million postings) that was 3.3 s of a 7.9 s
 * start-up plus most of its collections, and 368 MB of heap — while a question reads the
 * postings of a dozen terms. Here the postings are varints in one byte array, and each term
 * of MiniSearch's tree holds a view of its own bytes, read as a Map when asked for.
 *
 * What a read gives is what `loadJS` would have built: the terms go into the tree in the
 * saved order, each term's fields and documents in the order `loadJS` reads them (the saved
 * objects' keys: integers, ascending). MiniSearch writes into the Maps it reads (adding or
 * removing a document): the first call that may write turns every term into plain Maps.
 */

/** The saved search: MiniSearch's `toJSON()` with `index` packed. */
export interface PackedSearch extends Omit<AsPlainObject, 'index'> {
  packedIndex: {
    /** Every term, in the order of `toJSON().index`. */
    terms: string[];
    /**
     * The postings, term after term (see `packSearch`): base64 in the snapshot (JSON), the
     * bytes themselves when engineCache.ts has read them from its file of bytes beside it.
     */
    postings: string | Uint8Array;
  };
}

export function isPackedSearch(x: unknown): x is PackedSearch {
  const p = (x as Partial<PackedSearch> | null)?.packedIndex;
  return typeof p === 'object' && p !== null && Array.isArray(p.terms) && (typeof p.postings === 'string' || p.postings instanceof Uint8Array);
}

/**
 * Per term: its byte length, its field count, then per field the field id, the document
 * count, the byte length of its postings, and per document the difference from the one
 * before and the frequency.
 */
export function packSearch(plain: AsPlainObject): PackedSearch {
  const { index, ...rest } = plain;
  const out = new Writer();
  const term = new Writer();
  const field = new Writer();
  const terms: string[] = [];
  for (const [t, data] of index) {
    terms.push(t);
    term.length = 0;
    const fieldIds = Object.keys(data);
    term.uint(fieldIds.length);
    for (const id of fieldIds) {
      const freqs = data[id as unknown as number]!;
      const docs = Object.keys(freqs);
      field.length = 0;
      let previous = 0;
      for (const d of docs) {
        const doc = Number(d);
        if (!Number.isInteger(doc) || doc < previous) throw new Error(`cannot pack document ${d} of "${t}"`);
        field.uint(doc - previous);
        field.uint(freqs[doc]!);
        previous = doc;
      }
      term.uint(Number(id));
      term.uint(docs.length);
      term.uint(field.length);
      term.append(field);
    }
    out.uint(term.length);
    out.append(term);
  }
  return { ...rest, packedIndex: { terms, postings: Buffer.from(out.bytes.buffer, 0, out.length).toString('base64') } };
}

/** One field's documents and frequencies, read from its bytes. */
function readField(r: Reader, count: number): Map<number, number> {
  const freqs = new Map<number, number>();
  let doc = 0;
  for (let i = 0; i < count; i++) {
    doc += r.uint();
    freqs.set(doc, r.uint());
  }
  return freqs;
}

/**
 * A term's fields, as MiniSearch keeps them (field id → document → frequency), read from
 * the packed bytes on every read rather than kept: the search keeps what it needs of a term
 * (postings.ts), and a Map per posting would be the heap this saves.
 */
class PackedTermData extends Map<number, Map<number, number>> {
  private packed: { bytes: Uint8Array; start: number } | null;

  constructor(bytes: Uint8Array, start: number) {
    super();
    this.packed = { bytes, start };
  }

  /** Every field, or only `only`'s. */
  private read(only?: number): Map<number, Map<number, number>> {
    const r = new Reader(this.packed!.bytes, this.packed!.start);
    const out = new Map<number, Map<number, number>>();
    for (let fields = r.uint(); fields > 0; fields--) {
      const id = r.uint();
      const count = r.uint();
      const length = r.uint();
      if (only === undefined || only === id) out.set(id, readField(r, count));
      else r.at += length;
    }
    return out;
  }

  private fieldIds(): number[] {
    const r = new Reader(this.packed!.bytes, this.packed!.start);
    const ids: number[] = [];
    for (let fields = r.uint(); fields > 0; fields--) {
      ids.push(r.uint());
      r.uint();
      r.at += r.uint();
    }
    return ids;
  }

  /** Into a plain Map for good, before a write. */
  unpack(): void {
    if (!this.packed) return;
    const all = this.read();
    this.packed = null;
    for (const [id, freqs] of all) super.set(id, freqs);
  }

  private view(): Map<number, Map<number, number>> {
    return this.packed ? this.read() : new Map(super.entries());
  }

  override get(id: number): Map<number, number> | undefined {
    return this.packed ? this.read(id).get(id) : super.get(id);
  }
  override has(id: number): boolean {
    return this.packed ? this.fieldIds().includes(id) : super.has(id);
  }
  override get size(): number {
    return this.packed ? new Reader(this.packed.bytes, this.packed.start).uint() : super.size;
  }
  override set(id: number, freqs: Map<number, number>): this {
    this.unpack();
    return super.set(id, freqs);
  }
  override delete(id: number): boolean {
    this.unpack();
    return super.delete(id);
  }
  override clear(): void {
    this.packed = null;
    super.clear();
  }
  override forEach(fn: (value: Map<number, number>, key: number, map: Map<number, Map<number, number>>) => void, thisArg?: unknown): void {
    for (const [k, v] of this.view()) fn.call(thisArg, v, k, this);
  }
  override entries(): MapIterator<[number, Map<number, number>]> {
    return this.view().entries();
  }
  override keys(): MapIterator<number> {
    return this.view().keys();
  }
  override values(): MapIterator<Map<number, number>> {
    return this.view().values();
  }
  override [Symbol.iterator](): MapIterator<[number, Map<number, number>]> {
    return this.view().entries();
  }
}

/**
 * The MiniSearch a saved search restores: `loadJS` for its plain form; for the packed form,
 * `loadJS` of everything but the index, then each term into its tree with its packed
 * postings. Throws when the saved search cannot be restored (the caller builds instead).
 */
export function restoreSearch<T>(saved: AsPlainObject | PackedSearch, options: Options<T>): MiniSearch<T> {
  if (!isPackedSearch(saved)) return MiniSearch.loadJS(saved, options);
  const { packedIndex, ...rest } = saved;
  if (rest.dirtCount) throw new Error('packed index: saved with documents discarded');
  const search = MiniSearch.loadJS({ ...rest, index: [] }, options);
  const tree = (search as unknown as { _index?: { set?: unknown } })._index;
  if (typeof tree?.set !== 'function') throw new Error('MiniSearch keeps its terms in another way: the packed index cannot be restored');
  const { postings } = packedIndex;
  const bytes = typeof postings === 'string' ? new Uint8Array(Buffer.from(postings, 'base64')) : postings;
  const r = new Reader(bytes, 0);
  for (const term of packedIndex.terms) {
    const length = r.uint();
    if (r.at + length > bytes.length) throw new Error('packed index: truncated');
    (tree as { set(term: string, data: Map<number, Map<number, number>>): void }).set(term, new PackedTermData(bytes, r.at));
    r.at += length;
  }
  if (r.at !== bytes.length) throw new Error('packed index: bytes left over');
  unpackBeforeWrites(search, tree as unknown as Iterable<[string, Map<number, Map<number, number>>]>);
  return search;
}

/** MiniSearch's methods that write into its index (directly or by vacuuming after a discard). */
const WRITERS = ['add', 'addAll', 'addAllAsync', 'remove', 'removeAll', 'discard', 'discardAll', 'replace', 'vacuum'] as const;

/** The first of the WRITERS called unpacks every term, then the methods are MiniSearch's own again. */
function unpackBeforeWrites(search: MiniSearch<never> | MiniSearch<unknown>, tree: Iterable<[string, Map<number, Map<number, number>>]>): void {
  const own = search as unknown as Record<string, unknown>;
  const unpackAll = () => {
    for (const name of WRITERS) delete own[name];
    for (const [, data] of tree) if (data instanceof PackedTermData) data.unpack();
  };
  for (const name of WRITERS) {
    const method = own[name] as (...args: unknown[]) => unknown;
    own[name] = (...args: unknown[]) => {
      unpackAll();
      return method.apply(search, args);
    };
  }
}
