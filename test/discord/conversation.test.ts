import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine.js';
import { slashCommand, startFakeDiscord, type FakeDiscord, type FakeMessage, type JsonObject } from '../fake-discord/fakeDiscord.js';
import { botReplyTo, limitProblems, sharedEngine, startBotOn, waitFor, type BotOnFake } from './harness.js';

/**
 * Talking to Steppe in messages, through the real discord.js client and the loopback
 * Discord with its content rules: a mention gets a reply; a reply to an answer is read in
 * the conversation it continues; DMs are one conversation; threads Steppe started are
 * followed (plain messages only with the Message Content intent). Everything else —
 * plain chatter, @everyone, roles, other bots, webhooks, Steppe's own posts, edits — gets
 * nothing. "Nothing" is checked by order, not by waiting: the fake dispatches in order,
 * so once a later message's answer has arrived, an earlier ignored one would have too.
 */

type Embed = { title?: string; description?: string; footer?: { text: string } };

const embedOf = (m: FakeMessage): Embed => ((m.embeds as Embed[] | undefined) ?? [])[0] ?? {};
const textOf = (m: FakeMessage): string => {
  const e = embedOf(m);
  return [m.content ?? '', e.title ?? '', e.description ?? '', e.footer?.text ?? ''].join('\n');
};

const replyTo = botReplyTo;

function expectSafe(fake: FakeDiscord, m: FakeMessage): void {
  expect(limitProblems(m as unknown as JsonObject)).toEqual([]);
  const allowed = fake.allowedMentions(m.id) as { parse?: string[]; users?: string[]; roles?: string[] } | undefined;
  expect(allowed).toBeDefined();
  expect(allowed!.parse).toEqual([]);
  expect(allowed!.users ?? []).toEqual([]);
  expect(allowed!.roles ?? []).toEqual([]);
}

