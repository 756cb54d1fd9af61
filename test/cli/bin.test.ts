import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * package.json's `bin`: `npx steppe-ask …` runs the compiled ask CLI with no npm banner on
 * stdout. Checked on a copy of the package whose dist/ holds a stand-in for the compiled
 * ask.js (it prints its arguments as JSON), so the test needs no build; the real compiled
 * CLI is what `npm run build` makes (checked by hand from a fresh clone: npm ci, npm run
 * build, npx steppe-ask --json "…" prints one JSON object).
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { bin?: Record<string, string> };

function packageCopy(withDist: boolean): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'steppe-bin-'));
  copyFileSync(path.join(ROOT, 'package.json'), path.join(dir, 'package.json'));
  for (const file of Object.values(manifest.bin ?? {})) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    copyFileSync(path.join(ROOT, file), path.join(dir, file));
  }
  if (withDist) {
    mkdirSync(path.join(dir, 'dist/src/cli'), { recursive: true });
    writeFileSync(path.join(dir, 'dist/src/cli/ask.js'), 'process.stdout.write(JSON.stringify({ argv: process.argv.slice(2) }) + "\\n");\n');
  }
  return dir;
}

describe('the steppe-ask bin', () => {
  it('is an executable Node script in the repository', () => {
    expect(manifest.bin).toEqual({ 'steppe-ask': 'bin/steppe-ask.js' });
    const file = path.join(ROOT, 'bin/steppe-ask.js');
    expect(readFileSync(file, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
    expect(statSync(file).mode & 0o111).not.toBe(0);
    expect(execFileSync('git', ['ls-files', 'bin/steppe-ask.js'], { cwd: ROOT, encoding: 'utf8' }).trim()).toBe('bin/steppe-ask.js');
  });

  it('npx runs the compiled ask with the arguments as given, and nothing else on stdout', () => {
    const dir = packageCopy(true);
    const r = spawnSync('npx', ['--no-install', 'steppe-ask', '--json', 'How many Kazakhs live in Mongolia?'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe('{"argv":["--json","How many Kazakhs live in Mongolia?"]}\n');
  });

  it('before a build, says to run it, in one line', () => {
    const dir = packageCopy(false);
    const r = spawnSync(process.execPath, [path.join(dir, 'bin/steppe-ask.js'), '--help'], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`steppe-ask: not built yet: run \`npm run build\` in ${dir}${path.sep}\n`);
  });
});
