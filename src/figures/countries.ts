/**
 * Country names and the words that point at them (demonyms, ethnonyms, capitals). Shared by
 * the trade-series partner filter and the prose figure extractor, so "Kazakh", "Kazakhstani"
 * and "Almaty" all mean Kazakhstan everywhere.
 */

export interface Country {
  /** Canonical display name, as the Appendix tables spell it. */
  name: string;
  /** Other spellings of the name itself and capitals (a place, not a people). */
  aliases: string[];
  /** Adjectives and people nouns: "Mongolian", "Mongolians", "Kazakhs". */
  demonyms: string[];
}

export const COUNTRIES: readonly Country[] = [
  { name: 'Mongolia', aliases: ['Ulaanbaatar', 'Ulan Bator'], demonyms: ['Mongolian', 'Mongolians'] },
  {
    name: 'Kazakhstan',
    aliases: ['Kazakstan', 'Almaty', 'Astana', 'Nur-Sultan'],
    demonyms: ['Kazakhstani', 'Kazakhstanis', 'Kazakh', 'Kazakhs'],
  },
  {
    name: 'Kyrgyzstan',
    aliases: ['Kyrgyz Republic', 'Kirghizia', 'Bishkek'],
    demonyms: ['Kyrgyzstani', 'Kyrgyzstanis', 'Kyrgyz', 'Kirghiz'],
  },
  { name: 'Uzbekistan', aliases: ['Tashkent'], demonyms: ['Uzbekistani', 'Uzbek', 'Uzbeks'] },
  { name: 'Tajikistan', aliases: ['Dushanbe'], demonyms: ['Tajikistani', 'Tajik', 'Tajiks'] },
  { name: 'Turkmenistan', aliases: ['Ashgabat'], demonyms: ['Turkmen', 'Turkmens'] },
  { name: 'China', aliases: ['PRC', 'Beijing'], demonyms: ['Chinese'] },
  { name: 'Russia', aliases: ['Russian Federation', 'Moscow'], demonyms: ['Russian', 'Russians'] },
  { name: 'Japan', aliases: ['Tokyo'], demonyms: ['Japanese'] },
  { name: 'South Korea', aliases: ['Republic of Korea', 'Seoul'], demonyms: ['South Korean', 'South Koreans'] },
  { name: 'North Korea', aliases: ['Pyongyang'], demonyms: ['North Korean', 'North Koreans'] },
  { name: 'United States', aliases: ['USA', 'U.S.', 'United States of America'], demonyms: ['American', 'Americans'] },
  { name: 'European Union', aliases: ['EU'], demonyms: [] },
  { name: 'India', aliases: [], demonyms: ['Indian', 'Indians'] },
  { name: 'Turkey', aliases: ['Türkiye'], demonyms: ['Turkish'] },
];

/** How a country is named at one place in a text. */
export type MentionKind = 'name' | 'demonym';

export interface CountryMention {
  country: string;
  kind: MentionKind;
  /** Offsets in the searched text. */
  start: number;
  end: number;
}

interface Pattern {
  country: string;
  kind: MentionKind;
  word: string;
}

// Longest words first, so "South Korean" wins over "Korea" and "Kazakhstani" over "Kazakh".
const PATTERNS: Pattern[] = COUNTRIES.flatMap((c) => [
  { country: c.name, kind: 'name' as const, word: c.name },
  ...c.aliases.map((word) => ({ country: c.name, kind: 'name' as const, word })),
  ...c.demonyms.map((word) => ({ country: c.name, kind: 'demonym' as const, word })),
]).sort((a, b) => b.word.length - a.word.length);

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// "Korea" alone (not North/South) is South Korea in this corpus's usage ("Korea Tourism
// Association"); it is matched after the longer names have had their chance.
const MENTION = new RegExp(
  `(?<![\\p{L}])(${[...PATTERNS.map((p) => escape(p.word)), 'Korea', 'Korean', 'Koreans'].join('|')})(?![\\p{L}])`,
  'gu',
);

const BY_WORD = new Map<string, Pattern>(PATTERNS.map((p) => [p.word, p]));
BY_WORD.set('Korea', { country: 'South Korea', kind: 'name', word: 'Korea' });
BY_WORD.set('Korean', { country: 'South Korea', kind: 'demonym', word: 'Korean' });
BY_WORD.set('Koreans', { country: 'South Korea', kind: 'demonym', word: 'Koreans' });

/** Every country mention in `text`, in order. Case-sensitive: names are capitalised. */
export function findCountryMentions(text: string): CountryMention[] {
  const mentions: CountryMention[] = [];
  for (const m of text.matchAll(MENTION)) {
    const pattern = BY_WORD.get(m[1]!)!;
    mentions.push({ country: pattern.country, kind: pattern.kind, start: m.index, end: m.index + m[0].length });
  }
  return mentions;
}

/**
 * A country named by a user ("kazakh", "Kyrgyzstani", "kirghiz", "KAZAKHSTAN's") →
 * canonical name, or null when the word names no known country.
 */
export function countryFromWord(word: string): string | null {
  let country = countryByWord.get(word);
  if (country !== undefined) return country;
  const key = normaliseWord(word);
  country = key.length === 0 ? null : (BY_NORMALISED.get(key) ?? null);
  // A possessive typed without its apostrophe ("kazakhstans main exports", "mongolias"): the place.
  if (country === null && key.length >= 6 && key.endsWith('s')) {
    const place = BY_NORMALISED.get(key.slice(0, -1));
    if (place && NAMES.has(key.slice(0, -1))) country = place;
  }
  // Every word of every question (and each pair of them) is looked up: its NFKD and four
  // replaces cost more than the lookup. Bounded: a long-running bot starts over.
  if (countryByWord.size >= WORDS_REMEMBERED) countryByWord.clear();
  countryByWord.set(word, country);
  return country;
}
const countryByWord = new Map<string, string | null>();
const WORDS_REMEMBERED = 20_000;

/**
 * Normalised pattern word → country, the first pattern in PATTERNS order winning (as a scan
 * of PATTERNS would): one lookup a word instead of normalising every pattern for every
 * word of every question (1.3 ms of CPU a question under the bench's burst).
 */
const BY_NORMALISED = new Map<string, string>();
/** Names and aliases only, normalised (not demonyms: "Kazakhs" is a people already, "Uzbeks" no place "Uzbek"). */
const NAMES = new Set(COUNTRIES.flatMap((c) => [c.name, ...c.aliases]).map((w) => normaliseWord(w)));
for (const p of PATTERNS) {
  const key = normaliseWord(p.word);
  if (!BY_NORMALISED.has(key)) BY_NORMALISED.set(key, p.country);
}
for (const key of ['korea', 'korean']) if (!BY_NORMALISED.has(key)) BY_NORMALISED.set(key, 'South Korea');

function normaliseWord(word: string): string {
  return word
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’]s$/, '')
    .replace(/[^a-z. -]/g, '')
    .trim();
}

/** Lower-case, hyphenated form used inside measure keys: "South Korea" → `south-korea`. */
export function countryKey(name: string): string {
  return name.toLowerCase().replace(/\s+/g, '-');
}
