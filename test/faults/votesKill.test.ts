import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { parseDatabaseUrl } from '../../src/store/url.js';
import { buttonClick, slashCommand, startFakeDiscord, type FakeDiscord } from '../fake-discord/fakeDiscord.js';
import { waitFor } from '../discord/harness.js';
import { postgresEngine, postgresRequired } from '../store/engines.js';
import { entryEnv, runEntry } from './helpers.js';
import { safetyNet } from '../fake-discord/safetyNet.js';

/**
 * A vote acknowledged to a user survives the bot being SIGKILLed in the middle of a burst:
 * the real entry (`src/main.ts`) as a child process on the loopback Discord, 200 users
 * pressing 👍 on one answer at once, the process killed once 110 of them were told
 * "recorded" (in the middle of a wave of 20); then the database is opened again and every acknowledged vote is in it.
 */

type Data = Record<string, any>;
const VOTERS = 200;
const KILL_AFTER = 110;
const WAVE = 20;

const dir = mkdtempSync(path.join(tmpdir(), 'steppe-votes-kill-'));
const postgres = postgresEngine();
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await postgres.dispose();
});

async function burstThenKill(databaseUrl: string): Promise<{ acknowledged: number; up: number }> {
  const fake: FakeDiscord = await startFakeDiscord();
  try {
    const bot = runEntry(entryEnv(fake.apiUrl, { DISCORD_GUILD_ID: fake.guildId, DATABASE_URL: databaseUrl }));
    await waitFor(() => bot.logs().some((l) => l.msg === 'commands registered'), 20_000, `commands registered (stderr: ${bot.stderr()})`);
    const asked = await fake.interact(slashCommand('ask', { question: 'What is the Belt and Road Initiative?' }), { waitFor: 'final', timeoutMs: 10_000 });
    const answer = asked.callback!.data as Data;
    const up = (answer.components as Data[]).flatMap((row) => row.components as Data[]).find((b) => b.emoji?.name === '👍')!;
    const answerId = String(up.custom_id).split(':')[3]!;

    // Waves of 20 at once; the kill lands while a wave is in flight, the rest are never sent.
    let acknowledged = 0;
    let killed = false;
    const click = (i: number) =>
      fake
        .interact(buttonClick(up.custom_id, { embeds: answer.embeds, components: answer.components }, { user: { id: String(300000000000000000n + BigInt(i)), username: `voter${i}` } }), {
          waitFor: 'callback',
          timeoutMs: 5000,
        })
        .then(
          (r) => {
            const said = (r.callback?.data as Data | undefined)?.embeds?.[0]?.description;
            if (said === 'Thanks — recorded 👍' && ++acknowledged === KILL_AFTER) {
              killed = true;
              bot.kill('SIGKILL');
            }
          },
          () => undefined, // killed before it answered: not acknowledged
        );
    for (let i = 0; i < VOTERS && !killed; i += WAVE) await Promise.all(Array.from({ length: Math.min(WAVE, VOTERS - i) }, (_, k) => click(i + k)));
    await bot.exit;
    console.info(`${acknowledged} of ${VOTERS} votes acknowledged before the kill landed`);
    expect(acknowledged).toBeGreaterThanOrEqual(KILL_AFTER);
    // Killed in the middle of the burst, not after it.
    expect(acknowledged).toBeLessThan(VOTERS);
    const store = await openStore(parseDatabaseUrl(databaseUrl));
    try {
      return { acknowledged, up: (await store.countVotes(answerId)).up };
    } finally {
      await store.close();
    }
  } finally {
    await fake.close();
  }
}

describe('SIGKILL in the middle of a burst of 200 votes through Discord', () => {
  it('SQLite: every vote acknowledged is in the database after the kill', async () => {
    const { acknowledged, up } = await burstThenKill(`sqlite:${path.join(dir, 'votes.db')}`);
    expect(up).toBeGreaterThanOrEqual(acknowledged);
  }, safetyNet(60_000)); // per-test bound: a safety net, stretched on a loaded machine

  it.skipIf(postgres.unavailable !== null && !postgresRequired())('PostgreSQL: every vote acknowledged is in the database after the kill', async () => {
    if (postgres.unavailable) throw new Error(postgres.unavailable);
    const target = await postgres.newDatabase();
    if (target.engine !== 'postgres') throw new Error('expected a PostgreSQL target');
    const { acknowledged, up } = await burstThenKill(target.url);
    expect(up).toBeGreaterThanOrEqual(acknowledged);
  }, safetyNet(60_000)); // per-test bound: a safety net, stretched on a loaded machine
});
