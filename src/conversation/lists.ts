/**
 * Enumerations in a sentence ("three primary barriers …: historical political boundaries,
 * Kazakhstani–Russian relations and the limitations of …"), so a later "the first one" or
 * "the second barrier" can name the item it means.
 */

export interface Enumeration {
  /** Words before the items that say what they are ("three primary barriers to … ties"). */
  head: string;
  items: string[];
}

/** Where a list of items starts: a colon, or "including", "such as", "namely". */
const LIST_START = /(?::|\b(?:including|such as|namely|notably|for example)\b)\s+/gi;
const MAX_ITEM_WORDS = 14;

function splitItems(text: string): string[] {
  // The list ends where the sentence does, or at a semicolon or dash clause.
  const body = text.split(/[;.!?]\s|\s[—–]\s|\)\s*$/)[0]!.replace(/[.;:!?]+$/, '');
  const parts = body
    .split(/,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+/i)
    .map((s) => s.trim())
    .filter(Boolean);
  return parts;
}

/** The enumerations of a sentence, each of 2–8 short items. */
export function findEnumerations(sentence: string): Enumeration[] {
  const found: Enumeration[] = [];
  for (const m of sentence.matchAll(LIST_START)) {
    const items = splitItems(sentence.slice(m.index + m[0].length));
    if (items.length < 2 || items.length > 8) continue;
    if (items.some((i) => i.split(/\s+/).length > MAX_ITEM_WORDS)) continue;
    const head = sentence.slice(Math.max(0, m.index - 120), m.index).split(/[,;]\s/).pop()!.trim();
    found.push({ head, items });
  }
  return found;
}

const ORDINALS: Record<string, number> = {
  first: 1, '1st': 1, second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4, fifth: 5, '5th': 5,
  sixth: 6, '6th': 6, seventh: 7, '7th': 7, eighth: 8, '8th': 8, former: 1, last: -1, latter: -1, final: -1,
};

export interface OrdinalReference {
  /** 1-based position, or -1 for the last. */
  position: number;
  /** The noun after the ordinal ("barrier"), if it is not "one". */
  noun: string | null;
  /** Where the reference sits in the turn, to replace it. */
  start: number;
  end: number;
}

const ORDINAL_PHRASE = new RegExp(
  String.raw`\b(?:the\s+)?(${Object.keys(ORDINALS).join('|')})(?:\s+(?!of\b|and\b|time\b|place\b|half\b|century\b|world\b)([\p{L}-]+))?`,
  'iu',
);

/** "the first one", "the second barrier", "the last" — not "first visited in 1992". */
export function findOrdinalReference(turn: string): OrdinalReference | null {
  const m = ORDINAL_PHRASE.exec(turn);
  if (!m) return null;
  // "the first …", or a turn that is little more than the ordinal ("first one?")
  if (!/^the\s/i.test(m[0]) && turn.trim().split(/\s+/).length > 4) return null;
  const noun = m[2]?.toLowerCase() ?? null;
  return {
    position: ORDINALS[m[1]!.toLowerCase()]!,
    noun: noun === 'one' || noun === 'ones' ? null : noun,
    start: m.index,
    end: m.index + m[0].length,
  };
}

export function pickItem(list: Enumeration, position: number): string | null {
  const i = position === -1 ? list.items.length - 1 : position - 1;
  return list.items[i] ?? null;
}
