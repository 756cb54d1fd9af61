/**
 * `npm run bench`: retrieval side by side, scale ×1…×1000, end to end through the loopback
 * Discord, and the project's targets. A benchmark, not a test: it prints where we stand and
 * writes bench/results.json; nothing fails on a number.
 *
 * Options (after `npm run bench --`):
 *   --quick        ×1 and ×10 only, fewer runs, shorter burst (a smoke run, well under a minute)
 *   --full         a 1-hour budget and 30-min caps: ×1000 runs to completion (~15 min here)
 *   --budget=<s>   overall time budget in seconds (default 280): the ×1000 step gets what is left
 *   --e2e          the end-to-end step alone (both bots), for iterating on the interaction path
 *   --profile      the end-to-end step also runs each bot under --cpu-prof: CPU ms per interaction by stage
 *   --sizes=1000   the scale step alone, at these sizes (comma-separated), with --full's caps
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_CORPUS_DIR } from '../src/corpus/manifest.js';
import { runE2e, type E2eResult } from './e2e.js';
import { distinctQuestions, loadQuestions, loadStyledQuestions, REPO_ROOT } from './questions.js';
import { e2eSection, profileSection, retrievalSection, scaleSection, signalsSection, targetsSection } from './report.js';
import { runSignals, type SignalCost } from './signals.js';
import { runRetrieval, type RetrievalResult } from './retrieval.js';
import { realCorpusSection, runRealCorpus, type RealCorpusResult } from './realCorpus.js';
import { DEFAULT_CAPS, DEFAULT_PLANS, FULL_CAPS, runScale, type ScalePlan, type ScaleResult } from './scale.js';
import { killLiveChildren } from './spawn.js';
import { hostileSection, runHostile, type HostileResult } from './hostile.js';
import { createEngine } from '../src/engine.js';
import { writeScaledCorpora } from './synthetic.js';
import { checkTargets } from './targets.js';

const SEED = 'steppe-bench-1';
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const full = args.includes('--full');
const e2eOnly = args.includes('--e2e');
const profileE2e = args.includes('--profile');
const sizes = /^--sizes=([\d,]+)$/.exec(args.find((a) => a.startsWith('--sizes=')) ?? '')?.[1]?.split(',').map(Number) ?? null;
const scaleOnly = sizes !== null;
const budgetS = Number(/^--budget=(\d+)$/.exec(args.find((a) => a.startsWith('--budget=')) ?? '')?.[1] ?? (full || scaleOnly ? 3600 : 280));

const started = Date.now();
const deadline = started + budgetS * 1000;
const log = (s: string) => process.stderr.write(`${s}\n`);
const elapsed = () => `${Math.round((Date.now() - started) / 1000)} s`;

const plans: ScalePlan[] = e2eOnly
  ? []
  : sizes
  ? DEFAULT_PLANS.filter((p) => sizes.includes(p.scale))
  : quick
  ? DEFAULT_PLANS.filter((p) => p.scale <= 10).map((p) => ({ ...p, startupRuns: Math.min(p.startupRuns, 2), queryRuns: 2, answerRuns: Math.min(p.answerRuns, 1) }))
  : DEFAULT_PLANS;

const questions = loadQuestions();
log(`steppe bench: ${questions.all.length} questions (${questions.passage.length} passage) from ${questions.files.join(', ')}; budget ${budgetS} s`);

const root = mkdtempSync(path.join(os.tmpdir(), 'steppe-bench-'));
// Children run in process groups of their own (see spawn.ts), out of reach of the terminal's
// Ctrl-C: stop them ourselves, and remove the temp corpora. (The bot child shares our group
// and gets the signal directly.)
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killLiveChildren();
    rmSync(root, { recursive: true, force: true });
    process.exit(130);
  });
}
let retrieval: RetrievalResult | null = null;
let styled: RetrievalResult | null = null;
let signals: SignalCost[] | null = null;
let hostile: HostileResult | null = null;
const styledQuestions = loadStyledQuestions();
let e2e: E2eResult | null = null;
const scales: ScaleResult[] = [];
let realCorpus: RealCorpusResult | null = null;
const errors: string[] = [];
try {
  log(`[${elapsed()}] generating corpora ×${plans.map((p) => p.scale).join(', ×')} (seed ${SEED})`);
  const corpora = writeScaledCorpora(DEFAULT_CORPUS_DIR, root, plans.map((p) => p.scale), SEED);

  if (!e2eOnly && !scaleOnly) {
    log(`[${elapsed()}] 1. retrieval`);
    try {
      retrieval = await runRetrieval(questions.passage, quick ? 3 : 5);
    } catch (err) {
      errors.push(`retrieval: ${(err as Error).stack ?? String(err)}`);
    }
    try {
      if (styledQuestions.length) styled = await runRetrieval(styledQuestions, quick ? 3 : 5);
      signals = await runSignals([...questions.passage, ...styledQuestions], quick ? 2 : 5);
    } catch (err) {
      errors.push(`retrieval (dev2, signals): ${(err as Error).stack ?? String(err)}`);
    }
    try {
      hostile = runHostile(await createEngine(undefined, { indexCacheDir: null }), questions.all.map((q) => q.q));
    } catch (err) {
      errors.push(`hostile input: ${(err as Error).stack ?? String(err)}`);
    }
  }

  if (!scaleOnly) {
    log(`[${elapsed()}] 3. end to end`);
    try {
      const interactions = quick ? 200 : 1000;
      // Distinct questions: nothing that remembers whole questions can serve the burst.
      e2e = await runE2e({ interactions, concurrency: 50, questions: distinctQuestions(interactions), profile: profileE2e }, log);
    } catch (err) {
      errors.push(`end to end: ${(err as Error).stack ?? String(err)}`);
    }
  }

  // Before the ×N sizes: the last of them takes whatever budget is left.
  if (!e2eOnly && !scaleOnly) realCorpus = await runRealCorpus({ quick, deadline: deadline - 5000 }, log).catch((err: Error) => (errors.push(`real corpus: ${err.stack ?? err}`), null));
  for (const plan of plans) {
    log(`[${elapsed()}] 2. scale ×${plan.scale}`);
    const result = await runScale(corpora.find((c) => c.scale === plan.scale)!, plan, deadline - 5000, full || scaleOnly ? FULL_CAPS : DEFAULT_CAPS, log);
    if (result.status !== 'ok' && !full && !scaleOnly) result.notes.push('`npm run bench -- --full` lifts the time budget and runs this size to completion');
    scales.push(result);
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}

const checks = checkTargets(retrieval, scales, e2e, hostile);
const wallS = (Date.now() - started) / 1000;
const cpu = os.cpus();
const header = `Steppe bench — ${new Date().toISOString()} — Node ${process.version}, ${cpu.length} × ${cpu[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GB`;
const sections = [header, `Questions: ${questions.all.length} (${questions.passage.length} passage) from ${questions.files.join(', ')}`];
if (retrieval) sections.push(retrievalSection(retrieval));
if (styled) sections.push(retrievalSection(styled, '1b. Retrieval, dev2 (questions as people type them)'));
if (signals) sections.push(signalsSection(signals));
if (hostile) sections.push(hostileSection(hostile));
if (scales.length) sections.push(scaleSection(scales));
if (realCorpus) sections.push(realCorpusSection(realCorpus));
// The largest profiled size, compared with the next smaller one: what grows faster than the corpus.
const profiled = scales.filter((s) => s.buildProfile && s.queryProfile);
const big = profiled.at(-1);
const small = profiled.length > 1 ? profiled.at(-2) : undefined;
if (big) {
  sections.push(profileSection(`CPU profile of one engine build at ×${big.scale} (PassageIndex + FigureBook)`, big.buildProfile!, small?.buildProfile, small?.scale));
  sections.push(profileSection(`CPU profile of answerQuestion over 20 questions at ×${big.scale}`, big.queryProfile!, small?.queryProfile, small?.scale, 8));
}
if (e2e) sections.push(e2eSection(e2e));
sections.push(targetsSection(checks));
if (errors.length) sections.push(`Errors:\n${errors.join('\n')}`);
sections.push(`Total wall time: ${wallS.toFixed(1)} s${quick ? ' (--quick)' : ''}`);
process.stdout.write(`${sections.join('\n\n')}\n`);

const out = path.join(REPO_ROOT, 'bench/results.json');
writeFileSync(
  out,
  `${JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: cpu.length, cpuModel: cpu[0]?.model, options: { quick, full, budgetS, seed: SEED }, questions: { files: questions.files, all: questions.all.length, passage: questions.passage.length }, retrieval, styled, signals, hostile, scales, realCorpus, e2e, targets: checks, errors, wallS }, null, 2)}\n`,
);
log(`wrote ${path.relative(process.cwd(), out)}`);
if (errors.length) process.exitCode = 1;
