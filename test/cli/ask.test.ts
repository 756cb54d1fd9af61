import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/** Runs `npm run ask` exactly as the README says, and returns stdout. */
function ask(args: string[], input?: string): { stdout: string; stderr: string; status: number | null } {
  const r = spawnSync('npm', ['run', '--silent', 'ask', '--', ...args], {
    cwd: new URL('../..', import.meta.url),
    input,
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

describe('npm run ask', () => {
  it('--json reads questions one a line and prints one JSON object a line, in order, nothing else; a blank line is no question', () => {
    // A blank line used to give an object with an empty query: it is skipped (with --session it starts a new conversation).
    const questions = ['What is the Belt and Road Initiative?', '', '   ', 'How many Kazakhs live in Mongolia?'];
    const { stdout, status } = ask(['--json'], questions.join('\n') + '\n');
    expect(status).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    const objects = lines.map((l) => JSON.parse(l) as { query: string; answer: string; results: unknown[] });
    expect(objects.map((o) => o.query)).toEqual([questions[0], questions[3]]);
    expect(objects[0]!.results.length).toBeGreaterThan(0);
    expect(objects[1]!.answer).toContain('160,000');
  });

  it('--json with a question argument prints one object', () => {
    const { stdout } = ask(['--json', 'Why is Kazakhstan important for the SREB?']);
    const obj = JSON.parse(stdout) as { results: Array<{ paragraph: string }> };
    expect(obj.results[0]!.paragraph).toMatch(/^irgengioro-2022\/\d+$/);
  });

  it('prints a readable answer in text mode', () => {
    const { stdout, status } = ask(['How many Kazakhs live in Mongolia?']);
    expect(status).toBe(0);
    // A numeric question: the figure first, then the supporting passages.
    expect(stdout).toMatch(/^approximately 160,000 — .* — Miliate \(2013\), p\. 1, ¶ miliate-2013\/2\.\n\n\[1\] “/);
    expect(stdout).toContain('— Miliate (2013), “The Steppes to the States”');
  });

  it('shows the part of each passage around its best sentence in text mode, the whole passage with --full', () => {
    const question = 'What is the Belt and Road Initiative?';
    const quotes = (out: string) => [...out.matchAll(/^\[\d\] “([\s\S]*?)”\n {4}— /gm)].map((m) => m[1]!);
    const short = quotes(ask([question]).stdout);
    const full = quotes(ask(['--full', question]).stdout);
    expect(short).toHaveLength(3);
    expect(full).toHaveLength(3);
    for (const q of short) expect(q.length).toBeLessThanOrEqual(720);
    // The whole passages are longer, and each excerpt is made of their sentences.
    expect(full.some((q) => q.length > 1000)).toBe(true);
    expect(short.some((q) => q.endsWith('…'))).toBe(true);
    short.forEach((q, i) => {
      for (const part of q.replace(/…/g, '').split(/(?<=[.!?”])\s+/).filter((x) => x.length > 20)) expect(full[i]).toContain(part.trim());
    });
    const json = JSON.parse(ask(['--json', question]).stdout) as { answer: string; results: Array<{ text: string }> };
    // --json's answer keeps whole passages, as before.
    expect(json.answer).toContain(json.results[0]!.text);
  });

  it('--json --session reads a conversation: each line in the context of those before, an empty line starting anew', () => {
    const lines = ['how much did kazakhstan export to mongolia in 2019?', 'and the other direction?', '', 'and the other direction?'];
    const { stdout, status } = ask(['--json', '--session'], lines.join('\n') + '\n');
    expect(status).toBe(0);
    const out = stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { query: string; resolved: string; answer: string; results: unknown[] });
    // One object per question; the empty line is a boundary, not a question.
    expect(out.map((o) => o.query)).toEqual([lines[0], lines[1], lines[3]]);
    expect(out[0]!.resolved).toBe(lines[0]);
    expect(out[1]!.resolved).toBe('how much did mongolia export to kazakhstan in 2019?');
    expect(out[1]!.answer).toContain('7.14');
    // A new conversation: nothing to take "the other direction" of.
    expect(out[2]!.resolved).toBe('and the other direction?');
    expect(out[1]).toHaveProperty('figures');
    expect(out[2]).not.toHaveProperty('figures');
  });

  it('--session in text mode says how a follow-up was understood', () => {
    const { stdout, status } = ask(['--session'], 'how many Kazakhs live in Mongolia?\nwhere do most of them live?\n');
    expect(status).toBe(0);
    expect(stdout).toMatch(/\(understood as: where do most of the Kazakhs live\?/);
    expect(stdout).toContain('Bayan Olgii');
  });
});
