/**
 * Figures stated in prose, found by rules over the text: every number with a unit (money,
 * people, counts, percentages, kilometres, rankings, event years), what it measures
 * (measure word + countries + direction), the year it is about, and where it was said.
 * There is no list of known facts here: the same rules run over any paragraph.
 *
 * Pipeline per paragraph: blank citations → sentences → clauses → quantities → unit,
 * measure word, countries and direction from the clause → missing trade partners filled
 * from the sentence, the document's main country, then the paragraph (see `fillTradeFlows`).
 */
import type { Paragraph } from '../corpus/types.js';
import { findCountryMentions, type CountryMention } from './countries.js';
import { fillTradeFlows, focalCountries, rankCountries, type FlowDraft } from './prose/partners.js';
import { measureKey } from './measureKey.js';
import {
  eventObject,
  findEventWords,
  findMeasureWords,
  measureOfWord,
  nearestMeasure,
  type MeasureWord,
} from './prose/measures.js';
import { findQuantities, looksLikeYear, type Quantity } from './prose/quantities.js';
import { movementFlow, roleMentions, tradeFlow, type Flow, type RoledMention } from './prose/roles.js';
import { blankParentheses, maskCitations, splitClauses, splitSentences, type Clause, type Span } from './prose/sentences.js';
import { readCount } from './prose/units.js';
import { findYears, yearOf, type YearMention } from './prose/years.js';

export { findDisagreements, tableFigures } from './disagreements.js';
export type { Disagreement, ComparableFigure, FigureSource } from './disagreements.js';
export type { Flow } from './prose/roles.js';
export { measureKey } from './measureKey.js';

export type FigureUnit = 'USD' | 'people' | 'percent' | 'km' | 'rank' | 'year' | 'count';

export interface FigureRecord {
  value: number;
  unit: FigureUnit;
  /** The number as written, hedge included: "around 250", "a little over US$43 million". */
  text: string;
  /** The hedge alone ("only", "around", "a little over"), or null. */
  qualifier: string | null;
  /** Place value of the last written digit, in the unit: 10 000 for "$7.14 M". */
  precision: number;
  /** Short description: "exports from Kyrgyzstan to Mongolia", "trade: Kazakhstan, Mongolia". */
  measure: string;
  /** Canonical measure word ("exports", "students", "established embassy"). */
  measureWord: string;
  /** Countries the figure is about, in reading order (origin first for flows). */
  entities: string[];
  /** Origin → destination for flows (goods, money, people) when both are known. */
  flow: Flow | null;
  /** `measureWord|country|country`, countries sorted: equal keys measure the same thing. */
  measureKey: string;
  /** The year the figure is about, when the sentence states one; null for event years. */
  year: number | null;
  /**
   * What it measures is in the paragraph's own words: a measure word (not a unit's default)
   * and every country named there (not the document's main country filled in). Only such
   * figures are set against other sources (disagreements.ts): "per 100 inhabitants" in a
   * factbook's telephone line is no population of Mongolia.
   */
  stated: boolean;
  sentence: string;
  paragraphId: string;
  documentId: string;
  page: number;
}

/** Measure words a unit can take; other nearby measure words are ignored for it. */
const MEASURES_FOR: Record<Exclude<FigureUnit, 'year' | 'rank'>, ReadonlySet<string>> = {
  USD: new Set(['exports', 'imports', 'investment', 'trade', 'gdp', 'visitors', 'debt']),
  people: new Set(['students', 'visitors', 'returnees', 'migrants', 'population']),
  count: new Set(['students', 'visitors', 'returnees', 'migrants', 'population', 'trade', 'investment']),
  percent: new Set(['exports', 'imports', 'investment', 'trade', 'gdp', 'share', 'population', 'students', 'visitors', 'debt']),
  km: new Set(['width', 'length', 'border', 'distance']),
};
const DEFAULT_MEASURE: Record<FigureUnit, string> = {
  USD: 'value',
  people: 'people',
  count: 'count',
  percent: 'share',
  km: 'distance',
  rank: 'rank',
  year: 'event',
};
/** Measures that move between two countries and so get a direction. */
const MOVEMENTS = new Set(['students', 'visitors', 'visits', 'returnees', 'migrants', 'investment']);

export function extractFigures(paragraphs: readonly Paragraph[]): FigureRecord[] {
  const focal = focalCountries(paragraphs);
  return paragraphs.flatMap((p) => extractFromParagraph(p, focal.get(p.documentId) ?? null));
}

/** A figure while its countries are still being resolved. */
interface Draft extends Span, FlowDraft {
  value: number;
  unit: FigureUnit;
  text: string;
  qualifier: string | null;
  precision: number;
  year: number | null;
  /** The measure word was found (in the clause or sentence, or as the counted noun), not a unit's default. */
  measureStated: boolean;
}

