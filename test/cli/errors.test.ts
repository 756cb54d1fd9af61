import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * What a newcomer's first mistakes print: one line on stderr saying what is wrong and what
 * to do, never a stack. Each entry runs as the README runs it (plain Node with tsx).
 */

const ROOT = new URL('../..', import.meta.url);
const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GfakeX.abcdefghijklmnopqrstuvwxyz0123456789AB';
const dirs: string[] = [];
const tempDir = (name: string) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), `steppe-${name}-`));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function run(script: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
    // no .env of the developer's: only what the case sets
    env: { PATH: process.env.PATH ?? '', HOME: tempDir('home'), LOG_LEVEL: 'warn', ...env },
  });
  return { stdout: r.stdout, stderr: r.stderr.trimEnd(), status: r.status };
}

const oneLine = (stderr: string) => {
  expect(stderr.split('\n'), stderr).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at |ERR_[A-Z_]+/);
};

describe('one line for each first mistake', () => {
  it('ask --bogus: the unknown option and the options there are, exit 2', () => {
    const r = run('src/cli/ask.ts', ['--bogus', 'hello']);
    expect(r.status).toBe(2);
    oneLine(r.stderr);
    expect(r.stderr).toMatch(/^ask: Unknown option '--bogus'\. Options: --json/);
  });

  it('ask with a broken document in the corpus: the file and the fault, exit 1', () => {
    const corpus = tempDir('corpus');
    writeFileSync(path.join(corpus, 'empty.txt'), '');
    writeFileSync(path.join(corpus, 'empty.json'), JSON.stringify({ id: 'empty-2024', file: 'empty.txt', authors: ['A. Author'], title: 'Empty', venue: 'Nowhere', year: 2024, doi: null, url: null }));
    const r = run('src/cli/ask.ts', ['What is the BRI?'], { CORPUS_DIR: corpus, INDEX_CACHE_DIR: 'off' });
    expect(r.status).toBe(1);
    oneLine(r.stderr);
    expect(r.stderr).toMatch(/^ask: the corpus could not be loaded: .*empty\.txt/);
  });

  it('a well-formed token with Discord unreachable: "cannot reach Discord", what to check, exit 1', () => {
    const r = run('src/main.ts', [], { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: 'http://127.0.0.1:1/api', DATABASE_URL: `sqlite:${path.join(tempDir('db'), 'steppe.db')}` });
    expect(r.status).toBe(1);
    oneLine(r.stderr);
    expect(r.stderr).toMatch(/^steppe: cannot reach Discord \(connect ECONNREFUSED 127\.0\.0\.1:1\): check the network connection/);
  });

  it('eval with a file that is missing or not JSON lines: the file (and the line), exit 1; --help the usage, exit 0', () => {
    const missing = run('src/cli/eval.ts', ['no-such-file.jsonl']);
    expect(missing.status).toBe(1);
    oneLine(missing.stderr);
    expect(missing.stderr).toBe('eval: cannot read no-such-file.jsonl: ENOENT');
    const bad = path.join(tempDir('eval'), 'bad.jsonl');
    writeFileSync(bad, '{"id": "q1", "kind": "passage", "q": "What is the BRI?", "gold": ["Belt"]}\n{"id": "q2", kind: passage}\n');
    const broken = run('src/cli/eval.ts', [bad]);
    expect(broken.status).toBe(1);
    oneLine(broken.stderr);
    expect(broken.stderr).toMatch(/^eval: .*bad\.jsonl: line 2: not JSON/);
    const help = run('src/cli/eval.ts', ['--help']);
    expect(help.status).toBe(0);
    expect(help.stderr).toMatch(/^Usage: npm run eval -- FILE\.jsonl/);
  });
});
