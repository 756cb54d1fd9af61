import type { Reply } from '../reply/types.js';
import { PLAIN, quoteText, TERMINAL_QUOTE_CHARS, type TextStyle } from './text.js';

/** A transport-neutral reply as terminal text (the local console). */
export function renderReplyText(reply: Reply, style: TextStyle = PLAIN): string {
  const out: string[] = [];
  if (reply.title) out.push(style.mark(reply.title));
  if (reply.lead) out.push(reply.lead.replace(/\*\*(.+?)\*\*/g, (_, s: string) => style.mark(s)));
  // A passage asked for by itself (/quote) is shown whole; answers show the part around the best sentence.
  const quoteChars = reply.tone === 'quote' ? Infinity : TERMINAL_QUOTE_CHARS;
  for (const q of reply.quotes ?? []) out.push(`“${quoteText(q.text, q.highlight, style.mark, quoteChars)}”\n    — ${style.dim(q.citation)}`);
  if (reply.code) out.push(reply.code);
  for (const f of reply.fields ?? []) out.push(`${style.mark(f.name)}\n${f.value}`);
  for (const a of reply.attachments ?? []) out.push(style.dim(`[attachment: ${a.name}, ${a.data.length} bytes]`));
  for (const a of reply.actions ?? []) {
    if (a.kind === 'link') out.push(style.dim(`${a.label}: ${a.url}`));
    if (a.kind === 'more') out.push(style.dim('(more passages: ask again with a more precise question, or /search)'));
  }
  if (reply.footer) out.push(style.dim(reply.footer));
  return out.join('\n\n');
}
