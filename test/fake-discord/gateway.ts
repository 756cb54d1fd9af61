/**
 * Fake Discord gateway (JSON text frames, no compression) for the real
 * discord.js client.
 *
 * Protocol subset: HELLO on connect, heartbeat ACKs, IDENTIFY → READY
 * (+ GUILD_CREATE), RESUME → RESUMED (no replay of missed events), server
 * initiated heartbeat requests (op 1), reconnect (op 7), invalid session
 * (op 9) and arbitrary close codes. Sessions survive socket closes so the
 * client can resume on a fresh connection.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { WebSocketServer, WebSocket } from 'ws';
import type { JsonObject } from './http.js';
import { shardForGuild } from './snowflake.js';
import { describeBound, safetyNet } from './safetyNet.js';

export const GatewayOp = {
  Dispatch: 0,
  Heartbeat: 1,
  Identify: 2,
  PresenceUpdate: 3,
  Resume: 6,
  Reconnect: 7,
  InvalidSession: 9,
  Hello: 10,
  HeartbeatAck: 11,
} as const;

/** A frame the client sent, for assertions and debugging. */
export interface GatewayFrame {
  op: number;
  d: unknown;
  /** Shard of the connection, once it identified/resumed. */
  shard: number | undefined;
  time: number;
}

export interface IdentifyRecord {
  shard: [number, number];
  intents: number;
  time: number;
}

/** A dispatch the fake sent, exactly as that connection received it. */
export interface DispatchRecord {
  t: string;
  d: unknown;
  shard: number;
  /** Intents the receiving session identified with. */
  intents: number;
  time: number;
}

/** Target of a dispatch: a shard id, or the shard owning a guild (none = DMs = shard 0). */
export interface DispatchTarget {
  shard?: number;
  guildId?: string;
}

/**
 * Builds the payload one connection should receive given its intents, or
 * `undefined` when Discord would not send it that event at all.
 */
export type PayloadForIntents = (intents: number) => unknown;

interface Session {
  id: string;
  shard: [number, number];
  seq: number;
  /** From IDENTIFY; a resumed session keeps them, as on Discord. */
  intents: number;
}

interface Connection {
  ws: WebSocket;
  session: Session | undefined;
  /** True after READY/RESUMED was sent: dispatches may flow. */
  live: boolean;
}

export interface GatewayOptions {
  heartbeatIntervalMs: number;
  /** ws://127.0.0.1:PORT, given as resume_gateway_url. */
  url: () => string;
  botUser: JsonObject;
  applicationId: string;
  guildId: string;
  /** Full guild object for GUILD_CREATE. */
  guild: () => JsonObject;
}

const GUILDS_INTENT = 1;

export class FakeGateway {
  readonly wss = new WebSocketServer({ noServer: true });
  readonly frames: GatewayFrame[] = [];
  readonly identifies: IdentifyRecord[] = [];
  /** Every dispatch sent, per connection, in order. */
  readonly dispatches: DispatchRecord[] = [];
  identifyCount = 0;
  resumeCount = 0;
  /** When false, heartbeats go unanswered (the client then closes 4200 and resumes). */
  ackHeartbeats = true;

  private readonly connections = new Set<Connection>();
  private readonly sessions = new Map<string, Session>();
  private readonly changeListeners = new Set<() => void>();
  private closed = false;

  constructor(private readonly opts: GatewayOptions) {
    this.wss.on('connection', (ws) => this.onConnection(ws));
  }

