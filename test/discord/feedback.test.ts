import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buttonClick,
  modalSubmit,
  selectMenu,
  slashCommand,
  startFakeDiscord,
  type FakeDiscord,
  type FakeMessage,
  type InteractionResult,
  type JsonObject,
} from '../fake-discord/fakeDiscord.js';
import { limitProblems, sentBodies, startBotOn, tempDatabaseFile, waitFor, type BotOnFake } from './harness.js';
import { postgresEngine, postgresRequired, sqliteEngine } from '../store/engines.js';
import { safetyNet } from '../fake-discord/safetyNet.js';

/**
 * What lasts, through the loopback Discord and the real store (a SQLite file per bot; the
 * votes and the question log also on the suite's PostgreSQL):
 * every answer carries 👍/👎; a vote is one per user and answer, changeable, confirmed
 * privately; a 👎 asks once what was wrong (a menu, and a modal for words); every question
 * is logged after its reply; a conversation survives a restart on the same database; a
 * store that fails says "could not be saved" and the bot keeps answering.
 */

type Data = Record<string, any>;
const USER = '100000000000000001';
const OTHER = { id: '100000000000000042', username: 'other' };

const buttonsOf = (m: { components?: unknown }): Data[] => ((m.components ?? []) as Data[]).flatMap((row) => row.components as Data[]);
const voteButton = (m: { components?: unknown }, emoji: '👍' | '👎'): Data => buttonsOf(m).find((b) => b.emoji?.name === emoji)!;
const answerIdOf = (m: { components?: unknown }): string => String(voteButton(m, '👍').custom_id).split(':')[3]!;
const isPrivate = (d: Data) => ((d.flags ?? 0) & 64) === 64;

