import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { autocomplete, slashCommand, startFakeDiscord, type FakeDiscord } from '../fake-discord/fakeDiscord.js';
import { botReplyTo, limitProblems, sentBodies, startBotOn, type BotOnFake } from './harness.js';
import { postgresEngine, postgresRequired, sqliteEngine } from '../store/engines.js';
import { safetyNet } from '../fake-discord/safetyNet.js';

/**
 * `/settings`: each server chooses how Steppe behaves, its managers change it, and the
 * choice lasts (it is in the store) and applies to the next message or interaction.
 * Members see the settings; only Manage Server changes them. Settings belong to servers:
 * in a DM the command says so. (Help channels answering plain messages, which needs the
 * Message Content intent: settingsHelpChannels.test.ts.)
 */

type Data = Record<string, any>;
const MANAGE_GUILD = String(1n << 5n | 1n << 11n);
const MEMBER = String(1n << 11n);

const reply = botReplyTo;

// The same specification on both engines: a SQLite file, and a database of the suite's own
// PostgreSQL server (skipped with its note where the binaries are missing, never in CI).
for (const engine of [sqliteEngine(), postgresEngine()]) {
const skipped = engine.unavailable !== null && !(engine.name === 'postgres' && postgresRequired());
describe.skipIf(skipped)(`/settings (${engine.name})`, () => {
  let fake: FakeDiscord;
  let bot: BotOnFake;
  let env: { DATABASE_URL: string };
  beforeAll(async () => {
    if (engine.unavailable) throw new Error(engine.unavailable);
    const target = await engine.newDatabase();
    env = { DATABASE_URL: target.engine === 'postgres' ? target.url : `sqlite:${target.file}` };
    fake = await startFakeDiscord();
    bot = await startBotOn(fake, { env });
  }, safetyNet(30_000)); // per-test bound: a safety net, stretched on a loaded machine
  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
    await engine.dispose();
  });
  const run = async (sub: string, options: Record<string, string | boolean | number> = {}, ctx: Parameters<typeof slashCommand>[2] = { permissions: MANAGE_GUILD }) => {
    const r = await fake.interact(slashCommand(`settings ${sub}`, options, ctx), { waitFor: 'final' });
    for (const body of sentBodies(r)) expect(limitProblems(body)).toEqual([]);
    return r.final() as unknown as Data;
  };
  const show = (ctx?: Parameters<typeof slashCommand>[2]) => run('show', {}, ctx);
  const settings = (options: Record<string, string | boolean> = {}, ctx?: Parameters<typeof slashCommand>[2]) => (Object.keys(options).length ? run('set', options, ctx) : show(ctx));
  const ask = async (question: string, ctx: Parameters<typeof slashCommand>[2] = {}) => (await fake.interact(slashCommand('ask', { question }, ctx), { waitFor: 'final' })).final() as unknown as Data;

  it('is registered for managers only, in servers only', () => {
    const def = fake.registeredCommands({ guildId: fake.guildId }).find((c) => c.name === 'settings')!;
    expect(def.default_member_permissions).toBe(String(1 << 5));
    expect(def.contexts).toEqual([0]);
  });

  it('shows every setting, privately, with its default', async () => {
    const m = await settings();
    expect(m.ephemeral).toBe(true);
    const fields = (m.embeds[0].fields as Array<{ name: string }>).map((f) => f.name);
    expect(fields).toEqual([
      'answer_in_threads: off',
      'answer_mentions: on',
      'private_answers: off',
      'log_questions: on',
      'cooldown: the bot’s default (no limit)',
      'help_channels: none',
      'documents: all 2',
    ]);
  });

  it('a member without Manage Server cannot change one', async () => {
    const m = await settings({ setting: 'answer_mentions', value: false }, { permissions: MEMBER });
    expect(m.embeds[0].description).toMatch(/Only members with the Manage Server permission/);
    for (const [sub, options] of [
      ['cooldown', { seconds: 5 }],
      ['help_channel', [{ name: 'channel', type: 7, value: fake.channelId }]],
      ['documents', { documents: 'miliate-2013' }],
    ] as const) {
      const r = await fake.interact(slashCommand(`settings ${sub}`, options as never, { permissions: MEMBER }), { waitFor: 'final' });
      expect((r.final() as unknown as Data).embeds[0].description, sub).toMatch(/Only members with the Manage Server permission/);
    }
    // A member sees them, unchanged.
    const seen = (await show({ permissions: MEMBER })).embeds[0].fields.map((f: Data) => f.name);
    expect(seen).toEqual(expect.arrayContaining(['answer_mentions: on', 'cooldown: the bot’s default (no limit)', 'help_channels: none', 'documents: all 2']));
  });

  it('answer_in_threads on: the next mention is answered in a thread; it lasts across a restart', async () => {
    expect((await settings({ setting: 'answer_in_threads', value: true })).embeds[0].description).toMatch(/answer_in_threads is now on/);
    const said = await fake.say({ content: 'How many Kazakhs live in Mongolia?', mentionBot: true });
    const inThread = await fake.waitForBotMessage((m) => m.channel_id === said.id, { timeoutMs: 8000 });
    expect(JSON.stringify(inThread.embeds)).toContain('160,000');
    await bot.stop();
    bot = await startBotOn(fake, { env });
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

  it('cooldown: a member may ask once every N seconds in this server, others and DMs unaffected; empty: the default again', async () => {
    expect((await run('cooldown', { seconds: 600 })).embeds[0].description).toBe('The cooldown in this server is now once every 600 s per member.');
    expect((await show()).embeds[0].fields[4].name).toBe('cooldown: once every 600 s');
    expect(JSON.stringify((await ask('What is the BRI?')).embeds)).not.toContain('Slow down');
    const limited = await ask('What is the SCO?');
    expect(limited.ephemeral).toBe(true);
    expect(limited.embeds[0].description).toMatch(/^Slow down a little: try again in 60\d s\.$/);
    // The same member by mention: limited too (the next message, the same rule).
    const said = await fake.say({ content: 'What is the SCO?', mentionBot: true });
    expect(JSON.stringify((await reply(fake, said)).embeds)).toMatch(/Slow down a little/);
    // Another member, and the same member in a DM, are not.
    expect(JSON.stringify((await ask('What is the SCO?', { user: { id: '100000000000000099', username: 'other' } })).embeds)).not.toContain('Slow down');
    const dm = await fake.say({ dm: true, content: 'What is the SCO?' });
    expect(JSON.stringify((await reply(fake, dm)).embeds)).not.toContain('Slow down');
    expect((await run('cooldown', { seconds: 4000 })).embeds[0].description).toMatch(/seconds must be a whole number from 0 to 3600/);
    expect((await run('cooldown')).embeds[0].description).toBe('The cooldown in this server is now the bot’s default (no limit).');
    expect(JSON.stringify((await ask('What is the SCO?')).embeds)).not.toContain('Slow down');
  });

  it('log_questions off: nothing of this server goes into the question log until it is on again', async () => {
    expect((await settings({ setting: 'log_questions', value: false })).embeds[0].description).toMatch(/log_questions is now off/);
    await ask('Who founded the Shanghai Cooperation Organisation? (not logged)');
    await settings({ setting: 'log_questions', value: true });
    await ask('Who founded the Shanghai Cooperation Organisation? (logged)');
    const logged = async () => (await bot.store.mostAskedQuestions({ guildId: fake.guildId, limit: 1000 })).map((q) => q.question);
    // Written off the reply path, in order: once the second is there, the first would be too.
    let questions: string[] = [];
    const deadline = Date.now() + 5000;
    while (!(questions = await logged()).some((q) => q.endsWith('(logged)')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(questions).toContain('Who founded the Shanghai Cooperation Organisation? (logged)');
    expect(questions).not.toContain('Who founded the Shanghai Cooperation Organisation? (not logged)');
  });

  it('documents: answers come from the chosen documents only, the next question on; all: every one again', async () => {
    // Its answer is in Miliate (2013); the other document has only weaker passages for it.
    const kazakhs = 'How many Kazakhs live in Mongolia?';
    expect(JSON.stringify((await ask(kazakhs)).embeds)).toContain('¶ miliate-2013/2');
    const set = await run('documents', { documents: 'irgengioro-2022' });
    expect(set.embeds[0].description).toBe('This server now searches 1 of 2 documents: irgengioro-2022.');
    expect((await show()).embeds[0].fields[6]).toMatchObject({ name: 'documents: 1 of 2', value: expect.stringContaining('`irgengioro-2022` Mongolia–Central Asia relations') });
    const narrowed = JSON.stringify((await ask(kazakhs)).embeds);
    expect(narrowed).not.toMatch(/miliate|Miliate/);
    // The message path is narrowed the same way.
    const said = await fake.say({ content: kazakhs, mentionBot: true });
    expect(JSON.stringify((await reply(fake, said)).embeds)).not.toMatch(/miliate|Miliate/);
    // A DM is nobody's server: the whole corpus.
    const dm = await fake.say({ dm: true, content: kazakhs });
    expect(JSON.stringify((await reply(fake, dm)).embeds)).toContain('¶ miliate-2013/2');
    const bad = await run('documents', { documents: 'miliate-2013, atlantis-1999' });
    expect(bad.embeds[0].description).toBe('Not a document here: “atlantis-1999”. Documents: irgengioro-2022, miliate-2013.');
    expect((await run('documents', { documents: ' , ' })).embeds[0].description).toMatch(/^Give document ids, separated by commas, or all\./);
    expect((await run('documents', { documents: 'all' })).embeds[0].description).toBe('This server now searches all 2 documents.');
    expect(JSON.stringify((await ask(kazakhs)).embeds)).toContain('¶ miliate-2013/2');
  });

  it('documents autocomplete: completes the last id, keeps those typed before', async () => {
    const r = await fake.interact(autocomplete('settings documents', { documents: 'irgengioro-2022, ste' }, { focused: 'documents', permissions: MANAGE_GUILD }), { waitFor: 'callback' });
    expect(r.choices).toEqual([{ name: 'irgengioro-2022, miliate-2013 · The Steppes to the States', value: 'irgengioro-2022, miliate-2013' }]);
  });

  it('help_channel without the Message Content intent: saved, and the reply says plain messages cannot be read', async () => {
    const m = await run('help_channel', [{ name: 'channel', type: 7, value: fake.channelId }] as never);
    expect(m.embeds[0].description).toContain(`<#${fake.channelId}> is now a help channel`);
    expect(m.embeds[0].description).toContain('the Message Content intent is off (MESSAGE_CONTENT_INTENT=true');
    const field = (await show()).embeds[0].fields[5];
    expect(field.name).toBe('help_channels: 1');
    expect(field.value).toContain(`<#${fake.channelId}>`);
    expect(field.value).toContain('⚠ Steppe cannot read plain messages');
    const off = await run('help_channel', [{ name: 'channel', type: 7, value: fake.channelId }, { name: 'answer', type: 5, value: false }] as never);
    expect(off.embeds[0].description).toBe(`<#${fake.channelId}> is no longer a help channel: Steppe answers there only when mentioned.`);
  });

  it('a restart keeps every setting', async () => {
    await run('cooldown', { seconds: 30 });
    await run('documents', { documents: 'irgengioro-2022' });
    await run('help_channel', [{ name: 'channel', type: 7, value: fake.channelId }] as never);
    await settings({ setting: 'log_questions', value: false });
    await bot.stop();
    bot = await startBotOn(fake, { env });
    const names = (await show()).embeds[0].fields.map((f: Data) => f.name);
    expect(names).toEqual(expect.arrayContaining(['log_questions: off', 'cooldown: once every 30 s', 'help_channels: 1', 'documents: 1 of 2']));
    await run('cooldown');
    await run('documents', { documents: 'all' });
    await settings({ setting: 'log_questions', value: true });
  });
});
}
