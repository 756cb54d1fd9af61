import { answerQuestion } from '../src/answer/answer.js';
import { answerTurn } from '../src/conversation/converse.js';
import { emptyConversation, type ConversationState } from '../src/conversation/state.js';
import type { Engine } from '../src/engine.js';
import { MAX_QUESTION_LENGTH } from '../src/search/question.js';
import { Rng } from './prng.js';
import { latency, num, table } from './stats.js';

/**
 * Input no one means as a question, against the questions people ask: what a turn of it costs
 * the one event loop every user shares. Turns are read by hundreds of patterns; one that grows
 * faster than linearly with a run of spaces, punctuation or digits (as three did until
 * 5 December: 1.7 s for "so" and 2,000 tabs) shows here as a worst turn far above the rest.
 * The kinds: runs of white space and punctuation after a word, random printable characters,
 * word salad, one word repeated, each at a question's length and at Discord's message limits.
 */
export interface HostileResult {
  ordinary: { p50: number; p99: number; max: number };
  hostile: { p50: number; p99: number; max: number; worst: string };
  count: number;
}

const PREVIOUS = ['what does the article say about trade?', 'how much did mongolia export to kazakhstan in 2015?', 'who said that?'];
const WORDS = ['and', 'the', 'what', 'about', 'kazakhstan', 'mongolia', 'who', 'said', 'that', 'why', 'it', 'they', 'in', '2016', 'paper', 'more', 'how', 'many', 'trade', 'russia', 'china', 'Mr.', 'first', 'other', '—', '(', ')', ':', '?', ',', "'s"];

/** The hostile turns, the same every run: [kind, text]. */
export function hostileTurns(seed = 'steppe-hostile-1'): Array<[string, string]> {
  const rng = new Rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rng.next() * xs.length)]!;
  const out: Array<[string, string]> = [];
  for (const length of [MAX_QUESTION_LENGTH, 2000, 4000]) {
    const fill = (unit: string, head = '') => (head + unit.repeat(Math.ceil(length / unit.length))).slice(0, length);
    for (const head of ['so ', 'why ', 'what is ', '# ', 'A', 'and kazakhstan? ']) {
      for (const unit of ['\t', ' ', ',\t', '!\t', '.', '7', 's', ' \u2028']) out.push([`${JSON.stringify(head.trim() || head)} + run of ${JSON.stringify(unit)}, ${length}`, fill(unit, head)]);
    }
    out.push([`random printable, ${length}`, Array.from({ length }, () => String.fromCharCode(32 + Math.floor(rng.next() * 95))).join('')]);
    out.push([`word salad, ${length}`, Array.from({ length: length / 4 }, () => pick(WORDS)).join(' ').slice(0, length)]);
    out.push([`one word repeated, ${length}`, fill(`${pick(WORDS)} `)]);
  }
  return out;
}

function timed(run: () => unknown): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

export function runHostile(engine: Engine, ordinaryQuestions: string[]): HostileResult {
  const states: ConversationState[] = [emptyConversation()];
  for (const q of PREVIOUS) states.push(answerTurn(engine, states[states.length - 1]!, q).state);
  // (Asked twice, the second time measured: warm, as the hostile turns after them are.)
  for (const q of ordinaryQuestions) answerTurn(engine, states[1]!, q);
  const ordinary = ordinaryQuestions.map((q) => timed(() => answerTurn(engine, states[1]!, q)));
  let worst = '';
  let max = 0;
  const hostile: number[] = [];
  for (const [kind, text] of hostileTurns()) {
    for (const run of [...states.map((s) => () => answerTurn(engine, s, text)), () => answerQuestion(engine, text)]) {
      const ms = timed(run);
      hostile.push(ms);
      if (ms > max) [max, worst] = [ms, kind];
    }
  }
  return {
    ordinary: { ...latency(ordinary), max: Math.max(...ordinary) },
    hostile: { ...latency(hostile), max, worst },
    count: hostile.length,
  };
}

export function hostileSection(r: HostileResult): string {
  return [
    `1d. Input no one means (corpus ×1, in process, warm): ${r.count} hostile turns (after each kind of turn before, and as /ask) against the ordinary questions as follow-ups, ms`,
    table(
      ['turns', 'p50 ms', 'p99 ms', 'max ms'],
      [
        ['ordinary questions', num(r.ordinary.p50), num(r.ordinary.p99), num(r.ordinary.max)],
        ['hostile input', num(r.hostile.p50), num(r.hostile.p99), num(r.hostile.max)],
      ],
    ),
    `   worst: ${r.hostile.worst}`,
  ].join('\n');
}
