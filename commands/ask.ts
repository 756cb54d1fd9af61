import { ApplicationCommandOptionType, ApplicationCommandType } from '../src/discord/djs.js';
import { answerQuestion } from '../src/answer/answer.js';
import { booleanOption, stringOption, userOption, type Command } from '../src/command.js';
import { MAX_QUESTION_LENGTH } from '../src/search/question.js';
import { answerReply, errorReply, PASSAGES_PER_ANSWER } from '../src/reply/build.js';
import { answerRecord, newAnswerId } from '../src/feedback/record.js';

/** `/ask question private mention`: the best passages, quoted and cited. */
export const ask: Command = {
  definition: {
    type: ApplicationCommandType.ChatInput,
    name: 'ask',
    description: 'Ask a question; get quoted, cited passages from the corpus',
    options: [
      { type: ApplicationCommandOptionType.String, name: 'question', description: 'Your question, in plain words', required: true, max_length: MAX_QUESTION_LENGTH },
      { type: ApplicationCommandOptionType.Boolean, name: 'private', description: 'Only you see the answer (you can share it after)' },
      { type: ApplicationCommandOptionType.User, name: 'mention', description: 'Address the answer to this person (pings only them)' },
    ],
  },
  help: { usage: '/ask question: … [private] [mention]', text: 'The best passage quoted with its best sentence in bold and an exact citation, two more below; More for the next ones.' },
  async run(ctx) {
    const question = stringOption(ctx, 'question') ?? '';
    // A server may make answers private by default (/settings private_answers); an answer
    // addressed to someone is public.
    const serverDefault = ctx.guild && ctx.settings ? (await ctx.settings.get(ctx.guild.id)).private_answers : false;
    const isPrivate = booleanOption(ctx, 'private') ?? (userOption(ctx, 'mention') ? false : serverDefault);
    // A private answer is seen by the asker alone: it cannot be addressed to anyone else.
    if (isPrivate && userOption(ctx, 'mention')) {
      return { reply: errorReply('A private answer cannot mention anyone: leave out private to address the answer to them, or mention to keep it to yourself.'), private: true };
    }
    const answer = answerQuestion(ctx.engine, question, { limit: PASSAGES_PER_ANSWER + 1 });
    const answerId = newAnswerId();
    const reply = answerReply(answer, { private: isPrivate, answerId });
    const found = answer.status === 'answered';
    return { reply, private: isPrivate || !found, mentionUserId: found ? userOption(ctx, 'mention')?.id : undefined, record: answer.status === 'invalid' ? undefined : answerRecord(answerId, question, answer) };
  },
};
