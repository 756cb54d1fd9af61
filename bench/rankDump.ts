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
 * come into play on a corpus of more than 100 paragraphs.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
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

const files = ['../shared/eval/dev.jsonl', '../shared/eval/dev2.jsonl', 'test/eval/questions.jsonl', 'test/eval/questions2.jsonl'].map((f) => path.resolve(REPO_ROOT, f)).filter((f) => existsSync(f));
const questions = [...new Set([...files.flatMap((f) => parseEvalFile(readFileSync(f, 'utf8')).map((q) => q.q)), ...distinctQuestions(1000)])];
const scale = Number(/^--scale=(\d+)$/.exec(process.argv.find((a) => a.startsWith('--scale=')) ?? '')?.[1] ?? 1);
const root = scale > 1 ? mkdtempSync(path.join(os.tmpdir(), 'steppe-rankdump-')) : null;
const corpusDir = root ? writeScaledCorpora(DEFAULT_CORPUS_DIR, root, [scale], 'steppe-bench-1')[0]!.dir : undefined;
const engine = await createEngine(corpusDir, { indexCacheDir: null });
if (root) rmSync(root, { recursive: true, force: true });
for (const q of questions) {
  const answer = answerQuestion(engine, q, { limit: PASSAGES_PER_ANSWER + 1 });
  const message = renderMessage(answerReply(answer, { private: false, answerId: 'a0' }));
  const { passages, suggestions } = engine.index.query(q, { limit: 10 });
  const ranking = passages.map((p) => ({ id: p.paragraph.id, score: p.score, coverage: p.coverage, sentence: p.bestSentence.start, matched: p.matchedTerms, features: p.features }));
  process.stdout.write(`${JSON.stringify({ q, answer, message, ranking, suggestions })}\n`);
}