  /** Hand an HTTP upgrade to the WebSocket server (any path is accepted). */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => this.wss.emit('connection', ws, req));
  }

  /** Shard ids with a live (identified or resumed) connection, ascending. */
  connectedShards(): number[] {
    const ids = [...this.connections].filter((c) => c.live && c.session).map((c) => c.session!.shard[0]);
    return [...new Set(ids)].sort((a, b) => a - b);
  }

  /**
   * Send a dispatch event. `target` picks the connection: a shard id, or a
   * guild id routed with Discord's formula using the shard count the client
   * identified with. Waits (up to `timeoutMs`) for that shard to be live,
   * which covers a client that is still resuming. Returns the shard used.
   */
  async dispatch(t: string, d: unknown, target: DispatchTarget, timeoutMs: number): Promise<number> {
    const conn = await this.waitForConnection((c) => ownsTarget(c, target), timeoutMs, describeTarget(target));
    this.sendDispatch(conn, t, d);
    return conn.session!.shard[0];
  }

  /**
   * Send an event the way Discord fans it out: to every live connection
   * owning `target` (several clients may share the fake), each getting the
   * payload its intents allow. Waits (up to `timeoutMs`) for at least one
   * live owner so an event is not lost while a client is still connecting
   * or resuming; `timeoutMs: 0` sends to whoever is live now. Resolves with
   * the shard ids that received it (empty when every owner lacked the intent).
   */
  async broadcast(t: string, payloadFor: PayloadForIntents, target: DispatchTarget, timeoutMs: number): Promise<number[]> {
    if (timeoutMs > 0) {
      await this.waitForConnection((c) => ownsTarget(c, target), timeoutMs, describeTarget(target));
    }
    const delivered: number[] = [];
    for (const conn of this.liveConnections()) {
      if (!ownsTarget(conn, target)) continue;
      const d = payloadFor(conn.session!.intents);
      if (d === undefined) continue;
      this.sendDispatch(conn, t, d);
      delivered.push(conn.session!.shard[0]);
    }
    return delivered;
  }

  /** Close live sockets (all, or one shard's). 1006 and other reserved codes drop the TCP connection. */
  closeSocket(code: number, shard?: number): void {
    for (const conn of this.matching(shard)) {
      if (isSendableCloseCode(code)) conn.ws.close(code, 'fake-discord closeSocket');
      else conn.ws.terminate();
    }
  }

  /** Op 9: `resumable=false` also forgets the session, forcing a new IDENTIFY. */
  invalidateSession(resumable: boolean, shard?: number): void {
    for (const conn of this.matching(shard)) {
      if (!resumable && conn.session) this.sessions.delete(conn.session.id);
      this.send(conn, { op: GatewayOp.InvalidSession, d: resumable, s: null, t: null });
    }
  }

  /** Op 7: ask the client to reconnect and resume. */
  requestReconnect(shard?: number): void {
    for (const conn of this.matching(shard)) this.send(conn, { op: GatewayOp.Reconnect, d: null, s: null, t: null });
  }

  /** Op 1 from the server: the client must heartbeat immediately. */
  requestHeartbeat(shard?: number): void {
    for (const conn of this.matching(shard)) this.send(conn, { op: GatewayOp.Heartbeat, d: null, s: null, t: null });
  }

  /** Resolves once `predicate` holds for the set of live connections. */
  async waitUntil(predicate: () => boolean, timeoutMs: number, what: string): Promise<void> {
    if (predicate()) return;
    const bound = safetyNet(timeoutMs); // a safety net, stretched on a loaded machine
    await new Promise<void>((resolve, reject) => {
      const check = (): void => {
        if (this.closed) {
          cleanup();
          reject(new Error(`fake-discord: closed while waiting for ${what}`));
          return;
        }
        if (!predicate()) return;
        cleanup();
        resolve();
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`fake-discord: timed out after ${describeBound(timeoutMs, bound)} waiting for ${what}`));
      }, bound);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.changeListeners.delete(check);
      };
      this.changeListeners.add(check);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.changed();
    for (const conn of this.connections) conn.ws.terminate();
    this.connections.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  // -------------------------------------------------------------------------

  private onConnection(ws: WebSocket): void {
    const conn: Connection = { ws, session: undefined, live: false };
    this.connections.add(conn);
    ws.on('message', (raw) => this.onFrame(conn, raw.toString()));
    ws.on('close', () => {
      this.connections.delete(conn);
      this.changed();
    });
    ws.on('error', () => {
      // a dropped client socket is normal here; 'close' follows
    });
    this.send(conn, { op: GatewayOp.Hello, d: { heartbeat_interval: this.opts.heartbeatIntervalMs }, s: null, t: null });
  }

  private onFrame(conn: Connection, text: string): void {
    let frame: { op: number; d: unknown };
    try {
      frame = JSON.parse(text) as { op: number; d: unknown };
    } catch {
      conn.ws.close(4002, 'Error while decoding payload.');
      return;
    }
    this.frames.push({ op: frame.op, d: frame.d, shard: conn.session?.shard[0], time: Date.now() });
    switch (frame.op) {
      case GatewayOp.Heartbeat:
        if (this.ackHeartbeats) this.send(conn, { op: GatewayOp.HeartbeatAck, d: null, s: null, t: null });
        break;
      case GatewayOp.Identify:
        this.onIdentify(conn, (frame.d ?? {}) as JsonObject);
        break;
      case GatewayOp.Resume:
        this.onResume(conn, (frame.d ?? {}) as JsonObject);
        break;
      default:
        // presence updates, member requests, voice state: recorded, not answered
        break;
    }
  }

  private onIdentify(conn: Connection, d: JsonObject): void {
    this.identifyCount += 1;
    const shard = parseShard(d.shard);
    const intents = Number(d.intents ?? 0);
    this.identifies.push({ shard, intents, time: Date.now() });
    const session: Session = { id: randomBytes(16).toString('hex'), shard, seq: 0, intents };
    this.sessions.set(session.id, session);
    conn.session = session;

    const ownsGuild = shardForGuild(this.opts.guildId, shard[1]) === shard[0];
    this.sendDispatch(conn, 'READY', {
      v: 10,
      user: this.opts.botUser,
      // without `guilds` login() never resolves; unavailable guilds are
      // completed by GUILD_CREATE below (otherwise ready waits 15 s)
      guilds: ownsGuild ? [{ id: this.opts.guildId, unavailable: true }] : [],
      session_id: session.id,
      resume_gateway_url: this.opts.url(),
      shard,
      application: { id: this.opts.applicationId, flags: 0 },
      user_settings: {},
      private_channels: [],
      guild_join_requests: [],
      relationships: [],
      presences: [],
    });
    // Discord sends GUILD_CREATE only with the GUILDS intent; discord.js
    // stops waiting for guilds immediately when that intent is absent.
    if (ownsGuild && (intents & GUILDS_INTENT) !== 0) this.sendDispatch(conn, 'GUILD_CREATE', this.opts.guild());
    conn.live = true;
    this.changed();
  }

  private onResume(conn: Connection, d: JsonObject): void {
    this.resumeCount += 1;
    const session = this.sessions.get(String(d.session_id));
    if (!session) {
      // unknown/invalidated session: the client must identify again
      this.send(conn, { op: GatewayOp.InvalidSession, d: false, s: null, t: null });
      return;
    }
    conn.session = session;
    this.sendDispatch(conn, 'RESUMED', {});
    conn.live = true;
    this.changed();
  }

  private sendDispatch(conn: Connection, t: string, d: unknown): void {
    const session = conn.session!;
    session.seq += 1;
    this.dispatches.push({ t, d, shard: session.shard[0], intents: session.intents, time: Date.now() });
    this.send(conn, { op: GatewayOp.Dispatch, d, s: session.seq, t });
  }

  private send(conn: Connection, frame: { op: number; d: unknown; s: number | null; t: string | null }): void {
    if (conn.ws.readyState === WebSocket.OPEN) conn.ws.send(JSON.stringify(frame));
  }

  private matching(shard: number | undefined): Connection[] {
    return [...this.connections].filter((c) => shard === undefined || c.session?.shard[0] === shard);
  }

  private liveConnections(): Connection[] {
    return [...this.connections].filter((c) => c.live && c.session && c.ws.readyState === WebSocket.OPEN);
  }

  private async waitForConnection(
    predicate: (c: Connection) => boolean,
    timeoutMs: number,
    what: string,
  ): Promise<Connection> {
    const find = (): Connection | undefined => this.liveConnections().find(predicate);
    await this.waitUntil(() => find() !== undefined, timeoutMs, `a live gateway connection for ${what}`);
    return find()!;
  }

  private changed(): void {
    for (const listener of [...this.changeListeners]) listener();
  }
}

function ownsTarget(conn: Connection, target: DispatchTarget): boolean {
  const [id, count] = conn.session!.shard;
  if (target.shard !== undefined) return id === target.shard;
  // DMs arrive on shard 0
  if (target.guildId === undefined) return id === 0;
  return shardForGuild(target.guildId, count) === id;
}

function describeTarget(target: DispatchTarget): string {
  if (target.shard !== undefined) return `shard ${target.shard}`;
  return target.guildId ? `guild ${target.guildId}` : 'DMs (shard 0)';
}

function parseShard(value: unknown): [number, number] {
  if (Array.isArray(value) && value.length === 2) return [Number(value[0]), Number(value[1])];
  return [0, 1];
}

/** Codes a peer may put in a close frame; 1005/1006/1015 are reserved for local use. */
function isSendableCloseCode(code: number): boolean {
  return (code >= 1000 && code <= 1014 && ![1004, 1005, 1006].includes(code)) || (code >= 3000 && code <= 4999);
}
