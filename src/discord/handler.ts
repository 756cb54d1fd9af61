import { paragraphById } from '../corpus/tableRows.js';
import type {
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  CommandInteractionOption,
  Interaction,
  InteractionReplyOptions,
  MessageContextMenuCommandInteraction,
  ModalSubmitInteraction,
  StringSelectMenuInteraction,
} from 'discord.js';
import { ApplicationCommandOptionType, ChannelType, GatewayIntentBits, IntentsBitField, MessageFlags, PermissionFlagsBits, RateLimitError } from './djs.js';
import { answerQuestion } from '../answer/answer.js';
import { pooledRandomBytes } from '../random.js';
import type { Command, CommandContext, CommandOutcome, OptionValue } from '../command.js';
import type { Engine } from '../engine.js';
import type { Feedback } from '../feedback/feedback.js';
import { newAnswerId, type AnswerRecord } from '../feedback/record.js';
import type { Logger } from '../log.js';
import type { ReloadOutcome } from '../reload.js';
import type { GuildSettings } from '../settings/guildSettings.js';
import { Cooldowns } from '../settings/cooldowns.js';
import { DocumentScopes } from '../settings/documentScope.js';
import { answerReply, errorReply, PASSAGES_PER_ANSWER, quoteReply, reasonReply, UNDERSTOOD_AS, voteReply } from '../reply/build.js';
import { VOTE_REASONS, type AskedVia, type VoteReason } from '../store/types.js';
import { Cooldown } from './cooldown.js';
import { WorkQueue } from './workQueue.js';
import type { InteractionTokens } from './tokenLife.js';
import { parseCustomId } from './customIds.js';
import { replyOptions, replyPayload } from './payload.js';
import { LIMITS } from './limits.js';
import { cutUserText, feedbackModal, QUESTION_MARK, renderMessage, sanitiseUserText } from './render.js';

/**
 * The one place interactions go through (after KevinNovak's template): cooldown, then
 * defer when the work may be slow, then the command inside try/catch, then one reply.
 * Any error becomes a private "Something went wrong (ref XXXX)" and a log line with the
 * same ref and the stack. One log line per interaction: what, how long, outcome.
 */

/** Defer if a command has not answered by then: well inside Discord's 3 s. */
const DEFER_AFTER_MS = 1500;

/**
 * Autocomplete is sent on every keystroke and is not counted by the cooldown: its own bucket
 * per user, generous enough for fast typing (a burst of 10, then 4 a second) but not for a
 * script. Past it, the choices are empty (still an answer, so nothing "fails").
 */
const AUTOCOMPLETE_RATE = { seconds: 0.25, burst: 10 };
/**
 * Text typed into an autocompleted option, as read: choices are at most 100 characters, and
 * Discord lets a client send up to 6000 while typing.
 */
export const AUTOCOMPLETE_TYPED_MAX = 100;

export interface HandlerOptions {
  engine: Engine;
  commands: Map<string, Command>;
  logger: Logger;
  bot: { version: string; startedAt: number };
  cooldown: { seconds: number; burst: number };
  /** Where interaction tokens' ages are kept (for dropping replies a 429 would hold too long). */
  tokens?: InteractionTokens;
  /** Answer jobs in progress at once, all users together (default 2): see WorkQueue. */
  concurrentWork?: number;
  /** Votes and the question log (over the store). */
  feedback: Feedback;
  /** Each server's settings (/settings), read by commands and messages. */
  settings?: GuildSettings;
  /** `/reload` (see src/reload.ts); absent where the corpus cannot be read again. */
  reloadCorpus?: (userId: string) => Promise<ReloadOutcome>;
}

/** What the central steps need of an event: who, what (for the log), how to tell them. */
export interface GuardedEvent {
  what: string;
  userId: string;
  /**
   * The server whose own cooldown (/settings cooldown) counts this event: questions, i.e.
   * commands and messages, but not buttons, menus and forms (a 👍 right after an answer),
   * nor the managers' own commands (/settings must stay reachable). Absent: the bot's rule.
   */
  guildId?: string | null;
  /** A short notice to the user: private for interactions, a reply for messages. */
  notify(text: string): Promise<void>;
}

