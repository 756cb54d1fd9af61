import { escapeMarkdown } from 'discord.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeText } from '../../src/discord/render.js';
import { escapeMarkdownLinear } from '../../src/render/escape.js';

/**
 * escapeText escapes in linear time (src/render/escape.ts) and must say exactly what
 * discord.js's escapeMarkdown says. Inputs are built from the pieces its rules look at —
 * markers, URLs, `<a:…>`/`<#…>` tags, colons, slashes, spaces, line breaks — so every rule
 * and lookbehind is hit many times over, plus real text around them.
 */
const pieces = ['*', '_', '**', '__', '***', '___', '<', '>', ':', '/', '<a:', '<:', 'a', 'x', 'http://', 'https://', '<https://', '<t:/', '<ab:/', ':12>', '1', ' ', '\n', '\r', '\u2028', '`', '``', '```', '\\', '~~', '||', 'é', '\u00a0', '#', '-', '.'];
const piece = fc.constantFrom(...pieces);
const input = fc.array(piece, { maxLength: 24 }).map((a) => a.join(''));

describe('escapeMarkdownLinear', () => {
  it('equals escapeMarkdown on generated inputs', () => {
    fc.assert(
      fc.property(input, (s) => {
        expect(escapeMarkdownLinear(s)).toBe(escapeMarkdown(s));
      }),
      { numRuns: 20_000 },
    );
  });

  it('equals escapeMarkdown on arbitrary short strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 40 }), (s) => {
        expect(escapeMarkdownLinear(s)).toBe(escapeMarkdown(s));
      }), { numRuns: 5000 });
  });

  it('equals escapeMarkdown on corpus-like prose with markers', () => {
    const cases = [
      'Mongolia’s *third neighbour* policy, see https://example.org/a_b_c and <https://x.org/_y_>, 2_000 tonnes.',
      'Emoji <a:wave_hand:123> and <:smile_face:45> in _one_ line\nand __two__ lines *here*',
      'snake_case_words and **bold** and ***both*** and ___under___ _',
      '<#123> <@!456> `code_with_underscores` ```block_here``` \\escaped_\\',
    ];
    for (const s of cases) expect(escapeMarkdownLinear(s)).toBe(escapeMarkdown(s));
  });

  it('takes linear time on a long line (escapeMarkdown: the square)', () => {
    const long = 'The relations of Mongolia and Kazakhstan_were strained, *said* one report. '.repeat(200); // 15,000 characters, one line
    const timed = (f: () => unknown) => {
      const start = performance.now();
      f();
      return performance.now() - start;
    };
    expect(escapeText(long)).toBe(escapeMarkdown(long));
    // Against the quadratic escapeMarkdown on the same input in the same process, not a fixed
    // number of ms: a loaded machine slows both alike. It needs hundreds of ms here, the
    // linear scan well under 1 (the best of three runs, so one GC pause cannot decide it).
    const square = timed(() => escapeMarkdown(long));
    const linear = Math.min(timed(() => escapeText(long)), timed(() => escapeMarkdownLinear(long)), timed(() => escapeMarkdownLinear(long)));
    expect(linear).toBeLessThan(square / 10);
  });
});