/** Polls `read` until it gives something (the question log is written off the reply path). */
async function eventually<T>(read: () => Promise<T | null>, timeoutMs = 3000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error('not written in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

function sendable(r: InteractionResult): Data {
  for (const body of sentBodies(r)) expect(limitProblems(body)).toEqual([]);
  return r.callback!.data as Data;
}

// The same specification on both engines: a SQLite file, and a database of the suite's own
// PostgreSQL server (skipped with its note where the binaries are missing, never in CI).
for (const engine of [sqliteEngine(), postgresEngine()]) {
const skipped = engine.unavailable !== null && !(engine.name === 'postgres' && postgresRequired());
describe.skipIf(skipped)(`👍 / 👎 on answers (${engine.name})`, () => {
  let fake: FakeDiscord;
  let bot: BotOnFake;
  let answer: Data;
  let answerId: string;
  beforeAll(async () => {
    if (engine.unavailable) throw new Error(engine.unavailable);
    const target = await engine.newDatabase();
    fake = await startFakeDiscord();
    bot = await startBotOn(fake, { env: { DATABASE_URL: target.engine === 'postgres' ? target.url : `sqlite:${target.file}` } });
    const r = await fake.interact(slashCommand('ask', { question: 'What is the Belt and Road Initiative?' }), { waitFor: 'final' });
    answer = sendable(r);
    answerId = answerIdOf(answer);
  }, safetyNet(30_000)); // per-test bound: a safety net, stretched on a loaded machine
  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
    await engine.dispose();
  });
  const click = (customId: string, ctx = {}, message: Partial<FakeMessage> = { embeds: answer.embeds, components: answer.components }) =>
    fake.interact(buttonClick(customId, message, ctx), { waitFor: 'final' });

  it('an /ask answer carries 👍 and 👎 next to More and Source (at most 5 a row), ids of the s1 format', () => {
    const row = answer.components[0].components as Data[];
    expect(row.length).toBeLessThanOrEqual(5);
    expect(row.map((b) => b.label ?? b.emoji?.name)).toEqual(expect.arrayContaining(['More', '👍', '👎']));
    expect(voteButton(answer, '👍').custom_id).toMatch(/^s1:vote:up:[A-Za-z0-9_-]{12}$/);
    expect(voteButton(answer, '👎').custom_id).toBe(`s1:vote:down:${answerId}`);
  });

  it('a private answer puts them on the same row as More, Share and Source (five buttons)', async () => {
    const r = sendable(await fake.interact(slashCommand('ask', { question: 'What is the Belt and Road Initiative?', private: true }), { waitFor: 'final' }));
    const rows = r.components as Data[];
    for (const row of rows) expect(row.components.length).toBeLessThanOrEqual(5);
    expect(buttonsOf(r).map((b) => b.label ?? b.emoji?.name)).toEqual(expect.arrayContaining(['More', 'Share', '👍', '👎']));
  });

  it('👍 is recorded and confirmed privately', async () => {
    const r = sendable(await click(voteButton(answer, '👍').custom_id));
    expect(r.callback?.type ?? 4).toBe(4);
    expect(isPrivate(r)).toBe(true);
    expect(r.embeds[0].description).toBe('Thanks — recorded 👍');
    expect(await bot.store.countVotes(answerId)).toEqual({ up: 1, down: 0 });
  });

  it('changing to 👎 replaces the vote (one per user) and asks once, privately, what was wrong', async () => {
    const r = sendable(await click(voteButton(answer, '👎').custom_id));
    expect(isPrivate(r)).toBe(true);
    expect(r.embeds[0].description).toMatch(/^Thanks — recorded 👎\. What was wrong\?/);
    const menu = r.components[0].components[0];
    expect(menu).toMatchObject({ type: 3, custom_id: `s1:why:${answerId}` });
    expect(menu.options.map((o: Data) => o.label)).toEqual(['Wrong passage', 'Wrong figure', 'Not in the corpus', 'Other']);
    expect(await bot.store.countVotes(answerId)).toEqual({ up: 0, down: 1 });

    // The reason: the private message is updated in place, the menu gone, a comment offered.
    const chosen = await fake.interact(selectMenu(menu.custom_id, ['wrong-figure'], { components: r.components, flags: 64 }), { waitFor: 'final' });
    expect(chosen.callback?.type).toBe(7);
    const updated = chosen.callback!.data as Data;
    expect(limitProblems(updated as JsonObject)).toEqual([]);
    expect(updated.embeds[0].description).toBe('Thanks — recorded');
    const comment = buttonsOf(updated).find((b) => b.label === 'Add a comment')!;
    expect(comment.custom_id).toBe(`s1:note:${answerId}:wrong-figure`);

    // The comment: a modal, then one more private confirmation.
    const opened = await fake.interact(buttonClick(comment.custom_id, { components: updated.components, flags: 64 }), { waitFor: 'callback' });
    expect(opened.callback?.type).toBe(9);
    expect(opened.modal).toMatchObject({ custom_id: `s1:note:${answerId}:wrong-figure` });
    const sent = sendable(await fake.interact(modalSubmit(`s1:note:${answerId}:wrong-figure`, { comment: 'The 2019 value is for the other direction.' }), { waitFor: 'final' }));
    expect(isPrivate(sent)).toBe(true);
    expect(sent.embeds[0].description).toBe('Thanks — recorded');

    const [rated] = await bot.store.worstRatedAnswers();
    expect(rated).toMatchObject({ answerId, down: 1, up: 0, reasons: { 'wrong-figure': 1 }, comments: ['The 2019 value is for the other direction.'] });
  });

  it('👎 again does not ask again, and keeps the reason given', async () => {
    const r = sendable(await click(voteButton(answer, '👎').custom_id));
    expect(r.embeds[0].description).toBe('Thanks — recorded 👎');
    expect(r.components ?? []).toEqual([]);
    const [rated] = await bot.store.worstRatedAnswers();
    expect(rated!.reasons['wrong-figure']).toBe(1);
  });

  it('“Other” opens the modal at once; another user’s vote counts separately', async () => {
    const r = sendable(await click(voteButton(answer, '👎').custom_id, { user: OTHER }));
    const menu = r.components[0].components[0];
    const other = await fake.interact(selectMenu(menu.custom_id, ['other'], { components: r.components, flags: 64 }, { user: OTHER }), { waitFor: 'callback' });
    expect(other.callback?.type).toBe(9);
    await fake.interact(modalSubmit(`s1:note:${answerId}:other`, { comment: 'Too vague' }, { user: OTHER }), { waitFor: 'final' });
    expect(await bot.store.countVotes(answerId)).toEqual({ up: 0, down: 2 });
    const [rated] = await bot.store.worstRatedAnswers();
    expect(rated!.reasons).toMatchObject({ 'wrong-figure': 1, other: 1 });
    expect(rated!.comments).toContain('Too vague');
  });

  it('More pages carry 👍/👎 for the same answer', async () => {
    const more = buttonsOf(answer).find((b) => b.label === 'More')!;
    const r = sendable(await click(more.custom_id));
    expect(r.embeds[0].footer.text).toMatch(/^Passages 4–/);
    expect(answerIdOf(r)).toBe(answerId);
  });

  it('logs the question after the reply: passages and scores, found, command, channel kind; the user only as a hash', async () => {
    // Written after the reply, not before: wait for it.
    const logged = await eventually(() => bot.store.getQuestion(answerId));
    expect(logged).toMatchObject({ question: 'What is the Belt and Road Initiative?', found: true, askedVia: 'command', command: 'ask', guildId: fake.guildId, channelKind: 'text' });
    expect(logged!.passages.length).toBeGreaterThanOrEqual(3);
    for (const p of logged!.passages) expect(p).toEqual({ paragraphId: expect.stringMatching(/^[a-z0-9-]+\/\d+$/), score: expect.any(Number) });
    expect(answer.embeds[0].description).toContain(`¶ ${logged!.passages[0]!.paragraphId}`);
    expect(logged!.askerId).not.toBe(USER);
    expect(logged!.askerId).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(logged!.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('logs figure answers, /search, "nothing found", and message questions', async () => {
    const figure = sendable(await fake.interact(slashCommand('ask', { question: 'How many Kazakhs live in Mongolia?' }), { waitFor: 'final' }));
    await fake.interact(slashCommand('search', { query: 'Belt and Road Initiative' }), { waitFor: 'final' });
    await fake.interact(slashCommand('ask', { question: 'zzqx flibbertigibbet quuxology?' }), { waitFor: 'final' });
    const said = await fake.say({ content: 'How many Kazakhs live in Mongolia?', mentionBot: true });
    await fake.waitForBotMessage((m) => (m.message_reference as { message_id?: string } | undefined)?.message_id === said.id);
    const stats = await eventually(async () => {
      const s = await bot.store.questionStats();
      return s.questions >= 6 ? s : null;
    });
    expect(stats.unanswered).toBeGreaterThanOrEqual(1);
    expect((await bot.store.getQuestion(answerIdOf(figure)))!.figures).toEqual([expect.objectContaining({ value: 160000 })]);
    const unanswered = await bot.store.unansweredQuestions();
    expect(unanswered.map((q) => q.question)).toContain('zzqx flibbertigibbet quuxology?');
    const asked = await bot.store.mostAskedQuestions();
    expect(asked.find((q) => q.normalizedQuestion.includes('how many kazakhs live in mongolia'))?.count).toBe(2);
  });
});
}

describe('the store across restarts and failures', () => {
  let fake: FakeDiscord;
  beforeAll(async () => {
    fake = await startFakeDiscord();
  });
  afterAll(async () => {
    await fake?.close();
  });
  const replyTo = (said: FakeMessage) =>
    fake.waitForBotMessage((m) => (m.message_reference as { message_id?: string } | undefined)?.message_id === said.id, { timeoutMs: 8000 });
  const textOf = (m: FakeMessage) => JSON.stringify(m.embeds ?? []);

  it('a DM conversation continues after a restart on the same database file', async () => {
    const databaseFile = tempDatabaseFile();
    let bot = await startBotOn(fake, { databaseFile });
    try {
      const first = await fake.say({ dm: true, content: 'how much did kazakhstan export to mongolia in 2019?' });
      expect(textOf(await replyTo(first))).toContain('58.1');
    } finally {
      await bot.stop();
    }
    bot = await startBotOn(fake, { databaseFile });
    try {
      const next = await fake.say({ dm: true, content: 'and the other direction?' });
      expect(textOf(await replyTo(next))).toContain('7.14');
    } finally {
      await bot.stop();
    }
  });

  it('a vote made before a restart is still there, and can be changed after it', async () => {
    const databaseFile = tempDatabaseFile();
    let bot = await startBotOn(fake, { databaseFile });
    let answer: Data;
    try {
      answer = sendable(await fake.interact(slashCommand('ask', { question: 'Who is Akayev?' }), { waitFor: 'final' }));
      await fake.interact(buttonClick(voteButton(answer, '👍').custom_id, { embeds: answer.embeds, components: answer.components }), { waitFor: 'final' });
    } finally {
      await bot.stop();
    }
    bot = await startBotOn(fake, { databaseFile });
    try {
      expect(await bot.store.countVotes(answerIdOf(answer))).toEqual({ up: 1, down: 0 });
      await fake.interact(buttonClick(voteButton(answer, '👎').custom_id, { embeds: answer.embeds, components: answer.components }), { waitFor: 'final' });
      expect(await bot.store.countVotes(answerIdOf(answer))).toEqual({ up: 0, down: 1 });
    } finally {
      await bot.stop();
    }
  });

  it('a store that fails later: the vote says it could not be saved, answers go on, nothing crashes', async () => {
    const bot = await startBotOn(fake);
    try {
      await bot.store.close();
      const r = sendable(await fake.interact(slashCommand('ask', { question: 'What is the Belt and Road Initiative?' }), { waitFor: 'final' }));
      expect(r.embeds[0].description).toContain('¶');
      const voted = sendable(await fake.interact(buttonClick(voteButton(r, '👍').custom_id, { embeds: r.embeds, components: r.components }), { waitFor: 'final' }));
      expect(isPrivate(voted)).toBe(true);
      expect(voted.embeds[0].description).toMatch(/could not be saved/);
      const said = await fake.say({ content: 'What is the SCO?', mentionBot: true });
      expect(textOf(await replyTo(said))).toContain('¶');
      await waitFor(() => bot.logs.some((l) => l.msg === 'question could not be logged'), 5000, 'the failed log write, logged');
      expect(bot.logs.some((l) => l.msg === 'vote could not be saved')).toBe(true);
    } finally {
      await bot.stop();
    }
  });
});
