import type { Reply, ReplyAttachment } from '../reply/types.js';
import { formatScore, type Report } from './report.js';

/**
 * The maintainers' report as one reply card, for `/report`: the same sections as `npm run
 * report`, each list cut by whole lines (with "… and N more") so that the card stays
 * within the medium's limits, passed in by the caller (Discord's: description 4096, field
 * 1024, 6000 in all), with no section dropped. User text (questions, comments) goes
 * through `escape`, ids in code spans.
 */

export interface ReportCardLimits {
  embedTitle: number;
  embedDescription: number;
  fieldName: number;
  fieldValue: number;
  footer: number;
  /** All the card's text together. */
  embedTotal: number;
}

export interface ReportCardOptions {
  limits: ReportCardLimits;
  /** Makes user text safe to show (Markdown and mentions as text). */
  escape: (text: string) => string;
  /** What the period is, for the title: "last 7 days", "since 2025-01-31". */
  period: string;
  chart?: ReplyAttachment;
}

/** A question as a list shows it: one line, at most this many characters. */
const QUESTION_CHARS = 140;
const COMMENT_CHARS = 120;

const oneLine = (s: string, max: number) => {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1).replace(/[\uD800-\uDBFF]$/, '')}…` : flat;
};
const id = (s: string) => `\`${s.replace(/`/g, "'")}\``;
const pct = (n: number, of: number) => (of ? ` (${Math.round((100 * n) / of)}%)` : '');

export function reportReply(report: Report, options: ReportCardOptions): Reply {
  const { escape, limits } = options;
  const q = (s: string) => escape(oneLine(s, QUESTION_CHARS));
  const also = (variants: string[]) =>
    variants.length ? ` — also “${escape(oneLine(variants[0]!, 60))}”${variants.length > 1 ? ` +${variants.length - 1}` : ''}` : '';
  const reasons = (r: Record<string, number>) =>
    Object.entries(r)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ');

  const weak = report.lowConfidence;
  const lead = [
    `**Questions:** ${report.questions} · answered ${report.answered}${pct(report.answered, report.questions)} · nothing found ${report.questions - report.answered}${pct(report.questions - report.answered, report.questions)}`,
    `**Low confidence:** ${weak.questions.reduce((n, x) => n + x.count, 0)}${weak.threshold === null ? '' : ` (best passage under ${formatScore(weak.threshold)}, half the median score ${formatScore(weak.medianScore!)})`}`,
    `**Votes:** 👍 ${report.votes.up} · 👎 ${report.votes.down}`,
  ].join('\n');

  const sections: Array<{ name: string; lines: string[]; empty: string }> = [
    {
      name: 'Top questions',
      lines: report.mostAsked.map((x) => `**${x.count}×** ${q(x.question)}${x.answered < x.count ? ` _(nothing found ${x.count - x.answered}×)_` : ''}`),
      empty: 'No questions in this period.',
    },
    {
      name: 'Unanswered — coverage gaps (similar wordings together)',
      lines: report.unanswered.map((x) => `**${x.count}×** ${q(x.question)}${also(x.variants)}`),
      empty: 'None: every question found something.',
    },
    {
      name: 'Down-voted (similar wordings together)',
      lines: report.downVoted.flatMap((g) => [
        `👎 ${g.down} 👍 ${g.up} ${q(g.question)}${g.paragraphIds.length ? ` ¶ ${g.paragraphIds.slice(0, 2).map(id).join(', ')}` : ''}${reasons(g.reasons) ? ` · ${reasons(g.reasons)}` : ''}${also(g.variants)}`,
        ...g.comments.slice(0, 2).map((c) => `  › “${escape(oneLine(c, COMMENT_CHARS))}”`),
      ]),
      empty: 'No down votes.',
    },
    {
      name: 'Low confidence',
      lines: weak.questions.map((x) => `**${x.count}×** ${q(x.question)} · score ${formatScore(x.bestScore)} ¶ ${id(x.paragraphId)}`),
      empty: 'None.',
    },
    {
      name: '👍/👎 by document',
      lines: report.votesByDocument.map((d) => `👍 ${d.up} 👎 ${d.down} ${id(d.documentId)}${d.title ? ` ${escape(oneLine(d.title, 80))}` : ''}`),
      empty: 'No votes.',
    },
    {
      name: '👍/👎 by paragraph',
      lines: report.votesByParagraph.map((p) => `👍 ${p.up} 👎 ${p.down} ¶ ${id(p.paragraphId)}`),
      empty: 'No votes.',
    },
  ];

  const title = oneLine(`Steppe report · ${options.period}`, limits.embedTitle);
  const description = lead.slice(0, limits.embedDescription);
  const footer = options.chart ? 'The chart: questions per day and the share answered (UTC days). npm run report has the full lists.' : 'npm run report has the full lists.';
  // Each section its share of what the card has left; a short one leaves the rest to the others.
  const names = sections.map((s) => s.name.slice(0, limits.fieldName));
  let left = limits.embedTotal - title.length - description.length - footer.length - names.reduce((n, s) => n + s.length, 0);
  const values: string[] = new Array<string>(sections.length);
  const order = sections.map((s, i) => ({ i, need: s.lines.join('\n').length || s.empty.length })).sort((a, b) => a.need - b.need);
  order.forEach(({ i }, k) => {
    const budget = Math.max(0, Math.min(limits.fieldValue, Math.floor(left / (order.length - k))));
    values[i] = fitLines(sections[i]!.lines, budget, sections[i]!.empty);
    left -= values[i]!.length;
  });
  return {
    tone: 'info',
    title,
    lead: description,
    fields: sections.map((_, i) => ({ name: names[i]!, value: values[i]! })),
    footer,
    ...(options.chart ? { image: options.chart.name, attachments: [options.chart] } : {}),
  };
}

/** Whole lines that fit `budget` characters, then "… and N more"; `empty` when there are none. */
export function fitLines(lines: string[], budget: number, empty: string): string {
  if (lines.length === 0) return empty.slice(0, budget) || '—';
  const kept: string[] = [];
  let used = 0;
  for (const [i, line] of lines.entries()) {
    const rest = lines.length - i - 1;
    const more = rest > 0 ? `\n… and ${rest} more` : '';
    const cost = (kept.length ? 1 : 0) + line.length;
    if (used + cost + more.length <= budget) {
      kept.push(line);
      used += cost;
      continue;
    }
    const tail = `… and ${lines.length - i} more`;
    if (kept.length === 0) return tail.slice(0, budget);
    // Room for the tail is kept by the check above on the line before.
    return `${kept.join('\n')}\n${tail}`;
  }
  return kept.join('\n');
}
