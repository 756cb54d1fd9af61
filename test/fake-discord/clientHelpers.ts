/**
 * A plain discord.js Client on the fake Discord, and waits on its events, shared by the
 * fake's own specs (no bot code): each wait is started before the action it awaits and
 * bounded only as a failure guard.
 */
import { once } from 'node:events';
import { expect } from 'vitest';
import { Client, DiscordAPIError, Events, GatewayIntentBits, Partials, type ClientOptions } from 'discord.js';
import type { FakeDiscord } from './fakeDiscord.js';
import { describeBound, safetyNet } from './safetyNet.js';

export const EVENT_TIMEOUT = 3000;
/** The intents Steppe asks for, none privileged. */
export const CONVERSATION_INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages];

/** `promise`, or a rejection after `ms` (a safety net, stretched on a loaded machine). */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const bound = safetyNet(ms);
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${describeBound(ms, bound)}`)), bound);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function startClient(fake: FakeDiscord, options: Partial<ClientOptions> = {}): Promise<Client> {
  const client = new Client({
    intents: CONVERSATION_INTENTS,
    partials: [Partials.Channel],
    rest: { api: fake.apiUrl },
    ...options,
  });
  const ready = once(client, Events.ClientReady);
  client.login('fake-token').catch(() => {
    // a failed login surfaces as the ready timeout below
  });
  await withTimeout(ready, 5000, 'clientReady');
  return client;
}

export async function teardown(clients: Array<Client | undefined>, fake: FakeDiscord | undefined): Promise<void> {
  for (const client of clients) {
    if (client) await withTimeout(client.destroy(), 3000, 'client.destroy()').catch(() => undefined);
  }
  if (fake) await fake.close();
}

/** Resolves with the first `event` for which `predicate` holds. Start it before the action. */
export function nextEvent<T>(client: Client, event: string, predicate: (value: T) => boolean, what: string): Promise<T> {
  let listener: ((value: T) => void) | undefined;
  const seen = new Promise<T>((resolve) => {
    listener = (value: T) => {
      if (predicate(value)) resolve(value);
    };
    client.on(event, listener);
  });
  return withTimeout(seen, EVENT_TIMEOUT, what).finally(() => client.off(event, listener!));
}

/** The DiscordAPIError a request was refused with (fails the test if it was not). */
export async function apiError(promise: Promise<unknown>): Promise<DiscordAPIError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DiscordAPIError);
  return error as DiscordAPIError;
}
