/**
 * How an author is named in a citation: a person by surname ("John Irgengioro" →
 * "Irgengioro"), an organisation by its whole name ("Wikipedia contributors", "CIA World
 * Factbook", "The White House"): cutting an organisation to its last word gives
 * "contributors (2019)", which names nobody.
 */

/**
 * Words that make a name an institution's rather than a person's. Kept short and generic
 * (kinds of body, not particular ones); anything else can be said in the metadata with
 * `"citeAs"`.
 */
const INSTITUTION_WORDS =
  /\b(contributors|editors|staff|team|group|project|house|office|ministry|department|agency|council|commission|committee|congress|senate|parliament|government|administration|bureau|service|bank|fund|institute|institution|university|college|centre|center|foundation|association|society|organi[sz]ation|union|forum|program(?:me)?|observatory|factbook|record|press|news|times|post|review|journal|wikipedia|nations|republic|secretariat|corporation|company|inc|ltd|llc|board|authority|court|embassy|mission)\b/i;

/** Lower-case words a personal name may hold (van Gogh, de Gaulle, bin Salman). */
const NAME_PARTICLES = new Set(['van', 'von', 'de', 'der', 'den', 'del', 'della', 'da', 'di', 'du', 'la', 'le', 'bin', 'ibn', 'al', 'el', 'ten', 'ter', 'y', 'dos', 'das']);

export function isOrganisation(name: string): boolean {
  const words = name.trim().split(/\s+/);
  if (/^the$/i.test(words[0] ?? '')) return true;
  if (INSTITUTION_WORDS.test(name)) return true;
  // A lower-case word that is not a name particle ("Friends of the Earth") marks a body.
  return words.some((w) => /^\p{Ll}/u.test(w) && !NAME_PARTICLES.has(w));
}

/** The name a citation uses for one author. */
export function citedName(name: string): string {
  const trimmed = name.trim();
  if (isOrganisation(trimmed)) return trimmed;
  // "Irgengioro, John" is already surname-first.
  if (trimmed.includes(',')) return trimmed.split(',')[0]!.trim();
  return trimmed.split(/\s+/).pop() ?? trimmed;
}
