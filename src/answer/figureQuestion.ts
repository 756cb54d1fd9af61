import { countryFromWord } from '../figures/countries.js';
import { classifyQuestion } from '../search/question.js';

/**
 * Reading a numeric question: which countries, which way goods flow, which years, and
 * whether it asks for a number at all. "How much did Kyrgyzstan export to Mongolia in
 * 2012?" → flow Kyrgyzstan → Mongolia, years [2012].
 */

export interface FigureQuestion {
  /** Asks for a number (amount, count, year) or for trade values. */
  numeric: boolean;
  /** Countries named, canonical, in order of appearance. */
  countries: string[];
  /** Direction of a trade flow when the question names one. */
  flow: { from: string; to: string } | null;
  /**
   * Where people go when the question names that, not trade ("how many Mongolian tourists went
   * to Kazakhstan?": Mongolia → Kazakhstan): a figure stated of the other way does not answer it.
   */
  movement: { from: string; to: string } | null;
  /** Asks about trade in both directions ("trade between X and Y"). */
  trade: boolean;
  /** Asks for the balance of that trade ("the trade deficit with Kazakhstan"): exports less imports. */
  balance: boolean;
  years: number[];
}

const EXPORT_VERB = /\b(?:export(?:s|ed|ing)?|sell(?:s|ing)?|sold|ship(?:s|ped|ping)?|send(?:s|ing)?|sent|sales?)\b/gi;
const IMPORT_VERB = /\b(?:import(?:s|ed|ing)?|buy(?:s|ing)?|bought|purchas(?:e|es|ed|ing))\b/gi;
/** People going somewhere: the subject goes from its country to the one after the verb, as an exporter's goods do. */
const MOVE_VERB = /\b(?:go(?:es|ing)?|went|gone|travel(?:s|led|ed|ling|ing)?|visit(?:s|ed|ing)?|come|comes|came|coming|head(?:s|ed|ing)?|stud(?:y|ies|ied|ying))\b/gi;
const TRADE_WORD = /\b(?:trade|traded|trading|turnover|commerce)\b/i;
/** ("balance" alone is the theory's — "does Mongolia balance China?" — and the text's "deficit of relations" no trade.) */
const TRADE_BALANCE = /\btrade\s+(?:balance|deficit|surplus|gap|imbalance)s?\b|\b(?:balance|deficit|surplus|imbalance)s?\s+(?:of|in)\s+(?:the\s+)?trade\b/i;
/** "both ways", "in both directions": the two flows, whatever verb the question uses. */
const BOTH_WAYS = /\b(?:both (?:ways|directions)|each (?:way|direction)|two-way|in either direction)\b/i;
const NUMBER_WORDS = /\b(?:how (?:much|many|far|close|wide|long)|value|worth|amount|total|figure|number|volume|sum|distance|kilomet(?:er|re)s?|km)\b/i;
/** "any data on trade?", "trade stats pls", "show me the trade numbers": the figures asked for, even in a yes-or-no question. */
const DATA_WORDS = /\b(?:data|stats?|statistics|figures|numbers|values|volumes|totals|tables?)\b/i;

interface Mention {
  country: string;
  start: number;
  end: number;
}

