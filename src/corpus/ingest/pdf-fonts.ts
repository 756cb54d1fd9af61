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

/**
 * TeX's own symbol fonts (cmsy, and fonts built on its layout) name the slash that \not strikes
 * through a relation "negationslash", a name pdf.js has no Unicode for: it gives the glyph's code,
 * "6" (SPECTER's "P¹ 6 cite −−→ P³" for "does not cite"; "a 6= b" for "a ≠ b"). It is a zero-width
 * stroke over the next sign: Unicode's combining long solidus overlay, put on that sign by
 * `strikeNegations`.
 */
export const NEGATION = '\u0338';
const CM_SYMBOLS: Record<string, string> = { '6': NEGATION };

/** The font's own name (after its subset tag "ABCDEF+") → the map its glyphs need, if any. */
export function glyphMapOf(fontName: string): Record<string, string> | null {
  const name = fontName.replace(/^[A-Z]{6}\+/, '');
  if (/^MT2MI/.test(name)) return MT2_ITALIC;
  if (/^MT2SY/.test(name)) return MT2_SYMBOLS;
  if (/^CMSY\d+$/.test(name)) return CM_SYMBOLS;
  return null;
}

interface PlacedRun {
  str: string;
  x: number;
  y: number;
  w: number;
  size: number;
}

/**
 * A negation slash (a run of NEGATION alone) joined to the sign it is struck through: the run on
 * its baseline that it starts inside (the one begun last, where two overlap), and along an arrow
 * drawn long ("−−→") its head. Composed where Unicode has the sign ("=" → "≠", "→" → "↛",
 * "∈" → "∉"); a slash over nothing on its baseline is dropped rather than left a stray mark.
 */
export function strikeNegations<R extends PlacedRun>(runs: R[]): R[] {
  const onBaseline = (a: PlacedRun, b: PlacedRun) => Math.abs(a.y - b.y) < Math.max(a.size, b.size) * 0.25;
  const out = [...runs];
  for (const slash of runs.filter((r) => r.str === NEGATION)) {
    out.splice(out.indexOf(slash), 1);
    const inked = out.filter((r) => r.str.trim() && onBaseline(r, slash));
    let target: R | undefined = inked.filter((r) => r.x - 0.5 <= slash.x && slash.x < r.x + r.w).sort((a, b) => b.x - a.x)[0];
    if (!target) continue;
    let at = Math.min(target.str.length - 1, Math.max(0, Math.floor(((slash.x - target.x) / Math.max(target.w, 0.01)) * target.str.length)));
    // An arrow drawn long: its shaft's pieces, then its head.
    while (target.str[at] === '−') {
      if (at + 1 < target.str.length) {
        if (!/[−→⟶]/u.test(target.str[at + 1]!)) break;
        at++;
        continue;
      }
      const end: number = target.x + target.w;
      const start: number = target.x;
      const next: R | undefined = inked.filter((r) => r.x > start && r.x <= end + 1.5 && /^[−→⟶]/u.test(r.str)).sort((a, b) => a.x - b.x)[0];
      if (!next) break;
      target = next;
      at = 0;
    }
    const struck = target.str.slice(0, at + 1) + NEGATION + target.str.slice(at + 1);
    out[out.indexOf(target)] = Object.assign({}, target, { str: struck.normalize('NFC') });
  }
  return out;
}

/** A run's text as its font means it. */
export const mapGlyphs = (str: string, map: Record<string, string> | null): string => (map ? [...str].map((c) => map[c] ?? c).join('') : str);
