/**
 * The figures layer is transport-neutral and cheap to import: it never touches discord.js,
 * and only the chart pays for the canvas module, loaded on first use.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../src/figures', import.meta.url));
const sources = readdirSync(root, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.ts'))
  .map((f) => ({ file: f, text: readFileSync(path.join(root, f), 'utf8') }));

/** Module specifiers of static (value) imports and re-exports; `import type` is erased. */
function staticImports(text: string): string[] {
  return [...text.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?from\s+'([^']+)'/gms)].map((m) => m[1]!);
}

describe('src/figures boundaries', () => {
  it('has source files to check', () => {
    expect(sources.map((s) => s.file)).toEqual(expect.arrayContaining(['money.ts', 'trade.ts', 'chart.ts', 'extract.ts']));
  });

  it.each(sources.map((s) => [s.file, s.text]))('%s does not import discord.js', (_file, text) => {
    expect(text).not.toMatch(/['"]discord\.js['"]|['"]@discordjs\//);
  });

  it.each(sources.map((s) => [s.file, s.text]))('%s loads @napi-rs/canvas only lazily', (_file, text) => {
    expect(staticImports(text)).not.toContain('@napi-rs/canvas');
  });
});
