import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import type { CommandContext } from '../../src/command.js';
import { renderMessage } from '../../src/discord/render.js';
import { parseCustomId } from '../../src/discord/customIds.js';
import { createEngine, type Engine } from '../../src/engine.js';
import { expectWithinDiscordLimits } from './limits.js';

/**
 * Any string as any option of any command gives a reply within Discord's limits that
 * pings nobody (except the `mention` user) and never throws. Seeded: a failure prints
 * its seed and shrunk counterexample, and reruns the same way.
 */

const SEED = 20261123;
const RUNS = Number(process.env.PROPERTY_RUNS ?? 400);

const hostile = fc.constantFrom(
  '',
  ' ',
  '\t\n\r',
  '@everyone',
  '@here',
  '<@123456789012345678>',
  '<@!123456789012345678>',
  '<@&123456789012345678>',
  '<#123456789012345678>',
  '```js\nalert(1)\n```',
  '**bold** __u__ ~~s~~ ||spoiler|| > quote',
  '\u200b\u200c\u200d\u2060\ufeff',
  '\u202e\u202d\u200f\u200e',
  'Монголия и Казахстан',
  'ᠮᠣᠩᠭᠣᠯ ᠤᠯᠤᠰ',
  'Қазақстан Республикасы',
  '🐎🏔️👩‍👩‍👧',
  'https://example.com/?q=<script>&x=1',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: regular-expression metacharacters, not a template
  '.*+?^${}()|[]\\',
  'AND OR NOT "phrase" field:value ~2 ^3',
  '\u0000\u0001\u0007\u001b[31m',
  'x'.repeat(6000),
  'Mongolia '.repeat(700),
);

const anyText = fc.oneof(
  hostile,
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.array(hostile, { maxLength: 5 }).map((parts) => parts.join(' ')),
  fc.string({ maxLength: 50 }).map((s) => `How much did Mongolia export ${s}`),
);

let engine: Engine;
beforeAll(async () => {
  engine = await createEngine();
});

const bot = { version: 'test', startedAt: Date.now() - 1000 };
const user = { id: '111111111111111111', name: 'tester' };

describe('hostile input, every command and option', () => {
  for (const command of commands) {
    const defs = 'options' in command.definition ? (command.definition.options ?? []) : [];
    const stringOptions = defs.filter((d) => d.type === 3).map((d) => d.name);
    if (command.definition.type === 3) stringOptions.push('message');

    it(`${command.definition.name}: any text in ${stringOptions.join(', ') || 'no option'} → a reply within limits`, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.record(Object.fromEntries(stringOptions.map((n) => [n, fc.option(anyText, { nil: undefined })]))),
          fc.option(fc.boolean(), { nil: undefined }),
          async (texts, isPrivate) => {
            const options: CommandContext['options'] = { ...texts, private: isPrivate };
            const outcome = await command.run({ engine, options, user, bot });
            const message = renderMessage(outcome.reply, { mentionUserId: outcome.mentionUserId });
            expectWithinDiscordLimits(message);
            if (outcome.reply.tone === 'error' || outcome.reply.tone === 'notice') expect(outcome.private).toBe(true);
          },
        ),
        { seed: SEED, numRuns: RUNS },
      );
    });

    for (const focused of defs.filter((d) => 'autocomplete' in d && d.autocomplete).map((d) => d.name)) {
      it(`${command.definition.name}: autocomplete of ${focused} with any text → ≤ 25 choices within limits`, () => {
        fc.assert(
          fc.property(anyText, (typed) => {
            const choices = command.autocomplete!({ engine, options: {}, user, bot }, { name: focused, value: typed });
            expect(choices.length).toBeLessThanOrEqual(25);
            for (const c of choices) {
              expect(c.name.length).toBeGreaterThan(0);
              expect(c.name.length).toBeLessThanOrEqual(100);
              expect(c.value.length).toBeLessThanOrEqual(100);
            }
          }),
          { seed: SEED, numRuns: RUNS },
        );
      });
    }
  }

  it('options of the wrong type (as a modified client could send) get a reply, not an exception', async () => {
    const weird = fc.oneof(fc.integer(), fc.boolean(), fc.constant({ id: 'x', name: 'y' }), fc.string({ maxLength: 20 }));
    for (const command of commands) {
      await fc.assert(
        fc.asyncProperty(fc.dictionary(fc.constantFrom('question', 'query', 'topic', 'id', 'reference', 'document', 'private', 'mention', 'message'), weird), async (options) => {
          const outcome = await command.run({ engine, options: options as CommandContext['options'], user, bot });
          expectWithinDiscordLimits(renderMessage(outcome.reply, { mentionUserId: outcome.mentionUserId }), outcome.mentionUserId);
        }),
        { seed: SEED, numRuns: Math.ceil(RUNS / 4) },
      );
    }
  });

  it('mention pings exactly the mentioned user, whatever the question says', async () => {
    const ask = commands.find((c) => c.definition.name === 'ask')!;
    await fc.assert(
      fc.asyncProperty(anyText, fc.bigInt({ min: 10n ** 16n, max: 10n ** 19n }), async (question, id) => {
        const outcome = await ask.run({ engine, options: { question, mention: { id: String(id), name: 'x' } }, user, bot });
        const message = renderMessage(outcome.reply, { mentionUserId: outcome.mentionUserId });
        expectWithinDiscordLimits(message, outcome.mentionUserId);
        if (outcome.mentionUserId) expect(message.content).toBe(`<@${id}>`);
      }),
      { seed: SEED, numRuns: Math.ceil(RUNS / 4) },
    );
  });

  it('custom ids: any string is parsed or refused, never thrown on', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 120 }), fc.string().map((s) => `s1:${s}`), fc.string().map((s) => `s1:more:${s}`)), (id) => {
        const parsed = parseCustomId(id);
        if (parsed?.kind === 'more') expect(parsed.offset).toBeGreaterThanOrEqual(0);
      }),
      { seed: SEED, numRuns: RUNS * 2 },
    );
  });
});
