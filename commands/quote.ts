import { ApplicationCommandOptionType, ApplicationCommandType } from '../src/discord/djs.js';
import { answerQuestion } from '../src/answer/answer.js';
import { stringOption, type Command } from '../src/command.js';
import { LIMITS } from '../src/discord/limits.js';
import { MAX_QUESTION_LENGTH } from '../src/search/question.js';
import { errorReply, noticeReply, notableParagraph, quoteReply } from '../src/reply/build.js';
import { paragraphChoices } from './choices.js';

/** `/quote topic id`: a shareable quotation, posted publicly. */
export const quote: Command = {
  definition: {
    type: ApplicationCommandType.ChatInput,
    name: 'quote',
    description: 'Post a quotation from the corpus with a clean citation',
    options: [
      { type: ApplicationCommandOptionType.String, name: 'topic', description: 'Quote the passage that best matches this', max_length: MAX_QUESTION_LENGTH },
      { type: ApplicationCommandOptionType.String, name: 'id', description: 'Quote this paragraph (e.g. irgengioro-2022/23)', autocomplete: true, max_length: LIMITS.choiceValue },
    ],
  },
  help: { usage: '/quote [topic: …] [id: …]', text: 'Posts a passage as a quotation with its citation. With neither option, a notable passage.' },
  run(ctx) {
    const id = stringOption(ctx, 'id')?.trim();
    const topic = stringOption(ctx, 'topic');
    if (id) {
      const paragraph = ctx.engine.corpus.paragraphsById.get(id);
      if (!paragraph) return { reply: errorReply(`There is no paragraph “${id}”. Ids look like irgengioro-2022/23; /sections lists them.`), private: true };
      return { reply: quoteReply(ctx.engine.corpus, paragraph), private: false };
    }
    if (topic !== undefined) {
      const answer = answerQuestion(ctx.engine, topic, { limit: 1 });
      const best = answer.passages[0];
      if (!best) return { reply: noticeReply(answer.message ?? 'Nothing found.', answer.suggestions), private: true };
      return { reply: quoteReply(ctx.engine.corpus, ctx.engine.corpus.paragraphsById.get(best.paragraphId)!, best.highlight), private: false };
    }
    return { reply: quoteReply(ctx.engine.corpus, notableParagraph(ctx.engine.corpus)), private: false };
  },
  autocomplete: (ctx, focused) => (focused.name === 'id' ? paragraphChoices(ctx.engine, focused.value) : []),
};
