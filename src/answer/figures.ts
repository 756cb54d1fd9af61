import { tableRowId } from '../corpus/tableRows.js';
import type { Corpus, TradeRow } from '../corpus/types.js';
import { extractFigures, findDisagreements, type ComparableFigure, type Disagreement, type FigureRecord } from '../figures/extract.js';
import { formatUsd } from '../figures/money.js';
import { findMeasureWords, measureOfWord } from '../figures/prose/measures.js';
import { analyze } from '../search/analyzer.js';
import type { PassageIndex } from '../search/index.js';
import { analyzeQuestion, ASKS_DISTANCE } from '../search/question.js';
import { authorLabel, documentById } from './citation.js';
import { readFigureQuestion, type FigureQuestion } from './figureQuestion.js';

/**
 * Two words of one stem, one naming who does a thing and the other the doing ("annotators",
 * "annotations"; "translator", "translation"): what a count counts is not the other.
 */
export function agentAndAct(a: string, b: string): boolean {
  const kind = (w: string) => {
    const base = w.toLowerCase().replace(/(?:es|s)$/, '');
    return /(?:or|er|ist|ant|ent)$/.test(base) ? 'agent' : /(?:ion|ment|ance|ence|ing)$/.test(base) ? 'act' : null;
  };
  const [ka, kb] = [kind(a), kind(b)];
  return ka !== null && kb !== null && ka !== kb;
}

/**
 * Numeric answers: a direct first line — the value, what it measures, the year, the
 * source — from the Appendix tables when the question names a trade flow they cover,
 * else from the figures stated in prose. When sources disagree, both values, plainly.
 */

/** A figure as `ask --json` reports it. */
export interface FigureFact {
  value: number;
  unit: string;
  measure: string;
  year: number | null;
  source: string;
  sentence: string;
  /** The year the question asked for, when the corpus states the figure only for another (the nearest). */
  yearAsked?: number;
  /** A figure of a year read from a table: the row's passage id (corpus/tableRows.ts), its evidence. */
  row?: string;
}

export interface FigureAnswer {
  /** The direct line(s), Markdown bold around values. */
  lines: string[];
  figures: FigureFact[];
}

/** Everything numeric the corpus states, computed once at start-up. */
export interface FigureBook {
  records: FigureRecord[];
  rows: TradeRow[];
  disagreements: Disagreement[];
}

/** Every figure stated in the corpus's prose (the slow part of a FigureBook: it reads every sentence). */
export function extractCorpusFigures(corpus: Corpus): FigureRecord[] {
  // The extractor fills unnamed trade partners from the whole document: pass it whole.
  return corpus.documents.flatMap((d) => extractFigures(d.paragraphs));
}

/** The FigureBook of a corpus, from its prose figures when already extracted (e.g. saved). */
export function buildFigureBook(corpus: Corpus, records: FigureRecord[] = extractCorpusFigures(corpus)): FigureBook {
  const rows = corpus.documents.flatMap((d) => d.tables);
  return { records, rows, disagreements: findDisagreements(records, rows) };
}

const HOME = 'Mongolia';
const MAX_YEAR_LINES = 10;

function documentLabel(corpus: Corpus, documentId: string): string {
  const doc = documentById(corpus, documentId);
  return doc ? `${authorLabel(doc.meta)} (${doc.meta.year})` : documentId;
}

function figureSource(corpus: Corpus, f: ComparableFigure): string {
  const s = f.source;
  return s.kind === 'prose'
    ? `${documentLabel(corpus, s.documentId)}, p. ${s.page}, ¶ ${s.paragraphId}`
    : `${documentLabel(corpus, s.documentId)}, ${s.table}, p. ${s.page}${s.computed ? ' (total computed from both directions)' : ''}`;
}

function flowLabel(from: string, to: string): string {
  if (from === HOME) return `Mongolia's exports to ${to}`;
  if (to === HOME) return `${from}'s exports to Mongolia (Mongolia's imports)`;
  return `${from}'s exports to ${to}`;
}