type Repliable =
  | ChatInputCommandInteraction
  | MessageContextMenuCommandInteraction
  | ButtonInteraction
  | StringSelectMenuInteraction
  | ModalSubmitInteraction;

/** Where a question was asked, as the question log names it (a forum's post: `forum`). */
export function channelKind(channel: { type: ChannelType; parent?: { type: ChannelType } | null } | null, inGuild: boolean): string {
  if (!inGuild) return 'dm';
  switch (channel?.type) {
    case ChannelType.PublicThread:
      return channel.parent?.type === ChannelType.GuildForum ? 'forum' : 'thread';
    case ChannelType.PrivateThread:
    case ChannelType.AnnouncementThread:
      return 'thread';
    case ChannelType.GuildForum:
      return 'forum';
    case ChannelType.GuildVoice:
    case ChannelType.GuildStageVoice:
      return 'voice';
    case ChannelType.GuildAnnouncement:
      return 'announcement';
    default:
      return 'text';
  }
}

const isVoteReason = (r: string): r is VoteReason => (VOTE_REASONS as readonly string[]).includes(r);

/** The answer id a message's 👍/👎 buttons carry, if it has them. */
function answerIdOf(components: ReadonlyArray<{ toJSON(): unknown }>): string | null {
  for (const row of components) {
    for (const c of (row.toJSON() as { components?: Array<{ custom_id?: string }> }).components ?? []) {
      const parsed = typeof c.custom_id === 'string' ? parseCustomId(c.custom_id) : null;
      if (parsed?.kind === 'vote') return parsed.answerId;
    }
  }
  return null;
}

export function newRef(): string {
  return pooledRandomBytes(3).toString('hex').toUpperCase();
}

/** An option as commands read it: user text sanitised here, once, where it enters. */
function optionValue(o: CommandInteractionOption): OptionValue | undefined {
  if (o.type === ApplicationCommandOptionType.User) {
    const id = o.user?.id ?? (typeof o.value === 'string' ? o.value : undefined);
    return id ? { id, name: sanitiseUserText(o.user?.username ?? id) } : undefined;
  }
  return typeof o.value === 'string' ? sanitiseUserText(o.value) : (o.value ?? undefined);
}


/** Who an answer was for: the user of the interaction it answered (null when not known). */
function answerFor(message: { interactionMetadata?: { user?: { id: string } | null } | null; mentions?: { repliedUser?: { id: string } | null } }): string | null {
  return message.interactionMetadata?.user?.id ?? message.mentions?.repliedUser?.id ?? null;
}

/**
 * The question and page of one of Steppe's answers, read from its state: the More button's
 * id (or the footer, when the question did not fit there, or the title), and the footer's
 * "Passages N–M". Null when the message is not such an answer.
 */
function pageOf(message: Pick<ButtonInteraction['message'], 'embeds'>, fromId: string | null): { question: string; offset: number } | null {
  const embed = message.embeds[0];
  const footer = embed?.footer?.text ?? '';
  const carried = footer.includes(QUESTION_MARK) ? footer.slice(footer.indexOf(QUESTION_MARK) + QUESTION_MARK.length) : null;
  // (A long question as understood in context is carried once, as the footer's "Understood as".)
  const understood = footer.split('\n').find((l) => l.startsWith(UNDERSTOOD_AS))?.slice(UNDERSTOOD_AS.length) ?? null;
  const question = sanitiseUserText(fromId ?? carried ?? understood ?? (embed?.title ? unescapeMarkdown(embed.title) : '')).trim();
  // (Below an "Understood as" line, when the question was read in context.)
  const first = /^Passages? (\d+)/m.exec(footer);
  if (!question || !first) return null;
  return { question, offset: Math.max(0, Number(first[1]) - 1) };
}

