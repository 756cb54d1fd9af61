import { ApplicationCommandOptionType, ApplicationCommandType } from '../src/discord/djs.js';
import { stringOption, type Command } from '../src/command.js';
import { LIMITS } from '../src/discord/limits.js';
import { truncate } from '../src/render/fit.js';
import { errorReply, sectionsReply } from '../src/reply/build.js';
import { documentChoices } from './choices.js';

/** `/sections document`: a document's table of contents with paragraph ids. */
export const sections: Command = {
  definition: {
    type: ApplicationCommandType.ChatInput,
    name: 'sections',
    description: "A document's table of contents with paragraph ids",
    options: [{ type: ApplicationCommandOptionType.String, name: 'document', description: 'Which document (default: the first)', autocomplete: true, max_length: LIMITS.choiceValue }],
  },
  help: { usage: '/sections [document]', text: 'The table of contents of a document, with the paragraph ids of each section (use them with /quote id:).' },
  run(ctx) {
    const id = stringOption(ctx, 'document');
    const docs = ctx.engine.corpus.documents;
    const doc = id ? docs.find((d) => d.meta.id === id) : docs[0];
    if (!doc) return { reply: errorReply(`There is no document “${truncate(String(id), 100)}”. Pick one from the list.`), private: true };
    return { reply: sectionsReply(doc), private: false };
  },
  autocomplete: (ctx, focused) => (focused.name === 'document' ? documentChoices(ctx.engine, focused.value) : []),
};
