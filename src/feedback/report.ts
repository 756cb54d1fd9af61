import type { AskedQuestion, ParagraphVotes, RatedAnswer, Store } from '../store/types.js';

/**
 * The maintainers' report from the store: how many questions, how many found nothing,
 * the votes, the most asked, the unanswered ones (the coverage gaps: what to add to the
 * corpus) and the worst-rated answers. Transport-neutral: `npm run report` prints it as
 * text or JSON.
 */
export interface Report {
  since: string | null;
  until: string;
  guildId: string | null;
  questions: number;
  answered: number;
  unanswered: Array<{ question: string; count: number; lastAskedAt: string }>;
  votes: { up: number; down: number };
  mostAsked: Array<{ question: string; count: number; answered: number }>;
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
  votesByParagraph: ParagraphVotes[];
}

/** `7d`, `24h`, `30m`, or a date (`2025-01-31`): the start of the period, in ms. */
export function parseSince(text: string, now: number = Date.now()): number | null {
  const relative = /^(\d+)\s*([dhm])$/i.exec(text.trim());
  if (relative) {
    const unit = { d: 86_400_000, h: 3_600_000, m: 60_000 }[relative[2]!.toLowerCase() as 'd' | 'h' | 'm'];
    return now - Number(relative[1]) * unit;
  }
  const date = Date.parse(text);
  return Number.isFinite(date) ? date : null;
}

const iso = (ms: number) => new Date(ms).toISOString();

export async function buildReport(store: Store, options: { since?: number; guildId?: string; limit?: number; now?: number } = {}): Promise<Report> {
  const until = options.now ?? Date.now();
  const period = { ...(options.since !== undefined ? { since: options.since } : {}), until, ...(options.guildId ? { guildId: options.guildId } : {}) };
  const query = { ...period, limit: options.limit ?? 10 };
  const [stats, asked, gaps, worst, byParagraph] = await Promise.all([
    store.questionStats(period),
    store.mostAskedQuestions(query),
    store.unansweredQuestions(query),
    store.worstRatedAnswers(query),
    store.votesByParagraph(query),
  ]);
  return {
    since: options.since !== undefined ? iso(options.since) : null,
    until: iso(until),
    guildId: options.guildId ?? null,
    questions: stats.questions,
    answered: stats.answered,
    unanswered: gaps.map((q: AskedQuestion) => ({ question: q.question, count: q.count, lastAskedAt: iso(q.lastAskedAt) })),
    votes: stats.votes,
    mostAsked: asked.map((q) => ({ question: q.question, count: q.count, answered: q.answered })),
    worstRated: worst.map((a) => ({
      answerId: a.answerId,
      question: a.question,
      askedAt: iso(a.askedAt),
      topParagraphId: a.topParagraphId,
      up: a.up,
      down: a.down,
      reasons: a.reasons,
      comments: a.comments,
    })),
    votesByParagraph: byParagraph,
  };
}

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
  section('Most asked', r.mostAsked.map((q) => `  ${String(q.count).padStart(4)}×  ${q.question}${q.answered < q.count ? `  (nothing found ${q.count - q.answered}×)` : ''}`), 'no questions in this period');
  section('Unanswered (coverage gaps: what to add to the corpus)', r.unanswered.map((q) => `  ${String(q.count).padStart(4)}×  ${q.question}`), 'none: every question found something');
  section(
    'Worst rated',
    r.worstRated.flatMap((a) => {
      const reasons = Object.entries(a.reasons).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`).join(', ');
      return [
        `  👎 ${a.down} 👍 ${a.up}  ${a.question}  (¶ ${a.topParagraphId ?? '—'}, answer ${a.answerId})${reasons ? `  reasons: ${reasons}` : ''}`,
        ...a.comments.map((c) => `        “${c.replace(/\s+/g, ' ')}”`),
      ];
    }),
    'no down votes',
  );
  section('Votes by paragraph', r.votesByParagraph.map((p) => `  ¶ ${p.paragraphId}: 👍 ${p.up} 👎 ${p.down}`), 'no votes');
  return `${out.join('\n')}\n`;
}
