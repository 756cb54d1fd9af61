import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { createEngine } from '../../src/engine.js';
import {
  buttonClick,
  DEFAULT_USER,
  messageContextMenu,
  slashCommand,
  type ApiOption,
  type InteractionInput,
  type InteractionResult,
  type JsonObject,
} from '../fake-discord/fakeDiscord.js';
import { callbackLatencies, limitProblems, recordLatencies, sentBodies, startBotOn, startTestBot, type BotOnFake, type TestBot } from './harness.js';

/**
 * Whatever users type and whatever the corpus holds, every message Steppe sends is one
 * Discord accepts (content ≤ 2000, description ≤ 4096, field values ≤ 1024, all embed text
 * ≤ 6000, custom ids ≤ 100, ≤ 25 select options, valid Unicode), and none pings anyone:
 * `allowed_mentions` is `{ parse: [] }`, with only the user named in `mention` added.
 */

const FRIEND = '222222222222222222';

/** Long and odd things people type. */
const ODD_TEXTS: Record<string, string> = {
  'at the length limit (1000)': 'Mongolia Kazakhstan trade relations '.repeat(28).slice(0, 1000),
  'emoji at even cut points': `Kazakhs in Mongolia ${'🇲🇳'.repeat(245)}`,
  'emoji at odd cut points': `Kazakhs in Mongolia! ${'🇰🇿'.repeat(244)}`,
  'one unbroken word': `Kazakhstan${'x'.repeat(990)}`,
  'Markdown everywhere': '**bold** _it_ `code` ```fence``` ||spoiler|| > quote # head [link](https://x.y) ~~s~~ Kazakhstan Mongolia',
  'mentions and everyone': '@everyone @here <@123456789012345678> <@!123456789012345678> <@&222222222222222223> <#333333333333333333> what about Kazakhstan?',
  'colons like a custom id': 's1:more:3:s1:share Belt:and:Road: Kyrgyzstan',
  'only punctuation': '?!?!... ---',
  'right-to-left and combining': 'قزاقستان و مغولستان Mongolia Kazakhstan e\u0301\u0301\u0301',
};

const MENTION_IN_TEXT = /@(everyone|here)|<@[!&]?\d+>/;

/** Checks one interaction's messages and returns the reply data (callback 4/7, else the last edit). */
function expectSendable(r: InteractionResult, mentionUserId?: string): JsonObject[] {
  expect(r.callback, `${r.label}: no callback`).toBeDefined();
  expect(r.callbackMs!).toBeLessThan(3000);
  const bodies = sentBodies(r);
  expect(bodies.length, `${r.label}: nothing was sent`).toBeGreaterThan(0);
  for (const body of bodies) {
    expect(limitProblems(body), r.label).toEqual([]);
    const mentions = body.allowed_mentions as JsonObject;
    if (mentionUserId) {
      expect(mentions).toEqual({ parse: [], users: [mentionUserId] });
      expect(body.content).toBe(`<@${mentionUserId}>`);
    } else {
      expect(mentions, r.label).toEqual({ parse: [] });
      // the only text that could ever ping is content; it never carries user or corpus text
      if (typeof body.content === 'string') expect(body.content).toMatch(/^(Shared by <@\d+>)?$/);
    }
  }
  return bodies;
}

/** Text shown in embed titles and quotes: mentions and @everyone arrive defused (zero-width space). */
function expectDefusedQuotesAndTitles(bodies: JsonObject[]): void {
  for (const body of bodies) {
    for (const embed of (body.embeds ?? []) as JsonObject[]) {
      expect(String(embed.title ?? '')).not.toMatch(MENTION_IN_TEXT);
      const quotes = String(embed.description ?? '')
        .split('\n')
        .filter((l) => l.startsWith('> '));
      for (const q of quotes) expect(q).not.toMatch(MENTION_IN_TEXT);
    }
  }
}

/** Every chat-input command with each string option set to `text` (others left out). */
function everyCommandWith(text: string): InteractionInput[] {
  const inputs: InteractionInput[] = [];
  for (const c of commands) {
    const def = c.definition as { type?: number; name: string; options?: Array<{ type: number; name: string; required?: boolean }> };
    if (def.type === 3) {
      inputs.push(messageContextMenu(def.name, { content: text }));
      continue;
    }
    const strings = (def.options ?? []).filter((o) => o.type === 3);
    if (strings.length === 0) {
      inputs.push(slashCommand(def.name));
      continue;
    }
    for (const option of strings) {
      const options: ApiOption[] = [{ name: option.name, type: 3, value: text }];
      for (const other of def.options ?? []) if (other.required && other.name !== option.name) options.push({ name: other.name, type: 3, value: 'Kazakhstan' });
      inputs.push(slashCommand(def.name, options));
    }
  }
  return inputs;
}

