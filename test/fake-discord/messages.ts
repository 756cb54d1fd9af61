/**
 * In-memory message and attachment store shared by channel messages,
 * interaction replies and webhook follow-ups.
 */
import type { JsonObject, RecordedFile } from './http.js';
import { fullMessage, type FakeAttachment, type FakeMessage, type FakeUser } from './payloads.js';
import { snowflake } from './snowflake.js';

/** Body fields that become message fields; anything else (allowed_mentions, ...) is only recorded. */
const MESSAGE_FIELDS = ['content', 'embeds', 'components', 'tts', 'poll', 'message_reference', 'sticker_ids'] as const;

export interface StoredFile {
  bytes: Buffer;
  contentType: string;
}

export interface Placement {
  channelId: string;
  guildId?: string;
  author: FakeUser;
  /** Extra message fields, e.g. type, webhook_id, interaction_metadata. */
  extra?: Partial<FakeMessage>;
}

export class MessageStore {
  private readonly messages = new Map<string, FakeMessage>();
  private readonly files = new Map<string, StoredFile>();

  constructor(private readonly origin: string) {}

  /** Create a message from a REST body (JSON or multipart payload_json + files). */
  create(body: JsonObject | undefined, files: RecordedFile[], where: Placement): FakeMessage {
    const fields = pickMessageFields(body);
    const message = fullMessage(
      { ...where.extra, ...fields, flags: Number(body?.flags ?? where.extra?.flags ?? 0) },
      where,
    );
    message.attachments = this.resolveAttachments(body?.attachments, files, [], message.channel_id);
    this.messages.set(message.id, message);
    return clone(message);
  }

  /** Register a message that exists "already" (e.g. the one a button sits on). */
  put(message: FakeMessage): void {
    this.messages.set(message.id, clone(message));
  }

  /** PATCH semantics: only the fields present in the body change. */
  edit(id: string, body: JsonObject | undefined, files: RecordedFile[], opts: { clearFlags?: number } = {}): FakeMessage | undefined {
    const message = this.messages.get(id);
    if (!message) return undefined;
    Object.assign(message, pickMessageFields(body));
    if (body?.flags !== undefined && body.flags !== null) message.flags = Number(body.flags);
    if (opts.clearFlags) message.flags &= ~opts.clearFlags;
    if (body?.attachments !== undefined || files.length > 0) {
      message.attachments = this.resolveAttachments(body?.attachments, files, message.attachments, message.channel_id);
    }
    message.edited_timestamp = new Date().toISOString();
    return clone(message);
  }

  /** Set fields directly (e.g. `thread` and flags on a thread's starter message). */
  patch(id: string, fields: Partial<FakeMessage>): FakeMessage | undefined {
    const message = this.messages.get(id);
    if (!message) return undefined;
    Object.assign(message, structuredClone(fields));
    return clone(message);
  }

  /** The stored message itself, not a copy: for a predicate that only reads it (copy what you keep). */
  peek(id: string): Readonly<FakeMessage> | undefined {
    return this.messages.get(id);
  }

  get(id: string): FakeMessage | undefined {
    const message = this.messages.get(id);
    return message && clone(message);
  }

  delete(id: string): boolean {
    return this.messages.delete(id);
  }

  inChannel(channelId: string): FakeMessage[] {
    return [...this.messages.values()].filter((m) => m.channel_id === channelId).map(clone);
  }

  /** Store bytes as an attachment the fake serves (user message attachments). */
  storeUpload(bytes: Buffer, filename: string, channelId: string): FakeAttachment {
    const contentType = /\.txt$/i.test(filename) ? 'text/plain; charset=utf-8' : /\.png$/i.test(filename) ? 'image/png' : '';
    return this.storeFile({ field: 'files[0]', name: filename, contentType, bytes }, channelId);
  }

  /** Bytes behind an attachment URL path (`/attachments/...`). */
  file(pathname: string): StoredFile | undefined {
    return this.files.get(pathname);
  }

  /**
   * discord.js sends `attachments: [{ id: '0', ... }]` describing `files[0]`;
   * an id that names an existing attachment keeps it (edits). Without an
   * `attachments` list, uploaded files are appended.
   */
  private resolveAttachments(
    spec: unknown,
    files: RecordedFile[],
    existing: FakeAttachment[],
    channelId: string,
  ): FakeAttachment[] {
    const uploads = new Map(files.map((f, i) => [uploadIndex(f.field, i), f]));
    if (!Array.isArray(spec)) return [...existing, ...files.map((f) => this.storeFile(f, channelId))];
    const result: FakeAttachment[] = [];
    for (const entry of spec as JsonObject[]) {
      const id = String(entry.id);
      const upload = uploads.get(id);
      if (upload) {
        result.push(this.storeFile(upload, channelId, entry));
        continue;
      }
      const kept = existing.find((a) => a.id === id);
      if (kept) result.push(kept);
    }
    return result;
  }

  private storeFile(file: RecordedFile, channelId: string, entry?: JsonObject): FakeAttachment {
    const id = snowflake();
    const filename = typeof entry?.filename === 'string' ? entry.filename : file.name;
    const pathname = `/attachments/${channelId}/${id}/${encodeURIComponent(filename)}`;
    this.files.set(pathname, { bytes: file.bytes, contentType: file.contentType });
    const attachment: FakeAttachment = {
      id,
      filename,
      size: file.bytes.length,
      url: `${this.origin}${pathname}`,
      proxy_url: `${this.origin}${pathname}`,
    };
    if (file.contentType) attachment.content_type = file.contentType;
    if (typeof entry?.description === 'string') attachment.description = entry.description;
    return attachment;
  }
}

function pickMessageFields(body: JsonObject | undefined): Partial<FakeMessage> {
  const fields: Partial<FakeMessage> = {};
  if (!body) return fields;
  for (const key of MESSAGE_FIELDS) {
    if (body[key] !== undefined && body[key] !== null) (fields as Record<string, unknown>)[key] = body[key];
  }
  return fields;
}

/** `files[3]` → '3'; other field names fall back to their position. */
function uploadIndex(field: string, position: number): string {
  return /^files\[(\d+)\]$/.exec(field)?.[1] ?? String(position);
}

function clone<T>(value: T): T {
  return structuredClone(value);
}
