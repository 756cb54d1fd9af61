import { escapeMarkdown } from '../discord/djs.js';

/**
 * discord.js's `escapeMarkdown`, in linear time. Its italic pass is two regular expressions
 * that open with lookbehinds, and V8 tries the lookbehinds at every position of the text:
 * `<a?:.+` scans back to the start of the line each time, so escaping grows with the square
 * of a line (1.6 ms on a 1,360-character passage, 20 ms on 2,600; everything else it does
 * takes 0.01 ms). Here the two italic passes are one forward scan each, deciding at each
 * `*` and `_` exactly what those expressions decide there, and the other passes are
 * discord.js's own, in the same order. test/unit/renderEscape.test.ts checks the output
 * against `escapeMarkdown` on generated inputs made of the characters its rules look at.
 */
export function escapeMarkdownLinear(text: string): string {
  // Text without any character a pass looks at is returned as it is (most corpus sentences):
  // each pass is a scan or a regular expression over the whole text, even when it finds nothing.
  if (!MARKDOWN_CHARACTER.test(text)) return text;
  // escapeMarkdown's order: escape, inline code, code block, italic, bold, underline, strikethrough, spoiler.
  let res = BACKSLASH_OR_BACKTICK.test(text) ? escapeMarkdown(text, { italic: false, bold: false, underline: false, strikethrough: false, spoiler: false }) : text;
  if (res.includes('*')) res = escapeItalicPass(res, '*');
  if (res.includes('_')) res = escapeItalicPass(res, '_');
  return DOUBLED_MARKER.test(res) ? escapeMarkdown(res, { escape: false, inlineCode: false, codeBlock: false, italic: false }) : res;
}

/**
 * What escapeMarkdown's passes (with its default options: no heading, list or link passes)
 * can change: escape `\\`, inline code and code block `` ` ``, italic `*` `_`, bold `**`,
 * underline `__`, strikethrough `~~`, spoiler `||`. Without one of these the text comes out as it went in.
 */
const MARKDOWN_CHARACTER = /[\\`*_~|]/;
/** The first call's passes: escape, inline code, code block. */
const BACKSLASH_OR_BACKTICK = /[\\`]/;
/** The last call's passes: bold, underline, strikethrough, spoiler (each matches a doubled marker). */
const DOUBLED_MARKER = /\*\*|__|~~|\|\|/;

/** JavaScript's `\s`. */
const isSpace = (c: number): boolean =>
  c === 0x20 ||
  (c >= 0x09 && c <= 0x0d) ||
  c === 0xa0 ||
  c === 0x1680 ||
  (c >= 0x2000 && c <= 0x200a) ||
  c === 0x2028 ||
  c === 0x2029 ||
  c === 0x202f ||
  c === 0x205f ||
  c === 0x3000 ||
  c === 0xfeff;

/** What `.` does not match. */
const isLineTerminator = (c: number): boolean => c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029;

const LT = 0x3c; // <
const GT = 0x3e; // >
const COLON = 0x3a;
const SLASH = 0x2f;

/**
 * One of escapeItalic's two replacements:
 * - `*`: /(?<=^|[^*])(?<!(?<!<)https?:\/\/\S*|<[^\s:]+:\/[^\s>]*)\*([^*]|\*\*|$)/g
 * - `_`: /(?<=^|[^_])(?<!<a?:.+|(?<!<)https?:\/\/\S*|<[^\s:]:\/[^\s>]*)_(?!:\d+>)([^_]|__|$)/g
 * with the same replacer (a doubled marker after it alternates sides). Each lookbehind
 * alternative is "a prefix that ended at or before this position, and nothing since that
 * its tail refuses": kept as the latest such prefix end and the latest refused character,
 * updated once per character.
 */
