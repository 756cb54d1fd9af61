/**
 * Interaction bookkeeping: what the bot answered to each dispatched
 * interaction (callback, edits, follow-ups), the REST semantics of those
 * endpoints, and waiting until an answer is complete.
 */
import { performance } from 'node:perf_hooks';
import { now, ownMsSince, type Instant } from './cpuWait.js';
import { apiError, json, noContent, type JsonObject, type RecordedFile, type RecordedRequest, type RouteResponse } from './http.js';
import type { MessageStore } from './messages.js';
import { validateMessageBody } from './validation.js';
import { CallbackType, InteractionKind, MessageFlag, type FakeMessage, type FakeWorld } from './payloads.js';
import { describeBound, safetyNet } from './safetyNet.js';

/** The interaction callback (`POST /interactions/:id/:token/callback`) the bot sent. */
export interface InteractionCallbackRecord {
  /** 4 reply, 5 defer, 6 deferred update, 7 update, 8 autocomplete, 9 modal. */
  type: number;
  /** Callback `data`: content, flags, embeds, components, allowed_mentions, attachments, choices, ... */
  data: JsonObject | undefined;
  files: RecordedFile[];
  /** Milliseconds after the INTERACTION_CREATE frame was sent (wall clock: use for lower bounds). */
  atMs: number;
  /**
   * The same span minus the time this process waited for a CPU (see cpuWait.ts): the bot's
   * own time, which Discord's 3 s rule is checked on here, so that a machine loaded by other
   * processes cannot fail it and a slow or blocking bot still does.
   */
  ownMs: number;
  withResponse: boolean;
}

/** An edit, follow-up, fetch or delete made through the interaction webhook. */
export interface WebhookCall {
  kind: 'edit' | 'followUp' | 'fetch' | 'delete';
  /** Resolved message id (`@original` is replaced by the real id). */
  messageId: string;
  /** Whether the call targeted the original response. */
  original: boolean;
  body: JsonObject | undefined;
  files: RecordedFile[];
  query: Record<string, string>;
  atMs: number;
  /** The message as it stood after the call. */
  message: FakeMessage | undefined;
}

/** Message as the user would see it now, plus convenience flags. */
export interface MessageState extends FakeMessage {
  ephemeral: boolean;
  /** Still showing "Bot is thinking…" (deferred and never edited). */
  loading: boolean;
  deleted: boolean;
}

export type WaitFor = 'callback' | 'final';

export interface InteractionResult {
  id: string;
  token: string;
  /** Label from the builder, e.g. `/ask`. */
  label: string;
  /** The exact INTERACTION_CREATE payload sent. */
  payload: JsonObject;
  /** Shard the interaction was dispatched on. */
  shard: number;
  callback: InteractionCallbackRecord | undefined;
  /** The bot's own milliseconds from dispatch to the (successful) callback (`callback.ownMs`). */
  callbackMs: number | undefined;
  edits: WebhookCall[];
  followUps: WebhookCall[];
  deletes: WebhookCall[];
  fetches: WebhookCall[];
  /** Every REST call made with this interaction's token, injected failures included. */
  requests: RecordedRequest[];
  /** Autocomplete choices (callback type 8). */
  readonly choices: JsonObject[] | undefined;
  /** Modal data (callback type 9). */
  readonly modal: JsonObject | undefined;
  /** The original response as it stands (callback data merged with every edit); undefined for 8/9 or no callback. */
  final(): MessageState | undefined;
  /** Original response followed by every follow-up, in their current state. */
  messages(): MessageState[];
  /** Resolve once `predicate(this)` holds; reject after `timeoutMs` (default 5000, stretched on a loaded machine). */
  waitUntil(predicate: (r: InteractionResult) => boolean, timeoutMs?: number): Promise<InteractionResult>;
}

const DEFAULT_QUIET_MS = 150;

