import type { Reply } from '../reply/types.js';
import { PLAIN, quoteText, TERMINAL_QUOTE_CHARS, type TextStyle } from './text.js';

/** The Markdown a reply's text may carry (bold ids, italic titles) as the terminal shows it. */
function inline(text: string, style: TextStyle): string {
  return text.replace(/\*\*(.+?)\*\*/g, (_, s: string) => style.mark(s)).replace(/(?<![\w*])\*([^*\n]+)\*(?![\w*])/g, '$1');
}

export interface ReplyTextOptions {
  /** Where each attachment was written, by name: shown instead of the bytes it holds. */
  files?: ReadonlyMap<string, string>;
}

/** A transport-neutral reply as terminal text (the local console). */
export function renderReplyText(reply: Reply, style: TextStyle = PLAIN, options: ReplyTextOptions = {}): string {
  const out: string[] = [];
  if (reply.title) out.push(style.mark(reply.title));
  if (reply.lead) out.push(inline(reply.lead, style));
  // A passage asked for by itself (/quote) is shown whole; answers show the part around the best sentence.
  const quoteChars = reply.tone === 'quote' ? Infinity : TERMINAL_QUOTE_CHARS;
  for (const q of reply.quotes ?? []) out.push(`“${quoteText(q.text, q.highlight, style.mark, quoteChars)}”\n    — ${style.dim(q.citation)}`);
  if (reply.code) out.push(reply.code);
  for (const f of reply.fields ?? []) out.push(`${style.mark(f.name)}\n${inline(f.value, style)}`);
  for (const a of reply.attachments ?? []) {
    const file = options.files?.get(a.name);
    out.push(style.dim(file ? `${a.description ?? 'Attachment'}: ${file}` : `[attachment: ${a.name}, ${a.data.length} bytes]`));
  }
  for (const a of reply.actions ?? []) {
    if (a.kind === 'link') out.push(style.dim(`${a.label}: ${a.url}`));
    if (a.kind === 'more') out.push(style.dim('(more passages: ask again with a more precise question, or /search)'));
  }
  if (reply.footer) out.push(style.dim(reply.footer));
  return out.join('\n\n');
}
