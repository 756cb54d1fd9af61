/**
 * `npm run ask -- "question"`: the answer in the terminal.
 * `npm run ask -- --json [question]`: one JSON object a line; without a question, reads
 * questions one a line from standard input. Nothing but JSON goes to stdout in that mode.
 * `--session`: the lines are a conversation — each read in the context of the lines before
 * it, an empty line starting a new one; JSON objects gain `resolved`.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { answerQuestion } from '../answer/answer.js';
import { answerTurn } from '../conversation/converse.js';
import { emptyConversation } from '../conversation/state.js';
import { renderAnswerJson } from '../render/json.js';
import { ANSI, PLAIN, renderAnswerText, TERMINAL_QUOTE_CHARS } from '../render/text.js';
import { CorpusError } from '../corpus/manifest.js';
import { engineFromEnvironment, runMain } from './run.js';

const USAGE = `Usage:
  npm run ask -- "Why are Mongolia–Kazakhstan relations so weak?"
  npm run ask -- --json "question"          one JSON object
  npm run ask -- --json < questions.txt      one JSON object a line
  npm run ask -- --json --session < chat.txt  a conversation: each line read in the context
                                             of the lines before, an empty line starts a new one
Options: --json, --session, --limit N (passages, default 3 in text, 5 in JSON),
         --full (whole passages in text mode, not the part around the best sentence), --help`;

const OPTIONS = {
  json: { type: 'boolean', default: false },
  limit: { type: 'string' },
  full: { type: 'boolean', default: false },
  session: { type: 'boolean', default: false },
  help: { type: 'boolean', default: false },
} as const;

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ options: OPTIONS, allowPositionals: true });
  } catch (err) {
    // Node's message ("Unknown option '--bogus'. To specify a positional argument…") is the
    // line; the stack is not for the reader.
    process.stderr.write(`ask: ${(err as Error).message.split('. ')[0]}. Options: --json, --session, --limit N, --full, --help\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const limit = values.limit === undefined ? (values.json ? 5 : 3) : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 25) {
    process.stderr.write('--limit takes a whole number from 1 to 25\n');
    return 2;
  }
  let engine;
  try {
    engine = await engineFromEnvironment('ask');
  } catch (err) {
    // A document that cannot be read: its own message names the file and the fault.
    if (err instanceof CorpusError) {
      process.stderr.write(`ask: the corpus could not be loaded: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
  if (!engine) return 1;
  const answerOne = (q: string) => {
    const answer = answerQuestion(engine, q, { limit });
    if (values.json) process.stdout.write(`${JSON.stringify(renderAnswerJson(answer))}\n`);
    else process.stdout.write(`${renderAnswerText(answer, process.stdout.isTTY ? ANSI : PLAIN, values.full ? Infinity : TERMINAL_QUOTE_CHARS)}\n`);
  };
  const style = process.stdout.isTTY ? ANSI : PLAIN;
  let conversation = emptyConversation();
  const answerInConversation = (q: string) => {
    const { answer, resolution, state } = answerTurn(engine, conversation, q, { limit });
    conversation = state;
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ ...renderAnswerJson(answer), query: q, resolved: resolution.resolved })}\n`);
      return;
    }
    const understood = resolution.resolved !== q.trim() ? `${style.dim(`(understood as: ${resolution.resolved})`)}\n` : '';
    process.stdout.write(`${understood}${renderAnswerText(answer, style, values.full ? Infinity : TERMINAL_QUOTE_CHARS)}\n\n`);
  };
  if (positionals.length > 0) {
    answerOne(positionals.join(' '));
    return 0;
  }
  if (process.stdin.isTTY && !values.json && !values.session) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (values.session) {
      // An empty line is the boundary between conversations, not a question.
      if (line.trim()) answerInConversation(line);
      else conversation = emptyConversation();
      continue;
    }
    // A blank line is no question: nothing to print (with --session it starts anew, above).
    if (!line.trim()) continue;
    answerOne(line);
    if (!values.json) process.stdout.write('\n');
  }
  return 0;
}

runMain('ask', main);
