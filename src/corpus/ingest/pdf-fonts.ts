/**
 * Math fonts embedded without a Unicode map, whose glyphs pdf.js can only name by their codes
 * in the standard encodings. MathTime Pro 2 (MT2MIT/MT2MIS italic, MT2SYT/MT2SYS/MT2SYM symbols,
 * used by ACL's and Springer's typesetters) puts "=" at the code of "D", "+" at "C", the minus at
 * 0, ";" at "I", parentheses at "." and "/", brackets at 140 and 141 (which pdf.js reads "Œ" and
 * "ç"): "f .x/ D Œ0; 1ç" is "f(x) = [0, 1]", "xk D Œck I wk ç" is "xk = [ck; wk]". Otherwise its
 * symbol fonts follow TeX's cmsy layout (→ at "!", ← at the space's code, braces at "f" and "g",
 * ∈ at "2", the bullet at 15), and the italic font's letters and digits are themselves. (pdf.js's
 * text layer takes the ← for a space and leaves it out: `symbolsAtSpace` finds it in the drawing.)
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

/**
 * The sign a font sets at the space's code, if it is no space: MathTime's symbol fonts, in cmsy's
 * layout, put ← there. (Not in `glyphMapOf`'s map: a text run's spaces are pdf.js's word spaces.)
 */
export function spaceSignOf(fontName: string): string | null {
  return /^MT2SY/.test(fontName.replace(/^[A-Z]{6}\+/, '')) ? '←' : null;
}

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

type Matrix = [number, number, number, number, number, number];
/** The point in `inner`'s space, then `outer`'s: outer(inner(p)). */
const compose = (outer: Matrix, inner: Matrix): Matrix => [
  outer[0] * inner[0] + outer[2] * inner[1],
  outer[1] * inner[0] + outer[3] * inner[1],
  outer[0] * inner[2] + outer[2] * inner[3],
  outer[1] * inner[2] + outer[3] * inner[3],
  outer[0] * inner[4] + outer[2] * inner[5] + outer[4],
  outer[1] * inner[4] + outer[3] * inner[5] + outer[5],
];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
const asMatrix = (m: unknown): Matrix | null => (m && typeof m === 'object' ? (Array.from(m as ArrayLike<number>) as Matrix) : null);

/** What pdf.js's operator list gives (`page.getOperatorList()`), and its operator codes. */
export interface OperatorList {
  fnArray: number[];
  argsArray: unknown[];
}
type Glyph = { unicode: string; width: number; isSpace: boolean } | number;

/**
 * Signs a symbol font sets at the space's code (MathTime's ←, over "g" in NAACL's backward LSTM
 * state "←g"), which pdf.js's text layer drops as word spaces: found by drawing the page's text
 * operators again (text matrix, moves, fonts, spacing, as pdf.js's canvas does) and given as
 * runs where they are drawn, in the font's sign (`spaceSignOf`).
 */
export function symbolsAtSpace(list: OperatorList, ops: Record<string, number>, realName: (loadedName: string) => string): Array<{ str: string; x: number; y: number; w: number; size: number }> {
  const found: Array<{ str: string; x: number; y: number; w: number; size: number }> = [];
  type State = { ctm: Matrix; tm: Matrix; x: number; y: number; lineX: number; lineY: number; font: string; size: number; charSpacing: number; wordSpacing: number; hScale: number; leading: number; rise: number };
  let st: State = { ctm: IDENTITY, tm: IDENTITY, x: 0, y: 0, lineX: 0, lineY: 0, font: '', size: 0, charSpacing: 0, wordSpacing: 0, hScale: 1, leading: 0, rise: 0 };
  const stack: State[] = [];
  const moveText = (dx: number, dy: number) => {
    st.x = st.lineX += dx;
    st.y = st.lineY += dy;
  };
  list.fnArray.forEach((fn, i) => {
    const args = (list.argsArray[i] ?? []) as unknown[];
    if (fn === ops.save) stack.push({ ...st });
    else if (fn === ops.restore) st = stack.pop() ?? st;
    else if (fn === ops.transform) st.ctm = compose(st.ctm, args as Matrix);
    else if (fn === ops.paintFormXObjectBegin) {
      stack.push({ ...st });
      const m = asMatrix(args[0]);
      if (m) st.ctm = compose(st.ctm, m);
    } else if (fn === ops.paintFormXObjectEnd) st = stack.pop() ?? st;
    else if (fn === ops.beginText) Object.assign(st, { tm: IDENTITY, x: 0, y: 0, lineX: 0, lineY: 0 });
    else if (fn === ops.setTextMatrix) Object.assign(st, { tm: asMatrix(args[0]) ?? IDENTITY, x: 0, y: 0, lineX: 0, lineY: 0 });
    else if (fn === ops.moveText) moveText(args[0] as number, args[1] as number);
    else if (fn === ops.setLeadingMoveText) {
      st.leading = args[1] as number;
      moveText(args[0] as number, args[1] as number);
    } else if (fn === ops.setLeading) st.leading = -(args[0] as number);
    else if (fn === ops.nextLine) moveText(0, st.leading);
    else if (fn === ops.setFont) Object.assign(st, { font: args[0] as string, size: Math.abs(args[1] as number) });
    else if (fn === ops.setCharSpacing) st.charSpacing = args[0] as number;
    else if (fn === ops.setWordSpacing) st.wordSpacing = args[0] as number;
    else if (fn === ops.setHScale) st.hScale = (args[0] as number) / 100;
    else if (fn === ops.setTextRise) st.rise = args[0] as number;
    else if (fn === ops.showText) {
      const sign = spaceSignOf(realName(st.font));
      let x = 0;
      for (const g of (args[0] ?? []) as Glyph[]) {
        if (typeof g === 'number') {
          x -= (g * st.size) / 1000;
          continue;
        }
        const advance = (g.width * st.size) / 1000 + (g.isSpace ? st.wordSpacing : 0) + st.charSpacing;
        if (sign && g.unicode === ' ') {
          const m = compose(st.ctm, st.tm);
          const [px, py] = [st.x + x * st.hScale, st.y + st.rise];
          const scale = Math.hypot(m[0], m[1]);
          found.push({ str: sign, x: m[0] * px + m[2] * py + m[4], y: m[1] * px + m[3] * py + m[5], w: advance * st.hScale * scale, size: Math.round(st.size * scale * 10) / 10 });
        }
        x += advance;
      }
      st.x += x * st.hScale;
    }
  });
  return found;
}
