import type { Choice } from '../src/command.js';
import type { Engine } from '../src/engine.js';
import { LIMITS } from '../src/discord/limits.js';
import { truncate } from '../src/render/fit.js';

/** Autocomplete sources shared by several commands. Each returns at most 25 choices. */

const fold = (s: string) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

function choice(name: string, value: string): Choice {
  return { name: truncate(name.replace(/\s+/g, ' '), LIMITS.choiceName), value: value.slice(0, LIMITS.choiceValue) };
}

export function documentChoices(engine: Engine, typed: string): Choice[] {
  const q = fold(typed);
  return engine.corpus.documents
    .filter((d) => !q || fold(`${d.meta.id} ${d.meta.title} ${d.meta.authors.join(' ')}`).includes(q))
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
  const words = fold(typed).split(/\s+/).filter(Boolean);
  return engine.corpus.documents
    .flatMap((d) => d.references)
    .filter((r) => words.every((w) => fold(`${r.text} ${r.id}`).includes(w)))
    .slice(0, LIMITS.autocompleteChoices)
    .map((r) => choice(`${r.authors} ${r.year ?? 'n.d.'} · ${r.title}`, r.id));
}
