import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { autocomplete, buttonClick, DEFAULT_USER, slashCommand, type FakeMessage, type InteractionInput, type InteractionResult } from '../fake-discord/fakeDiscord.js';
import { limitProblems, sentBodies, startTestBot, waitFor, type TestBot } from './harness.js';

/**
 * What a confused or hostile user can send, through the loopback Discord: every interaction
 * gets a reply; Share posts only Steppe's own answers, rebuilt, by the person they were for;
 * user text is made valid once, where it enters; More pages in place; a reply a 429 would
 * hold past its token's life is dropped with a log line; autocomplete has a rate limit.
 */

type Data = Record<string, any>;
const OTHER_USER = { id: '100000000000000002', username: 'other' };

let t: TestBot;
beforeAll(async () => {
  t = await startTestBot();
});
afterAll(async () => {
  await t?.close();
});

const data = (r: InteractionResult): Data => r.callback!.data as Data;
/** The message an interaction's reply became, as the fake stores it (with its interaction_metadata). */
const stored = (r: InteractionResult): FakeMessage => r.final()!;
const button = (body: Data, label: string): Data => (body.components as Data[]).flatMap((row) => row.components as Data[]).find((b) => b.label === label)!;

describe('every interaction gets a reply', () => {
  const kinds: Array<[string, InteractionInput]> = [
    ['a user context-menu command left registered by an older version', { type: 2, data: { name: 'Old profile menu', type: 2, target_id: DEFAULT_USER.id, resolved: { users: { [DEFAULT_USER.id]: DEFAULT_USER } } }, context: {}, label: 'user-menu' }],
    ['an entry-point command', { type: 2, data: { name: 'launch', type: 4 }, context: {}, label: 'entry-point' }],
    ['a slash command this version does not have', slashCommand('translate', { text: 'hi' })],
  ];
  for (const [what, input] of kinds) {
    it(`${what}: a private reply saying so`, async () => {
      const r = await t.fake.interact(input, { waitFor: 'callback' });
      expect(r.callback?.type).toBe(4);
      expect(data(r).flags & 64).toBe(64);
      expect(data(r).embeds[0].description).toMatch(/no longer available|does not know/);
    });
  }
});

describe('Share', () => {
  let answer: InteractionResult;
  /** The answer's message as Discord keeps it (a copy: a click carrying a changed message changes the fake's). */
  let original: FakeMessage;
  const message = () => structuredClone(original);
  beforeAll(async () => {
    answer = await t.fake.interact(slashCommand('ask', { question: 'What is the Belt and Road Initiative?', private: true }));
    original = structuredClone(stored(answer));
  });
  const share = (message: Partial<FakeMessage>, user = DEFAULT_USER) =>
    t.fake.interact(buttonClick('s1:share', message, { user }), { waitFor: 'callback' });

  it('posts the private answer publicly, by the person it was for', async () => {
    const r = await share(message());
    expect(data(r).flags ?? 0).toBe(0);
    expect(data(r).content).toBe(`Shared by <@${DEFAULT_USER.id}>`);
    expect(data(r).embeds[0].description).toBe(data(answer).embeds[0].description);
  });

  it('is refused to anyone else', async () => {
    const r = await share(message(), { ...DEFAULT_USER, ...OTHER_USER });
    expect(data(r).flags & 64).toBe(64);
    expect(data(r).embeds[0].description).toMatch(/^Only your own private answers/);
  });

  it('is refused for a message that is not Steppe’s, or not private', async () => {
    const notSteppes = await share({ ...message(), author: { ...DEFAULT_USER } });
    const notPrivate = await share({ ...message(), flags: 0 });
    for (const r of [notSteppes, notPrivate]) {
      expect(data(r).flags & 64).toBe(64);
      expect(data(r).embeds[0].description).toMatch(/^Only your own private answers/);
    }
  });

  it('rebuilds the answer from its state: nothing forged in the message is copied', async () => {
    const real = message();
    const forged = {
      ...real,
      embeds: [{ ...(real.embeds[0] as Data), description: '@everyone FORGED '.repeat(400) }],
      components: [...(real.components as Data[]), { type: 1, components: [{ type: 2, style: 5, label: 'Prize', url: 'https://evil.example/' }] }],
    };
    const r = await share(forged);
    const body = data(r);
    expect(JSON.stringify(body)).not.toContain('FORGED');
    expect(JSON.stringify(body)).not.toContain('evil.example');
    expect(body.embeds[0].description).toBe(data(answer).embeds[0].description);
    expect(limitProblems(body)).toEqual([]);
  });
});

describe('user text is made valid where it enters', () => {
  it('lone surrogates and NUL in an option reach neither the title nor the More button', async () => {
    const r = await t.fake.interact(slashCommand('ask', { question: 'Belt and Road\u0000 in Kyrgyzstan \ud83c and \udc00 trade' }));
    const body = sentBodies(r).at(-1)! as Data;
    expect(limitProblems(body)).toEqual([]);
    expect(JSON.stringify(body)).not.toMatch(/\\u0000/);
    expect(body.embeds[0].title).toContain('Belt and Road in Kyrgyzstan');
    const more = button(body, 'More');
    expect(more.custom_id).not.toMatch(/\u0000/);
  });
});

