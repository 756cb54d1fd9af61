import { ApplicationCommandType } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Command } from '../../src/command.js';
import { autocomplete, messageContextMenu, slashCommand } from '../fake-discord/fakeDiscord.js';
import { callbackLatencies, limitProblems, recordLatencies, sentBodies, startTestBot, startTestBotWith, type TestBot } from './harness.js';

/** Per-user cooldown, an orderly stop with interactions in flight, and very long messages for “Find sources”. */

type Data = Record<string, any>;
const OTHER_USER = { id: '100000000000000002', username: 'other' };

describe('cooldown (COOLDOWN_SECONDS=60, COOLDOWN_BURST=2)', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({ COOLDOWN_SECONDS: '60', COOLDOWN_BURST: '2' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a user past the burst is asked privately to wait; other users and autocomplete are unaffected', async () => {
    for (let i = 0; i < 2; i++) {
      const ok = await t.fake.interact(slashCommand('about'));
      expect((ok.callback!.data as Data).embeds[0].title).toBe('About Steppe');
    }
    const slowed = await t.fake.interact(slashCommand('about'));
    const data = slowed.callback!.data as Data;
    expect(data.flags & 64).toBe(64);
    const wait = /^Slow down a little: try again in (\d+) s\.$/.exec(data.embeds[0].description);
    expect(wait, data.embeds[0].description).not.toBeNull();
    expect(Number(wait![1])).toBeGreaterThan(0);
    expect(Number(wait![1])).toBeLessThanOrEqual(60);

    const other = await t.fake.interact(slashCommand('about', {}, { user: OTHER_USER }));
    expect((other.callback!.data as Data).embeds[0].title).toBe('About Steppe');
    const typed = await t.fake.interact(autocomplete('quote', { id: 'irgengioro-2022/1' }), { waitFor: 'callback' });
    expect(typed.choices!.length).toBeGreaterThan(0);
    expect(t.logs.filter((l) => l.msg === 'interaction' && l.outcome === 'cooldown')).toHaveLength(1);
  });
});

describe('stopping with an interaction in flight', () => {
  // Events, not a clock: the command says when it is running and finishes when the test lets
  // it, so "in flight" holds however slowly a loaded machine gets there.
  let started!: () => void;
  let release!: () => void;
  const running = new Promise<void>((resolve) => (started = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  const slowOne: Command = {
    definition: { type: ApplicationCommandType.ChatInput, name: 'test-in-flight', description: 'Test-only: answers when released' },
    help: { usage: '/test-in-flight', text: 'test only' },
    run: async () => {
      started();
      await released;
      return { reply: { tone: 'info', lead: 'finished' }, private: false };
    },
  };
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBotWith({ extraCommands: [slowOne] });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('finishes the reply in flight, refuses new work politely and privately, then closes the gateway', async () => {
    const inFlight = t.fake.interact(slashCommand('test-in-flight'), { timeoutMs: 5000 });
    await running;
    const stopping = t.bot.stop();
    const refused = await t.fake.interact(slashCommand('ask', { question: 'What is the Belt and Road Initiative?' }));
    const refusal = refused.callback!.data as Data;
    expect(refusal.flags & 64).toBe(64);
    expect(refusal.embeds[0].description).toBe('Steppe is restarting; try again in a few seconds.');
    release();

    const finished = await inFlight;
    expect(finished.callback?.type).toBe(4);
    expect((finished.callback!.data as Data).embeds[0].description).toBe('finished');
    await stopping;
    expect(t.logs.find((l) => l.msg === 'in-flight interactions finished; closing the gateway')?.pending).toBe(1);
    await t.fake.waitForGateway((f) => f.connectedShards().length === 0, 3000);
  });
});

describe('“Find sources” on very long messages', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a 4,000-character message (Nitro) and one cut inside an emoji are read from their opening, within limits', async () => {
    const messages = [
      `How many Kazakhs live in Mongolia? ${'Mongolia and Kazakhstan share a steppe culture. '.repeat(90)}`.slice(0, 4000),
      `Kazakhs in Mongolia! ${'🇰🇿'.repeat(990)}`, // the 1,000-character cut falls inside a flag
      // a Steppe answer itself (content empty, a long embed)
      '',
    ];
    for (const [i, content] of messages.entries()) {
      const embeds = i === 2 ? [{ type: 'rich', title: 'Belt and Road Initiative', description: `> ${'The BRI reshaped Central Asian trade. '.repeat(100)}`.slice(0, 4096) }] : [];
      const r = await t.fake.interact(messageContextMenu('Find sources', { content, embeds }));
      expect(r.callback?.type).toBe(4);
      const data = r.callback!.data as Data;
      expect(data.flags & 64).toBe(64);
      for (const body of sentBodies(r)) expect(limitProblems(body)).toEqual([]);
      for (const row of (data.components ?? []) as Data[]) for (const c of row.components) if (c.custom_id) expect(c.custom_id.length).toBeLessThanOrEqual(100);
    }
    const latencies = callbackLatencies(t.fake);
    recordLatencies('lifecycle/find sources', latencies);
    for (const ms of latencies) expect(ms).toBeLessThan(3000);
  });
});
