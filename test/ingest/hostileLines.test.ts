import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFiles } from '../../src/corpus/ingest/index.js';
import { importText } from '../../src/corpus/ingest/text.js';
import { prose, tinyPdf, type TinyLine } from './tinyPdf.js';

/**
 * Lines no writer means, which an import must still get through at once: a pattern for the
 * whole line whose time grows with a power of a run of spaces or digits held an import for
 * seconds to hours ("#", 2,000 spaces, a line separator: ~100 s; "A" and 36 digits: minutes, each digit more doubling
 * it). Each spec fails on the old pattern by vitest's time limit, hundreds of times what it takes now.
 */

const blocks = (text: string, markdown = false) => importText(text, { markdown }).pages.flatMap((p) => p.blocks);
const headings = (text: string, markdown = false) =>
  blocks(text, markdown)
    .filter((b) => b.type === 'heading')
    .map((b) => (b as { text: string; level: number }).text);

describe('headings of imported text', () => {
  it('are read from “== Title ==” and, in Markdown, “## Title” with or without closing marks', () => {
    const text = ['Steppe Routes', '', '== Trade ==', '', 'Herders sell wool.', '', '=== Wool and cashmere ===', '', 'Prices rose.'].join('\n');
    expect(headings(text)).toEqual(['Trade', 'Wool and cashmere']);
    const md = ['# Steppe Routes', '', '## Trade ##', '', 'Herders sell wool.', '', '### Wool   ', '', 'Prices rose.'].join('\n');
    expect(headings(md, true)).toEqual(['Trade', 'Wool']);
    expect(importText(md, { markdown: true }).proposed.title).toBe('Steppe Routes');
  });

  it('a line of marks and thousands of spaces, with a line separator in it, is imported at once', () => {
    // (U+2028 inside a line is what "." does not match: the old pattern failed at it after trying every split of the spaces.)
    const atx = `#${' '.repeat(2000)}\u2028${' '.repeat(2000)}x`;
    const wiki = `==${' '.repeat(2000)}\u2028${' '.repeat(2000)}x=`;
    for (const markdown of [true, false]) {
      const paragraphs = blocks(['Title', '', atx, '', wiki, '', 'A sentence.'].join('\n'), markdown).filter((b) => b.type === 'paragraph');
      expect(paragraphs.map((p) => (p as { text: string }).text)).toContain('A sentence.');
    }
  });
});

async function importTiny(name: string, pages: TinyLine[][]) {
  const dir = await mkdtemp(path.join(tmpdir(), 'steppe-hostile-'));
  const file = path.join(dir, `${name}.pdf`);
  await writeFile(file, tinyPdf(pages, { Title: 'Seasonal Routes', Author: 'Ann Author' }));
  const [result] = await importFiles([file], { corpusDir: path.join(dir, 'corpus') });
  return result!;
}

describe('a PDF line that opens like a numbered heading', () => {
  it('a letter and a run of digits, no space after, is imported at once as text', async () => {
    const BODY = 'Herders on the steppe move their animals between summer and winter pastures, and the routes they take have changed little in a century.';
    const page: TinyLine[] = [
      { text: 'Seasonal Routes of Mongolian Herders', x: 72, y: 700, size: 20, bold: true },
      { text: 'Ann Author', x: 72, y: 670, size: 12 },
      { text: '© 2021 the authors', x: 72, y: 650, size: 9 },
      ...prose(BODY, 72, 600),
      { text: `A${'7'.repeat(36)}!`, x: 72, y: 540, size: 10 },
      ...prose(BODY, 72, 520),
    ];
    const result = await importTiny('digits', [page]);
    expect(result.error).toBeUndefined();
    expect(result.status).toBe('added');
  });
});
