import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const dir = new URL('../../corpus/', import.meta.url);

describe('corpus/LICENSES.md', () => {
  it('names every document in the corpus with its source and licence', () => {
    const licences = readFileSync(new URL('LICENSES.md', dir), 'utf8');
    const docs = readdirSync(dir).filter((n) => n.endsWith('.json'));
    expect(docs.length).toBeGreaterThan(0);
    for (const name of docs) {
      const meta = JSON.parse(readFileSync(new URL(name, dir), 'utf8')) as { file?: string; doi?: string | null };
      const row = licences.split('\n').find((line) => line.includes(`\`${meta.file ?? name.replace(/\.json$/, '.txt')}\``));
      expect(row, `${name} has no row in corpus/LICENSES.md`).toBeDefined();
      // Columns: text | document | source | licence; the licence cell is never empty.
      const cells = row!.split('|').map((c) => c.trim()).filter(Boolean);
      expect(cells).toHaveLength(4);
      if (meta.doi) expect(cells[2]).toContain(meta.doi);
    }
  });
});
