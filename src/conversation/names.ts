import { findMentions } from '../answer/figureQuestion.js';
import type { Corpus, Paragraph } from '../corpus/types.js';
import type { Engine } from '../engine.js';
import { analyze } from '../search/analyzer.js';

/**
 * The corpus's names, however a reader types them: "and schweller?", "what about
 * reeves?" name a person as surely as "Schweller" does, but the search reads a name by its
 * capital. A gazetteer gathered from the parsed text once per corpus (lazily, on the first
 * conversation that needs it; a reload brings a new corpus and a new gazetteer): a word is
 * a name when the corpus writes it with a capital on its own — not first in a sentence,
 * not only inside a longer capitalised name ("Partnership for Peace", "Survey Research",
 * "Altai Mountains") — and never in lower case (by stem: "Neighbors" is not a name while
 * "neighbor" is written). Places are read however typed already; this adds the rest.
 */

const WORD = /\p{L}[\p{L}'’]*/gu;
/** Joins capitalised words into one longer name: "Partnership for Peace", "Nur-Sultan", "Palmer & Morgan". */
const CONNECTOR = /^(?:of|for|and|the|de|der|van|von|in|on|&|-|–|—)$/i;
const MIN_LETTERS = 3;

const cache = new WeakMap<Corpus, Set<string>>();

/** Stems of the corpus's names (see above). */
export function corpusNames(engine: Engine): Set<string> {
  const corpus = engine.corpus;
  let names = cache.get(corpus);
  if (!names) {
    names = gatherNames(corpus);
    cache.set(corpus, names);
  }
  return names;
}

/** The gazetteer's count, a paragraph at a time (so that it can be gathered in turns, see `warmNames`). */
class NameGatherer {
  private readonly alone = new Set<string>();
  private readonly lower = new Set<string>();
  // Each distinct word is stemmed once: a corpus repeats its words.
  private readonly stemmed = new Map<string, string[]>();

  private stemsOf(w: string): string[] {
    let s = this.stemmed.get(w);
    if (!s) this.stemmed.set(w, (s = analyze(w)));
    return s;
  }

  add(p: Paragraph): void {
    if (p.role === 'caption') return;
    const text = p.text;
    const words = [...text.matchAll(WORD)].map((m) => ({ w: m[0], at: m.index }));
    // Whether word i is one of a longer capitalised name: the next capitalised word that way,
    // across connectors, with nothing but spaces, a hyphen, a dash or "&" between.
    const joined = (i: number, step: 1 | -1): boolean => {
      for (let j = i + step; words[j]; j += step) {
        const [a, b] = step === 1 ? [words[j - 1]!, words[j]!] : [words[j]!, words[j + 1]!];
        if (!/^[\s&\-–—]*$/u.test(text.slice(a.at + a.w.length, b.at))) return false;
        if (/^\p{Lu}/u.test(words[j]!.w)) return true;
        if (!CONNECTOR.test(words[j]!.w)) return false;
      }
      return false;
    };
    words.forEach(({ w, at }, i) => {
      const stems = this.stemsOf(w);
      if (stems.length !== 1) return;
      const stem = stems[0]!;
      if (/^\p{Ll}/u.test(w)) {
        this.lower.add(stem);
        return;
      }
      if (w.replace(/['’].*$/, '').length < MIN_LETTERS) return;
      // First in the paragraph or in a sentence: any word has a capital there.
      if (i === 0 || /[.!?]["”’)]?\s+$/u.test(text.slice(Math.max(0, at - 4), at))) return;
      if (joined(i, -1) || joined(i, 1)) return;
      this.alone.add(stem);
    });
  }

  names(): Set<string> {
    const out = new Set(this.alone);
    for (const s of this.lower) out.delete(s);
    return out;
  }
}

function gatherNames(corpus: Corpus): Set<string> {
  const gatherer = new NameGatherer();
  for (const p of corpus.paragraphsById.values()) gatherer.add(p);
  return gatherer.names();
}

/**
 * Gathers the gazetteer ahead of conversations, a chunk of paragraphs per turn of the event
 * loop (as the index warms up): gathered on the first turn that needs it, a large corpus
 * (×1000: seconds) would hold every interaction up meanwhile. `signal` stops it; a
 * conversation needing the names before it ends gathers them at once, as before.
 */
export async function warmNames(engine: Engine, options: { chunk?: number; signal?: AbortSignal } = {}): Promise<void> {
  const corpus = engine.corpus;
  const chunk = options.chunk ?? 500;
  const gatherer = new NameGatherer();
  let n = 0;
  for (const p of corpus.paragraphsById.values()) {
    if (cache.has(corpus) || options.signal?.aborted) return;
    gatherer.add(p);
    if (++n % chunk === 0) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  if (!cache.has(corpus) && !options.signal?.aborted) cache.set(corpus, gatherer.names());
}

/** Among the most frequent words of English (news-trained word vectors' rank); without vectors, any short word. */
const COMMON_RANK = 10_000;
export function commonInEnglish(engine: Engine, word: string): boolean {
  const vectors = engine.index.semantic()?.vectors;
  if (!vectors) return word.length < 6;
  const rank = vectors.rank(word.toLowerCase());
  return rank !== undefined && rank < COMMON_RANK;
}

/**
 * The text with the corpus's names written with their capital ("what does reeves say?" →
 * "what does Reeves say?"), so that a turn naming one is read as having a subject of its
 * own. The first word is left as typed (any sentence capitalises it).
 */
export function withNamesCapitalised(engine: Engine, text: string): string {
  const names = corpusNames(engine);
  if (names.size === 0) return text;
  let first = true;
  return text.replace(WORD, (w) => {
    if (first) {
      first = false;
      return w;
    }
    // (Places are read however typed already: left as they are. A common English word typed
    // in lower case is that word: "is it vital?" names no Vital, "the golden age" no Golden Horde.)
    if (!/^\p{Ll}/u.test(w) || findMentions(w).length || commonInEnglish(engine, w)) return w;
    const stems = analyze(w);
    return stems.length === 1 && names.has(stems[0]!) ? w.charAt(0).toUpperCase() + w.slice(1) : w;
  });
}
