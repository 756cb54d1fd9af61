/**
 * `npx tsx bench/hotpath.ts [rounds] [--warm] [--dist] [--profile=<round>:<file>]`: the /ask path in process, without Discord:
 * `answerQuestion` → `answerReply` → `renderMessage` on the end-to-end burst's 1,000
 * distinct questions, `rounds` times (default 3). Prints CPU ms per question for each round
 * (the first is cold: words not seen yet, paragraphs not analysed yet, unless `--warm`
 * runs the bot's warm-up first, src/warmUp.ts, as the bot does after connecting). For iterating on a speed-up
 * between end-to-end runs. `--profile` writes one round's V8 CPU profile (with `--dist`, its
 * frames name lines of the compiled files).
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { distinctQuestions } from './questions.js';

// `--dist`: the compiled modules (`npm run build`), as the bot runs them, so that a
// `--cpu-prof` profile names real lines (tsx puts a module on one line).
const src = process.argv.includes('--dist') ? '../dist/src' : '../src';
const { answerQuestion } = (await import(`${src}/answer/answer.js`)) as typeof import('../src/answer/answer.js');
const { renderMessage } = (await import(`${src}/discord/render.js`)) as typeof import('../src/discord/render.js');
const { createEngine } = (await import(`${src}/engine.js`)) as typeof import('../src/engine.js');
const { answerReply, PASSAGES_PER_ANSWER } = (await import(`${src}/reply/build.js`)) as typeof import('../src/reply/build.js');

const args = process.argv.slice(2);
const rounds = Number(args.find((a) => /^\d+$/.test(a)) ?? 3);
const questions = distinctQuestions(1000);
const engine = await createEngine(undefined, { indexCacheDir: null });
if (args.includes('--warm')) await ((await import(`${src}/warmUp.js`)) as typeof import('../src/warmUp.js')).warmUpEngine(engine);
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
// `--profile=<round>:<file>`: a V8 CPU profile of that round alone (1-based), written to <file>.
const profileArg = /^--profile=(\d+):(.+)$/.exec(args.find((a) => a.startsWith('--profile=')) ?? '');
const session = profileArg ? new Session() : null;
for (let r = 0; r < rounds; r++) {
  const profiled = session && Number(profileArg![1]) === r + 1;
  if (profiled) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  const start = cpuMs();
  let chars = 0;
  for (const q of questions) {
    const answer = answerQuestion(engine, q, { limit: PASSAGES_PER_ANSWER + 1 });
    chars += JSON.stringify(renderMessage(answerReply(answer, { private: false, answerId: 'a0' }))).length;
  }
  const ms = cpuMs() - start;
  if (profiled) {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(profileArg![2]!, JSON.stringify(profile));
    session.disconnect();
  }
  process.stdout.write(`round ${r + 1}: ${(ms / questions.length).toFixed(3)} ms CPU per question (${chars} chars rendered)\n`);
}
