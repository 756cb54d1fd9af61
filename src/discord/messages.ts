import type { Message, MessageCreateOptions } from 'discord.js';
import { ChannelType, MessageType } from './djs.js';
import { answerTurn, understoodQuestion } from '../conversation/converse.js';
import { chartRequested } from '../conversation/chartRequest.js';
import { emptyConversation, type ConversationState, type ConversationStore } from '../conversation/state.js';
import type { Logger } from '../log.js';
import type { GuildSettings } from '../settings/guildSettings.js';
import { errorReply, PASSAGES_PER_ANSWER, turnReply } from '../reply/build.js';
import { tradeChartReply } from '../reply/tradeChart.js';
import { answerRecord, newAnswerId } from '../feedback/record.js';
import { channelKind, type InteractionHandler } from './handler.js';
import { truncate } from '../render/fit.js';
import { LIMITS } from './limits.js';
import { messageReplyPayload } from './payload.js';
import { recallConversation } from './recall.js';
import { renderMessage, sanitiseUserText } from './render.js';

/**
 * Messages that talk to Steppe: a mention of the bot, a reply to one of its answers, a DM,
 * or (with the Message Content intent) any message in a thread it started. Each goes
 * through the handler's central steps (drain, cooldown, try/catch, log) like an
 * interaction; this module only decides whether a message is addressed to Steppe, which
 * conversation it continues, and how the answer is posted.
 */

export interface MessageHandlerOptions {
  conversations: ConversationStore;
  logger: Logger;
  /** The privileged Message Content intent is on: follow plain messages in Steppe's threads. */
  messageContent: boolean;
  /** Each server's settings: answer_in_threads, answer_mentions (defaults from the environment). */
  settings: GuildSettings;
}

export type Addressing = 'dm' | 'mention' | 'reply' | 'thread' | 'help';

export interface AddressedMessage {
  via: Addressing;
  /** The question, the bot's mention taken out. */
  question: string;
  /** Where the conversation this message continues is kept. */
  continues: string;
  /** A key the new state is also kept under (the DM, the thread, the user's recent chat). */
  home: string;
}

/** How long an answer may keep the reader waiting before Steppe shows it is typing (the deferral of a slash command waits 1.5 s). */
export const TYPING_AFTER_MS = 1000;

const ANSWERABLE_TYPES = new Set<MessageType>([MessageType.Default, MessageType.Reply]);

/** Whether a message is for Steppe, and in which conversation; null to stay silent. */
export function addressedTo(message: Message, botId: string, messageContent: boolean): AddressedMessage | null {
  if (message.author.bot || message.webhookId || message.system || !ANSWERABLE_TYPES.has(message.type)) return null;
  // Content we cannot see (no intent, not addressed to us) arrives empty: say nothing.
  const raw = message.content ?? '';
  if (!raw.trim()) return null;
  const question = raw.replace(new RegExp(`<@!?${botId}>`, 'g'), ' ').replace(/\s+/g, ' ').trim();
  const channel = message.channel;
  if (channel.type === ChannelType.DM || !message.inGuild()) {
    return { via: 'dm', question, continues: `dm:${message.channelId}`, home: `dm:${message.channelId}` };
  }
  const inOwnThread = channel.isThread() && channel.ownerId === botId;
  const replyToBot = message.reference?.messageId !== undefined && message.mentions.repliedUser?.id === botId;
  const mentionsBot = message.mentions.users.has(botId);
  const home = inOwnThread ? `thread:${message.channelId}` : `recent:${message.channelId}:${message.author.id}`;
  if (replyToBot) return { via: 'reply', question, continues: `msg:${message.reference!.messageId}`, home };
  if (inOwnThread && (mentionsBot || messageContent)) return { via: 'thread', question, continues: home, home };
  // A forum post that mentions Steppe in its first message: the post's title is part of the question.
  if (mentionsBot) return { via: 'mention', question: isPostStarter(message) ? withTitle(channel.isThread() ? channel.name : '', question) : question, continues: home, home };
  return null;
}

/** The first message of a forum post: it has the id of its post (a thread); a thread's other messages never do. */
function isPostStarter(message: Message): boolean {
  return message.channel.isThread() && message.id === message.channel.id;
}

