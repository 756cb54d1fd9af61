/**
 * `node --expose-gc --max-old-space-size=8192 --import tsx bench/slowest.ts <corpusDir> <cacheDir> [--dist | --src=<compiled src dir>] [--top=10] [--profile=<file>] [--cold=100] [--warm=200]`:
 * the bench's serving step (startupChild.mjs `serve`) in one process, with each question's
 * time: `cold` distinct burst questions by `index.query` on the engine just loaded from the
 * saved state in `cacheDir` (built and saved there first if there is none), the bot's
 * background warm-up (src/warmUp.ts), then `warm` others by `index.query` and by `answerQuestion`. Prints the `top`
 * slowest of each phase, so that a p99 can be traced to its questions; `--profile=<name>.cpuprofile`
 * writes a V8 CPU profile of the warm `answerQuestion` phase (`npx tsx bench/foldProfile.ts
 * <name>.cpuprofile` folds it). `--dist`: the compiled engine, as the bot runs it.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { distinctQuestions } from './questions.js';

const args = process.argv.slice(2);
const [corpusDir, cacheDir] = args.filter((a) => !a.startsWith('--'));
if (!corpusDir || !cacheDir) {
  process.stderr.write('usage: node --expose-gc --import tsx bench/slowest.ts <corpusDir> <cacheDir> [--dist] [--top=10] [--profile=<file>]\n');
  process.exit(2);
}
const option = (name: string) => new RegExp(`^--${name}=(.+)$`).exec(args.find((a) => a.startsWith(`--${name}=`)) ?? '')?.[1];
// `--src=<dir>`: another checkout's compiled src (for turns against the code before a change).
const src = option('src') ?? (args.includes('--dist') ? '../dist/src' : '../src');
const { answerQuestion } = (await import(`${src}/answer/answer.js`)) as typeof import('../src/answer/answer.js');
const { createEngine } = (await import(`${src}/engine.js`)) as typeof import('../src/engine.js');
// A checkout from before src/warmUp.ts warmed up as main.ts did then: the index, the figure book, the names.
const warmUpEngine = await import(`${src}/warmUp.js`).then(
  (m: typeof import('../src/warmUp.js')) => m.warmUpEngine,
  async () => {
    const { warmNames } = (await import(`${src}/conversation/names.js`)) as typeof import('../src/conversation/names.js');
    return async (e: Awaited<ReturnType<typeof createEngine>>) => {
      const paragraphs = await e.index.warmUp();
      void e.figures;
      await warmNames(e);
      return { paragraphs, figureRecords: 0, ms: 0 };
    };
  },
);

const top = Number(option('top') ?? 10);
const coldCount = Number(option('cold') ?? 100);
const warmCount = Number(option('warm') ?? 200);
const questions = distinctQuestions(coldCount + warmCount);
const loadStart = performance.now();
const engine = await createEngine(corpusDir, { indexCacheDir: cacheDir });
process.stdout.write(`ready in ${Math.round(performance.now() - loadStart)} ms (index ${engine.indexSource}, parse ${engine.corpusSource})\n`);

const timeEach = (qs: string[], fn: (q: string) => unknown) =>
  qs.map((q) => {
    const start = performance.now();
    fn(q);
    return { q, ms: performance.now() - start };
  });
const report = (phase: string, times: Array<{ q: string; ms: number }>) => {
  const sorted = [...times].sort((a, b) => b.ms - a.ms);
  const at = (p: number) => sorted[Math.max(0, Math.min(sorted.length - 1, Math.floor((1 - p) * sorted.length)))]!.ms;
  process.stdout.write(`\n${phase}: p50 ${at(0.5).toFixed(1)} ms, p99 ${at(0.99).toFixed(1)} ms, max ${sorted[0]!.ms.toFixed(1)} ms\n`);
  for (const { q, ms } of sorted.slice(0, top)) process.stdout.write(`  ${ms.toFixed(1).padStart(8)} ms  ${q}\n`);
};
const query = (q: string) => engine.index.query(q, { limit: 5 });
report('cold index.query', timeEach(questions.slice(0, coldCount), query));
const warmStart = performance.now();
const warmed = await warmUpEngine(engine);
(globalThis as { gc?: () => void }).gc?.();
process.stdout.write(`\nwarm-up ${Math.round(performance.now() - warmStart)} ms (${JSON.stringify(warmed)}), heap after it ${Math.round(process.memoryUsage().heapUsed / 2 ** 20)} MB\n`);
const warm = questions.slice(coldCount);
report('warm index.query', timeEach(warm, query));
const profileFile = option('profile');
const session = profileFile ? new Session() : null;
if (session) {
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
}
report('warm answerQuestion', timeEach(warm, (q) => answerQuestion(engine, q, { limit: 5 })));
if (session) {
  const { profile } = await session.post('Profiler.stop');
  writeFileSync(profileFile!, JSON.stringify(profile));
  // The window bench/foldProfile.ts reads beside a profile: all of this one.
  writeFileSync(profileFile!.replace(/\.cpuprofile$/, '.window.json'), JSON.stringify({ fromUs: profile.startTime, toUs: profile.endTime }));
  session.disconnect();
}