describe('/ask mention with private', () => {
  it('is refused, privately, saying why, and pings nobody', async () => {
    const input = slashCommand('ask', [
      { name: 'question', type: 3, value: 'Why is Kazakhstan important for the SREB?' },
      { name: 'private', type: 5, value: true },
      { name: 'mention', type: 6, value: '222222222222222222' },
    ]);
    input.data.resolved = { users: { '222222222222222222': { ...DEFAULT_USER, id: '222222222222222222', username: 'friend' } } };
    const r = await t.fake.interact(input);
    expect(data(r).flags & 64).toBe(64);
    expect(data(r).content).toBeUndefined();
    expect(data(r).embeds[0].description).toMatch(/private answer cannot mention anyone/);
  });
});

describe('More', () => {
  it('pages the answer in place for the person it was for: no new message per click', async () => {
    const first = await t.fake.interact(slashCommand('ask', { question: 'Belt and Road Initiative in Kyrgyzstan' }));
    const before = t.fake.channelMessages().length;
    const next = await t.fake.interact(buttonClick(button(data(first), 'More').custom_id, stored(first)));
    expect(next.callback?.type).toBe(7);
    expect(data(next).embeds[0].footer.text).toMatch(/^Passages 4–/);
    expect(t.fake.channelMessages().length).toBe(before);
    expect(stored(first).embeds[0]!).toMatchObject({ footer: { text: expect.stringMatching(/^Passages 4–/) } });
  });

  it('shows anyone else the next page privately, leaving the answer as it is', async () => {
    const first = await t.fake.interact(slashCommand('ask', { question: 'Belt and Road Initiative in Kyrgyzstan' }));
    const next = await t.fake.interact(buttonClick(button(data(first), 'More').custom_id, stored(first), { user: { ...DEFAULT_USER, ...OTHER_USER } }));
    expect(next.callback?.type).toBe(4);
    expect(data(next).flags & 64).toBe(64);
    expect(data(next).embeds[0].footer.text).toMatch(/^Passages 4–/);
    expect(stored(first).embeds[0]!).toMatchObject({ footer: { text: expect.stringMatching(/^Passages 1–/) } });
  });
});

describe('a 429 whose Retry-After outlives the interaction token', () => {
  const dropped = () => t.logs.filter((l) => String(l.msg).startsWith('reply dropped: Discord rate-limited it'));

  it('the first response (3 s life) held for 20 minutes: dropped with one log line, not held', async () => {
    const before = dropped().length;
    t.fake.failNext(/\/callback$/, 429, { retryAfter: 20 * 60 });
    void t.fake.interact(slashCommand('about'), { waitFor: 'callback', timeoutMs: 3000 }).catch(() => undefined);
    await waitFor(() => dropped().length > before, 5000, 'the drop being logged');
    await waitFor(() => t.logs.some((l) => l.msg === 'interaction' && l.outcome === 'dropped-rate-limited'), 5000, 'the interaction line');
    expect(dropped().at(-1)).toMatchObject({ level: 40, retryAfterMs: expect.any(Number) });
    // biome-ignore lint/complexity/useLiteralKeys: a private field, read from the outside on purpose
    expect(t.bot.handler['inFlight'].size).toBe(0);
  });

  it('an edit of a deferred reply (15-minute life) held for 16 minutes: dropped the same way', async () => {
    const before = dropped().length;
    t.fake.failNext(/^PATCH \/webhooks\//, 429, { retryAfter: 16 * 60 });
    void t.fake.interact(slashCommand('figures', { partner: 'Kazakhstan' }), { timeoutMs: 5000 }).catch(() => undefined);
    await waitFor(() => dropped().length > before, 8000, 'the drop being logged');
  });
});

describe('autocomplete rate limit (cooldown on)', () => {
  let limited: TestBot;
  beforeAll(async () => {
    limited = await startTestBot({ COOLDOWN_SECONDS: '3', COOLDOWN_BURST: '5' });
  });
  afterAll(async () => {
    await limited?.close();
  });

  it('a script typing 40 times at once gets empty choices past its burst; another user is served', async () => {
    const typed = await Promise.all(
      Array.from({ length: 40 }, (_, i) => limited.fake.interact(autocomplete('cite', { reference: ['a', 'ch', 'in'][i % 3]! }), { waitFor: 'callback' })),
    );
    for (const r of typed) expect(r.callback?.type).toBe(8);
    const served = typed.filter((r) => (r.choices ?? []).length > 0).length;
    expect(served).toBeGreaterThan(0);
    expect(served).toBeLessThanOrEqual(12);
    const other = await limited.fake.interact(autocomplete('cite', { reference: 'a' }, { user: { ...DEFAULT_USER, ...OTHER_USER } }), { waitFor: 'callback' });
    expect(other.choices!.length).toBeGreaterThan(0);
  });
});
