import { cp, mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CORPUS_DIR } from '../../src/corpus/manifest.js';
import { startFakeDiscord, type FakeDiscord } from '../fake-discord/fakeDiscord.js';
import { waitFor } from '../discord/harness.js';
import { entryEnv, expectNoToken, runEntry } from './helpers.js';

/**
 * A damaged corpus at start-up, through the real entry with CORPUS_DIR pointing at a copy
 * of the real corpus: one line naming the bad file, exit 1, and nothing half-loaded —
 * Steppe never even contacts Discord (the fake sees no request and no connection).
 */

let fake: FakeDiscord;
const dirs: string[] = [];
beforeAll(async () => {
  fake = await startFakeDiscord();
});
afterAll(async () => {
  await fake?.close();
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

/** A fresh copy of corpus/ to damage. */
async function corpusCopy(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'steppe-faults-corpus-'));
  dirs.push(dir);
  await cp(DEFAULT_CORPUS_DIR, dir, { recursive: true });
  return dir;
}

/** Start the entry on `dir`; expect exit 1 with exactly one line, which is returned. */
async function expectRefusedAtStart(dir: string): Promise<string> {
  const p = runEntry(entryEnv(fake.apiUrl, { CORPUS_DIR: dir, DISCORD_GUILD_ID: fake.guildId }));
  expect(await p.exitWithin(10_000)).toBe(1);
  expect(p.stderr().trimEnd().split('\n')).toHaveLength(1); // no stack, no log lines: nothing was loaded
  expect(p.stdout()).toBe('');
  expectNoToken(p.stderr());
  // it never got as far as Discord
  expect(fake.requests).toEqual([]);
  expect(fake.identifyCount + fake.resumeCount).toBe(0);
  expect(fake.gatewayFrames).toEqual([]);
  return p.stderr().trimEnd();
}

const PREFIX = 'steppe: the corpus could not be loaded: ';

describe('a damaged corpus stops start-up, naming the file', () => {
  it('metadata that is not JSON', async () => {
    const dir = await corpusCopy();
    await writeFile(path.join(dir, 'miliate-2013.json'), '{ "id": "miliate-2013", "file": ');
    expect(await expectRefusedAtStart(dir)).toMatch(new RegExp(`^${PREFIX}${escape(path.join(dir, 'miliate-2013.json'))}: not valid JSON \\(`));
  });

  it('metadata naming a text file that is missing', async () => {
    const dir = await corpusCopy();
    await unlink(path.join(dir, 'irgengioro-2022.txt'));
    expect(await expectRefusedAtStart(dir)).toBe(
      `${PREFIX}${path.join(dir, 'irgengioro-2022.txt')}: cannot read the text named by irgengioro-2022.json (ENOENT)`,
    );
  });

  it('a binary file where the text should be (a PDF saved as .txt)', async () => {
    const dir = await corpusCopy();
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length 64 /Filter /FlateDecode >>\nstream\n', 'latin1'), Buffer.from([0x78, 0x9c, 0x00, 0xff, 0x10, 0x00, 0x83])]);
    await writeFile(path.join(dir, 'miliate-2013.txt'), pdf);
    expect(await expectRefusedAtStart(dir)).toBe(`${PREFIX}${path.join(dir, 'miliate-2013.txt')}: is binary, not a plain-text extraction`);
  });

  it('a text in another encoding (Latin-1), which would otherwise load as garbled words', async () => {
    const dir = await corpusCopy();
    await writeFile(path.join(dir, 'miliate-2013.txt'), Buffer.from('The Steppes to the States\n\nUlaanbaatar’s “third neighbour” policy — déjà vu.\n', 'latin1'));
    expect(await expectRefusedAtStart(dir)).toBe(
      `${PREFIX}${path.join(dir, 'miliate-2013.txt')}: is not UTF-8 text (binary, or another encoding): save the extraction as UTF-8`,
    );
  });

  it('an empty text file', async () => {
    const dir = await corpusCopy();
    await writeFile(path.join(dir, 'irgengioro-2022.txt'), '\n\n   \n');
    expect(await expectRefusedAtStart(dir)).toBe(`${PREFIX}${path.join(dir, 'irgengioro-2022.txt')}: is empty`);
  });

  it('CORPUS_DIR naming no folder: the configuration line names the variable', async () => {
    const missing = path.join(tmpdir(), 'steppe-faults-no-such-corpus');
    const line = await expectRefusedAtStart(missing);
    expect(line).toMatch(/^steppe: CORPUS_DIR must be an existing folder holding the corpus .*\(set it in \.env; see \.env\.example\)$/);
  });
});

describe('CORPUS_DIR', () => {
  it('is the corpus Steppe serves: a copy with one document starts with one document', async () => {
    const dir = await corpusCopy();
    await unlink(path.join(dir, 'irgengioro-2022.json'));
    const own = await startFakeDiscord();
    try {
      const p = runEntry(entryEnv(own.apiUrl, { CORPUS_DIR: dir, DISCORD_GUILD_ID: own.guildId }));
      await waitFor(() => p.logs().some((l) => l.msg === 'commands registered'), 15_000, `commands registered (stderr: ${p.stderr()})`);
      expect(p.logs().find((l) => l.msg === 'corpus indexed')).toMatchObject({ documents: 1 });
      p.kill('SIGTERM');
      expect(await p.exitWithin(10_000)).toBe(0);
    } finally {
      await own.close();
    }
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