export class TrackedInteraction implements InteractionResult {
  callback: InteractionCallbackRecord | undefined;
  edits: WebhookCall[] = [];
  followUps: WebhookCall[] = [];
  deletes: WebhookCall[] = [];
  fetches: WebhookCall[] = [];
  requests: RecordedRequest[] = [];
  shard = -1;
  /** performance.now() when the INTERACTION_CREATE frame went out. */
  dispatchedAt = performance.now();
  /** Both clocks when the INTERACTION_CREATE frame went out (set with dispatchedAt). */
  dispatched: Instant = now();
  originalMessageId: string | undefined;
  /** Messages this interaction's webhook may touch: the original and follow-ups. */
  readonly ownedMessages = new Map<string, FakeMessage>();

  private lastActivity = now();
  private closedReason: string | undefined;
  private readonly wakers = new Set<() => void>();

  constructor(
    readonly id: string,
    readonly token: string,
    readonly label: string,
    readonly payload: JsonObject,
    private readonly store: MessageStore,
  ) {}

  get callbackMs(): number | undefined {
    return this.callback?.ownMs;
  }

  get choices(): JsonObject[] | undefined {
    return this.callback?.type === CallbackType.Autocomplete ? (this.callback.data?.choices as JsonObject[]) : undefined;
  }

  get modal(): JsonObject | undefined {
    return this.callback?.type === CallbackType.Modal ? this.callback.data : undefined;
  }

  sinceDispatch(): number {
    return Math.round((performance.now() - this.dispatchedAt) * 10) / 10;
  }

  /** sinceDispatch() minus the time spent waiting for a CPU. */
  ownSinceDispatch(): number {
    return Math.round(ownMsSince(this.dispatched) * 10) / 10;
  }

  final(): MessageState | undefined {
    return this.originalMessageId === undefined ? undefined : this.stateOf(this.originalMessageId);
  }

  messages(): MessageState[] {
    return [...this.ownedMessages.keys()].map((id) => this.stateOf(id)!);
  }

  /** Latest version of an owned message; deleted ones keep their last content. */
  private stateOf(id: string): MessageState | undefined {
    const live = this.store.get(id);
    const message = live ?? this.ownedMessages.get(id);
    if (!message) return undefined;
    return {
      ...message,
      ephemeral: (message.flags & MessageFlag.Ephemeral) !== 0,
      loading: (message.flags & MessageFlag.Loading) !== 0,
      deleted: live === undefined,
    };
  }

  /** Called on every REST call for this token and every state change. */
  touch(): void {
    this.lastActivity = now();
    for (const wake of [...this.wakers]) wake();
  }

  abort(reason: string): void {
    this.closedReason = reason;
    this.touch();
  }

  async waitUntil(predicate: (r: InteractionResult) => boolean, timeoutMs = 5000): Promise<InteractionResult> {
    await this.waitFor(() => predicate(this), timeoutMs, () => 'the waitUntil condition');
    return this;
  }

  /**
   * 'callback': the callback arrived. 'final': the callback arrived, a
   * deferred one (5/6) got its first edit or follow-up, and no REST call for
   * this interaction happened for `quietMs`.
   */
  async settle(waitFor: WaitFor, timeoutMs: number, quietMs = DEFAULT_QUIET_MS, reportedTimeoutMs = timeoutMs): Promise<void> {
    const answered = (): boolean => {
      if (!this.callback) return false;
      const deferred = this.callback.type === CallbackType.DeferReply || this.callback.type === CallbackType.DeferUpdate;
      return !deferred || this.edits.length + this.followUps.length > 0;
    };
    // The quiet period counts the bot's own time (not time the OS gave other processes), so
    // a starved bot's next call is not mistaken for silence.
    const done = (): boolean =>
      waitFor === 'callback' ? this.callback !== undefined : answered() && ownMsSince(this.lastActivity) >= quietMs;
    // while only the quiet period is missing, re-check when it would end
    const recheckIn = (): number | undefined =>
      waitFor === 'final' && answered() ? Math.max(1, quietMs - ownMsSince(this.lastActivity)) : undefined;
    const what = (): string => `its ${waitFor === 'callback' ? 'callback' : 'final response'}`;
    await this.waitFor(done, timeoutMs, what, recheckIn, reportedTimeoutMs);
  }

