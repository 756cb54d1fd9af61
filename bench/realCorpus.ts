/**
 * The "real corpus" row: the two articles plus the 118 real documents of
 * ../shared/material/texts (Wikipedia, World Factbook, White House and Congressional Record
 * texts), imported with `npm run add` into a temp folder. The synthetic ×N rows are
 * near-copies of the two articles: they measure size, and say little about quality among
 * distinct documents; this row measures both on what a growing corpus looks like.
 *
 * Measured, each in fresh processes where it matters:
 * - the import: one `npm run add` of the folder (wall time);
 * - start-up through `runScale` (scale.ts), exactly as for a ×N row: a worker process for the
 *   build phases, heap, query p50/p99 and hit@1 by index.query, then fresh start-ups of the
 *   compiled engine, cold (empty cache folder: parse, build, save) and warm (loads the saved
 *   parse and index);
 * - the first `npm run ask` of a fresh process, the way a person asks (npm, tsx, config,
 *   createEngine, one answer, exit): cold (an empty cache folder) and warm (caches saved);
 * - hit@1 as `npm run eval` scores it (answerQuestion) on the project's questions
 *   (test/eval/questions.jsonl), with the 118 distractors and on the two articles alone.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_CORPUS_DIR } from '../src/corpus/manifest.js';
import { createEngine, DEFAULT_INDEX_CACHE_DIR } from '../src/engine.js';
import { runEval } from '../src/eval/run.js';
import { parseEvalFile } from '../src/eval/score.js';
import { sharedWordVectors } from '../src/search/semantic.js';
import { REPO_ROOT } from './questions.js';
import { DEFAULT_CAPS, runScale, type ScaleResult } from './scale.js';
import { runChild } from './spawn.js';
import { fmt, num, spread, table, type Spread } from './stats.js';

export const MATERIAL_TEXTS = path.resolve(REPO_ROOT, '../shared/material/texts');
const PROJECT_QUESTIONS = path.join(REPO_ROOT, 'test/eval/questions.jsonl');

export interface RealCorpusResult {
  documents: number;
  paragraphs: number;
  bytes: number;
  importMs: number;
  /** The ×N measurements on this corpus (start-up, heap, query latency, hit@1 by index.query). */
  scale: ScaleResult;
  /** Wall time of one `npm run ask -- --json "question"`: with an empty cache folder, then with the saved parse and index. */
  firstAsk: { coldMs: number; warmMs: Spread } | null;
  /** hit@1 / MRR of answerQuestion on the project's passage questions, among the distractors and on the two articles alone. */
  project: { count: number; hit1: number; mrr: number; alone: { hit1: number; mrr: number } } | null;
  notes: string[];
}

/** The environment for children, without the host's Steppe settings. */
function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(base)) if (/^(CORPUS_DIR|INDEX_CACHE_DIR|DISCORD_)/.test(key)) delete base[key];
  return { ...base, ...env };
}

/** A cache folder holding only the word vectors: they are cut once per folder (≈ 10 s), which neither a parse nor an index is about. */
function freshCacheDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'steppe-bench-real-cache-'));
  if (sharedWordVectors()) {
    for (const f of readdirSync(DEFAULT_INDEX_CACHE_DIR).filter((n) => /^vectors-.*\.bin$/.test(n))) copyFileSync(path.join(DEFAULT_INDEX_CACHE_DIR, f), path.join(dir, f));
  }
  return dir;
}

