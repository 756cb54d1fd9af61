import FlexSearch from 'flexsearch';
import lunr from 'lunr';
import MiniSearch from 'minisearch';
import { answerQuestion } from '../src/answer/answer.js';
import type { Engine } from '../src/engine.js';

/**
 * The retrievers compared side by side. Each gets the same paragraphs (id + text, nothing
 * else: no section titles, no metadata) and the raw question, and returns paragraph texts
 * best first. Peers run with their documented defaults; where a default would make the
 * comparison about punctuation or query syntax rather than ranking, the comment says what
 * was done instead.
 */

export interface Unit {
  id: string;
  text: string;
}

export interface Retriever {
  name: string;
  /** One line on the configuration, printed under the table. */
  note: string;
  /** Top `k` paragraph texts for a question. */
  search(question: string, k: number): string[];
}

export type RetrieverFactory = (units: Unit[]) => Retriever;

function textsOf(units: Unit[]): (ids: Iterable<string | number>) => string[] {
  const byId = new Map(units.map((u) => [u.id, u.text]));
  return (ids) => [...ids].map((id) => byId.get(String(id)) ?? '');
}

/** Our re-ranked passage search, as `/ask` uses it before the reply is built. */
export function steppeIndex(engine: Engine): Retriever {
  return {
    name: 'steppe index.query',
    note: 'engine.index.query(q, { limit: k }): analyzer + expansions + BM25 over paragraphs (selective terms) + 2-sentence-window BM25 of the pool + re-ranker',
    search: (q, k) => engine.index.query(q, { limit: k }).passages.map((p) => p.paragraph.text),
  };
}

/** The whole answer as `npm run eval` scores it (adds the coverage cut-off and figure lines). */
export function steppeAnswer(engine: Engine): Retriever {
  return {
    name: 'steppe answerQuestion',
    note: 'answerQuestion(engine, q, { limit: k }): index.query + coverage cut-off + figure answers (what `npm run eval` scores)',
    search: (q, k) => answerQuestion(engine, q, { limit: k }).passages.map((p) => p.text),
  };
}

export const miniSearchDefault: RetrieverFactory = (units) => {
  const ms = new MiniSearch<Unit>({ fields: ['text'] });
  ms.addAll(units);
  const texts = textsOf(units);
  return {
    name: 'MiniSearch default',
    note: "new MiniSearch({ fields: ['text'] }), search(raw question): default tokenizer, OR, BM25+, no fuzzy/prefix",
    search: (q, k) => texts(ms.search(q).slice(0, k).map((r) => r.id as string)),
  };
};

export const lunrDefault: RetrieverFactory = (units) => {
  const idx = lunr(function () {
    this.ref('id');
    this.field('text');
    for (const u of units) this.add(u);
  });
  const texts = textsOf(units);
  return {
    name: 'lunr default',
    note: 'default pipeline (trimmer, stop words, stemmer); query built with idx.query() from lunr.tokenizer tokens passed through lunr.trimmer, so `?`, `:` and `-` in questions are neither syntax errors nor unmatched tokens',
    search: (q, k) => {
      const tokens = lunr.tokenizer(q).map((t) => lunr.trimmer(t)).filter((t) => t.toString().length > 0);
      return texts(idx.query((query) => query.term(tokens, {})).slice(0, k).map((r) => r.ref));
    },
  };
};

/**
 * FlexSearch ANDs the words of a query by default: a natural-language question almost never
 * has all its words in one paragraph, so the default alone returns nothing for most
 * questions. Both are shown: default, and `suggest: true` (its documented way to return
 * partial matches).
 */
function flex(suggest: boolean): RetrieverFactory {
  return (units) => {
    const index = new FlexSearch.Index();
    for (const u of units) index.add(u.id, u.text);
    const texts = textsOf(units);
    return {
      name: suggest ? 'flexsearch suggest' : 'flexsearch default',
      note: suggest
        ? 'new Index() (tokenize strict, default encoder), search(q, { limit: k, suggest: true })'
        : 'new Index(), search(q, { limit: k }): all query words must match',
      search: (q, k) => texts(index.search(q, { limit: k, suggest }) as Array<string | number>),
    };
  };
}

export const flexDefault = flex(false);
export const flexSuggest = flex(true);

export const PEERS: RetrieverFactory[] = [miniSearchDefault, lunrDefault, flexDefault, flexSuggest];
