import type { APIActionRowComponent, APIComponentInMessageActionRow, APIEmbed } from 'discord.js';
import { ButtonStyle, ComponentType } from './djs.js';
import { UNDERSTOOD_AS, VOTE_REASON_LABELS } from '../reply/build.js';
import type { Reply, ReplyAction, ReplyQuote } from '../reply/types.js';
import { MAX_VOTE_COMMENT_LENGTH, VOTE_REASONS } from '../store/types.js';
import { customId } from './customIds.js';
import { escapeMarkdownLinear } from '../render/escape.js';
import { excerptAround, joinExcerpt, truncate } from '../render/fit.js';
import { LIMITS } from './limits.js';

/**
 * Reply → Discord message payload (raw API shapes, so tests can compare exactly what
 * Discord receives). Every text is cut to its limit here, and nothing is ever allowed to
 * ping: `allowedMentions` parses nothing unless a mention was asked for.
 */

export interface DiscordMessage {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIComponentInMessageActionRow>[];
  allowedMentions: { parse: []; users?: string[] };
  files?: Array<{ attachment: Buffer; name: string; description?: string }>;
}

const COLORS: Record<Reply['tone'], number> = {
  answer: 0xc8a45c,
  list: 0x5c8ac8,
  quote: 0x8a6cc8,
  info: 0x5c8ac8,
  notice: 0x8c8c8c,
  error: 0xd05050,
};

/** Budget of the first quote and of each further one, in characters of description. */
const FIRST_QUOTE_BUDGET = 1700;
const OTHER_QUOTE_BUDGET = 800;

