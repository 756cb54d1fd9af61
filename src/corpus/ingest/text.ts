import { emptyDraft, propose, type Draft, type DraftBlock } from './draft.js';
import { findDoi, readDateLine } from './metadata.js';
import { withoutWikiResidue } from './wikiResidue.js';

/**
 * Plain text and Markdown → Draft. Plain text has no markup, so its structure is read
 * from the shapes people and converters leave: the first line is the title, a date or
 * byline may follow it, `== Heading ==` (wiki and Factbook exports), a short line alone
 * between blank lines is a heading, `Field:` followed by its values is one paragraph, and
 * a run of `[n] …` notes at the end is the bibliography.
 */

const REFERENCES_HEADING = /^(references|bibliography|works cited|sources|notes|notes and references|literature cited|citations)$/i;
/**
 * A heading line, "== Title ==" (a wiki export's) or "## Title ##" (Markdown's closing marks
 * optional): its marks and its title. Read without one pattern for the whole line: "(.+?)\s*#*$"
 * takes time growing with the cube of a line's run of spaces (0.6 s at 1,000 characters, 69 s
 * at 5,000), and a text's paragraph may be one line of thousands.
 */
function headingLine(line: string, marks: RegExp, closing: 'same' | 'any'): { marks: string; title: string } | null {
  const open = marks.exec(line)?.[0];
  if (!open) return null;
  let rest = line.slice(open.length);
  if (closing === 'same') {
    if (!rest.endsWith(open) || rest.length <= open.length) return null;
    rest = rest.slice(0, -open.length);
  } else {
    const unclosed = rest.trimEnd();
    let end = unclosed.length;
    while (end > 0 && unclosed[end - 1] === '#') end--;
    // ("# ###": marks alone after the opening are the title.)
    if (unclosed.slice(0, end).trim()) rest = unclosed.slice(0, end);
  }
  const title = rest.trim();
  return title ? { marks: open.trim(), title } : null;
}
const wikiHeading = (line: string) => headingLine(line, /^={2,6}/, 'same');
const atxHeading = (line: string) => headingLine(line, /^#{1,6}\s+/, 'any');
const LIST_ITEM = /^\s*(?:[-*•+]|\d{1,3}[.)])\s+/;
const NOTE = /^\[(\d{1,4})\]\s*(.*)$/;
/**
 * Lines an export leaves that are no text: a press release's end mark ("###", escaped "\\###"),
 * a table it could not render ("[TABLE]"), the article's page name the wiki export appends over
 * its notes ("Foreign_relations_of_Afghanistan": words joined by underscores, no space).
 */
