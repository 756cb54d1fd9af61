import { ApplicationCommandType } from '../src/discord/djs.js';
import type { Command } from '../src/command.js';
import { aboutReply } from '../src/reply/build.js';

export const about: Command = {
  definition: { type: ApplicationCommandType.ChatInput, name: 'about', description: 'What Steppe knows: documents, counts, version, uptime' },
  help: { usage: '/about', text: 'The documents in the corpus, how much was indexed, the version and uptime.' },
  run: (ctx) => ({
    reply: aboutReply(ctx.engine, { version: ctx.bot.version, uptimeSeconds: (Date.now() - ctx.bot.startedAt) / 1000 }),
    private: false,
  }),
};
