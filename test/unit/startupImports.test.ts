import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * discord.js reaches the bot through src/discord/djs.ts (`require()`), never through an ES
 * `import` of its values: one such import anywhere in the bot's module graph makes Node
 * parse discord.js and everything it re-exports for their export names at start-up
 * (~0.13 s). `import type` is free. The two entry points that are not the bot (the sharding
 * manager, the deploy script) may import it as they like.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const ALLOWED = new Set(['src/discord/djs.ts', 'src/sharded.ts', 'src/cli/deploy.ts']);

describe('start-up imports', () => {
  it('takes discord.js values from src/discord/djs.ts only', () => {
    const offenders: string[] = [];
    for (const dir of ['src', 'commands']) {
      for (const file of readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })) {
        const rel = `${dir}/${file}`;
        if (!file.endsWith('.ts') || ALLOWED.has(rel)) continue;
        const text = readFileSync(path.join(ROOT, rel), 'utf8');
        for (const m of text.matchAll(/^import\s+(type\s+)?[^;]*?from\s+'discord\.js';/gms)) if (!m[1]) offenders.push(rel);
      }
    }
    expect(offenders).toEqual([]);
  });
});
