import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Command, CommandContext, OptionValue } from './command.js';
import type { Engine } from './engine.js';
import type { Reply } from './reply/types.js';
import { ANSI, PLAIN } from './render/text.js';
import { renderReplyText } from './render/replyText.js';
import { chartRequested } from './conversation/chartRequest.js';
import { answerTurn, understoodQuestion } from './conversation/converse.js';
import { emptyConversation } from './conversation/state.js';
import { errorReply, noticeReply, PASSAGES_PER_ANSWER, turnReply } from './reply/build.js';
import { tradeChartReply } from './reply/tradeChart.js';
import { VERSION } from './version.js';
import type { Feedback } from './feedback/feedback.js';
import { answerRecord, newAnswerId } from './feedback/record.js';
import { VOTE_REASONS } from './store/types.js';

/**
 * The local console: the same commands as on Discord, typed as text and rendered for a
 * terminal. `/ask question: Why …`, `/quote id: irgengioro-2022/3`, or a bare question.
 * Bare questions are one conversation, as in a DM with the bot ("and Kyrgyzstan?"
 * follows on); `/new` starts another.
 */

export interface ParsedLine {
  command: Command;
  options: CommandContext['options'];
}

function coerce(value: string, type: number | undefined): OptionValue {
  if (type === 5) return /^(true|yes|y|1|on)$/i.test(value);
  if (type === 4 || type === 10) return Number(value);
  if (type === 6) return { id: value.replace(/\D/g, ''), name: value };
  return value;
}

export function parseConsoleLine(line: string, commands: Map<string, Command>): ParsedLine | string {
  const text = line.trim();
  const m = /^\/(\S+)\s*(.*)$/s.exec(text);
  const name = m ? m[1]!.toLowerCase() : 'ask';
  const rest = m ? m[2]! : text;
  const command = commands.get(name) ?? [...commands.values()].find((c) => c.definition.name.toLowerCase().replace(/\s+/g, '-') === name);
  if (!command) return `Unknown command /${name}. Type /help for the list.`;
  const defs = 'options' in command.definition ? (command.definition.options ?? []) : [];
  const options: CommandContext['options'] = {};
  const names = defs.map((d) => d.name);
  const pattern = names.length ? new RegExp(`(?:^|\\s)(${names.join('|')}):\\s*`, 'g') : null;
  const marks = pattern ? [...rest.matchAll(pattern)] : [];
  if (marks.length === 0 && rest) {
    const main = defs.find((d) => d.required) ?? defs[0];
    if (main) options[main.name] = coerce(rest, main.type);
    else if (command.definition.type === 3) options.message = rest;
  }
  marks.forEach((mark, i) => {
    const start = mark.index! + mark[0].length;
    const end = i + 1 < marks.length ? marks[i + 1]!.index! : rest.length;
    const def = defs.find((d) => d.name === mark[1]);
    options[mark[1]!] = coerce(rest.slice(start, end).trim(), def?.type);
  });
  return { command, options };
}

/**
 * A reply's attachments (the /figures chart) written where a terminal user can open them:
 * `dir` (default: steppe-console in the OS temp folder), one file per name, replaced by the
 * next chart of the same name. Returns where each went.
 */
export function writeAttachments(reply: Reply, dir = path.join(os.tmpdir(), 'steppe-console')): Map<string, string> {
  const files = new Map<string, string>();
  if (!reply.attachments?.length) return files;
  mkdirSync(dir, { recursive: true });
  for (const a of reply.attachments) {
    const file = path.join(dir, path.basename(a.name));
    writeFileSync(file, a.data);
    files.set(a.name, file);
  }
  return files;
}

/** `/up`, `/down`, `/down wrong-figure the 2019 value is the other direction`: a vote on the last answer. */
const VOTE_LINE = /^\/(up|down)(?:\s+(\S+))?(?:\s+([\s\S]+))?$/i;

/** The line under each answer when votes can be kept: the console's 👍/👎. */
const RATE_HINT = `Rate it: /up, or /down [${VOTE_REASONS.join('|')}] [a comment]`;

