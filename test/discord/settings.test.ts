import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slashCommand, startFakeDiscord, type FakeDiscord, type FakeMessage } from '../fake-discord/fakeDiscord.js';
import { startBotOn, tempDatabaseFile, type BotOnFake } from './harness.js';

/**
 * `/settings`: each server chooses how Steppe behaves, its managers change it, and the
 * choice lasts (it is in the store). Members see the settings; only Manage Server changes
 * them. Settings belong to servers: in a DM the command says so.
 */

type Data = Record<string, any>;
const MANAGE_GUILD = String(1n << 5n | 1n << 11n);
const MEMBER = String(1n << 11n);

const reply = (fake: FakeDiscord, said: FakeMessage) =>
  fake.waitForBotMessage((m) => (m.message_reference as { message_id?: string } | undefined)?.message_id === said.id, { timeoutMs: 8000 });

describe('/settings', () => {
  let fake: FakeDiscord;
  let bot: BotOnFake;
  const databaseFile = tempDatabaseFile();
  beforeAll(async () => {
    fake = await startFakeDiscord();
    bot = await startBotOn(fake, { databaseFile });
  });
  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
  });
  const settings = async (options: Record<string, string | boolean> = {}, ctx: Parameters<typeof slashCommand>[2] = { permissions: MANAGE_GUILD }) => {
    const r = await fake.interact(slashCommand('settings', options, ctx), { waitFor: 'final' });
    return r.final() as unknown as Data;
  };

  it('is registered for managers only, in servers only', () => {
    const def = fake.registeredCommands({ guildId: fake.guildId }).find((c) => c.name === 'settings')!;
    expect(def.default_member_permissions).toBe(String(1 << 5));
    expect(def.contexts).toEqual([0]);
  });

  it('shows every setting, privately, with its default', async () => {
    const m = await settings();
    expect(m.ephemeral).toBe(true);
    const fields = (m.embeds[0].fields as Array<{ name: string }>).map((f) => f.name);
    expect(fields).toEqual(['answer_in_threads: off', 'answer_mentions: on', 'private_answers: off']);
  });

  it('a member without Manage Server cannot change one', async () => {
    const m = await settings({ setting: 'answer_mentions', value: false }, { permissions: MEMBER });
    expect(m.embeds[0].description).toMatch(/Only members with the Manage Server permission/);
    expect((await settings()).embeds[0].fields[1].name).toBe('answer_mentions: on');
  });

  it('answer_in_threads on: the next mention is answered in a thread; it lasts across a restart', async () => {
    expect((await settings({ setting: 'answer_in_threads', value: true })).embeds[0].description).toMatch(/answer_in_threads is now on/);
    const said = await fake.say({ content: 'How many Kazakhs live in Mongolia?', mentionBot: true });
    const inThread = await fake.waitForBotMessage((m) => m.channel_id === said.id, { timeoutMs: 8000 });
    expect(JSON.stringify(inThread.embeds)).toContain('160,000');
    await bot.stop();
    bot = await startBotOn(fake, { databaseFile });
    const again = await fake.say({ content: 'What is the BRI?', mentionBot: true });
    await fake.waitForBotMessage((m) => m.channel_id === again.id, { timeoutMs: 8000 });
    await settings({ setting: 'answer_in_threads', value: false });
  });

  it('private_answers on: /ask answers are private unless asked otherwise', async () => {
    await settings({ setting: 'private_answers', value: true });
    const r = await fake.interact(slashCommand('ask', { question: 'What is the BRI?' }), { waitFor: 'final' });
    expect(r.final()!.ephemeral).toBe(true);
    const open = await fake.interact(slashCommand('ask', { question: 'What is the BRI?', private: false }), { waitFor: 'final' });
    expect(open.final()!.ephemeral).toBe(false);
    await settings({ setting: 'private_answers', value: false });
  });

  it('answer_mentions off: mentions in the server get nothing, DMs still an answer', async () => {
    await settings({ setting: 'answer_mentions', value: false });
    const before = fake.botMessages().length;
    await fake.say({ content: 'What is the BRI?', mentionBot: true });
    const dm = await fake.say({ dm: true, content: 'What is the BRI?' });
    await reply(fake, dm);
    await settings({ setting: 'answer_mentions', value: true });
    // Answered again, and the mention sent while it was off never was.
    const marker = await fake.say({ content: 'What is the SCO?', mentionBot: true });
    await reply(fake, marker);
    expect(fake.botMessages().length).toBe(before + 2);
  });

  it('in a DM it says settings belong to a server', async () => {
    const m = await settings({}, { guildId: null });
    expect(m.embeds[0].description).toMatch(/Settings belong to a server/);
  });
});
