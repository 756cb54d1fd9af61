import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buttonClick, selectMenu, slashCommand, startFakeDiscord, type FakeDiscord } from '../fake-discord/fakeDiscord.js';
import { startBotOn, tempDatabaseFile } from '../discord/harness.js';

/**
 * `npm run report` on a database filled through the loopback Discord by the real bot:
 * questions, answered and not, votes with a reason; text shows every section, --json the
 * documented object.
 */

type Data = Record<string, any>;
const databaseFile = tempDatabaseFile();
const run = (args: string[], env: Record<string, string> = { DATABASE_URL: `sqlite:${databaseFile}` }) =>
  spawnSync('npm', ['run', '--silent', 'report', '--', ...args], {
    cwd: new URL('../..', import.meta.url),
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, DISCORD_TOKEN: '', ...env },
  });

let fake: FakeDiscord;
beforeAll(async () => {
  fake = await startFakeDiscord();
  const bot = await startBotOn(fake, { databaseFile });
  try {
    const ask = async (question: string) => (await fake.interact(slashCommand('ask', { question }), { waitFor: 'final' })).callback!.data as Data;
    const answer = await ask('What is the Belt and Road Initiative?');
    await ask('what is the belt and road initiative');
    await ask('zzqx flibbertigibbet quuxology?');
    const down = (answer.components as Data[]).flatMap((r) => r.components).find((b: Data) => b.emoji?.name === '👎');
    const asked = (await fake.interact(buttonClick(down.custom_id, { embeds: answer.embeds, components: answer.components }), { waitFor: 'final' })).callback!.data as Data;
    const menu = asked.components[0].components[0];
    await fake.interact(selectMenu(menu.custom_id, ['not-in-corpus'], { components: asked.components, flags: 64 }), { waitFor: 'final' });
  } finally {
    await bot.stop(); // drains the question-log writes, then closes the store
  }
}, 30_000);
afterAll(async () => {
  await fake?.close();
});

describe('npm run report', () => {
  it('prints each section: counts, votes, most asked, unanswered and down-voted by similar wording, low confidence, votes by document and paragraph, per day', () => {
    const r = run([]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Steppe report · all time\n/);
    expect(r.stdout).toContain('Questions: 3 · answered 2 (67%) · nothing found 1 (33%)');
    expect(r.stdout).toContain('Votes: 👍 0 · 👎 1');
    expect(r.stdout).toMatch(/Most asked\n +2× {2}(What is the Belt and Road Initiative\?|what is the belt and road initiative)\n/);
    expect(r.stdout).toMatch(/Unanswered, grouped by similar wording \(coverage gaps: what to add to the corpus\)\n +1× {2}zzqx flibbertigibbet quuxology\?\n/);
    expect(r.stdout).toMatch(/Low confidence \(best passage under [\d.]+, half the median [\d.]+\)\n {2}none\n/);
    expect(r.stdout).toMatch(
      /Down-voted, grouped by similar wording\n {2}👎 1 👍 0 {2}What is the Belt and Road Initiative\? {2}\(1 answer, ¶ [a-z0-9-]+\/\d+\) {2}reasons: not-in-corpus 1\n/,
    );
    expect(r.stdout).toMatch(/Votes by document\n {2}(irgengioro-2022|miliate-2013): 👍 0 👎 1\n/);
    expect(r.stdout).toMatch(/Votes by paragraph\n {2}¶ [a-z0-9-]+\/\d+: 👍 0 👎 1\n/);
    expect(r.stdout).toMatch(/Questions per day \(answered\)\n {2}\d{4}-\d\d-\d\d {5}3 {2}\(2 answered, 67%\) {2}busiest\n/);
  });

  it('--chart FILE writes the PNG of questions per day and answer rate; a folder that does not exist is one line', () => {
    const file = path.join(path.dirname(databaseFile), 'report.png');
    const r = run(['--chart', file]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`\nChart: ${file}\n`);
    const png = readFileSync(file);
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1000, 560]);
    const json = run(['--json', '--chart', file]);
    expect(JSON.parse(json.stdout).perDay.at(-1)).toMatchObject({ questions: 3, answered: 2 });
    const bad = run(['--chart', path.join(path.dirname(databaseFile), 'no-such-folder', 'x.png')]);
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^report: --chart needs a file in an existing folder/)]);
  });

  it('--json: one object with questions, answered, unanswered [{question, count}] and votes', () => {
    const r = run(['--json', '--since', '7d']);
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const report = JSON.parse(lines[0]!);
    expect(report).toMatchObject({
      questions: 3,
      answered: 2,
      unanswered: [{ question: 'zzqx flibbertigibbet quuxology?', count: 1 }],
      votes: { up: 0, down: 1 },
    });
    expect(report.mostAsked[0].count).toBe(2);
    expect(report.worstRated[0].reasons['not-in-corpus']).toBe(1);
  });

  it('--since in the future: an empty period; a bad --since or a missing database: one line, non-zero', () => {
    const future = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    expect(JSON.parse(run(['--json', '--since', future]).stdout)).toMatchObject({ questions: 0, unanswered: [] });
    const bad = run(['--since', 'last tuesday']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^report: --since must be like 7d/);
    const missing = run([], { DATABASE_URL: `sqlite:${path.join(path.dirname(databaseFile), 'none.db')}` });
    expect(missing.status).toBe(1);
    expect(missing.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^report: there is no database at .*none\.db yet/)]);
  });
});

describe('retention (QUESTION_LOG_DAYS)', () => {
  it('prunes questions and votes older than the kept days, keeps the rest', async () => {
    const { openStore } = await import('../../src/store/index.js');
    const { pruneOnce } = await import('../../src/feedback/retention.js');
    let now = Date.parse('2025-01-01T00:00:00Z');
    const store = await openStore({ engine: 'sqlite', file: tempDatabaseFile() }, { now: () => now });
    try {
      const entry = (answerId: string) => ({ answerId, guildId: null, channelKind: 'dm', askedVia: 'message' as const, command: null, question: 'q', passages: [], found: false, latencyMs: 1 });
      await store.logQuestion(entry('old-answer'));
      await store.recordVote({ answerId: 'old-answer', voterId: 'v', direction: 'down' });
      now += 91 * 86_400_000;
      await store.logQuestion(entry('new-answer'));
      expect((await pruneOnce(store, 90, now)).questions).toBe(1);
      expect(await store.getQuestion('old-answer')).toBeNull();
      expect(await store.countVotes('old-answer')).toEqual({ up: 0, down: 0 });
      expect(await store.getQuestion('new-answer')).not.toBeNull();
    } finally {
      await store.close();
    }
  });
});
