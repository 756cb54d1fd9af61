import type { RESTPostAPIApplicationCommandsJSONBody } from 'discord.js';
import type { Engine } from './engine.js';
import type { AnswerRecord } from './feedback/record.js';
import type { Report, ReportOptions } from './feedback/report.js';
import type { Reply } from './reply/types.js';
import type { ReloadOutcome } from './reload.js';
import type { GuildSettings } from './settings/guildSettings.js';

/**
 * What a command is, independent of the transport: Discord's handler and the local
 * console both build a `CommandContext` and render the `CommandOutcome`. Command
 * definitions are plain data (Discord's JSON shape), registered as they are.
 */

export type OptionValue = string | number | boolean | { id: string; name: string };

export interface CommandContext {
  engine: Engine;
  /** Option values by name; a modified client may send anything, so commands check types. */
  options: Record<string, OptionValue | undefined>;
  user: { id: string; name: string };
  bot: { version: string; startedAt: number };
  /** The server the command runs in, and whether the user may manage it (Manage Server). */
  guild?: { id: string; canManage: boolean } | null;
  /** This server's settings (see src/settings). */
  settings?: GuildSettings | null;
  /** The maintainers' report from the store (`/report`); null when it cannot be read. */
  report?: (options: ReportOptions) => Promise<Report | null>;
  /** Whether the bot reads plain messages (the Message Content intent), for /settings' help channels. */
  messageContent?: boolean;
  /** `/reload`: checks that the user owns the bot, then reads the corpus again (see src/reload.ts). */
  reloadCorpus?: (userId: string) => Promise<ReloadOutcome>;
}

export interface CommandOutcome {
  reply: Reply;
  /** Only the asker sees it. Errors and "nothing found" always are. */
  private: boolean;
  /** Address the reply to this user, pinging only them. */
  mentionUserId?: string;
  /** An answer to a question: logged (with its id, for votes) once the reply is sent. */
  record?: AnswerRecord;
}

export interface Choice {
  name: string;
  value: string;
}

export interface Command {
  definition: RESTPostAPIApplicationCommandsJSONBody;
  help: { usage: string; text: string };
  /** May take longer than Discord's 3-second deadline: defer before running. */
  slow?: boolean;
  /** Every reply is private (a deferral too): managers' commands such as /report and /settings. */
  alwaysPrivate?: boolean;
  run(ctx: CommandContext): CommandOutcome | Promise<CommandOutcome>;
  autocomplete?(ctx: CommandContext, focused: { name: string; value: string }): Choice[];
}

/** A string option, or undefined when missing or of another type. */
export function stringOption(ctx: CommandContext, name: string): string | undefined {
  const v = ctx.options[name];
  return typeof v === 'string' ? v : undefined;
}

export function booleanOption(ctx: CommandContext, name: string): boolean | undefined {
  const v = ctx.options[name];
  return typeof v === 'boolean' ? v : undefined;
}

export function userOption(ctx: CommandContext, name: string): { id: string; name: string } | undefined {
  const v = ctx.options[name];
  return typeof v === 'object' && v !== null && typeof v.id === 'string' ? v : undefined;
}

export function numberOption(ctx: CommandContext, name: string): number | undefined {
  const v = ctx.options[name];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}
