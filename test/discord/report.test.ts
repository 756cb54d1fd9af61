import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buttonClick, modalSubmit, selectMenu, slashCommand, startFakeDiscord, type FakeDiscord, type InteractionResult } from '../fake-discord/fakeDiscord.js';
import { limitProblems, sentBodies, startBotOn, waitFor, type BotOnFake } from './harness.js';
import { safetyNet } from '../fake-discord/safetyNet.js';

/**
 * `/report` in Discord, through the loopback fake and the real store: the maintainers'
 * report for the server it is run in, privately, for members with Manage Server only,
 * with the same sections as `npm run report` and a PNG chart of questions per day and
 * answer rate attached; within Discord's limits however much the log holds.
 */

type Data = Record<string, any>;
const MANAGE_GUILD = String((1n << 5n) | (1n << 11n));
const MEMBER = String(1n << 11n);
const VOTER = { id: '100000000000000077', username: 'voter' };

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

let fake: FakeDiscord;
let bot: BotOnFake;
let logged = 0;

async function ask(question: string, ctx: Parameters<typeof slashCommand>[2] = {}): Promise<Data> {
  const r = await fake.interact(slashCommand('ask', { question }, ctx), { waitFor: 'final' });
  logged++;
  return r.callback!.data as Data;
}

/** The report's final message: deferred privately, then edited with the card and chart. */
async function report(options: Record<string, string> = {}, ctx: Parameters<typeof slashCommand>[2] = { permissions: MANAGE_GUILD }) {
  const r: InteractionResult = await fake.interact(slashCommand('report', options, ctx), { waitFor: 'final', timeoutMs: 15_000 });
  for (const body of sentBodies(r)) expect(limitProblems(body)).toEqual([]);
  const final = r.final() as unknown as Data;
  return { r, final, embed: final.embeds?.[0] as Data, files: [...(r.callback?.files ?? []), ...r.edits.flatMap((e) => e.files), ...r.followUps.flatMap((f) => f.files)] };
}

const field = (embed: Data, start: string): string => (embed.fields as Data[]).find((f) => String(f.name).startsWith(start))?.value ?? '';

beforeAll(async () => {
  fake = await startFakeDiscord();
  bot = await startBotOn(fake);
  const answer = await ask('What is the Belt and Road Initiative?');
  await ask('what is the belt and road initiative');
  await ask('How many Kazakhs live in Mongolia?');
  // Two wordings of one gap, and one of another.
  await ask('zzqx flibbertigibbet quuxology?');
  await ask('Flibbertigibbets and ZZQX quuxology');
  await ask('qwvbn plonkwizzle grobnitz');
  // A question asked in a DM is nobody's server: not in this report.
  await ask('What is the SCO?', { guildId: null });
  logged--;
  const down = (answer.components as Data[]).flatMap((row) => row.components).find((b: Data) => b.emoji?.name === '👎');
  const asked = (await fake.interact(buttonClick(down.custom_id, { embeds: answer.embeds, components: answer.components }), { waitFor: 'final' })).callback!.data as Data;
  const menu = asked.components[0].components[0];
  const chosen = (await fake.interact(selectMenu(menu.custom_id, ['not-in-corpus'], { components: asked.components, flags: 64 }), { waitFor: 'final' })).callback!.data as Data;
  const note = (chosen.components as Data[]).flatMap((row) => row.components).find((b: Data) => b.label === 'Add a comment');
  await fake.interact(modalSubmit(note.custom_id, { comment: 'The <@123456789012345678> **initiative** is covered elsewhere' }), { waitFor: 'final' });
  const up = (answer.components as Data[]).flatMap((row) => row.components).find((b: Data) => b.emoji?.name === '👍');
  await fake.interact(buttonClick(up.custom_id, { embeds: answer.embeds, components: answer.components }, { user: VOTER }), { waitFor: 'final' });
  // The question log is written off the reply path: wait until it holds every question.
  const guild = fake.guildId;
  let count = 0;
  const poll = async () => (count = (await bot.store.questionStats({ guildId: guild })).questions);
  await poll();
  await waitFor(() => (void poll(), count >= logged), 5000, 'the question log');
}, safetyNet(30_000)); // per-test bound: a safety net, stretched on a loaded machine
afterAll(async () => {
  await bot?.stop();
  await fake?.close();
});

