import MiniSearch from 'minisearch';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi, type MockInstance } from 'vitest';
import { commands } from '../../commands/index.js';
import { MAX_EXPANDED_UNKNOWN, PassageIndex } from '../../src/search/index.js';
import { autocomplete, messageContextMenu, slashCommand, type InteractionInput, type InteractionResult } from '../fake-discord/fakeDiscord.js';
import { startTestBot, type TestBot } from './harness.js';
import { nonsenseWords } from '../hardening/nonsense.js';

/**
 * The worst inputs one user can send, for every option of every command (found in the
 * command definitions, so a new option is covered without touching this file), each through
 * the loopback Discord, with the work it costs counted, not timed (a count does not depend
 * on how loaded the machine is):
 *   - vocabulary scans (spelling correction of a word the corpus lacks),
 *   - fuzzy/prefix terms given to MiniSearch and its suggestion lookups,
 *   - characters case-folded (String.prototype.normalize: the autocomplete filters fold).
 * A pasted page of nonsense, 'a ' × 3000 in an autocompleted option, emoji, lone surrogates
 * and NUL must cost about what an ordinary question costs, not one unit per word. The CPU
 * time of each is printed for the record (`STEPPE_WORK_REPORT=1`), never asserted.
 */

interface OptionDef {
  type: number;
  name: string;
  autocomplete?: boolean;
  required?: boolean;
  max_length?: number;
  min_value?: number;
  max_value?: number;
  choices?: Array<{ value: string }>;
}

/** Discord accepts up to 6000 characters in a string option without max_length, and sends that much while typing. */
const DISCORD_MAX = 6000;

const nonsense = nonsenseWords(11);

function worstStrings(max: number): Array<[string, string]> {
  return [
    ['nonsense words', nonsense(max)],
    ["'a ' repeated", 'a '.repeat(Math.floor(max / 2)).trim()],
    ['emoji', '🇲🇳'.repeat(Math.floor(max / 4))],
    ['lone surrogates and NUL', `${'kazakhstan \ud83c\u0000 '.repeat(Math.floor(max / 14))}`.slice(0, max)],
  ];
}

const required = (options: OptionDef[], except: string) =>
  options.filter((o) => o.required && o.name !== except).map((o) => ({ name: o.name, type: o.type, value: o.type === 3 ? 'Kazakhstan' : 1 }));

const cases: Array<{ label: string; input: InteractionInput }> = [];
const covered = new Set<string>();
for (const c of commands) {
  const name = c.definition.name;
  covered.add(name);
  if (c.definition.type === 3) {
    for (const [what, text] of worstStrings(4000)) cases.push({ label: `${name}: a message of ${what}`, input: messageContextMenu(name, { content: text }) });
    continue;
  }
  const options = ((c.definition as { options?: OptionDef[] }).options ?? []) as OptionDef[];
  if (options.length === 0) cases.push({ label: `/${name}`, input: slashCommand(name) });
  for (const o of options) {
    const others = required(options, o.name);
    if (o.type === 3 && !o.choices) {
      for (const [what, text] of worstStrings(o.max_length ?? DISCORD_MAX)) {
        cases.push({ label: `/${name} ${o.name}: ${what}`, input: slashCommand(name, [...others, { name: o.name, type: 3, value: text }]) });
      }
    }
    if (o.autocomplete) {
      // What a client may send while typing, whatever max_length says.
      for (const [what, text] of worstStrings(DISCORD_MAX)) {
        cases.push({ label: `/${name} ${o.name} autocomplete: ${what}`, input: autocomplete(name, [...others, { name: o.name, type: 3, value: text, focused: true }]) });
      }
    }
    if (o.type === 4 || o.type === 10) {
      for (const v of [o.min_value ?? -(2 ** 53), o.max_value ?? 2 ** 53]) cases.push({ label: `/${name} ${o.name}: ${v}`, input: slashCommand(name, [...others, { name: o.name, type: o.type, value: v }]) });
    }
  }
}

