/**
 * Enumerations in a sentence ("three primary barriers …: historical political boundaries,
 * Kazakhstani–Russian relations and the limitations of …"), so a later "the first one" or
 * "the second barrier" can name the item it means.
 */

export interface Enumeration {
  /** Words before the items that say what they are ("three primary barriers to … ties"). */
  head: string;
  items: string[];
  /** Points made one sentence each: the items are the passage's own explanation of them. */
  sequence?: boolean;
}

/** Where a list of items starts: a colon, or "including", "such as", "namely". */
const LIST_START = /(?::|\b(?:including|such as|namely|notably|for example)\b)\s+/gi;
const MAX_ITEM_WORDS = 14;
/** A part that only illustrates the item before it: "…neutrality, such as in the example of Switzerland". */
const APPOSITIVE = /^(?:such as|for example|for instance|e\.g\.|i\.e\.|including|like|especially|notably|namely|particularly)\b/i;
/** "either Russia or China", "both … and …": one item, not two. */
const PAIRED = /\b(?:either|both|between|neither|whether)\b/i;

function splitPair(part: string): string[] {
  const m = /\s+(?:and|or)\s+/i.exec(part);
  if (!m || PAIRED.test(part.slice(0, m.index))) return [part];
  return [part.slice(0, m.index), part.slice(m.index + m[0].length)];
}

/** "(1) …, (2) …", "a) …; b) …": items numbered by the text itself. */
const MARKER = /(?:^|[\s,;:])\(?(?:\d{1,2}|[a-h]|i{1,3}|iv|v|vi{0,3})\)\s+/g;

function numberedItems(text: string): string[] | null {
  const marks = [...text.matchAll(MARKER)];
  if (marks.length < 2 || marks[0]!.index > 3) return null;
  const items = marks.map((m, i) => {
    const end = i + 1 < marks.length ? marks[i + 1]!.index : text.length;
    let item = text.slice(m.index + m[0].length, end).replace(/\s*\([^()]*\)/g, '');
    // The last item ends with its sentence.
    if (i + 1 === marks.length) item = item.split(/[;.!?](?:\s|$)/)[0]!;
    return item
      .replace(/[\s,;]+(?:and|or|as well as)?\s*$/i, '')
      .replace(/^(?:and|or|as well as)\s+/i, '')
      .trim();
  });
  return items.every((i) => /\p{L}{2}/u.test(i)) ? items : null;
}

