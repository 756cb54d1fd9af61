import { spawnSync } from 'node:child_process';
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
  it('prints each section: counts, votes, most asked, unanswered, worst rated, votes by paragraph', () => {
    const r = run([]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Steppe report · all time\n/);
    expect(r.stdout).toContain('Questions: 3 · answered 2 (67%) · nothing found 1 (33%)');
    expect(r.stdout).toContain('Votes: 👍 0 · 👎 1');
    expect(r.stdout).toMatch(/Most asked\n +2× {2}(What is the Belt and Road Initiative\?|what is the belt and road initiative)\n/);
    expect(r.stdout).toMatch(/Unanswered \(coverage gaps: what to add to the corpus\)\n +1× {2}zzqx flibbertigibbet quuxology\?\n/);
    expect(r.stdout).toMatch(/Worst rated\n {2}👎 1 👍 0 {2}What is the Belt and Road Initiative\? {2}\(¶ [a-z0-9-]+\/\d+, answer \S+\) {2}reasons: not-in-corpus 1\n/);
    expect(r.stdout).toMatch(/Votes by paragraph\n {2}¶ [a-z0-9-]+\/\d+: 👍 0 👎 1\n/);
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
