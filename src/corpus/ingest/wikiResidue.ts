/**
 * What a wiki's plain-text export leaves of its markup inside the prose: image captions
 * closed by `]]` ("Vladimir Putin on 16 March 2015]] In 2011 soon after…"), galleries of
 * `File:Name.jpg|caption`, bare image file names, infobox parameters (`| flag_p5 = Flag of
 * Khiva.svg |`) and URL-escaped pipes. None of it is the text's words: quoted, it reads as
 * noise, and its words (place names in captions) pull passages toward questions they do
 * not answer.
 */

const IMAGE = String.raw`\.(?:jpe?g|png|svg|gif|tiff?|webp)`;
/** `File:Bringing the sheep home (3968109583).jpg|caption` up to the next file or the end of the caption. */
const GALLERY_FILE = new RegExp(String.raw`(?:File|Image):[^|\]]*?${IMAGE}(?:(?:\||%7C)[^|]*?(?=\s(?:File|Image):|$))?`, 'giu');
/** A file name standing alone: `Central_Asia_-_political_map_2008.svg`, `Syrdaryamap.png`. */
const BARE_FILE = new RegExp(String.raw`(?<!\S)[^\s|]+${IMAGE}(?!\S)`, 'giu');
const LETTER_FILE = new RegExp(String.raw`(?<!\S)\p{L}[^\s|]*${IMAGE}(?!\S)`, 'giu');
/** A file name glued to the sentence before it: "established in 1981.829A9531.jpg". */
const GLUED_FILE = new RegExp(String.raw`(?<=\w[.!?])[^\s|]*\w[^\s|]*${IMAGE}(?!\S)`, 'giu');
/** An infobox parameter: `| flag_p5 = Flag of Khiva 1920-1923.svg`. */
const TEMPLATE_PARAMETER = /\|\s*[a-z][\w ]{0,30}?\s*=\s*[^|]*/giu;
/**
 * A sentence's end (note markers included) before the next sentence's capital: not an initial's
 * ("John F. Kennedy"), nor an abbreviated month's before its day ("Aug. 13, 2013.]]").
 */
const SENTENCE_END = /(?<!\b\p{Lu})[.!?](?:\[\d+\])*\s+(?=[\p{Lu}"“‘(])/gu;

/**
 * Image captions closed by `]]`, each from where it began: the last sentence end before it,
 * the previous `]]`, or the paragraph's start.
 */
function withoutCaptions(text: string): string {
  let out = '';
  let from = 0;
  // The last two of a run: "fabrics.[12]]]" is a note marker, then the close.
  for (const close of text.matchAll(/\]\](?!\])/gu)) {
    const before = text.slice(from, close.index);
    const body = before.replace(/[.!?\s]+$/u, '');
    // A note marker just before the close ends a sentence of the text, not a caption.
    let start = /\[\d+\]$/u.test(body) ? before.length : 0;
    if (start === 0) for (const m of body.matchAll(SENTENCE_END)) start = m.index + m[0].length;
    out += before.slice(0, start);
    from = close.index + 2;
  }
  return out + text.slice(from);
}

/** A citation template's parameters: `|website=focus2move.com|access-date=2018-07-21`. */
const CITE_PARAMETER = /\|\s*([a-z][\w-]{1,20})\s*=\s*([^|{}]*)/giu;

/**
 * Templates the export left unexpanded: `{{!}}` (a pipe) and `{{'}}` (an apostrophe) as what
 * they stand for; `{{-}}` (a line break) and a `{{cite …}}` (a citation, unclosed where the
 * export cut it) dropped; a `{{#expr:…}}` whose figure was lost ("Kazakhstan (pop. {{#expr:/1e6
 * round 0}} million)") dropped with the parenthesis it leaves saying nothing. A citation's
 * tail on a line of its own ("Outlook 2017|website=focus2move.com|access-date=…}}") keeps its
 * title and site; a template's closing braces after the few words of the caption or infobox field they ended, nothing.
 */
