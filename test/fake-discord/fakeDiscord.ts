/**
 * Loopback fake Discord: REST API + gateway WebSocket on 127.0.0.1 (random
 * port) that drives the REAL discord.js client, for bot integration tests.
 *
 *   const fake = await startFakeDiscord();
 *   const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiUrl } });
 *   const ready = once(client, Events.ClientReady);       // await ready, not login()
 *   client.login('any-token').catch(() => {});
 *   await ready;
 *   const result = await fake.interact(slashCommand('ask', { question: 'hi' }));
 *   expect(result.final()?.content).toContain('...');
 *   await Promise.race([client.destroy(), sleep(3000)]);   // client first (bounded),
 *   await fake.close();                                    // then the fake
 *
 * Things to know:
 * - Closing the fake before the client leaves discord.js reconnecting forever.
 * - A payload discord.js cannot parse is an unhandled rejection inside
 *   discord.js, never an `interactionCreate`; the interaction then times out.
 * - Sharded fakes recommend `shards` in /gateway/bot; the client only uses it
 *   with `shards: 'auto'`. Routing uses the shard count the client identified with.
 * - Follow-ups are separate messages: a deferred reply that is never edited
 *   stays `loading` in `final()`, as it would in Discord.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { CommandStore } from './commands.js';
import { FakeGateway, type GatewayFrame, type IdentifyRecord } from './gateway.js';
import {
  apiError,
  FailureInjector,
  json,
  noContent,
  parseBody,
  readBody,
  send,
  type JsonObject,
  type RecordedRequest,
  type RouteResponse,
} from './http.js';
import { InteractionRegistry, TrackedInteraction, type InteractionResult, type WaitFor } from './interactions.js';
import { MessageStore } from './messages.js';
import {
  buildInteractionPayload,
  createWorld,
  guildPayload,
  interactionToken,
  textChannel,
  type FakeMessage,
  type FakeUser,
  type FakeWorld,
  type InteractionInput,
} from './payloads.js';
import { snowflake } from './snowflake.js';

export * from './payloads.js';
export type { RecordedFile, RecordedRequest, JsonObject } from './http.js';
export type { GatewayFrame, IdentifyRecord } from './gateway.js';
export type { InteractionCallbackRecord, InteractionResult, MessageState, WaitFor, WebhookCall } from './interactions.js';
export { shardForGuild, snowflake, snowflakeTime } from './snowflake.js';
export { validateCommand } from './commands.js';

export interface FakeDiscordOptions {
  /** Shard count `GET /gateway/bot` recommends (default 1). Start the client with `shards: 'auto'` to use it. */
  shards?: number;
  /** HELLO heartbeat interval (default 41250 ms, Discord's value). */
  heartbeatIntervalMs?: number;
  /** Answer callbacks later than this with 10062 Unknown interaction (Discord: 3000). Off by default. */
  callbackDeadlineMs?: number;
}

export interface InteractOptions {
  /**
   * 'callback': resolve as soon as the callback arrives. 'final' (default):
   * the callback arrived, a deferred one (5/6) got its first edit or
   * follow-up, and `quietMs` passed without further REST calls for it.
   * The result keeps updating afterwards; use `result.waitUntil` for later calls.
   */
  waitFor?: WaitFor;
  /** Bound for the whole call, including waiting for the shard to be connected (default 5000). */
  timeoutMs?: number;
  /** Force the shard; by default the guild's shard ((guild_id >> 22) % count), or 0 for DMs. */
  shard?: number;
  /** 'final' resolves after this long without REST calls for the interaction (default 150). */
  quietMs?: number;
}