function extractFromParagraph(paragraph: Paragraph, focal: string | null): FigureRecord[] {
  const masked = maskCitations(paragraph.text);
  // Outside a parenthesis, its inside is blank: an aside is a clause of its own.
  const outer = blankParentheses(masked);
  const mentions = findCountryMentions(masked);
  const outerMentions = findCountryMentions(outer);
  const ranking = rankCountries(mentions);
  const records: FigureRecord[] = [];
  for (const sentence of splitSentences(masked)) {
    const inSentence = mentions.filter((m) => m.start >= sentence.start && m.end <= sentence.end);
    const sentenceYears = findYears(masked, sentence);
    const populationContext = /\bpopulat/i.test(masked.slice(sentence.start, sentence.end));
    const drafts: Draft[] = [];
    const sentenceMeasures = findMeasureWords(outer.slice(sentence.start, sentence.end), sentence.start);
    let previousClause: Clause | null = null;
    for (const clause of splitClauses(masked, sentence)) {
      const text = clause.parenthetical ? masked : outer;
      const clauseYears = findYears(text, clause);
      const context: ClauseContext = {
        text,
        clause,
        mentions: roleMentions(text, clause, clause.parenthetical ? mentions : outerMentions),
        sentenceMentions: inSentence,
        measures: findMeasureWords(text.slice(clause.start, clause.end), clause.start),
        sentenceMeasures,
        year: yearOf(clauseYears, sentenceYears),
        populationContext,
        previousClause,
      };
      if (!clause.parenthetical) previousClause = clause;
      const figures = findQuantities(text, clause)
        .map((q) => readQuantity(q, context))
        .filter((d): d is Draft => d !== null);
      drafts.push(...figures);
      // A year in a clause that states a figure dates that figure; it is not an event.
      if (figures.length === 0) drafts.push(...eventYears(context, clauseYears));
    }
    fillTradeFlows(drafts, { sentenceCountries: distinct(inSentence.map((m) => m.country)), focal, ranking });
    for (const d of drafts) if (d.entities.length === 0 && focal) d.entities = [focal];
    const named = new Set(mentions.map((m) => m.country));
    const text = paragraph.text.slice(sentence.start, sentence.end);
    records.push(...drafts.map((d) => toRecord(d, text, paragraph, d.measureStated && d.entities.length > 0 && d.entities.every((e) => named.has(e)))));
  }
  return records;
}

interface ClauseContext {
  /** The paragraph with citations blanked, and for a main clause its asides blanked too. */
  text: string;
  clause: Clause;
  mentions: RoledMention[];
  sentenceMentions: CountryMention[];
  measures: MeasureWord[];
  /** Measure words of the whole sentence, for a clause that has none of its own. */
  sentenceMeasures: MeasureWord[];
  year: number | null;
  populationContext: boolean;
  /** The clause before this one in the sentence (asides aside): whose "its" this clause may say. */
  previousClause: Clause | null;
}

function readQuantity(q: Quantity, c: ClauseContext): Draft | null {
  let unit: FigureUnit;
  let noun: string | null = null;
  if (q.kind === 'money') unit = 'USD';
  else if (q.kind === 'percent') unit = 'percent';
  else if (q.kind === 'km') unit = 'km';
  else if (q.kind === 'rank') unit = 'rank';
  else {
    if (looksLikeYear(q)) return null;
    // "per 100 inhabitants", "births/1,000": the number is a rate's base, not a count.
    if (/(?:\bper|\/)\s*$/i.test(c.text.slice(Math.max(0, q.start - 6), q.start))) return null;
    // A data sheet's field, "Population: total: 37,015,151 (2025 est.); male: …": the number
    // that stands alone under the label "Population" or its "total" is the population.
    const label = c.previousClause ? c.text.slice(c.previousClause.start, c.previousClause.end).trim() : '';
    const fielded = c.populationContext && /^(?:population|total)$/i.test(label) && /^[\s()]*$/.test(c.text.slice(q.end, c.clause.end).replace(/\([^)]*\)/g, ''));
    const reading = fielded ? { unit: 'people' as const, noun: null } : readCount(q, c.text.slice(q.end, c.clause.end), c.populationContext);
    if (!reading) return null;
    unit = reading.unit;
    noun = reading.noun;
  }

  const measure = measureFor(q, unit, noun, c.measures) ?? measureFor(q, unit, noun, c.sentenceMeasures);
  const draft: Draft = {
    measureStated: measure !== null || measureOfWord(noun ?? undefined) !== null,
    start: q.start,
    end: q.end,
    value: q.value,
    unit,
    text: q.text,
    qualifier: q.qualifier,
    precision: q.precision,
    measureWord: measure?.canonical ?? measureOfWord(noun ?? undefined) ?? noun ?? DEFAULT_MEASURE[unit],
    year: c.year,
    entities: distinct(c.mentions.map((m) => m.country)),
    flow: null,
    bilateral: false,
  };

  if (unit === 'USD' && measure && (measure.canonical === 'exports' || measure.canonical === 'imports')) {
    draft.trade = { ...tradeFlow(measure, q, c.mentions), verb: measure.canonical };
  } else if (MOVEMENTS.has(draft.measureWord)) {
    draft.flow = movementFlow(q, c.mentions, c.text);
    if (draft.flow) draft.entities = [draft.flow.from, draft.flow.to];
  }
  if (unit === 'km') draft.entities = distanceEnds(q, c);
  draft.bilateral = draft.measureWord === 'trade';
  // "China (around 1.4 billion)": a bare figure in parentheses belongs to the country
  // named just before the parenthesis.
  if (draft.entities.length === 0 && c.clause.parenthetical) {
    const host = c.sentenceMentions.filter((m) => m.end <= c.clause.start).at(-1);
    if (host) draft.entities = [host.country];
  }
  return draft;
}