function withoutTemplates(text: string): string {
  if (!/\{\{|\}\}/u.test(text)) return text;
  let s = text.replace(/\{\{!\}\}/gu, ' | ').replace(/\{\{'\}\}/gu, "'").replace(/\{\{-\}\}/gu, ' ');
  s = s.replace(/\(([^()]*?)\{\{#[^{}]*\}\}([^()]*)\)/gu, (m, a: string, b: string) => (/\d/.test(a + b) ? m.replace(/\{\{#[^{}]*\}\}/gu, '') : ''));
  s = s.replace(/\{\{#[^{}]*\}\}/gu, '');
  s = s.replace(/\{\{\s*cite\b[^}]*(?:\}\}|$)/giu, '');
  // The tail of a template begun on an earlier line: its parameters, then `}}`.
  const close = s.indexOf('}}');
  if (close >= 0 && !s.slice(0, close).includes('{{')) {
    const head = s.slice(0, close);
    const site = /\|\s*(?:website|work|publisher)\s*=\s*([^|]*)/iu.exec(head)?.[1]?.trim();
    const first = head.split('|')[0]!.replace(/\{+\s*cite\b.*$/iu, '').replace(/[\s.]+$/u, '');
    // (Words before bare braces are the end of an infobox or caption field: "Soviet Republic}}".)
    const kept = CITE_PARAMETER.test(head) ? [first, site].filter(Boolean).join('. ') : head.length < 80 ? '' : head;
    CITE_PARAMETER.lastIndex = 0;
    s = `${kept}${s.slice(close + 2)}`;
  }
  return s.replace(/\s+([,.;:])/gu, '$1').replace(/\s{2,}/gu, ' ').trim();
}

const IMAGE_OPTIONS = /^\S*\|(?:thumb|thumbnail|frameless|upright|left|right|center|\d+px)\b/u;

/** An infobox parameter on a line of its own: `photo2b = High way 2.jpg`, `p2 = Lenin`, `size = 266`. */
const LONE_PARAMETER = /^[a-z][a-z0-9_]*\s*=\s/u;

/** The paragraph without wiki markup residue (whitespace tidied), or '' when nothing of it was prose. */
/**
 * A wiki table the export flattened onto one line (`|President |Kassym-Jomart Tokayev |Nur Otan
 * |20 March 2019 |- |Prime Minister |Askar Mamin …|}`): its rows ("|-") as clauses, its cells
 * (`|`, `||`) as a list, so that the facts read and are found as text; the text after its `|}` follows.
 */
function withoutFlatTable(text: string): string {
  const m = /^\|(?![|}-])(.*?\|-.*?)\|\}(.*)$/su.exec(text.trim());
  if (!m) return text;
  const rows = m[1]!
    .split(/\|-/u)
    .map((row) => row.split(/\|\|?/u).map((c) => c.trim()).filter(Boolean).join(', '))
    .filter(Boolean);
  const rest = m[2]!.trim();
  return `${rows.join('; ')}.${rest ? ` ${rest}` : ''}`;
}

export function withoutWikiResidue(text: string): string {
  text = withoutFlatTable(withoutTemplates(text));
  // An image's options opening the paragraph (`|thumb|left|250px|Approximate areas …`,
  // `.svg|thumb|Trends in …`): the rest is the image's caption, not the article's text.
  if (IMAGE_OPTIONS.test(text)) return '';
  // What the export left of a template it could not render: "the highest point ()", "(; )", "(to
  // the south, )", "(, sometimes russified …"; a lone image option before the text ("thumb
  // 1871–1883: …").
  text = text
    .replace(/(?:\s|^)\(\s*(?:[,;]\s*)*\)/gu, '')
    .replace(/\((?:\s*[,;])+\s*(?=\S)/gu, '(')
    .replace(/(?<=\S)(?:\s*[,;])+\s*\)/gu, ')')
    .replace(/^thumb\s+/u, '')
    // A reference's bare address left before the sentence after it ("http://altaica.ru/…/choi1996.pdf The linguist Kabak …").
    .replace(/^https?:\/\/\S+\s+(?=\p{Lu}\p{Ll})/u, '');
  if (LONE_PARAMETER.test(text) && (/[_\d]\s*=|\.(?:jpe?g|png|svg|gif)\b/iu.test(text) || /^[a-z][a-z0-9_]*\s*=\s*\S{1,30}$/u.test(text))) return '';
  if (!/\]\]|(?:File|Image):|%7C|\|\s*\w[\w ]*=|\.(?:jpe?g|png|svg|gif)\b/iu.test(text)) return text;
  let s = text;
  // Three or more infobox parameters: the paragraph is the template.
  if ((s.match(TEMPLATE_PARAMETER) ?? []).length >= 3) return '';
  // (A name starting with a letter is one token whatever stops it holds: "The_drive_out_of_Bishkek._(3968077431).jpg".)
  s = s.replace(GALLERY_FILE, ' ').replace(LETTER_FILE, ' ').replace(GLUED_FILE, '').replace(BARE_FILE, ' ');
  s = withoutCaptions(s);
  s = s.replace(/%7C/giu, ' ').replace(/\]\]|\[\[/gu, ' ');
  s = s.replace(/\s+([,.;:])/gu, '$1').replace(/\s{2,}/gu, ' ').trim();
  // What is left of a caption-only paragraph: a few words without a sentence; or an image's
  // options and caption once the file name before them went.
  return /\p{L}{2,}/u.test(s) && !IMAGE_OPTIONS.test(s) ? s : '';
}
