import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slashCommand, startFakeDiscord, type FakeDiscord, type FakeMessage } from '../fake-discord/fakeDiscord.js';
import { botReplyTo, startBotOn, type BotOnFake } from './harness.js';

/**
 * Help channels (/settings help_channel), with the Message Content intent on: Steppe
 * answers plain questions there without a mention, from the next message on, and stops
 * when the channel is removed; elsewhere plain messages stay unanswered, and other bots'
 * messages are never answered.
 */

type Data = Record<string, any>;
const MANAGE_GUILD = String((1n << 5n) | (1n << 11n));

let fake: FakeDiscord;
let bot: BotOnFake;
beforeAll(async () => {
  fake = await startFakeDiscord();
  bot = await startBotOn(fake, { env: { MESSAGE_CONTENT_INTENT: 'true' } });
});
afterAll(async () => {
  await bot?.stop();
  await fake?.close();
});

const replyTo = (said: FakeMessage) => botReplyTo(fake, said);
const run = async (sub: string, options: unknown) =>
  ((await fake.interact(slashCommand(`settings ${sub}`, options as never, { permissions: MANAGE_GUILD }), { waitFor: 'final' })).final() as unknown as Data).embeds[0];
const helpChannel = (answer: boolean) => run('help_channel', [{ name: 'channel', type: 7, value: fake.channelId }, { name: 'answer', type: 5, value: answer }]);

/** Nothing answered `said`: a mention sent after it is answered, and nothing else was posted. */
async function unanswered(said: FakeMessage, before: number): Promise<void> {
  const marker = await fake.say({ content: 'What is the SCO?', mentionBot: true });
  await replyTo(marker);
  expect(fake.botMessages().length).toBe(before + 1);
  expect(fake.botMessages().some((m) => (m.message_reference as { message_id?: string } | undefined)?.message_id === said.id)).toBe(false);
}

describe('help channels', () => {
  it('a plain question in an ordinary channel is not answered', async () => {
    const before = fake.botMessages().length;
    await unanswered(await fake.say('What is the Belt and Road Initiative?'), before);
  });

  it('once the channel is a help channel, the next plain question is answered; no warning about the intent', async () => {
    const set = await helpChannel(true);
    expect(set.description).toBe(`<#${fake.channelId}> is now a help channel: Steppe answers plain questions there without a mention (in a forum, each new post).`);
    const said = await fake.say('What is the Belt and Road Initiative?');
    const answer = await replyTo(said);
    expect(JSON.stringify(answer.embeds)).toMatch(/Belt and Road/);
    expect(fake.allowedMentions(answer.id)).toEqual({ parse: [], replied_user: true });
    const field = (await run('show', {})).fields[5];
    expect(field.name).toBe('help_channels: 1');
    expect(field.value).not.toContain('⚠');
  });

  it('answers there even with answer_mentions off; never another bot', async () => {
    await run('set', { setting: 'answer_mentions', value: false });
    expect(JSON.stringify((await replyTo(await fake.say('How many Kazakhs live in Mongolia?'))).embeds)).toContain('160,000');
    await run('set', { setting: 'answer_mentions', value: true });
    const before = fake.botMessages().length;
    await unanswered(await fake.say({ content: 'What is the BRI?', author: { id: '100000000000000555', username: 'otherbot', bot: true } }), before);
  });

  it('removed: plain questions there are not answered any more', async () => {
    expect((await helpChannel(false)).description).toBe(`<#${fake.channelId}> is no longer a help channel: Steppe answers there only when mentioned.`);
    const before = fake.botMessages().length;
    await unanswered(await fake.say('What is the Belt and Road Initiative?'), before);
  });
});