  private async waitFor(
    done: () => boolean,
    timeoutMs: number,
    what: () => string,
    recheckIn: () => number | undefined = () => undefined,
    reportedTimeoutMs = timeoutMs,
  ): Promise<void> {
    // a safety net, stretched by the load as it is now (safetyNet.ts)
    const started = performance.now();
    for (;;) {
      if (this.closedReason) throw new Error(`fake-discord: ${this.label}: ${this.closedReason}`);
      if (done()) return;
      const left = started + safetyNet(timeoutMs) - performance.now();
      if (left <= 0) throw new Error(this.timeoutMessage(what(), reportedTimeoutMs));
      await this.nextWake(Math.min(left, recheckIn() ?? left));
    }
  }

  private nextWake(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.wakers.add(wake);
    });
  }

  private timeoutMessage(what: string, timeoutMs: number): string {
    const calls = this.requests.map((r) => `${r.method} ${r.path} → ${r.status}${r.injected ? ' (injected)' : ''}`);
    return [
      `fake-discord: ${this.label} (interaction ${this.id}, shard ${this.shard}) did not get ${what} within ${describeBound(timeoutMs)}.`,
      `  callback: ${this.callback ? `type ${this.callback.type} at ${this.callback.atMs} ms` : 'none'};` +
        ` edits: ${this.edits.length}; follow-ups: ${this.followUps.length}`,
      `  REST calls for this token: ${calls.length ? calls.join(', ') : 'none'}`,
    ].join('\n');
  }
}

/**
 * REST semantics of the interaction endpoints, keyed by token.
 * Mirrors Discord's errors for common bot mistakes: double acknowledge
 * (40060), editing before replying (10008), a wrong callback type (50035),
 * a missing application id in the webhook URL (10015).
 */
export class InteractionRegistry {
  private readonly byToken = new Map<string, TrackedInteraction>();

  constructor(
    private readonly world: FakeWorld,
    private readonly store: MessageStore,
    /** When set, callbacks later than this answer 10062 Unknown interaction, like Discord's 3 s rule. */
    private readonly callbackDeadlineMs: number | undefined,
  ) {}

  add(tracked: TrackedInteraction): void {
    this.byToken.set(tracked.token, tracked);
    const message = tracked.payload.message as FakeMessage | undefined;
    // the message a component sits on is what 6/7 callbacks and @original edits change
    if (message) this.store.put(message);
  }

  all(): TrackedInteraction[] {
    return [...this.byToken.values()];
  }

  abortAll(reason: string): void {
    for (const tracked of this.byToken.values()) tracked.abort(reason);
  }

  /** Attach a recorded request to its interaction (by token in the path). */
  note(request: RecordedRequest): TrackedInteraction | undefined {
    const token = tokenOf(request.path);
    const tracked = token === undefined ? undefined : this.byToken.get(token);
    if (tracked) {
      tracked.requests.push(request);
      tracked.touch();
    }
    return tracked;
  }

  // POST /interactions/:id/:token/callback
  callback(interactionId: string, token: string, request: RecordedRequest): RouteResponse {
    const tracked = this.byToken.get(token);
    if (!tracked || tracked.id !== interactionId) return apiError(404, 'Unknown interaction', 10062);
    if (tracked.callback) return apiError(400, 'Interaction has already been acknowledged.', 40060);
    const atMs = tracked.sinceDispatch();
    // (Never more than the wall time: the two clocks are read one after the other and rounded
    // apart, which once put the own time 0.1 ms above it.)
    const ownMs = Math.min(tracked.ownSinceDispatch(), atMs);
    if (this.callbackDeadlineMs !== undefined && ownMs > this.callbackDeadlineMs) {
      return apiError(404, 'Unknown interaction', 10062);
    }
    const body = (request.body ?? {}) as JsonObject;
    const type = Number(body.type);
    const data = body.data as JsonObject | undefined;
    const invalid = this.invalidCallback(tracked, type);
    if (invalid) return invalid;
    // message limits as for channel messages; a rejected callback does not acknowledge the interaction
    if (type === CallbackType.Reply || type === CallbackType.Update) {
      const badMessage = validateMessageBody(data, { hasFiles: request.files.length > 0, isEdit: type === CallbackType.Update });
      if (badMessage) return badMessage;
    }

    tracked.callback = { type, data, files: request.files, atMs, ownMs, withResponse: request.query.with_response === 'true' };
    const message = this.applyCallback(tracked, type, data, request.files);
    tracked.touch();
    if (!tracked.callback.withResponse) return noContent();
    return json(200, callbackResponse(tracked, type, message));
  }

