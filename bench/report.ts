import type { SignalCost } from './signals.js';
import type { E2eResult } from './e2e.js';
import type { ProfileSummary } from './profile.js';
import type { RetrievalResult } from './retrieval.js';
import type { ScaleResult } from './scale.js';
import { fmt, num, ratio, table, type Spread } from './stats.js';
import type { TargetCheck } from './targets.js';

/** The printed report: plain-text tables, medians with (min–max), ratios to peers. */

export function retrievalSection(r: RetrievalResult, title = '1. Retrieval'): string {
  const mini = r.rows.find((x) => x.name === 'MiniSearch default');
  const rows = r.rows.map((x) => [
    x.name,
    num(x.hit1),
    num(x.hit3),
    num(x.mrr),
    String(x.empty),
    fmt(x.p50),
    fmt(x.p99),
    mini ? ratio(x.p50.median, mini.p50.median) : '—',
    mini ? ratio(x.p99.median, mini.p99.median) : '—',
    fmt(x.buildMs),
  ]);
  return [
    `${title} — corpus ×1 (${r.paragraphs} paragraphs), ${r.questions} passage questions, top 5, ${r.runs} runs; latency per query, warm, in ms`,
    table(['retriever', 'hit@1', 'hit@3', 'MRR', 'empty', 'p50 ms', 'p99 ms', 'p50/Mini', 'p99/Mini', 'build ms'], rows),
    ...r.rows.map((x) => `   ${x.name}: ${x.note}`),
  ].join('\n');
}

const mb = (bytes: number) => num(bytes / 2 ** 20);
const sp = (s: Spread | null | undefined, unit = '') => fmt(s ?? undefined, unit);

export function scaleSection(results: ScaleResult[]): string {
  const growth = (i: number, get: (r: ScaleResult) => number | undefined) => {
    if (i === 0) return '';
    const a = get(results[i]!);
    const b = get(results[i - 1]!);
    return a !== undefined && b !== undefined ? ` [${ratio(a, b)}]` : '';
  };
  const ms = (v: number | undefined | null) => (v === undefined || v === null ? '—' : num(v));
  const startup = results.map((r, i) => [
    `×${r.scale}`,
    String(r.documents),
    r.paragraphs === null ? '—' : String(r.paragraphs),
    mb(r.bytes),
    ms(r.coldStartup?.readyMs),
    sp(r.startup?.readyMs) + growth(i, (x) => x.startup?.readyMs.median),
    sp(r.startup?.createEngineMs),
    sp(r.startup?.heapDeltaMB),
    sp(r.startup?.wallMs),
  ]);
  const queries = results.map((r, i) => [
    `×${r.scale}`,
    sp(r.query?.p50),
    sp(r.query?.p99) + growth(i, (x) => x.query?.p99.median),
    sp(r.answer?.p99),
    sp(r.miniSearch?.p50),
    sp(r.miniSearch?.p99),
    r.query && r.miniSearch ? ratio(r.query.p50.median, r.miniSearch.p50.median) : '—',
    r.query && r.miniSearch ? ratio(r.query.p99.median, r.miniSearch.p99.median) : '—',
    r.quality ? `${num(r.quality.ours.hit1)} / ${r.quality.miniSearch ? num(r.quality.miniSearch.hit1) : '—'}` : '—',
    r.quality ? `${num(r.quality.ours.mrr)} / ${r.quality.miniSearch ? num(r.quality.miniSearch.mrr) : '—'}` : '—',
  ]);
  const phases = results.map((r) => {
    const b = r.build;
    const done = (name: string) => r.phasesDone.find((p) => p.name === name);
    const parse = b?.parseMs ?? (done('load') ? Number(done('load')!.parseMs) : undefined);
    const read = b?.readMs ?? (done('read') ? Number(done('read')!.ms) : undefined);
    const heapCorpus = b?.heapMB.corpus ?? (done('load') ? Number(done('load')!.heapMB) : undefined);
    return [
      `×${r.scale}`,
      ms(read),
      ms(parse),
      ms(b?.indexMs ?? (done('index') ? Number(done('index')!.ms) : undefined)),
      ms(r.snapshot?.saveMs),
      ms(r.snapshot?.MB),
      ms(r.snapshot?.restoreMs),
      ms(b?.figuresMs),
      ms(heapCorpus),
      ms(b?.heapMB.index),
      ms(b?.heapMB.restored),
      ms(b?.heapMB.figures),
      ms(b?.rssMB),
    ];
  });
  const notes = results.flatMap((r) => r.notes.map((n) => `   ×${r.scale}: ${n}`));
  const indent = (t: string) => t.split('\n').map((l) => `   ${l}`).join('\n');
  const lat = (l: { p50: number; p99: number; max: number }) => `${num(l.p50)} / ${num(l.p99)} / ${num(l.max)}`;
  const served = results.filter((r) => r.serving);
  const serving = served.length
    ? [
        '',
        '   d) Serving after a start from the saved state (the last start-up process, compiled engine): questions on the fresh',
        '   engine (cold), the background warm-up the bot runs after connecting, other questions after it (warm); ms p50 / p99 / max',
        indent(
          table(
            ['corpus', 'cold query', 'warm-up', 'heap after warm-up MB', 'RSS MB', 'warm query', 'warm answer'],
            served.map((r) => {
              const v = r.serving!;
              return [`×${r.scale}`, `${lat(v.coldQuery)} (${v.coldQuery.n})`, `${num(v.warmUpMs)} ms, ${v.analysed} paragraphs`, num(v.heapWarmMB), num(v.rssWarmMB), `${lat(v.warmQuery)} (${v.warmQuery.n})`, lat(v.warmAnswer)];
            }),
          ),
        ),
      ]
    : [];
  return [
    '2. Scale — real corpus + synthetic copies (seeded); medians (min–max); [growth vs the previous size]',
    '',
    '   a) Start-up of the compiled engine in fresh processes (Node boot + imports + load + parse + index), ms; heap after GC, MB',
    indent(
      table(['corpus', 'docs', 'paragraphs', 'MB text', 'cold ready', 'ready (saved index)', 'createEngine', 'heap MB', 'process wall'], startup),
    ),
    '   cold: the first start with an empty INDEX_CACHE_DIR (builds the index and saves it, as `npm run build` does);',
    '   ready: later starts, which load the saved index. process wall = spawn → exit, tsx launcher and relay included.',
    '',
    '   b) Questions, warm, in one process (all questions, ms); raw MiniSearch over the same paragraphs; quality at this size',
    indent(
      table(['corpus', 'query p50', 'query p99', 'answer p99', 'Mini p50', 'Mini p99', 'p50/Mini', 'p99/Mini', 'hit@1 ours/Mini', 'MRR ours/Mini'], queries),
    ),
    '   query = index.query, answer = answerQuestion, on the loaded (saved) index. hit@1/MRR: passage questions, their gold',
    '   paragraphs among N−1 synthetic copies of each document (Markov text from the same words: hard distractors).',
    '',
    '   c) Where build time and heap go (worker: one build, GC before each heap reading; ms and MB)',
    indent(
      table(
        ['corpus', 'read', 'parse', 'index build', 'save', 'saved MB', 'load saved', 'FigureBook', 'heap corpus', 'heap built idx', 'heap loaded idx', 'heap figures', 'RSS'],
        phases,
      ),
    ),
    ...serving,
    ...(notes.length ? ['', ...notes] : []),
  ].join('\n');
}

