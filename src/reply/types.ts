/**
 * A transport-neutral reply: what to show, not how. Renderers turn it into a Discord
 * message (src/discord/render.ts) or terminal text (src/render/replyText.ts). Nothing
 * here knows Discord's limits; renderers fit the content to their medium.
 */

export interface ReplyQuote {
  /** Passage text; `highlight` marks the best sentence within it. */
  text: string;
  highlight?: { start: number; end: number };
  /** Citation line under the quote. */
  citation: string;
  /** Paragraph id, to reach the whole passage (`/quote id:`). */
  paragraphId?: string;
}

export interface ReplyField {
  name: string;
  value: string;
  inline?: boolean;
}

export type ReplyAction =
  /** Next passages of the same question. */
  | { kind: 'more'; offset: number }
  /** Post this (private) reply publicly. */
  | { kind: 'share' }
  /** Link to the source. */
  | { kind: 'link'; label: string; url: string }
  /** A menu to open one of several items (paragraph ids). */
  | { kind: 'open'; placeholder: string; options: Array<{ label: string; value: string; description?: string }> }
  /** 👍 / 👎 on this answer (votes refer to `answerId`). Text renderers leave it out. */
  | { kind: 'feedback'; answerId: string }
  /** After a 👎: what was wrong with the answer (one of the store's vote reasons). */
  | { kind: 'feedbackReason'; answerId: string }
  /** After a reason: an optional comment in the reader's words. */
  | { kind: 'feedbackComment'; answerId: string; reason: string };

export interface ReplyAttachment {
  name: string;
  contentType: string;
  data: Buffer;
  description?: string;
}

export interface Reply {
  /** `error` and `notice` replies are shown privately to the asker. */
  tone: 'answer' | 'list' | 'quote' | 'info' | 'notice' | 'error';
  title?: string;
  /**
   * The question the answer is for, when it is not the title: a follow-up ("and
   * Kyrgyzstan?") is titled as asked but pages (More) the question as understood.
   */
  question?: string;
  /** A direct first line (e.g. a figure) or a message. */
  lead?: string;
  quotes?: ReplyQuote[];
  fields?: ReplyField[];
  /** Preformatted monospace text (tables). */
  code?: string;
  footer?: string;
  actions?: ReplyAction[];
  attachments?: ReplyAttachment[];
  /** Image attachment name to show inside the card. */
  image?: string;
}
