import type { Interaction, InteractionReplyOptions } from 'discord.js';
import { MessageFlags, MessagePayload, Options } from './djs.js';
import type { DiscordMessage } from './render.js';

/**
 * The options of a first reply (`interaction.reply`) as discord.js takes them: the rendered
 * message with the private flag.
 */
export function replyOptions(message: DiscordMessage, isPrivate: boolean): InteractionReplyOptions {
  return { ...message, flags: isPrivate ? MessageFlags.Ephemeral : undefined } as InteractionReplyOptions;
}

/** discord.js's own transformer of outgoing JSON (camelCase keys to snake_case). */
const DEFAULT_JSON_TRANSFORMER = Options.createDefault().jsonTransformer;

/**
 * A first reply whose body is already made: `interaction.reply(payload)` then sends it as it
 * sends any reply (the same checks, route, REST queue, rate-limit handling and interaction
 * state), without `MessagePayload.resolveBody`, which copies every embed and component
 * through its snake_case transformer and `require()`s four modules for its `instanceof`
 * tests on every call (~0.2 ms a reply, more than the rest of the request). The body is the
 * one resolveBody makes from these options, field for field and in its key order
 * (test/unit/replyPayload.test.ts compares the two): Steppe's messages are raw API JSON
 * already (snake_case keys, plain objects), so its transformer returns a copy of each.
 * Falls back to the options (resolveBody as usual) for anything that is not so plain: files,
 * a client that adds nonces or transforms JSON its own way.
 */
export function replyPayload(target: Interaction, message: DiscordMessage, isPrivate: boolean): InteractionReplyOptions | MessagePayload {
  const options = replyOptions(message, isPrivate);
  const clientOptions = target.client.options;
  if (message.files?.length || clientOptions.enforceNonce || clientOptions.jsonTransformer !== DEFAULT_JSON_TRANSFORMER) return options;
  const payload = new MessagePayload(target, options);
  payload.body = {
    content: message.content,
    tts: false,
    nonce: undefined,
    enforce_nonce: false,
    embeds: message.embeds,
    components: message.components,
    username: undefined,
    avatar_url: undefined,
    allowed_mentions: message.allowedMentions,
    flags: isPrivate ? MessageFlags.Ephemeral : undefined,
    message_reference: undefined,
    attachments: undefined,
    sticker_ids: undefined,
    thread_name: undefined,
    applied_tags: undefined,
    poll: undefined,
    shared_client_theme: undefined,
  } as unknown as MessagePayload['body'];
  payload.files = [];
  return payload;
}