export async function runConsole(
  engine: Engine,
  commands: Command[],
  input: NodeJS.ReadableStream & { isTTY?: boolean } = process.stdin,
  output: NodeJS.WritableStream & { isTTY?: boolean } = process.stdout,
  options: { attachmentDir?: string; feedback?: Feedback } = {},
): Promise<void> {
  const feedback = options.feedback;
  let lastAnswerId: string | null = null;
  const byName = new Map(commands.map((c) => [c.definition.name.toLowerCase(), c]));
  const style = output.isTTY ? ANSI : PLAIN;
  const bot = { version: VERSION, startedAt: Date.now() };
  const rl = createInterface({ input, output: input.isTTY ? output : undefined, prompt: 'steppe> ', terminal: input.isTTY });
  let conversation = emptyConversation();
  if (input.isTTY) rl.prompt();
  for await (const line of rl) {
    if (/^(exit|quit|\/exit|\/quit)$/i.test(line.trim())) break;
    if (/^\/new\s*$/i.test(line.trim())) {
      conversation = emptyConversation();
      output.write(`${renderReplyText(noticeReply('New conversation: the next question starts afresh.'), style)}\n\n`);
    } else if (line.trim() && !line.trim().startsWith('/')) {
      try {
        const started = performance.now();
        // "chart?" after a trade figure: the trade by year, as /figures gives it (the table here).
        const chart = chartRequested(conversation, line.trim());
        if (chart) {
          const charted = await tradeChartReply(engine, chart);
          output.write(`${renderReplyText(charted.ok ? charted.reply : errorReply(charted.error), style)}\n\n`);
          continue;
        }
        const turn = answerTurn(engine, conversation, line.trim(), { limit: PASSAGES_PER_ANSWER + 1, shown: PASSAGES_PER_ANSWER });
        conversation = turn.state;
        const resolved = understoodQuestion(turn.resolution, line.trim());
        output.write(`${renderReplyText(turnReply(turn.answer, { asked: line.trim(), resolved }, { offset: turn.resolution.offset }), style)}\n`);
        if (feedback && turn.answer.status === 'answered') output.write(`${style.dim(RATE_HINT)}\n`);
        output.write('\n');
        if (feedback) {
          lastAnswerId = newAnswerId();
          const where = { guildId: null, channelKind: 'console', askedVia: 'message' as const, command: null, userId: CONSOLE_USER, latencyMs: performance.now() - started };
          await feedback.logQuestion(answerRecord(lastAnswerId, line.trim(), turn.answer, resolved), where);
        }
      } catch (err) {
        output.write(`${renderReplyText(errorReply(`Something went wrong: ${(err as Error).message}`), style)}\n\n`);
      }
    } else if (VOTE_LINE.test(line.trim())) {
      output.write(`${renderReplyText(await consoleVote(feedback, lastAnswerId, line.trim()), style)}\n\n`);
    } else if (line.trim()) {
      const parsed = parseConsoleLine(line, byName);
      let text: string;
      if (typeof parsed === 'string') text = renderReplyText(errorReply(parsed), style);
      else {
        try {
          const outcome = await parsed.command.run({ engine, options: parsed.options, user: { id: '0', name: 'console' }, bot });
          text = renderReplyText(outcome.reply, style, { files: writeAttachments(outcome.reply, options.attachmentDir) });
        } catch (err) {
          text = renderReplyText(errorReply(`Something went wrong: ${(err as Error).message}`), style);
        }
      }
      output.write(`${text}\n\n`);
    }
    if (input.isTTY) rl.prompt();
  }
  rl.close();
}

/** Who votes in the console: one local user (hashed like any other unless FEEDBACK_KEEP_USER_IDS). */
const CONSOLE_USER = 'console';

/** `/up` or `/down [reason] [comment]` on the last answer, as the buttons do on Discord. */
async function consoleVote(feedback: Feedback | undefined, answerId: string | null, line: string): Promise<Reply> {
  if (!feedback) return noticeReply('Votes are not kept here: no database is open.');
  if (!answerId) return noticeReply('Ask a question first: /up and /down rate the last answer.');
  const [, dir, word, comment] = VOTE_LINE.exec(line)!;
  const direction = dir!.toLowerCase() === 'up' ? 'up' : 'down';
  const reason = word ? VOTE_REASONS.find((r) => r === word.toLowerCase()) : undefined;
  if (word && direction === 'up') return errorReply('/up takes nothing after it. To say what was wrong: /down <reason> [a comment].');
  if (word && !reason) return errorReply(`Unknown reason “${word}”. Reasons: ${VOTE_REASONS.join(', ')}.`);
  const voted = await feedback.vote(answerId, CONSOLE_USER, direction);
  if (!voted.ok) return errorReply('That vote could not be saved (the database is not available).');
  if (reason && (await feedback.explain(answerId, CONSOLE_USER, reason, comment ?? null)) !== 'ok') return errorReply('The vote was saved, its reason could not be.');
  return noticeReply(direction === 'up' ? 'Thanks — recorded 👍' : reason ? 'Thanks — recorded 👎 and why.' : `Thanks — recorded 👎. What was wrong? /down <reason> [a comment], reasons: ${VOTE_REASONS.join(', ')}.`);
}
