import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slashCommand, startFakeDiscord, type FakeDiscord, type FakeMessage, type JsonObject } from '../fake-discord/fakeDiscord.js';
import { withTitle } from '../../src/discord/messages.js';
import { limitProblems, startBotOn, type BotOnFake } from './harness.js';

/**
 * A forum as a help channel (/settings help_channel channel: #forum), with the Message
 * Content intent on, through the real bot on the loopback Discord: each new post (a thread
 * whose first message has the thread's id) is answered in its thread without a mention;
 * later plain messages there are not (only mentions and replies to Steppe, as anywhere);
 * a forum that is not a help channel is left alone; nobody but the asker is ever pinged,
 * and every reply keeps Discord's limits.
 */

type Data = Record<string, any>;
const MANAGE_GUILD = String((1n << 5n) | (1n << 11n));
const OTHER = { id: '100000000000000777', username: 'reader' };

let fake: FakeDiscord;
let bot: BotOnFake;
let help: string;
let quiet: string;
beforeAll(async () => {
  fake = await startFakeDiscord();
  bot = await startBotOn(fake, { env: { MESSAGE_CONTENT_INTENT: 'true' } });
  help = String((await fake.createForum({ name: 'ask-steppe', tags: ['trade'] })).id);
  quiet = String((await fake.createForum({ name: 'chat' })).id);
});
afterAll(async () => {
  await bot?.stop();
  await fake?.close();
});

const refOf = (m: FakeMessage) => (m.message_reference as { message_id?: string } | undefined)?.message_id;
const replyTo = (said: FakeMessage) => fake.waitForBotMessage((m) => refOf(m) === said.id, { timeoutMs: 8000 });
const run = async (sub: string, options: unknown) =>
  ((await fake.interact(slashCommand(`settings ${sub}`, options as never, { permissions: MANAGE_GUILD }), { waitFor: 'final' })).final() as unknown as Data).embeds[0];
const helpChannel = (id: string, answer: boolean) => run('help_channel', [{ name: 'channel', type: 7, value: id }, { name: 'answer', type: 5, value: answer }]);
/** The body the bot POSTed for message `id` (the create, not a later edit). */
const bodyOf = (m: FakeMessage) => fake.requests.find((r) => r.method === 'POST' && r.path === `/channels/${m.channel_id}/messages` && r.status === 200 && r.body && (r.body as JsonObject).message_reference && refOf(m) === ((r.body as JsonObject).message_reference as JsonObject).message_id)!.body as JsonObject;

/** A mention in `channelId` is answered and, apart from it, the bot posted nothing new there. */
async function nothingElseIn(channelId: string, before: number): Promise<void> {
  const marker = await fake.say({ channelId, content: 'What is the SCO?', mentionBot: true, author: OTHER });
  await replyTo(marker);
  expect(fake.botMessages(channelId).map(refOf)).toHaveLength(before + 1);
}

describe('withTitle', () => {
  it('puts the title before the body, once', () => {
    expect(withTitle('Kazakhs in Mongolia', 'How many are there?')).toBe('Kazakhs in Mongolia: How many are there?');
    expect(withTitle('How many Kazakhs?', 'In Mongolia, I mean')).toBe('How many Kazakhs? In Mongolia, I mean');
    expect(withTitle('The BRI', 'What is the BRI, exactly?')).toBe('What is the BRI, exactly?');
    expect(withTitle('  ', 'What is the BRI?')).toBe('What is the BRI?');
  });
});

