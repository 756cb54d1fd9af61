/**
 * US-dollar amounts as sources print them (`$7.14 M`, `US$43 million`, `\$6.59 Billion`,
 * `$413 thousand`) and back again, in the Appendix tables' compact style, for values the
 * bot computes itself (totals, balances). Values the source states are always shown with
 * the source's own text; `formatUsd` is only for numbers no source printed.
 */

/** One amount found in running text. */
export interface UsdAmount {
  /** Whole US dollars. */
  value: number;
  /** Exactly as printed, without a Markdown escape: `US$43 million`, `$7.14 M`. */
  text: string;
  /** Offsets of the match in the searched string (the match may hold a `\\$` escape). */
  index: number;
  end: number;
  /**
   * Place value of the last printed digit, in dollars (`$7.14 M` → 10 000, `$59 M` →
   * 1 000 000): two figures closer than half of it may be the same figure rounded.
   */
  precision: number;
}

const SCALES: Record<string, number> = {
  k: 1e3,
  thousand: 1e3,
  m: 1e6,
  mn: 1e6,
  million: 1e6,
  b: 1e9,
  bn: 1e9,
  billion: 1e9,
  trillion: 1e12,
};

/**
 * `US$`, `US $`, `$`, `\$` (Markdown-escaped) or `USD`, a number with optional thousands
 * commas and decimals, then an optional scale word or letter. A scale letter must not be
 * the start of a word (`$5 more` is five dollars, not five million).
 */
const AMOUNT =
  /(?:US\s?\\?\$|\\?\$|\bUSD\s?)\s?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?:\s?(thousand|million|billion|trillion|bn|mn|[kmb])(?![a-z]))?/gi;

/** Every dollar amount in `text`, in order of appearance. */
export function findUsdAmounts(text: string): UsdAmount[] {
  const found: UsdAmount[] = [];
  for (const m of text.matchAll(AMOUNT)) {
    const whole = m[1]!.replace(/,/g, '');
    const decimals = m[2] ?? '';
    const scale = m[3] ? SCALES[m[3].toLowerCase()]! : 1;
    const printed = Number(decimals ? `${whole}.${decimals}` : whole);
    found.push({
      // Rounded to whole dollars: 7.14 × 1e6 is 7140000.000000001 in floating point.
      value: Math.round(printed * scale),
      text: m[0].replace(/\\\$/g, '$'),
      index: m.index,
      end: m.index + m[0].length,
      precision: lastDigitPlace(whole, decimals) * scale,
    });
  }
  return found;
}

/** The amount when `text` is one amount and nothing else (a table cell, a query), else null. */
export function parseUsd(text: string): number | null {
  const trimmed = text.trim();
  const [only, ...rest] = findUsdAmounts(trimmed);
  if (!only || rest.length > 0 || only.index !== 0) return null;
  return only.text.length === trimmed.replace(/\\\$/g, '$').length ? only.value : null;
}

/**
 * Place value of the last significant printed digit: `7.14` → 0.01, `59` → 1, `250` → 10,
 * `10,000` → 10 000 (trailing zeros of a whole number are read as rounding).
 */
export function lastDigitPlace(whole: string, decimals: string): number {
  if (decimals.length > 0) return 10 ** -decimals.length;
  const trailingZeros = /0*$/.exec(whole)![0].length;
  return whole === '0' ? 1 : 10 ** Math.min(trailingZeros, whole.length - 1);
}

/**
 * Compact dollars in the Appendix tables' style: three significant digits, trailing zeros
 * dropped, `K`/`M`/`B` suffixes — `$7.14 M`, `$616 K`, `$1.2 B`, `-$51 M`.
 */
export function formatUsd(n: number): string {
  const sign = n < 0 ? '-' : '';
  const abs = Math.abs(n);
  if (Math.round(abs) < 1000) return `${sign}$${Math.round(abs)}`;
  // Round first, then pick the suffix, so 999 600 becomes `$1 M`, not `$1000 K`.
  const rounded = Number(abs.toPrecision(3));
  const [divisor, suffix] = rounded >= 1e9 ? [1e9, 'B'] : rounded >= 1e6 ? [1e6, 'M'] : [1e3, 'K'];
  const scaled = Number((rounded / divisor).toPrecision(3));
  return `${sign}$${trimZeros(String(scaled))} ${suffix}`;
}

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}