/** Top entries of a profile; with a smaller run's profile, each entry's ms there and its growth. */
export function profileSection(title: string, p: ProfileSummary, base?: ProfileSummary | null, baseScale?: number, top = 10): string {
  const rows = (entries: ProfileSummary['byFile'], baseEntries: ProfileSummary['byFile'] | undefined) =>
    entries.slice(0, top).map((e) => {
      const row = [e.name.slice(0, 100), num(e.ms), `${num(e.share * 100)}%`];
      if (baseEntries) {
        const b = baseEntries.find((x) => x.name === e.name);
        row.push(b ? num(b.ms) : '—', b ? ratio(e.ms, b.ms) : '—');
      }
      return row;
    });
  const head = (what: string) => [what, 'ms', 'share', ...(base ? [`ms at ×${baseScale}`, 'growth'] : [])];
  const indent = (t: string) => t.split('\n').map((l) => `   ${l}`).join('\n');
  return [
    `   ${title} — ${num(p.totalMs)} ms sampled (self time)${base ? `; ×${baseScale}: ${num(base.totalMs)} ms [${ratio(p.totalMs, base.totalMs)}]` : ''}`,
    indent(table(head('by file'), rows(p.byFile, base?.byFile))),
    indent(table(head('by function'), rows(p.byFunction, base?.byFunction))),
  ].join('\n\n');
}

