import { findMentions } from '../answer/figureQuestion.js';
import type { Engine } from '../engine.js';
import { COUNTRIES } from '../figures/countries.js';
import { analyze } from '../search/analyzer.js';
import { dot } from '../search/vectors.js';
import { BOTH_WAYS, FLIP, OTHER_ANAPHORA, YEAR } from './cues.js';
import { capitalise, isDemonym, topicTerms } from './words.js';

/**
 * "and Kyrgyzstan?", "and in 2016?", "the other way round?", "both ways?": the previous
 * frame with the new place, year or direction put in; null when the turn brings anything
 * else (a new topic word), which a frame cannot take.
 */
/** Verbs of movement a turn that flips the frame's direction may use: nothing new to search. */
const GOING = /\b(?:go|goes|going|went|gone|come|comes|coming|came|flow|flows|flowing|head|heads|heading|headed|travel(?:s|l?ing|l?ed)?|move|moves|moving)\b/gi;

export function applyEllipsis(engine: Engine, frame: string, core: string, options: { placesReversed?: boolean; placeAdded?: boolean } = {}): string | null {
  // "what about imports?" after a question on exports (or the reverse) is the other way round.
  const direction = DIRECTION_WORD.exec(core)?.[0].toLowerCase();
  // (A verb of selling is a way of exporting, one of buying of importing: "what did Mongolia sell
  // to Kyrgyzstan?" + "what about imports?" is what it bought from there.)
  const asksExports = SELLS.test(frame) && !BUYS.test(frame);
  const asksImports = BUYS.test(frame) && !SELLS.test(frame);
  const turnsAround = !!direction && ((direction.startsWith('import') && asksExports) || (direction.startsWith('export') && asksImports));
  // "and what comes back?" after a trade flow: the goods going the other way (after anything
  // else, "came back" is a return: the Kazakhs who came back to Mongolia).
  const comesBack = (SELLS.test(frame) || BUYS.test(frame)) && COMES_BACK.test(core);
  let leftover = core.replace(FLIP, ' ').replace(BOTH_WAYS, ' ').replace(YEAR, ' ').replace(comesBack ? COMES_BACK : /$^/, ' ');
  if (turnsAround) leftover = leftover.replace(DIRECTION_WORD, ' ');
  // ("and going the other way?": the going is the frame's own movement, turned round.)
  if (FLIP.test(core)) leftover = leftover.replace(GOING, ' ');
  const newMentions = findMentions(core);
  for (const m of newMentions) leftover = leftover.replace(core.slice(m.start, m.end), ' ');
  // "and Mongolians going to Kazakhstan?" after Kazakhs who went to Mongolia: the frame's two
  // places in each other's slots — the other way round, and a verb of the frame's kind is no new topic.
  // (Unless the turn is a question of its own that names them so: see resolve.ts.)
  const swapped = options.placesReversed !== false && reversesPlaces(frame, newMentions);
  const frameTerms = swapped ? new Set([...analyze(frame), ...MOVING]) : null;
  if (topicTerms(leftover).some((t) => !frameTerms?.has(t))) return null;
  // "why does that matter for Mongolia?", "what would this mean for Kyrgyzstan?": the matter
  // said before is the turn's subject, asked of the place — a question of its own, no frame.
  if (/^\W*(?:but\s+)?why\b/i.test(leftover) || /\b(?:does|did|do|would|will|could|can|might|should|is|was)\s+(?:that|this|it)\b/i.test(leftover)) return null;
  // "what does Kyrgyzstan get out of it?": a verb of its own on what was said ("it") — a
  // question of its own; "what was it in 2016?" has none and is the frame again.
  if (/\b(?:it|that|this)\b/i.test(leftover) && /\p{L}/u.test(leftover.replace(/\b(?:what|how|who|which|when|where|much|many|is|are|was|were|do|does|did|has|have|had|will|would|can|could|it|that|this|they|them|there|for|in|of|to|from|with|about|and|or|the|a|an|then|so|now)\b/gi, ' '))) return null;
  const years = [...core.matchAll(YEAR)].map((m) => m[0]);
  const flip = FLIP.test(core) || comesBack || turnsAround || swapped || swapsRoles(frame, core, newMentions);
  const both = BOTH_WAYS.test(core);
  if (!newMentions.length && !years.length && !flip && !both) return null;

  let out = frame.replace(/\s*[?.!]+\s*$/, '');
  const frameMentions = findMentions(out);
  // New places replace the frame's rarest place (the one it was about, not the corpus's pivot).
  const newCountries = newMentions.filter((m) => !frameMentions.some((f) => f.country === m.country));
  if (newCountries.length) {
    // A name replaces a name, a demonym a demonym ("Mongolian students in Kazakhstan" +
    // "and in Kyrgyzstan?" changes where they study, not who they are); then the rarest.
    const newKind = isDemonym(core.slice(newCountries[0]!.start, newCountries[0]!.end));
    // (And a place after the same preposition: "what about with china?" after "how much does
    // mongolia trade with kazakhstan?" changes the partner, not Mongolia.)
    const newPreposition = prepositionBefore(core, newCountries[0]!.start);
    const scored = frameMentions
      .filter((f) => !newMentions.some((m) => m.country === f.country))
      .map((f) => ({
        ...f,
        demonym: isDemonym(out.slice(f.start, f.end)),
        samePreposition: newPreposition !== null && prepositionBefore(out, f.start) === newPreposition ? 1 : 0,
        idf: Math.max(0, ...analyze(out.slice(f.start, f.end)).map((t) => engine.index.idf(t))),
        likeness: placeLikeness(engine, f.country, newCountries[0]!.country),
      }));
    // (The corpus's pivot — the commonest of two places — is not changed for being of the kind
    // the new place is said in: "and kyrgyzstan?" after "when did the kazakh president first
    // come to mongolia" asks of the Kyrgyz president, not of his visit to Kyrgyzstan.)
    // (Only where the places are said in both kinds: between two names the kind tells nothing.)
    const places = new Set(scored.map((f) => f.country));
    const bothKinds = scored.some((f) => f.demonym) && scored.some((f) => !f.demonym);
    const pivot = places.size > 1 && bothKinds && !newPreposition ? scored.reduce((a, b) => (b.idf < a.idf ? b : a)).country : null;
    const replaceable = scored
      .map((f) => ({ ...f, sameKind: f.demonym === newKind && f.country !== pivot ? 1 : 0 }))
      .sort((a, b) => b.sameKind - a.sameKind || b.samePreposition - a.samePreposition || (Math.abs(b.likeness - a.likeness) >= CLEARLY_LIKER ? b.likeness - a.likeness : 0) || b.idf - a.idf);
    const targets = replaceable.slice(0, newCountries.length).sort((a, b) => b.start - a.start);
    const words = newCountries.map((m) => capitalise(core.slice(m.start, m.end)));
    // A place with nowhere to go in the frame, and a pronoun for what was said ("and what does
    // that mean for Mongolia?"), asks about that for the place: no frame to put it in.
    if (targets.length === 0 && OTHER_ANAPHORA.test(core)) return null;
    // (Unless the turn is a question of its own: "which does Kazakhstan do?" after "what is the
    // difference between bandwagoning and balancing?" asks which of the two, not the difference in Kazakhstan.)
    if (targets.length === 0 && options.placeAdded === false) return null;
    if (targets.length === 0) out = `${out} in ${words.join(' and ')}`;
    // Right to left, so earlier offsets stay valid.
    // (A possessive stays one: "what are Kazakhstan's main exports?" → "… Kyrgyzstan's …", as
    // does one typed without its apostrophe, "kazakhstans main exports".)
    targets.forEach((t, i) => {
      const slot = out.slice(t.start, t.end);
      const word = words[targets.length - 1 - i]!;
      const possessive = /['’]s$/i.test(slot) || (/s$/i.test(slot) && !isDemonym(slot) && !/s$/i.test(COUNTRIES.find((c) => c.name === t.country)?.name ?? ''));
      out = out.slice(0, t.start) + (possessive && !/['’]s$/i.test(word) && !isDemonym(word) ? `${word}’s` : word) + out.slice(t.end);
    });
  }
  if (years.length) {
    const frameYears = [...out.matchAll(YEAR)];
    if (frameYears.length === 0) out = `${out} in ${years.join(' and ')}`;
    else {
      const first = frameYears[0]!;
      const last = frameYears[frameYears.length - 1]!;
      out = out.slice(0, first.index) + years.join(' and ') + out.slice(last.index + last[0].length);
    }
  }
  if (turnsAround) {
    // The subject stays (a later "and exports?" is still its exports): the verb and its
    // preposition turn — "did Mongolia export to Kazakhstan" → "did Mongolia import from Kazakhstan".
    const toImports = direction!.startsWith('import');
    const verb = (toImports ? SELLS : BUYS).exec(out);
    if (verb) {
      const rest = out.slice(verb.index + verb[0].length);
      // "sell Mongolia", "buy Kyrgyz goods": a place right after the verb takes its preposition.
      const after = /^\s+(?:to|into|from)\b/i.test(rest) || !findMentions(rest).some((m) => /^\s*$/.test(rest.slice(0, m.start)))
        ? rest.replace(toImports ? /\b(?:to|into)\b/i : /\bfrom\b/i, toImports ? 'from' : 'to')
        : ` ${toImports ? 'from' : 'to'}${rest}`;
      out = `${out.slice(0, verb.index)}${toImports ? 'import' : 'export'}${inflection(verb[0])}${after}`;
    }
  } else if (flip) {
    const ms = findMentions(out);
    const distinct = ms.filter((m, i) => ms.findIndex((o) => o.country === m.country) === i);
    if (distinct.length >= 2) {
      const [a, b] = [distinct[0]!, distinct[1]!];
      // Each place keeps the form its slot had: "how many Mongolians visited Kazakhstan?" the
      // other way round is "how many Kazakhstanis visited Mongolia?", not "Kazakhstan visited Mongolians".
      // (A possessive stays with its slot: "mongolia's sales to kazakhstan" → "kazakhstan's sales to mongolia".)
      const [ta, tb] = [out.slice(a.start, a.end), out.slice(b.start, b.end)];
      const owner = (slot: string): string => /['’]s$/i.exec(slot)?.[0] ?? '';
      const [pa, pb] = [ta.slice(0, ta.length - owner(ta).length), tb.slice(0, tb.length - owner(tb).length)];
      out = out.slice(0, a.start) + inFormOf(pa, b.country, pb) + owner(ta) + out.slice(a.end, b.start) + inFormOf(pb, a.country, pa) + owner(tb) + out.slice(b.end);
    } else if (/\bexport/i.test(out)) out = out.replace(/\bexport/gi, 'import');
    else if (/\bimport/i.test(out)) out = out.replace(/\bimport/gi, 'export');
    else return null;
  }
  if (both) out = `${out} in both directions`;
  // A turn that only names the frame's own places again changes nothing: no ellipsis of it.
  if (out === frame.replace(/\s*[?.!]+\s*$/, '')) return null;
  return out.includes('?') ? out : `${out}?`;
}

/** Verbs for one direction of trade in a frame: the subject sells (exports) or buys (imports). */
const SELLS = /\b(?:export(?:s|ed|ing)?|sell(?:s|ing)?|sold|send(?:s|ing)?|sent|ship(?:s|ped|ping)?)\b/i;
const BUYS = /\b(?:import(?:s|ed|ing)?|buy(?:s|ing)?|bought|purchas(?:e|es|ed|ing))\b/i;

/** The ending a verb of trade had, for the verb that replaces it ("sold" → "ed", "sell" → ""). */
function inflection(verb: string): string {
  const v = verb.toLowerCase();
  if (/(?:ing)$/.test(v)) return 'ing';
  if (/(?:ed|sold|sent|bought)$/.test(v)) return 'ed';
  if (/(?:s|sells|sends|ships|buys)$/.test(v) && !/ss$/.test(v)) return 's';
  return '';
}

/** Goods or money coming back the other way: "what comes back?", "and what goes back the other way?". */
const COMES_BACK = /\b(?:what|how much)(?: \w+)? (?:comes?|coming|came|goes|going|went|flows?|flowing|flowed)(?: \w+)? back\b/i;

/** A word for one direction of trade, in a turn ("and imports?"). */
const DIRECTION_WORD = /\b(?:import(?:s|ed|ing)?|export(?:s|ed|ing)?)\b/i;

const OTHER_PARTY = String.raw`(?:them|it|there|that country|the other(?: one| country)?)`;

/**
 * "and Mongolia to them?" after "how much did Kazakhstan export to Mongolia?": a place of
 * the frame, with a pronoun for the other party, in the other slot — the other way round.
 */
function swapsRoles(frame: string, core: string, mentions: ReturnType<typeof findMentions>): boolean {
  if (mentions.length !== 1) return false;
  const m = mentions[0]!;
  const before = core.slice(0, m.start);
  const after = core.slice(m.end);
  const turnRole = /\b(?:to|into)\s+$/i.test(before) || new RegExp(String.raw`^\s+from\s+${OTHER_PARTY}\b`, 'i').test(after)
    ? 'to'
    : /\bfrom\s+$/i.test(before) || new RegExp(String.raw`^\s+(?:to|into)\s+${OTHER_PARTY}\b`, 'i').test(after)
      ? 'from'
      : null;
  if (!turnRole) return false;
  const f = findMentions(frame).find((x) => x.country === m.country);
  if (!f || findMentions(frame).filter((x) => x.country !== m.country).length === 0) return false;
  const frameRole = /\b(?:to|into)\s+$/i.test(frame.slice(0, f.start)) ? 'to' : 'from';
  return frameRole !== turnRole;
}

/** Verbs of going somewhere (index terms), one as good as another between two places. */
const MOVING = new Set(analyze('go going went visit visiting visited travel travelling traveled come coming came head heading headed move moving moved'));

/** Whether the turn names the frame's two places, each where the other stood ("Mongolians … to Kazakhstan" after "Kazakhs … to Mongolia"). */
function reversesPlaces(frame: string, mentions: ReturnType<typeof findMentions>): boolean {
  const turn = mentions.map((m) => m.country).filter((c, i, all) => all.indexOf(c) === i);
  const inFrame = findMentions(frame)
    .map((m) => m.country)
    .filter((c, i, all) => all.indexOf(c) === i);
  return turn.length === 2 && inFrame.length === 2 && turn[0] === inFrame[1] && turn[1] === inFrame[0];
}

/** The country written as the slot's word was: a demonym for a demonym (plural for plural), else the name. */
function inFormOf(slot: string, country: string, written: string): string {
  if (!isDemonym(slot)) return isDemonym(written) ? (COUNTRIES.find((c) => c.name === country)?.name ?? written) : written;
  if (isDemonym(written)) return written;
  const demonyms = COUNTRIES.find((c) => c.name === country)?.demonyms ?? [];
  const plural = /s$/i.test(slot);
  return demonyms.find((d) => /s$/i.test(d) === plural) ?? demonyms[0] ?? written;
}

/**
 * How alike two countries are as words (cosine of their names' vectors; 0 without vectors):
 * "what about Mongolia?" after "does China interfere in Kazakhstan?" replaces the place
 * Mongolia stands beside (Kazakhstan, 0.75), not the power (China, 0.66).
 */
function placeLikeness(engine: Engine, a: string, b: string): number {
  const vectors = engine.index.semantic()?.vectors;
  // (A name of two words by its last: "South Korea" as "korea".)
  const of = (name: string) => vectors?.vector(name.toLowerCase()) ?? vectors?.vector(name.toLowerCase().split(/\s+/).pop()!);
  const x = of(a);
  const y = of(b);
  return x && y ? dot(x, y, 0) : 0;
}

/**
 * Likeness decides only when clearly greater; else the rarer place is replaced. Mongolia is
 * about as like China (0.66) as Kyrgyzstan (0.62): "is that the case in Mongolia too?" after
 * "is Kyrgyzstan worried about its debt to China?" is of Mongolia's debt to China.
 */
const CLEARLY_LIKER = 0.05;

/** The preposition just before a place ("with" in "trade with kazakhstan"), or null. */
function prepositionBefore(text: string, start: number): string | null {
  const word = /([\p{L}]+)\s+$/u.exec(text.slice(Math.max(0, start - 20), start))?.[1]?.toLowerCase();
  return word && PLACE_PREPOSITIONS.has(word) ? word : null;
}
const PLACE_PREPOSITIONS = new Set(['with', 'to', 'from', 'in', 'into', 'for', 'between', 'against', 'toward', 'towards', 'at', 'on']);
