import type { Answer } from '../answer/answer.js';
import { citeParagraph, documentUrl, formatCitation } from '../answer/citation.js';
import type { Corpus, CorpusDocument, Paragraph, Reference } from '../corpus/types.js';
import type { Engine } from '../engine.js';
import { splitSentences } from '../search/sentences.js';
import type { VoteReason } from '../store/types.js';
import type { ReloadSummary } from '../reload.js';
import type { Reply, ReplyAction } from './types.js';

/**
 * Builders from answers and corpus objects to transport-neutral replies. One function per
 * kind of reply; commands call these and stay thin.
 */

export const PASSAGES_PER_ANSWER = 3;
/** How a reply's footer opens on the question as understood in context, when it differs from the one asked. */
export const UNDERSTOOD_AS = 'Understood as: ';

export function errorReply(message: string): Reply {
  return { tone: 'error', lead: message };
}

export function noticeReply(message: string, suggestions: string[] = []): Reply {
  const hint = suggestions.length && !message.includes('Did you mean') ? `\nDid you mean: ${suggestions.join(', ')}?` : '';
  return { tone: 'notice', lead: message + hint };
}

/** `/ask`: the best passage quoted, up to two more, More/Share/source buttons. */
export function answerReply(answer: Answer, options: { offset?: number; private?: boolean; answerId?: string } = {}): Reply {
  if (answer.status !== 'answered') return noticeReply(answer.message ?? 'Nothing found.', answer.suggestions);
  const offset = options.offset ?? 0;
  const quotes = answer.passages.slice(0, PASSAGES_PER_ANSWER).map((p) => ({
    text: p.text,
    highlight: p.highlight,
    citation: formatCitation(p.citation),
    paragraphId: p.paragraphId,
  }));
  const actions: ReplyAction[] = [];
  if (answer.passages.length > PASSAGES_PER_ANSWER) actions.push({ kind: 'more', offset: offset + PASSAGES_PER_ANSWER });
  if (options.private) actions.push({ kind: 'share' });
  const url = answer.passages[0]?.citation.url;
  if (url) actions.push({ kind: 'link', label: 'Source', url });
  if (options.answerId) actions.push({ kind: 'feedback', answerId: options.answerId });
  const first = offset + 1;
  return {
    tone: 'answer',
    title: answer.query,
    ...(answer.lead.length ? { lead: answer.lead.join('\n') } : {}),
    quotes,
    footer: quotes.length === 1 ? `Passage ${first} · Steppe` : quotes.length ? `Passages ${first}–${offset + quotes.length} · Steppe` : 'Steppe',
    actions,
  };
}

/**
 * An answer in a conversation: titled with the turn as the reader typed it, with the
 * question as understood in the footer when context changed it, and More paging that.
 */
export function turnReply(
  answer: Answer,
  turn: { asked: string; resolved: string },
  options: { offset?: number; private?: boolean; answerId?: string } = {},
): Reply {
  const reply = answerReply(answer, options);
  if (reply.tone !== 'answer') return reply;
  const asked = turn.asked.replace(/\s+/g, ' ').trim();
  const understood = turn.resolved.replace(/\s+/g, ' ').trim();
  reply.title = asked || understood;
  reply.question = understood;
  const shown = asked.includes('(') ? understood : readableContext(understood);
  if (shown.toLowerCase() !== asked.toLowerCase()) reply.footer = `${UNDERSTOOD_AS}${shown}\n${reply.footer ?? 'Steppe'}`;
  return reply;
}

/**
 * The question as understood, for the reader: the context carried from the turn before keeps
 * its names, places and years ("Kyrgyzstan", "Reeves", "2019") and loses the lower-case
 * words added only to steer the search ("textbook", "lamb", "tends"), which read as noise.
 */
export function readableContext(resolved: string): string {
  return resolved.replace(/\s*\(([^()]*)\)$/, (_all, inner: string) => {
    const kept = inner.split(', ').filter((w) => /[\p{Lu}\d]/u.test(w));
    return kept.length ? ` (${kept.join(', ')})` : '';
  });
}

