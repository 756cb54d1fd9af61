import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const run = (args: string[]) =>
  spawnSync('npm', ['run', '--silent', 'figures', '--', ...args], { cwd: new URL('../..', import.meta.url), encoding: 'utf8', timeout: 30_000 });

describe('npm run figures', () => {
  it('prints the aligned table and writes the chart when asked', () => {
    const png = path.join(mkdtempSync(path.join(tmpdir(), 'steppe-fig-')), 'kz.png');
    const r = run(['--partner', 'kazakhstan', '--png', png]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Mongolia–Kazakhstan trade, 2010–2019\n\nYear {2}Exports/);
    expect(r.stdout).toMatch(/\n2014 +\$5\.03 M +\$59 M +-\$54 M +Machines/);
    expect(readFileSync(png).subarray(1, 4).toString('ascii')).toBe('PNG');
  });

  it('explains a bad partner and exits non-zero', () => {
    const r = run(['--partner', 'narnia']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('No trade table for "narnia"');
  });
});
