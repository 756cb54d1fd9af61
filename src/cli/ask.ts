/**
 * `npm run ask -- "question"`: the answer in the terminal.
 * `npm run ask -- --json [question]`: one JSON object a line; without a question, reads
 * questions one a line from standard input. Nothing but JSON goes to stdout in that mode.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { answerQuestion } from '../answer/answer.js';
import { renderAnswerJson } from '../render/json.js';
import { ANSI, PLAIN, renderAnswerText, TERMINAL_QUOTE_CHARS } from '../render/text.js';
import { engineFromEnvironment, runMain } from './run.js';

const USAGE = `Usage:
  npm run ask -- "Why are Mongolia–Kazakhstan relations so weak?"
  npm run ask -- --json "question"          one JSON object
  npm run ask -- --json < questions.txt      one JSON object a line
Options: --json, --limit N (passages, default 3 in text, 5 in JSON),
         --full (whole passages in text mode, not the part around the best sentence), --help`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: {
      json: { type: 'boolean', default: false },
      limit: { type: 'string' },
      full: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    allowPositionals: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const limit = values.limit === undefined ? (values.json ? 5 : 3) : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 25) {
    process.stderr.write('--limit takes a whole number from 1 to 25\n');
    return 2;
  }
  const engine = await engineFromEnvironment('ask');
  if (!engine) return 1;
  const answerOne = (q: string) => {
    const answer = answerQuestion(engine, q, { limit });
    if (values.json) process.stdout.write(`${JSON.stringify(renderAnswerJson(answer))}\n`);
    else process.stdout.write(`${renderAnswerText(answer, process.stdout.isTTY ? ANSI : PLAIN, values.full ? Infinity : TERMINAL_QUOTE_CHARS)}\n`);
  };
  if (positionals.length > 0) {
    answerOne(positionals.join(' '));
    return 0;
  }
  if (process.stdin.isTTY && !values.json) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (values.json || line.trim()) answerOne(line);
    if (!values.json) process.stdout.write('\n');
  }
  return 0;
}

runMain('ask', main);