describe('messages, without the Message Content intent', () => {
  let fake: FakeDiscord;
  let bot: BotOnFake;
  beforeAll(async () => {
    fake = await startFakeDiscord();
    bot = await startBotOn(fake);
  });
  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
  });

  it('a message that @mentions Steppe gets a reply rendered like /ask, nobody pinged', async () => {
    const said = await fake.say({ content: 'How many Kazakhs live in Mongolia?', mentionBot: true });
    const answer = await replyTo(fake, said);
    expect(answer.type).toBe(19);
    expect(embedOf(answer).title).toBe('How many Kazakhs live in Mongolia?');
    expect(textOf(answer)).toContain('160,000');
    expect(embedOf(answer).description).toMatch(/¶ miliate-2013\/2/);
    expectSafe(fake, answer);
  });

  it('shows it is typing once an answer has kept the reader waiting, before the reply', async () => {
    // Everyone's answer work busy (the queue runs two jobs at once): this question waits.
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const held = [bot.bot.handler.work.run('someone', () => gate), bot.bot.handler.work.run('someone else', () => gate)];
    const typingBefore = fake.typingIn();
    const said = await fake.say({ content: 'How many Kazakhs live in Mongolia?', mentionBot: true });
    await waitFor(() => fake.typingIn() > typingBefore, 10_000, 'typing while the answer waits');
    expect(fake.botMessages().some((m) => (m.message_reference as { message_id?: string } | undefined)?.message_id === said.id)).toBe(false);
    release();
    await Promise.all(held);
    const answer = await replyTo(fake, said);
    expect(textOf(answer)).toContain('160,000');
  });

  it('a reply to an answer is a follow-up read in its context ("and kyrgyzstan?")', async () => {
    const first = await fake.say({ content: 'does mongolia have an embassy in kazakhstan?', mentionBot: true });
    const answer = await replyTo(fake, first);
    const follow = await fake.say({ content: 'and kyrgyzstan?', replyTo: answer.id });
    const second = await replyTo(fake, follow);
    expect(embedOf(second).title).toBe('and kyrgyzstan?');
    expect(embedOf(second).footer?.text).toMatch(/Understood as: does mongolia have an embassy in Kyrgyzstan\?/);
    expect(textOf(second)).toContain('Mongolia only established an embassy in the Kyrgyzstani capital in 2019');
    // "who said that?" answers from the citation, not from a new search.
    const who = await fake.say({ content: 'who said that?', replyTo: second.id });
    const source = await replyTo(fake, who);
    expect(textOf(source)).toMatch(/Irgengioro|Batchimeg/);
    expectSafe(fake, source);
  });

  it('"thanks" in reply to an answer gets a short reply in kind, and the next reply still follows the question', async () => {
    const first = await fake.say({ content: 'how much did mongolia export to kazakhstan in 2016?', mentionBot: true });
    const answer = await replyTo(fake, first);
    const thanks = await fake.say({ content: 'thanks! 🙏', replyTo: answer.id });
    const welcome = await replyTo(fake, thanks);
    expect(textOf(welcome)).toContain('You’re welcome');
    expect(textOf(welcome)).not.toMatch(/¶ /);
    expectSafe(fake, welcome);
    const follow = await fake.say({ content: 'and kyrgyzstan?', replyTo: welcome.id });
    const second = await replyTo(fake, follow);
    expect(textOf(second)).toMatch(/Kyrgyzstan[^\n]*2016|2016[^\n]*Kyrgyzstan/);
  });

  it('a reply to a /ask answer follows on from it', async () => {
    const result = await fake.interact(slashCommand('ask', { question: 'does mongolia have an embassy in kazakhstan?' }));
    const original = result.final()!;
    expect(original.id).toBeDefined();
    const follow = await fake.say({ content: 'and kyrgyzstan?', replyTo: original.id });
    const next = await replyTo(fake, follow);
    expect(embedOf(next).footer?.text).toMatch(/Understood as: does mongolia have an embassy in Kyrgyzstan\?/);
  });

  it('a mention without a reply continues the same user’s recent conversation in that channel', async () => {
    const first = await fake.say({ content: 'how much did kazakhstan export to mongolia in 2019?', mentionBot: true });
    expect(textOf(await replyTo(fake, first))).toContain('58.1');
    const next = await fake.say({ content: 'and the other direction?', mentionBot: true });
    expect(textOf(await replyTo(fake, next))).toContain('7.14');
  });

  it('every message in a DM is a turn of one conversation', async () => {
    const one = await fake.say({ dm: true, content: 'how much did Mongolia export to China in 2019?' });
    const a1 = await replyTo(fake, one);
    expect(a1.channel_id).toBe(one.channel_id);
    expect(textOf(a1)).toContain('6.59');
    const two = await fake.say({ dm: true, content: 'and to japan?' });
    expect(textOf(await replyTo(fake, two))).toContain('20.8');
  });

  it('a DM longer than a question (a pasted page, 4,000 characters) is told so, and the conversation goes on from the turn before', async () => {
    const author = { id: '100000000000000091', username: 'paster' };
    const one = await fake.say({ dm: true, author, content: 'how much did Mongolia export to China in 2019?' });
    await replyTo(fake, one);
    const pasted = await fake.say({ dm: true, author, content: `so ${'\t'.repeat(2000)}${'and, '.repeat(400)}`.slice(0, 4000) });
    const refused = await replyTo(fake, pasted);
    expect(textOf(refused)).toMatch(/too long/);
    expectSafe(fake, refused);
    const next = await fake.say({ dm: true, author, content: 'and to japan?' });
    expect(textOf(await replyTo(fake, next))).toContain('20.8');
  });

  it('a researcher sets the sources side by side and cites one, in a DM, within every limit and pinging nobody', async () => {
    const author = { id: '100000000000000077', username: 'researcher' };
    const ask = async (content: string) => {
      const m = await fake.say({ dm: true, author, content });
      const reply = await replyTo(fake, m);
      expectSafe(fake, reply);
      return textOf(reply);
    };
    await ask('why are mongolia and kazakhstan not closer?');
    const agree = await ask('do the two articles agree?');
    expect(agree).toMatch(/What each source says on this, side by side: (?:Irgengioro \(2022\) \[1\], Miliate \(2013\) \[2\]|Miliate \(2013\) \[1\], Irgengioro \(2022\) \[2\])/);
    const cite = await ask('how do i cite this?');
    expect(cite).toMatch(/Reference\*{0,2} \(APA\): (?:Irgengioro, J\. \(2022\)|Miliate, B\. \(2013\))/);
    expect(cite).toMatch(/In the text:\*{0,2} \((?:Irgengioro, 2022|Miliate, 2013)/);
  });

  it('turns sent back to back are answered in order, each in the context of the one before', async () => {
    const author = { id: '100000000000000055', username: 'fast' };
    const [one, two] = await Promise.all([
      fake.say({ dm: true, author, content: 'how much did kazakhstan export to mongolia in 2019?' }),
      fake.say({ dm: true, author, content: 'and the other direction?' }),
    ]);
    expect(textOf(await replyTo(fake, one!))).toContain('58.1');
    expect(textOf(await replyTo(fake, two!))).toContain('7.14');
  });

  it('says nothing to chatter, @everyone, role mentions, other bots, webhooks, replies that do not ping, or edits', async () => {
    const before = fake.botMessages().length;
    const answered = await fake.say({ content: 'What is the BRI?', mentionBot: true });
    const answer = await replyTo(fake, answered);
    const count = () => fake.botMessages().length;
    expect(count()).toBe(before + 1);
    await fake.say('what is the SCO?');
    await fake.say({ content: '@everyone what is the SCO?', mentionEveryone: true });
    await fake.say({ content: 'what is the SCO? <@&123456789012345678>', mentionRoles: ['123456789012345678'] });
    await fake.say({ content: 'what is the SCO?', mentionBot: true, author: { id: '200000000000000002', username: 'otherbot', bot: true } });
    await fake.say({ content: 'what is the SCO?', mentionBot: true, webhookId: '300000000000000003' });
    await fake.say({ content: 'and the SCO?', replyTo: answer.id, ping: false });
    await fake.editUserMessage(answered.id, 'What is the SCO? (edited)');
    // A later addressed message is answered, and nothing came in between.
    const marker = await fake.say({ content: 'What is the SREB?', mentionBot: true });
    await replyTo(fake, marker);
    expect(count()).toBe(before + 2);
  });

  it('user text cannot ping anyone through the answer', async () => {
    const said = await fake.say({ content: '@everyone <@100000000000000009> <@&123456789012345678> what is the BRI?', mentionBot: true });
    const answer = await replyTo(fake, said);
    expectSafe(fake, answer);
    expect(answer.mention_everyone ?? false).toBe(false);
    // The reply may ping the asker (it is a reply to them); nobody else.
    const pinged = ((answer.mentions as Array<{ id: string }> | undefined) ?? []).map((u) => u.id);
    expect(pinged.filter((id) => id !== said.author.id)).toEqual([]);
  });

  it('a bare mention gets a hint, not silence', async () => {
    const said = await fake.say({ content: '', mentionBot: true });
    expect(textOf(await replyTo(fake, said))).toMatch(/Ask a question/);
  });
});

