/**
 * Completing who trades with whom when a clause names only one side, or none: rules of
 * reading over the sentence, the paragraph and the document, not facts about them.
 */
import type { Paragraph } from '../../corpus/types.js';
import { findCountryMentions, type CountryMention } from '../countries.js';
import type { Flow, PartialFlow } from './roles.js';
import { maskCitations } from './sentences.js';

/** What `fillTradeFlows` reads and completes on a figure being extracted. */
export interface FlowDraft {
  measureWord: string;
  entities: string[];
  flow: Flow | null;
  /** Exporter/importer read from the clause, for amounts next to export/import words. */
  trade?: PartialFlow & { verb: 'exports' | 'imports' };
  /** A bilateral measure ("trade") that needs two countries even if the clause names one. */
  bilateral: boolean;
}

export interface FillContext {
  sentenceCountries: string[];
  /** The document's most-mentioned country: who "imports" and "trade" are about by default. */
  focal: string | null;
  /** The paragraph's countries, most mentioned first: its topic partner comes early. */
  ranking: string[];
}

/**
 * Completes trade flows the clause leaves half-said, by general reading rules:
 *  - "$18 million in imports" with no country: the importer is the country whose exports or
 *    imports a parallel clause reports, else the document's main country;
 *  - "…, while Mongolia only exported $7.14 million": a parallel clause with the reverse
 *    direction ("Kazakhstan exported … to Mongolia") names the partner;
 *  - else a country of the same sentence that plays no role in a parallel clause
 *    ("imports from China …; imports from South Korea …" are not between the two);
 *  - else the document's main country, else the paragraph's most-mentioned other country.
 * "Trade" figures are completed to two countries the same way.
 */
export function fillTradeFlows(drafts: FlowDraft[], ctx: FillContext): void {
  const flows = drafts.filter((d) => d.trade);
  for (const d of flows) {
    const t = d.trade!;
    let { from, to } = t;
    const siblings = flows.filter((s) => s !== d).map((s) => s.trade!);
    if (!from && !to) {
      // "$26 million in exports from Mongolia; $18 million in imports": both are Mongolia's.
      const owner = (f: PartialFlow & { verb: string }) => (f.verb === 'imports' ? f.to : f.from);
      const reporter = siblings.map(owner).find((c): c is string => c !== null) ?? ctx.focal;
      if (t.verb === 'imports') to = reporter;
      else from = reporter;
    }
    const inSiblingRoles = new Set(siblings.flatMap((s) => [s.from, s.to]).filter((c): c is string => c !== null));
    const pick = (known: string | null, reversal: string | null): string | null =>
      reversal ??
      ctx.sentenceCountries.find((c) => c !== known && !inSiblingRoles.has(c)) ??
      (ctx.focal && ctx.focal !== known ? ctx.focal : null) ??
      ctx.ranking.find((c) => c !== known) ??
      null;
    if (from && !to) to = pick(from, siblings.find((s) => s.to === from && s.from)?.from ?? null);
    if (to && !from) from = pick(to, siblings.find((s) => s.from === to && s.to)?.to ?? null);
    if (from && to && from !== to) {
      d.flow = { from, to };
      d.entities = [from, to];
      d.measureWord = 'exports';
    }
  }
  for (const d of drafts.filter((x) => x.bilateral && x.entities.length < 2)) {
    const candidates = [...ctx.sentenceCountries, ...(ctx.focal ? [ctx.focal] : []), ...ctx.ranking];
    for (const c of candidates) {
      if (d.entities.length >= 2) break;
      if (!d.entities.includes(c)) d.entities.push(c);
    }
  }
}

/**
 * A document's main country must run through it: named in at least this share of its
 * paragraphs (and in two). A medical paper that names the United States once has none, and
 * its "2,462 participants" are nobody's; an article on Mongolia names Mongolia throughout.
 */
const FOCAL_SHARE = 0.1;

/** Each document's most-mentioned country (citations blanked), for "imports" with no importer; none when no country runs through it. */
export function focalCountries(paragraphs: readonly Paragraph[]): Map<string, string> {
  const byDocument = new Map<string, { mentions: CountryMention[]; paragraphs: number; naming: Map<string, number> }>();
  for (const p of paragraphs) {
    const doc = byDocument.get(p.documentId) ?? { mentions: [], paragraphs: 0, naming: new Map<string, number>() };
    const found = findCountryMentions(maskCitations(p.text));
    doc.mentions.push(...found);
    doc.paragraphs++;
    for (const c of new Set(found.map((m) => m.country))) doc.naming.set(c, (doc.naming.get(c) ?? 0) + 1);
    byDocument.set(p.documentId, doc);
  }
  const focal = new Map<string, string>();
  for (const [documentId, doc] of byDocument) {
    const top = rankCountries(doc.mentions)[0];
    const naming = top ? (doc.naming.get(top) ?? 0) : 0;
    if (top && naming >= Math.max(2, FOCAL_SHARE * doc.paragraphs)) focal.set(documentId, top);
  }
  return focal;
}

/** Countries by number of mentions, ties broken by first appearance. */
export function rankCountries(mentions: readonly CountryMention[]): string[] {
  const counts = new Map<string, number>();
  for (const m of mentions) counts.set(m.country, (counts.get(m.country) ?? 0) + 1);
  return [...counts.keys()].sort((a, b) => counts.get(b)! - counts.get(a)!);
}