/**
 * A plain message in one of the server's help channels (/settings help_channel), or the
 * first post of a thread under one (a forum's new post): answered without a mention.
 * Only seen with the Message Content intent; without it such messages arrive empty.
 * A forum post's title is part of its question ("Kazakhs in Mongolia" / "How many are
 * there?"), unless its first message already says it.
 */
export function helpChannelQuestion(message: Message, helpChannels: readonly string[]): AddressedMessage | null {
  if (helpChannels.length === 0 || !message.inGuild()) return null;
  if (message.author.bot || message.webhookId || message.system || !ANSWERABLE_TYPES.has(message.type)) return null;
  const body = (message.content ?? '').replace(/\s+/g, ' ').trim();
  if (!body) return null;
  const channel = message.channel;
  const forumPost = isPostStarter(message) && channel.isThread() && channel.parentId !== null && helpChannels.includes(channel.parentId);
  if (!forumPost && !helpChannels.includes(message.channelId)) return null;
  const question = forumPost ? withTitle(channel.name, body) : body;
  const home = `recent:${message.channelId}:${message.author.id}`;
  return { via: 'help', question, continues: home, home };
}

const comparable = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/** A forum post's question: its title, then its first message (the message alone when it already says the title). */
export function withTitle(title: string, body: string): string {
  const t = title.replace(/\s+/g, ' ').trim();
  if (!comparable(t) || comparable(body).includes(comparable(t))) return body;
  return `${t}${/[.?!:;]$/.test(t) ? '' : ':'} ${body}`;
}

