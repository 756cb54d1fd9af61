import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import type { Command } from '../../src/command.js';
import {
  buttonClick,
  messageContextMenu,
  selectMenu,
  slashCommand,
  startFakeDiscord,
  type FakeDiscord,
  type InteractionResult,
  type MessageState,
} from '../fake-discord/fakeDiscord.js';
import { callbackLatencies, limitProblems, recordLatencies, sentBodies, startBotOn, type BotOnFake } from './harness.js';

/**
 * Restarts: registration is idempotent (fetch, compare, PUT only on a difference), and
 * buttons and menus on messages written by an earlier process keep working, because their
 * custom ids carry their own state.
 */

type Data = Record<string, any>;

const puts = (fake: FakeDiscord) => fake.requests.filter((r) => r.method === 'PUT' && r.path.endsWith('/commands'));
const gets = (fake: FakeDiscord) => fake.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/commands'));
const registeredResult = (bot: BotOnFake) => bot.logs.find((l) => l.msg === 'commands registered')?.result;

function withDefinition(name: string, change: (definition: Record<string, any>) => Record<string, any>): Command[] {
  return commands.map((c) => (c.definition.name === name ? { ...c, definition: change(structuredClone(c.definition) as Record<string, any>) as Command['definition'] } : c));
}

describe('command registration across starts', () => {
  let fake: FakeDiscord;
  let bot: BotOnFake | undefined;
  beforeAll(async () => {
    fake = await startFakeDiscord();
  });
  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
  });
  async function restart(options: Parameters<typeof startBotOn>[1] = {}): Promise<BotOnFake> {
    await bot?.stop();
    bot = await startBotOn(fake, options);
    return bot;
  }

  it('the first start fetches the guild commands, finds none, and PUTs them all once', async () => {
    const b = await restart();
    expect(gets(fake)).toHaveLength(1);
    expect(puts(fake)).toHaveLength(1);
    expect(puts(fake)[0]!.path).toBe(`/applications/${fake.applicationId}/guilds/${fake.guildId}/commands`);
    expect(fake.registeredCommands({ guildId: fake.guildId }).map((c) => c.name)).toEqual(commands.map((c) => c.definition.name));
    expect(fake.registeredCommands()).toEqual([]); // nothing global
    expect(registeredResult(b)).toBe('updated');
  });

  it('a second start with the same definitions fetches, compares, and does not PUT again', async () => {
    const b = await restart();
    expect(fake.identifyCount).toBe(2);
    expect(gets(fake)).toHaveLength(2);
    expect(puts(fake)).toHaveLength(1);
    expect(registeredResult(b)).toBe('unchanged');
  });

  it('a changed description is PUT', async () => {
    const b = await restart({ commands: withDefinition('ask', (d) => ({ ...d, description: 'Ask the corpus anything (changed)' })) });
    expect(puts(fake)).toHaveLength(2);
    expect(registeredResult(b)).toBe('updated');
    expect(fake.registeredCommands({ guildId: fake.guildId }).find((c) => c.name === 'ask')?.description).toBe('Ask the corpus anything (changed)');
  });

  it('a changed option constraint (max_length, min_length) is PUT', async () => {
    const withMax = withDefinition('search', (d) => ({ ...d, options: d.options.map((o: Data) => (o.name === 'query' ? { ...o, max_length: 500 } : o)) }));
    await restart({ commands: withMax });
    expect(puts(fake)).toHaveLength(3);
    const withMin = withDefinition('search', (d) => ({ ...d, options: d.options.map((o: Data) => (o.name === 'query' ? { ...o, max_length: 500, min_length: 2 } : o)) }));
    const b = await restart({ commands: withMin });
    expect(puts(fake)).toHaveLength(4);
    expect(registeredResult(b)).toBe('updated');
  });

  it('an added or a removed command is PUT; back to the real list is PUT once and then stable', async () => {
    await restart({ commands: commands.filter((c) => c.definition.name !== 'about') });
    expect(puts(fake)).toHaveLength(5);
    expect(fake.registeredCommands({ guildId: fake.guildId }).map((c) => c.name)).not.toContain('about');
    await restart();
    expect(puts(fake)).toHaveLength(6);
    const b = await restart();
    expect(puts(fake)).toHaveLength(6);
    expect(registeredResult(b)).toBe('unchanged');
  });
});

