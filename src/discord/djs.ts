import { createRequire } from 'node:module';
import type * as D from 'discord.js';

/**
 * discord.js's values, loaded with `require()`: every module of Steppe (and commands/) takes
 * them from here, never from a static `import … from 'discord.js'`. discord.js is CommonJS,
 * and an ES `import` of it makes Node parse its index and every module it re-exports
 * (discord-api-types, @discordjs/rest, builders, formatters, ws…) with cjs-module-lexer to
 * find the export names: ~0.13 s of start-up before the first line of Steppe runs (an
 * `import` of discord.js alone: ~0.32 s here, `require()`: ~0.19 s). It is the same module
 * instance either way (Node's CommonJS cache), so `instanceof` holds for classes a test
 * imports from 'discord.js'. Types come from `import type`, which costs nothing at run time.
 */
const djs = createRequire(import.meta.url)('discord.js') as typeof D;

export const {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ButtonStyle,
  ChannelType,
  Client,
  ComponentType,
  escapeMarkdown,
  Events,
  GatewayIntentBits,
  IntentsBitField,
  InteractionContextType,
  MessageFlags,
  MessagePayload,
  MessageType,
  Options,
  Partials,
  PermissionFlagsBits,
  RateLimitError,
  Routes,
} = djs;

// The same names as types, for the places that use them as both.
export type ApplicationCommandOptionType = D.ApplicationCommandOptionType;
export type ApplicationCommandType = D.ApplicationCommandType;
export type ButtonStyle = D.ButtonStyle;
export type ChannelType = D.ChannelType;
export type Client<Ready extends boolean = boolean> = D.Client<Ready>;
export type ComponentType = D.ComponentType;
export type GatewayIntentBits = D.GatewayIntentBits;
export type IntentsBitField = D.IntentsBitField;
export type InteractionContextType = D.InteractionContextType;
export type MessageFlags = D.MessageFlags;
export type MessagePayload = D.MessagePayload;
export type MessageType = D.MessageType;
export type Partials = D.Partials;
export type RateLimitError = D.RateLimitError;
