import { ApplicationCommandType, InteractionContextType } from '../src/discord/djs.js';
import type { Command } from '../src/command.js';
import { errorReply, reloadReply } from '../src/reply/build.js';

/** `/reload`: the bot's owner reads the corpus folder again, without a restart. */
export const reload: Command = {
  definition: {
    type: ApplicationCommandType.ChatInput,
    name: 'reload',
    description: 'Read the corpus folder again (the bot’s owner only)',
    // Visible to administrators only; the owner check is the real one.
    default_member_permissions: '0',
    contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
  },
  help: { usage: '/reload', text: 'The bot’s owner: pick up added, changed and removed documents without a restart.' },
  async run(ctx) {
    const outcome = ctx.reloadCorpus ? await ctx.reloadCorpus(ctx.user.id) : { kind: 'unavailable' as const };
    switch (outcome.kind) {
      case 'not-owner':
        return { reply: errorReply('Only the bot’s owner can reload the corpus.'), private: true };
      case 'unavailable':
        return { reply: errorReply('Reloading is not available here: restart the bot to pick up corpus changes.'), private: true };
      case 'failed':
        return { reply: errorReply(`The corpus could not be reloaded; the current one stays in use. ${outcome.message}`), private: true };
      case 'reloaded':
        return { reply: reloadReply(outcome.summary), private: true };
    }
  },
};
