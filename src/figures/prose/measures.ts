/**
 * Measure words: what a figure counts ("exports", "students", "tourists"…), reduced to one
 * canonical word so that "study", "studied" and "students" compare equal. These are words
 * of the language, not facts about the corpus.
 */

/**
 * `flow` measures move something from one country to another and get a direction;
 * `stock` measures describe one place; `event` words date things ("established … in 1992").
 */
export type MeasureKind = 'flow' | 'stock' | 'event';

export interface MeasureWord {
  canonical: string;
  kind: MeasureKind;
  /** Specific words beat general ones nearby ("exported … turnover value" is exports). */
  priority: number;
  start: number;
  end: number;
  /** The word as written ("exported", "imports"), for telling exports from imports. */
  word: string;
}

interface Entry {
  canonical: string;
  kind: MeasureKind;
  priority: number;
  pattern: RegExp;
}

const ENTRIES: Entry[] = [
  // Not in a name: China's "Export–Import Bank" lends, it does not trade.
  { canonical: 'exports', kind: 'flow', priority: 2, pattern: /\bexport(?:s|ed|ing|er|ers)?\b(?!\s*[–-]\s*import)/gi },
  { canonical: 'imports', kind: 'flow', priority: 2, pattern: /(?<!export\s*[–-]\s*)\bimport(?:s|ed|ing|er|ers)?\b/gi },
  { canonical: 'debt', kind: 'stock', priority: 2, pattern: /\bdebts?\b|\bowe[sd]?\b|\bowing\b|\bloans?\b|\bborrow(?:ed|ing|s)?\b|\blending\b|\blent\b/gi },
  { canonical: 'investment', kind: 'flow', priority: 2, pattern: /\binvest(?:ment|ments|or|ors|ed|ing|s)?\b|\bFDI\b/gi },
  // "students study in Kazakhstan" counts students; "the study involved 2,462 participants"
  // is a piece of research: "study" after a determiner or a word for a kind of study is not.
  {
    canonical: 'students',
    kind: 'flow',
    priority: 2,
    pattern:
      /\bstud(?:ent|ents|ied|ying)\b|(?<!\b(?:the|this|that|these|those|our|their|its|a|an|one|two|three|several|many|some|other|such|each|every|present|previous|prior|earlier|current|recent|later|future|cohort|longitudinal|pilot|case|population-based|observational|clinical|follow-up)\s+)\bstud(?:y|ies)\b/gi,
  },
  { canonical: 'visitors', kind: 'flow', priority: 2, pattern: /\btouris(?:t|ts|m)\b|\barrivals?\b|\bvisit(?:ed|ors?|ing)\b/gi },
  { canonical: 'returnees', kind: 'flow', priority: 2, pattern: /\breturn(?:ed|ing|ees?)\b|\brepatriat\w*/gi },
  { canonical: 'migrants', kind: 'flow', priority: 2, pattern: /\b(?:e|im)?migra(?:nts?|ted|tion)\b/gi },
  { canonical: 'trade', kind: 'stock', priority: 1, pattern: /\btrade\b|\btrading\b/gi },
  { canonical: 'population', kind: 'stock', priority: 1, pattern: /\bpopulat\w*|\bliving\b|\blive\b|\binhabitants\b|\bresid(?:ents?|ing|e)\b/gi },
  { canonical: 'width', kind: 'stock', priority: 1, pattern: /\bwide\b|\bwidth\b/gi },
  { canonical: 'length', kind: 'stock', priority: 1, pattern: /\blong\b|\blength\b/gi },
  { canonical: 'border', kind: 'stock', priority: 1, pattern: /\bborders?\b/gi },
  { canonical: 'distance', kind: 'stock', priority: 2, pattern: /\baway\b|\bdistance\b|\bapart\b/gi },
  { canonical: 'gdp', kind: 'stock', priority: 1, pattern: /\bGDP\b|\bgross domestic product\b/gi },
  { canonical: 'share', kind: 'stock', priority: 0, pattern: /\bshare\b|\bproportion\b/gi },
];

