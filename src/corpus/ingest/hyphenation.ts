/**
 * Joining a word hyphenated across a line break: `in-` + `cluding` → `including`, but
 * `document-` + `level` → `document-level`. The joined word must be a word: one the
 * document itself uses unbroken, or — when it does not say — one whose halves are not both
 * words of the document (a compound of two words keeps its hyphen). An en or em dash closed
 * up on its word at the break stays closed up ("mention–mention", "1132–1146").
 */

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * English words, for a break whose halves are both words ("no-" + "table"): the lexicon of
 * natural's part-of-speech tagger (92,000 words, from pos-js), read once, when first needed.
 */
let english: Set<string> | null = null;
function englishWords(): Set<string> {
  if (!english) {
    const file = createRequire(import.meta.url).resolve('natural/lib/natural/brill_pos_tagger/data/English/lexicon_from_posjs.json');
    english = new Set(Object.keys(JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>).map((w) => w.toLowerCase()));
  }
  return english;
}

/** The words of a text, and its compounds as it writes them ("fine-tuning" as well as "fine", "tuning"). */
export function vocabularyOf(text: string): Set<string> {
  const lower = text.toLowerCase();
  return new Set([...(lower.match(/\p{L}+/gu) ?? []), ...(lower.match(/\p{L}+(?:-\p{L}+)+/gu) ?? [])]);
}

export function joinHyphenated(before: string, after: string, vocabulary: Set<string>): string {
  const a = before.trimEnd();
  const b = after.trimStart();
  const m = /(\p{L}+)-$/u.exec(a);
  const n = /^(\p{L}+)/u.exec(b);
  // A dash set close to the word before it at a line's end closes up on the next line too:
  // "mention–" + "mention", "pages 1132–" + "1146", "FAA–2020–" + "0686", "PART 39—" + "AIRWORTHINESS".
  if (/[\p{L}\d][–—]$/u.test(a) && /^[\p{L}\d]/u.test(b)) return `${a}${b}`;
  if (!m || !n) return `${a} ${b}`;
  const head = m[1]!.toLowerCase();
  const tail = n[1]!.toLowerCase();
  const joined = head + tail;
  // A capital after the break (`Anglo-Saxon`, `non-English`) is a real hyphen.
  // (Unless the document writes the joined word whole: `SciB-` + `ERT` is the `SciBERT` it names elsewhere.)
  const real =
    vocabulary.has(joined) && !vocabulary.has(`${head}-${tail}`)
      ? false
      : /^\p{Lu}/u.test(n[1]!) || /^\p{L}+-/u.test(b) // `non-English`, `state-` + `of-the-art`
        ? true
        : vocabulary.has(`${head}-${tail}`) ||
          // Two words of the document, unless English writes them as one ("no-" + "table" is "notable").
          (vocabulary.has(head) && vocabulary.has(tail) && head.length >= 2 && tail.length >= 2 && !englishWords().has(joined));
  return real ? `${a}${b}` : `${a.slice(0, -1)}${b}`;
}
