import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buttonClick, DEFAULT_USER, slashCommand } from '../fake-discord/fakeDiscord.js';
import { startTestBot, type TestBot } from './harness.js';

let t: TestBot;
beforeAll(async () => {
  t = await startTestBot();
});
afterAll(async () => {
  await t?.close();
});

describe('/ask through the loopback Discord', () => {
  it('registers the commands on start (guild-scoped, PUT once)', () => {
    const names = t.fake.registeredCommands({ guildId: t.fake.guildId }).map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['ask', 'search', 'quote', 'cite', 'sections', 'about', 'help', 'Find sources']));
    expect(t.fake.requests.filter((r) => r.method === 'PUT').length).toBe(1);
  });

  it('answers with the best passage quoted, best sentence bold, citation, and buttons', async () => {
    const r = await t.fake.interact(slashCommand('ask', { question: 'How many Kazakhs live in Mongolia?' }), { waitFor: 'final' });
    expect(r.callback?.type).toBe(4);
    const data = r.callback!.data as Record<string, any>;
    expect(data.flags ?? 0).toBe(0);
    expect(data.allowed_mentions).toEqual({ parse: [] });
    const embed = data.embeds[0];
    expect(embed.title).toBe('How many Kazakhs live in Mongolia?');
    // A numeric question: the figure leads, with its source; the passage follows as a quote.
    expect(embed.description).toMatch(/^\*\*approximately 160,000\*\* — .* — Miliate \(2013\), p\. 1, ¶ miliate-2013\/2\.\n\n> /);
    expect(embed.description).toContain('**There are approximately 160,000 Kazakhs living in Mongolia');
    expect(embed.description).toContain('— Miliate (2013), “The Steppes to the States”, p. 1, ¶ miliate-2013/2');
    expect(embed.description.length).toBeLessThanOrEqual(4096);
    const buttons = data.components[0].components;
    expect(buttons.map((b: any) => b.label)).toContain('More');
    expect(r.callbackMs).toBeLessThan(3000);
  });

  it('a table figure of a year quotes the table’s row, cited to the table and its page, within the limits', async () => {
    const r = await t.fake.interact(slashCommand('ask', { question: 'what goods did mongolia sell to kazakhstan in 2013?' }), { waitFor: 'final' });
    const data = (r.callback?.type === 4 ? r.callback.data : (await r.waitUntil((x) => x.edits.length > 0), r.edits[0]!.body)) as Record<string, any>;
    const embed = data.embeds[0];
    expect(embed.description).toMatch(/^Mongolia's exports to Kazakhstan in 2013: \*\*\$1\.02 M\*\*/);
    expect(embed.description).toContain('2013\t$1.02 M\tPaper goods, textiles, animal products, machines');
    expect(embed.description).toContain('§ Appendix: Mongolia–Kazakhstan trade by year, p. 25, ¶ irgengioro-2022/table/kazakhstan-2013');
    expect(data.allowed_mentions).toEqual({ parse: [] });
    expect(embed.description.length).toBeLessThanOrEqual(4096);
  });

  it('private answers are ephemeral and carry a Share button that posts the answer publicly', async () => {
    const r = await t.fake.interact(slashCommand('ask', { question: 'What is the Belt and Road Initiative?', private: true }), { waitFor: 'final' });
    const data = r.callback!.data as Record<string, any>;
    expect(data.flags & 64).toBe(64);
    const share = data.components[0].components.find((b: any) => b.label === 'Share');
    expect(share.custom_id).toBe('s1:share');
    const shared = await t.fake.interact(
      buttonClick(share.custom_id, { embeds: data.embeds, components: data.components, flags: 64 }),
      { waitFor: 'final' },
    );
    const sharedData = shared.callback!.data as Record<string, any>;
    expect(sharedData.flags ?? 0).toBe(0);
    expect(sharedData.content).toMatch(/^Shared by <@\d+>$/);
    expect(sharedData.allowed_mentions).toEqual({ parse: [] });
    expect(sharedData.embeds[0].description).toBe(data.embeds[0].description);
  });

  it('mention addresses the answer to that user and pings only them', async () => {
    // A USER option as Discord sends it: the id as value, the user under data.resolved.
    const input = slashCommand('ask', [
      { name: 'question', type: 3, value: 'Why is Kazakhstan important for the SREB?' },
      { name: 'mention', type: 6, value: '222222222222222222' },
    ]);
    input.data.resolved = { users: { '222222222222222222': { ...DEFAULT_USER, id: '222222222222222222', username: 'friend', global_name: 'Friend' } } };
    const r = await t.fake.interact(input, { waitFor: 'final' });
    const data = r.callback!.data as Record<string, any>;
    expect(data.content).toBe('<@222222222222222222>');
    expect(data.allowed_mentions).toEqual({ parse: [], users: ['222222222222222222'] });
  });

  it('More shows the next passages, even from a message made before a restart', async () => {
    const first = await t.fake.interact(slashCommand('ask', { question: 'Belt and Road Initiative in Kyrgyzstan' }), { waitFor: 'final' });
    const data = first.callback!.data as Record<string, any>;
    const more = data.components[0].components.find((b: any) => b.label === 'More');
    expect(more.custom_id).toBe('s1:more:3:Belt and Road Initiative in Kyrgyzstan');
    const next = await t.fake.interact(buttonClick(more.custom_id, { embeds: data.embeds, components: data.components }), { waitFor: 'final' });
    const nextData = next.callback!.data as Record<string, any>;
    expect(nextData.embeds[0].footer.text).toMatch(/^Passages 4–/);
    const firstIds = [...data.embeds[0].description.matchAll(/¶ (\S+)/g)].map((m: RegExpMatchArray) => m[1]!);
    const nextIds = [...nextData.embeds[0].description.matchAll(/¶ (\S+)/g)].map((m: RegExpMatchArray) => m[1]!);
    expect(nextIds.some((id: string) => firstIds.includes(id))).toBe(false);
  });

  it('nothing found is private and says so, with suggestions', async () => {
    const r = await t.fake.interact(slashCommand('ask', { question: 'qwxzv plorbnik' }), { waitFor: 'final' });
    const data = r.callback!.data as Record<string, any>;
    expect(data.flags & 64).toBe(64);
    expect(data.embeds[0].description).toMatch(/^Nothing in the corpus matches/);
  });

  it('a stale or forged button is refused politely and privately', async () => {
    const r = await t.fake.interact(buttonClick('v0:something:old'), { waitFor: 'final' });
    const data = r.callback!.data as Record<string, any>;
    expect(data.flags & 64).toBe(64);
    expect(data.embeds[0].description).toMatch(/expired/);
  });

  it('logs one line per interaction with command, latency and outcome', () => {
    const lines = t.logs.filter((l) => l.msg === 'interaction' && l.what === '/ask');
    expect(lines.length).toBeGreaterThanOrEqual(4);
    for (const l of lines) {
      expect(typeof l.latencyMs).toBe('number');
      expect(l.outcome).toBe('ok');
    }
    expect(JSON.stringify(t.logs)).not.toContain('GfakeX');
  });
});

describe('More on a question too long for the button id', () => {
  it('carries the whole question in the footer and pages that question', async () => {
    const question = `Why did the Kazakhstan and Mongolia relationship stay so weak ${'despite shared nomadic culture, history and geography '.repeat(6)}?`;
    expect(question.length).toBeGreaterThan(256);
    const first = await t.fake.interact(slashCommand('ask', { question }), { waitFor: 'final' });
    const data = first.callback!.data as Record<string, any>;
    const more = data.components[0].components.find((b: any) => b.label === 'More');
    expect(more.custom_id).toBe('s1:more:3');
    expect(data.embeds[0].footer.text).toBe(`Passages 1–3 · Steppe · Question: ${question}`);
    const next = await t.fake.interact(buttonClick(more.custom_id, { embeds: data.embeds, components: data.components }), { waitFor: 'final' });
    const nextEmbed = (next.callback!.data as Record<string, any>).embeds[0];
    expect(nextEmbed.footer.text).toMatch(/^Passages 4–/);
    expect(nextEmbed.footer.text.endsWith(question)).toBe(true);
  });
});
