import type { Draft } from './draft.js';
import { repairMojibake } from './mojibake.js';
import { withAccents } from './pdf-lines.js';

/**
 * The last pass over a PDF's text, once lines are joined into paragraphs, cells, notes and
 * entries: what only shows across the joins, or in the glyphs the page printed.
 * - an accent TeX set as a glyph of its own, raised over a capital on a line of its own
 *   ("2.2 ˚ A" for "2.2 Å", "( ˆ P@1)");
 * - "◦" (a white bullet) set as the degree sign ("16 ◦C"), a long arrow set as a minus and a head ("−→");
 * - a URL broken at the line's end after its "//", a "/" or a "." ("https:// github.com/allenai",
 *   "https://github.com/ UKPLab/sentence-transformers", "meshhome. html", "https: //metamap…"): one
 *   address, as printed;
 * - UTF-8 printed through an 8-bit font ("ÏĽ" for "ω", `mojibake.ts`).
 */
export function tidyPdfText(text: string): string {
  return withAccents(repairMojibake(text).replace(/([¨´ˆ˜˚˝ˇ¸])\s+(?=\p{L})/gu, '$1'))
    .replace(/(\d\s?)◦(?=[CF]\b)/gu, '$1°')
    // (A long arrow set as a minus and an arrowhead: "p1 −→ p2"; struck through, "−−↛".)
    .replace(/−+\s?([→↛])/gu, '$1')
    .replace(/\b(https?):\s+(?=\/\/)/gu, '$1:')
    .replace(/\b(https?:\/\/)\s+(?=[\w-]+\.)/gu, '$1')
    .replace(/\b(https?:\/\/\S*[/.=-])\s+(?=[\w%#.-]*[/.#%=&][\w%#./=&?-]*\w)/gu, '$1')
    // (An address ending a note, broken after a "/" or "." on its last line: "…/allenai/ openie-standalone".)
    .replace(/\b(https?:\/\/\S*[/.])\s+(?=[\w.-]+\/?$)/gu, '$1')
    .replace(/\b(https?:\/\/\S*\.)\s+(?=(?:html?|php|aspx?|shtml|pdf|org|com|net)\b)/gu, '$1');
}

/** Every text of the draft (headings, paragraphs, table cells, footnotes, references) tidied. */
export function tidyDraftText(draft: Draft): void {
  for (const page of draft.pages) {
    for (const b of page.blocks) {
      if (b.type === 'table') b.rows = b.rows.map((r) => r.map(tidyPdfText));
      else b.text = tidyPdfText(b.text);
    }
    for (const f of page.footnotes) f.text = tidyPdfText(f.text);
  }
  draft.references = draft.references.map(tidyPdfText);
}
