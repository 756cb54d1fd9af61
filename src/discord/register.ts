import type { REST, RESTPostAPIApplicationCommandsJSONBody } from 'discord.js';
import { Routes } from './djs.js';

/**
 * Makes sure the registered commands are ours: fetch, compare, and PUT only when they
 * differ (PUT is rate-limited and, globally, slow to propagate). Guild-scoped when a
 * guild id is configured (instant), global otherwise.
 */

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** The fields we set, with Discord's defaults filled in, so a fetched command compares equal. */
function normalizeOption(o: Record<string, unknown>): Json {
  return {
    type: o.type as number,
    name: o.name as string,
    description: (o.description as string) ?? '',
    required: (o.required as boolean) ?? false,
    autocomplete: (o.autocomplete as boolean) ?? false,
    min_length: (o.min_length as number) ?? null,
    max_length: (o.max_length as number) ?? null,
    min_value: (o.min_value as number) ?? null,
    max_value: (o.max_value as number) ?? null,
    choices: ((o.choices as Array<{ name: string; value: string | number }>) ?? []).map((c) => ({ name: c.name, value: c.value })),
    options: ((o.options as Array<Record<string, unknown>>) ?? []).map(normalizeOption),
  };
}

export function normalizeCommand(c: Record<string, unknown>): Json {
  return {
    type: (c.type as number) ?? 1,
    name: c.name as string,
    description: (c.description as string) ?? '',
    options: ((c.options as Array<Record<string, unknown>>) ?? []).map(normalizeOption),
    default_member_permissions: (c.default_member_permissions as string) ?? null,
  };
}

export function commandsDiffer(registered: Array<Record<string, unknown>>, wanted: RESTPostAPIApplicationCommandsJSONBody[]): boolean {
  // Each command's JSON once, in code-unit order: a total order (localeCompare may call two
  // different strings equal), and no collator to set up at start-up (~5 ms on the first call).
  const key = (list: Json[]) => `[${list.map((c) => JSON.stringify(c)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).join(',')}]`;
  return key(registered.map(normalizeCommand)) !== key(wanted.map((w) => normalizeCommand(w as unknown as Record<string, unknown>)));
}

export async function syncCommands(
  rest: REST,
  applicationId: string,
  wanted: RESTPostAPIApplicationCommandsJSONBody[],
  guildId?: string,
): Promise<'unchanged' | 'updated'> {
  const route = guildId ? Routes.applicationGuildCommands(applicationId, guildId) : Routes.applicationCommands(applicationId);
  const registered = (await rest.get(route)) as Array<Record<string, unknown>>;
  if (!commandsDiffer(registered, wanted)) return 'unchanged';
  await rest.put(route, { body: wanted });
  return 'updated';
}
