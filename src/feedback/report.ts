import type { AskedQuestion, DayCount, ParagraphVotes, RatedAnswer, Store } from '../store/types.js';

import { groupBySimilarWording } from './similar.js';

/**
 * The maintainers' report from the store: how many questions, how many found nothing,
 * the low-confidence answers, the votes (by document and by paragraph), the unanswered
 * and the down-voted questions grouped by similar wording (the coverage gaps: what to add
 * to the corpus), the most asked, and the questions per day. Transport-neutral: `npm run
 * report` prints it as text or JSON, `/report` as an embed (reportReply.ts); both chart
 * `perDay` (chart.ts).
 */
export interface Report {
  since: string | null;
  until: string;
  guildId: string | null;
  questions: number;
  answered: number;
  /** Questions that found nothing, grouped by similar wording, most asked first. */
  unanswered: Array<{ question: string; count: number; lastAskedAt: string; variants: string[] }>;
  votes: { up: number; down: number };
  mostAsked: Array<{ question: string; count: number; answered: number }>;
  /** Answers that found something, but weakly: best passage under half the period's median score. */
  lowConfidence: {
    medianScore: number | null;
    threshold: number | null;
    questions: Array<{ question: string; count: number; bestScore: number; paragraphId: string }>;
  };
  /** Down-voted answers grouped by similar wording of their questions, most down votes first. */
  downVoted: Array<{
    question: string;
    variants: string[];
    answers: number;
    up: number;
    down: number;
    reasons: RatedAnswer['reasons'];
    paragraphIds: string[];
    comments: string[];
  }>;
  worstRated: Array<{
    answerId: string;
    question: string;
    askedAt: string;
    topParagraphId: string | null;
    up: number;
    down: number;
    reasons: RatedAnswer['reasons'];
    comments: string[];
  }>;
  votesByDocument: Array<{ documentId: string; title: string | null; up: number; down: number }>;
  votesByParagraph: ParagraphVotes[];
  /** Every UTC day of the period (at most the last `MAX_CHART_DAYS`), days without questions as 0. */
  perDay: Array<{ day: string; questions: number; answered: number }>;
}

export interface ReportOptions {
  since?: number;
  guildId?: string;
  /** Rows per list. Default 10. */
  limit?: number;
  now?: number;
  /** A document's title, where the corpus is at hand (the bot); the CLI shows ids. */
  documentTitle?: (documentId: string) => string | undefined;
}

/** Days a report charts at most (the question log keeps 90 by default). */
export const MAX_CHART_DAYS = 120;
/** How many answers are read to group by wording (the lists show `limit` groups). */
const GROUPING_ROWS = 1000;
const DAY_MS = 86_400_000;

/** `7d`, `24h`, `30m`, or a date (`2025-01-31`): the start of the period, in ms. */
export function parseSince(text: string, now: number = Date.now()): number | null {
  const relative = /^(\d+)\s*([dhm])$/i.exec(text.trim());
  if (relative) {
    const unit = { d: 86_400_000, h: 3_600_000, m: 60_000 }[relative[2]!.toLowerCase() as 'd' | 'h' | 'm'];
    // Further back than the epoch is all time.
    return Math.max(0, now - Number(relative[1]) * unit);
  }
  const date = Date.parse(text);
  return Number.isFinite(date) ? Math.max(0, date) : null;
}

