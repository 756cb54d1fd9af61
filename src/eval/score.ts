/**
 * Scoring of question files in the format of `shared/eval/dev.jsonl`:
 *  - `passage` questions are answered at rank k when one of the first k passages contains
 *    any gold string;
 *  - `figure` questions are answered when the reply's text contains every value.
 * Text is compared after NFKC, `\` and `*` removed, curly quotes straightened, en/em dashes
 * made `-`, whitespace collapsed and case folded (the file's README).
 */

export interface EvalQuestion {
  id: string;
  kind: 'passage' | 'figure';
  q: string;
  gold?: string[];
  all?: string[];
  /** How the question is worded (dev2: paraphrase, casual, typo, short, long, meta): scores are also given per style. */
  style?: string;
}

export function normalizeForEval(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\\*]/g, '')
    .replace(/[“”„‟″]/g, '"')
    .replace(/[‘’‚‛′]/g, "'")
    .replace(/[–—]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** One line of a JSONL file as an object; a line that is not one says which line (no stack trace for a typo). */
export function parseJsonLine(line: string, index: number): unknown {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    throw new Error(`line ${index + 1}: not JSON (${(err as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`line ${index + 1}: not a JSON object`);
  return value;
}

export function parseEvalFile(content: string): EvalQuestion[] {
  return content
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l, i) => {
      const q = parseJsonLine(l, i) as EvalQuestion;
      if (!q.q || (q.kind !== 'passage' && q.kind !== 'figure')) throw new Error(`line ${i + 1}: needs "q" and a kind of passage or figure`);
      return q;
    });
}

/** 1-based rank of the first passage containing a gold string, or null. */
export function goldRank(passages: string[], gold: string[]): number | null {
  const golds = gold.map(normalizeForEval);
  const i = passages.findIndex((p) => {
    const text = normalizeForEval(p);
    return golds.some((g) => text.includes(g));
  });
  return i < 0 ? null : i + 1;
}

export function figureAnswered(answerText: string, values: string[]): boolean {
  const text = normalizeForEval(answerText);
  return values.every((v) => text.includes(normalizeForEval(v)));
}

export interface EvalOutcome {
  question: EvalQuestion;
  rank: number | null;
  answered: boolean;
  top: string | null;
}

export interface PassageScores {
  count: number;
  hit1: number;
  hit3: number;
  mrr: number;
}

export interface EvalSummary {
  passage: PassageScores;
  figure: { count: number; answered: number };
  /** Per `style`, when the questions have one: passage scores, and figure questions answered. */
  byStyle: Record<string, { passage: PassageScores; figure: { count: number; answered: number } }>;
  misses: EvalOutcome[];
}

function passageScores(passages: EvalOutcome[]): PassageScores {
  const n = passages.length || 1;
  return {
    count: passages.length,
    hit1: passages.filter((o) => o.rank === 1).length / n,
    hit3: passages.filter((o) => o.rank !== null && o.rank <= 3).length / n,
    mrr: passages.reduce((s, o) => s + (o.rank ? 1 / o.rank : 0), 0) / n,
  };
}

export function summarize(outcomes: EvalOutcome[]): EvalSummary {
  const passages = outcomes.filter((o) => o.question.kind === 'passage');
  const figures = outcomes.filter((o) => o.question.kind === 'figure');
  const byStyle: EvalSummary['byStyle'] = {};
  for (const style of new Set(outcomes.flatMap((o) => (o.question.style ? [o.question.style] : [])))) {
    const mine = outcomes.filter((o) => o.question.style === style);
    const figs = mine.filter((o) => o.question.kind === 'figure');
    byStyle[style] = {
      passage: passageScores(mine.filter((o) => o.question.kind === 'passage')),
      figure: { count: figs.length, answered: figs.filter((o) => o.answered).length },
    };
  }
  return {
    passage: passageScores(passages),
    figure: { count: figures.length, answered: figures.filter((o) => o.answered).length },
    byStyle,
    misses: outcomes.filter((o) => !o.answered),
  };
}