/**
 * The places a distance is between: those named before the number in its clause ("its closest
 * point to Kazakhstan at around 37 km away being cut off by China and Russia" is not China's or
 * Russia's distance), and for a clause that opens with "its" or "their", the country the clause
 * before is about ("… while Mongolia does not border … —its closest point"): its first country.
 */
function distanceEnds(q: Quantity, c: ClauseContext): string[] {
  const before = distinct(c.mentions.filter((m) => m.end <= q.start).map((m) => m.country));
  const ends = before.length > 0 ? before : distinct(c.mentions.map((m) => m.country));
  const opening = c.text.slice(c.clause.start, Math.min(c.clause.end, c.clause.start + 8));
  const previous = c.previousClause;
  if (previous && /^(?:its|their)\b/i.test(opening)) {
    const owner = c.sentenceMentions.find((m) => m.start >= previous.start && m.end <= previous.end);
    if (owner && !ends.includes(owner.country)) ends.unshift(owner.country);
  }
  return ends;
}

function measureFor(q: Quantity, unit: FigureUnit, noun: string | null, words: MeasureWord[]): MeasureWord | null {
  if (unit === 'rank') {
    const ranked = measureOfWord(q.rankedWord);
    if (ranked) return words.find((w) => w.canonical === ranked) ?? null;
    return nearestMeasure(words, q);
  }
  if (unit === 'year') return null;
  // A counted noun that is itself a measure ("25 categories" is not; "3 visits" is) wins.
  if (noun && measureOfWord(noun)) return null;
  // So does one that is not: "12 five-pointed white stars" are stars, not the population of
  // "the Turkic peoples" beside them; "more than 25 categories of goods", not trade.
  if (noun && unit === 'count') return null;
  const allowed = MEASURES_FOR[unit];
  return nearestMeasure(
    words.filter((w) => allowed.has(w.canonical)),
    q,
  );
}

/** "Mongolia established … relations with Kazakhstan in 1992": the year as a figure. */
function eventYears(c: ClauseContext, years: YearMention[]): Draft[] {
  const clauseText = c.text.slice(c.clause.start, c.clause.end);
  const events = findEventWords(clauseText, c.clause.start);
  const drafts: Draft[] = [];
  for (const y of years) {
    if (!y.dated || y.inPeriod) continue;
    const event = nearestMeasure(events, y);
    if (!event) continue;
    const object = eventObject(clauseText, event.end - c.clause.start);
    const entities = distinct(c.mentions.map((m) => m.country));
    drafts.push({
      start: y.start,
      end: y.end,
      value: y.year,
      unit: 'year',
      text: String(y.year),
      qualifier: null,
      precision: 1,
      measureWord: object ? `${event.canonical} ${object}` : event.canonical,
      measureStated: true,
      year: null,
      entities: entities.length > 0 ? entities : distinct(c.sentenceMentions.map((m) => m.country)),
      flow: null,
      bilateral: false,
    });
  }
  return drafts;
}

function toRecord(d: Draft, sentence: string, p: Paragraph, stated: boolean): FigureRecord {
  return {
    value: d.value,
    unit: d.unit,
    text: d.text,
    qualifier: d.qualifier,
    precision: d.precision,
    measure: describe(d),
    measureWord: d.measureWord,
    entities: d.entities,
    flow: d.flow,
    measureKey: measureKey(d.measureWord, d.entities),
    year: d.year,
    stated,
    sentence,
    paragraphId: p.id,
    documentId: p.documentId,
    page: p.page,
  };
}

const FLOW_PREPOSITION: Record<string, string> = { students: 'in', investment: 'in' };

function describe(d: Draft): string {
  if (d.flow) return `${d.measureWord} from ${d.flow.from} ${FLOW_PREPOSITION[d.measureWord] ?? 'to'} ${d.flow.to}`;
  return d.entities.length > 0 ? `${d.measureWord}: ${d.entities.join(', ')}` : d.measureWord;
}

function distinct<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}
