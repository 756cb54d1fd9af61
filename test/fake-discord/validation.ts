/**
 * Discord's limits on message bodies (create and edit), enforced the way
 * Discord rejects them: 400 with code 50035 "Invalid Form Body" and an
 * `errors` tree naming the field, or 50006 for an empty message. A bot that
 * exceeds a limit therefore sees a failing request here, as in production.
 */
import { json, type JsonObject, type RouteResponse } from './http.js';

export const Limits = {
  content: 2000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  embedFieldName: 256,
  embedFieldValue: 1024,
  embedFooterText: 2048,
  embedAuthorName: 256,
  /** Sum of title, description, field names/values, footer text and author name over all embeds. */
  embedTotal: 6000,
  actionRows: 5,
  buttonsPerRow: 5,
  customId: 100,
  buttonLabel: 80,
  selectOptions: 25,
  selectOptionText: 100,
  selectPlaceholder: 150,
  nonce: 25,
  allowedMentionIds: 100,
  threadName: 100,
} as const;

const IS_COMPONENTS_V2 = 1 << 15;
const ALLOWED_MENTION_TYPES = new Set(['users', 'roles', 'everyone']);

type Path = Array<string | number>;

interface FieldError {
  path: Path;
  code: string;
  message: string;
}

/**
 * Problems of a create (`isEdit=false`) or edit body. `hasFiles`: uploaded
 * files count as message content.
 */
export function validateMessageBody(body: JsonObject | undefined, opts: { hasFiles: boolean; isEdit: boolean }): RouteResponse | undefined {
  const b = body ?? {};
  const errors: FieldError[] = [];
  const flags = Number(b.flags ?? 0);

  if (b.content !== undefined && b.content !== null) {
    if (typeof b.content !== 'string') errors.push(typeError(['content'], 'string'));
    else if ([...b.content].length > Limits.content) errors.push(maxLength(['content'], Limits.content));
  }
  if (b.embeds !== undefined && b.embeds !== null) validateEmbeds(b.embeds, errors);
  if (b.components !== undefined && b.components !== null && (flags & IS_COMPONENTS_V2) === 0) {
    validateComponents(b.components, errors);
  }
  if (b.allowed_mentions !== undefined && b.allowed_mentions !== null) validateAllowedMentions(b.allowed_mentions, errors);
  if (typeof b.nonce === 'string' && b.nonce.length > Limits.nonce) errors.push(maxLength(['nonce'], Limits.nonce));

  if (errors.length > 0) return invalidFormBody(errors);
  if (!opts.isEdit && isEmptyMessage(b, opts.hasFiles)) {
    return json(400, { message: 'Cannot send an empty message', code: 50006 });
  }
  return undefined;
}

/** Thread names: 1–100 characters. */
export function validateThreadName(name: unknown): RouteResponse | undefined {
  if (typeof name !== 'string' || name.length === 0) {
    return invalidFormBody([{ path: ['name'], code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }]);
  }
  if ([...name].length > Limits.threadName) return invalidFormBody([maxLength(['name'], Limits.threadName)]);
  return undefined;
}

/** 400 / 50035 with Discord's nested `errors` object: `{ embeds: { 0: { description: { _errors: [...] } } } }`. */
export function invalidFormBody(errors: Array<{ path: Path; code: string; message: string }>): RouteResponse {
  const tree: JsonObject = {};
  for (const error of errors) {
    let node = tree;
    for (const key of error.path) {
      const k = String(key);
      node[k] ??= {};
      node = node[k] as JsonObject;
    }
    const list = (node._errors ??= []) as unknown[];
    list.push({ code: error.code, message: error.message });
  }
  return json(400, { message: 'Invalid Form Body', code: 50035, errors: tree });
}

export function fieldError(path: Path, code: string, message: string): { path: Path; code: string; message: string } {
  return { path, code, message };
}

// ---------------------------------------------------------------------------

function isEmptyMessage(b: JsonObject, hasFiles: boolean): boolean {
  const nonEmpty = (v: unknown): boolean => Array.isArray(v) && v.length > 0;
  return (
    (typeof b.content !== 'string' || b.content.length === 0) &&
    !nonEmpty(b.embeds) &&
    !nonEmpty(b.components) &&
    !nonEmpty(b.sticker_ids) &&
    !nonEmpty(b.attachments) &&
    b.poll === undefined &&
    !hasFiles
  );
}

