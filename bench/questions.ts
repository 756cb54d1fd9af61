import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseEvalFile, type EvalQuestion } from '../src/eval/score.js';

/**
 * The questions every part of the bench asks: the shared development set (when this
 * checkout sits beside it) plus the project's own evaluation file. Both are read with the
 * project's parser so the bench scores exactly what `npm run eval` scores.
 */

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const SOURCES = [path.resolve(REPO_ROOT, '../shared/eval/dev.jsonl'), path.join(REPO_ROOT, 'test/eval/questions.jsonl')];

export interface QuestionSet {
  /** Every question, passage and figure alike (latency and the end-to-end burst use all). */
  all: EvalQuestion[];
  /** Passage questions with gold strings: the retrieval comparison. */
  passage: EvalQuestion[];
  /** Files actually read (the shared set is optional on a fresh clone). */
  files: string[];
}

export function loadQuestions(): QuestionSet {
  const files = SOURCES.filter((f) => existsSync(f));
  const all = files.flatMap((f) => parseEvalFile(readFileSync(f, 'utf8')).map((q) => ({ ...q, id: `${path.basename(f)}:${q.id}` })));
  const passage = all.filter((q) => q.kind === 'passage' && (q.gold?.length ?? 0) > 0);
  return { all, passage, files: files.map((f) => path.relative(REPO_ROOT, f)) };
}

/** The styled development set (how people type in Discord: paraphrase, casual, typo, short, long, meta), when beside this checkout. */
export const STYLED_SOURCE = path.resolve(REPO_ROOT, '../shared/eval/dev2.jsonl');

export function loadStyledQuestions(): EvalQuestion[] {
  if (!existsSync(STYLED_SOURCE)) return [];
  return parseEvalFile(readFileSync(STYLED_SOURCE, 'utf8')).filter((q) => q.kind === 'passage' && (q.gold?.length ?? 0) > 0);
}

/**
 * `n` distinct questions for the end-to-end burst: every question of every file beside this
 * checkout (dev, dev2, the project's two sets), each asked plainly and then in the framings
 * people wrap questions in, in turn, until there are `n`. No two are the same string, so
 * nothing that remembers a whole question (an answer cache) can serve the burst; the
 * framings add words, so each is a question of its own to the index too.
 */
const FRAMINGS: Array<(q: string) => string> = [
  (q) => q,
  (q) => `Quick question: ${q}`,
  (q) => `Can you tell me: ${q}`,
  (q) => `${q} Thanks!`,
  (q) => `I'm curious, ${q.charAt(0).toLowerCase()}${q.slice(1)}`,
  (q) => `Please help: ${q}`,
  (q) => `${q} (for my thesis)`,
  (q) => `Hi Steppe, ${q.charAt(0).toLowerCase()}${q.slice(1)}`,
];

export function distinctQuestions(n: number): string[] {
  const files = [...SOURCES, STYLED_SOURCE, path.join(REPO_ROOT, 'test/eval/questions2.jsonl')].filter((f) => existsSync(f));
  const base = [...new Set(files.flatMap((f) => parseEvalFile(readFileSync(f, 'utf8')).map((q) => q.q.trim())))].filter(Boolean);
  const out = new Set<string>();
  for (let round = 0; out.size < n && round < FRAMINGS.length; round++) {
    for (const q of base) {
      if (out.size >= n) break;
      out.add(FRAMINGS[round]!(q));
    }
  }
  if (out.size < n) throw new Error(`only ${out.size} distinct questions from ${files.length} files; ${n} asked for`);
  return [...out];
}