describe('replies to long and odd input (real corpus)', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
  });
  afterAll(async () => {
    await t?.close();
  });

  for (const [what, text] of Object.entries(ODD_TEXTS)) {
    it(`every command, and More/Share on the answers: ${what}`, async () => {
      for (const input of everyCommandWith(text)) {
        const r = await t.fake.interact(input, { quietMs: 30 });
        const bodies = expectSendable(r);
        expectDefusedQuotesAndTitles(bodies);
        const data = bodies[0]!;
        // follow the buttons the reply offers
        const buttons = ((data.components ?? []) as JsonObject[]).flatMap((row) => row.components as JsonObject[]).filter((b) => b.type === 2 && b.custom_id);
        for (const b of buttons) {
          const message = { embeds: data.embeds as JsonObject[], components: data.components as JsonObject[], flags: Number(data.flags ?? 0) };
          const clicked = await t.fake.interact(buttonClick(String(b.custom_id), message), { quietMs: 30 });
          expectDefusedQuotesAndTitles(expectSendable(clicked));
        }
      }
    });
  }

  it('/ask with mention: pings exactly that user, even when the question names others', async () => {
    const input = slashCommand('ask', [
      { name: 'question', type: 3, value: ODD_TEXTS['mentions and everyone']! },
      { name: 'mention', type: 6, value: FRIEND },
    ]);
    input.data.resolved = { users: { [FRIEND]: { ...DEFAULT_USER, id: FRIEND, username: 'friend' } } };
    const r = await t.fake.interact(input);
    const [data] = expectSendable(r, FRIEND);
    expect(r.callback?.type).toBe(4);
    expect((data!.embeds as JsonObject[])[0]!.title).toBe(
      '@\u200beveryone @\u200bhere <@\u200b123456789012345678> <@!\u200b123456789012345678> <@&\u200b222222222222222223> <#\u200b333333333333333333> what about Kazakhstan?',
    );
  });

  it('every interaction above was acknowledged within 3 s', () => {
    const latencies = callbackLatencies(t.fake);
    recordLatencies('limits/odd input', latencies);
    expect(latencies.length).toBe(t.fake.interactions().length);
    for (const ms of latencies) expect(ms).toBeLessThan(3000);
  });
});

describe('a corpus whose text holds mentions, Markdown and oversized paragraphs', () => {
  let dir: string;
  let t: TestBot;
  let bot: BotOnFake;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'steppe-mischief-'));
    await writeFile(
      join(dir, 'mischief-2024.json'),
      JSON.stringify({
        id: 'mischief-2024',
        file: 'mischief-2024.txt',
        authors: ['Ada <@123456789012345678> Everyone'],
        affiliations: [],
        title: '@everyone look: **Mongolia** and <@&222222222222222222> in Kazakhstan',
        venue: '<#333333333333333333> Review',
        year: 2024,
        date: '2024',
        doi: null,
        url: 'https://example.org/@everyone',
        kind: 'article',
      }),
    );
    const long = Array.from({ length: 80 }, (_, i) => `Mongolia and Kazakhstan signed yet another memorandum on steppe pasture cooperation in ${1900 + i}.`).join(' ');
    await writeFile(
      join(dir, 'mischief-2024.txt'),
      [
        '@everyone look: **Mongolia** and <@&222222222222222222> in Kazakhstan',
        '',
        '@everyone the Kazakh herders of Bayan-Ölgii met <@123456789012345678> and @here to discuss **camel** trade with Kazakhstan. See ||spoiler|| and `code` and ```fence``` markers (Smith 2020).',
        '',
        long,
        '',
        `Kazakhstan${'x'.repeat(5000)}`,
        '',
        `Kazakhstan flags everywhere: ${'🇰🇿'.repeat(400)} and Mongolia.`,
        '',
        'References',
        '',
        '- Smith, John. 2020. "@everyone: Steppe ties between Mongolia and Kazakhstan <@123456789012345678>." Journal of Steppe Studies. https://example.org/smith',
        '',
      ].join('\n'),
    );
    const engine = await createEngine(dir);
    t = await startTestBot();
    // a second bot on the same fake, serving the test corpus (the first one is stopped)
    await t.bot.stop();
    bot = await startBotOn(t.fake, { engine });
  });
  afterAll(async () => {
    await bot?.stop();
    await t?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const run = (input: InteractionInput) => t.fake.interact(input, { quietMs: 30 });

  it('/ask quotes the passage with mentions defused and nothing pinged', async () => {
    const r = await run(slashCommand('ask', { question: 'Kazakh herders camel trade' }));
    const [data] = expectSendable(r);
    expectDefusedQuotesAndTitles([data!]);
    const description = String((data!.embeds as JsonObject[])[0]!.description);
    expect(description).toContain('@\u200beveryone the Kazakh herders');
    expect(description).toContain('<@\u200b123456789012345678>');
  });

  it('/quote of an oversized paragraph (7,800 characters), an unbroken 5,000-character word and a run of emoji', async () => {
    for (const id of ['mischief-2024/1', 'mischief-2024/2', 'mischief-2024/3', 'mischief-2024/4']) {
      const [data] = expectSendable(await run(slashCommand('quote', { id })));
      expectDefusedQuotesAndTitles([data!]);
      expect(String((data!.embeds as JsonObject[])[0]!.description)).toMatch(new RegExp(`¶ ${id.replace('/', '\\/')}$`));
    }
  });

  it('/search, /cite, /sections, /about and Find sources', async () => {
    const inputs = [
      slashCommand('search', { query: 'steppe pasture memorandum Kazakhstan' }),
      slashCommand('search', { query: 'Kazakhstan', document: 'mischief-2024' }),
      slashCommand('search', { query: 'Kazakhstan flags everywhere' }),
      slashCommand('cite', { reference: 'mischief-2024/ref/smith-2020' }),
      slashCommand('sections', { document: 'mischief-2024' }),
      slashCommand('about'),
      messageContextMenu('Find sources', { content: '@everyone what did the herders of Bayan-Ölgii trade? <@123456789012345678>' }),
    ];
    for (const input of inputs) {
      const r = await run(input);
      expect(r.callback?.type, input.label).toBe(4);
      expectDefusedQuotesAndTitles(expectSendable(r));
    }
  });

  it('every interaction above was acknowledged within 3 s', () => {
    const latencies = callbackLatencies(t.fake);
    recordLatencies('limits/test corpus', latencies);
    for (const ms of latencies) expect(ms).toBeLessThan(3000);
  });
});