describe('threads', () => {
  let fake: FakeDiscord;
  afterAll(async () => {
    await fake?.close();
  });
  beforeAll(async () => {
    fake = await startFakeDiscord();
  });

  it('ANSWER_IN_THREADS: the answer goes in a thread named after the question; without the intent only mentions there are answered', async () => {
    const bot = await startBotOn(fake, { env: { ANSWER_IN_THREADS: 'true' } });
    try {
      const said = await fake.say({ content: 'Why are Mongolia–Kazakhstan relations so weak?', mentionBot: true });
      const answer = await fake.waitForBotMessage((m) => m.channel_id !== fake.channelId && /relations/i.test(textOf(m)), { timeoutMs: 8000 });
      const thread = fake.threads().find((t) => t.id === answer.channel_id);
      expect(thread).toBeDefined();
      expect(thread!.name).toBe('Why are Mongolia–Kazakhstan relations so weak?');
      expect(said.id).toBe(thread!.id); // started from the question
      expectSafe(fake, answer);
      // Without Message Content, a plain message in the thread arrives empty: ignored.
      await fake.say({ channelId: thread!.id, content: 'and kyrgyzstan?' });
      const mention = await fake.say({ channelId: thread!.id, content: 'and kyrgyzstan?', mentionBot: true });
      const followUp = await fake.waitForBotMessage((m) => m.channel_id === thread!.id, { timeoutMs: 8000, after: mention.id });
      expect(embedOf(followUp).footer?.text).toMatch(/Understood as: .*Kyrgyzstan/i);
      expect(fake.botMessages(thread!.id)).toHaveLength(2);
    } finally {
      await bot.stop();
    }
  });

  it('ANSWER_IN_THREADS without the permission to start threads: the answer is a reply in the channel', async () => {
    const bot = await startBotOn(fake, { env: { ANSWER_IN_THREADS: 'true' } });
    try {
      fake.failNext(/\/threads$/, 403);
      const said = await fake.say({ content: 'How many Kazakhs live in Mongolia?', mentionBot: true });
      const answer = await replyTo(fake, said);
      expect(answer.channel_id).toBe(fake.channelId);
      expect(textOf(answer)).toContain('160,000');
      await waitFor(() => bot.logs.some((l) => String(l.msg).startsWith('could not start a thread')), 5000, 'the warning');
    } finally {
      await bot.stop();
    }
  });

  it('MESSAGE_CONTENT_INTENT: plain messages in Steppe’s thread are followed as the conversation', async () => {
    const bot = await startBotOn(fake, { env: { ANSWER_IN_THREADS: 'true', MESSAGE_CONTENT_INTENT: 'true' } });
    try {
      const said = await fake.say({ content: 'how much did kazakhstan export to mongolia in 2019?', mentionBot: true });
      const answer = await fake.waitForBotMessage((m) => m.channel_id === said.id, { timeoutMs: 8000 });
      expect(textOf(answer)).toContain('58.1');
      const plain = await fake.say({ channelId: said.id, content: 'and in 2015, both ways?' });
      const next = await fake.waitForBotMessage((m) => m.channel_id === said.id, { timeoutMs: 8000, after: plain.id });
      expect(textOf(next)).toContain('2.34');
      expect(textOf(next)).toContain('52.1');
      // Plain messages outside Steppe's threads are still not for it.
      const before = fake.botMessages().length;
      await fake.say('how much did kazakhstan export to mongolia in 2019?');
      const marker = await fake.say({ channelId: said.id, content: 'and the other direction?' });
      await fake.waitForBotMessage((m) => m.channel_id === said.id, { timeoutMs: 8000, after: marker.id });
      expect(fake.botMessages().length).toBe(before + 1);
    } finally {
      await bot.stop();
    }
  });
});

