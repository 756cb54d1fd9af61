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
    const bytes = readFileSync(png);
    expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
    // Exports are a tenth of imports: one panel each (the taller chart), the caption and the
    // table's footer saying where Miliate (2013) states other values.
    expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([1000, 740]);
    expect(r.stdout).toContain('\nSource: Irgengioro (2022), Appendix: Mongolia–Kazakhstan trade by year, p. 25, 26 (data: UN Comtrade / OEC)\n');
    expect(r.stdout).toContain('⚠ Sources disagree: Miliate (2013), p. 1 gives, undated, exports $26 million, imports $18 million, total a little over US$43 million: no year of the table matches.\n');
    expect(r.stderr).toMatch(/^chart written to .*kz\.png \(\d+ bytes\)\n$/);
  });

  it('says when the text and the table disagree, and titles one year as one year', () => {
    const r = run(['--partner', 'kyrgyz', '--from', '2019', '--to', '2019']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Mongolia–Kyrgyzstan trade, 2019\n/);
    expect(r.stdout).toContain('⚠ Sources disagree: 2019 imports: Irgengioro (2022), p. 6 says $2.32 million; the table $2.39 M.');
    const quiet = run(['--partner', 'kyrgyz', '--from', '2015', '--to', '2018']);
    expect(quiet.stdout).not.toContain('disagree');
  });

  it('--help prints the usage and the partners; an unknown option is one line, not a stack', () => {
    const help = run(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: npm run --silent figures -- --partner NAME/);
    expect(help.stdout).toContain('Partners: Kazakhstan, Kyrgyzstan');
    const bogus = run(['--bogus']);
    expect(bogus.status).toBe(2);
    expect(bogus.stderr).toMatch(/^figures: Unknown option '--bogus'\.\nUsage: /);
    expect(bogus.stderr).not.toContain('    at ');
  });

  it('explains a bad partner and exits non-zero', () => {
    const r = run(['--partner', 'narnia']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('No trade table for "narnia"');
  });
});
