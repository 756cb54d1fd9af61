import { ApplicationCommandType } from '../src/discord/djs.js';
import { answerQuestion } from '../src/answer/answer.js';
import { stringOption, type Command } from '../src/command.js';
import { MAX_QUESTION_LENGTH } from '../src/search/question.js';
import { answerReply, PASSAGES_PER_ANSWER } from '../src/reply/build.js';
import { answerRecord, newAnswerId } from '../src/feedback/record.js';

/** Message context menu: search the selected message's text; answer privately. */
export const findSources: Command = {
  definition: { type: ApplicationCommandType.Message, name: 'Find sources' },
  help: { usage: 'Right-click a message → Apps → Find sources', text: 'Finds the passages of the corpus that match what the message says (only you see them).' },
  run(ctx) {
    // Long messages: the opening is what the search can use (questions are capped).
    // Cut between code points, never inside an emoji's surrogate pair.
    const text = (stringOption(ctx, 'message') ?? '').slice(0, MAX_QUESTION_LENGTH).replace(/[\uD800-\uDBFF]$/, '');
    const answer = answerQuestion(ctx.engine, text, { limit: PASSAGES_PER_ANSWER + 1 });
    if (answer.status === 'invalid') {
      return { reply: answerReply({ ...answer, message: 'That message has no text to look up (only images, embeds or very common words).' }), private: true };
    }
    const answerId = newAnswerId();
    return { reply: answerReply(answer, { private: true, answerId }), private: true, record: answerRecord(answerId, text, answer) };
  },
};
