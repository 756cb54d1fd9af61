import { ApplicationCommandOptionType, ApplicationCommandType } from '../src/discord/djs.js';
import { stringOption, type Command } from '../src/command.js';
import { LIMITS } from '../src/discord/limits.js';
import { truncate } from '../src/render/fit.js';
import { citeReply, errorReply } from '../src/reply/build.js';
import { referenceChoices } from './choices.js';

/** `/cite reference`: the full bibliography entry and the paragraphs that cite it. */
export const cite: Command = {
  definition: {
    type: ApplicationCommandType.ChatInput,
    name: 'cite',
    description: 'Show a bibliography entry and the passages that cite it',
    options: [{ type: ApplicationCommandOptionType.String, name: 'reference', description: 'Author, year or title', required: true, autocomplete: true, max_length: LIMITS.choiceValue }],
  },
  help: { usage: '/cite reference: …', text: 'The full bibliography entry (start typing an author, year or title) and the paragraphs that cite it, with their ids.' },
  run(ctx) {
    const typed = stringOption(ctx, 'reference')?.trim() ?? '';
    const corpus = ctx.engine.corpus;
    const reference =
      corpus.referencesById.get(typed) ??
      corpus.referencesById.get(
        [...corpus.referencesById.keys()].find((id) => typed.length >= 3 && id.toLowerCase().includes(typed.toLowerCase().replace(/\s+/g, '-'))) ?? '',
      );
    if (!reference) return { reply: errorReply(`No bibliography entry matches “${truncate(typed, 100)}”. Start typing an author or title and pick from the list.`), private: true };
    return { reply: citeReply(corpus, reference), private: false };
  },
  autocomplete: (ctx, focused) => (focused.name === 'reference' ? referenceChoices(ctx.engine, focused.value) : []),
};