function goodsNote(row: TradeRow): string {
  const goods = row.goods.slice(0, 4).join(', ');
  return goods ? ` (main goods: ${goods}${row.goods.length > 4 ? ', …' : ''})` : '';
}

function disagreementLine(corpus: Corpus, d: Disagreement): string {
  const parts = d.figures.slice(0, 4).map((f) => `**${f.text}**${f.year && d.year === null ? ` (${f.year})` : ''} in ${figureSource(corpus, f)}`);
  const more = d.figures.length > 4 ? ` and ${d.figures.length - 4} more` : '';
  return `⚠ Sources disagree on ${d.measure}${d.year ? ` in ${d.year}` : ''}: ${parts.join('; ')}${more}.`;
}

/** How many partners' lines a trade question naming none of them gets at most. */
const MAX_PARTNER_LINES = 4;

function tableAnswer(corpus: Corpus, book: FigureBook, q: FigureQuestion, documentId?: string): FigureAnswer | null {
  const partners = new Set(book.rows.filter((r) => !documentId || r.documentId === documentId).map((r) => r.partner));
  // "show me the trade numbers", "how much does Mongolia trade with Central Asia?": no partner
  // the tables cover is named, so each one they cover is given, by name (the first line alone
  // would have been one prose figure of one partner).
  if (q.trade && !q.flow && partners.size > 0 && q.countries.every((c) => c === HOME)) {
    const each = [...partners].sort().slice(0, MAX_PARTNER_LINES).map((p) => tableAnswer(corpus, book, { ...q, countries: [HOME, p] }, documentId));
    const found = each.filter((a): a is FigureAnswer => a !== null);
    return found.length ? { lines: found.flatMap((a) => a.lines), figures: found.flatMap((a) => a.figures) } : null;
  }
  const partner = q.flow
    ? [q.flow.from, q.flow.to].find((c) => c !== HOME && partners.has(c))
    : q.trade
      ? q.countries.find((c) => c !== HOME && partners.has(c))
      : undefined;
  if (!partner || (q.flow && q.flow.from !== HOME && q.flow.to !== HOME)) return null;
  const rows = book.rows.filter((r) => r.partner === partner && (!documentId || r.documentId === documentId));
  if (rows.length === 0) return null;
  const direction = q.flow ? (q.flow.from === HOME ? 'exports' : 'imports') : null;
  const available = [...new Set(rows.map((r) => r.year))].sort((a, b) => a - b);
  const years = q.years.filter((y) => available.includes(y)).slice(0, MAX_YEAR_LINES);
  if (q.years.length > 0 && years.length === 0) return null;
  const lines: string[] = [];
  const figures: FigureFact[] = [];
  const source = (r: TradeRow) => `${documentLabel(corpus, r.documentId)}, ${r.table}, p. ${r.page}`;
  const pick = (year: number, dir: 'exports' | 'imports') => rows.find((r) => r.year === year && r.direction === dir);

  if (direction) {
    const label = direction === 'exports' ? flowLabel(HOME, partner) : flowLabel(partner, HOME);
    if (years.length === 0) {
      const series = available.map((y) => pick(y, direction)).filter((r): r is TradeRow => !!r);
      const low = series.reduce((a, b) => (b.valueUsd < a.valueUsd ? b : a));
      const high = series.reduce((a, b) => (b.valueUsd > a.valueUsd ? b : a));
      const last = series[series.length - 1]!;
      lines.push(
        `${label}, ${available[0]}–${available[available.length - 1]}: **${last.valueText}** in ${last.year}${goodsNote(last)}; lowest ${low.valueText} (${low.year}), highest ${high.valueText} (${high.year}) — ${source(last)}. /figures shows every year.`,
      );
      for (const r of series) figures.push({ value: r.valueUsd, unit: 'USD', measure: label, year: r.year, source: source(r), sentence: `${r.year}: ${r.valueText}` });
    } else {
      for (const y of years) {
        const r = pick(y, direction);
        if (!r) continue;
        lines.push(`${label} in ${y}: **${r.valueText}**${goodsNote(r)} — ${source(r)}.`);
        figures.push({ value: r.valueUsd, unit: 'USD', measure: label, year: y, source: source(r), sentence: `${y}: ${r.valueText}`, row: tableRowId(r) });
      }
    }
    const flow = direction === 'exports' ? { from: HOME, to: partner } : { from: partner, to: HOME };
    for (const d of book.disagreements) {
      const sameFlow = d.flow?.from === flow.from && d.flow?.to === flow.to;
      if (sameFlow && d.year !== null && years.includes(d.year)) lines.push(disagreementLine(corpus, d));
    }
  } else if (q.balance) {
    // Exports less imports, computed from the table's two columns.
    const span = years.length ? years : available;
    const balances = span.flatMap((y) => {
      const ex = pick(y, 'exports');
      const im = pick(y, 'imports');
      return ex && im ? [{ y, ex, im, value: ex.valueUsd - im.valueUsd }] : [];
    });
    for (const { y, ex, im, value } of balances) {
      figures.push({ value, unit: 'USD', measure: `Mongolia's trade balance with ${partner} (exports − imports)`, year: y, source: source(ex), sentence: `${y}: ${ex.valueText} − ${im.valueText}`, ...(years.length ? { row: tableRowId(ex) } : {}) });
    }
    const said = (b: (typeof balances)[number]) => `**${formatUsd(b.value)}** (${b.value < 0 ? 'a deficit' : 'a surplus'}; computed: exports ${b.ex.valueText} − imports ${b.im.valueText})`;
    if (years.length) for (const b of balances) lines.push(`Mongolia's trade balance with ${partner} in ${b.y}: ${said(b)} — ${source(b.ex)}.`);
    else if (balances.length) {
      const last = balances[balances.length - 1]!;
      const low = balances.reduce((a, b) => (b.value < a.value ? b : a));
      const high = balances.reduce((a, b) => (b.value > a.value ? b : a));
      lines.push(`Mongolia's trade balance with ${partner} (exports − imports, computed from the Appendix tables): ${said(last)} in ${last.y}; between ${formatUsd(low.value)} (${low.y}) and ${formatUsd(high.value)} (${high.y}) over ${span[0]}–${span[span.length - 1]} — ${source(last.ex)}.`);
    }
  } else {
    const span = years.length ? years : available;
    for (const y of span) {
      const ex = pick(y, 'exports');
      const im = pick(y, 'imports');
      if (!ex || !im) continue;
      const total = ex.valueUsd + im.valueUsd;
      if (years.length) {
        lines.push(`Mongolia–${partner} trade in ${y}: **${formatUsd(total)}** (computed: exports ${ex.valueText} + imports ${im.valueText}) — ${source(ex)}.`);
      }
      figures.push({ value: total, unit: 'USD', measure: `Mongolia–${partner} trade (exports + imports)`, year: y, source: source(ex), sentence: `${y}: ${ex.valueText} + ${im.valueText}`, ...(years.length ? { row: tableRowId(ex) } : {}) });
    }
    if (!years.length && figures.length) {
      const totalsDisagree = book.disagreements.filter(
        (d) => d.year === null && d.measureKey.startsWith('trade|') && d.figures.some((f) => f.measureKey.includes(partner.toLowerCase())),
      );
      const last = figures[figures.length - 1]!;
      const low = figures.reduce((a, b) => (b.value < a.value ? b : a));
      const high = figures.reduce((a, b) => (b.value > a.value ? b : a));
      lines.push(
        // (Its lowest and highest year named as a flow's are: "which year was highest?" then reads them.)
        `Mongolia–${partner} trade (exports + imports, computed from the Appendix tables), ${span[0]}–${span[span.length - 1]}: **${formatUsd(last.value)}** in ${last.year}; lowest ${formatUsd(low.value)} (${low.year}), highest ${formatUsd(high.value)} (${high.year}) — ${last.source}.`,
      );
      for (const d of totalsDisagree) {
        const prose = d.figures.filter((f) => f.source.kind === 'prose');
        if (prose.length) lines.push(`⚠ The sources disagree: ${prose.map((f) => `**${f.text}** in ${figureSource(corpus, f)}`).join('; ')}, undated, against the table's yearly totals.`);
      }
    }
  }
  return lines.length ? { lines, figures } : null;
}