function splitItems(text: string): string[] {
  const numbered = numberedItems(text);
  if (numbered) return numbered;
  const body = text
    // Citations and asides in brackets are no items, and their full stops ("p. 177") end nothing.
    .replace(/\s*\([^()]*\)/g, '')
    // A comma set inside closing quotes ("policy,” or …") separates items all the same.
    .replace(/([,;])([”’"']+)/g, '$2$1')
    // The list ends where the sentence does, or at a semicolon or a dash clause (an em dash,
    // spaced or not; a spaced en dash: an unspaced one joins "Mongolia–Kazakhstan").
    .split(/[;.!?](?:\s|$)|\s*—\s*|\s–\s/)[0]!
    .replace(/[.;:!?]+$/, '');
  const commaParts = body.split(/,\s*/).map((s) => s.trim()).filter(Boolean);
  // "A, B and C", "A, B, and C", "A and B": inner "and"s of the other parts are the items' own.
  const last = commaParts.pop() ?? '';
  const parts = commaParts.length > 0 && /^(?:and|or)\s+/i.test(last) ? [...commaParts, last] : [...commaParts, ...splitPair(last)];
  const items: string[] = [];
  // No item starts with its conjunction ("…, or seek to balance …") or a stray closing quote.
  for (const part of parts.map((p) => p.replace(/^[”’"'\s]+|[“‘"'\s]+$/g, '').replace(/^(?:and|or)\s+/i, '').trim()).filter(Boolean)) {
    if (items.length && APPOSITIVE.test(part)) items[items.length - 1] += `, ${part}`;
    else items.push(part);
  }
  return items;
}

/** Words of an item before any aside that illustrates it. */
function mainWords(item: string): number {
  return item.split(/,\s*/)[0]!.split(/\s+/).length;
}

/** The enumerations of a sentence, each of 2–8 short items. */
const SEQUENCE_WORD = /^(?:first(?:ly)?|second(?:ly)?|third(?:ly)?|fourth(?:ly)?|fifth(?:ly)?|finally|lastly)\b[,:]?\s*/i;

/**
 * Points made one sentence at a time: "… can be explained by two factors. First, … Second,
 * …". Items are the sentences that open with a sequence word; the head is the sentence
 * before the first of them.
 */
export function findSequence(sentences: string[]): Enumeration | null {
  const start = sentences.findIndex((s) => /^first(?:ly)?\b/i.test(s));
  if (start < 0) return null;
  const items = [sentences[start]!.replace(SEQUENCE_WORD, '')];
  for (let i = start + 1; i < sentences.length && items.length < 8; i++) {
    if (SEQUENCE_WORD.test(sentences[i]!)) items.push(sentences[i]!.replace(SEQUENCE_WORD, ''));
  }
  if (items.length < 2) return null;
  return { head: start > 0 ? sentences[start - 1]! : '', items, sequence: true };
}

export function findEnumerations(sentence: string): Enumeration[] {
  const found: Enumeration[] = [];
  for (const m of sentence.matchAll(LIST_START)) {
    const items = splitItems(sentence.slice(m.index + m[0].length));
    if (items.length < 2 || items.length > 8) continue;
    // An item is a word or a phrase: a letterless or a clause-long one means this was no list.
    if (items.some((i) => mainWords(i) > MAX_ITEM_WORDS || !/\p{L}{2}/u.test(i))) continue;
    // The head is the clause before the list, within its own sentence.
    const head = sentence.slice(0, m.index).split(/[.!?;]\s+/).pop()!.trim();
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

const ORDINAL_PHRASE = new RegExp(String.raw`\b(?:the\s+)?(${Object.keys(ORDINALS).join('|')})(?:\s+([\p{L}-]+))?`, 'iu');
/** "in the first place", "for the first time", "the first half", "make the first move": idioms, not references. */
const NOT_A_REFERENCE = new Set(['of', 'and', 'time', 'times', 'place', 'half', 'century', 'decade', 'world', 'year', 'years', 'day', 'week', 'month', 'step', 'steps', 'sight', 'hand', 'person', 'move', 'mover', 'movers', 'glance', 'instance', 'attempt', 'priority']);

/**
 * Nouns a list of reasons goes by whatever its own noun: "the second reason" picks from a
 * list headed by any of REASON_NOUNS ("the three primary barriers: …"), else the latest list.
 */
export const GENERIC_ITEM = new Set(['reason', 'reasons', 'factor', 'factors', 'cause', 'causes', 'explanation', 'explanations']);
/** What a list of reasons is headed by, in the order tried. */
export const REASON_NOUNS = ['reason', 'factor', 'cause', 'barrier', 'obstacle', 'explanation', 'driver'];

/** Nouns that name an item of whatever list was shown ("the second point"), not the list's own noun. */
const ANY_ITEM = new Set(['point', 'points', 'item', 'items', 'thing', 'things', 'bit', 'bullet', 'entry', 'aspect', 'element']);

/** "the first one", "the second barrier", "the last" — not "first visited in 1992". */
export function findOrdinalReference(turn: string): OrdinalReference | null {
  const m = ORDINAL_PHRASE.exec(turn);
  if (!m) return null;
  // "the first …", a turn that is little more than the ordinal ("first one?"), or one that
  // opens with the ordinal and its noun ("Second reason, can you explain more?").
  const opens = m[2] !== undefined && /^\s*(?:(?:and|so|ok|okay|now)[\s,]+)?$/i.test(turn.slice(0, m.index));
  if (!/^the\s/i.test(m[0]) && !opens && turn.trim().split(/\s+/).length > 4) return null;
  const noun = m[2]?.toLowerCase() ?? null;
  if (noun && NOT_A_REFERENCE.has(noun)) return null;
  // A bare ordinal after a verb or its object is an adverb of time: "who visited whom first?",
  // "which came first?" — not the first item of a list ("first?", "and second?", "explain first").
  if (!noun && !/^the\s/i.test(m[0]) && !/^\s*(?:(?:and|so|ok|okay|now|then|what about|how about|explain|tell me(?: more)? about|more on|expand on)[\s,]*)*$/i.test(turn.slice(0, m.index))) return null;
  // With no noun, the ordinal must end the phrase: "the second?", "explain the first".
  if (!noun && /\p{L}/u.test(turn.slice(m.index + m[0].length).replace(/^[\s,.!?]+/, '').slice(0, 1)) && m[2] === undefined) return null;
  return {
    position: ORDINALS[m[1]!.toLowerCase()]!,
    noun: noun === 'one' || noun === 'ones' || ANY_ITEM.has(noun ?? '') ? null : noun,
    start: m.index,
    end: m.index + m[0].length,
  };
}

export function pickItem(list: Enumeration, position: number): string | null {
  const i = position === -1 ? list.items.length - 1 : position - 1;
  return list.items[i] ?? null;
}