describe('a forum as a help channel', () => {
  it('a forum that is not a help channel: a new post is not answered', async () => {
    const { thread } = await fake.post({ forumId: quiet, name: 'Belt and Road', content: 'What is the Belt and Road Initiative?' });
    await nothingElseIn(thread.id, 0);
  });

  it('there, a post that mentions Steppe is answered, its title part of the question', async () => {
    const { thread, message } = await fake.post({ forumId: quiet, name: 'Kazakhs in Mongolia', content: 'How many are there?', mentionBot: true });
    const answer = await replyTo(message);
    expect(answer.channel_id).toBe(thread.id);
    expect(JSON.stringify(answer.embeds)).toContain('160,000');
  });

  it('set as a help channel: a new post is answered in its thread, without a mention, pinging nobody but the asker', async () => {
    expect((await helpChannel(help, true)).description).toBe(`<#${help}> is now a help channel: Steppe answers plain questions there without a mention (in a forum, each new post).`);
    const threadsBefore = fake.threads().length;
    const { thread, message } = await fake.post({
      forumId: help,
      name: 'Kazakhs in Mongolia',
      content: 'How many Kazakhs live in Mongolia? @everyone <@&100000000000000321>',
      mentions: [OTHER],
    });
    const answer = await replyTo(message);
    expect(answer.channel_id).toBe(thread.id);
    expect(JSON.stringify(answer.embeds)).toContain('160,000');
    // no pings: only the asker, through the reply; not @everyone, the role or the user the post named
    expect(fake.allowedMentions(answer.id)).toEqual({ parse: [], replied_user: true });
    expect(answer.mention_everyone).toBe(false);
    expect(answer.mention_roles).toEqual([]);
    expect((answer.mentions as Array<{ id: string }>).map((u) => u.id)).toEqual([message.author.id]);
    expect(limitProblems(bodyOf(answer))).toEqual([]);
    // answered where it was asked: no thread of its own inside the post
    expect(fake.threads().length).toBe(threadsBefore + 1);
    // the question log says it was asked in a forum (written after the reply: bounded poll)
    const answerId = JSON.stringify(answer.components).match(/"custom_id":"[^"]*?:[^"]*?:[^"]*?:([^":]+)/)?.[1];
    expect(answerId).toBeTruthy();
    let logged = await bot.store.getQuestion(answerId!);
    for (let i = 0; !logged && i < 150; i++) logged = await new Promise((r) => setTimeout(r, 20)).then(() => bot.store.getQuestion(answerId!));
    expect(logged).toMatchObject({ channelKind: 'forum', askedVia: 'message', guildId: fake.guildId });
  });

  it("the post's title is part of its question: a title naming the subject and a body asking about it", async () => {
    // the body alone has no words to search for ("only very common words")
    const { thread, message } = await fake.post({ forumId: help, name: 'Kazakhs in Mongolia', content: 'How many are there?' });
    const answer = await replyTo(message);
    expect(answer.channel_id).toBe(thread.id);
    expect(JSON.stringify(answer.embeds)).toContain('160,000');
    expect(JSON.stringify(answer.embeds)).not.toMatch(/no words to search for/);
  });

  it('later messages in the post: plain ones are not answered; a mention and a reply to Steppe are, in the post', async () => {
    const { thread, message } = await fake.post({ forumId: help, name: 'Railways', content: 'Which railway links Mongolia and China?' });
    const first = await replyTo(message);
    // the poster and another reader go on talking: not addressed to Steppe
    await fake.say({ channelId: thread.id, content: 'Thanks! And what about the one to Russia?' });
    await fake.say({ channelId: thread.id, content: 'I had the same question.', author: OTHER });
    await nothingElseIn(thread.id, 1);
    // replying to Steppe's answer continues the conversation
    const followUp = await fake.say({ channelId: thread.id, content: 'What are the sources on that?', replyTo: first.id });
    const again = await replyTo(followUp);
    expect(again.channel_id).toBe(thread.id);
    expect(fake.allowedMentions(again.id)).toEqual({ parse: [], replied_user: true });
    expect(limitProblems(bodyOf(again))).toEqual([]);
  });

  it('answer_in_threads on: a post is still answered in the post itself; answer_mentions off: posts still are', async () => {
    await run('set', { setting: 'answer_in_threads', value: true });
    await run('set', { setting: 'answer_mentions', value: false });
    try {
      const threadsBefore = fake.threads().length;
      const { thread, message } = await fake.post({ forumId: help, name: 'Trade', content: 'How much did Mongolia export to Kazakhstan in 2016?', appliedTags: [] });
      const answer = await replyTo(message);
      expect(answer.channel_id).toBe(thread.id);
      expect(fake.threads().length).toBe(threadsBefore + 1);
      expect(limitProblems(bodyOf(answer))).toEqual([]);
    } finally {
      await run('set', { setting: 'answer_in_threads', value: false });
      await run('set', { setting: 'answer_mentions', value: true });
    }
  });

  it('a post by another bot is never answered; removed as a help channel, new posts are not either', async () => {
    const byBot = await fake.post({ forumId: help, name: 'Bot question', content: 'What is the BRI?', author: { id: '100000000000000555', username: 'otherbot', bot: true } });
    await nothingElseIn(byBot.thread.id, 0);
    expect((await helpChannel(help, false)).description).toBe(`<#${help}> is no longer a help channel: Steppe answers there only when mentioned.`);
    const { thread } = await fake.post({ forumId: help, name: 'After', content: 'What is the Belt and Road Initiative?' });
    await nothingElseIn(thread.id, 0);
  });
});