  // /webhooks/:app/:token[/messages/:id]
  webhook(appId: string, token: string, messageRef: string | undefined, request: RecordedRequest): RouteResponse {
    const tracked = this.byToken.get(token);
    if (!tracked || appId !== this.world.applicationId) return apiError(404, 'Unknown Webhook', 10015);
    if (messageRef === undefined) {
      return request.method === 'POST' ? this.followUp(tracked, request) : apiError(405, '405: Method Not Allowed');
    }
    const original = messageRef === '@original';
    const messageId = original ? tracked.originalMessageId : messageRef;
    if (messageId === undefined || !tracked.ownedMessages.has(messageId)) {
      return apiError(404, 'Unknown Message', 10008);
    }
    switch (request.method) {
      case 'GET':
        return this.fetch(tracked, messageId, original, request);
      case 'PATCH':
        return this.edit(tracked, messageId, original, request);
      case 'DELETE':
        return this.remove(tracked, messageId, original, request);
      default:
        return apiError(405, '405: Method Not Allowed');
    }
  }

  private followUp(tracked: TrackedInteraction, request: RecordedRequest): RouteResponse {
    if (!tracked.callback) return apiError(404, 'Unknown Webhook', 10015);
    const invalid = validateMessageBody(request.body as JsonObject | undefined, { hasFiles: request.files.length > 0, isEdit: false });
    if (invalid) return invalid;
    const message = this.store.create(request.body as JsonObject | undefined, request.files, this.placement(tracked, 0));
    tracked.ownedMessages.set(message.id, message);
    tracked.followUps.push(this.call(tracked, 'followUp', message.id, false, request, message));
    tracked.touch();
    return request.query.wait === 'true' ? json(200, message) : noContent();
  }

  private fetch(tracked: TrackedInteraction, messageId: string, original: boolean, request: RecordedRequest): RouteResponse {
    const message = this.store.get(messageId);
    tracked.fetches.push(this.call(tracked, 'fetch', messageId, original, request, message));
    return message ? json(200, message) : apiError(404, 'Unknown Message', 10008);
  }

  private edit(tracked: TrackedInteraction, messageId: string, original: boolean, request: RecordedRequest): RouteResponse {
    const invalid = validateMessageBody(request.body as JsonObject | undefined, { hasFiles: request.files.length > 0, isEdit: true });
    if (invalid) return invalid;
    // the first edit of a deferred reply replaces "thinking…"
    const message = this.store.edit(messageId, request.body as JsonObject | undefined, request.files, {
      clearFlags: MessageFlag.Loading,
    });
    if (!message) return apiError(404, 'Unknown Message', 10008);
    tracked.ownedMessages.set(messageId, message);
    tracked.edits.push(this.call(tracked, 'edit', messageId, original, request, message));
    tracked.touch();
    return json(200, message);
  }

  private remove(tracked: TrackedInteraction, messageId: string, original: boolean, request: RecordedRequest): RouteResponse {
    const last = this.store.get(messageId);
    if (last) tracked.ownedMessages.set(messageId, last);
    this.store.delete(messageId);
    tracked.deletes.push(this.call(tracked, 'delete', messageId, original, request, undefined));
    tracked.touch();
    return noContent();
  }

  /** Discord rejects callback types that make no sense for the interaction. */
  private invalidCallback(tracked: TrackedInteraction, type: number): RouteResponse | undefined {
    const kind = Number(tracked.payload.type);
    const hasMessage = tracked.payload.message !== undefined;
    const allowed =
      kind === InteractionKind.Autocomplete
        ? type === CallbackType.Autocomplete
        : type === CallbackType.Reply ||
          type === CallbackType.DeferReply ||
          ((type === CallbackType.DeferUpdate || type === CallbackType.Update) && hasMessage) ||
          (type === CallbackType.Modal && kind !== InteractionKind.ModalSubmit);
    if (allowed) return undefined;
    return json(400, {
      message: 'Invalid Form Body',
      code: 50035,
      errors: { type: { _errors: [{ code: 'INTERACTION_RESPONSE_TYPE_INVALID', message: `Callback type ${type} is not valid here` }] } },
    });
  }

