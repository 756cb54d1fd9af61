import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine.js';
import { parseConversationFile, runConversationEval, type EvalConversation } from '../../src/eval/conversations.js';
import { figureAnswered, goldRank } from '../../src/eval/score.js';
import { startFakeDiscord, type FakeDiscord, type JsonObject } from '../fake-discord/fakeDiscord.js';
import { botReplyTo, limitProblems, sharedEngine, startBotOn, type BotOnFake } from './harness.js';
import { safetyNet } from '../fake-discord/safetyNet.js';

/**
 * The conversation sets played through Discord — each conversation a DM of its own, each
 * turn a message — scored from what Discord received: the first quoted passage (by its
 * ¶ id) for passage turns, the whole message for figure turns. Through Discord they must
 * score as in the terminal, with no message over a limit and none that could ping.
 */

const OWN = new URL('../eval/conversations.jsonl', import.meta.url);
const DEV = new URL('../../../shared/eval/dev-conversations.jsonl', import.meta.url);

type Embed = { title?: string; description?: string; footer?: { text: string } };

let fake: FakeDiscord;
let bot: BotOnFake;
let engine: Engine;
beforeAll(async () => {
  engine = await sharedEngine();
  fake = await startFakeDiscord();
  bot = await startBotOn(fake);
});
afterAll(async () => {
  await bot?.stop();
  await fake?.close();
});

/** Each conversation gets a reader (and so a DM) of its own, across every call. */
let readers = 0;

async function playThroughDiscord(conversations: EvalConversation[]) {
  let answered = 0;
  const problems: string[] = [];
  for (const c of conversations) {
    const n = readers++;
    const author = { id: String(200000000000000000n + BigInt(n)), username: `reader${n}` };
    for (const turn of c.turns) {
      const said = await fake.say({ dm: true, content: turn.q, author });
      const reply = await botReplyTo(fake, said);
      problems.push(...limitProblems(reply as unknown as JsonObject).map((p) => `${c.id}: ${p}`));
      const allowed = fake.allowedMentions(reply.id) as { parse?: unknown[]; users?: unknown[]; roles?: unknown[] } | undefined;
      if (!allowed || allowed.parse?.length || allowed.users?.length || allowed.roles?.length) problems.push(`${c.id}: could ping (${JSON.stringify(allowed)})`);
      const embed = ((reply.embeds as Embed[] | undefined) ?? [])[0] ?? {};
      // (Less the footer's "Understood as: …", which restates the question: a value the question
      // itself holds is not answered by repeating it.)
      const text = `${embed.description ?? ''}\n${(embed.footer?.text ?? '').replace(/^Understood as:.*$/m, '')}`;
      // The first quoted passage (by its ¶ id; a figure line above the quotes cites too).
      const description = embed.description ?? '';
      const quotes = description.slice(Math.max(0, description.search(/^> /m)));
      const top = /¶ ([\w.-]+\/\d+)/.exec(quotes)?.[1];
      const paragraph = top ? engine.corpus.paragraphsById.get(top) : undefined;
      if (turn.all) {
        // As in the terminal's scoring: the message, with the passages it quotes read whole.
        const quoted = [...quotes.matchAll(/¶ ([\w.-]+\/\d+)/g)].map((m) => engine.corpus.paragraphsById.get(m[1]!)?.text ?? '');
        if (figureAnswered(`${text}\n${quoted.join('\n')}`, turn.all)) answered++;
      } else if (paragraph && goldRank([paragraph.text], turn.gold ?? []) === 1) answered++;
    }
  }
  return { answered, problems };
}

const total = (cs: EvalConversation[]) => cs.reduce((n, c) => n + c.turns.length, 0);

describe('conversations through Discord', () => {
  it('the project conversations: as many turns answered as in the terminal, within every limit, pinging nobody', async () => {
    const conversations = parseConversationFile(readFileSync(OWN, 'utf8'));
    const terminal = runConversationEval(engine, conversations);
    const discord = await playThroughDiscord(conversations);
    expect(discord.problems).toEqual([]);
    expect(discord.answered).toBe(terminal.first.answered + terminal.followUps.answered);
    expect(discord.answered).toBeGreaterThanOrEqual(Math.ceil(0.75 * total(conversations)));
    // Some 200 turns, each a message and its reply: about 10 s alone, more on a loaded machine.
  }, safetyNet(90_000)); // per-test bound: a safety net, stretched on a loaded machine

  it.skipIf(!existsSync(DEV))('the dev conversations likewise', async () => {
    const conversations = parseConversationFile(readFileSync(DEV, 'utf8'));
    const terminal = runConversationEval(engine, conversations);
    const discord = await playThroughDiscord(conversations);
    expect(discord.problems).toEqual([]);
    expect(discord.answered).toBe(terminal.first.answered + terminal.followUps.answered);
  });
});