export function e2eSection(e: E2eResult): string {
  const bots: Array<[string, Omit<E2eResult, 'naive' | 'buildMs' | 'otherPaths'>]> = [['Steppe', e]];
  if (e.naive) bots.push(['naive bot', e.naive]);
  const row = (label: string, f: (b: Omit<E2eResult, 'naive' | 'buildMs' | 'otherPaths'>) => string) => [label, ...bots.map(([, b]) => f(b))];
  const rows: string[][] = [
    row('interactions / concurrency / distinct questions', (b) => `${b.interactions} / ${b.concurrency} / ${b.distinctQuestions}`),
    row('answered', (b) => `${b.answered} of ${b.interactions}${b.failed ? ` (${b.failed} not: ${b.failures.join('; ')})` : ''}`),
    row('callback types', (b) => Object.entries(b.callbackTypes).map(([t, n]) => `${t}: ${n}`).join(', ')),
    row('callbacks after 3 s / answers after 3 s', (b) => `${b.callbacksAfter3s} / ${b.answersAfter3s}`),
    row('dispatch → callback p50 / p99 / max', (b) => `${num(b.callback.p50)} / ${num(b.callback.p99)} / ${num(b.callback.max)} ms`),
    row('dispatch → answer p50 / p99 / max', (b) => `${num(b.finalAnswer.p50)} / ${num(b.finalAnswer.p99)} / ${num(b.finalAnswer.max)} ms`),
    row('burst wall time / throughput', (b) => `${num(b.burstMs)} ms / ${num(b.throughputPerS)} interactions/s`),
    row('second burst: answered, callback p50 / p99, wall', (b) => `${b.second.answered} of ${b.interactions}, ${num(b.second.callback.p50)} / ${num(b.second.callback.p99)} ms, ${num(b.second.burstMs)} ms`),
    row('bot CPU per interaction (both bursts, /proc; of it system)', (b) => `${num(b.botCpuMs / (2 * b.interactions))} ms (${num(b.botSystemCpuMs / (2 * b.interactions))})`),
    row('bot RSS before / after 1st / after 2nd / peak', (b) => `${num(b.rssBeforeMB)} / ${num(b.rssAfterMB)} / ${num(b.rssAfterSecondMB)} / ${num(b.rssPeakMB)} MB`),
    row('bot start-up (spawn → commands registered)', (b) => `${num(b.botReadyMs)} ms`),
    row('REST calls per interaction / average JSON body', (b) => (b.rest ? `${num(b.rest.perInteraction)} / ${num(b.rest.bodyBytes)} chars` : '—')),
    row('warn/error log lines', (b) => String(b.botWarnings)),
    row('shutdown', (b) => `${b.shutdown.signal} → exit ${b.shutdown.exitCode} in ${num(b.shutdown.ms)} ms${b.shutdown.clean ? '' : ' (NOT clean)'}`),
  ];
  const out = [
    '3. End to end — the real bot (compiled, as npm start runs it; corpus ×1) and the naive bot (bench/naiveBot.mjs: discord.js + MiniSearch defaults, one paragraph quoted) on the loopback fake Discord, the same /ask burst',
    table(['measure', ...bots.map(([n]) => n)], rows),
  ];
  const profiled = bots.filter(([, b]) => b.profile);
  if (profiled.length) {
    const stageNames = [...new Set(profiled.flatMap(([, b]) => b.profile!.stages.map((s) => s.stage)))];
    const ms = (b: Omit<E2eResult, 'naive' | 'buildMs' | 'otherPaths'>, stage: string) => b.profile!.stages.find((s) => s.stage === stage)?.ms;
    stageNames.sort((a, b) => (ms(profiled[0]![1], b) ?? 0) - (ms(profiled[0]![1], a) ?? 0));
    out.push(
      '   CPU ms per interaction by stage (a second run of each bot under node --cpu-prof, both bursts; innermost named frame wins)',
      table(
        ['stage', ...profiled.map(([n]) => n)],
        [
          ...stageNames.map((stage) => [stage, ...profiled.map(([, b]) => (ms(b, stage) === undefined ? '—' : ms(b, stage)!.toFixed(3)))]),
          ['total', ...profiled.map(([, b]) => b.profile!.totalMsPerInteraction.toFixed(3))],
        ],
      ),
    );
  }
  if (e.otherPaths?.length) {
    const askCpu = e.botCpuMs / (2 * e.interactions);
    out.push(
      `   Every other path, on Steppe after its /ask bursts (bench/paths.ts; distinct requests from distinct users; /ask above: ${num(e.finalAnswer.p99)} ms p99, ${num(askCpu)} ms CPU each)`,
      table(
        ['path', 'answered', 'after 3 s', 'to answer p50 / p99 / max', 'bot CPU per request'],
        e.otherPaths.map((p) => [p.boundBy ? `${p.path} (bound by ${p.boundBy})` : p.path, `${p.answered} of ${p.requests}${p.failures.length ? ` (${p.failures.join('; ')})` : ''}`, String(p.late), `${num(p.answer.p50)} / ${num(p.answer.p99)} / ${num(p.answer.max)} ms`, `${num(p.cpuMsPerRequest)} ms`]),
      ),
    );
  }
  return out.join('\n');
}

export function targetsSection(checks: TargetCheck[]): string {
  const mark = (m: boolean | null) => (m === null ? 'not measured' : m ? 'MET' : 'not met');
  return ['4. Targets', table(['target', 'measured', 'status'], checks.map((c) => [c.target, c.measured, mark(c.met)]))].join('\n');
}

export function signalsSection(rows: SignalCost[]): string {
  return [
    '1c. Cost of the signals of issue 11 (corpus ×1; query latency over every passage question, warm, in ms)',
    table(
      ['signal', 'build ms', 'size MB', 'start-up ms', 'p50 ms', 'p99 ms'],
      rows.map((x) => [x.name, x.buildMs === null ? '—' : num(x.buildMs), x.bytes === null ? '—' : mb(x.bytes), x.startupMs === null ? '—' : num(x.startupMs), num(x.p50), num(x.p99)]),
    ),
    ...rows.map((x) => `   ${x.name}: ${x.note}`),
  ].join('\n');
}
