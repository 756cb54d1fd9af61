/**
 * `npx tsx bench/rankDump.ts > out.jsonl`: every question of every evaluation file, as
 * answered (passages, scores, best sentences, lead, suggestions) and as Discord would
 * receive it (the rendered /ask message), and the index's ranking itself (`index.query`: the
 * ten best with their re-ranker features, coverage and matched terms, which the answer
 * does not show): for checking that a speed-up changed nothing, byte for byte, by diffing
 * the output before and after.
 *
 * `--scale=<n>`: on the seeded synthetic corpus ×n (bench/synthetic.ts, as the bench makes
 * it) instead of the real one: the pool of 100 (index.ts `pool`) and the common-term cut only
 * come into play on a corpus of more than 100 paragraphs. `--corpus=<dir>`: on that corpus
 * folder (an added-documents corpus, for test/ingest's questions). `--restored`: the index
 * and parse as a start-up loads them (built and saved into a temp folder, then loaded), so
 * that a change to what is saved is checked against the index built from the corpus.
 * `--warm`: after the bot's warm-up (src/warmUp.ts), against a run without it.
 *
 * The questions: every question file of the project (test/eval, test/ingest, ../shared/eval),
 * a conversation's turns each asked alone, then the burst's 1,000.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_CORPUS_DIR } from '../src/corpus/manifest.js';
import { answerQuestion } from '../src/answer/answer.js';
import { createEngine } from '../src/engine.js';
import { renderMessage } from '../src/discord/render.js';
import { answerReply, PASSAGES_PER_ANSWER } from '../src/reply/build.js';
import { parseEvalFile } from '../src/eval/score.js';
import { distinctQuestions, REPO_ROOT } from './questions.js';
import { writeScaledCorpora } from './synthetic.js';
import { warmUpEngine } from '../src/warmUp.js';

const folders = ['../shared/eval', 'test/eval', 'test/ingest'].map((f) => path.resolve(REPO_ROOT, f)).filter((f) => existsSync(f));
const files = folders.flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.jsonl')).sort().map((f) => path.join(d, f)));
/** A question file's questions, or a conversation file's turns. */
const questionsOf = (content: string): string[] =>
  content.includes('"turns"')
    ? content.split('\n').filter((l) => l.trim()).flatMap((l) => (JSON.parse(l) as { turns: Array<{ q: string }> }).turns.map((t) => t.q))
    : parseEvalFile(content).map((q) => q.q);
const questions = [...new Set([...files.flatMap((f) => questionsOf(readFileSync(f, 'utf8'))), ...distinctQuestions(1000)])];
const option = (name: string) => new RegExp(`^--${name}=(.+)$`).exec(process.argv.find((a) => a.startsWith(`--${name}=`)) ?? '')?.[1];
const scale = Number(option('scale') ?? 1);
const root = scale > 1 ? mkdtempSync(path.join(os.tmpdir(), 'steppe-rankdump-')) : null;
const corpusDir = root ? writeScaledCorpora(DEFAULT_CORPUS_DIR, root, [scale], 'steppe-bench-1')[0]!.dir : option('corpus');
const cacheDir = process.argv.includes('--restored') ? mkdtempSync(path.join(os.tmpdir(), 'steppe-rankdump-cache-')) : null;
if (cacheDir) await createEngine(corpusDir, { indexCacheDir: cacheDir });
const engine = await createEngine(corpusDir, { indexCacheDir: cacheDir });
if (cacheDir && (engine.indexSource !== 'cache' || engine.corpusSource !== 'cache')) throw new Error('--restored: the saved index or parse was not loaded');
for (const dir of [root, cacheDir]) if (dir) rmSync(dir, { recursive: true, force: true });
// `--warm`: after the bot's background warm-up (src/warmUp.ts), whose analyses must answer as those made on demand do.
if (process.argv.includes('--warm')) await warmUpEngine(engine);
for (const q of questions) {
  const answer = answerQuestion(engine, q, { limit: PASSAGES_PER_ANSWER + 1 });
  const message = renderMessage(answerReply(answer, { private: false, answerId: 'a0' }));
  const { passages, suggestions } = engine.index.query(q, { limit: 10 });
  const ranking = passages.map((p) => ({ id: p.paragraph.id, score: p.score, coverage: p.coverage, sentence: p.bestSentence.start, matched: p.matchedTerms, features: p.features }));
  process.stdout.write(`${JSON.stringify({ q, answer, message, ranking, suggestions })}\n`);
}
