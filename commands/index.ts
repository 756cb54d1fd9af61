import type { Command } from '../src/command.js';
import { about } from './about.js';
import { ask } from './ask.js';
import { cite } from './cite.js';
import { figures } from './figures.js';
import { findSources } from './findSources.js';
import { makeHelp } from './help.js';
import { quote } from './quote.js';
import { search } from './search.js';
import { sections } from './sections.js';
import { reload } from './reload.js';
import { settings } from './settings.js';
import { report } from './report.js';

/** Every command the bot registers, in the order /help lists them. */
export const commands: Command[] = [ask, figures, search, quote, cite, sections, about, settings, report, reload];
commands.push(makeHelp(() => commands), findSources);

export const commandsByName = new Map(commands.map((c) => [c.definition.name, c]));
