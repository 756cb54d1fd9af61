/**
 * `npm run eval -- FILE`: hit@1, hit@3 and MRR on passage questions, figure questions
 * answered, misses; for a conversation file (lines with "turns"), first turns and
 * follow-ups answered, each turn asked in the context of the ones before.
 */
import { readFile } from 'node:fs/promises';
import { isConversationFile, parseConversationFile, runConversationEval, type EvalConversation } from '../eval/conversations.js';
import { runEval } from '../eval/run.js';
import { parseEvalFile, type EvalQuestion } from '../eval/score.js';
import { engineFromEnvironment, runMain } from './run.js';

async function main(): Promise<number> {
  const file = process.argv[2];
  if (!file || file === '--help' || file === '-h') {
    process.stderr.write('Usage: npm run eval -- FILE.jsonl   (format of shared/eval/dev.jsonl, or conversations with "turns")\n');
    return file ? 0 : 2;
  }
  let content: string;
  try {
    content = await readFile(file, 'utf8');
  } catch (err) {
    // One line naming the file, as every CLI here does for bad input: never a stack trace.
    process.stderr.write(`eval: cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}\n`);
    return 1;
  }
  const conversational = isConversationFile(content);
  let parsed: { conversations: EvalConversation[] } | { questions: EvalQuestion[] };
  try {
    parsed = conversational ? { conversations: parseConversationFile(content) } : { questions: parseEvalFile(content) };
  } catch (err) {
    process.stderr.write(`eval: ${file}: ${(err as Error).message}\n`);
    return 1;
  }
  const engine = await engineFromEnvironment('eval');
  if (!engine) return 1;
  if ('conversations' in parsed) {
    // Conversations: each turn asked in the context of the ones before, as in Discord.
    const c = runConversationEval(engine, parsed.conversations);
    for (const t of c.turns.filter((x) => !x.answered)) {
      const where = t.rank ? `rank ${t.rank}` : 'not in top 5';
      process.stdout.write(`miss ${t.conversation} turn ${t.turn} (${t.kind}, ${where}; top ${t.top ?? '-'}): ${t.q}\n    understood as: ${t.resolved}\n`);
    }
    const pct = (a: number, n: number) => (n ? ` (${((100 * a) / n).toFixed(0)}%)` : '');
    process.stdout.write(`first turns: ${c.first.answered}/${c.first.count}${pct(c.first.answered, c.first.count)}\n`);
    process.stdout.write(`follow-up turns: ${c.followUps.answered}/${c.followUps.count}${pct(c.followUps.answered, c.followUps.count)}\n`);
    return 0;
  }
  const summary = runEval(engine, parsed.questions);
  const { passage, figure } = summary;
  const out = process.stdout;
  for (const miss of summary.misses) {
    const where = miss.rank ? `rank ${miss.rank}` : 'not in top 5';
    out.write(`miss ${miss.question.id} (${miss.question.kind}, ${where}; top ${miss.top ?? '-'}): ${miss.question.q}\n`);
  }
  out.write(`passage questions: ${passage.count}  hit@1 ${passage.hit1.toFixed(3)}  hit@3 ${passage.hit3.toFixed(3)}  MRR ${passage.mrr.toFixed(3)}\n`);
  out.write(`figure questions: ${figure.count}  answered in the reply ${figure.answered}/${figure.count}\n`);
  for (const [style, s] of Object.entries(summary.byStyle)) {
    const p = s.passage;
    const passages = p.count ? `passage hit@1 ${Math.round(p.hit1 * p.count)}/${p.count} (${p.hit1.toFixed(2)})  hit@3 ${Math.round(p.hit3 * p.count)}/${p.count}` : 'no passage questions';
    const figures = s.figure.count ? `  figures ${s.figure.answered}/${s.figure.count}` : '';
    out.write(`  ${style.padEnd(11)} ${passages}${figures}\n`);
  }
  return 0;
}

runMain('eval', main);
