import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { answerQuestion } from '../../src/answer/answer.js';
import { runConsole } from '../../src/console.js';
import { answerReply, searchReply } from '../../src/reply/build.js';
import type { Engine } from '../../src/engine.js';
import { sharedEngine } from '../discord/harness.js';
import { Feedback } from '../../src/feedback/feedback.js';
import { createLogger } from '../../src/log.js';
import { openStore } from '../../src/store/index.js';

/**
 * The local console (`npm start` without a token), as a terminal user sees it: plain text,
 * no Markdown left over, counts in words that agree with the numbers, and a chart they can
 * open.
 */

let engine: Engine;
let dir: string;
beforeAll(async () => {
  engine = await sharedEngine();
  dir = mkdtempSync(path.join(os.tmpdir(), 'steppe-console-test-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function typed(...lines: string[]): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  const done = runConsole(engine, commands, input, output, { attachmentDir: dir });
  input.end(`${lines.join('\n')}\n`);
  await done;
  return text;
}

describe('the local console', () => {
  it('/about, /cite and /sections show ids as text, not **Markdown**', async () => {
    const reference = engine.corpus.documents.flatMap((d) => d.references)[0]!;
    const out = await typed('/about', `/cite reference: ${reference.id}`, '/sections');
    expect(out).not.toContain('**');
    expect(out).toContain(engine.corpus.documents[0]!.meta.id);
  });

  it('one passage is "Passage 1", not "Passages 1–1"; one search hit is "1 best passage"', () => {
    const one = answerQuestion(engine, 'How many Kazakhs live in Mongolia?', { limit: 1 });
    expect(one.passages).toHaveLength(1);
    expect(answerReply(one).footer).toBe('Passage 1 · Steppe');
    expect(searchReply(one).footer).toMatch(/^1 best passage · /);
    const three = answerQuestion(engine, 'How many Kazakhs live in Mongolia?', { limit: 3 });
    expect(answerReply(three).footer).toBe('Passages 1–3 · Steppe');
  });

  it('/figures writes the chart and prints where it is', async () => {
    const out = await typed('/figures partner: Kazakhstan');
    const shown = /: (\S+\.png)\s*$/m.exec(out);
    expect(shown, out).not.toBeNull();
    const file = shown![1]!;
    expect(path.dirname(file)).toBe(dir);
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file).subarray(1, 4).toString('latin1')).toBe('PNG');
  });

  it('a question of emoji alone is told it has no words, not "only very common words"', async () => {
    const out = await typed('🇲🇳🇰🇿 🤔❓');
    expect(out).toMatch(/no words in it/);
    expect(out).not.toMatch(/very common words/);
  });

  it('rates answers as the buttons do: /up, /down with a reason and a comment, on the last answer, kept in the store with the question', async () => {
    const store = await openStore({ engine: 'sqlite', file: path.join(dir, 'console-votes.db') });
    const session = async (...lines: string[]) => {
      const input = new PassThrough();
      const output = new PassThrough();
      let out = '';
      output.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
      const done = runConsole(engine, commands, input, output, { feedback: new Feedback(store, { keepUserIds: false, logger: createLogger('silent') }) });
      input.end(`${lines.join('\n')}\n`);
      await done;
      return out;
    };
    try {
      const first = await session('/up', 'How many Kazakhs live in Mongolia?', '/down wrong-figure the 2019 value is the other direction', '/down nonsense');
      expect(first).toContain('Ask a question first');
      expect(first).toMatch(/Rate it: \/up, or \/down \[wrong-passage\|wrong-figure\|not-in-corpus\|other\]/);
      expect(first).toContain('Thanks — recorded 👎 and why.');
      expect(first).toContain('Unknown reason “nonsense”');
      const [rated] = await store.worstRatedAnswers();
      expect(rated).toMatchObject({ question: 'How many Kazakhs live in Mongolia?', down: 1, up: 0, reasons: { 'wrong-figure': 1 }, comments: ['the 2019 value is the other direction'] });
      expect((await store.questionStats()).questions).toBe(1);

      // One vote per user and answer: a later /up replaces the 👎 on the answer before it.
      const second = await session('Why are Mongolia–Kazakhstan relations so weak?', '/down', '/up');
      expect(second).toMatch(/Thanks — recorded 👎\. What was wrong\?/);
      expect(second).toContain('Thanks — recorded 👍');
      expect((await store.questionStats()).questions).toBe(2);
      expect(await store.worstRatedAnswers()).toHaveLength(1);
    } finally {
      await store.close();
    }
  });
});