export interface FakeDiscord {
  /** http://127.0.0.1:PORT/api: pass as `new Client({ rest: { api } })` (discord.js appends /v10). */
  readonly apiUrl: string;
  /** ws://127.0.0.1:PORT, returned by /gateway/bot and as resume_gateway_url. */
  readonly gatewayUrl: string;
  readonly applicationId: string;
  readonly botUserId: string;
  readonly botUser: FakeUser;
  readonly guildId: string;
  readonly channelId: string;
  readonly dmChannelId: string;
  /** Every REST call, in order (including injected failures and 404s). */
  readonly requests: RecordedRequest[];
  /** Commands stored by PUT/POST; no scope = global. */
  registeredCommands(scope?: { guildId?: string }): JsonObject[];
  /** Dispatch an interaction and collect what the bot sends back for it. */
  interact(input: InteractionInput, opts?: InteractOptions): Promise<InteractionResult>;
  /** Every interaction dispatched so far (results keep updating after `interact` resolves). */
  interactions(): InteractionResult[];
  /** Messages the bot posted to a channel with POST /channels/:id/messages (default: the fake's channel). */
  channelMessages(channelId?: string): FakeMessage[];
  /** Send any gateway dispatch (e.g. MESSAGE_CREATE) to a shard or to the guild's shard. Resolves with the shard used. */
  dispatch(event: string, data: unknown, target?: { shard?: number; guildId?: string; timeoutMs?: number }): Promise<number>;
  /** Close live sockets with `code` (all shards, or one). 1006 drops the TCP connection without a close frame. */
  closeSocket(code: number, opts?: { shard?: number }): void;
  /** Send op 9; `resumable=false` also forgets the session so the client must IDENTIFY again. */
  invalidateSession(resumable: boolean, opts?: { shard?: number }): void;
  /** Send op 7 Reconnect. */
  requestReconnect(opts?: { shard?: number }): void;
  /** Send op 1: the client must heartbeat at once. */
  requestHeartbeat(opts?: { shard?: number }): void;
  /** Stop/resume answering heartbeats (without ACKs the client closes 4200 and resumes). */
  setHeartbeatAcks(enabled: boolean): void;
  readonly identifyCount: number;
  readonly resumeCount: number;
  readonly identifies: IdentifyRecord[];
  /** Every gateway frame the client sent. */
  readonly gatewayFrames: GatewayFrame[];
  /** Wait until `predicate` holds, re-checked on gateway changes (connect, identify, resume, close). */
  waitForGateway(predicate: (fake: FakeDiscord) => boolean, timeoutMs?: number): Promise<void>;
  /** Make the next `times` (default 1) REST calls matching `route` fail with `status`. */
  failNext(route: RegExp, status: number, opts?: { retryAfter?: number; times?: number }): void;
  clearFailures(): void;
  readonly shardCount: number;
  /** Shard ids with a live identified/resumed connection. */
  connectedShards(): number[];
  /** Terminate sockets and stop the server. Destroy the discord.js client first. */
  close(): Promise<void>;
}

const DEFAULT_TIMEOUT_MS = 5000;

type Params = Record<string, string>;
type Handler = (params: Params, request: RecordedRequest) => RouteResponse;
interface Route {
  method: string;
  pattern: RegExp;
  handler: Handler;
}

class FakeDiscordServer implements FakeDiscord {
  readonly apiUrl: string;
  readonly gatewayUrl: string;
  readonly requests: RecordedRequest[] = [];
  readonly shardCount: number;

  private readonly world: FakeWorld;
  private readonly store: MessageStore;
  private readonly commands: CommandStore;
  private readonly registry: InteractionRegistry;
  private readonly gateway: FakeGateway;
  private readonly failures = new FailureInjector();
  private readonly routes: Route[];
  private closed = false;

