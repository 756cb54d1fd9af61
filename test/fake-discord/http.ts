/**
 * Low-level HTTP plumbing for the fake Discord REST API: reading and decoding
 * requests (JSON or multipart), writing responses the way discord.js expects,
 * and injecting failures.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export type JsonObject = Record<string, unknown>;

/** One uploaded file from a multipart request (`files[n]` parts). */
export interface RecordedFile {
  /** Form field name, e.g. `files[0]`. */
  field: string;
  /** File name from the part header. */
  name: string;
  /** Part content type (discord.js sniffs it from the bytes). */
  contentType: string;
  bytes: Buffer;
}

/** Every REST call the fake receives, in arrival order. */
export interface RecordedRequest {
  method: string;
  /** Decoded path below the API version, e.g. `/webhooks/1/tok/messages/@original`. */
  path: string;
  query: Record<string, string>;
  /** Parsed JSON body, or `payload_json` of a multipart body; `undefined` when empty. */
  body: unknown;
  files: RecordedFile[];
  /** `Date.now()` when the request arrived. */
  time: number;
  /** Status the fake answered with (0 while still being handled). */
  status: number;
  /** True when the answer came from `failNext` rather than the route. */
  injected: boolean;
  /** Whether an `Authorization` header was present (interaction calls carry none). */
  authorized: boolean;
}

/** What a route handler returns; `body === undefined` means 204-style empty answer. */
export interface RouteResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export function json(status: number, body: unknown, headers?: Record<string, string>): RouteResponse {
  return { status, body, headers };
}

export function noContent(): RouteResponse {
  return { status: 204 };
}

/** Discord-style error body: `{ message, code }`. */
export function apiError(status: number, message: string, code = 0): RouteResponse {
  return { status, body: { message, code } };
}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Body and files of a request, whatever its encoding. */
export async function parseBody(
  req: IncomingMessage,
  raw: Buffer,
): Promise<{ body: unknown; files: RecordedFile[] }> {
  const contentType = req.headers['content-type'] ?? '';
  if (raw.length === 0) return { body: undefined, files: [] };
  if (contentType.startsWith('multipart/form-data')) return parseMultipart(contentType, raw);
  const text = raw.toString('utf8');
  try {
    return { body: JSON.parse(text), files: [] };
  } catch {
    // not JSON: keep the text so the recording still shows what was sent
    return { body: text, files: [] };
  }
}

/**
 * Node's fetch `Request` parses multipart bodies natively, so no extra
 * library is needed. discord.js sends `payload_json` plus `files[n]` parts.
 */
async function parseMultipart(
  contentType: string,
  raw: Buffer,
): Promise<{ body: unknown; files: RecordedFile[] }> {
  const form = await new Request('http://fake.local/', {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: Uint8Array.from(raw), // a copy typed as ArrayBuffer-backed, which BodyInit requires
  }).formData();
  let body: unknown;
  const files: RecordedFile[] = [];
  for (const [field, value] of form.entries()) {
    if (typeof value === 'string') {
      if (field === 'payload_json') body = JSON.parse(value);
      continue;
    }
    files.push({
      field,
      name: value.name,
      contentType: value.type,
      bytes: Buffer.from(await value.arrayBuffer()),
    });
  }
  return { body, files };
}

/**
 * Write a route response. A 204 must carry no Content-Type: an empty body
 * labelled JSON makes discord.js throw "Unexpected end of JSON input".
 */
export function send(res: ServerResponse, response: RouteResponse): void {
  const headers: Record<string, string> = { ...response.headers };
  if (response.body === undefined) {
    res.writeHead(response.status, headers);
    res.end();
    return;
  }
  if (Buffer.isBuffer(response.body)) {
    res.writeHead(response.status, headers);
    res.end(response.body);
    return;
  }
  const text = JSON.stringify(response.body);
  headers['content-type'] = 'application/json';
  res.writeHead(response.status, headers);
  res.end(text);
}

interface PendingFailure {
  route: RegExp;
  status: number;
  retryAfter: number | undefined;
  remaining: number;
}

/**
 * Queue of injected REST failures. A rule matches when its RegExp matches
 * either the path (`/channels/1/messages`) or `METHOD path`
 * (`POST /channels/1/messages`).
 */
export class FailureInjector {
  private rules: PendingFailure[] = [];

  add(route: RegExp, status: number, opts: { retryAfter?: number; times?: number } = {}): void {
    this.rules.push({ route, status, retryAfter: opts.retryAfter, remaining: opts.times ?? 1 });
  }

  /** Consume one matching failure, if any, and build its response. */
  take(method: string, path: string): RouteResponse | undefined {
    const rule = this.rules.find((r) => matches(r.route, path) || matches(r.route, `${method} ${path}`));
    if (!rule) return undefined;
    rule.remaining -= 1;
    if (rule.remaining <= 0) this.rules.splice(this.rules.indexOf(rule), 1);
    return failureResponse(rule.status, rule.retryAfter);
  }

  clear(): void {
    this.rules = [];
  }
}

function matches(re: RegExp, text: string): boolean {
  re.lastIndex = 0; // a /g or /y RegExp keeps state between test() calls
  return re.test(text);
}

function failureResponse(status: number, retryAfter: number | undefined): RouteResponse {
  if (status === 429) {
    // discord.js reads the Retry-After header (seconds, fractions allowed)
    const seconds = retryAfter ?? 0.05;
    return json(
      429,
      { message: 'You are being rate limited.', retry_after: seconds, global: false, code: 0 },
      { 'retry-after': String(seconds), 'x-ratelimit-scope': 'user' },
    );
  }
  const headers = retryAfter === undefined ? undefined : { 'retry-after': String(retryAfter) };
  return json(status, { message: `${status}: Injected failure`, code: 0 }, headers);
}
