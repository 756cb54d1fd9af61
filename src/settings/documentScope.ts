import { createEngineFromCorpus, type Engine } from '../engine.js';

/**
 * A server that searches only some documents (`/settings documents`) gets an engine over
 * those documents alone: every command and message is answered from them (passages,
 * figures, quotes), with no change to the search itself. Built on first use (a sub-index
 * over a few documents takes a fraction of a second) and kept per engine, so `/reload`
 * builds anew from the new corpus; ids no longer in the corpus are left out, and when none
 * is left the whole corpus answers (and the caller hears of it).
 */

const KEPT_PER_ENGINE = 16;

export class DocumentScopes {
  private readonly scoped = new WeakMap<Engine, Map<string, Engine>>();

  /** The engine answering for `documents` (null: all of them). */
  engineFor(engine: Engine, documents: readonly string[] | null): Engine {
    if (!documents || documents.length === 0) return engine;
    const known = new Set(engine.corpus.documents.map((d) => d.meta.id));
    const ids = [...new Set(documents)].filter((id) => known.has(id)).sort();
    if (ids.length === 0 || ids.length === known.size) return engine;
    let kept = this.scoped.get(engine);
    if (!kept) this.scoped.set(engine, (kept = new Map()));
    const key = ids.join('\n');
    const hit = kept.get(key);
    if (hit) return hit;
    const chosen = new Set(ids);
    const corpus = {
      documents: engine.corpus.documents.filter((d) => chosen.has(d.meta.id)),
      paragraphsById: new Map([...engine.corpus.paragraphsById].filter(([, p]) => chosen.has(p.documentId))),
      referencesById: new Map([...engine.corpus.referencesById].filter(([, r]) => chosen.has(r.documentId))),
    };
    const built = createEngineFromCorpus(corpus);
    if (kept.size >= KEPT_PER_ENGINE) kept.delete(kept.keys().next().value as string);
    kept.set(key, built);
    return built;
  }
}

/** Ids typed by a manager, split on commas and spaces, each once, in the order given. */
export function parseDocumentIds(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean))];
}
