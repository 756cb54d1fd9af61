/**
 * Math fonts embedded without a Unicode map, whose glyphs pdf.js can only name by their codes
 * in the standard encodings. MathTime Pro 2 (MT2MIT/MT2MIS italic, MT2SYT/MT2SYS/MT2SYM symbols,
 * used by ACL's and Springer's typesetters) puts "=" at the code of "D", "+" at "C", the minus at
 * 0, ";" at "I", parentheses at "." and "/", brackets at 140 and 141 (which pdf.js reads "Œ" and
 * "ç"): "f .x/ D Œ0; 1ç" is "f(x) = [0, 1]", "xk D Œck I wk ç" is "xk = [ck; wk]". Otherwise its
 * symbol fonts follow TeX's cmsy layout (→ at "!", braces at "f" and "g", ∈ at "2", the bullet at
 * 15), and the italic font's letters and digits are themselves.
 */
const MT2_ITALIC: Record<string, string> = { '.': '(', '/': ')', ':': '.', ';': ',', Œ: '[', ç: ']' };
const MT2_SYMBOLS: Record<string, string> = { '\u0000': '−', C: '+', D: '=', I: ';', '!': '→', f: '{', g: '}', '2': '∈', '\u000f': '•' };

/** The font's own name (after its subset tag "ABCDEF+") → the map its glyphs need, if any. */
export function glyphMapOf(fontName: string): Record<string, string> | null {
  const name = fontName.replace(/^[A-Z]{6}\+/, '');
  if (/^MT2MI/.test(name)) return MT2_ITALIC;
  if (/^MT2SY/.test(name)) return MT2_SYMBOLS;
  return null;
}

/** A run's text as its font means it. */
export const mapGlyphs = (str: string, map: Record<string, string> | null): string => (map ? [...str].map((c) => map[c] ?? c).join('') : str);
