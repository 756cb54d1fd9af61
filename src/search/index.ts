import MiniSearch, { type Query } from 'minisearch';
import type { Corpus, Paragraph } from '../corpus/types.js';
import { analyze, Expander, mineAcronyms, normalizeTerm, tokenize } from './analyzer.js';
import { analyzeQuestion, type AnalyzedQuestion } from './question.js';
import { rankCandidates, type QueryTermGroup, type RankedPassage } from './rank.js';

/**
 * The passage index: MiniSearch (BM25+) over paragraphs for recall, then a re-ranker
 * (coverage, best-sentence density, question type) for precision. See rank.ts.
 */

/** Field boosts: a section title says what all its paragraphs are about. */
const FIELD_BOOST = { text: 1, section: 1.5 } as const;
/** How many BM25 candidates the re-ranker looks at. */
const CANDIDATES = 40;
/** Fuzzy matching only for words the corpus does not contain (misspellings): fuzzy on every term costs ~10×. */
const FUZZY_FOR_UNKNOWN = 0.25;

interface IndexedUnit {
  id: string;
  text: string;
  section: string;
}

export interface SearchOptions {
  limit?: number;
  /** Restrict to one document id. */
  documentId?: string;
}

export interface SearchResult {
  question: AnalyzedQuestion;
  passages: RankedPassage[];
  /** Words of the question the corpus does not contain, with close words it does. */
  suggestions: string[];
}

export class PassageIndex {
  readonly expander: Expander;
  private readonly search: MiniSearch<IndexedUnit>;
  /** Index term → number of paragraphs containing it (for IDF). */
  private readonly documentFrequency = new Map<string, number>();
  /** Index term → the surface word seen most often for it (for "did you mean"). */
  private readonly surfaceForm = new Map<string, string>();
  readonly paragraphs: Paragraph[];

  constructor(readonly corpus: Corpus) {
    this.paragraphs = corpus.documents.flatMap((d) => d.paragraphs);
    this.expander = new Expander(mineAcronyms(this.paragraphs.map((p) => p.text)));
    this.search = new MiniSearch<IndexedUnit>({
      fields: ['text', 'section'],
      storeFields: [],
      tokenize: (text) => tokenize(text),
      processTerm: (term) => normalizeTerm(term) ?? null,
      searchOptions: {
        // Queries arrive already analyzed (see `toQuery`): split on spaces, keep as is.
        tokenize: (q) => q.split(' '),
        processTerm: (t) => t,
        boost: FIELD_BOOST,
      },
    });
    this.search.addAll(
      this.paragraphs.map((p) => ({ id: p.id, text: p.text, section: p.section ?? '' })),
    );
    this.countTerms();
  }

  get paragraphCount(): number {
    return this.paragraphs.length;
  }

  private countTerms(): void {
    const surfaceCounts = new Map<string, Map<string, number>>();
    for (const p of this.paragraphs) {
      const seen = new Set<string>();
      for (const token of tokenize(`${p.text} ${p.section ?? ''}`)) {
        const term = normalizeTerm(token);
        if (!term) continue;
        seen.add(term);
        const forms = surfaceCounts.get(term) ?? new Map<string, number>();
        forms.set(token, (forms.get(token) ?? 0) + 1);
        surfaceCounts.set(term, forms);
      }
      for (const t of seen) this.documentFrequency.set(t, (this.documentFrequency.get(t) ?? 0) + 1);
    }
    for (const [term, forms] of surfaceCounts) {
      this.surfaceForm.set(term, [...forms].sort((a, b) => b[1] - a[1])[0]![0]);
    }
  }

  idf(term: string): number {
    const n = this.paragraphs.length;
    const df = this.documentFrequency.get(term) ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  knows(term: string): boolean {
    return this.documentFrequency.has(term);
  }

  /** Each question term with its expansions: the unit the re-ranker measures coverage in. */
  termGroups(question: AnalyzedQuestion): QueryTermGroup[] {
    return question.terms.map((term) => {
      const variants = new Map<string, number>([[term, 1]]);
      for (const e of this.expander.expand(term)) {
        if (this.knows(e.term) && !variants.has(e.term)) variants.set(e.term, e.boost);
      }
      const known = [...variants.keys()].filter((t) => this.knows(t));
      const idf = known.length ? Math.max(...known.map((t) => this.idf(t) * variants.get(t)!)) : 0;
      return { term, variants, idf, known: this.knows(term) };
    });
  }

  private toQuery(groups: QueryTermGroup[]): Query {
    const weights = new Map<string, number>();
    for (const g of groups) for (const [t, w] of g.variants) weights.set(t, Math.max(weights.get(t) ?? 0, w));
    const exact = [...weights.keys()].filter((t) => this.knows(t));
    const unknown = groups.filter((g) => !g.known).map((g) => g.term);
    const queries: Query[] = [];
    if (exact.length) queries.push({ queries: exact, boostTerm: (t: string) => weights.get(t) ?? 1 } as Query);
    if (unknown.length) queries.push({ queries: unknown, fuzzy: FUZZY_FOR_UNKNOWN, prefix: true } as Query);
    return { combineWith: 'OR', queries } as Query;
  }

  query(raw: string, options: SearchOptions = {}): SearchResult {
    const question = analyzeQuestion(raw);
    const groups = this.termGroups(question);
    const filter = options.documentId
      ? (r: { id: string }) => r.id.startsWith(`${options.documentId}/`)
      : undefined;
    const hits = groups.length ? this.search.search(this.toQuery(groups), { filter }).slice(0, CANDIDATES) : [];
    const candidates = hits.map((h) => ({ paragraph: this.corpus.paragraphsById.get(String(h.id))!, bm25: h.score }));
    const passages = rankCandidates(candidates, question, groups, (t) => this.idf(t)).slice(0, options.limit ?? 5);
    return { question, passages, suggestions: this.suggest(groups) };
  }

  /** Close corpus words for question words the corpus lacks: "did you mean". */
  suggest(groups: QueryTermGroup[]): string[] {
    const out: string[] = [];
    for (const g of groups) {
      if (g.known) continue;
      const near = this.search.autoSuggest(g.term, { fuzzy: 0.3, prefix: true, combineWith: 'OR' }).slice(0, 3);
      for (const s of near) {
        for (const t of s.terms) {
          const word = this.surfaceForm.get(t);
          if (word && !out.includes(word)) out.push(word);
        }
      }
    }
    return out.slice(0, 5);
  }

  /** Every surface word of the corpus, most frequent first (autocomplete, suggestions). */
  vocabulary(): string[] {
    return [...this.surfaceForm.entries()]
      .sort((a, b) => (this.documentFrequency.get(b[0]) ?? 0) - (this.documentFrequency.get(a[0]) ?? 0))
      .map(([, w]) => w);
  }
}

export { analyze };
