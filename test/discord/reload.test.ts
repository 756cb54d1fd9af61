import { copyFileSync, mkdtempSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine.js';
import { DEFAULT_USER, slashCommand, startFakeDiscord, type FakeDiscord } from '../fake-discord/fakeDiscord.js';
import { startBotOn, type BotOnFake } from './harness.js';
import { NOTE, NOTE_TEXT } from './noteDocument.js';

/**
 * `/reload`: the bot's owner picks up added, changed and removed documents without a
 * restart; anyone else is refused; a corpus that does not load leaves the running one
 * answering and says why in one line.
 */

type Data = Record<string, any>;
const CORPUS = new URL('../../corpus/', import.meta.url);

describe('/reload', () => {
  let fake: FakeDiscord;
  let bot: BotOnFake;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'steppe-reload-'));
    for (const f of readdirSync(CORPUS)) copyFileSync(new URL(f, CORPUS), path.join(dir, f));
    const load = () => createEngine(dir, { indexCacheDir: null });
    fake = await startFakeDiscord();
    bot = await startBotOn(fake, { engine: await load(), loadEngine: load });
  });
  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  // The last message of the interaction: a slow reload is deferred and answered in a follow-up.
  const run = async (name: string, options: Record<string, string> = {}, user: Partial<typeof DEFAULT_USER> = DEFAULT_USER) =>
    (await fake.interact(slashCommand(name, options, { user }), { waitFor: 'final', timeoutMs: 15_000 })).messages().filter((m) => !m.deleted).at(-1) as unknown as Data;
  const ask = async (q: string) => JSON.stringify((await run('ask', { question: q })).embeds);

  it('is refused to anyone but the bot’s owner', async () => {
    const m = await run('reload', {}, { id: '100000000000000099', username: 'someone' });
    expect(m.ephemeral).toBe(true);
    expect(m.embeds[0].description).toMatch(/Only the bot’s owner/);
  });

  it('an added document is searchable after /reload, and the summary names it', async () => {
    expect(await ask('Who opened the Khovd nomad reading library?')).not.toContain('Zorig Foundation');
    writeFileSync(path.join(dir, 'zorig-1999.json'), JSON.stringify(NOTE));
    writeFileSync(path.join(dir, 'zorig-1999.txt'), NOTE_TEXT);
    const m = await run('reload');
    expect(m.embeds[0].title).toBe('Corpus reloaded');
    expect(m.embeds[0].fields[0]).toEqual({ name: 'Added', value: 'zorig-1999', inline: false });
    expect(await ask('Who opened the Khovd nomad reading library?')).toContain('Zorig Foundation');
  });

  it('a damaged corpus is refused in one line and the running one keeps answering', async () => {
    writeFileSync(path.join(dir, 'broken.json'), JSON.stringify({ id: 'broken', authors: ['X'] }));
    const m = await run('reload');
    expect(m.embeds[0].description).toMatch(/could not be reloaded; the current one stays in use\. .*broken\.json/);
    expect(m.embeds[0].description).not.toMatch(/\n\s+at /);
    expect(await ask('Who opened the Khovd nomad reading library?')).toContain('Zorig Foundation');
    unlinkSync(path.join(dir, 'broken.json'));
  });

  it('a removed document is gone after /reload', async () => {
    unlinkSync(path.join(dir, 'zorig-1999.json'));
    unlinkSync(path.join(dir, 'zorig-1999.txt'));
    const m = await run('reload');
    expect(m.embeds[0].fields[2]).toEqual({ name: 'Removed', value: 'zorig-1999', inline: false });
    expect(await ask('Who opened the Khovd nomad reading library?')).not.toContain('Zorig Foundation');
  });
});