const EVENTS: Entry[] = [
  { canonical: 'established', kind: 'event', priority: 2, pattern: /\bestablish(?:ed|ment|ing)?\b|\bfounded\b|\bopened\b|\bopening\b/gi },
  { canonical: 'visit', kind: 'event', priority: 2, pattern: /\bvisit(?:s|ed)?\b/gi },
  { canonical: 'joined', kind: 'event', priority: 2, pattern: /\bjoin(?:ed|ing)\b|\baccession\b|\bbecame a member\b/gi },
  { canonical: 'agreement', kind: 'event', priority: 2, pattern: /\bsigned\b|\bconcluded\b|\btreaty\b|\bagreements?\b/gi },
  { canonical: 'independence', kind: 'event', priority: 2, pattern: /\bindependen(?:ce|t)\b/gi },
  { canonical: 'resumed', kind: 'event', priority: 2, pattern: /\breinstated\b|\bresum(?:ed|ption)\b|\brestored\b/gi },
  { canonical: 'cancelled', kind: 'event', priority: 2, pattern: /\bcancel+ed\b|\bsuspended\b|\bdowngraded\b/gi },
  { canonical: 'adopted', kind: 'event', priority: 2, pattern: /\bendorsed\b|\badopted\b|\bratified\b/gi },
  { canonical: 'commenced', kind: 'event', priority: 1, pattern: /\bcommenced\b|\bbegan\b|\blaunched\b|\bstarted\b/gi },
  { canonical: 'announced', kind: 'event', priority: 2, pattern: /\bannounced\b|\bunveiled\b|\bproclaimed\b|\bput forward\b/gi },
];

/** Things an event is about ("established an embassy" vs "established relations"). */
const EVENT_OBJECT = /\b(diplomatic relations|relations|embassy|consulate|flights?|air(?:line)? service|road links|links|treaty|partnership|program(?:me)?|organi[sz]ation|office)\b/i;

function find(entries: Entry[], text: string, offset: number): MeasureWord[] {
  const words: MeasureWord[] = [];
  for (const e of entries) {
    for (const m of text.matchAll(e.pattern)) {
      words.push({ canonical: e.canonical, kind: e.kind, priority: e.priority, start: offset + m.index, end: offset + m.index + m[0].length, word: m[0] });
    }
  }
  return words.sort((a, b) => a.start - b.start);
}

export function findMeasureWords(text: string, offset = 0): MeasureWord[] {
  return find(ENTRIES, text, offset);
}

export function findEventWords(text: string, offset = 0): MeasureWord[] {
  return find(EVENTS, text, offset);
}

/**
 * The measure word a number belongs to: the closest one, where one priority level is
 * worth 40 characters of distance (so "exported goods such as … for a turnover value of
 * $58.1 million" is exports, and "60,000 ethnic Kazakhs living in Mongolia returned" is
 * returnees, not population).
 */
export function nearestMeasure(words: readonly MeasureWord[], at: { start: number; end: number }): MeasureWord | null {
  let best: MeasureWord | null = null;
  let bestScore = Infinity;
  for (const w of words) {
    const distance = w.end <= at.start ? at.start - w.end : w.start >= at.end ? w.start - at.end : 0;
    const score = distance - 40 * w.priority;
    if (score < bestScore) {
      best = w;
      bestScore = score;
    }
  }
  return best;
}

/** The thing an event word acts on, if named after it in the same clause: "embassy". */
export function eventObject(clauseText: string, eventEndInClause: number): string | null {
  // Only the next few words: "independence … that foreign relations began" has no object.
  const next = /^(?:\s+\S+){1,4}/.exec(clauseText.slice(eventEndInClause))?.[0] ?? '';
  const m = EVENT_OBJECT.exec(next);
  if (!m) return null;
  const word = m[1]!.toLowerCase();
  return word.endsWith('relations') ? 'relations' : word.replace(/s$/, '');
}

/** Canonical measure word for the noun after "largest" in a ranking ("investor" → investment). */
export function measureOfWord(word: string | undefined): string | null {
  if (!word) return null;
  const hit = findMeasureWords(word)[0];
  return hit ? hit.canonical : null;
}
