import type { Client, Interaction, InteractionReplyOptions, Message, MessageReplyOptions } from 'discord.js';
import { MessageFlags, MessagePayload, Options } from './djs.js';
import type { DiscordMessage } from './render.js';

/**
 * The options of a first reply (`interaction.reply`) as discord.js takes them: the rendered
 * message with the private flag.
 */
export function replyOptions(message: DiscordMessage, isPrivate: boolean): InteractionReplyOptions {
  return { ...message, flags: isPrivate ? MessageFlags.Ephemeral : undefined } as InteractionReplyOptions;
}

/** The options of a reply to a message (`message.reply`): the asker may be pinged by it; nobody else, ever. */
export function messageReplyOptions(message: DiscordMessage): MessageReplyOptions {
  return { ...message, allowedMentions: { parse: [], repliedUser: true }, failIfNotExists: false } as unknown as MessageReplyOptions;
}

/** discord.js's own transformer of outgoing JSON (camelCase keys to snake_case). */
const DEFAULT_JSON_TRANSFORMER = Options.createDefault().jsonTransformer;

/**
 * Whether the body of `message` can be made here: a message without files, from a client that
 * neither adds nonces nor transforms JSON its own way.
 */
function preparable(client: Client, message: DiscordMessage): boolean {
  return !message.files?.length && !client.options.enforceNonce && client.options.jsonTransformer === DEFAULT_JSON_TRANSFORMER;
}

/** resolveBody's body, field for field and in its key order, for one of Steppe's messages. */
function preparedBody(
  message: DiscordMessage,
  allowedMentions: unknown,
  flags: number | undefined,
  messageReference: { message_id: string; fail_if_not_exists: boolean } | undefined,
): MessagePayload['body'] {
  return {
    content: message.content,
    tts: false,
    nonce: undefined,
    enforce_nonce: false,
    embeds: message.embeds,
    components: message.components,
    username: undefined,
    avatar_url: undefined,
    allowed_mentions: allowedMentions,
    flags,
    message_reference: messageReference,
    attachments: undefined,
    sticker_ids: undefined,
    thread_name: undefined,
    applied_tags: undefined,
    poll: undefined,
    shared_client_theme: undefined,
  } as unknown as MessagePayload['body'];
}

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
  if (!preparable(target.client, message)) return options;
  const payload = new MessagePayload(target, options);
  payload.body = preparedBody(message, message.allowedMentions, isPrivate ? MessageFlags.Ephemeral : undefined, undefined);
  payload.files = [];
  return payload;
}

/**
 * The same for a reply to a message (`message.reply(payload)`, which sends a payload as it
 * is): the body resolveBody makes for `messageReplyOptions` with the reference
 * `message.reply` adds (this message; a deleted one is no error).
 */
export function messageReplyPayload(target: Message, message: DiscordMessage): MessageReplyOptions | MessagePayload {
  const options = messageReplyOptions(message);
  if (!preparable(target.client, message)) return options;
  const payload = MessagePayload.create(target, options, { reply: { messageReference: target, failIfNotExists: false } });
  payload.body = preparedBody(message, { parse: [], replied_user: true }, undefined, { message_id: target.id, fail_if_not_exists: false });
  payload.files = [];
  return payload;
}
