import type { Choice } from '../src/command.js';
import type { Corpus, Reference } from '../src/corpus/types.js';
import type { Engine } from '../src/engine.js';
import { LIMITS } from '../src/discord/limits.js';
import { truncate } from '../src/render/fit.js';

/** Autocomplete sources shared by several commands. Each returns at most 25 choices. */

const fold = (s: string) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

/** What typed text is matched against, folded once per corpus (not per keystroke and word). */
interface Keys {
  documents: Array<{ key: string; document: Corpus['documents'][number] }>;
  references: Array<{ key: string; reference: Reference }>;
}
const keysByCorpus = new WeakMap<Corpus, Keys>();

function keys(corpus: Corpus): Keys {
  let k = keysByCorpus.get(corpus);
  if (!k) {
    k = {
      documents: corpus.documents.map((d) => ({ key: fold(`${d.meta.id} ${d.meta.title} ${d.meta.authors.join(' ')}`), document: d })),
      references: corpus.documents.flatMap((d) => d.references).map((r) => ({ key: fold(`${r.text} ${r.id}`), reference: r })),
    };
    keysByCorpus.set(corpus, k);
  }
  return k;
}

/** Words of typed text to match: a few, distinct (the handler has already cut the text). */
const MAX_TYPED_WORDS = 8;

function choice(name: string, value: string): Choice {
  return { name: truncate(name.replace(/\s+/g, ' '), LIMITS.choiceName), value: value.slice(0, LIMITS.choiceValue) };
}

export function documentChoices(engine: Engine, typed: string): Choice[] {
  const q = fold(typed);
  return keys(engine.corpus)
    .documents.filter((d) => !q || d.key.includes(q))
    .map((d) => d.document)
    .slice(0, LIMITS.autocompleteChoices)
    .map((d) => choice(`${d.meta.authors.map((a) => a.split(' ').pop()).join(', ')} ${d.meta.year} · ${d.meta.title}`, d.meta.id));
}

/** Paragraph ids with a preview; typed text matches the id or, failing that, the passage. */
export function paragraphChoices(engine: Engine, rawTyped: string): Choice[] {
  // Discord sends up to 6000 characters while typing; ids and previews need far fewer.
  const typed = rawTyped.slice(0, 200);
  const q = fold(typed.trim());
  const paragraphs = engine.index.paragraphs;
  let matches = paragraphs.filter((p) => !q || p.id.startsWith(q));
  if (matches.length === 0 && q.length >= 2) {
    const answer = engine.index.query(typed, { limit: LIMITS.autocompleteChoices });
    matches = answer.passages.map((p) => p.paragraph);
  }
  return matches.slice(0, LIMITS.autocompleteChoices).map((p) => choice(`${p.id} · ${p.text}`, p.id));
}

export function referenceChoices(engine: Engine, typed: string): Choice[] {
  const words = [...new Set(fold(typed).split(/\s+/).filter(Boolean))].slice(0, MAX_TYPED_WORDS);
  const out: Reference[] = [];
  for (const r of keys(engine.corpus).references) {
    if (words.every((w) => r.key.includes(w))) out.push(r.reference);
    if (out.length === LIMITS.autocompleteChoices) break;
  }
  return out
    .map((r) => choice(`${r.authors} ${r.year ?? 'n.d.'} · ${r.title}`, r.id));
}
