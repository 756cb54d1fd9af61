import { Client, Message, MessagePayload, type Interaction } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answer.js';
import { messageReplyOptions, messageReplyPayload, replyOptions, replyPayload } from '../../src/discord/payload.js';
import { renderMessage, type DiscordMessage } from '../../src/discord/render.js';
import { createEngine } from '../../src/engine.js';
import { answerReply, errorReply, PASSAGES_PER_ANSWER, reasonReply, voteReply } from '../../src/reply/build.js';

/**
 * The first reply's body made by replyPayload is the one discord.js's resolveBody makes from
 * the same options: the same JSON, byte for byte (so Discord receives exactly what it did),
 * for every kind of message Steppe renders.
 */
describe('replyPayload', () => {
  const client = new Client({ intents: [], allowedMentions: { parse: [] } });
  // resolveBody reads only the client's options from an interaction target.
  const target = { client } as unknown as Interaction;

  const resolved = (message: DiscordMessage, isPrivate: boolean) => {
    const payload = new MessagePayload(target, replyOptions(message, isPrivate)).resolveBody();
    return JSON.stringify(payload.body);
  };
  const fast = (message: DiscordMessage, isPrivate: boolean) => {
    const payload = replyPayload(target, message, isPrivate);
    expect(payload).toBeInstanceOf(MessagePayload);
    return JSON.stringify((payload as MessagePayload).body);
  };

  it('equals resolveBody for answers, notices, votes and mentions, public and private', async () => {
    const engine = await createEngine(undefined, { indexCacheDir: null });
    const questions = ['What is the third neighbour policy?', 'Mongolia and Kazakhstan trade in 2019', 'zzzz qqqq', 'Who wrote about the Kazakhs of Bayan-Ölgii?', '*bold* _it_ <@123> @everyone'];
    const messages: DiscordMessage[] = [];
    for (const q of questions) {
      const answer = answerQuestion(engine, q, { limit: PASSAGES_PER_ANSWER + 1 });
      messages.push(renderMessage(answerReply(answer, { private: false, answerId: 'abcdefghijkl' })));
      messages.push(renderMessage(answerReply(answer, { private: true, answerId: 'abcdefghijkl', offset: 3 }), { mentionUserId: '123456789012345678' }));
    }
    messages.push(renderMessage(errorReply('Something went wrong (ref ABC123).')));
    messages.push(renderMessage(voteReply({ saved: true, direction: 'down', askWhy: true, answerId: 'abcdefghijkl' })));
    messages.push(renderMessage(reasonReply('ok', { answerId: 'abcdefghijkl', reason: 'other' })));
    messages.push(renderMessage(errorReply('Shared'), { content: 'Shared by <@1>' }));
    for (const message of messages) {
      for (const isPrivate of [false, true]) expect(fast(message, isPrivate)).toBe(resolved(message, isPrivate));
    }
    // A reply to a message: what message.reply resolves from the options and the reference it adds.
    const asked = new (Message as unknown as new (client: Client, data: unknown) => Message)(client, {
      id: '111111111111111111',
      channel_id: '222222222222222222',
      author: { id: '333333333333333333', username: 'asker', discriminator: '0' },
      content: 'a question',
      timestamp: new Date(0).toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      pinned: false,
      type: 0,
    });
    for (const message of messages) {
      const expected = MessagePayload.create(asked, messageReplyOptions(message), { reply: { messageReference: asked, failIfNotExists: false } }).resolveBody();
      const payload = messageReplyPayload(asked, message);
      expect(payload).toBeInstanceOf(MessagePayload);
      expect(JSON.stringify((payload as MessagePayload).body)).toBe(JSON.stringify(expected.body));
    }
  });

  it('leaves messages with files, and clients with nonces or their own JSON transformer, to resolveBody', () => {
    const message = renderMessage(errorReply('A chart'));
    const withFile = { ...message, files: [{ attachment: Buffer.from('png'), name: 'chart.png' }] };
    expect(replyPayload(target, withFile, false)).not.toBeInstanceOf(MessagePayload);
    expect(messageReplyPayload({ client, id: '1' } as unknown as Message, withFile)).not.toBeInstanceOf(MessagePayload);
    const nonces = { client: new Client({ intents: [], enforceNonce: true }) } as unknown as Interaction;
    expect(replyPayload(nonces, message, false)).not.toBeInstanceOf(MessagePayload);
    const transformer = { client: new Client({ intents: [], jsonTransformer: (x: unknown) => x }) } as unknown as Interaction;
    expect(replyPayload(transformer, message, false)).not.toBeInstanceOf(MessagePayload);
  });
});