const UNITS_FOR: Record<string, ReadonlySet<string>> = {
  amount: new Set(['USD', 'percent']),
  count: new Set(['people', 'count', 'percent', 'rank', 'km']),
  year: new Set(['year']),
  any: new Set(['USD', 'people', 'count', 'percent', 'rank', 'km', 'year']),
};

/**
 * Index terms of the figures' sentences and measures, analysed once per record (every numeric
 * question reads them): each record's as numbers into one vocabulary of the book, sorted and
 * without repeats. A Set of strings a record was ~1.3 KB: at ×1000 the corpus, 44,000 records
 * analysed were ~57 MB of heap.
 */
class RecordTerms {
  private readonly vocabulary = new Map<string, number>();
  private readonly byRecord = new WeakMap<FigureRecord, Int32Array>();

  /** The record's terms, analysed now if not yet. */
  of(record: FigureRecord): Int32Array {
    let ids = this.byRecord.get(record);
    if (!ids) {
      const seen = new Set<number>();
      for (const t of analyze(`${record.sentence} ${record.measure}`)) {
        let id = this.vocabulary.get(t);
        if (id === undefined) this.vocabulary.set(t, (id = this.vocabulary.size));
        seen.add(id);
      }
      this.byRecord.set(record, (ids = Int32Array.from(seen).sort()));
    }
    return ids;
  }