  constructor(
    private readonly server: Server,
    port: number,
    opts: FakeDiscordOptions,
  ) {
    const origin = `http://127.0.0.1:${port}`;
    this.apiUrl = `${origin}/api`;
    this.gatewayUrl = `ws://127.0.0.1:${port}`;
    this.shardCount = Math.max(1, opts.shards ?? 1);
    this.world = createWorld(origin);
    this.store = new MessageStore(origin);
    this.commands = new CommandStore(this.world.applicationId);
    this.registry = new InteractionRegistry(this.world, this.store, opts.callbackDeadlineMs);
    this.gateway = new FakeGateway({
      heartbeatIntervalMs: opts.heartbeatIntervalMs ?? 41_250,
      url: () => this.gatewayUrl,
      botUser: this.world.botUser,
      applicationId: this.world.applicationId,
      guildId: this.world.guildId,
      guild: () => guildPayload(this.world),
    });
    this.routes = this.buildRoutes();
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      this.onRequest(req, res).catch((error: unknown) => {
        if (!res.headersSent) send(res, apiError(500, `fake-discord internal error: ${String(error)}`));
      });
    });
    server.on('upgrade', (req, socket, head: Buffer) => this.gateway.handleUpgrade(req, socket, head));
  }

  get applicationId(): string {
    return this.world.applicationId;
  }
  get botUserId(): string {
    return this.world.botUser.id;
  }
  get botUser(): FakeUser {
    return this.world.botUser;
  }
  get guildId(): string {
    return this.world.guildId;
  }
  get channelId(): string {
    return this.world.channelId;
  }
  get dmChannelId(): string {
    return this.world.dmChannelId;
  }
  get identifyCount(): number {
    return this.gateway.identifyCount;
  }
  get resumeCount(): number {
    return this.gateway.resumeCount;
  }
  get identifies(): IdentifyRecord[] {
    return this.gateway.identifies;
  }
  get gatewayFrames(): GatewayFrame[] {
    return this.gateway.frames;
  }

  registeredCommands(scope: { guildId?: string } = {}): JsonObject[] {
    return this.commands.list(scope.guildId);
  }

  async interact(input: InteractionInput, opts: InteractOptions = {}): Promise<InteractionResult> {
    if (this.closed) throw new Error('fake-discord: interact() after close()');
    const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const started = Date.now();
    const id = snowflake();
    const token = interactionToken();
    const payload = buildInteractionPayload(input, {
      world: this.world,
      id,
      token,
      commandId: (name, type, guildId) => this.commands.find(name, type, guildId),
    });
    const tracked = new TrackedInteraction(id, token, input.label, payload, this.store);
    this.registry.add(tracked);

    const target = opts.shard !== undefined ? { shard: opts.shard } : { guildId: payload.guild_id as string | undefined };
    tracked.shard = await this.gateway.dispatch('INTERACTION_CREATE', payload, target, timeoutMs);
    tracked.dispatchedAt = performance.now();
    // one budget for the whole call: time spent waiting for the shard counts too
    const left = Math.max(1, timeoutMs - (Date.now() - started));
    await tracked.settle(opts.waitFor ?? 'final', left, opts.quietMs, timeoutMs);
    return tracked;
  }

  interactions(): InteractionResult[] {
    return this.registry.all();
  }

  channelMessages(channelId: string = this.world.channelId): FakeMessage[] {
    return this.store.inChannel(channelId);
  }

  dispatch(event: string, data: unknown, target: { shard?: number; guildId?: string; timeoutMs?: number } = {}): Promise<number> {
    const where = target.shard !== undefined ? { shard: target.shard } : { guildId: target.guildId };
    return this.gateway.dispatch(event, data, where, target.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  }

  closeSocket(code: number, opts: { shard?: number } = {}): void {
    this.gateway.closeSocket(code, opts.shard);
  }

  invalidateSession(resumable: boolean, opts: { shard?: number } = {}): void {
    this.gateway.invalidateSession(resumable, opts.shard);
  }

  requestReconnect(opts: { shard?: number } = {}): void {
    this.gateway.requestReconnect(opts.shard);
  }

  requestHeartbeat(opts: { shard?: number } = {}): void {
    this.gateway.requestHeartbeat(opts.shard);
  }

  setHeartbeatAcks(enabled: boolean): void {
    this.gateway.ackHeartbeats = enabled;
  }

  waitForGateway(predicate: (fake: FakeDiscord) => boolean, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<void> {
    return this.gateway.waitUntil(() => predicate(this), timeoutMs, 'the waitForGateway condition');
  }

  failNext(route: RegExp, status: number, opts: { retryAfter?: number; times?: number } = {}): void {
    this.failures.add(route, status, opts);
  }

  clearFailures(): void {
    this.failures.clear();
  }

  connectedShards(): number[] {
    return this.gateway.connectedShards();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.registry.abortAll('the fake Discord was closed');
    await this.gateway.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // -------------------------------------------------------------------------
  // HTTP

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.apiUrl);
    const raw = await readBody(req);
    if (req.method === 'GET' && url.pathname.startsWith('/attachments/')) {
      send(res, this.attachment(url.pathname));
      return;
    }
    const api = /^\/api(?:\/v\d+)?(\/.*)?$/.exec(url.pathname);
    if (!api) {
      send(res, apiError(404, '404: Not Found'));
      return;
    }
    const method = (req.method ?? 'GET').toUpperCase();
    const { body, files } = await parseBody(req, raw);
    const record: RecordedRequest = {
      method,
      path: decodePath(api[1] ?? '/'),
      query: Object.fromEntries(url.searchParams),
      body,
      files,
      time: Date.now(),
      status: 0,
      injected: false,
      authorized: req.headers.authorization !== undefined,
    };
    this.requests.push(record);
    const tracked = this.registry.note(record);
    const injected = this.failures.take(method, record.path);
    const response = injected ?? this.route(record);
    record.status = response.status;
    record.injected = injected !== undefined;
    tracked?.touch();
    send(res, response);
  }

  private attachment(pathname: string): RouteResponse {
    const file = this.store.file(pathname);
    if (!file) return apiError(404, '404: Not Found');
    return { status: 200, body: file.bytes, headers: { 'content-type': file.contentType || 'application/octet-stream' } };
  }

  private route(request: RecordedRequest): RouteResponse {
    for (const route of this.routes) {
      if (route.method !== request.method) continue;
      const match = route.pattern.exec(request.path);
      if (match) return route.handler(match.groups ?? {}, request);
    }
    // unknown calls stay visible in `requests` and fail loudly in the bot
    return apiError(404, '404: Not Found', 0);
  }

  private buildRoutes(): Route[] {
    const r = (method: string, pattern: RegExp, handler: Handler): Route => ({ method, pattern, handler });
    const app = '(?<app>[^/]*)';
    const guildScope = '(?:/guilds/(?<guild>[^/]+))?';
    const commandsBase = `^/applications/${app}${guildScope}/commands`;
    return [
      r('GET', /^\/gateway\/bot$/, () => json(200, this.gatewayBot())),
      r('GET', /^\/gateway$/, () => json(200, { url: this.gatewayUrl })),
      r('GET', /^\/users\/@me$/, () => json(200, this.world.botUser)),
      r('GET', /^\/applications\/@me$/, () => json(200, this.application())),
      r('GET', /^\/oauth2\/applications\/@me$/, () => json(200, this.application())),
      r('GET', new RegExp(`${commandsBase}$`), (p) => this.withApp(p, () => json(200, this.commands.list(p.guild)))),
      r('PUT', new RegExp(`${commandsBase}$`), (p, q) => this.withApp(p, () => this.putCommands(p, q))),
      r('POST', new RegExp(`${commandsBase}$`), (p, q) => this.withApp(p, () => this.postCommand(p, q))),
      r('GET', new RegExp(`${commandsBase}/(?<id>[^/]+)$`), (p) => this.withApp(p, () => this.getCommand(p))),
      r('PATCH', new RegExp(`${commandsBase}/(?<id>[^/]+)$`), (p, q) => this.withApp(p, () => this.patchCommand(p, q))),
      r('DELETE', new RegExp(`${commandsBase}/(?<id>[^/]+)$`), (p) => this.withApp(p, () => this.deleteCommand(p))),
      r('POST', /^\/interactions\/(?<id>[^/]+)\/(?<token>[^/]+)\/callback$/, (p, q) =>
        this.registry.callback(p.id!, p.token!, q),
      ),
      r('POST', /^\/webhooks\/(?<app>[^/]*)\/(?<token>[^/]+)$/, (p, q) => this.registry.webhook(p.app!, p.token!, undefined, q)),
      ...['GET', 'PATCH', 'DELETE'].map((method) =>
        r(method, /^\/webhooks\/(?<app>[^/]*)\/(?<token>[^/]+)\/messages\/(?<msg>[^/]+)$/, (p, q) =>
          this.registry.webhook(p.app!, p.token!, p.msg, q),
        ),
      ),
      r('GET', /^\/guilds\/(?<guild>[^/]+)$/, (p) =>
        p.guild === this.world.guildId ? json(200, guildPayload(this.world)) : apiError(404, 'Unknown Guild', 10004),
      ),
      r('GET', /^\/channels\/(?<channel>[^/]+)$/, (p) =>
        p.channel === this.world.channelId ? json(200, textChannel(this.world)) : apiError(404, 'Unknown Channel', 10003),
      ),
      r('POST', /^\/channels\/(?<channel>[^/]+)\/typing$/, () => noContent()),
      r('GET', /^\/channels\/(?<channel>[^/]+)\/messages$/, (p) => json(200, this.store.inChannel(p.channel!).reverse())),
      r('POST', /^\/channels\/(?<channel>[^/]+)\/messages$/, (p, q) => this.postChannelMessage(p.channel!, q)),
      r('GET', /^\/channels\/(?<channel>[^/]+)\/messages\/(?<msg>[^/]+)$/, (p) => this.channelMessage(p, (id) => this.store.get(id))),
      r('PATCH', /^\/channels\/(?<channel>[^/]+)\/messages\/(?<msg>[^/]+)$/, (p, q) =>
        this.channelMessage(p, (id) => this.store.edit(id, q.body as JsonObject | undefined, q.files)),
      ),
      r('DELETE', /^\/channels\/(?<channel>[^/]+)\/messages\/(?<msg>[^/]+)$/, (p) =>
        this.store.delete(p.msg!) ? noContent() : apiError(404, 'Unknown Message', 10008),
      ),
    ];
  }

  private gatewayBot(): JsonObject {
    return {
      url: this.gatewayUrl,
      shards: this.shardCount,
      // high max_concurrency lets all shards identify at once instead of 5 s apart
      session_start_limit: { total: 1000, remaining: 999, reset_after: 86_400_000, max_concurrency: 16 },
    };
  }

  private application(): JsonObject {
    return {
      id: this.world.applicationId,
      name: 'fake-bot',
      icon: null,
      description: '',
      summary: '',
      type: null,
      bot: this.world.botUser,
      bot_public: true,
      bot_require_code_grant: false,
      verify_key: '0'.repeat(64),
      flags: 0,
      owner: { ...this.world.botUser, id: '100000000000000001', username: 'owner', bot: false },
      team: null,
      approximate_guild_count: 1,
      interactions_endpoint_url: null,
      integration_types_config: { '0': {} },
    };
  }

  /** Requests for another application's commands get Discord's 404. */
  private withApp(params: Params, then: () => RouteResponse): RouteResponse {
    if (params.app !== this.world.applicationId) return apiError(404, 'Unknown Application', 10002);
    return then();
  }

  private putCommands(params: Params, request: RecordedRequest): RouteResponse {
    const result = this.commands.overwrite(request.body, params.guild);
    return typeof result === 'string' ? invalidForm(result) : json(200, result);
  }

  private postCommand(params: Params, request: RecordedRequest): RouteResponse {
    const result = this.commands.upsert(request.body, params.guild);
    if (typeof result === 'string') return invalidForm(result);
    return json(result.created ? 201 : 200, result.command);
  }

  private getCommand(params: Params): RouteResponse {
    const command = this.commands.get(params.id!, params.guild);
    return command ? json(200, command) : apiError(404, 'Unknown application command', 10063);
  }

  private patchCommand(params: Params, request: RecordedRequest): RouteResponse {
    const result = this.commands.edit(params.id!, (request.body ?? {}) as JsonObject, params.guild);
    if (typeof result === 'string') return invalidForm(result);
    return result ? json(200, result) : apiError(404, 'Unknown application command', 10063);
  }

  private deleteCommand(params: Params): RouteResponse {
    return this.commands.remove(params.id!, params.guild) ? noContent() : apiError(404, 'Unknown application command', 10063);
  }

  private postChannelMessage(channelId: string, request: RecordedRequest): RouteResponse {
    const guildId = channelId === this.world.channelId ? this.world.guildId : undefined;
    const body = request.body as JsonObject | undefined;
    const message = this.store.create(body, request.files, {
      channelId,
      guildId,
      author: this.world.botUser,
      // discord.js matches its own sends by nonce when enforceNonce is used
      extra: body?.nonce === undefined ? {} : { nonce: body.nonce },
    });
    return json(200, message);
  }

  private channelMessage(params: Params, op: (id: string) => FakeMessage | undefined): RouteResponse {
    const message = op(params.msg!);
    if (!message || message.channel_id !== params.channel) return apiError(404, 'Unknown Message', 10008);
    return json(200, message);
  }
}

function invalidForm(problem: string): RouteResponse {
  return json(400, { message: 'Invalid Form Body', code: 50035, errors: { _errors: [{ code: 'BASE_TYPE_INVALID', message: problem }] } });
}

/** Decode each segment: discord.js sends `@original` as `%40original`. */
function decodePath(path: string): string {
  return path
    .split('/')
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    })
    .join('/');
}

/** Start a fake Discord on 127.0.0.1 with a random free port. */
export async function startFakeDiscord(opts: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return new FakeDiscordServer(server, port, opts);
}
