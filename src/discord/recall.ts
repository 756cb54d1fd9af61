import type { Message } from 'discord.js';
import { emptyConversation, withTurn, type ConversationState } from '../conversation/state.js';
import { QUESTION_MARK } from './render.js';
import { UNDERSTOOD_AS } from '../reply/build.js';

/**
 * A conversation read back from one of Steppe's own answers, for a reply to an answer
 * whose state is not (or no longer) kept: an answer from before a restart, or a `/ask`
 * answer. The answer carries what a follow-up needs: the question as titled, the question
 * as understood (footer), the paragraph ids (citations) and the best sentences (bold).
 */

const UNDERSTOOD = new RegExp(`^${UNDERSTOOD_AS}(.+)$`, 'm');
const PARAGRAPH_ID = /¶ ([\w.-]+\/\d+)/g;
const BOLD = /\*\*((?:\\.|[^*\\])+)\*\*/g;

function unescape(s: string): string {
  return s.replace(/\\([\\*_`~|>#\-[\]()!.<@])/g, '$1').replace(/\u200b/g, '');
}

export function recallConversation(answer: Message): ConversationState | null {
  const embed = answer.embeds[0];
  if (!embed?.title || !embed.description) return null;
  const asked = unescape(embed.title);
  const footer = embed.footer?.text ?? '';
  const carried = footer.includes(QUESTION_MARK) ? footer.slice(footer.indexOf(QUESTION_MARK) + QUESTION_MARK.length) : null;
  const resolved = carried ?? UNDERSTOOD.exec(footer)?.[1] ?? asked;
  const paragraphIds = [...embed.description.matchAll(PARAGRAPH_ID)].map((m) => m[1]!);
  const sentences = [...embed.description.matchAll(BOLD)].map((m) => unescape(m[1]!)).filter((s) => s.length > 20);
  if (paragraphIds.length === 0) return null;
  return withTurn(emptyConversation(), {
    asked,
    resolved,
    frame: resolved.replace(/\s*\([^()]*\)\s*$/, ''),
    kind: 'standalone',
    documentId: null,
    paragraphIds,
    sentences,
    offset: 0,
    person: null,
    at: answer.createdTimestamp,
  });
}