function validateEmbeds(embeds: unknown, errors: FieldError[]): void {
  if (!Array.isArray(embeds)) {
    errors.push(typeError(['embeds'], 'array'));
    return;
  }
  if (embeds.length > Limits.embeds) {
    errors.push(maxLength(['embeds'], Limits.embeds));
    return;
  }
  let total = 0;
  embeds.forEach((raw, i) => {
    const embed = (raw ?? {}) as JsonObject;
    const text = (value: unknown, path: Path, max: number): void => {
      if (typeof value !== 'string') return;
      const length = [...value].length;
      total += length;
      if (length > max) errors.push(maxLength(['embeds', i, ...path], max));
    };
    text(embed.title, ['title'], Limits.embedTitle);
    text(embed.description, ['description'], Limits.embedDescription);
    text((embed.footer as JsonObject | undefined)?.text, ['footer', 'text'], Limits.embedFooterText);
    text((embed.author as JsonObject | undefined)?.name, ['author', 'name'], Limits.embedAuthorName);
    const fields = embed.fields;
    if (Array.isArray(fields)) {
      if (fields.length > Limits.embedFields) errors.push(maxLength(['embeds', i, 'fields'], Limits.embedFields));
      fields.forEach((rawField, j) => {
        const field = (rawField ?? {}) as JsonObject;
        for (const [key, max] of [['name', Limits.embedFieldName], ['value', Limits.embedFieldValue]] as const) {
          const value = field[key];
          if (typeof value !== 'string' || value.length === 0) {
            errors.push({ path: ['embeds', i, 'fields', j, key], code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
          } else {
            text(value, ['fields', j, key], max);
          }
        }
      });
    }
  });
  if (total > Limits.embedTotal) {
    errors.push({ path: ['embeds'], code: 'MAX_EMBED_SIZE_EXCEEDED', message: `Embed size exceeds maximum size of ${Limits.embedTotal}` });
  }
}

function validateComponents(components: unknown, errors: FieldError[]): void {
  if (!Array.isArray(components)) {
    errors.push(typeError(['components'], 'array'));
    return;
  }
  if (components.length > Limits.actionRows) {
    errors.push(maxLength(['components'], Limits.actionRows));
    return;
  }
  const seenIds = new Set<string>();
  components.forEach((rawRow, i) => {
    const row = (rawRow ?? {}) as JsonObject;
    if (row.type !== 1) {
      errors.push({ path: ['components', i, 'type'], code: 'UNION_TYPE_CHOICES', message: 'Top-level components must be action rows (type 1) without the IS_COMPONENTS_V2 flag' });
      return;
    }
    const children = Array.isArray(row.components) ? (row.components as JsonObject[]) : [];
    if (children.length === 0) {
      errors.push({ path: ['components', i, 'components'], code: 'BASE_TYPE_MIN_LENGTH', message: 'Must be 1 or more in length.' });
    }
    const hasSelect = children.some((c) => c.type !== 2);
    if (children.length > (hasSelect ? 1 : Limits.buttonsPerRow)) {
      errors.push(maxLength(['components', i, 'components'], hasSelect ? 1 : Limits.buttonsPerRow));
    }
    children.forEach((child, j) => validateComponent(child, ['components', i, 'components', j], seenIds, errors));
  });
}

function validateComponent(c: JsonObject, path: Path, seenIds: Set<string>, errors: FieldError[]): void {
  const isLink = c.type === 2 && c.style === 5;
  const isPremium = c.type === 2 && c.style === 6;
  const customId = c.custom_id;
  if (typeof customId === 'string') {
    if (customId.length > Limits.customId) errors.push(maxLength([...path, 'custom_id'], Limits.customId));
    if (seenIds.has(customId)) {
      errors.push({ path: [...path, 'custom_id'], code: 'COMPONENT_CUSTOM_ID_DUPLICATED', message: 'Component custom id cannot be duplicated' });
    }
    seenIds.add(customId);
  } else if (!isLink && !isPremium) {
    errors.push({ path: [...path, 'custom_id'], code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
  }
  if (c.type === 2) {
    if (typeof c.label === 'string' && c.label.length > Limits.buttonLabel) errors.push(maxLength([...path, 'label'], Limits.buttonLabel));
    if (isLink && typeof c.url !== 'string') {
      errors.push({ path: [...path, 'url'], code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
    }
    if (isLink && customId !== undefined) {
      errors.push({ path: [...path, 'custom_id'], code: 'BUTTON_COMPONENT_CUSTOM_ID_NOT_ALLOWED', message: 'A link button cannot have a custom id' });
    }
    return;
  }
  if (typeof c.placeholder === 'string' && c.placeholder.length > Limits.selectPlaceholder) {
    errors.push(maxLength([...path, 'placeholder'], Limits.selectPlaceholder));
  }
  if (c.type === 3) {
    const options = Array.isArray(c.options) ? (c.options as JsonObject[]) : [];
    if (options.length === 0) errors.push({ path: [...path, 'options'], code: 'BASE_TYPE_MIN_LENGTH', message: 'Must be 1 or more in length.' });
    if (options.length > Limits.selectOptions) errors.push(maxLength([...path, 'options'], Limits.selectOptions));
    options.forEach((option, k) => {
      for (const key of ['label', 'value', 'description'] as const) {
        const value = option[key];
        if (typeof value === 'string' && value.length > Limits.selectOptionText) {
          errors.push(maxLength([...path, 'options', k, key], Limits.selectOptionText));
        }
      }
    });
  }
}

function validateAllowedMentions(raw: unknown, errors: FieldError[]): void {
  const am = raw as JsonObject;
  const parse = Array.isArray(am.parse) ? (am.parse as unknown[]) : [];
  parse.forEach((type, i) => {
    if (typeof type !== 'string' || !ALLOWED_MENTION_TYPES.has(type)) {
      errors.push({ path: ['allowed_mentions', 'parse', i], code: 'BASE_TYPE_CHOICES', message: `Value must be one of ('roles', 'users', 'everyone').` });
    }
  });
  for (const kind of ['users', 'roles'] as const) {
    const ids = am[kind];
    if (!Array.isArray(ids)) continue;
    if (ids.length > Limits.allowedMentionIds) errors.push(maxLength(['allowed_mentions', kind], Limits.allowedMentionIds));
    if (parse.includes(kind) && ids.length > 0) {
      errors.push({
        path: ['allowed_mentions', 'parse'],
        code: 'SET_TYPE_ALREADY_CONTAINS_VALUE',
        message: `parse:["${kind}"] and ${kind}: [ids...] are mutually exclusive.`,
      });
    }
  }
}

function maxLength(path: Path, max: number): FieldError {
  return { path, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${max} or fewer in length.` };
}

function typeError(path: Path, type: string): FieldError {
  return { path, code: 'BASE_TYPE_BAD_TYPE', message: `Must be of type ${type}.` };
}
