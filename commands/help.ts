import { ApplicationCommandType } from '../src/discord/djs.js';
import type { Command } from '../src/command.js';
import { helpReply } from '../src/reply/build.js';

/** Built with the list it describes, so it cannot drift from the registered commands. */
export function makeHelp(all: () => Command[]): Command {
  return {
    definition: { type: ApplicationCommandType.ChatInput, name: 'help', description: 'How to use each command' },
    help: { usage: '/help', text: 'This list.' },
    run: () => ({ reply: helpReply(all().map((c) => ({ usage: c.help.usage, help: c.help.text }))), private: true }),
  };
}