/** The period in words, for titles: "all time", "last 7 days", "since 2025-01-31". */
export function describePeriod(sinceText: string | undefined, report: Pick<Report, 'since'>): string {
  if (!sinceText || !report.since) return 'all time';
  const relative = /^(\d+)\s*([dhm])$/i.exec(sinceText.trim());
  if (relative) {
    const n = Number(relative[1]);
    const unit = { d: 'day', h: 'hour', m: 'minute' }[relative[2]!.toLowerCase() as 'd' | 'h' | 'm'];
    return `last ${n} ${unit}${n === 1 ? '' : 's'}`;
  }
  return `since ${report.since.slice(0, 16).replace('T', ' ').replace(/ 00:00$/, '')}`;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** `irgengioro-2022/14` → `irgengioro-2022`. */
export const documentOf = (paragraphId: string): string => (paragraphId.includes('/') ? paragraphId.slice(0, paragraphId.lastIndexOf('/')) : paragraphId);

export async function buildReport(store: Store, options: ReportOptions = {}): Promise<Report> {
  const until = options.now ?? Date.now();
  const limit = options.limit ?? 10;
  const period = { ...(options.since !== undefined ? { since: options.since } : {}), until, ...(options.guildId ? { guildId: options.guildId } : {}) };
  const query = { ...period, limit };
  const wide = { ...period, limit: GROUPING_ROWS };
  const [stats, asked, gaps, worst, byParagraph, weak, days] = await Promise.all([
    store.questionStats(period),
    store.mostAskedQuestions(query),
    store.unansweredQuestions(wide),
    store.worstRatedAnswers(wide),
    store.votesByParagraph(wide),
    store.lowConfidenceAnswers(query),
    store.questionsByDay(period),
  ]);
  const unanswered = groupBySimilarWording(gaps, (q) => q.question, (q) => q.count)
    .slice(0, limit)
    .map((g) => ({ question: g.question, count: g.count, lastAskedAt: iso(Math.max(...g.members.map((m: AskedQuestion) => m.lastAskedAt))), variants: g.variants }));
  const downVoted = groupBySimilarWording(worst, (a) => a.question, (a) => a.down)
    .slice(0, limit)
    .map((g) => {
      const reasons = Object.fromEntries(Object.keys(g.members[0]!.reasons).map((r) => [r, 0])) as RatedAnswer['reasons'];
      for (const m of g.members) for (const [r, n] of Object.entries(m.reasons)) reasons[r as keyof typeof reasons] += n;
      return {
        question: g.question,
        variants: g.variants,
        answers: g.members.length,
        up: g.members.reduce((n, m) => n + m.up, 0),
        down: g.members.reduce((n, m) => n + m.down, 0),
        reasons,
        paragraphIds: [...new Set(g.members.map((m) => m.topParagraphId).filter((p): p is string => p !== null))],
        comments: g.members.flatMap((m) => m.comments),
      };
    });
  const documents = new Map<string, { up: number; down: number }>();
  for (const p of byParagraph) {
    const d = documents.get(documentOf(p.paragraphId)) ?? { up: 0, down: 0 };
    d.up += p.up;
    d.down += p.down;
    documents.set(documentOf(p.paragraphId), d);
  }
  return {
    since: options.since !== undefined ? iso(options.since) : null,
    until: iso(until),
    guildId: options.guildId ?? null,
    questions: stats.questions,
    answered: stats.answered,
    unanswered,
    votes: stats.votes,
    mostAsked: asked.map((q) => ({ question: q.question, count: q.count, answered: q.answered })),
    lowConfidence: {
      medianScore: weak.medianScore,
      threshold: weak.threshold,
      questions: weak.questions.map((q) => ({ question: q.question, count: q.count, bestScore: q.bestScore, paragraphId: q.paragraphId })),
    },
    downVoted,
    worstRated: worst.slice(0, limit).map((a) => ({
      answerId: a.answerId,
      question: a.question,
      askedAt: iso(a.askedAt),
      topParagraphId: a.topParagraphId,
      up: a.up,
      down: a.down,
      reasons: a.reasons,
      comments: a.comments,
    })),
    votesByDocument: [...documents]
      .map(([documentId, v]) => ({ documentId, title: options.documentTitle?.(documentId) ?? null, ...v }))
      .sort((a, b) => b.down - a.down || b.up - a.up || a.documentId.localeCompare(b.documentId))
      .slice(0, limit),
    votesByParagraph: byParagraph.slice(0, limit),
    perDay: everyDay(days, options.since, until),
  };
}

/** The days from the period's start (or its first question) to its end, at most MAX_CHART_DAYS, zeros filled in. */
function everyDay(days: DayCount[], since: number | undefined, until: number): Report['perDay'] {
  const lastDay = Math.floor((until - 1) / DAY_MS) * DAY_MS;
  const firstAsked = days[0]?.day ?? lastDay;
  let first = since !== undefined ? Math.floor(since / DAY_MS) * DAY_MS : firstAsked;
  first = Math.max(first, lastDay - (MAX_CHART_DAYS - 1) * DAY_MS);
  const byDay = new Map(days.map((d) => [d.day, d]));
  const out: Report['perDay'] = [];
  for (let day = first; day <= lastDay; day += DAY_MS) {
    const d = byDay.get(day);
    out.push({ day: iso(day).slice(0, 10), questions: d?.questions ?? 0, answered: d?.answered ?? 0 });
  }
  return out;
}

const reasonList = (reasons: RatedAnswer['reasons']) =>
  Object.entries(reasons)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');

/** Scores as the log keeps them: up to three decimals. */
export const formatScore = (n: number) => String(Math.round(n * 1000) / 1000);

export function reportText(r: Report): string {
  const share = (n: number) => (r.questions ? ` (${Math.round((100 * n) / r.questions)}%)` : '');
  const out: string[] = [];
  out.push(`Steppe report · ${r.since ? `since ${r.since.slice(0, 16).replace('T', ' ')}` : 'all time'}${r.guildId ? ` · server ${r.guildId}` : ''}`);
  out.push('');
  out.push(`Questions: ${r.questions} · answered ${r.answered}${share(r.answered)} · nothing found ${r.questions - r.answered}${share(r.questions - r.answered)}`);
  out.push(`Votes: 👍 ${r.votes.up} · 👎 ${r.votes.down}`);
  const section = (title: string, lines: string[], empty: string) => {
    out.push('', title);
    out.push(...(lines.length ? lines : [`  ${empty}`]));
  };
  const also = (variants: string[]) => (variants.length ? `  (also: ${variants.slice(0, 3).map((v) => `“${v}”`).join(', ')}${variants.length > 3 ? ` +${variants.length - 3}` : ''})` : '');
  section('Most asked', r.mostAsked.map((q) => `  ${String(q.count).padStart(4)}×  ${q.question}${q.answered < q.count ? `  (nothing found ${q.count - q.answered}×)` : ''}`), 'no questions in this period');
  section(
    'Unanswered, grouped by similar wording (coverage gaps: what to add to the corpus)',
    r.unanswered.map((q) => `  ${String(q.count).padStart(4)}×  ${q.question}${also(q.variants)}`),
    'none: every question found something',
  );
  const weak = r.lowConfidence;
  section(
    `Low confidence (best passage under ${weak.threshold === null ? 'half the median score' : `${formatScore(weak.threshold)}, half the median ${formatScore(weak.medianScore!)}`})`,
    weak.questions.map((q) => `  ${String(q.count).padStart(4)}×  ${q.question}  (score ${formatScore(q.bestScore)}, ¶ ${q.paragraphId})`),
    'none',
  );
  section(
    'Down-voted, grouped by similar wording',
    r.downVoted.flatMap((g) => {
      const reasons = reasonList(g.reasons);
      return [
        `  👎 ${g.down} 👍 ${g.up}  ${g.question}  (${g.answers} answer${g.answers === 1 ? '' : 's'}, ¶ ${g.paragraphIds.join(', ') || '—'})${reasons ? `  reasons: ${reasons}` : ''}${also(g.variants)}`,
        ...g.comments.map((c) => `        “${c.replace(/\s+/g, ' ')}”`),
      ];
    }),
    'no down votes',
  );
  section('Votes by document', r.votesByDocument.map((d) => `  ${d.documentId}${d.title ? ` (${d.title})` : ''}: 👍 ${d.up} 👎 ${d.down}`), 'no votes');
  section('Votes by paragraph', r.votesByParagraph.map((p) => `  ¶ ${p.paragraphId}: 👍 ${p.up} 👎 ${p.down}`), 'no votes');
  const busiest = r.perDay.reduce((m, d) => Math.max(m, d.questions), 0);
  section(
    'Questions per day (answered)',
    r.perDay.filter((d) => d.questions > 0).map((d) => `  ${d.day}  ${String(d.questions).padStart(4)}  (${d.answered} answered, ${Math.round((100 * d.answered) / d.questions)}%)${d.questions === busiest ? '  busiest' : ''}`),
    'no questions in this period',
  );
  return `${out.join('\n')}\n`;
}
