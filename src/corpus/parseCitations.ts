import { editDistance, foldForMatch } from './text.js';
import type { CitationLink, Reference } from './types.js';

/**
 * In-text author–date citations, in the forms the sources use:
 *   `(Pieper, 2020b, p.2)`, `(Batbayar 2002, p.325; Soni 1996, p.174)`,
 *   `(Rickleton 2020; 2021)` (second year, same author), `Laruelle (2018, p.405)` and
 *   `Keohane and Nye (2012)` (narrative), `(ibid)` (resolved later, in reading order).
 */

const YEAR = '(?:1[89]\\d\\d|20\\d\\d)[a-z]?';
const PAREN = /\(([^()]{1,300})\)/g;
const PART = new RegExp(
  `^(?:(?:see|e\\.g\\.|cf\\.?|also)[,\\s]+)*([^;]*?)[,\\s]*\\b(${YEAR})\\b(?:[,\\s]*((?:pp?\\.)\\s*[\\d–-]+))?`,
  'i',
);
/** Capitalised name words just before a narrative citation's parenthesis. */
const NARRATIVE_NAME = /((?:\p{Lu}[\p{L}'’-]+(?:\s+(?:and|&)\s+|\s+))*\p{Lu}[\p{L}'’-]+(?:\s+et\s+al\.?)?)\s*$/u;

export function parseCitations(text: string, references: Reference[]): CitationLink[] {
  const links: CitationLink[] = [];
  for (const m of text.matchAll(PAREN)) {
    const inner = m[1]!.trim();
    if (/^ibid\.?/i.test(inner)) {
      links.push({ raw: inner, referenceId: null, locator: /pp?\.\s*[\d–-]+/.exec(inner)?.[0] ?? null });
      continue;
    }
    if (!new RegExp(`\\b${YEAR}\\b`).test(inner)) continue;
    let author: string | null = null;
    for (const part of inner.split(';')) {
      // A span of years (`1921–1992`) is a period, not a citation.
      if (/^\d{4}\s*[–-]\s*\d{4}$/.test(part.trim())) continue;
      const pm = PART.exec(part.trim());
      if (!pm) continue;
      let name = pm[1]!.trim().replace(/[,\s]+$/, '');
      if (!name) {
        // `(2018, p.405)` after a name, or `; 2021` continuing the previous author.
        name = author ?? NARRATIVE_NAME.exec(text.slice(0, m.index))?.[1] ?? '';
      }
      if (!name || /\d/.test(name)) continue;
      author = name;
      links.push({
        raw: part.trim(),
        referenceId: resolveReference(name, pm[2]!, references)?.id ?? null,
        locator: pm[3] ?? null,
      });
      // `Pieper 2020a, 2020b` / `Pieper 2020a, b` / `Contessi 2015, 2018`: more works, same author.
      const after = part.trim().slice(pm[0].length);
      for (const more of after.matchAll(new RegExp(`,\\s*(${YEAR}|[a-z])\\b`, 'g'))) {
        const year = more[1]!.length === 1 ? pm[2]!.slice(0, 4) + more[1] : more[1]!;
        links.push({ raw: `${name} ${year}`, referenceId: resolveReference(name, year, references)?.id ?? null, locator: null });
      }
    }
  }
  return links;
}

/** First author's surname as a citation writes it: `Pacheco Pardo and Reeves` → `pacheco pardo`. */
function citedKey(name: string): string {
  return foldForMatch(name.split(/\s+(?:and|&)\s+|\s+et\s+al\b|,/)[0] ?? name);
}

/**
 * Each entry's key folded, once per list: every citation of a document is compared with
 * every entry, and folding them again each time was 22 s of a 30 s parse at ×1000 the
 * corpus. Folded again when the list has grown or an entry's key is not the one folded.
 */
const foldedKeys = new WeakMap<readonly Reference[], { keys: string[]; folded: string[] }>();

function foldedKeysOf(references: readonly Reference[]): string[] {
  let known = foldedKeys.get(references);
  if (!known || known.keys.length !== references.length || references.some((r, i) => r.key !== known!.keys[i])) {
    known = { keys: references.map((r) => r.key), folded: references.map((r) => foldForMatch(r.key)) };
    foldedKeys.set(references, known);
  }
  return known.folded;
}

/**
 * An organisation's name without its linking words: a citation shortens "National Statistics
 * Committee of Kyrgyzstan" to "National Statistics Committee Kyrgyzstan".
 */
function withoutLinkWords(folded: string): string {
  return folded.includes(' ') ? folded.replace(/\s(?:of|the|for)(?=\s)/g, '') : folded;
}

export function resolveReference(name: string, year: string, references: Reference[]): Reference | undefined {
  const key = withoutLinkWords(citedKey(name));
  const folded = foldedKeysOf(references);
  const sameName = references.filter((_, i) => {
    const refKey = withoutLinkWords(folded[i]!);
    return refKey === key || refKey.endsWith(` ${key}`) || key.endsWith(` ${refKey}`);
  });
  const bareYear = year.slice(0, 4);
  return (
    sameName.find((r) => r.year === year) ??
    sameName.find((r) => r.year?.slice(0, 4) === bareYear && (year.length === 4 || r.year.length === 4)) ??
    oneYearOff(sameName, bareYear) ??
    (sameName.length === 0 ? misprinted(key, year, references, folded) : undefined)
  );
}

/**
 * "(Baabar 1995)" with the bibliography's only 1995 entry of a name one letter off, "Vaabar,
 * B.": a misprint of the name in one of the two places. Only for names of five letters or
 * more, and only when one entry of that year is so near.
 */
function misprinted(key: string, year: string, references: Reference[], folded: string[]): Reference | undefined {
  if (key.length < 5 || key.includes(' ')) return undefined;
  const near = references.filter((r, i) => r.year === year && editDistance(withoutLinkWords(folded[i]!), key, 1) === 1);
  return near.length === 1 ? near[0] : undefined;
}

/**
 * "(Toktomushev 2016)" with the one Toktomushev of the bibliography dated 2017: a work is
 * often cited by its online-first year and listed by its print year (or the reverse). The
 * author's only entry, a year apart, is that work; with two entries of the author it is not
 * known which.
 */
function oneYearOff(sameName: Reference[], year: string): Reference | undefined {
  if (sameName.length !== 1 || !/^\d{4}$/.test(year)) return undefined;
  const only = sameName[0]!;
  const listed = Number(only.year?.slice(0, 4));
  return Number.isFinite(listed) && Math.abs(listed - Number(year)) === 1 ? only : undefined;
}