export async function runRealCorpus(options: { quick: boolean; deadline: number }, log: (s: string) => void): Promise<RealCorpusResult | null> {
  if (!existsSync(MATERIAL_TEXTS)) {
    log(`  real corpus: skipped, ${MATERIAL_TEXTS} is not here`);
    return null;
  }
  const root = mkdtempSync(path.join(os.tmpdir(), 'steppe-bench-real-'));
  const caches: string[] = [];
  try {
    const dir = path.join(root, 'corpus');
    // The two articles are in the corpus format already: copied, as the tests do.
    mkdirSync(dir);
    for (const f of readdirSync(DEFAULT_CORPUS_DIR)) copyFileSync(path.join(DEFAULT_CORPUS_DIR, f), path.join(dir, f));
    log('  real corpus: npm run add (118 texts)');
    const add = await runChild('npm', ['run', '--silent', 'add', '--', MATERIAL_TEXTS, '--corpus', dir, '--default', 'year=2019', '--quiet'], 120_000, childEnv({}));
    const ok = /^corpus ok: (\d+) documents, (\d+) paragraphs$/m.exec(add.stdout);
    if (add.code !== 0 || !ok) throw new Error(`npm run add failed (exit ${add.code}): ${add.stderr.trim().slice(-300)}`);
    const bytes = readdirSync(dir)
      .filter((f) => f.endsWith('.txt'))
      .reduce((n, f) => n + statSync(path.join(dir, f)).size, 0);
    const documents = Number(ok[1]);

    log('  real corpus: start-up, heap, queries (as a ×N row)');
    const plan = options.quick
      ? { scale: 1, startupRuns: 2, queryRuns: 2, answerRuns: 1, warmup: 20, profile: false, profileQuestions: 0, peer: true }
      : { scale: 1, startupRuns: 3, queryRuns: 3, answerRuns: 1, warmup: 40, profile: false, profileQuestions: 0, peer: true };
    const scale = await runScale({ scale: 1, dir, documents, bytes }, plan, options.deadline, DEFAULT_CAPS, log);
    const result: RealCorpusResult = { documents, paragraphs: Number(ok[2]), bytes, importMs: add.wallMs, scale, firstAsk: null, project: null, notes: [] };

    // The first question a person asks from a terminal, in a process of its own.
    const question = parseEvalFile(readFileSync(PROJECT_QUESTIONS, 'utf8')).find((q) => q.kind === 'passage')!.q;
    const cacheDir = freshCacheDir();
    caches.push(cacheDir);
    const ask = async () => {
      const r = await runChild('npm', ['run', '--silent', 'ask', '--', '--json', question], 180_000, childEnv({ CORPUS_DIR: dir, INDEX_CACHE_DIR: cacheDir }));
      if (r.code !== 0 || !r.stdout.includes('"results"')) throw new Error(`npm run ask failed (exit ${r.code}): ${r.stderr.trim().slice(-300)}`);
      return r.wallMs;
    };
    log('  real corpus: first npm run ask, cold then warm');
    const coldMs = await ask();
    const warm: number[] = [];
    for (let i = 0; i < (options.quick ? 2 : 3); i++) warm.push(await ask());
    result.firstAsk = { coldMs, warmMs: spread(warm) };

    const questions = parseEvalFile(readFileSync(PROJECT_QUESTIONS, 'utf8'));
    const among = runEval(await createEngine(dir, { indexCacheDir: cacheDir }), questions).passage;
    const alone = runEval(await createEngine(DEFAULT_CORPUS_DIR), questions).passage;
    result.project = { count: among.count, hit1: among.hit1, mrr: among.mrr, alone: { hit1: alone.hit1, mrr: alone.mrr } };
    return result;
  } finally {
    rmSync(root, { recursive: true, force: true });
    for (const c of caches) rmSync(c, { recursive: true, force: true });
  }
}

export function realCorpusSection(r: RealCorpusResult): string {
  const s = r.scale;
  const sp = (x: Spread | null | undefined) => fmt(x ?? undefined);
  const ms = (x: number | null | undefined) => (x === null || x === undefined ? '—' : num(x));
  const rows = [
    [
      'real corpus',
      String(r.documents),
      String(r.paragraphs),
      num(r.bytes / 2 ** 20),
      num(r.importMs / 1000),
      ms(s.coldStartup?.readyMs),
      sp(s.startup?.readyMs),
      sp(s.startup?.heapDeltaMB),
      r.firstAsk ? num(r.firstAsk.coldMs) : '—',
      sp(r.firstAsk?.warmMs),
      sp(s.query?.p50),
      sp(s.query?.p99),
      sp(s.answer?.p99),
      r.project ? `${num(r.project.hit1)} (${num(r.project.alone.hit1)})` : '—',
      s.quality ? num(s.quality.ours.hit1) : '—',
    ],
  ];
  const indent = (t: string) => t.split('\n').map((l) => `   ${l}`).join('\n');
  const notes = [...r.notes, ...s.notes].map((n) => `   real corpus: ${n}`);
  return [
    '2b. Real corpus — the two articles + the 118 texts of ../shared/material/texts (npm run add); medians (min–max)',
    '',
    indent(
      table(
        ['corpus', 'docs', 'paragraphs', 'MB text', 'import s', 'cold ready', 'ready (saved)', 'heap MB', 'first ask cold', 'first ask warm', 'query p50', 'query p99', 'answer p99', 'hit@1 eval (2 alone)', 'hit@1 query'],
        rows,
      ),
    ),
    '   ms unless marked. ready: the compiled engine in fresh processes (cold: empty cache folder, parses, builds and saves; saved: loads',
    '   the saved parse and index); heap after GC. first ask: wall time of `npm run ask -- --json "…"` (npm + tsx + createEngine +',
    '   one answer), cold with an empty cache folder, warm with the saved ones. query/answer: index.query / answerQuestion over all',
    "   questions, warm. hit@1 eval: answerQuestion on the project's passage questions (test/eval/questions.jsonl), with the 118",
    '   distractors (and on the two articles alone); hit@1 query: index.query on the same questions as the ×N rows.',
    ...(notes.length ? ['', ...notes] : []),
  ].join('\n');
}