function snippet(text: string, max = 100): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  // never end on half of a surrogate pair (an emoji cut in two is invalid Unicode)
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2)).replace(/[\ud800-\udbff]$/, '')}…`;
}

/** `/search`: a compact list of hits and a menu to open one. */
export function searchReply(answer: Answer): Reply {
  if (answer.status !== 'answered') return noticeReply(answer.message ?? 'Nothing found.', answer.suggestions);
  const lines = answer.passages.map((p) => {
    const best = p.text.slice(p.highlight.start, p.highlight.end);
    return `**${p.paragraphId}** · ${p.citation.section ?? 'untitled'} · p. ${p.citation.page}\n${snippet(best, 160)}`;
  });
  return {
    tone: 'list',
    title: `Search: ${answer.query}`,
    lead: lines.join('\n\n'),
    footer: `${answer.passages.length} best ${answer.passages.length === 1 ? 'passage' : 'passages'} · open one below or use /quote id:`,
    actions: [
      {
        kind: 'open',
        placeholder: 'Open a passage…',
        options: answer.passages.map((p) => ({
          label: snippet(`${p.paragraphId} · ${p.citation.section ?? ''}`, 100),
          value: p.paragraphId,
          description: snippet(p.text.slice(p.highlight.start, p.highlight.end), 100),
        })),
      },
    ],
  };
}

/** One whole passage as a shareable quotation. */
export function quoteReply(corpus: Corpus, paragraph: Paragraph, highlight?: { start: number; end: number }): Reply {
  const citation = citeParagraph(corpus, paragraph);
  const actions: ReplyAction[] = citation.url ? [{ kind: 'link', label: 'Source', url: citation.url }] : [];
  return {
    tone: 'quote',
    quotes: [{ text: paragraph.text, highlight, citation: formatCitation(citation), paragraphId: paragraph.id }],
    actions,
  };
}

/**
 * A notable passage for `/quote` with no options: one a day, in turn, among body
 * paragraphs that argue something (long enough, not captions).
 */
export function notableParagraph(corpus: Corpus, now: Date = new Date()): Paragraph {
  const candidates = corpus.documents
    .flatMap((d) => d.paragraphs)
    .filter((p) => p.role !== 'caption' && splitSentences(p.text).length >= 3);
  const day = Math.floor(now.getTime() / 86_400_000);
  return candidates[day % candidates.length]!;
}

/** `/cite`: the full bibliography entry and the paragraphs that cite it. */
export function citeReply(corpus: Corpus, reference: Reference): Reply {
  const citing = corpus.documents
    .flatMap((d) => d.paragraphs)
    .filter((p) => p.citations.some((c) => c.referenceId === reference.id));
  const lines = citing.map((p) => {
    const raws = [...new Set(p.citations.filter((c) => c.referenceId === reference.id).map((c) => c.raw))];
    return `**${p.id}** (p. ${p.page}) · ${raws.join('; ')}`;
  });
  const actions: ReplyAction[] = reference.url ? [{ kind: 'link', label: 'Open', url: reference.url }] : [];
  return {
    tone: 'info',
    title: `${reference.authors} ${reference.year ?? 'n.d.'}`,
    lead: reference.text,
    fields: [
      {
        name: `Cited in ${citing.length} paragraph${citing.length === 1 ? '' : 's'}`,
        value: lines.length ? lines.join('\n') : 'Listed in the References but not cited in the text.',
      },
    ],
    footer: `Bibliography of ${reference.documentId} · ${reference.id}`,
    actions,
  };
}

function idRange(ids: string[]): string {
  if (ids.length === 0) return '—';
  if (ids.length === 1) return ids[0]!;
  return `${ids[0]}–${ids[ids.length - 1]!.split('/').pop()}`;
}

/** `/sections`: a document's table of contents with paragraph ids. */
export function sectionsReply(doc: CorpusDocument): Reply {
  const lines = doc.sections.map((s) => `${s.level === 2 ? '  ↳ ' : ''}**${s.title}** · ${idRange(s.paragraphIds)}`);
  const unsectioned = doc.paragraphs.filter((p) => p.section === null).map((p) => p.id);
  if (unsectioned.length) lines.unshift(`**(no heading)** · ${idRange(unsectioned)}`);
  const url = documentUrl(doc.meta);
  return {
    tone: 'info',
    title: doc.meta.title,
    lead: lines.join('\n'),
    footer: [doc.meta.authors.join(', '), doc.meta.venue, doc.meta.year, `${doc.paragraphs.length} paragraphs, ${doc.pageCount} pages`].filter((x) => x !== '').join(' · '),
    actions: url ? [{ kind: 'link', label: 'Source', url }] : [],
  };
}

export function aboutReply(engine: Engine, info: { version: string; uptimeSeconds: number }): Reply {
  const docs = engine.corpus.documents;
  const count = (f: (d: CorpusDocument) => number) => docs.reduce((s, d) => s + f(d), 0);
  const uptime = formatDuration(info.uptimeSeconds);
  return {
    tone: 'info',
    title: 'About Steppe',
    lead: 'Answers about Mongolia–Central Asia relations from its corpus, with quoted passages, exact citations and figures.',
    fields: [
      {
        name: 'Documents',
        value: docs.map((d) => `**${d.meta.id}** · ${d.meta.authors.join(', ')} (${d.meta.year}), *${d.meta.title}*`).join('\n'),
      },
      {
        name: 'Corpus',
        value: `${count((d) => d.paragraphs.length)} paragraphs · ${count((d) => d.sections.length)} sections · ${count((d) => d.references.length)} references · ${count((d) => d.tables.length)} table values`,
      },
      { name: 'Version', value: info.version, inline: true },
      { name: 'Uptime', value: uptime, inline: true },
    ],
  };
}

/** `/reload`: what changed in the corpus. */
export function reloadReply(s: ReloadSummary): Reply {
  const list = (ids: string[]) => (ids.length ? ids.join(', ') : 'none');
  return {
    tone: 'info',
    title: 'Corpus reloaded',
    lead: `${s.documents} documents, ${s.paragraphs} paragraphs, in ${s.ms} ms.`,
    fields: [
      { name: 'Added', value: list(s.added) },
      { name: 'Changed', value: list(s.changed) },
      { name: 'Removed', value: list(s.removed) },
    ],
  };
}

export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  return d ? `${d}d ${h}h ${m}m` : h ? `${h}h ${m}m` : m ? `${m}m ${s % 60}s` : `${s}s`;
}

export function helpReply(commands: Array<{ usage: string; help: string }>): Reply {
  return {
    tone: 'info',
    title: 'Steppe — how to use it',
    lead: commands.map((c) => `**${c.usage}**\n${c.help}`).join('\n\n'),
    footer: 'Replies are public unless you set private. Errors and “nothing found” are only shown to you.',
  };
}

/** How each reason a 👎 can give reads to the reader. */
export const VOTE_REASON_LABELS: Record<VoteReason, string> = {
  'wrong-passage': 'Wrong passage',
  'wrong-figure': 'Wrong figure',
  'not-in-corpus': 'Not in the corpus',
  other: 'Other',
};

/** What a 👍/👎 click is told (privately). A 👎 without a reason yet asks what was wrong. */
export function voteReply(result: { saved: boolean; direction: 'up' | 'down'; askWhy: boolean; answerId: string }): Reply {
  if (!result.saved) return errorReply('Your vote could not be saved right now. Try again later.');
  if (result.direction === 'up') return { tone: 'notice', lead: 'Thanks — recorded 👍' };
  if (!result.askWhy) return { tone: 'notice', lead: 'Thanks — recorded 👎' };
  return { tone: 'notice', lead: 'Thanks — recorded 👎. What was wrong? (optional)', actions: [{ kind: 'feedbackReason', answerId: result.answerId }] };
}

/** After a reason was chosen (or a comment sent). */
export function reasonReply(result: 'ok' | 'no-vote' | 'failed', offerComment?: { answerId: string; reason: string }): Reply {
  if (result === 'failed') return errorReply('That could not be saved right now. Try again later.');
  if (result === 'no-vote') return noticeReply('Your 👎 on this answer is no longer there (changed to 👍?): nothing to explain.');
  return {
    tone: 'notice',
    lead: 'Thanks — recorded',
    ...(offerComment ? { actions: [{ kind: 'feedbackComment', answerId: offerComment.answerId, reason: offerComment.reason }] } : {}),
  };
}