/** The counted work of one interaction. */
interface Work {
  label: string;
  scans: number;
  fuzzyTerms: number;
  suggestions: number;
  folded: number;
  cpuMs: number;
}

let t: TestBot;
let spies: { scans: MockInstance; search: MockInstance; suggest: MockInstance; normalize: MockInstance };
const measured: Work[] = [];

beforeAll(async () => {
  t = await startTestBot();
  // Paid once per process, not per interaction: the autocomplete keys (first keystroke) and
  // the word vectors (first question).
  await t.fake.interact(autocomplete('cite', { reference: '' }), { waitFor: 'callback' });
  await t.fake.interact(slashCommand('ask', { question: 'Why are Mongolia–Kazakhstan relations so weak?' }));
  spies = {
    scans: vi.spyOn(PassageIndex.prototype as unknown as { findCorrections(t: string): string[] }, 'findCorrections'),
    search: vi.spyOn(MiniSearch.prototype, 'search'),
    suggest: vi.spyOn(MiniSearch.prototype, 'autoSuggest'),
    normalize: vi.spyOn(String.prototype, 'normalize'),
  };
});
afterEach(() => {
  for (const s of Object.values(spies ?? {})) s.mockClear();
});
afterAll(async () => {
  vi.restoreAllMocks();
  await t?.close();
  if (process.env.STEPPE_WORK_REPORT) {
    console.log(measured.map((w) => `${w.cpuMs.toFixed(1).padStart(7)} ms CPU  scans ${w.scans}  fuzzy ${w.fuzzyTerms}  suggest ${w.suggestions}  folded ${w.folded}  ${w.label}`).join('\n'));
  }
});

function count(label: string, cpuMs: number): Work {
  const fuzzyTerms = spies.search.mock.calls
    .flatMap(([q]) => (typeof q === 'object' && q && 'queries' in q ? (q.queries as unknown[]) : []))
    .filter((q): q is { queries: string[] } => typeof q === 'object' && q !== null && 'fuzzy' in q)
    .reduce((n, q) => n + q.queries.length, 0);
  const folded = spies.normalize.mock.contexts.reduce((n: number, s) => n + String(s).length, 0);
  return { label, scans: spies.scans.mock.calls.length, fuzzyTerms, suggestions: spies.suggest.mock.calls.length, folded, cpuMs };
}

describe('the worst input for every option of every command', () => {
  it('covers every command', () => {
    expect([...covered].sort()).toEqual(commands.map((c) => c.definition.name).sort());
    expect(cases.length).toBeGreaterThan(commands.length);
  });

  for (const { label, input } of cases) {
    it(`${label}: a bounded amount of work, and an answer`, async () => {
      const before = process.cpuUsage();
      const r: InteractionResult = await t.fake.interact(input, { waitFor: input.type === 4 ? 'callback' : 'final', timeoutMs: 10_000 });
      const used = process.cpuUsage(before);
      const work = count(label, (used.user + used.system) / 1000);
      measured.push(work);
      expect(r.callback?.type, label).toBeDefined();
      // One search an interaction at most expands MAX_EXPANDED_UNKNOWN words (a figure
      // question searches twice: the passages, then the figures' sentences).
      expect(work.scans, label).toBeLessThanOrEqual(2 * MAX_EXPANDED_UNKNOWN);
      expect(work.fuzzyTerms, label).toBeLessThanOrEqual(2 * MAX_EXPANDED_UNKNOWN);
      expect(work.suggestions, label).toBeLessThanOrEqual(2 * MAX_EXPANDED_UNKNOWN);
      // Autocomplete folds what was typed (≤ 100 characters; a passage search for an id
      // that is no id reads a few candidates), never the whole bibliography again.
      if (input.type === 4) expect(work.folded, label).toBeLessThanOrEqual(10_000);
    });
  }
});
