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