  /** Creates or updates the original response message; returns it if there is one. */
  private applyCallback(
    tracked: TrackedInteraction,
    type: number,
    data: JsonObject | undefined,
    files: RecordedFile[],
  ): FakeMessage | undefined {
    let message: FakeMessage | undefined;
    const componentMessageId = (tracked.payload.message as FakeMessage | undefined)?.id;
    switch (type) {
      case CallbackType.Reply:
        message = this.store.create(data, files, this.placement(tracked, replyMessageType(tracked)));
        break;
      case CallbackType.DeferReply: {
        const ephemeral = Number(data?.flags ?? 0) & MessageFlag.Ephemeral;
        const placeholder = { content: '', flags: ephemeral | MessageFlag.Loading };
        message = this.store.create(placeholder, [], this.placement(tracked, replyMessageType(tracked)));
        break;
      }
      case CallbackType.DeferUpdate:
        message = componentMessageId === undefined ? undefined : this.store.get(componentMessageId);
        break;
      case CallbackType.Update:
        message = componentMessageId === undefined ? undefined : this.store.edit(componentMessageId, data, files);
        break;
      default:
        return undefined; // autocomplete and modal create no message
    }
    if (message) {
      tracked.originalMessageId = message.id;
      tracked.ownedMessages.set(message.id, message);
    }
    return message;
  }

  private placement(tracked: TrackedInteraction, messageType: number) {
    const payload = tracked.payload;
    return {
      channelId: String((payload.channel as JsonObject | undefined)?.id ?? payload.channel_id),
      guildId: payload.guild_id as string | undefined,
      author: this.world.botUser,
      extra: {
        type: messageType,
        webhook_id: this.world.applicationId,
        application_id: this.world.applicationId,
        interaction_metadata: {
          id: tracked.id,
          type: payload.type,
          user: (payload.member as JsonObject | undefined)?.user ?? payload.user,
          authorizing_integration_owners: payload.authorizing_integration_owners,
        },
      },
    };
  }

  private call(
    tracked: TrackedInteraction,
    kind: WebhookCall['kind'],
    messageId: string,
    original: boolean,
    request: RecordedRequest,
    message: FakeMessage | undefined,
  ): WebhookCall {
    return {
      kind,
      messageId,
      original,
      body: request.body as JsonObject | undefined,
      files: request.files,
      query: request.query,
      atMs: tracked.sinceDispatch(),
      message,
    };
  }
}

/** 20 = reply to a chat-input command, 23 = context menu, 0 otherwise. */
function replyMessageType(tracked: TrackedInteraction): number {
  if (Number(tracked.payload.type) !== InteractionKind.ApplicationCommand) return 0;
  return Number((tracked.payload.data as JsonObject).type) === 1 ? 20 : 23;
}

/** InteractionCallbackResponse for `?with_response=true`. */
function callbackResponse(tracked: TrackedInteraction, type: number, message: FakeMessage | undefined): JsonObject {
  const interaction: JsonObject = { id: tracked.id, type: tracked.payload.type };
  if (message) {
    interaction.response_message_id = message.id;
    interaction.response_message_loading = (message.flags & MessageFlag.Loading) !== 0;
    interaction.response_message_ephemeral = (message.flags & MessageFlag.Ephemeral) !== 0;
  }
  const resource: JsonObject = { type };
  if (message) resource.message = message;
  return { interaction, resource };
}

/** Token segment of `/interactions/:id/:token/callback` or `/webhooks/:app/:token...`. */
function tokenOf(path: string): string | undefined {
  const parts = path.split('/');
  if (parts[1] === 'interactions' || parts[1] === 'webhooks') return parts[3];
  return undefined;
}
