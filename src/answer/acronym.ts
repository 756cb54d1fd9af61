/**
 * "What is the CSTO?": an acronym the corpus spells out where it first uses it ("the
 * Collective Security Treaty Organization (CSTO)") is answered by that long form first, with
 * where it is written. The long form is the run of words just before the bracket whose
 * initials are the acronym's letters in order, small words skipped (Schwartz & Hearst 2003,
 * as the index's acronym mining does): a bracket after words that do not spell it is no answer.
 */

const SMALL_WORDS = new Set(['of', 'the', 'and', 'for', 'on', 'in', 'to', 'de', 'la', '&']);
const MAX_WORDS = 10;

/**
 * The acronym a question asks to define: "what is the CSTO?", "what's SREB", "what does BRI
 * stand for?"; typed in lower case ("whats the sco") when `known` says the corpus has it.
 */
export function definedAcronym(question: string, known: (word: string) => boolean = () => false): string | null {
  const m = /^\s*(?:(?:and|so|ok|okay)\s+)?(?:what(?:'s|’s|s|\s+is|\s+was|\s+are)\s+(?:the\s+|an?\s+)?([A-Za-z]{2,8})|what\s+does\s+(?:the\s+)?([A-Za-z]{2,8})\s+(?:stand\s+for|mean))\s*[?!.]*\s*$/i.exec(question);
  const abbr = m?.[1] ?? m?.[2];
  if (!abbr) return null;
  // Capitals make it an acronym ("SCO", "EaEU"); a capitalised word ("Mongolia") is none.
  return (abbr.match(/[A-Z]/g)?.length ?? 0) >= 2 || known(abbr.toLowerCase()) ? abbr : null;
}

/** "Collective Security Treaty Organization" if the text spells `abbr` out before "(abbr)" (however cased), else null. */
export function spelledOut(text: string, typed: string): string | null {
  const bracket = new RegExp(String.raw`\((${typed.replace(/[^A-Za-z&-]/g, '')})\)`, 'i').exec(text);
  if (!bracket) return null;
  const at = bracket.index;
  const abbr = bracket[1]!;
  const words = text.slice(Math.max(0, at - 200), at).trim().split(/\s+/).slice(-MAX_WORDS);
  // ("EaEU": its capitals are the initials, "Eurasian Economic Union".)
  const letters = /[a-z]/.test(abbr) ? abbr.replace(/[^A-Z]/g, '') : abbr;
  // The shortest run ending at the bracket whose initials, small words skipped, spell it.
  for (let start = words.length - 1; start >= 0; start--) {
    const run = words.slice(start);
    if (SMALL_WORDS.has(run[0]!.toLowerCase())) continue;
    const initials = run
      .filter((w) => !SMALL_WORDS.has(w.toLowerCase()))
      .map((w) => w.replace(/^[^\p{L}]+/u, '').charAt(0))
      .join('');
    if (initials.toLowerCase() === letters.toLowerCase()) return run.join(' ').replace(/^[“"‘'(]+|[”"’',;:]+$/g, '');
    if (initials.length > letters.length) break;
  }
  return null;
}

/** The acronym as it is written: "sco" typed is "SCO"; "EaEU" keeps its case. */
export function asWritten(abbr: string): string {
  return /[A-Z]/.test(abbr) ? abbr : abbr.toUpperCase();
}
