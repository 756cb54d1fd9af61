import { once } from 'node:events';
import { copyFileSync, mkdtempSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ask } from '../../commands/ask.js';
import type { CommandContext } from '../../src/command.js';
import { createEngine } from '../../src/engine.js';
import { ignoredCorpusFile, type ReloadSummary, type ReloadTrigger } from '../../src/reload.js';
import { slashCommand, startFakeDiscord, type FakeDiscord } from '../fake-discord/fakeDiscord.js';
import { startBotOn, testCommand, withTimeout, type BotOnFake } from './harness.js';
import { NOTE, NOTE_TEXT } from './noteDocument.js';

/**
 * WATCH_CORPUS=true: the real bot on the loopback Discord watches its corpus folder.
 * A document copied in is answered from once the reload it causes has taken effect; a
 * removed one is gone; a folder that does not load is logged in one line and the running
 * corpus keeps answering; answers in flight during a reload complete (on the corpus they
 * began with). Every wait is on the bot's `reloaded`/`failed` events or on replies, each
 * bounded only as a guard against a hang.
 */

type Data = Record<string, any>;
const CORPUS = new URL('../../corpus/', import.meta.url);
const GUARD_MS = 30_000;
const QUESTION = 'Who opened the Khovd nomad reading library?';

/** A latch: `wait` resolves once `open` is called. */
function latch(): { wait: Promise<void>; open: () => void } {
  let open!: () => void;
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { wait, open };
}