describe('/report', () => {
  it('is registered for managers only, in servers only', () => {
    const def = fake.registeredCommands({ guildId: fake.guildId }).find((c) => c.name === 'report')!;
    expect(def.default_member_permissions).toBe(String(1 << 5));
    expect(def.contexts).toEqual([0]);
  });

  it('gives a manager this server’s report privately: every section, within the limits, and the chart attached', async () => {
    const { r, final, embed, files } = await report();
    // Deferred privately: nobody else ever sees even the placeholder.
    expect(r.callback!.type).toBe(5);
    expect(((r.callback!.data?.flags as number) ?? 0) & 64).toBe(64);
    expect(final.ephemeral).toBe(true);
    expect(embed.title).toBe('Steppe report · all time');
    expect(embed.description).toContain(`**Questions:** ${logged} · answered 3 (50%) · nothing found 3 (50%)`);
    expect(embed.description).toMatch(/\*\*Low confidence:\*\* \d+/);
    expect(embed.description).toContain('**Votes:** 👍 1 · 👎 1');
    expect((embed.fields as Data[]).map((f) => f.name)).toEqual([
      'Top questions',
      'Unanswered — coverage gaps (similar wordings together)',
      'Down-voted (similar wordings together)',
      'Low confidence',
      '👍/👎 by document',
      '👍/👎 by paragraph',
    ]);
    expect(field(embed, 'Top questions')).toMatch(/^\*\*2×\*\* (What is the Belt and Road Initiative\?|what is the belt and road initiative)/);
    // The two wordings of the gap are one line, counted twice, the other wording named.
    const gaps = field(embed, 'Unanswered').split('\n');
    expect(gaps).toHaveLength(2);
    expect(gaps[0]).toMatch(/^\*\*2×\*\* (zzqx flibbertigibbet quuxology\?|Flibbertigibbets and ZZQX quuxology) — also “/);
    expect(gaps[1]).toBe('**1×** qwvbn plonkwizzle grobnitz');
    const downVoted = field(embed, 'Down-voted');
    expect(downVoted).toMatch(/^👎 1 👍 1 What is the Belt and Road Initiative\? ¶ `[a-z0-9-]+\/\d+` · not-in-corpus 1/);
    // User text is shown as text: no mention, no Markdown of the commenter's.
    expect(downVoted).toContain('› “The <@\u200b123456789012345678> \\*\\*initiative\\*\\* is covered elsewhere”');
    expect(field(embed, '👍/👎 by document')).toMatch(/^👍 1 👎 1 `(irgengioro-2022|miliate-2013)` \S/);
    expect(field(embed, '👍/👎 by paragraph')).toMatch(/^👍 1 👎 1 ¶ `[a-z0-9-]+\/\d+`$/);
    expect(JSON.stringify(embed)).not.toContain('What is the SCO');
    expect(embed.image).toEqual({ url: expect.stringMatching(/^attachment:\/\/steppe-report-\d{4}-\d\d-\d\d-to-\d{4}-\d\d-\d\d\.png$/) });
    expect(files).toHaveLength(1);
    expect(pngSize(files[0]!.bytes)).toEqual({ width: 1000, height: 560 });
    expect(r.edits[0]!.body!.allowed_mentions).toEqual({ parse: [] });
  });

  it('since narrows the period; a period with nothing says so in each section', async () => {
    const { embed } = await report({ since: '1h' });
    expect(embed.title).toBe('Steppe report · last 1 hour');
    expect(embed.description).toContain(`**Questions:** ${logged} ·`);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const future = await report({ since: tomorrow });
    expect(future.embed.description).toMatch(/since must be like 7d, 24h, 30m or a past date/);
    const old = await report({ since: '2001-01-01' });
    expect(old.embed.title).toBe('Steppe report · since 2001-01-01');
  });

  it('a bad since gets a clear private answer', async () => {
    const { final, embed } = await report({ since: 'last tuesday' });
    expect(final.ephemeral).toBe(true);
    expect(embed.description).toMatch(/since must be like 7d, 24h, 30m or a past date \(2025-01-31\)/);
    const huge = await report({ since: '99999999999999d' });
    expect(huge.embed.title).toBe('Steppe report · last 99999999999999 days');
  });

  it('refuses a member without Manage Server, and says it belongs to a server in a DM', async () => {
    const refused = await report({}, { permissions: MEMBER });
    expect(refused.final.ephemeral).toBe(true);
    expect(refused.embed.description).toMatch(/Only members with the Manage Server permission can see this server’s report/);
    expect(refused.files).toHaveLength(0);
    const dm = await report({}, { guildId: null });
    expect(dm.embed.description).toMatch(/The report belongs to a server/);
  });

  it('stays within Discord’s limits with a log full of long, hostile questions, every section kept', async () => {
    const guildId = fake.guildId;
    // Each wording its own words, so none groups with another.
    const long = (i: number) => `${'@everyone <@&1> **bold** `code` '.repeat(4)} ${Array.from({ length: 40 }, (_, k) => `wörd${i}x${k}`).join(' ')}`;
    // Logged all at once: the store writes them in one batch.
    await Promise.all(
      Array.from({ length: 150 }, (_, i) =>
        bot.store.logQuestion({
        answerId: `stress-${i}`,
        guildId,
        channelKind: 'text',
        askedVia: 'command',
        command: 'ask',
        question: long(i),
        passages: i % 2 ? [{ paragraphId: `irgengioro-2022/${i + 1}`, score: i % 3 ? 0.01 : 30 }] : [],
        found: i % 2 === 1,
        latencyMs: 3,
        }),
      ),
    );
    for (let i = 1; i < 150; i += 2) await bot.store.recordVote({ answerId: `stress-${i}`, voterId: `v${i}`, direction: 'down', reason: 'other', comment: '💥'.repeat(300) });
    const { embed, files } = await report();
    expect((embed.fields as Data[]).length).toBe(6);
    for (const f of embed.fields as Data[]) expect(f.value.length).toBeLessThanOrEqual(1024);
    expect(field(embed, 'Unanswered')).toMatch(/\n… and \d+ more$/);
    expect(field(embed, 'Down-voted')).toMatch(/\n… and \d+ more$/);
    expect(JSON.stringify(embed)).not.toContain('@everyone');
    expect(files).toHaveLength(1);
  });
});