/** A title we wrote with Markdown escaped, read back as the text it was. */
function unescapeMarkdown(s: string): string {
  return s.replace(/\\([\\*_`~|>#\-[\]()!.])/g, '$1');
}

/**
 * Whether the client was given the Message Content intent. Read once per client: its
 * intents are fixed at login (a frozen bitfield), and resolving them again cost every
 * interaction a BitField.
 */
const messageContentOf = new WeakMap<object, boolean>();
function hasMessageContent(intents: ConstructorParameters<typeof IntentsBitField>[0]): boolean {
  const known = typeof intents === 'object' && intents !== null ? messageContentOf.get(intents) : undefined;
  if (known !== undefined) return known;
  const has = new IntentsBitField(intents).has(GatewayIntentBits.MessageContent);
  if (typeof intents === 'object' && intents !== null) messageContentOf.set(intents, has);
  return has;
}

export class InteractionHandler {
  /** The per-user cooldown, each server's own or the bot's; shared through PostgreSQL (see Cooldowns). */
  private readonly cooldowns: Cooldowns;
  /** Engines over the documents a server chose to search (/settings documents). */
  private readonly scopes = new DocumentScopes();
  private readonly autocompleteRate: Cooldown;
  /** Every search, ranking and chart, one user after another: see WorkQueue. */
  readonly work: WorkQueue;
  private readonly inFlight = new Set<Promise<unknown>>();
  /** Writes started after a reply (the question log): waited for by drain, not counted. */
  private readonly background = new Set<Promise<unknown>>();
  private accepting = true;

  constructor(private readonly options: HandlerOptions) {
    const store = options.settings?.store ?? null;
    this.cooldowns = new Cooldowns({
      rule: options.cooldown,
      settings: options.settings ?? null,
      shared: store?.engine === 'postgres' ? store : null,
      keyOf: (userId) => options.feedback.pseudonym(userId),
      logger: options.logger,
    });
    if (options.settings) options.settings.defaultCooldown = { ...options.cooldown };
    // COOLDOWN_SECONDS=0 (tests, a private server) turns both limits off.
    this.autocompleteRate = options.cooldown.seconds > 0 ? new Cooldown(AUTOCOMPLETE_RATE.seconds, AUTOCOMPLETE_RATE.burst) : new Cooldown(0, 1);
    this.work = new WorkQueue(options.concurrentWork ?? 2);
  }

  /** Entry point for discord.js's `interactionCreate`; never throws. */
  handle = (interaction: Interaction): Promise<void> => {
    this.options.tokens?.note(interaction.token, interaction.createdTimestamp);
    return this.track(this.dispatch(interaction), 'interaction');
  };

  /**
   * Stop taking new interactions and wait (bounded) for the ones in flight, including those
   * that arrive while draining: they get a "restarting" reply, which must land too.
   * Bounded by a stall — nothing finished for `stallMs` — not a fixed total: on a loaded
   * host 30 answers in flight can take longer than 5 s while each still progresses, and a
   * fixed 5 s dropped them. `capMs` bounds the whole drain all the same.
   * Returns how many interactions were waited for.
   */
  async drain(stallMs = 5000, capMs = 30_000): Promise<number> {
    this.accepting = false;
    const cap = Date.now() + capMs;
    let lastProgress = Date.now();
    const giveUpAt = () => Math.min(cap, lastProgress + stallMs);
    const waited = new Set<Promise<unknown>>();
    while (this.inFlight.size > 0 && Date.now() < giveUpAt()) {
      const pending = [...this.inFlight];
      for (const p of pending) waited.add(p);
      let timer: NodeJS.Timeout | undefined;
      // wake when any one finishes (progress) or when it is time to give up
      const progressed = await Promise.race([Promise.race(pending).then(() => true), new Promise<boolean>((r) => (timer = setTimeout(() => r(false), giveUpAt() - Date.now())))]);
      clearTimeout(timer);
      if (progressed) lastProgress = Date.now();
    }
    // The replies have gone; their log writes must land before the caller closes the store.
    if (this.background.size > 0 && Date.now() < giveUpAt()) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.allSettled([...this.background]), new Promise((r) => (timer = setTimeout(r, giveUpAt() - Date.now())))]);
      clearTimeout(timer);
    }
    return waited.size;
  }

  private async context(interaction: Interaction, options: CommandContext['options']): Promise<CommandContext> {
    // The managers' commands (/settings, /report) see the whole corpus; questions, the server's documents.
    const managers = 'commandName' in interaction && this.isManagersCommand(interaction.commandName);
    return {
      engine: managers ? this.options.engine : await this.engineFor(interaction.guildId),
      options,
      user: { id: interaction.user.id, name: interaction.user.username },
      bot: this.options.bot,
      guild: interaction.guildId ? { id: interaction.guildId, canManage: interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false } : null,
      settings: this.options.settings ?? null,
      report: (o) => this.options.feedback.report(o),
      messageContent: hasMessageContent(interaction.client.options.intents),
      ...(this.options.reloadCorpus ? { reloadCorpus: this.options.reloadCorpus } : {}),
    };
  }

  /** The engine answers are read from; `/reload` swaps it (work in flight keeps its own). */
  get engine(): Engine {
    return this.options.engine;
  }

  /** The engine a server's questions are answered from: the documents it chose (/settings documents), else all. */
  async engineFor(guildId: string | null): Promise<Engine> {
    if (!guildId || !this.options.settings) return this.options.engine;
    return this.scopes.engineFor(this.options.engine, (await this.options.settings.get(guildId)).documents);
  }

  replaceEngine(engine: Engine): void {
    this.options.engine = engine;
  }

  setReload(reload: (userId: string) => Promise<ReloadOutcome>): void {
    this.options.reloadCorpus = reload;
  }

  private async dispatch(interaction: Interaction): Promise<void> {
    if (interaction.isAutocomplete()) return this.autocomplete(interaction);
    if (!interaction.isRepliable()) return;
    const target = interaction as Repliable;
    await this.guarded(
      {
        what: this.describe(target),
        userId: target.user.id,
        guildId: this.isQuestion(target) ? target.guildId : null,
        notify: (text) => this.send(target, { reply: errorReply(text), private: true }),
      },
      () => this.route(target),
    );
  }

  /**
   * The central steps for every event, interaction or message: refuse while draining, then
   * the per-user cooldown, then the work inside try/catch (an error becomes a short reply
   * with a ref, and a log line with the same ref and the stack), then one log line.
   */
  async guarded(target: GuardedEvent, work: () => Promise<string>): Promise<void> {
    const started = performance.now();
    let outcome = 'ok';
    const ref = newRef();
    try {
      if (!this.accepting) {
        outcome = 'shutting-down';
        await target.notify('Steppe is restarting; try again in a few seconds.');
        return;
      }
      const wait = await this.cooldowns.take(target.userId, target.guildId);
      if (wait > 0) {
        outcome = 'cooldown';
        await target.notify(`Slow down a little: try again in ${wait} s.`);
        return;
      }
      outcome = await work();
    } catch (err) {
      if (err instanceof RateLimitError) {
        // Already logged when it was dropped; an error report would be held the same way.
        outcome = 'dropped-rate-limited';
        return;
      }
      outcome = 'error';
      this.options.logger.error({ ref, what: target.what, err }, `${target.what.startsWith('message:') ? 'message' : 'interaction'} failed (ref ${ref})`);
      await target.notify(`Something went wrong (ref ${ref}). It has been logged; try again, or rephrase.`).catch((sendErr: unknown) =>
        this.options.logger.error({ ref, err: sendErr }, `could not report the error (ref ${ref})`),
      );
    } finally {
      this.options.logger.info({ what: target.what, user: target.userId, latencyMs: Math.round(performance.now() - started), outcome }, 'interaction');
    }
  }

  /**
   * Logs an answered question after its reply has gone: not awaited by the reply, but
   * tracked, so a shutdown lets it finish before the store is closed.
   */
  logAnswer(record: AnswerRecord, where: { guildId: string | null; channelKind: string; askedVia: AskedVia; command: string | null; userId: string; latencyMs: number }): void {
    // Neither rejects (each logs its own failures). A server may keep its questions out of the log.
    const write = (async () => {
      if (where.guildId && this.options.settings && !(await this.options.settings.get(where.guildId)).log_questions) return;
      await this.options.feedback.logQuestion(record, where);
    })();
    this.background.add(write);
    void write.finally(() => this.background.delete(write));
  }

  /** Tracks work in flight (for drain) and never lets it throw. */
  track(work: Promise<void>, label: string): Promise<void> {
    const safe = work.catch((err: unknown) => {
      this.options.logger.error({ err }, `${label} handler failed outside the central steps`);
    });
    this.inFlight.add(safe);
    void safe.finally(() => this.inFlight.delete(safe));
    return safe;
  }

  /** A command that asks something (not a button, not a managers' command such as /settings). */
  private isQuestion(i: Repliable): boolean {
    return (i.isChatInputCommand() || i.isMessageContextMenuCommand()) && !this.isManagersCommand(i.commandName);
  }

  /** Registered for Manage Server only (default_member_permissions): /settings, /report. */
  private isManagersCommand(name: string): boolean {
    const definition = this.options.commands.get(name)?.definition;
    return !!definition && 'default_member_permissions' in definition && !!definition.default_member_permissions;
  }

  private describe(i: Repliable): string {
    if (i.isChatInputCommand()) return `/${i.commandName}`;
    if (i.isMessageContextMenuCommand()) return `menu:${i.commandName}`;
    if (i.isMessageComponent()) return `component:${i.customId.slice(0, 40)}`;
    if (i.isModalSubmit()) return `modal:${i.customId.slice(0, 40)}`;
    // A kind this version does not know (an old user menu, an entry point): still replied to.
    return `interaction:${(i as { type?: number }).type ?? '?'}`;
  }

  private async route(i: Repliable): Promise<string> {
    if (i.isChatInputCommand() || i.isMessageContextMenuCommand()) {
      const command = this.options.commands.get(i.commandName);
      if (!command) {
        await this.send(i, { reply: errorReply('That command is no longer available here.'), private: true });
        return 'unknown-command';
      }
      const options: CommandContext['options'] = {};
      if (i.isMessageContextMenuCommand()) {
        const m = i.targetMessage;
        options.message = sanitiseUserText([m.content, ...m.embeds.map((e) => `${e.title ?? ''} ${e.description ?? ''}`)].join(' ').trim());
      } else {
        for (const o of i.options.data) {
          // A subcommand's name, then its own options (/settings show, /settings cooldown seconds: …).
          if (o.type === ApplicationCommandOptionType.Subcommand) {
            options.subcommand = o.name;
            for (const inner of o.options ?? []) options[inner.name] = optionValue(inner);
          } else options[o.name] = optionValue(o);
        }
      }
      const wantsPrivate = options.private === true || command.definition.type === 3 || command.alwaysPrivate === true;
      await this.runWithDeferral(i, command, await this.context(i, options), wantsPrivate);
      return 'ok';
    }
    if (i.isModalSubmit()) return this.modal(i);
    if (!i.isMessageComponent()) {
      await this.send(i, { reply: errorReply('This version of Steppe does not know that action. Try /help.'), private: true });
      return 'unknown-kind';
    }
    return this.component(i as ButtonInteraction | StringSelectMenuInteraction);
  }

  /** Runs the command; defers first when it is marked slow or takes longer than DEFER_AFTER_MS. */
  private async runWithDeferral(i: ChatInputCommandInteraction | MessageContextMenuCommandInteraction, command: Command, ctx: CommandContext, wantsPrivate: boolean): Promise<void> {
    const state: { deferring?: Promise<unknown> } = {};
    const defer = (): Promise<unknown> => {
      if (!state.deferring) {
        state.deferring = i.deferReply({ flags: wantsPrivate ? MessageFlags.Ephemeral : undefined });
        // Awaited below; marked handled now so a deferral failing while the command still runs
        // is not an unhandled rejection in the meantime.
        state.deferring.catch(() => undefined);
      }
      return state.deferring;
    };
    const started = performance.now();
    if (command.slow) await defer();
    const timer = setTimeout(defer, DEFER_AFTER_MS);
    let outcome: CommandOutcome;
    try {
      // Queued with everyone's answer work: the defer timer above can fire while it waits.
      outcome = await this.work.run(i.user.id, () => command.run(ctx));
    } finally {
      clearTimeout(timer);
      // A deferral already on its way must land before anything else is sent, also when the
      // command threw: otherwise the error report races it (and gets 40060, or beats it).
      await state.deferring?.catch(() => undefined);
    }
    if (state.deferring) await state.deferring; // a failed deferral is this interaction's error
    await this.send(i, outcome);
    if (outcome.record) {
      this.logAnswer(outcome.record, {
        guildId: i.guildId,
        channelKind: channelKind(i.channel, i.inGuild()),
        askedVia: 'command',
        command: i.commandName,
        userId: i.user.id,
        latencyMs: performance.now() - started,
      });
    }
  }

  /** One reply, whatever state the interaction is in (fresh or deferred). */
  private async send(i: Repliable, outcome: CommandOutcome): Promise<void> {
    const message = renderMessage(outcome.reply, { mentionUserId: outcome.mentionUserId });
    if (!i.deferred && !i.replied) {
      await i.reply(replyPayload(i, message, outcome.private));
      return;
    }
    const deferredPrivately = i.ephemeral ?? false;
    if (deferredPrivately || !outcome.private) {
      // A private placeholder may hold any answer; a public one must not hold a private one.
      await i.editReply(message);
    } else {
      await i.deleteReply().catch(() => undefined);
      await i.followUp(replyOptions(message, true));
    }
  }

  private async component(i: ButtonInteraction | StringSelectMenuInteraction): Promise<string> {
    const parsed = parseCustomId(i.customId);
    const sourcePrivate = i.message.flags.has(MessageFlags.Ephemeral);
    if (!parsed) {
      await this.send(i, { reply: errorReply('This button has expired. Run the command again.'), private: true });
      return 'expired';
    }
    if (parsed.kind === 'open' && i.isStringSelectMenu()) {
      const id = i.values[0] ?? '';
      const paragraph = paragraphById(this.options.engine.corpus, id);
      if (!paragraph) {
        await this.send(i, { reply: errorReply('That passage is no longer in the corpus. Run the search again.'), private: true });
        return 'stale-id';
      }
      await this.send(i, { reply: quoteReply(this.options.engine.corpus, paragraph), private: true });
      return 'ok';
    }
    if (parsed.kind === 'more' && i.isButton()) {
      const page = pageOf(i.message, parsed.question);
      if (!page) {
        await this.send(i, { reply: errorReply('This button has expired. Run the command again.'), private: true });
        return 'expired';
      }
      // Updated in place for the person the answer was for (a pager, not a new message a
      // click); anyone else gets the next page privately, and the answer stays as it was.
      const own = sourcePrivate || answerFor(i.message) === i.user.id;
      const deferral = own ? setTimeout(() => void i.deferUpdate().catch(() => undefined), DEFER_AFTER_MS) : null;
      let answer: ReturnType<typeof answerQuestion>;
      try {
        const engine = await this.engineFor(i.guildId);
        answer = await this.work.run(i.user.id, () => answerQuestion(engine, page.question, { offset: parsed.offset, limit: PASSAGES_PER_ANSWER + 1 }));
      } finally {
        if (deferral) clearTimeout(deferral);
      }
      if (answer.passages.length === 0) {
        await this.send(i, { reply: errorReply('No more passages for this question.'), private: true });
        return 'no-more';
      }
      // The next page is the same answer to the same question: its votes count with the
      // first page's (and the question was logged once, when asked).
      const answerId = answerIdOf(i.message.components) ?? newAnswerId();
      if (!own) {
        await this.send(i, { reply: answerReply(answer, { offset: parsed.offset, private: true, answerId }), private: true });
        return 'ok-private';
      }
      const message = renderMessage(answerReply(answer, { offset: parsed.offset, private: sourcePrivate, answerId }));
      if (i.deferred) await i.editReply(message as never);
      // The update's body is made as a first reply's is (the same resolveBody, no flags).
      else await i.update(replyPayload(i, message, false) as never);
      return 'ok';
    }
    if (parsed.kind === 'vote' && i.isButton()) {
      const result = await this.options.feedback.vote(parsed.answerId, i.user.id, parsed.direction);
      // Asked once: a 👎 that already has its reason is only confirmed.
      const askWhy = result.ok && parsed.direction === 'down' && !result.vote.reason;
      await this.send(i, { reply: voteReply({ saved: result.ok, direction: parsed.direction, askWhy, answerId: parsed.answerId }), private: true });
      return result.ok ? `vote-${parsed.direction}` : 'vote-failed';
    }
    if (parsed.kind === 'why' && i.isStringSelectMenu()) {
      const reason = i.values[0] ?? '';
      if (!isVoteReason(reason)) {
        await this.send(i, { reply: errorReply('That choice is not one Steppe knows. Vote again.'), private: true });
        return 'bad-reason';
      }
      // "Other" wants words: the modal opens at once (it must be this click's response).
      if (reason === 'other') {
        await i.showModal(feedbackModal(parsed.answerId, reason) as unknown as Parameters<typeof i.showModal>[0]);
        return 'reason-modal';
      }
      const saved = await this.options.feedback.explain(parsed.answerId, i.user.id, reason);
      // Replaces the question in the private message, so it is asked once.
      await i.update(replyPayload(i, renderMessage(reasonReply(saved, saved === 'ok' ? { answerId: parsed.answerId, reason } : undefined)), false) as never);
      return saved === 'ok' ? 'reason' : `reason-${saved}`;
    }
    if (parsed.kind === 'note' && i.isButton()) {
      await i.showModal(feedbackModal(parsed.answerId, parsed.reason) as unknown as Parameters<typeof i.showModal>[0]);
      return 'comment-modal';
    }
    if (parsed.kind === 'share' && i.isButton()) {
      // Only Steppe's own private answer, by the person it was for; and what is posted is
      // rebuilt from the answer's state (question, page), not copied from the message, so
      // nothing in it escapes the limits and buttons Steppe itself would give a public answer.
      const own = i.message.author.id === i.client.user.id && sourcePrivate;
      const forUser = answerFor(i.message);
      const page = own ? pageOf(i.message, null) : null;
      if (!own || !page || (forUser !== null && forUser !== i.user.id)) {
        await this.send(i, { reply: errorReply('Only your own private answers from Steppe can be shared. Ask again without private to post one.'), private: true });
        return 'share-refused';
      }
      const engine = await this.engineFor(i.guildId);
      const answer = await this.work.run(i.user.id, () => answerQuestion(engine, page.question, { offset: page.offset, limit: PASSAGES_PER_ANSWER + 1 }));
      if (answer.status !== 'answered') {
        await this.send(i, { reply: errorReply('There is nothing to share in this message.'), private: true });
        return 'empty';
      }
      const answerId = answerIdOf(i.message.components) ?? newAnswerId();
      const message = renderMessage(answerReply(answer, { offset: page.offset, private: false, answerId }), { content: `Shared by <@${i.user.id}>` });
      await i.reply({ ...message, allowedMentions: { parse: [] } } as unknown as InteractionReplyOptions);
      return 'ok';
    }
    await this.send(i, { reply: errorReply('This button has expired. Run the command again.'), private: true });
    return 'expired';
  }

  /** The comment on a 👎 (the modal of `s1:note`). */
  private async modal(i: ModalSubmitInteraction): Promise<string> {
    const parsed = parseCustomId(i.customId);
    if (parsed?.kind !== 'note') {
      await this.send(i, { reply: errorReply('This form has expired. Vote again.'), private: true });
      return 'expired';
    }
    let text = '';
    try {
      text = i.fields.getTextInputValue('comment');
    } catch {
      // A form without the field (a modified client): the reason alone is kept.
    }
    const saved = await this.options.feedback.explain(parsed.answerId, i.user.id, parsed.reason, text);
    await this.send(i, { reply: reasonReply(saved), private: true });
    return saved === 'ok' ? 'comment' : `comment-${saved}`;
  }

  private async autocomplete(i: AutocompleteInteraction): Promise<void> {
    const started = performance.now();
    let outcome = 'ok';
    let choices: Array<{ name: string; value: string }> = [];
    try {
      const command = this.options.commands.get(i.commandName);
      const focused = i.options.getFocused(true);
      if (this.autocompleteRate.take(i.user.id) > 0) outcome = 'rate-limited';
      else if (command?.autocomplete && this.accepting) {
        const typed = cutUserText(String(focused.value ?? ''), AUTOCOMPLETE_TYPED_MAX);
        choices = command.autocomplete(await this.context(i, {}), { name: focused.name, value: typed });
      }
    } catch (err) {
      outcome = 'error';
      this.options.logger.error({ err, command: i.commandName }, 'autocomplete failed');
    }
    await i.respond(choices.slice(0, LIMITS.autocompleteChoices)).catch((err: unknown) => {
      outcome = 'respond-failed';
      this.options.logger.warn({ err }, 'autocomplete respond failed');
    });
    this.options.logger.info({ what: `autocomplete:/${i.commandName}`, latencyMs: Math.round(performance.now() - started), outcome }, 'interaction');
  }
}