/** Country mentions however they are typed (lower-case, demonyms, "South Korea"). */
export function findMentions(text: string): Mention[] {
  const mentions: Mention[] = [];
  const words = [...text.matchAll(/[\p{L}'’.-]+/gu)];
  for (let i = 0; i < words.length; i++) {
    const two = words[i + 1] ? `${words[i]![0]} ${words[i + 1]![0]}` : null;
    const pair = two ? countryFromWord(two) : null;
    if (pair) {
      mentions.push({ country: pair, start: words[i]!.index, end: words[i + 1]!.index + words[i + 1]![0].length });
      i++;
      continue;
    }
    const single = countryFromWord(words[i]![0].replace(/[.-]+$/, ''));
    if (single) mentions.push({ country: single, start: words[i]!.index, end: words[i]!.index + words[i]![0].length });
    // "Mongolia-Kazakhstan ties", "a Mongolia-Kazakhstan-Kyrgyzstan bloc": each of the places joined.
    else if (words[i]![0].includes('-')) {
      for (const part of words[i]![0].matchAll(/[^-]+/g)) {
        const country = countryFromWord(part[0].replace(/\.+$/, ''));
        if (country) mentions.push({ country, start: words[i]!.index + part.index, end: words[i]!.index + part.index + part[0].length });
      }
    }
  }
  return mentions;
}

const HOME = 'Mongolia';

/** The flow a question names, by its verbs of trade (or, `moving`, of people going somewhere). */
function flowOf(text: string, mentions: Mention[], moving = false): { from: string; to: string } | null {
  const verbs = [
    ...[...text.matchAll(moving ? MOVE_VERB : EXPORT_VERB)].map((m) => ({ at: m.index, end: m.index + m[0].length, kind: 'export' as const })),
    ...(moving ? [] : [...text.matchAll(IMPORT_VERB)].map((m) => ({ at: m.index, end: m.index + m[0].length, kind: 'import' as const }))),
  ].sort((a, b) => a.at - b.at);
  const verb = verbs[0];
  if (!verb) return null;
  const before = mentions.filter((m) => m.end <= verb.at);
  const after = mentions.filter((m) => m.start >= verb.end);
  const subject = before[before.length - 1]?.country;
  const preposition = (m: Mention) => /\b(to|into|from|in|for)\s+(?:the\s+)?$/i.exec(text.slice(Math.max(verb.end, m.start - 12), m.start))?.[1]?.toLowerCase();
  // "what did Kazakhstan sell Mongolia?": after a verb of giving, a country right after it is the receiver.
  const direct = verb.kind === 'export' && /^(?:sell|sells|selling|sold|send|sends|sending|sent|ship|ships|shipped|shipping|visit|visits|visited|visiting)$/i.test(text.slice(verb.at, verb.end)) ? after.find((m) => /^\s*$/.test(text.slice(verb.end, m.start))) : undefined;
  const target = after.find((m) => ['to', 'into', 'for', 'in'].includes(preposition(m) ?? ''))?.country ?? direct?.country;
  const origin = after.find((m) => preposition(m) === 'from')?.country;
  let from: string | undefined;
  let to: string | undefined;
  if (verb.kind === 'export') {
    from = origin ?? subject ?? (target ? undefined : after[0]?.country);
    to = target ?? (origin ? subject : undefined);
  } else {
    to = subject ?? target;
    from = origin ?? (subject ? after.find((m) => m.country !== subject)?.country : undefined);
  }
  // One side named: the other is Mongolia, the corpus's subject.
  const named = [...new Set(mentions.map((m) => m.country))];
  if (!from && to && to !== HOME && named.length <= 1) from = HOME;
  if (!to && from && from !== HOME && named.length <= 1) to = HOME;
  if (!from && !to && named.length === 1 && named[0] !== HOME) {
    [from, to] = verb.kind === 'export' ? [named[0], HOME] : [HOME, named[0]];
  }
  if (!from || !to || from === to) return null;
  return { from, to };
}

/** How far an open range ("since 2015", "before 2000") reaches at most. */
const OPEN_RANGE_YEARS = 40;

/** "kaz->mongolia exports", "Mongolia → Kyrgyzstan 2016": an arrow between two places is the flow from one to the other. */
export const ARROW = /\s*(?:->|-->|=>|→|⟶|➔|–>|—>)\s*/g;

export function readFigureQuestion(typed: string): FigureQuestion {
  const question = typed.replace(ARROW, ' exports to ');
  const mentions = findMentions(question);
  const countries = [...new Set(mentions.map((m) => m.country))];
  const years = [...new Set([...question.matchAll(/\b(1[89]\d\d|20\d\d)\b/g)].map((m) => Number(m[1])))];
  // "from 2012 to 2015": every year between.
  const span = /\b(?:from|between)\s+(\d{4})\s+(?:to|and|-|–|until)\s+(\d{4})\b/i.exec(question);
  // "since 2015", "after 2015", "from 2015 on": every year from it to now; "until 2016",
  // "before 2016": the years to it (a year with no figure is left out of the answer).
  const opening = span ? null : /\b(since|after|from)\s+(?:in\s+)?(\d{4})(?:\s+(?:on|onwards?))?\b/i.exec(question);
  const closing = span || opening ? null : /\b(until|till|up to|through|before|prior to)\s+(?:in\s+)?(\d{4})\b/i.exec(question);
  const range: [number, number] | null = span
    ? ([Number(span[1]), Number(span[2])].sort((x, y) => x - y) as [number, number])
    : opening
      ? [Number(opening[2]) + (/^after$/i.test(opening[1]!) ? 1 : 0), new Date().getFullYear()]
      : closing
        ? [Number(closing[2]) - OPEN_RANGE_YEARS, Number(closing[2]) - (/^(?:before|prior to)$/i.test(closing[1]!) ? 1 : 0)]
        : null;
  if (range) {
    const [a, b] = range;
    // ("after 2016" leaves 2016 out; "since 2016" keeps it.)
    const bound = opening ?? closing;
    if (bound && /^(?:after|before|prior to)$/i.test(bound[1]!)) years.splice(years.indexOf(Number(bound[2])), 1);
    for (let y = a; y <= b && y - a <= OPEN_RANGE_YEARS; y++) if (!years.includes(y)) years.push(y);
    years.sort((x, y) => x - y);
  }
  const bothWays = BOTH_WAYS.test(question);
  const flow = bothWays ? null : flowOf(question, mentions);
  const trade = bothWays || (!flow && TRADE_WORD.test(question));
  const movement = flow || trade ? null : flowOf(question, mentions, true);
  const type = classifyQuestion(question);
  // "Why is trade so lopsided?" asks for a reason: a figure would not answer it.
  // (Nor does "is Mongolia's trade with Central Asia balanced?": a yes or no about trade, not its sum.)
  const yesOrNo = /^\s*(?:is|are|was|were|has|have|had|can|could|will|would)\b/i.test(question);
  const numeric =
    type === 'amount' ||
    type === 'count' ||
    type === 'year' ||
    (type !== 'cause' && (NUMBER_WORDS.test(question) || ((flow !== null || trade) && DATA_WORDS.test(question)) || (!yesOrNo && (flow !== null || trade) && countries.length > 0)));
  const balance = !flow && TRADE_BALANCE.test(question);
  return { numeric, countries, flow, movement, trade, balance, years };
}
