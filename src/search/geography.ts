/**
 * Countries named by where they lie: "the superpower to its south", "Mongolia's northern
 * neighbour", "its closest Central Asian neighbour". A reader who writes that means a
 * country the text names outright (China, Russia, Kazakhstan), so the question is searched
 * by that name. World knowledge, kept as data: the countries of the region that lie on
 * each side of each country, near neighbours first (Kazakhstan's east is China and, 37 km
 * beyond the border, Mongolia; Mongolia's west is Kazakhstan to a reader of this field,
 * though Russia and China hold the border).
 */
import { CHAT_WORDS, PLACES } from './expansions.js';

type Side = 'north' | 'south' | 'east' | 'west';

const NEIGHBOURS: Record<string, Partial<Record<Side, string[]>>> = {
  mongolia: { north: ['russia'], south: ['china'], east: ['china'], west: ['kazakhstan'] },
  kazakhstan: { north: ['russia'], east: ['china', 'mongolia'], south: ['kyrgyzstan', 'uzbekistan'] },
  kyrgyzstan: { north: ['kazakhstan'], east: ['china'], south: ['tajikistan'], west: ['uzbekistan'] },
  uzbekistan: { north: ['kazakhstan'], south: ['afghanistan'], west: ['turkmenistan'] },
  tajikistan: { north: ['kyrgyzstan'], east: ['china'], south: ['afghanistan'] },
  russia: { south: ['kazakhstan', 'mongolia', 'china'] },
  china: { north: ['mongolia', 'russia'], west: ['kazakhstan', 'kyrgyzstan', 'tajikistan'] },
};

/** The nearest country of a region to a country outside it: Kazakhstan is 37–40 km from Mongolia at the Altai. */
const CLOSEST_IN_REGION: Record<string, Record<string, string>> = {
  mongolia: { 'central asia': 'kazakhstan' },
};

/** Words for "a country" in such descriptions. */
const COUNTRY = String.raw`(?:neighbou?rs?|giants?|superpowers?|super-powers?|powers?|countr(?:y|ies)|states?|nations?|republics?)`;
const WORD = String.raw`[\p{L}-]+`;
const SIDE = String.raw`(north|south|east|west)`;

/** "Mongolia's southern neighbour", "its northern giant", "their eastern neighbours". */
const OWNED_SIDE = new RegExp(String.raw`(?:\b(${WORD})['’]s|\b(its|their))\s+${SIDE}(?:ern)?\s+${COUNTRY}`, 'gu');
/** "the superpower to its south", "the giant to the north of Mongolia", "neighbours on Kazakhstan's east". */
const COUNTRY_TO_SIDE = new RegExp(
  String.raw`\b${COUNTRY}\s+(?:to|on|in)\s+(?:(?:the|its|their)\s+|(${WORD})['’]s\s+)?${SIDE}(?:\s+of\s+(${WORD}))?`,
  'gu',
);
/** "the southern neighbour of Mongolia". */
const SIDE_OF = new RegExp(String.raw`\b${SIDE}(?:ern)?\s+${COUNTRY}\s+of\s+(${WORD})`, 'gu');
/** "Mongolia's closest Central Asian neighbour", "its nearest neighbour in Central Asia". */
const CLOSEST = new RegExp(
  String.raw`(?:\b(${WORD})['’]s|\b(?:its|their))\s+(?:closest|nearest)\s+(?:(central asian)\s+${COUNTRY}|${COUNTRY}\s+in\s+(central asia))`,
  'gu',
);

/** Anywhere in the text, any of COUNTRY's words: what every description above needs. */
const ANY_COUNTRY_WORD = new RegExp(COUNTRY, 'u');

const PLACE_OF = new Map<string, string>();
for (const group of PLACES) for (const word of group) if (!word.includes(' ')) PLACE_OF.set(word, group[0]!);

/** The country a word names ("Mongolia's", "UB", "kazakh"), if it names one. */
function placeOf(word: string | undefined): string | undefined {
  if (!word) return undefined;
  const w = word.toLowerCase();
  return PLACE_OF.get(CHAT_WORDS[w] || w);
}

/** The first country the question names: what "its" stands for when no other is given. */
function firstPlace(text: string): string | undefined {
  for (const word of text.split(/[^\p{L}-]+/u)) {
    const place = placeOf(word);
    if (place && NEIGHBOURS[place]) return place;
  }
  return undefined;
}

/** Each description of a country by where it lies: where it is in the question, and the countries it names. */
function descriptions(question: string): Array<{ start: number; end: number; names: string[] }> {
  const text = question.toLowerCase();
  const out: Array<{ start: number; end: number; names: string[] }> = [];
  // (Offsets are the lower-cased text's: a letter whose lower case is longer, "İ", would shift them.)
  if (text.length !== question.length) return out;
  // Each description has a word for a country: without one, none of the four can match (most
  // questions; each is read three times a question, and the expressions cost more than this).
  if (!ANY_COUNTRY_WORD.test(text)) return out;
  const add = (m: RegExpMatchArray, names: readonly string[] | undefined) => {
    if (names?.length) out.push({ start: m.index!, end: m.index! + m[0].length, names: [...names] });
  };
  const beside = (of: string | undefined, side: string | undefined) => NEIGHBOURS[of ?? firstPlace(text) ?? '']?.[side as Side];
  for (const m of text.matchAll(OWNED_SIDE)) add(m, beside(placeOf(m[1]), m[3]));
  for (const m of text.matchAll(COUNTRY_TO_SIDE)) add(m, beside(placeOf(m[3] ?? m[1]), m[2]));
  for (const m of text.matchAll(SIDE_OF)) add(m, beside(placeOf(m[2]), m[1]));
  for (const m of text.matchAll(CLOSEST)) {
    const region = (m[2] ?? m[3])!.replace('central asian', 'central asia');
    const name = CLOSEST_IN_REGION[placeOf(m[1]) ?? firstPlace(text) ?? '']?.[region];
    add(m, name ? [name] : undefined);
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The countries described by where they lie, named. Empty when the question describes none. */
export function describedPlaces(question: string): string[] {
  return [...new Set(descriptions(question).flatMap((d) => d.names))];
}

/**
 * The question with each description of a country by where it lies replaced by the
 * country's name ("does Mongolia get cozy with China"): the words of the description
 * ("superpower", "south", "neighbour") are not what the reader asks about, and the corpus
 * uses them for other things ("Third Neighbor Policy").
 */
export function withDescribedPlaces(question: string, pick?: (names: string[]) => string[]): string {
  let out = '';
  let at = 0;
  for (const { start, end, names } of descriptions(question)) {
    if (start < at) continue;
    out += `${question.slice(at, start)}${(pick ? pick(names) : names).join(' and ')}`;
    at = end;
  }
  return at ? out + question.slice(at) : question;
}

/**
 * One reading of the question per country a description may mean, nearest first ("its
 * eastern neighbour" of Kazakhstan: China, then Mongolia): for an answer that needs one
 * country (a trade figure). The question itself when it describes none.
 */
export function describedPlaceReadings(question: string): string[] {
  const most = Math.max(1, ...descriptions(question).map((d) => d.names.length));
  return Array.from({ length: most }, (_, k) => withDescribedPlaces(question, (names) => [names[Math.min(k, names.length - 1)]!]));
}
