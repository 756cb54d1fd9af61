import { ApplicationCommandOptionType, ApplicationCommandType } from '../src/discord/djs.js';
import { answerQuestion } from '../src/answer/answer.js';
import { booleanOption, stringOption, type Command } from '../src/command.js';
import { LIMITS } from '../src/discord/limits.js';
import { MAX_QUESTION_LENGTH } from '../src/search/question.js';
import { errorReply, searchReply } from '../src/reply/build.js';
import { answerRecord, newAnswerId } from '../src/feedback/record.js';
import { documentChoices } from './choices.js';

const RESULTS = 8;

/** `/search query document private`: a compact list of hits and a menu to open one. */
export const search: Command = {
  definition: {
    type: ApplicationCommandType.ChatInput,
    name: 'search',
    description: 'List the passages that match a query',
    options: [
      { type: ApplicationCommandOptionType.String, name: 'query', description: 'Words to look for', required: true, max_length: MAX_QUESTION_LENGTH },
      { type: ApplicationCommandOptionType.String, name: 'document', description: 'Only this document', autocomplete: true, max_length: LIMITS.choiceValue },
      { type: ApplicationCommandOptionType.Boolean, name: 'private', description: 'Only you see the results' },
    ],
  },
  help: { usage: '/search query: … [document] [private]', text: 'A compact list of matching passages (id, section, best line); pick one in the menu to read it whole.' },
  run(ctx) {
    const documentId = stringOption(ctx, 'document');
    if (documentId && !ctx.engine.corpus.documents.some((d) => d.meta.id === documentId)) {
      return { reply: errorReply(`There is no document “${documentId}”. Pick one from the list.`), private: true };
    }
    const query = stringOption(ctx, 'query') ?? '';
    const answer = answerQuestion(ctx.engine, query, { limit: RESULTS, documentId });
    // A list, not an answer: logged (what was looked for, what was found) but not voted on.
    return { reply: searchReply(answer), private: (booleanOption(ctx, 'private') ?? false) || answer.status !== 'answered', record: answer.status === 'invalid' ? undefined : answerRecord(newAnswerId(), query, answer) };
  },
  autocomplete: (ctx, focused) => (focused.name === 'document' ? documentChoices(ctx.engine, focused.value) : []),
};