describe('restarts, cooldown and errors', () => {
  let fake: FakeDiscord;
  beforeAll(async () => {
    fake = await startFakeDiscord();
  });
  afterAll(async () => {
    await fake?.close();
  });

  it('a reply to an answer written before a restart still continues that conversation', async () => {
    let bot = await startBotOn(fake);
    const first = await fake.say({ content: 'how many tourists from kazakhstan visited mongolia in 2019?', mentionBot: true });
    const answer = await replyTo(fake, first);
    expect(textOf(answer)).toContain('16,264');
    await bot.stop();
    bot = await startBotOn(fake);
    try {
      const follow = await fake.say({ content: 'and from kyrgyzstan?', replyTo: answer.id });
      const next = await replyTo(fake, follow);
      expect(textOf(next)).toContain('citizens of Kyrgyzstan make up an even smaller number');
    } finally {
      await bot.stop();
    }
  });

  it('messages share the per-user cooldown of interactions', async () => {
    const bot = await startBotOn(fake, { env: { COOLDOWN_SECONDS: '600', COOLDOWN_BURST: '1' } });
    try {
      const one = await fake.say({ content: 'What is the BRI?', mentionBot: true, author: { id: '100000000000000077', username: 'quick' } });
      await replyTo(fake, one);
      const two = await fake.say({ content: 'What is the SCO?', mentionBot: true, author: { id: '100000000000000077', username: 'quick' } });
      expect(textOf(await replyTo(fake, two))).toMatch(/Slow down a little: try again in \d+ s/);
      await waitFor(() => bot.logs.some((l) => l.what === 'message:mention' && l.outcome === 'cooldown'), 5000, 'the cooldown log line');
    } finally {
      await bot.stop();
    }
  });

  it('an error becomes a short reply with a ref, and a log line with the same ref', async () => {
    const real = await sharedEngine();
    const broken = { ...real, index: new Proxy(real.index, { get: (t, p) => (p === 'query' ? () => { throw new Error('index exploded'); } : Reflect.get(t, p)) }) } as Engine;
    Object.defineProperty(broken, 'figures', { get: () => real.figures });
    const bot = await startBotOn(fake, { engine: broken });
    try {
      const said = await fake.say({ content: 'What is the BRI?', mentionBot: true });
      const reply = await replyTo(fake, said);
      const ref = /Something went wrong \(ref ([0-9A-F]{6})\)/.exec(textOf(reply))?.[1];
      expect(ref).toBeDefined();
      await waitFor(() => bot.logs.some((l) => l.msg === `message failed (ref ${ref})`), 5000, 'the error log line');
      expectSafe(fake, reply);
    } finally {
      await bot.stop();
    }
  });
});
