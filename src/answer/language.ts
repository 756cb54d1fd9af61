/**
 * Questions Steppe cannot read: it searches English text with an English analyzer, so a
 * question written mostly in another script (Cyrillic for Russian, Mongolian, Kazakh;
 * Chinese, Arabic, …) would only ever "match nothing". It gets a plain message instead,
 * naming the places it recognises, so the reader can ask again in English.
 */

/** Names the corpus is about, in Cyrillic (Russian, Mongolian and Kazakh spellings), by stem. */
const CYRILLIC_NAMES: Array<[RegExp, string]> = [
  [/^монгол/, 'Mongolia'],
  [/^(?:казах|қазақ)/, 'Kazakhstan'],
  [/^(?:кыргыз|киргиз|қырғыз)/, 'Kyrgyzstan'],
  [/^(?:китай|хятад|қытай)/, 'China'],
  [/^(?:росси|орос|ресей)/, 'Russia'],
  [/^узбек|^өзбек/, 'Uzbekistan'],
  [/^(?:улан-?батор|улаанбаатар)/, 'Ulaanbaatar'],
  [/^(?:астан|нур-?султан)/, 'Astana'],
  [/^(?:алмат|алма-?ат)/, 'Almaty'],
  [/^бишкек/, 'Bishkek'],
  [/^(?:шос)$/, 'the SCO'],
  [/^(?:средн\w* ази|централ\w* ази|төв ази)/, 'Central Asia'],
];

const LATIN_LETTER = /[A-Za-z\u00C0-\u024F]/gu;
const LETTER = /\p{L}/gu;

/** The names recognised in a question in another script, in English, in order of first use. */
export function recognisedNames(text: string): string[] {
  const out: string[] = [];
  for (const m of text.toLowerCase().matchAll(/[\p{Script=Cyrillic}-]+/gu)) {
    for (const [re, name] of CYRILLIC_NAMES) if (re.test(m[0]) && !out.includes(name)) out.push(name);
  }
  return out;
}

/** The message for a question mostly in another script than the Latin one, else null. */
export function otherLanguageMessage(text: string): string | null {
  const letters = text.match(LETTER)?.length ?? 0;
  const latin = text.match(LATIN_LETTER)?.length ?? 0;
  if (letters < 2 || latin / letters >= 0.5) return null;
  const names = recognisedNames(text);
  const about = names.length ? ` It looks like a question about ${names.join(', ')}: try e.g. “What are ${names[0]}'s relations with Central Asia?”` : '';
  return `Steppe answers questions in English: its documents are in English.${about}`;
}