/** Lone surrogates (half an emoji) become U+FFFD: Discord rejects invalid UTF-16. */
export function wellFormed(s: string): string {
  return s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/**
 * Lone surrogates and control characters (NUL included) out, once, where user text enters:
 * message content and interaction options. Discord refuses a payload that carries them back
 * (a title, the More button's id).
 */
export function sanitiseUserText(s: string): string {
  return wellFormed(s).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
}

/** The first `max` code units of user text, never half an emoji, sanitised. */
export function cutUserText(s: string, max: number): string {
  return sanitiseUserText(s.length > max ? s.slice(0, max).replace(/[\uD800-\uDBFF]$/, '') : s);
}

/** Corpus and user text shown as text, not as Markdown or mentions. */
export function escapeText(s: string): string {
  // escapeMarkdown's output in linear time (its italic pass grows with the square of a line).
  const escaped = escapeMarkdownLinear(s);
  // No `@` and no `<`: no mention to break (most passages; each replace scans the whole text).
  if (!MENTION_CHARACTER.test(escaped)) return escaped;
  return escaped.replace(/@(everyone|here)/g, '@\u200b$1').replace(/<(@[!&]?|#)(\d+)>/g, '<$1\u200b$2>');
}
const MENTION_CHARACTER = /[@<]/;

function quoteBlock(q: ReplyQuote, budget: number): string {
  const ex = excerptAround(q.text, q.highlight, Math.floor(budget * 0.8));
  const focus = (s: string) => (q.highlight ? `**${escapeText(s)}**` : escapeText(s));
  const body = truncate(joinExcerpt(ex, focus, escapeText), budget - 40);
  return `> ${body}\n— ${escapeText(truncate(q.citation, 300))}`;
}

function describe(reply: Reply): string {
  const blocks: string[] = [];
  if (reply.lead) blocks.push(reply.lead);
  (reply.quotes ?? []).forEach((q, i) => blocks.push(quoteBlock(q, i === 0 ? FIRST_QUOTE_BUDGET : OTHER_QUOTE_BUDGET)));
  if (reply.code) blocks.push(`\`\`\`\n${reply.code.replace(/```/g, "'''")}\n\`\`\``);
  return truncate(blocks.join('\n\n'), LIMITS.embedDescription);
}

function embedLength(e: APIEmbed): number {
  return (
    (e.title?.length ?? 0) +
    (e.description?.length ?? 0) +
    (e.footer?.text.length ?? 0) +
    (e.author?.name.length ?? 0) +
    (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

export function renderEmbed(reply: Reply): APIEmbed {
  const embed: APIEmbed = { color: COLORS[reply.tone] };
  if (reply.title) embed.title = truncate(escapeText(reply.title), LIMITS.embedTitle);
  const description = describe(reply);
  if (description) embed.description = description;
  if (reply.fields?.length) {
    embed.fields = reply.fields.slice(0, LIMITS.embedFields).map((f) => ({
      name: truncate(f.name, LIMITS.fieldName),
      value: truncate(f.value, LIMITS.fieldValue) || '—',
      inline: f.inline ?? false,
    }));
  }
  if (reply.footer) embed.footer = { text: truncate(reply.footer, LIMITS.footer) };
  if (reply.image) embed.image = { url: `attachment://${reply.image}` };
  // The 6000-character total: shorten the description, then drop trailing fields.
  while (embedLength(embed) > LIMITS.embedTotal) {
    const over = embedLength(embed) - LIMITS.embedTotal;
    if (embed.description && embed.description.length > over + 100) {
      embed.description = truncate(embed.description, embed.description.length - over);
    } else if (embed.fields?.length) {
      embed.fields.pop();
    } else break;
  }
  return embed;
}

function renderActions(actions: ReplyAction[], question: string | undefined): DiscordMessage['components'] {
  const buttons: APIComponentInMessageActionRow[] = [];
  const feedback: APIComponentInMessageActionRow[] = [];
  const rows: DiscordMessage['components'] = [];
  for (const action of actions) {
    switch (action.kind) {
      case 'more':
        buttons.push({
          type: ComponentType.Button,
          style: ButtonStyle.Primary,
          label: 'More',
          custom_id: customId.more(action.offset, question),
        });
        break;
      case 'share':
        buttons.push({ type: ComponentType.Button, style: ButtonStyle.Secondary, label: 'Share', custom_id: customId.share() });
        break;
      case 'link':
        if (/^https?:\/\//.test(action.url) && action.url.length <= 512) {
          buttons.push({ type: ComponentType.Button, style: ButtonStyle.Link, label: truncate(action.label, LIMITS.buttonLabel), url: action.url });
        }
        break;
      case 'open':
        if (action.options.length) {
          rows.push({
            type: ComponentType.ActionRow,
            components: [
              {
                type: ComponentType.StringSelect,
                custom_id: customId.open(),
                placeholder: truncate(action.placeholder, LIMITS.selectPlaceholder),
                options: action.options.slice(0, LIMITS.selectOptions).map((o) => ({
                  label: truncate(o.label, LIMITS.selectLabel),
                  value: o.value.slice(0, LIMITS.selectValue),
                  ...(o.description ? { description: truncate(o.description, LIMITS.selectDescription) } : {}),
                })),
              },
            ],
          });
        }
        break;
      case 'feedback':
        feedback.push(
          { type: ComponentType.Button, style: ButtonStyle.Secondary, emoji: { name: '👍' }, custom_id: customId.vote('up', action.answerId) },
          { type: ComponentType.Button, style: ButtonStyle.Secondary, emoji: { name: '👎' }, custom_id: customId.vote('down', action.answerId) },
        );
        break;
      case 'feedbackReason':
        rows.push({
          type: ComponentType.ActionRow,
          components: [
            {
              type: ComponentType.StringSelect,
              custom_id: customId.why(action.answerId),
              placeholder: 'What was wrong?',
              options: VOTE_REASONS.map((r) => ({ label: VOTE_REASON_LABELS[r], value: r })),
            },
          ],
        });
        break;
      case 'feedbackComment':
        buttons.push({ type: ComponentType.Button, style: ButtonStyle.Secondary, label: 'Add a comment', custom_id: customId.note(action.answerId, action.reason) });
        break;
    }
  }
  // 👍/👎 share the first row when it has room (More, Share, Source leave two places), else
  // take a row of their own right under it.
  if (feedback.length && buttons.length + feedback.length <= LIMITS.buttonsPerRow) buttons.push(...feedback);
  else if (feedback.length) rows.unshift({ type: ComponentType.ActionRow, components: feedback });
  if (buttons.length) rows.unshift({ type: ComponentType.ActionRow, components: buttons.slice(0, LIMITS.buttonsPerRow) });
  return rows.slice(0, LIMITS.actionRows);
}

/** Separates the footer from a long question carried in it (see renderMessage). */
export const QUESTION_MARK = ' · Question: ';

export interface RenderOptions {
  /** Address the reply to this user (and ping only them). */
  mentionUserId?: string;
  /** Plain text above the embed, e.g. "Shared by …" (never pings). */
  content?: string;
}

export function renderMessage(reply: Reply, options: RenderOptions = {}): DiscordMessage {
  const message: DiscordMessage = {
    embeds: [renderEmbed(reply)],
    components: renderActions(reply.actions ?? [], reply.tone === 'answer' ? (reply.question ?? reply.title) : undefined),
    allowedMentions: { parse: [] },
  };
  // A question too long for the More button's id travels in the footer, whole, so More
  // pages the question that was asked (the title is cut at 256 characters).
  const more = reply.actions?.find((a) => a.kind === 'more');
  const paged = reply.question ?? reply.title;
  const embed0 = message.embeds[0]!;
  if (more?.kind === 'more' && paged && customId.more(more.offset, paged) === customId.more(more.offset)) {
    const embed = embed0;
    // A footer that reads "Understood as: …" carries the question instead, whole (context
    // words and all, not only the names it shows the reader): not twice.
    const lines = (embed.footer?.text ?? '').split('\n');
    const understood = lines.findIndex((l) => l.startsWith(UNDERSTOOD_AS));
    if (understood >= 0) lines[understood] = `${UNDERSTOOD_AS}${wellFormed(paged)}`;
    const footer = understood >= 0 ? lines.join('\n') : `${embed.footer?.text ?? ''}${QUESTION_MARK}${wellFormed(paged)}`;
    if (footer.length <= LIMITS.footer && embedLength(embed) - (embed.footer?.text.length ?? 0) + footer.length <= LIMITS.embedTotal) {
      embed.footer = { text: footer };
    }
  }
  const content: string[] = [];
  if (options.mentionUserId && /^\d{1,20}$/.test(options.mentionUserId)) {
    content.push(`<@${options.mentionUserId}>`);
    message.allowedMentions = { parse: [], users: [options.mentionUserId] };
  }
  if (options.content) content.push(options.content);
  if (content.length) message.content = truncate(content.join(' '), LIMITS.content);
  if (reply.attachments?.length) {
    message.files = reply.attachments.map((a) => ({ attachment: a.data, name: a.name, ...(a.description ? { description: a.description } : {}) }));
  }
  return message;
}

/** The modal a 👎's comment is typed in: one optional paragraph, the store's length limit. */
export function feedbackModal(answerId: string, reason: string) {
  return {
    custom_id: customId.note(answerId, reason),
    title: 'What was wrong with this answer?',
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.TextInput,
            custom_id: 'comment',
            label: 'In your words (optional)',
            style: 2,
            required: false,
            max_length: MAX_VOTE_COMMENT_LENGTH,
          },
        ],
      },
    ],
  };
}
