import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from '../fake-discord/fakeDiscord.js';
import { waitFor } from '../discord/harness.js';
import { entryEnv, expectNoToken, runEntry } from './helpers.js';

/**
 * The database at start-up, through the real entry: one that cannot be opened or migrated
 * stops Steppe with one line naming DATABASE_URL and the file, exit 1, before Discord is
 * contacted; a good one is created on first start and closed on SIGTERM.
 */

let fake: FakeDiscord;
let dir: string;
beforeAll(async () => {
  fake = await startFakeDiscord();
  dir = await mkdtemp(path.join(tmpdir(), 'steppe-faults-store-'));
});
afterAll(async () => {
  await fake?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('DATABASE_URL at start-up', () => {
  it('a file that is not a database: exit 1, one line naming DATABASE_URL and the file, Discord never contacted', async () => {
    const file = path.join(dir, 'not-a-database.db');
    await writeFile(file, 'this is a text file, not SQLite\n'.repeat(200));
    const p = runEntry(entryEnv(fake.apiUrl, { DATABASE_URL: `sqlite:${file}`, DISCORD_GUILD_ID: fake.guildId }));
    expect(await p.exitWithin(15_000)).toBe(1);
    expect(p.plainLines()).toEqual([expect.stringMatching(/^steppe: .*DATABASE_URL: SQLite file .*not-a-database\.db/)]);
    expect(p.plainLines()[0]).not.toContain('\n');
    expectNoToken(p.stderr() + p.stdout());
    expect(fake.identifyCount + fake.resumeCount).toBe(0);
  });

  it('a folder it cannot create the file in: the same one line', async () => {
    const blocked = path.join(dir, 'a-file');
    await writeFile(blocked, 'x');
    const p = runEntry(entryEnv(fake.apiUrl, { DATABASE_URL: `sqlite:${path.join(blocked, 'steppe.db')}`, DISCORD_GUILD_ID: fake.guildId }));
    expect(await p.exitWithin(15_000)).toBe(1);
    expect(p.plainLines()).toEqual([expect.stringMatching(/^steppe: .*DATABASE_URL: SQLite file .*a-file\/steppe\.db/)]);
    expect(fake.identifyCount + fake.resumeCount).toBe(0);
  });

  it('a new file is created and migrated, the bot connects, and SIGTERM closes it cleanly (exit 0)', async () => {
    const file = path.join(dir, 'fresh.db');
    const p = runEntry(entryEnv(fake.apiUrl, { DATABASE_URL: `sqlite:${file}`, DISCORD_GUILD_ID: fake.guildId }));
    await waitFor(() => p.logs().some((l) => l.msg === 'commands registered'), 20_000, `registered (stderr: ${p.stderr()})`);
    expect(p.logs().find((l) => l.msg === 'store opened')?.store).toBe(`SQLite file ${file}`);
    p.kill('SIGTERM');
    expect(await p.exitWithin(10_000)).toBe(0);
    expect(p.logs().filter((l) => (l.level as number) >= 40)).toEqual([]);
  });
});
