/**
 * Application command storage for the fake: global and per-guild scopes,
 * bulk overwrite (PUT), upsert (POST), edit and delete, with the validation
 * Discord applies, so a bad command definition fails here as it would live.
 */
import type { JsonObject } from './http.js';
import { snowflake } from './snowflake.js';

const GLOBAL = 'global';
/** Discord's rule for chat-input command and option names. */
const CHAT_INPUT_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

export class CommandStore {
  private readonly scopes = new Map<string, JsonObject[]>();

  constructor(private readonly applicationId: string) {}

  list(guildId?: string): JsonObject[] {
    return structuredClone(this.scopes.get(guildId ?? GLOBAL) ?? []);
  }

  /** PUT: replace the scope's commands; a command keeps its id when name and type match. */
  overwrite(body: unknown, guildId?: string): JsonObject[] | string {
    if (!Array.isArray(body)) return 'body must be an array of commands';
    for (const [i, command] of body.entries()) {
      const problem = validateCommand(command as JsonObject);
      if (problem) return `${i}: ${problem}`;
    }
    const previous = this.scopes.get(guildId ?? GLOBAL) ?? [];
    const next = (body as JsonObject[]).map((c) => this.normalize(c, guildId, idOf(findSame(previous, c))));
    this.scopes.set(guildId ?? GLOBAL, next);
    return structuredClone(next);
  }

  /** POST: create, or replace the command with the same name and type. */
  upsert(body: unknown, guildId?: string): { command: JsonObject; created: boolean } | string {
    const problem = validateCommand(body as JsonObject);
    if (problem) return problem;
    const list = this.scopes.get(guildId ?? GLOBAL) ?? [];
    const existing = findSame(list, body as JsonObject);
    const command = this.normalize(body as JsonObject, guildId, idOf(existing));
    const rest = list.filter((c) => c !== existing);
    this.scopes.set(guildId ?? GLOBAL, [...rest, command]);
    return { command: structuredClone(command), created: existing === undefined };
  }

  get(id: string, guildId?: string): JsonObject | undefined {
    const found = (this.scopes.get(guildId ?? GLOBAL) ?? []).find((c) => c.id === id);
    return found && structuredClone(found);
  }

  edit(id: string, body: JsonObject, guildId?: string): JsonObject | undefined | string {
    const list = this.scopes.get(guildId ?? GLOBAL) ?? [];
    const index = list.findIndex((c) => c.id === id);
    if (index < 0) return undefined;
    const merged = { ...list[index], ...body };
    const problem = validateCommand(merged);
    if (problem) return problem;
    list[index] = this.normalize(merged, guildId, id);
    return structuredClone(list[index]);
  }

  remove(id: string, guildId?: string): boolean {
    const list = this.scopes.get(guildId ?? GLOBAL) ?? [];
    const next = list.filter((c) => c.id !== id);
    this.scopes.set(guildId ?? GLOBAL, next);
    return next.length !== list.length;
  }

  /** Command to name an interaction after: guild command first, then global. */
  find(name: string, type: number, guildId?: string): { id: string; guildId?: string } | undefined {
    const match = (c: JsonObject): boolean => c.name === name && Number(c.type ?? 1) === type;
    const inGuild = guildId ? this.scopes.get(guildId)?.find(match) : undefined;
    if (inGuild) return { id: String(inGuild.id), guildId };
    const global = this.scopes.get(GLOBAL)?.find(match);
    return global ? { id: String(global.id) } : undefined;
  }

  private normalize(body: JsonObject, guildId: string | undefined, id: string | undefined): JsonObject {
    const command: JsonObject = {
      id: id ?? snowflake(),
      application_id: this.applicationId,
      version: snowflake(),
      type: 1,
      name_localizations: null,
      description: '',
      description_localizations: null,
      options: [],
      default_member_permissions: null,
      dm_permission: true,
      nsfw: false,
      contexts: null,
      integration_types: [0],
      ...body,
    };
    if (guildId) command.guild_id = guildId;
    return command;
  }
}

function idOf(command: JsonObject | undefined): string | undefined {
  return command === undefined ? undefined : String(command.id);
}

function findSame(list: JsonObject[], command: JsonObject): JsonObject | undefined {
  return list.find((c) => c.name === command.name && Number(c.type ?? 1) === Number(command.type ?? 1));
}

/** A readable problem description, or undefined when Discord would accept the command. */
export function validateCommand(command: JsonObject | undefined): string | undefined {
  if (!command || typeof command !== 'object') return 'command must be an object';
  const type = Number(command.type ?? 1);
  const name = command.name;
  if (typeof name !== 'string' || name.length < 1 || name.length > 32) return 'name must be 1-32 characters';
  if (type !== 1) return undefined; // context-menu commands: free-form name, no description
  if (!CHAT_INPUT_NAME.test(name) || name !== name.toLowerCase()) return `invalid chat-input name "${name}"`;
  if (!validDescription(command.description)) return `command "${name}": description must be 1-100 characters`;
  return validateOptions(command.options, name);
}

function validateOptions(options: unknown, where: string): string | undefined {
  if (options === undefined || options === null) return undefined;
  if (!Array.isArray(options)) return `${where}: options must be an array`;
  if (options.length > 25) return `${where}: at most 25 options`;
  let sawOptional = false;
  for (const option of options as JsonObject[]) {
    const name = option.name;
    if (typeof name !== 'string' || !CHAT_INPUT_NAME.test(name) || name !== name.toLowerCase()) {
      return `${where}: invalid option name "${String(name)}"`;
    }
    if (!validDescription(option.description)) return `${where}.${name}: description must be 1-100 characters`;
    if (option.required === true && sawOptional) return `${where}.${name}: required options must come before optional ones`;
    if (option.required !== true) sawOptional = true;
    if (Array.isArray(option.choices) && option.choices.length > 25) return `${where}.${name}: at most 25 choices`;
    if (option.autocomplete === true && Array.isArray(option.choices) && option.choices.length > 0) {
      return `${where}.${name}: autocomplete and choices are exclusive`;
    }
    const nested = validateOptions(option.options, `${where}.${name}`);
    if (nested) return nested;
  }
  return undefined;
}

function validDescription(value: unknown): boolean {
  return typeof value === 'string' && value.length >= 1 && value.length <= 100;
}
