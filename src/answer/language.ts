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

/** The same names as other languages write them in Latin letters (Mongolei, Kasachstan, kazajos, Moğolistan). */
const LATIN_NAMES: Array<[RegExp, string]> = [
  [/^(?:mongol|mo[gğ]ol)/, 'Mongolia'],
  [/^(?:kazak|kasach|kazaj|kazach|cazaqu|casaqu)/, 'Kazakhstan'],
  [/^(?:kirgi|kirghi|kyrgy|k[ıi]rg[ıi]z|quirgui)/, 'Kyrgyzstan'],
  [/^(?:chin|cin|çin)/, 'China'],
  [/^(?:russ|rus)/, 'Russia'],
];

/** The names recognised in a question in another language, in English, in order of first use. */
export function recognisedNames(text: string): string[] {
  const out: string[] = [];
  for (const m of text.toLowerCase().matchAll(/[\p{Script=Cyrillic}-]+/gu)) {
    for (const [re, name] of CYRILLIC_NAMES) if (re.test(m[0]) && !out.includes(name)) out.push(name);
  }
  for (const m of text.toLowerCase().matchAll(/[\p{Script=Latin}]+/gu)) {
    for (const [re, name] of LATIN_NAMES) if (re.test(m[0]) && !out.includes(name)) out.push(name);
  }
  return out;
}

/**
 * Question and function words of languages written in the Latin script that readers of the
 * field use (German, French, Spanish, Portuguese, Italian, Turkish), none of them an English
 * word too: a question made mostly of them is not English, though its letters are Latin.
 */
const FOREIGN_WORDS = new Set(
  (
    'wie viele warum wann welche welcher welches wer wo wieviel leben gibt sind ist nicht und oder der die das dem den des ein eine einen mit von zwischen über nach auch ' +
    'combien pourquoi quand quel quelle quels qui où est sont les des une entre avec dans sur pas et ou du au aux ' +
    'cuántos cuántas cuánto por qué cuándo cuál quién dónde viven hay son los las una entre con del qué cómo ' +
    'quantos quantas quanto porque quando qual quem onde vivem são os umas entre com ' +
    'perché quanti quante quando chi dove sono gli della delle ' +
    'kaç neden ne zaman hangi kim nerede arasında ile ve bir mı mi mu mü'
  ).split(/\s+/),
);
/** English words, so that a name or two and "in" do not make English foreign. */
const ENGLISH_WORDS = new Set('the of and to in is are was were what why how when which who where many much does do did has have with between from'.split(' '));

/** A question in Latin letters whose words are mostly another language's ("wie viele Kasachen leben in der Mongolei?"). */
function latinForeign(text: string): boolean {
  const words = text.toLowerCase().match(/[\p{L}]+/gu) ?? [];
  if (words.length < 3) return false;
  const foreign = words.filter((w) => FOREIGN_WORDS.has(w) && !ENGLISH_WORDS.has(w)).length;
  const english = words.filter((w) => ENGLISH_WORDS.has(w)).length;
  return foreign >= 2 && foreign >= 0.3 * words.length && english <= foreign / 2;
}

/** The message for a question mostly in another script than the Latin one, or in another language written in it; else null. */
export function otherLanguageMessage(text: string): string | null {
  const letters = text.match(LETTER)?.length ?? 0;
  const latin = text.match(LATIN_LETTER)?.length ?? 0;
  if (letters < 2) return null;
  if (latin / letters >= 0.5 && !latinForeign(text)) return null;
  const names = recognisedNames(text);
  const about = names.length ? ` It looks like a question about ${names.join(', ')}: try e.g. “What are ${names[0]}'s relations with Central Asia?”` : '';
  return `Steppe answers questions in English: its documents are in English.${about}`;
}
