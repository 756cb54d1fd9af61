/**
 * Text encoded as UTF-8 and then read back one byte a character in an 8-bit encoding
 * ("mojibake"): "ω" (bytes CF 89) printed as "ÏĽ", "naïve" as "naÃŕve". A LaTeX source in
 * UTF-8 set in a T1 (Cork) font does this on the page itself, so pdf.js reads exactly the
 * garbage the PDF shows (PeerJ's VESPA paper); web text saved as Windows-1252 does it as
 * "â€™" for "’". The bytes are recovered from the characters and decoded again, only where
 * they make valid UTF-8 of a letter, digit or symbol: a lead byte's character followed by
 * its continuation bytes' characters, a sequence no language writes.
 */

/** T1 (Cork) font encoding, bytes 0x80–0xBF (the continuation bytes of UTF-8). */
const T1_HIGH = 'ĂĄĆČĎĚĘĞĹĽŁŃŇŊŐŔŘŚŠŞŤŢŰŮŸŹŽŻĲİđ§ăąćčďěęğĺľłńňŋőŕřśšşťţűůÿźžżĳ¡¿£';
/** Windows-1252, bytes 0x80–0xBF (0x81, 0x8D, 0x8F, 0x90, 0x9D are unassigned). */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ\u00a0¡¢£¤¥¦§¨©ª«¬\u00ad®¯°±²³´µ¶·¸¹º»¼½¾¿';

interface Encoding {
  /** Character → byte, for the bytes 0x80–0xFF. */
  byte: Map<string, number>;
  sequence: RegExp;
}

function encoding(high: string, lead: Record<number, string>): Encoding {
  const byte = new Map<string, number>();
  [...high].forEach((ch, i) => byte.set(ch, 0x80 + i));
  // Bytes 0xC0–0xFF are Latin-1's characters in both, but where an encoding puts others.
  for (let b = 0xc0; b <= 0xff; b++) if (lead[b] !== '') byte.set(lead[b] ?? String.fromCharCode(b), b);
  const esc = (chars: string[]) => chars.map((c) => c.replace(/[\\\]^-]/g, '\\$&')).join('');
  const leads = [...byte.entries()].filter(([, b]) => b >= 0xc2 && b <= 0xef).map(([c]) => c);
  const conts = [...high];
  return { byte, sequence: new RegExp(`[${esc(leads)}][${esc(conts)}]{1,2}`, 'gu') };
}

// T1 puts Œ at 0xD7 (215), œ at 0xF7 (247), ß at 0xFF (255), and at 0xDF (223) "SS", no lead byte.
const ENCODINGS = [encoding(T1_HIGH, { 215: 'Œ', 223: '', 247: 'œ', 255: 'ß' }), encoding(CP1252_HIGH, {})];
const decoder = new TextDecoder('utf-8', { fatal: true });

function decode(seq: string, enc: Encoding): string | null {
  const bytes = [...seq].map((c) => enc.byte.get(c));
  if (bytes.some((b) => b === undefined)) return null;
  const lead = bytes[0]!;
  // A lead byte says how many continuation bytes follow: exactly those, no more.
  const length = lead >= 0xe0 ? 3 : 2;
  if (bytes.length !== length) return null;
  try {
    const ch = decoder.decode(new Uint8Array(bytes as number[]));
    // Latin letters, Greek, punctuation and mathematical signs: what Western text borrows. (Not
    // Cyrillic, which an all-capitals Polish "GÓŁ" would decode to.)
    return /^[\p{L}\p{N}\p{S}\p{Pd}\p{Pi}\p{Pf}]$/u.test(ch) && /^[\u00a0-\u03ff\u2000-\u22ff]$/u.test(ch) ? ch : null;
  } catch {
    return null;
  }
}

export function repairMojibake(text: string): string {
  let out = text;
  for (const enc of ENCODINGS) {
    if (!enc.sequence.test(out)) continue;
    enc.sequence.lastIndex = 0;
    out = out.replace(enc.sequence, (seq) => {
      const whole = decode(seq, enc);
      if (whole) return whole;
      // Two characters matched where the sequence is two bytes: the first pair, the rest as it was.
      const pair = [...seq].slice(0, 2).join('');
      const first = decode(pair, enc);
      return first ? first + seq.slice(pair.length) : seq;
    });
  }
  return out;
}