const NO_TEXT = /^(?:\\?#{3,}|\[TABLE\]|[\p{L}\d][^\s_]*(?:_[^\s_]+)+)$/u;
const TIME = /\b\d{1,2}:\d\d\b/;

/** A short line standing alone that reads as a title, not a sentence or a label. */
function looksLikeHeading(line: string): boolean {
  if (line.length > 100 || line.length < 2) return false;
  if (!/^[\p{Lu}\d]/u.test(line) || TIME.test(line) || DANGLING.test(line)) return false;
  // (Judged without its note markers: "… two-round system.[8]" is a sentence, "RETAIL SALES IN RUSSIA[149]" a title.)
  const bare = line.replace(/(?:\s*\[\d+\])+$/u, '');
  if (/[.;,:!?"'”’)]$/.test(bare) && !/\?$/.test(bare)) return false;
  const letters = line.replace(/[^\p{L}]/gu, '').length;
  return letters >= line.replace(/\s/g, '').length * 0.6 && line.split(/\s+/).length <= 14;
}

/**
 * Some exports wrap lines and put a blank line after each (the Congressional Record): a
 * block that stops mid-sentence, followed by one that starts in lower case, is one paragraph.
 */
function joinWrappedBlocks(blocks: string[][]): string[][] {
  const out: string[][] = [];
  for (const b of blocks) {
    // The tail of a wiki image caption ("data[7]]]", "of the … banknote issued since 2006.[19] ]]")
    // is not the heading above it going on: it is dropped.
    if (/^\p{Ll}/u.test(b[0]!.trim()) && /\]\]\s*$/.test(b[b.length - 1]!.trim())) continue;
    const prev = out[out.length - 1];
    const last = prev?.[prev.length - 1]?.trim() ?? '';
    // (It also goes on, in capitals, after a word that cannot end a sentence: "… the more benign
    // regime of" / "Alexander Lukashenko …", "… developing the Trans" / "Afghanistan Gas Pipeline".)
    const midSentence = last.length >= 60 && (DANGLING.test(last) || /\bthe \p{Lu}\p{Ll}[\p{L}-]*$/u.test(last)) && /^\p{Lu}/u.test(b[0]!.trim());
    if (prev && last && !/[.!?:;"”')\]]$/.test(last) && !wikiHeading(last) && (/^\p{Ll}/u.test(b[0]!.trim()) || midSentence)) {
      prev[prev.length - 1] = /\p{L}-$/u.test(last) ? `${last.slice(0, -1)}${b[0]!.trim()}` : `${last} ${b[0]!.trim()}`;
      prev.push(...b.slice(1));
    } else out.push([...b]);
  }
  return out;
}

/** A heading does not end on a word that needs another after it. */
const DANGLING = /\b(a|an|the|of|and|or|to|in|on|by|with|for|from|that|is|are|was|were|as|at|but)$/i;

/** A field's value for a year, after its name: "2024: $16,800 (2024 est.)". */
const YEAR_VALUE = /^((?:1[89]|20)\d\d): (\S.*)$/u;

/** Joins a block's lines into paragraphs: hard-wrapped lines, and `Label:` with its values. */
function blockParagraphs(lines: string[]): string[] {
  const out: string[] = [];
  // The open label's name ("Real GDP per capita" of "Real GDP per capita:"), while its values may follow; null when none is open.
  let labelName: string | null = null;
  for (const raw of lines) {
    const line = raw.trim();
    const last = out.length - 1;
    const byYear = labelName !== null && line.startsWith(`${labelName} `) ? YEAR_VALUE.exec(line.slice(labelName.length + 1)) : null;
    if (last >= 0 && byYear) {
      // `Real GDP per capita:` / `Real GDP per capita 2024: $16,800` / `… 2023: $16,200`: one
      // fact, its values by year, as a reader sees the Factbook's table (alone, the label
      // answered "what is the GDP per capita?" with nothing).
      out[last] = `${out[last]}${/:$/.test(out[last]!) ? ' ' : '; '}${byYear[1]}: ${byYear[2]}`;
      continue;
    }
    if (last >= 0 && labelName !== null && /^\p{Ll}/u.test(line)) {
      // `Area:` / `total: 1,564,116 sq km` / `land: …` read as one fact.
      out[last] = `${out[last]}${/:$/.test(out[last]!) ? ' ' : '; '}${line}`;
      continue;
    }
    const previous = last >= 0 ? out[last]! : '';
    if (last >= 0 && !LIST_ITEM.test(line) && previous.length >= 40 && !/[.!?:;"”)]$/.test(previous) && /^[\p{Ll}(“"'‘\d]/u.test(line)) {
      // A hard-wrapped line of the same paragraph.
      out[last] = /\p{L}-$/u.test(previous) ? `${previous.slice(0, -1)}${line}` : `${previous} ${line}`;
      continue;
    }
    // (A label alone, then the same label with its values — the Factbook's "Languages:" over
    // "Languages: Afghan Persian or Dari …" — is the one fact.)
    if (labelName !== null && line.startsWith(previous) && line.length > previous.length) out.pop();
    labelName = /^[\p{Lu}][^.!?]{0,60}:$/u.test(line) ? line.slice(0, -1) : null;
    out.push(line.replace(LIST_ITEM, ''));
  }
  return out;
}

export function importText(raw: string, options: { markdown?: boolean } = {}): Draft {
  const draft = emptyDraft();
  // Two apostrophes are a double quote where a typewriter-era source set them so (the
  // Congressional Record: ''Our cause is just''), a quotation mark to quote and search by.
  // So are two hyphens between words a dash ("perpetual war--which is", "Mr. Mone Jr.--two").
  let text = raw
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .replace(/(?<!')''(?!')/g, '"')
    .replace(/(?<=[\p{L}\d.,;:!?)"'”’])--(?=[\p{L}\d"“‘(])/gu, '—');
  if (options.markdown) text = frontMatter(text, draft);
  const blocks = joinWrappedBlocks(text.split(/\n\s*\n/).map((b) => b.split('\n').filter((l) => l.trim() !== '')).filter((b) => b.length > 0));
  const page = draft.pages[0]!;
  const push = (b: DraftBlock) => page.blocks.push(b);
  let inReferences = false;
  let first = true;
  let fence = false;

  blocks.forEach((lines, blockIndex) => {
    if (first) {
      // The title: the first line (a Markdown `# Title` too), perhaps followed by a date or byline.
      first = false;
      const title = atxHeading(lines[0]!.trim())?.title ?? lines[0]!.trim();
      propose(draft, 'title', title, options.markdown ? 'first heading' : 'first line');
      const rest = lines.slice(1);
      const dated = rest.length > 0 ? readDateLine(rest[0]!.trim()) : blocks[1]?.length === 1 ? readDateLine(blocks[1][0]!.trim()) : null;
      if (dated) {
        propose(draft, 'date', dated.date, 'date line under the title');
        propose(draft, 'year', dated.year, 'date line under the title');
        if (dated.byline) propose(draft, 'authors', [dated.byline], 'byline under the title');
        if (rest.length > 0) rest.shift();
        else blocks[1] = [];
      }
      if (rest.length > 0) lines = rest;
      else return;
    }
    if (lines.length === 0) return;
    if (options.markdown && lines.some((l) => /^\s*(```|~~~)/.test(l))) {
      // Code is not prose to quote; fences may span blank lines.
      fence = lines.filter((l) => /^\s*(```|~~~)/.test(l)).length % 2 === 1 ? !fence : fence;
      return;
    }
    if (fence) return;
    // Template residue of wiki exports: a line of `Category:` links.
    lines = lines.filter((l) => (l.match(/Category:/g) ?? []).length < 2);
    if (lines.length === 0) return;

    const simple = simpleTable(lines);
    if (simple) {
      push({ type: 'table', rows: withoutWikiRows(simple) });
      return;
    }
    const tableLines = lines.filter((l) => /^\s*[|+]/.test(l));
    if (tableLines.length >= 2 && tableLines.length >= lines.length * 0.8) {
      // ASCII and Markdown pipe tables: rows of cells, separators dropped.
      const rows = tableLines
        .filter((l) => !/^\s*[+|][-=+:|\s]*$/.test(l))
        .map((l) => l.trim().replace(/^\||\|$/g, '').split('|').map((c) => c.trim()));
      push({ type: 'table', rows: withoutWikiRows(rows) });
      return;
    }

    for (const [i, line0] of lines.entries()) {
      const line = line0.trim();
      const heading = wikiHeading(line) ?? (options.markdown ? atxHeading(line) : null);
      if (heading) {
        const title = heading.title;
        inReferences = REFERENCES_HEADING.test(title);
        if (!inReferences) push({ type: 'heading', level: heading.marks.length <= 2 ? 1 : 2, text: title });
        continue;
      }
      if (options.markdown && i + 1 < lines.length && /^(=+|-+)\s*$/.test(lines[i + 1]!)) {
        push({ type: 'heading', level: lines[i + 1]!.startsWith('=') ? 1 : 2, text: line });
        lines[i + 1] = '';
        continue;
      }
      if (line === '') continue;
      // The rest of the block is read as paragraphs below.
      const remaining = lines.slice(i).filter((l) => l.trim() !== '');
      readParagraphs(remaining, blockIndex);
      return;
    }
  });

  function readParagraphs(lines: string[], blockIndex: number): void {
    const raw = lines.length === 1 ? lines[0]!.trim() : null;
    // A wiki image caption left on a line of its own ("Boeing 777 in … livery]]") is no heading;
    // a line is judged as it reads once its residue is gone ("… established in 1981.829A9531.jpg").
    const single = raw === null ? null : withoutWikiResidue(raw);
    if (raw && (!single || NO_TEXT.test(single))) return;
    if (single && !options.markdown && looksLikeHeading(single) && blockIndex < blocks.length - 1) {
      inReferences = REFERENCES_HEADING.test(single);
      if (!inReferences) push({ type: 'heading', level: 1, text: single });
      return;
    }
    for (const block of blockParagraphs(lines)) {
      const p = withoutWikiResidue(block);
      if (!p) continue;
      const note = NOTE.exec(p);
      if (inReferences || note) {
        // A trailing run of numbered notes (`[12] …`, wiki exports) is the bibliography; a note
        // the export left empty ("[4]": its citation template not rendered) is nothing.
        if (!note || note[2]!.trim()) draft.references.push(note ? note[2]! : p);
        continue;
      }
      if (NO_TEXT.test(p)) continue;
      push({ type: 'paragraph', text: options.markdown ? markdownInline(p) : p });
    }
  }

  const doi = findDoi(text.slice(0, 5000));
  if (doi) propose(draft, 'doi', doi, 'text');
  return draft;
}

/**
 * A wiki export's table cells hold the same residue as its paragraphs (a caption closed by `]]`,
 * an unclosed `{{cite …`), and a row of `name = value` cells is an infobox's parameters, not data.
 */
function withoutWikiRows(rows: string[][]): string[][] {
  const parameter = (c: string) => /^[a-z][\w]*\s*=/u.test(c.trim());
  return rows
    .map((row) => {
      // An unclosed `{{cite` goes on in the cells after it, up to its `}}`.
      let inCite = false;
      return row.map((c) => {
        if (inCite) {
          inCite = !c.includes('}}');
          return '';
        }
        inCite = /\{\{\s*cite\b[^}]*$/iu.test(c);
        // A cell of the image column ("Naurzum nature reserve.JPG") holds no fact.
        if (/\.(?:jpe?g|png|svg|gif|tiff?)$/iu.test(c.trim())) return '';
        return c.trim() ? withoutWikiResidue(c) : c;
      });
    })
    .filter((row) => {
      const filled = row.filter((c) => c.trim());
      return filled.length === 0 || filled.filter(parameter).length < Math.max(2, filled.length / 2);
    });
}

/** A column rule of a plain-text table: runs of dashes, one a column ("  ------ ------------- ---"). */
const COLUMN_RULE = /^\s*-{3,}(?:\s+-{3,})*\s*$/;

/**
 * A plain-text table as pandoc writes one (the wiki exports' election results, nature reserves,
 * births and deaths): header lines, a rule of dashes under each column, then a row a line, each
 * cell under its column's dashes. Its rows of cells, or null when the block is not one. Read as
 * lines of prose, each row was a "paragraph" of names and figures without their headings, and the
 * rule a paragraph of dashes.
 */
function simpleTable(lines: string[]): string[][] | null {
  const r = lines.findIndex((l) => COLUMN_RULE.test(l));
  // Headed (header lines, then the rule), or framed (a rule over and under the rows, no header rule).
  const framed = r === 0 && lines.length >= 3 && COLUMN_RULE.test(lines[lines.length - 1]!);
  if (!framed && (r < 1 || r > 3 || lines.length - r < 2)) return null;
  const columns = [...lines[r]!.matchAll(/-{3,}/g)].map((m) => m.index);
  const cells = (line: string) => columns.map((start, k) => line.slice(k === 0 ? 0 : start, columns[k + 1] ?? undefined).trim());
  const body = lines.slice(r + 1).filter((l) => !COLUMN_RULE.test(l) && l.trim());
  if (body.length === 0) return null;
  // Header lines (a long heading may wrap onto a second) are joined cell by cell.
  const header = framed ? [] : [lines.slice(0, r).map(cells).reduce((a, b) => a.map((c, k) => `${c} ${b[k] ?? ''}`.trim()))];
  return [...header, ...body.map(cells)].map((row) => row.map((c) => c.replace(/\s+/g, ' ')));
}

/** Links to their text, images dropped, code spans plain; `*emphasis*` is kept (the parser removes it). */
function markdownInline(s: string): string {
  return s
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/^>\s?/, '');
}

/** YAML front matter (`---` … `---`): title, author(s), date; removed from the text. */
function frontMatter(text: string, draft: Draft): string {
  const m = /^---\n([\s\S]*?)\n---\n/.exec(text);
  if (!m) return text;
  const field = (name: string) => new RegExp(`^${name}:\\s*(.+)$`, 'mi').exec(m[1]!)?.[1]?.trim().replace(/^["']|["']$/g, '');
  propose(draft, 'title', field('title'), 'front matter');
  const authors = field('authors?');
  if (authors) propose(draft, 'authors', authors.replace(/^\[|\]$/g, '').split(/[;,]/).map((a) => a.trim().replace(/^["']|["']$/g, '')).filter(Boolean), 'front matter');
  const date = field('date');
  if (date) {
    propose(draft, 'date', date, 'front matter');
    const y = /\b(1[89]|20)\d\d\b/.exec(date)?.[0];
    if (y) propose(draft, 'year', Number(y), 'front matter');
  }
  propose(draft, 'url', field('url'), 'front matter');
  propose(draft, 'doi', field('doi'), 'front matter');
  return text.slice(m[0].length);
}