describe('WATCH_CORPUS', () => {
  let fake: FakeDiscord;
  let bot: BotOnFake;
  let dir: string;
  let staging: string;
  /** While set, a reload that has read the folder waits on it (a reload "in progress"); `loading` opens when one is waiting. */
  let loadGate: Promise<void> | null = null;
  let loading = latch();
  /** The test-only /hold: an answer that starts, then waits for `holdGate` before it runs on the engine it was given. */
  let holdStarted = latch();
  let holdGate = latch();
  const hold = testCommand(
    'hold',
    async (ctx: CommandContext) => {
      holdStarted.open();
      await holdGate.wait;
      return ask.run({ ...ctx, options: { question: QUESTION } });
    },
    { slow: true },
  );

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'steppe-watch-'));
    staging = mkdtempSync(path.join(tmpdir(), 'steppe-watch-new-'));
    for (const f of readdirSync(CORPUS)) copyFileSync(new URL(f, CORPUS), path.join(dir, f));
    writeFileSync(path.join(staging, 'zorig-1999.json'), JSON.stringify(NOTE));
    writeFileSync(path.join(staging, 'zorig-1999.txt'), NOTE_TEXT);
    // The folder is read first; then, while a gate is set, the reload waits before it is swapped in.
    const load = async () => {
      const engine = await createEngine(dir, { indexCacheDir: null });
      if (loadGate) {
        loading.open();
        await loadGate;
      }
      return engine;
    };
    fake = await startFakeDiscord();
    bot = await startBotOn(fake, { engine: await load(), loadEngine: load, env: { WATCH_CORPUS: 'true', CORPUS_DIR: dir }, extraCommands: [hold] });
  }, GUARD_MS);
  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(staging, { recursive: true, force: true });
  });

  const reloader = () => bot.bot.reloader!;
  /** The next `reloaded` event for which `matches` holds (listen before changing the folder). */
  const nextReload = (matches: (s: ReloadSummary) => boolean) =>
    withTimeout(
      new Promise<{ summary: ReloadSummary; trigger: ReloadTrigger }>((resolve) => {
        const on = (summary: ReloadSummary, trigger: ReloadTrigger) => {
          if (!matches(summary)) return;
          reloader().off('reloaded', on);
          resolve({ summary, trigger });
        };
        reloader().on('reloaded', on);
      }),
      GUARD_MS,
      'the watched corpus reload',
    );
  const nextFailure = () =>
    withTimeout(new Promise<string>((resolve) => reloader().once('failed', (message) => resolve(message))), GUARD_MS, 'the failed reload');
  const run = async (name: string, options: Record<string, string> = {}) =>
    (await fake.interact(slashCommand(name, options), { waitFor: 'final', timeoutMs: GUARD_MS })).messages().filter((m) => !m.deleted).at(-1) as unknown as Data;
  const answerTo = async (q: string) => JSON.stringify((await run('ask', { question: q })).embeds);

  it('logs that it watches the folder', () => {
    expect(bot.logs.find((l) => l.msg === 'watching the corpus folder')).toMatchObject({ dir });
  });

  it('a document copied into the folder is answered from once its reload has taken effect', async () => {
    expect(await answerTo(QUESTION)).not.toContain('Zorig Foundation');
    const reloaded = nextReload((s) => s.added.includes('zorig-1999'));
    copyFileSync(path.join(staging, 'zorig-1999.json'), path.join(dir, 'zorig-1999.json'));
    copyFileSync(path.join(staging, 'zorig-1999.txt'), path.join(dir, 'zorig-1999.txt'));
    const { summary, trigger } = await reloaded;
    expect(trigger).toBe('watch');
    expect(summary).toMatchObject({ added: ['zorig-1999'], removed: [], changed: [] });
    expect(bot.logs.filter((l) => l.msg === 'corpus reloaded').at(-1)).toMatchObject({ trigger: 'watch', added: ['zorig-1999'] });
    const answer = await answerTo(QUESTION);
    expect(answer).toContain('Zorig Foundation');
    expect(answer).toContain('zorig-1999/');
  });

  it('removed while answers are in flight: they complete, on the corpus they began with; then the document is gone', async () => {
    holdStarted = latch();
    holdGate = latch();
    // an answer that has begun (its engine chosen) and is still running when the corpus is swapped
    const held = fake.interact(slashCommand('hold', {}), { waitFor: 'final', timeoutMs: GUARD_MS });
    await withTimeout(holdStarted.wait, GUARD_MS, '/hold starting');

    // the reload starts and stays in progress until the gate opens
    const gate = latch();
    loadGate = gate.wait;
    loading = latch();
    const reloaded = nextReload((s) => s.removed.includes('zorig-1999'));
    unlinkSync(path.join(dir, 'zorig-1999.json'));
    unlinkSync(path.join(dir, 'zorig-1999.txt'));
    await withTimeout(loading.wait, GUARD_MS, 'the reload starting');
    // asked during the reload: answered, from the running corpus
    expect(await answerTo(QUESTION)).toContain('Zorig Foundation');
    loadGate = null;
    gate.open();
    const { summary, trigger } = await reloaded;
    expect(trigger).toBe('watch');
    expect(summary.removed).toEqual(['zorig-1999']);

    // the held answer now finishes, after the swap, on the engine it was given
    holdGate.open();
    const result = await held;
    const final = result.messages().filter((m) => !m.deleted).at(-1) as unknown as Data;
    expect(JSON.stringify(final.embeds)).toContain('Zorig Foundation');
    expect(bot.logs.filter((l) => Number(l.level) >= 50)).toEqual([]);

    // new questions see the new corpus
    expect(await answerTo(QUESTION)).not.toContain('Zorig Foundation');
  });

  it('a change while a reload is running brings one more reload after it', async () => {
    const gate = latch();
    loadGate = gate.wait;
    loading = latch();
    const first = nextReload((s) => s.added.includes('zorig-1999'));
    const second = nextReload((s) => s.added.includes('later-2001'));
    copyFileSync(path.join(staging, 'zorig-1999.json'), path.join(dir, 'zorig-1999.json'));
    copyFileSync(path.join(staging, 'zorig-1999.txt'), path.join(dir, 'zorig-1999.txt'));
    // the first reload has read the folder and is still running when the second document lands
    await withTimeout(loading.wait, GUARD_MS, 'the first reload reading the folder');
    writeFileSync(path.join(dir, 'later-2001.json'), JSON.stringify({ ...NOTE, id: 'later-2001', file: 'later-2001.txt', title: 'Later Notes', year: 2001 }));
    writeFileSync(path.join(dir, 'later-2001.txt'), 'Later Notes\n\nThe Uvs lake observatory counted migrating cranes in 2001.\n');
    // the watcher sees it while the first reload runs, and queues one more rather than joining
    expect(await withTimeout(once(reloader(), 'queued'), GUARD_MS, 'the second reload queued')).toEqual(['watch']);
    loadGate = null;
    gate.open();
    expect((await first).summary.added).toEqual(['zorig-1999']);
    expect((await second).summary).toMatchObject({ added: ['later-2001'], removed: [] });
    expect(await answerTo('Who counted migrating cranes at the Uvs lake observatory?')).toContain('later-2001/');
    const gone = nextReload((s) => s.removed.length === 2);
    for (const f of ['zorig-1999.json', 'zorig-1999.txt', 'later-2001.json', 'later-2001.txt']) unlinkSync(path.join(dir, f));
    await gone;
  });

  it('leaves hidden, swap, backup and partial files alone', () => {
    for (const name of ['.zorig.json.swp', '.DS_Store', 'zorig.json~', 'zorig.txt.tmp', 'paper.pdf.part', 'x.crdownload']) expect(ignoredCorpusFile(name), name).toBe(true);
    for (const name of ['zorig-1999.json', 'zorig-1999.txt', 'notes.md']) expect(ignoredCorpusFile(name), name).toBe(false);
  });

  it('a folder that does not load: one log line, the running corpus keeps answering; fixed, it reloads', async () => {
    const warnings = () => bot.logs.filter((l) => l.msg === 'the corpus folder changed but does not load; the current corpus stays in use');
    const before = warnings().length;
    const failed = nextFailure();
    writeFileSync(path.join(dir, 'broken.json'), JSON.stringify({ id: 'broken', authors: ['X'] }));
    const message = await failed;
    expect(message).toMatch(/broken\.json/);
    expect(message).not.toContain('\n');
    // the line is written once the reload has answered; the event comes just before it
    await withTimeout(reloader().idle(), GUARD_MS, 'the failed reload ending');
    await Promise.resolve();
    const lines = warnings().slice(before);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 40, dir, error: message });
    expect(JSON.stringify(lines[0])).not.toMatch(/\\n\s+at /);
    expect(await answerTo('How many Kazakhs live in Mongolia?')).toContain('160,000');

    const reloaded = nextReload(() => true);
    unlinkSync(path.join(dir, 'broken.json'));
    const { summary } = await reloaded;
    expect(summary).toMatchObject({ added: [], removed: [], changed: [] });
    expect(await answerTo('How many Kazakhs live in Mongolia?')).toContain('160,000');
  });
});