function escapeItalicPass(text: string, marker: '*' | '_'): string {
  const m = marker.charCodeAt(0);
  const underscore = marker === '_';
  const n = text.length;
  // Latest end of a `(?<!<)https?://` prefix, and of a `<X:/` prefix (X: one character for
  // `_`, one or more for `*`, none of them space or colon); latest space; latest space or `>`.
  let urlEnd = -1;
  let tagEnd = -1;
  let lastSpace = -1;
  let lastSpaceOrGt = -1;
  // For `*`'s `<[^\s:]+`: the latest `<` with only non-space, non-colon characters after it.
  let openLt = -1;
  // For `_`'s `<a?:.+`: the earliest end of `<:`/`<a:` on the current line (-1 when none).
  let emojiEnd = -1;
  let out = '';
  let copied = 0;
  let pairs = 0;
  let skipUntil = 0;
  for (let i = 0; i <= n; i++) {
    // State describes text[0..i-1]: decide at i, then take in text[i].
    const c = i < n ? text.charCodeAt(i) : -1;
    if (c === m && i >= skipUntil && (i === 0 || text.charCodeAt(i - 1) !== m)) {
      const protectedHere =
        (urlEnd >= 0 && urlEnd > lastSpace) ||
        (tagEnd >= 0 && tagEnd > lastSpaceOrGt) ||
        (underscore && emojiEnd >= 0 && emojiEnd < i);
      if (!protectedHere && !(underscore && emojiAfter(text, i + 1))) {
        // ([^m]|mm|$)
        let match: string | null = null;
        if (i + 1 < n && text.charCodeAt(i + 1) !== m) match = text[i + 1]!;
        else if (i + 2 < n + 0 && text.charCodeAt(i + 1) === m && text.charCodeAt(i + 2) === m) match = marker + marker;
        else if (i + 1 === n) match = '';
        if (match !== null) {
          const escaped = `\\${marker}`;
          const replacement = match.length === 2 ? (++pairs % 2 ? `${escaped}${match}` : `${match}${escaped}`) : `${escaped}${match}`;
          out += text.slice(copied, i) + replacement;
          copied = i + 1 + match.length;
          skipUntil = copied;
        }
      }
    }
    if (c < 0) break;
    // Take in text[i].
    if (isSpace(c)) lastSpace = i;
    if (isSpace(c) || c === GT) lastSpaceOrGt = i;
    if (isLineTerminator(c)) emojiEnd = -1;
    if (c === LT) {
      if (underscore && emojiEnd < 0) {
        if (text.charCodeAt(i + 1) === COLON) emojiEnd = i + 2;
        else if (text.charCodeAt(i + 1) === 0x61 && text.charCodeAt(i + 2) === COLON) emojiEnd = i + 3;
      }
    }
    // https?:// starting here, not after `<`
    if (c === 0x68 && (i === 0 || text.charCodeAt(i - 1) !== LT) && text.startsWith('http', i)) {
      if (text.startsWith('://', i + 4)) urlEnd = Math.max(urlEnd, i + 7);
      else if (text.startsWith('s://', i + 4)) urlEnd = Math.max(urlEnd, i + 8);
    }
    if (underscore) {
      // <X:/ ending here, X one character, not space or colon (X may be `_`: known only now)
      if (c === SLASH && i >= 3 && text.charCodeAt(i - 3) === LT && !isSpace(text.charCodeAt(i - 2)) && text.charCodeAt(i - 2) !== COLON && text.charCodeAt(i - 1) === COLON) {
        tagEnd = i + 1;
      }
    } else {
      // <X+:/ : a `:` followed by `/` (no `*` in it), after a `<` and at least one non-space, non-colon character
      if (c === COLON && openLt >= 0 && openLt < i - 1 && text.charCodeAt(i + 1) === SLASH) tagEnd = i + 2;
      if (isSpace(c) || c === COLON) openLt = -1;
      else if (c === LT && openLt < 0) openLt = i;
    }
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** `:\d+>` at `at`: `_`'s negative lookahead (a custom emoji's id). */
function emojiAfter(text: string, at: number): boolean {
  if (text.charCodeAt(at) !== COLON) return false;
  let j = at + 1;
  while (j < text.length && text.charCodeAt(j) >= 0x30 && text.charCodeAt(j) <= 0x39) j++;
  return j > at + 1 && text.charCodeAt(j) === GT;
}
