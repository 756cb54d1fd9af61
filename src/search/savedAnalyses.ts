import type { Paragraph } from '../corpus/types.js';
import { passageAnalysis, type AnalyzedPassage } from './rank.js';
import { splitSentences } from './sentences.js';
import { Reader, Writer } from './varint.js';

/**
 * The re-ranker's analyses of every paragraph (rank.ts `passageAnalysis`: its sentences'
 * terms, its terms, its section's terms), saved with the index, so that a started bot reads
 * them instead of making them again: a paragraph analysed as it first becomes a candidate was
 * most of a question's time on a fresh engine at ×1000 the corpus (130 new paragraphs, 0.3–0.8
 * ms each), and the background warm-up analysed all 54,000 in 15–40 s. Reading one is
 * looking its term numbers up; its sentence spans are `splitSentences`' own, as the analysis
 * has them.
 *
 * Per paragraph: its sentence count; per sentence its flags (1: a preamble, 2: it asks), its term count
 * and terms; the count and terms of `terms`, then of `sectionTerms`, in their sets' order.
 * Terms are numbers into a vocabulary of every term, in the order first met.
 */

export interface PackedAnalyses {
  vocabulary: string[];
  /**
   * Each paragraph's byte length and bytes, in the index's paragraph order: base64 in the
   * snapshot (JSON), the bytes themselves when engineCache.ts has read them from its file of
   * bytes beside it.
   */
  bytes: string | Uint8Array;
  count: number;
}

export class AnalysisPacker {
  private readonly ids = new Map<string, number>();
  private readonly vocabulary: string[] = [];
  private readonly out = new Writer();
  private readonly one = new Writer();
  private count = 0;

  private term(t: string): void {
    let id = this.ids.get(t);
    if (id === undefined) {
      id = this.vocabulary.length;
      this.ids.set(t, id);
      this.vocabulary.push(t);
    }
    this.one.uint(id);
  }

  private terms(ts: Iterable<string>, size: number): void {
    this.one.uint(size);
    for (const t of ts) this.term(t);
  }

  /** The next paragraph's analysis (in the index's order). */
  add(analysis: AnalyzedPassage): void {
    const w = this.one;
    w.length = 0;
    w.uint(analysis.sentences.length);
    for (const s of analysis.sentences) {
      w.uint((s.preamble ? 1 : 0) | (s.asks ? 2 : 0));
      this.terms(s.sequence, s.sequence.length);
    }
    this.terms(analysis.terms, analysis.terms.size);
    this.terms(analysis.sectionTerms, analysis.sectionTerms.size);
    this.out.uint(w.length);
    this.out.append(w);
    this.count++;
  }

  finish(): PackedAnalyses {
    return { vocabulary: this.vocabulary, bytes: Buffer.from(this.out.bytes.buffer, 0, this.out.length).toString('base64'), count: this.count };
  }
}

/** The analyses of these paragraphs (saved or made), packed. */
export function packAnalyses(paragraphs: readonly Paragraph[]): PackedAnalyses {
  const packer = new AnalysisPacker();
  for (const p of paragraphs) packer.add(savedAnalysis(p) ?? passageAnalysis(p));
  return packer.finish();
}

export function isPackedAnalyses(x: unknown): x is PackedAnalyses {
  const a = x as Partial<PackedAnalyses> | null;
  return typeof a === 'object' && a !== null && Array.isArray(a.vocabulary) && (typeof a.bytes === 'string' || a.bytes instanceof Uint8Array) && Number.isInteger(a.count);
}

/** Saved analyses, by paragraph. */
class SavedAnalyses {
  constructor(
    private readonly vocabulary: readonly string[],
    private readonly bytes: Uint8Array,
  ) {}

  private list(r: Reader): string[] {
    const out = new Array<string>(r.uint());
    for (let i = 0; i < out.length; i++) out[i] = this.vocabulary[r.uint()]!;
    return out;
  }

  /** The analysis saved at `at`, or null when its sentences are not the paragraph's (a changed splitter would change the key, but a damaged file must not score). */
  read(paragraph: Paragraph, at: number): AnalyzedPassage | null {
    const r = new Reader(this.bytes, at);
    const count = r.uint();
    const spans = splitSentences(paragraph.text);
    // passageAnalysis's one sentence for a text the splitter finds none in.
    if (count !== Math.max(1, spans.length)) return null;
    const sentences = new Array<AnalyzedPassage['sentences'][number]>(count);
    for (let i = 0; i < count; i++) {
      const flags = r.uint();
      const sequence = this.list(r);
      const span = spans[i] ?? { text: paragraph.text, start: 0, end: paragraph.text.length };
      sentences[i] = { span, sequence, typeFits: 0, preamble: (flags & 1) === 1, asks: (flags & 2) === 2 };
    }
    const terms = new Set(this.list(r));
    const sectionTerms = new Set(this.list(r));
    return { sentences, terms, sectionTerms };
  }
}

const saved = new WeakMap<Paragraph, { from: SavedAnalyses; at: number }>();

/**
 * Makes the saved analyses of `paragraphs` (in the order they were packed) readable by
 * `savedAnalysis`. Throws when they are not as many as the paragraphs, or the bytes do not
 * add up (the caller builds the index instead).
 */
export function useSavedAnalyses(packed: PackedAnalyses, paragraphs: readonly Paragraph[]): void {
  if (packed.count !== paragraphs.length) throw new Error(`saved analyses: ${packed.count} for ${paragraphs.length} paragraphs`);
  const bytes = typeof packed.bytes === 'string' ? new Uint8Array(Buffer.from(packed.bytes, 'base64')) : packed.bytes;
  const from = new SavedAnalyses(packed.vocabulary, bytes);
  const r = new Reader(bytes, 0);
  const places: number[] = [];
  for (let i = 0; i < paragraphs.length; i++) {
    const length = r.uint();
    places.push(r.at);
    r.at += length;
  }
  if (r.at !== bytes.length) throw new Error('saved analyses: bytes left over or missing');
  paragraphs.forEach((p, i) => saved.set(p, { from, at: places[i]! }));
}

/** The paragraph's saved analysis, or null when there is none (it is analysed instead). */
export function savedAnalysis(paragraph: Paragraph): AnalyzedPassage | null {
  const ref = saved.get(paragraph);
  return ref ? ref.from.read(paragraph, ref.at) : null;
}