describe('buttons and menus after a restart', () => {
  let fake: FakeDiscord;
  let first: BotOnFake | undefined;
  let second: BotOnFake | undefined;
  const made: Record<string, MessageState> = {};

  beforeAll(async () => {
    fake = await startFakeDiscord();
    first = await startBotOn(fake);
    const keep = async (key: string, r: Promise<InteractionResult>) => {
      const result = await r;
      made[key] = result.final()!;
    };
    await keep('public', fake.interact(slashCommand('ask', { question: 'Belt and Road Initiative in Kyrgyzstan' })));
    await keep('private', fake.interact(slashCommand('ask', { question: 'What is the Belt and Road Initiative?', private: true })));
    await keep(
      'long',
      fake.interact(slashCommand('ask', { question: 'Why have relations between Mongolia and Kazakhstan stayed so weak since the 1990s, despite shared culture?' })),
    );
    await keep('search', fake.interact(slashCommand('search', { query: 'Kazakhs in Mongolia' })));
    await keep('sources', fake.interact(messageContextMenu('Find sources', { content: 'Mongolia wants a third neighbour policy' })));
    await first.stop();
    second = await startBotOn(fake);
  });
  afterAll(async () => {
    await first?.stop();
    await second?.stop();
    await fake?.close();
  });

  const buttonOf = (m: MessageState, label: string): string =>
    (m.components as Data[]).flatMap((row) => row.components).find((c: Data) => c.label === label)?.custom_id;
  const idsIn = (description: string) => [...description.matchAll(/¶ (\S+)/g)].map((m) => m[1]!);
  /** What the click answered with: a new message (4), or the clicked one updated in place (7: More). */
  function replyOf(r: InteractionResult, type: 4 | 7 = 4): Data {
    expect(r.callback?.type).toBe(type);
    for (const body of sentBodies(r)) expect(limitProblems(body)).toEqual([]);
    return r.callback!.data as Data;
  }

  it('the new process is a different gateway session on the same application', () => {
    expect(fake.identifyCount).toBe(2);
    expect(made.public!.embeds[0]).toBeDefined();
  });

  it('More on a public answer shows passages 4–6 in place, publicly, none repeated', async () => {
    const m = made.public!;
    const r = replyOf(await fake.interact(buttonClick(buttonOf(m, 'More'), m)), 7);
    expect(r.flags ?? 0).toBe(0);
    expect(r.embeds[0].title).toBe('Belt and Road Initiative in Kyrgyzstan');
    expect(r.embeds[0].footer.text).toMatch(/^Passages 4–/);
    const before = idsIn(String(m.embeds[0]!.description));
    expect(idsIn(r.embeds[0].description).some((id) => before.includes(id))).toBe(false);
  });

  it('More on a question too long for the button id reads the question from the title', async () => {
    const m = made.long!;
    const more = buttonOf(m, 'More');
    expect(more).toBe('s1:more:3');
    const r = replyOf(await fake.interact(buttonClick(more, m)), 7);
    expect(r.embeds[0].title).toBe(m.embeds[0]!.title);
    expect(r.embeds[0].footer.text).toMatch(/^Passages 4–/);
  });

  it('Share on a private answer posts it publicly, addressed by the sharer and pinging nobody', async () => {
    const m = made.private!;
    expect(m.ephemeral).toBe(true);
    const r = replyOf(await fake.interact(buttonClick(buttonOf(m, 'Share'), m)));
    expect(r.flags ?? 0).toBe(0);
    expect(r.content).toBe('Shared by <@100000000000000001>');
    expect(r.allowed_mentions).toEqual({ parse: [] });
    expect(r.embeds).toEqual(m.embeds);
    // rebuilt as a public answer: its own More and votes and the source link; Share stays behind
    expect(buttonOf({ components: r.components } as MessageState, 'Share')).toBeUndefined();
    expect(buttonOf({ components: r.components } as MessageState, 'More')).toBe(buttonOf(m, 'More'));
  });

  it('More on a private answer pages it in place, private, and keeps its Share button', async () => {
    const m = made.private!;
    const clicked = await fake.interact(buttonClick(buttonOf(m, 'More'), m));
    const r = replyOf(clicked, 7);
    // an update keeps the message what it was: still private
    expect(clicked.final()?.ephemeral).toBe(true);
    expect(buttonOf({ components: r.components } as MessageState, 'Share')).toBe('s1:share');
  });

  it('the search menu opens a passage', async () => {
    const m = made.search!;
    const menu = (m.components as Data[])[0]!.components[0];
    const id = menu.options[0].value as string;
    const r = replyOf(await fake.interact(selectMenu(menu.custom_id, [id], m)));
    expect(r.flags & 64).toBe(64);
    expect(r.embeds[0].description).toMatch(new RegExp(`¶ ${id.replace('/', '\\/')}$`));
  });

  it('Find sources’ private answer can be shared after the restart too', async () => {
    const m = made.sources!;
    const r = replyOf(await fake.interact(buttonClick(buttonOf(m, 'Share'), m)));
    expect(r.flags ?? 0).toBe(0);
    expect(r.embeds[0].description).toBe(m.embeds[0]!.description);
  });

  it('all of it answered by the second process, every callback within 3 s', () => {
    const clicks = second!.logs.filter((l) => l.msg === 'interaction' && String(l.what).startsWith('component:'));
    expect(clicks.length).toBe(6);
    for (const l of clicks) expect(l.outcome).toBe('ok');
    const latencies = callbackLatencies(fake);
    recordLatencies('restart', latencies);
    for (const ms of latencies) expect(ms).toBeLessThan(3000);
  });
});
