import { execFile } from 'node:child_process';
import { appendFileSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * `npm start` runs `node scripts/build.mjs --if-stale` first: on an unchanged checkout it
 * compiles nothing (a stamp of sizes and times, not a tsc run); after a change it runs the
 * step that change concerns. Checked on a small project of the same shape in a temp folder
 * (its own src/, commands/, corpus/, the real TypeScript), so the real dist/ is not touched.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let dir: string;

const write = (file: string, text: string) => {
  mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  writeFileSync(path.join(dir, file), text);
};
const run = async (...args: string[]) => {
  try {
    await promisify(execFile)(process.execPath, [path.join(dir, 'scripts/build.mjs'), ...args], { cwd: dir, timeout: 60_000, env: { ...process.env, CORPUS_DIR: '', INDEX_CACHE_DIR: '' } });
    return 0;
  } catch (err) {
    return (err as { code?: number }).code ?? 1;
  }
};
const indexRuns = () => (existsSync(path.join(dir, 'index-runs.txt')) ? readFileSync(path.join(dir, 'index-runs.txt'), 'utf8').split('\n').filter(Boolean).length : 0);
const builtAt = () => statSync(path.join(dir, 'dist/src/main.js')).mtimeMs;
/** Moves a file's time forward, as an editor's save does. */
const touch = (file: string, seconds: number) => {
  const t = new Date(Date.now() + seconds * 1000);
  utimesSync(path.join(dir, file), t, t);
};

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'steppe-build-fresh-'));
  mkdirSync(path.join(dir, 'scripts'));
  copyFileSync(path.join(ROOT, 'scripts/build.mjs'), path.join(dir, 'scripts/build.mjs'));
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  write('package.json', JSON.stringify({ name: 'fresh', type: 'module', private: true }));
  write('package-lock.json', '{}');
  write('tsconfig.json', JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: true, noEmit: true, types: ['node'] } }));
  write('tsconfig.build.json', JSON.stringify({ extends: './tsconfig.json', compilerOptions: { noEmit: false, rootDir: '.', outDir: 'dist' }, include: ['src', 'commands'] }));
  write('src/main.ts', 'export const main: number = 1;\n');
  write('src/sharded.ts', 'export const sharded = 1;\n');
  write('src/cli/deploy.ts', 'export const deploy = 1;\n');
  // Stands for the index step: counts its runs.
  write('src/cli/buildIndex.ts', "import { appendFileSync } from 'node:fs';\nappendFileSync('index-runs.txt', 'run\\n');\n");
  write('commands/index.ts', 'export const commands: string[] = [];\n');
  write('corpus/a.txt', 'A paragraph.\n');
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('node scripts/build.mjs --if-stale (prestart)', () => {
  it('builds a fresh checkout, then skips both steps while nothing changed', { timeout: 120_000 }, async () => {
    expect(await run('--if-stale')).toBe(0);
    expect(existsSync(path.join(dir, 'dist/src/main.js'))).toBe(true);
    expect(indexRuns()).toBe(1);
    const first = builtAt();
    const start = performance.now();
    expect(await run('--if-stale')).toBe(0);
    expect(performance.now() - start).toBeLessThan(5000); // a stat walk, not a compile (tsc alone takes seconds here)
    expect(builtAt()).toBe(first);
    expect(indexRuns()).toBe(1);
  });

  it('recompiles after a source edit (and checks the index again), and only the index after a corpus edit', { timeout: 120_000 }, async () => {
    write('src/main.ts', 'export const main: number = 2;\n');
    touch('src/main.ts', 5);
    expect(await run('--if-stale')).toBe(0);
    expect(readFileSync(path.join(dir, 'dist/src/main.js'), 'utf8')).toContain('= 2');
    expect(indexRuns()).toBe(2);
    const compiled = builtAt();
    appendFileSync(path.join(dir, 'corpus/a.txt'), 'Another.\n');
    expect(await run('--if-stale')).toBe(0);
    expect(builtAt()).toBe(compiled);
    expect(indexRuns()).toBe(3);
  });

  it('compiles again when a source file is added or an output is missing', { timeout: 120_000 }, async () => {
    write('src/extra.ts', 'export const extra = 1;\n');
    expect(await run('--if-stale')).toBe(0);
    expect(existsSync(path.join(dir, 'dist/src/extra.js'))).toBe(true);
    rmSync(path.join(dir, 'dist/src/main.js'));
    expect(await run('--if-stale')).toBe(0);
    expect(existsSync(path.join(dir, 'dist/src/main.js'))).toBe(true);
  });

  it('a failed compile exits non-zero and is tried again next time; without --if-stale both steps always run', { timeout: 120_000 }, async () => {
    write('src/main.ts', 'export const main: number = "not a number";\n');
    expect(await run('--if-stale')).not.toBe(0);
    expect(await run('--if-stale')).not.toBe(0);
    write('src/main.ts', 'export const main: number = 3;\n');
    expect(await run('--if-stale')).toBe(0);
    expect(readFileSync(path.join(dir, 'dist/src/main.js'), 'utf8')).toContain('= 3');
    const runs = indexRuns();
    const compiled = builtAt();
    expect(await run()).toBe(0);
    expect(indexRuns()).toBe(runs + 1);
    expect(builtAt()).toBeGreaterThanOrEqual(compiled);
  });
});