/** A thread name from the question: Discord allows 1–100 characters. */
export function threadName(question: string): string {
  const clean = question.replace(/<[@#][!&]?\d+>/g, '').replace(/\s+/g, ' ').trim() || 'Steppe';
  return truncate(clean, LIMITS.threadName);
}

export { sanitiseUserText } from './render.js';

export class MessageHandler {
  constructor(
    private readonly central: InteractionHandler,
    private readonly options: MessageHandlerOptions,
  ) {}

  /** Entry point for discord.js's `messageCreate`; never throws. */
  handle = (message: Message): Promise<void> => this.central.track(this.process(message), 'message');

  private async process(message: Message): Promise<void> {
    const botId = message.client.user?.id;
    if (!botId) return;
    let addressed = addressedTo(message, botId, this.options.messageContent);
    // Plain messages are only seen with the Message Content intent: then a help channel's are answered too.
    if (!addressed && !(this.options.messageContent && message.inGuild() && (message.content ?? '').trim())) return;
    const settings = await this.options.settings.get(message.guildId);
    addressed ??= helpChannelQuestion(message, settings.help_channels);
    if (!addressed) return;
    // A server that turned mention answers off (/settings answer_mentions) hears nothing but its help channels; DMs still do.
    if (addressed.via !== 'dm' && addressed.via !== 'help' && !settings.answer_mentions) return;
    await this.central.guarded(
      { what: `message:${addressed.via}`, userId: message.author.id, guildId: message.guildId, notify: (text) => this.notice(message, text) },
      // Keyed by where the new state goes (the DM, the thread, the user's chat in a channel):
      // the next reply may continue an answer whose own state is still being saved.
      () => this.inTurn(addressed.home, () => this.answer(message, addressed, settings.answer_in_threads)),
    );
  }

  /** Work on one conversation, one message at a time: the next turn reads the state the last wrote. */
  private readonly turns = new Map<string, Promise<unknown>>();

  private inTurn<T>(key: string, work: () => Promise<T>): Promise<T> {
    const before = this.turns.get(key) ?? Promise.resolve();
    const mine = before.catch(() => undefined).then(work);
    this.turns.set(key, mine);
    // Forget the key once nothing waits behind this turn (the map stays bounded).
    void mine.catch(() => undefined).finally(() => {
      if (this.turns.get(key) === mine) this.turns.delete(key);
    });
    return mine;
  }

  private async notice(message: Message, text: string): Promise<void> {
    await message.reply(messageReplyPayload(message, renderMessage(errorReply(text))));
  }

  /** The conversation a message continues: kept state, else read back from the answer replied to. */
  private async conversationOf(message: Message, addressed: AddressedMessage): Promise<ConversationState> {
    const kept = await this.options.conversations.get(addressed.continues).catch((err: unknown) => {
      this.options.logger.warn({ err }, 'conversation state could not be read; answering without it');
      return null;
    });
    if (kept) return kept;
    if (addressed.via === 'reply') {
      const referenced = message.reference?.messageId ? await message.fetchReference().catch(() => null) : null;
      const recalled = referenced && referenced.author.id === message.client.user.id ? recallConversation(referenced) : null;
      if (recalled) return recalled;
    }
    return emptyConversation();
  }

  private async answer(message: Message, addressed: AddressedMessage, answerInThreads: boolean): Promise<string> {
    const started = performance.now();
    const channel = message.channel;
    // "Steppe is typing…" once the answer has kept the reader waiting (typing lasts ~10 s, so
    // once is enough). Not at once: an answer takes milliseconds, and every typing is a REST
    // call under Discord's global 50 a second, which a reply needs too: sent with each of 200
    // DMs at once, it held their replies to 25 a second.
    const typing = setTimeout(() => {
      if (channel.isSendable()) void channel.sendTyping().catch(() => undefined);
    }, TYPING_AFTER_MS);
    try {
      return await this.answerWithin(message, addressed, answerInThreads, started, () => clearTimeout(typing));
    } finally {
      clearTimeout(typing);
    }
  }

  private async answerWithin(message: Message, addressed: AddressedMessage, answerInThreads: boolean, started: number, answerReady: () => void): Promise<string> {
    const question = sanitiseUserText(addressed.question);
    const state = await this.conversationOf(message, addressed);
    // Queued with everyone's answer work (see WorkQueue), like a command.
    const engine = await this.central.engineFor(message.guildId);
    // "chart?" after a trade figure: that trade by year, drawn as /figures draws it; the
    // conversation goes on from the figure, as after "thanks".
    const chart = chartRequested(state, question);
    if (chart) {
      const charted = await tradeChartReply(engine, chart);
      answerReady();
      await this.post(message, addressed, answerInThreads, question, renderMessage(charted.ok ? charted.reply : errorReply(charted.error)), state);
      return charted.ok ? 'ok' : 'no-match';
    }
    const result = await this.central.work.run(message.author.id, () => answerTurn(engine, state, question, { limit: PASSAGES_PER_ANSWER + 1, shown: PASSAGES_PER_ANSWER }));
    const { resolution, answer } = result;
    const resolved = understoodQuestion(resolution, question);
    const answerId = newAnswerId();
    const reply = turnReply(answer, { asked: question, resolved }, { offset: resolution.offset, answerId });
    answerReady();
    await this.post(message, addressed, answerInThreads, question, renderMessage(reply), result.state);
    if (answer.status !== 'invalid') {
      this.central.logAnswer(answerRecord(answerId, question, answer, resolved), {
        guildId: message.guildId,
        channelKind: channelKind(message.channel, message.inGuild()),
        askedVia: 'message',
        command: null,
        userId: message.author.id,
        latencyMs: performance.now() - started,
      });
    }
    return answer.status === 'answered' ? 'ok' : answer.status;
  }

  /** Posts an answer as a reply (or in a thread started for it) and keeps the conversation under each key it may be continued from. */
  private async post(message: Message, addressed: AddressedMessage, answerInThreads: boolean, question: string, rendered: ReturnType<typeof renderMessage>, next: ConversationState): Promise<void> {
    let home = addressed.home;
    const canThread =
      answerInThreads &&
      addressed.via !== 'dm' &&
      addressed.via !== 'thread' &&
      (message.channel.type === ChannelType.GuildText || message.channel.type === ChannelType.GuildAnnouncement);
    const save = (key: string) =>
      this.options.conversations.set(key, next).catch((err: unknown) => this.options.logger.warn({ err }, 'conversation state could not be saved'));
    let sent: Message;
    // The state is saved before the answer is posted: the reader's next message may arrive
    // before the post's own response does.
    // No permission to start threads here: answer in the channel rather than not at all.
    const thread = canThread
      ? await message.startThread({ name: threadName(question), autoArchiveDuration: 1440 }).catch((err: unknown) => {
          this.options.logger.warn({ err, channel: message.channelId }, 'could not start a thread (Create Public Threads permission?); replying in the channel');
          return null;
        })
      : null;
    if (thread) {
      home = `thread:${thread.id}`;
      await save(home);
      sent = await thread.send({ ...rendered, allowedMentions: { parse: [] } } as unknown as MessageCreateOptions);
    } else {
      await save(home);
      sent = await message.reply(messageReplyPayload(message, rendered));
    }
    await save(`msg:${sent.id}`);
  }
}
