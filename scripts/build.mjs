/**
 * `npm run build` and the `prestart` steps: compile src/ and commands/ to dist/ (tsc with
 * tsconfig.build.json), then save the parsed corpus and search index (dist/src/cli/buildIndex.js).
 * Plain JavaScript run by Node itself: no nested `npm run` (each layer costs ~0.3 s).
 *
 *   node scripts/build.mjs             both steps, always (npm run build)
 *   node scripts/build.mjs --if-stale  each step only if what it is built from changed since it
 *                                      last succeeded (npm start on an unchanged checkout)
 *
 * Freshness is a stamp, not a compile: dist/.build-stamp.json lists every input of a step with
 * its size and modification time (the .ts files of src/ and commands/, the tsconfigs,
 * package.json and package-lock.json for the compile; the corpus folder, the cache folder's
 * files, the compiled code that reads and writes them and the variables buildIndex reads for
 * the index). A file added, removed, edited or touched, an upgraded dependency, a missing
 * output: that step runs. The stamp is written only after a step succeeds, so a failed build is
 * tried again on the next start.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist');
const STAMP = path.join(DIST, '.build-stamp.json');
const ifStale = process.argv.includes('--if-stale');

/** Files under `dir` (relative to ROOT) that pass `keep`, recursively; [] when it does not exist. */
function files(dir, keep = () => true) {
  const abs = path.resolve(ROOT, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && keep(e.name))
    .map((e) => path.relative(ROOT, path.join(e.parentPath ?? e.path, e.name)));
}

/** `file` → "size:mtime" for each file, sorted; a missing file reads "missing". */
function fingerprint(list) {
  const out = {};
  for (const f of [...new Set(list)].sort()) {
    try {
      const s = statSync(path.resolve(ROOT, f));
      out[f] = `${s.size}:${s.mtimeMs}`;
    } catch {
      out[f] = 'missing';
    }
  }
  return out;
}

/** A folder variable as buildIndex resolves it (relative to where npm runs, the repository root). */
const folder = (value, fallback) => (value && !/^(?:off|none|false|0)$/i.test(value.trim()) ? path.relative(ROOT, path.resolve(ROOT, value)) : fallback);

const steps = [
  {
    name: 'compile',
    inputs: () =>
      fingerprint([
        'tsconfig.json',
        'tsconfig.build.json',
        'package.json',
        'package-lock.json',
        ...files('src', (n) => n.endsWith('.ts')),
        ...files('commands', (n) => n.endsWith('.ts')),
      ]),
    outputs: ['dist/src/main.js', 'dist/src/sharded.js', 'dist/src/cli/deploy.js', 'dist/src/cli/buildIndex.js', 'dist/commands/index.js'],
    command: [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
    // Inputs as they were when the compile began: an edit made during it rebuilds next time.
    stampBefore: true,
  },
  {
    name: 'index',
    inputs: () => ({
      env: {
        CORPUS_DIR: process.env.CORPUS_DIR ?? '',
        INDEX_CACHE_DIR: process.env.INDEX_CACHE_DIR ?? '',
        STEPPE_VECTORS: process.env.STEPPE_VECTORS ?? '',
        dotenv: existsSync(path.join(ROOT, '.env')) ? readFileSync(path.join(ROOT, '.env'), 'utf8') : '',
      },
      files: fingerprint([
        ...files(folder(process.env.CORPUS_DIR, 'corpus')),
        ...files(folder(process.env.INDEX_CACHE_DIR, '.cache')),
        // The compiled code decides the saved formats: a new compile means a new check.
        ...files('dist/src', (n) => n.endsWith('.js')),
      ]),
    }),
    outputs: [],
    command: [path.join(ROOT, 'dist/src/cli/buildIndex.js')],
    // Its own outputs (the cache files) are among its inputs: stamped as they are after it.
    stampBefore: false,
  },
];

let stamp = {};
try {
  stamp = JSON.parse(readFileSync(STAMP, 'utf8'));
} catch {
  /* no stamp yet: every step runs */
}
for (const step of steps) {
  const before = JSON.stringify(step.inputs());
  if (ifStale && stamp[step.name] === before && step.outputs.every((f) => existsSync(path.join(ROOT, f)))) continue;
  const r = spawnSync(process.execPath, step.command, { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) {
    process.stderr.write(`build: ${step.name} failed (${r.error?.message ?? `exit ${r.status ?? r.signal}`})\n`);
    delete stamp[step.name];
    if (existsSync(DIST)) writeFileSync(STAMP, `${JSON.stringify(stamp)}\n`);
    process.exit(r.status || 1);
  }
  stamp[step.name] = step.stampBefore ? before : JSON.stringify(step.inputs());
  mkdirSync(DIST, { recursive: true });
  writeFileSync(STAMP, `${JSON.stringify(stamp)}\n`);
}
