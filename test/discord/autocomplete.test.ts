import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { autocomplete, slashCommand, type InteractionResult } from '../fake-discord/fakeDiscord.js';
import { callbackLatencies, limitProblems, recordLatencies, sentBodies, startTestBot, type TestBot } from './harness.js';

/**
 * Autocomplete, for every option that has it (found in the command definitions, so a new
 * one is covered without touching this file): answered with callback type 8 within 3 s,
 * at most 25 choices, names and values 1–100 characters, whatever was typed (nothing
 * included). A value offered is one the command accepts.
 */

interface OptionDef {
  type: number;
  name: string;
  autocomplete?: boolean;
  required?: boolean;
}

const autocompleted = commands.flatMap((c) => {
  const options = ((c.definition as { options?: OptionDef[] }).options ?? []) as OptionDef[];
  return options.filter((o) => o.autocomplete).map((o) => ({ command: c.definition.name, option: o.name, all: options }));
});

const TYPED = ['', ' ', 'a', 'kaz', 'Kazakhstan', '2020', 'irgengioro-2022/', 'irgengioro-2022/ref/', 'x'.repeat(100), '🇲🇳🇰🇿', '<@123456789012345678> @everyone', '(', '[', '\\', '.*', 'é'];

let t: TestBot;
beforeAll(async () => {
  t = await startTestBot();
});
afterAll(async () => {
  await t?.close();
});

function checkChoices(r: InteractionResult): Array<{ name: string; value: string }> {
  expect(r.callback?.type, r.label).toBe(8);
  expect(r.callbackMs!).toBeLessThan(3000);
  const choices = r.choices as Array<{ name: string; value: string }>;
  expect(Array.isArray(choices)).toBe(true);
  expect(choices.length).toBeLessThanOrEqual(25);
  for (const c of choices) {
    expect(typeof c.name).toBe('string');
    expect(typeof c.value).toBe('string');
    expect(c.name.length).toBeGreaterThanOrEqual(1);
    expect(c.name.length).toBeLessThanOrEqual(100);
    expect(c.value.length).toBeGreaterThanOrEqual(1);
    expect(c.value.length).toBeLessThanOrEqual(100);
    expect(c.name).not.toMatch(/undefined|null|NaN/);
  }
  expect(new Set(choices.map((c) => c.value)).size).toBe(choices.length);
  expect(limitProblems({ choices } as never)).toEqual([]); // valid Unicode
  return choices;
}

describe('autocomplete', () => {
  it('is offered by the options that need it', () => {
    expect(autocompleted.map((a) => `/${a.command} ${a.option}`)).toEqual(
      expect.arrayContaining(['/search document', '/quote id', '/cite reference', '/sections document']),
    );
  });

  for (const { command, option, all } of autocompleted) {
    it(`/${command} ${option}: answered in time and within limits for anything typed, suggestions for empty text`, async () => {
      for (const typed of TYPED) {
        // the other options as a user may have filled them in
        const others = all.filter((o) => o.name !== option && o.type === 3 && o.required).map((o) => ({ name: o.name, type: 3, value: 'Kazakhstan' }));
        const r = await t.fake.interact(autocomplete(command, [...others, { name: option, type: 3, value: typed, focused: true }]), { waitFor: 'callback' });
        const choices = checkChoices(r);
        if (typed === '') expect(choices.length, `/${command} ${option} offers nothing for empty text`).toBeGreaterThan(0);
      }
    });

    it(`/${command} ${option}: the first suggestion for empty text is accepted by the command`, async () => {
      const r = await t.fake.interact(autocomplete(command, [{ name: option, type: 3, value: '', focused: true }]), { waitFor: 'callback' });
      const [first] = checkChoices(r);
      const required = all.filter((o) => o.required && o.name !== option).map((o) => ({ name: o.name, type: 3, value: 'Kazakhstan' }));
      const ran = await t.fake.interact(slashCommand(command, [...required, { name: option, type: 3, value: first!.value }]), { waitFor: 'final', timeoutMs: 10_000 });
      const body = sentBodies(ran).at(-1)!;
      const embed = (body.embeds as Array<Record<string, unknown>>)[0]!;
      // refusals are red (0xd05050); an accepted value gives a real answer
      expect(embed.color, `/${command} ${option}: ${first!.value} → ${String(embed.description).slice(0, 120)}`).not.toBe(0xd05050);
    });
  }

  it('an autocomplete for a command the bot does not know gets an empty list, not silence', async () => {
    const r = await t.fake.interact(autocomplete('retired-command', { thing: 'x' }), { waitFor: 'callback' });
    expect(checkChoices(r)).toEqual([]);
  });

  it('every autocomplete was answered within 3 s (most far sooner)', () => {
    const latencies = callbackLatencies(t.fake);
    recordLatencies('autocomplete', latencies);
    for (const ms of latencies) expect(ms).toBeLessThan(3000);
    const sorted = [...latencies].sort((a, b) => a - b);
    expect(sorted[Math.floor(sorted.length / 2)]!).toBeLessThan(500);
  });
});