  /** How many terms the records analysed so far have between them (grows as records are analysed). */
  get size(): number {
    return this.vocabulary.size;
  }

  /** The term's number, or −1 when no record analysed so far has it. */
  id(term: string): number {
    return this.vocabulary.get(term) ?? -1;
  }
}

const recordTerms = new WeakMap<FigureBook, RecordTerms>();
function termsOfBook(book: FigureBook): RecordTerms {
  let terms = recordTerms.get(book);
  if (!terms) recordTerms.set(book, (terms = new RecordTerms()));
  return terms;
}

/** Whether the sorted `ids` hold `id`. */
function holds(ids: Int32Array, id: number): boolean {
  let lo = 0;
  let hi = ids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const at = ids[mid]!;
    if (at === id) return true;
    if (at < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/**
 * Analyses every record's terms ahead of the questions, `chunk` records a turn of the event
 * loop (the bot's background warm-up, src/warmUp.ts): at ×1000 the corpus the first numeric
 * questions analysed tens of thousands of records between them, up to ~1 s a question.
 * `keepGoing` is asked before each chunk (a signal, a heap cap). Returns the records analysed.
 */
export async function warmFigureTerms(book: FigureBook, keepGoing: () => boolean = () => true, chunk = 500): Promise<number> {
  const terms = termsOfBook(book);
  let done = 0;
  for (let i = 0; i < book.records.length; i += chunk) {
    if (!keepGoing()) break;
    for (let k = i; k < Math.min(book.records.length, i + chunk); k++) terms.of(book.records[k]!);
    done = Math.min(book.records.length, i + chunk);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return done;
}

/**
 * The events a "when" question names, as the extractor's event words (prose/measures.ts):
 * "when did Kazakhstan become independent?" asks for an independence, not for the year some
 * flights resumed. Base forms included: questions say "join", the text "joined".
 */
const QUESTION_EVENTS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bindependen(?:ce|t)\b/i, 'independence'],
  [/\bjoin(?:s|ed|ing)?\b|\baccession\b|\bbec[oa]me a member\b/i, 'joined'],
  [/\bestablish\w*|\bfounded\b|\bset up\b|\bopen(?:s|ed|ing)?\b/i, 'established'],
  [/\bsign(?:s|ed|ing)?\b|\bconclude[sd]?\b|\btreaty\b|\bagreements?\b/i, 'agreement'],
  [/\bvisit(?:s|ed)?\b/i, 'visit'],
  [/\bresum\w*|\brestor\w*|\breinstat\w*|\bc[oa]me back\b/i, 'resumed'],
  [/\bcancel\w*|\bsuspend\w*|\bstop(?:s|ped)?\b|\bdowngrad\w*/i, 'cancelled'],
  [/\badopt\w*|\bendors\w*|\bratif\w*/i, 'adopted'],
  [/\bbeg[ia]n\b|\bstart(?:s|ed)?\b|\blaunch\w*|\bcommence\w*/i, 'commenced'],
  [/\bannounc\w*|\bunveil\w*|\bproclaim\w*|\bput forward\b/i, 'announced'],
];

/** Capitals the questions name for their countries (figures/countries.ts reads them as the country). */
const CAPITALS = ['ulaanbaatar', 'ulan bator', 'almaty', 'astana', 'nur-sultan', 'bishkek', 'tashkent', 'dushanbe', 'ashgabat', 'beijing', 'moscow', 'tokyo', 'seoul', 'pyongyang'].map(
  (city) => new RegExp(String.raw`\b${city.replace(/[-\s]/g, '[-\\s]')}\b`, 'i'),
);

/** A distance asked for is answered by any length the text gives ("less than 40 kilometers wide"). */
const LENGTHS = new Set(['distance', 'width', 'length']);

function questionEvents(question: string): string[] {
  return QUESTION_EVENTS.filter(([pattern]) => pattern.test(question)).map(([, event]) => event);
}

/** Each group's variants as the book's term numbers (−1: no record analysed so far has it) and weights, in the variants' order. */
function variantNumbers(terms: RecordTerms, groups: ReadonlyArray<{ variants: ReadonlyMap<string, number> }>) {
  return {
    size: terms.size,
    ids: groups.map((g) => Int32Array.from(g.variants.keys(), (t) => terms.id(t))),
    weights: groups.map((g) => Float64Array.from(g.variants.values())),
  };
}

/** The prose figure whose sentence best matches the question, among compatible ones. */
/** How many years off a figure stated for another year than asked may be, to be given as the nearest. */
const NEAREST_YEAR_REACH = 3;

function proseAnswer(corpus: Corpus, book: FigureBook, index: PassageIndex, question: string, q: FigureQuestion, type: string, documentId?: string, ranked: readonly string[] = []): FigureAnswer | null {
  // "How many papers…" wants a count; a percentage answers it only when asked for one ("what percent", "how many … as a share").
  // ("How much of the fertilizer is taken up?" asks a share too.)
  const wantsShare = /\b(?:percent(?:age)?s?|per cent|share|proportion|fraction|rate|ratio)\b|%|\bhow much of\b/i.test(question);
  // "How far…", "how close…", "the distance…": a length in km answers, not a count or a year.
  // (Read as the search reads it: search/question.ts.)
  const wantsDistance = ASKS_DISTANCE.test(question);
  const units = wantsDistance
    ? new Set(['km'])
    : type === 'count' && !wantsShare
      ? new Set([...UNITS_FOR.count!].filter((u) => u !== 'percent'))
      : type === 'amount' && !wantsShare
        ? // "how much coal does Kyrgyzstan produce?": a quantity, which "66 percent" of something is not.
          new Set([...UNITS_FOR.amount!].filter((u) => u !== 'percent'))
        : (UNITS_FOR[type] ?? UNITS_FOR.any!);
  // "How many doctors worked in the department?": a count of something the text names by a
  // noun of its own ("1015 patients") counts doctors only if the noun is one of the words
  // for what is asked. (Measures the figures know — population, visitors, students — are
  // read by their own rules: "how many Kazakhs live in Mongolia?" is a population.)
  const counted = type === 'count' ? (analyzeQuestion(question).counted ?? []) : [];
  const countedWords = new Set(index.termGroups({ raw: question, type: 'other', terms: counted, years: [], entities: [] }).flatMap((g) => [...g.variants.keys()]));
  // (As typed: "annotators" and "annotations" are one stem, not one thing.)
  const countedSurfaces = question.split(/[^\p{L}-]+/u).filter((w) => analyze(w).some((t) => counted.includes(t)));
  const countsAnother = (record: FigureRecord) => {
    if (countedWords.size === 0 || (record.unit !== 'count' && record.unit !== 'people') || measureOfWord(record.measureWord) !== null) return false;
    // (The noun read, or the words right after the number: "7,918 homologous gene families".)
    const at = record.sentence.indexOf(record.text);
    const after = at >= 0 ? (/^(?:\s*[^\s,.;:()]+){1,3}/.exec(record.sentence.slice(at + record.text.length))?.[0] ?? '') : '';
    const nouns = `${record.measureWord} ${after}`.split(/[^\p{L}-]+/u).filter(Boolean);
    return !nouns.some((w) => analyze(w).some((t) => countedWords.has(t)) && !countedSurfaces.some((c) => agentAndAct(c, w)));
  };
  const groups = index.termGroups({ raw: question, type: 'other', terms: [...new Set(analyze(question))], years: q.years, entities: [] });
  const totalIdf = groups.reduce((s, g) => s + g.idf, 0) || 1;
  const cities = CAPITALS.filter((c) => c.test(question));
  const events = type === 'year' ? questionEvents(question) : [];
  // "What was the population of Mongolia in 2019?": a figure of another measure (2019's
  // visitors) does not answer it, however many words it shares.
  const measures = type === 'year' ? [] : [...new Set(findMeasureWords(question).map((m) => m.canonical))];
  const bookTerms = termsOfBook(book);
  let variantIds = variantNumbers(bookTerms, groups);
  // With `nearestYear`, a record of another year than asked counts, the nearer the better.
  const bestRecord = (nearestYear: boolean, otherThan?: string) => {
    let best: { record: FigureRecord; score: number } | null = null;
    for (const record of book.records) {
      if (!units.has(record.unit) || (documentId && record.documentId !== documentId) || record.documentId === otherThan) continue;
      if (events.length && !events.includes(record.measureWord.split(' ')[0]!)) continue;
      if (measures.length && !measures.includes(record.measureWord) && !(record.unit === 'km' && measures.some((m) => LENGTHS.has(m)))) continue;
      // "Kazakhstan's population" is Kazakhstan's own, not the Kazakhs living in Mongolia.
      if (record.measureWord === 'population' && q.countries.length === 1 && record.entities.length > 1) continue;
      // "How many people live in Ulaanbaatar?" is the city's, said of the city: not Mongolia's, nor Central Asia's.
      if (record.measureWord === 'population' && cities.length && !cities.some((c) => c.test(record.sentence))) continue;
      if (q.countries.some((c) => !record.entities.includes(c))) continue;
      const way = q.flow ?? q.movement;
      if (way && record.flow && (record.flow.from !== way.from || record.flow.to !== way.to)) continue;
      if (q.years.length && record.year !== null && !q.years.includes(record.year) && !nearestYear) continue;
      if (nearestYear && record.year === null) continue;
      const ids = bookTerms.of(record);
      // The variants' numbers, looked up again when this record brought new terms.
      if (variantIds.size !== bookTerms.size) variantIds = variantNumbers(bookTerms, groups);
      let found = 0;
      for (let g = 0; g < groups.length; g++) {
        let w = 0;
        const numbers = variantIds.ids[g]!;
        const weights = variantIds.weights[g]!;
        for (let k = 0; k < numbers.length; k++) if (numbers[k]! >= 0 && holds(ids, numbers[k]!) && weights[k]! > w) w = weights[k]!;
        found += groups[g]!.idf * w;
      }
      const distance = nearestYear && record.year !== null ? Math.min(...q.years.map((y) => Math.abs(y - record.year!))) : 0;
      // (The nearest year wins among figures that answer as well; a year off costs a little.)
      if (nearestYear && distance > NEAREST_YEAR_REACH) continue;
      const score = found / totalIdf + (q.years.length && record.year !== null ? 0.2 : 0) - distance * 0.01;
      // (Its noun read only for a record that would lead: at ×1000 the corpus a book holds 44,000.)
      if ((!best || score > best.score) && !countsAnother(record)) best = { record, score };
    }
    return best && best.score >= 0.5 ? best : null;
  };
  // "how many Mongolians visited Kazakhstan in 2019?" when the text gives 2018's: that one,
  // said to be of another year, rather than nothing.
  const exact = bestRecord(false);
  const best = exact ?? (q.years.length ? bestRecord(true) : null);
  if (!best) return null;
  // A distance between the same places in another source, stated its own way ("less than 40
  // kilometers" beside "around 37 km"): given too, so the reader sees both sources; the one
  // whose passage the search ranks first leads.
  let r = best.record;
  let also: FigureRecord | undefined;
  if (wantsDistance && !documentId && exact) {
    const other = bestRecord(false, r.documentId)?.record;
    if (other && other.entities.length === r.entities.length && other.entities.every((e) => r.entities.includes(e))) {
      const at = (x: FigureRecord) => (ranked.includes(x.paragraphId) ? ranked.indexOf(x.paragraphId) : ranked.length);
      [r, also] = at(other) < at(r) ? [other, r] : [r, other];
    }
  }
  const source = `${documentLabel(corpus, r.documentId)}, p. ${r.page}, ¶ ${r.paragraphId}`;
  const asked = !exact && r.year !== null ? q.years.find((y) => y !== r.year) : undefined;
  const note = asked !== undefined ? `No figure for ${q.years.join(' or ')} in the corpus; the nearest year's: ` : '';
  const lines = [`${note}**${r.text}** — ${r.measure}${r.year ? `, ${r.year}` : ''} — ${source}.`];
  const figures: FigureFact[] = [{ value: r.value, unit: r.unit, measure: r.measure, year: r.year, source, sentence: r.sentence, ...(asked !== undefined ? { yearAsked: asked } : {}) }];
  for (const d of book.disagreements) {
    const involved = d.figures.some((f) => f.source.kind === 'prose' && f.source.paragraphId === r.paragraphId && f.value === r.value);
    if (involved) lines.push(disagreementLine(corpus, d));
  }
  if (also && lines.length === 1) lines.push(`Also **${also.text}** — ${also.measure} — ${documentLabel(corpus, also.documentId)}, p. ${also.page}, ¶ ${also.paragraphId}.`);
  return { lines, figures };
}

/**
 * `documentId`: the document the question is asked of ("what distance does the journal article give?"): its figures only.
 * `ranked`: the paragraphs the search found, best first: of two sources' figures that answer alike, the one whose passage ranks first leads.
 */
export function answerFigures(corpus: Corpus, book: FigureBook, index: PassageIndex, question: string, type: string, documentId?: string, ranked: readonly string[] = []): FigureAnswer | null {
  const q = readFigureQuestion(question);
  if (!q.numeric) return null;
  return tableAnswer(corpus, book, q, documentId) ?? proseAnswer(corpus, book, index, question, q, type, documentId, ranked);
}
