import type { E2eResult } from './e2e.js';
import type { RetrievalResult } from './retrieval.js';
import type { ScaleResult } from './scale.js';
import type { HostileResult } from './hostile.js';
import { num } from './stats.js';

/**
 * The targets the project set itself, checked against this run. Not a test: nothing fails,
 * the bench says where we stand. A target whose measurement is missing is "not measured",
 * never "met".
 */

export interface TargetCheck {
  target: string;
  measured: string;
  met: boolean | null;
}

const check = (target: string, value: number | undefined | null, limit: number, unit: string, extra = ''): TargetCheck =>
  value === undefined || value === null || !Number.isFinite(value)
    ? { target, measured: 'not measured', met: null }
    : { target, measured: `${num(value)} ${unit}${extra}`, met: value <= limit };

export function checkTargets(retrieval: RetrievalResult | null, scales: ScaleResult[], e2e: E2eResult | null, hostile: HostileResult | null = null): TargetCheck[] {
  const at = (s: number) => scales.find((r) => r.scale === s);
  const out: TargetCheck[] = [];
  for (const [scale, limit] of [[1, 2], [100, 20]] as const) {
    const r = at(scale);
    out.push(
      check(`query p99 ≤ ${limit} ms at ×${scale} (index.query)`, r?.query?.p99.median, limit, 'ms', r?.answer ? `; answerQuestion p99 ${num(r.answer.p99.median)} ms` : ''),
    );
  }
  for (const [scale, limit] of [[1, 1000], [100, 5000]] as const) {
    const r = at(scale);
    out.push(
      check(
        `start-up to ready ≤ ${limit / 1000} s at ×${scale} (saved index)`,
        r?.startup?.readyMs.median,
        limit,
        'ms',
        `${r?.coldStartup ? `; cold (build + save) ${num(r.coldStartup.readyMs)} ms` : ''}`,
      ),
    );
  }
  // ×1000 (issue 13): served from the saved state, as a restarted bot is.
  const huge = at(1000);
  const serving = huge?.serving;
  out.push(check('×1000: query p99 ≤ 100 ms cold (fresh start from the saved state)', serving?.coldQuery.p99, 100, 'ms'));
  out.push(check('×1000: query p99 ≤ 30 ms warm (after the background warm-up)', serving?.warmQuery.p99, 30, 'ms', serving ? `; answerQuestion p99 ${num(serving.warmAnswer.p99)} ms` : ''));
  out.push(check('×1000: ready ≤ 3 s from the saved state (parse and index)', huge?.startup?.readyMs.median, 3000, 'ms'));
  out.push(
    check(
      '×1000: heap ≤ 1 GB (after the background warm-up: the most the bot holds)',
      serving?.heapWarmMB,
      1024,
      'MB',
      huge?.startup?.heapDeltaMB ? `; after start-up ${num(huge.startup.heapDeltaMB.median)} MB` : '',
    ),
  );
  out.push(
    check('bot RSS ≤ 150 MB at ×1 (peak, VmHWM)', e2e?.rssPeakMB, 150, 'MB', e2e ? `; idle before the burst ${num(e2e.rssBeforeMB)}` : ''),
  );

  const ours = retrieval?.rows.find((r) => r.name === 'steppe index.query');
  const peers = retrieval?.rows.filter((r) => !r.name.startsWith('steppe')) ?? [];
  const mini = retrieval?.rows.find((r) => r.name === 'MiniSearch default');
  if (ours && peers.length && mini) {
    const bestHit1 = Math.max(...peers.map((p) => p.hit1));
    const bestMrr = Math.max(...peers.map((p) => p.mrr));
    const p50Ratio = ours.p50.median / mini.p50.median;
    const p99Ratio = ours.p99.median / mini.p99.median;
    out.push({
      target: 'hit@1 and MRR above every peer',
      measured: `hit@1 ${num(ours.hit1)} vs best peer ${num(bestHit1)}; MRR ${num(ours.mrr)} vs ${num(bestMrr)}`,
      met: ours.hit1 > bestHit1 && ours.mrr > bestMrr,
    });
    out.push({
      target: '… at a latency within 3× of raw MiniSearch (p50 and p99), ×1',
      measured: `p50 ${num(p50Ratio)}×, p99 ${num(p99Ratio)}×`,
      met: p50Ratio <= 3 && p99Ratio <= 3,
    });
    const big = at(100);
    if (big?.query && big.miniSearch) {
      const r50 = big.query.p50.median / big.miniSearch.p50.median;
      const r99 = big.query.p99.median / big.miniSearch.p99.median;
      out.push({ target: '… the same at ×100', measured: `p50 ${num(r50)}×, p99 ${num(r99)}×`, met: r50 <= 3 && r99 <= 3 });
    }
  } else out.push({ target: 'hit@1 and MRR above every peer, latency within 3× of MiniSearch', measured: 'not measured', met: null });

  if (e2e) {
    out.push({
      target: 'end-to-end: all answered, callback p99 well inside 3 s (≤ 1 s)',
      measured: `${e2e.answered}/${e2e.interactions} answered, ${e2e.callbacksAfter3s} callbacks after 3 s, p99 ${num(e2e.callback.p99)} ms`,
      met: e2e.answered === e2e.interactions && e2e.callbacksAfter3s === 0 && e2e.callback.p99 <= 1000,
    });
  } else out.push({ target: 'end-to-end p99 well inside 3 s', measured: 'not measured', met: null });
  // The store's writes go after the reply (the question log, in batches): what it can add to an
  // answer's latency is the CPU it takes from the event loop, which the profile measures.
  const store = e2e?.profile?.stages.find((s) => s.stage === 'question log (store)');
  out.push(
    store
      ? check('the store adds ≤ 2 ms to an answer (its CPU per /ask; writes after the reply)', store.ms, 2, 'ms', `; ${num(e2e!.profile!.totalMsPerInteraction)} ms in all`)
      : { target: 'the store adds ≤ 2 ms to an answer', measured: 'not measured (needs --profile)', met: null },
  );
  const naive = e2e?.naive;
  if (e2e && naive) {
    out.push({
      target: 'end-to-end vs the naive bot: throughput ≥, answer p99 ≤, 0 lost, 0 late',
      measured: `${num(e2e.throughputPerS)} vs ${num(naive.throughputPerS)}/s; p99 ${num(e2e.finalAnswer.p99)} vs ${num(naive.finalAnswer.p99)} ms; lost ${e2e.failed}; late ${e2e.answersAfter3s}; ${e2e.distinctQuestions} distinct questions`,
      met: e2e.throughputPerS >= naive.throughputPerS && e2e.finalAnswer.p99 <= naive.finalAnswer.p99 && e2e.failed === 0 && e2e.answersAfter3s === 0,
    });
    out.push(check('ready ≤ the naive bot’s + 0.3 s (built checkout)', e2e.botReadyMs - naive.botReadyMs, 300, 'ms over', `; ${num(e2e.botReadyMs)} vs ${num(naive.botReadyMs)} ms`));
  } else out.push({ target: 'end-to-end vs the naive bot', measured: 'not measured', met: null });
  // Every other path at volume gets the /ask path's look: all answered, none late, p99 well inside 3 s.
  const paths = e2e?.otherPaths;
  if (paths?.length) {
    // A burst Discord itself answers at 50 requests a second (see bench/paths.ts) is held to
    // "all answered, none late"; its p99 is Discord's, and the paced rows hold the bot's.
    const held = paths.filter((p) => !p.boundBy);
    const worst = held.reduce((a, b) => (b.answer.p99 > a.answer.p99 ? b : a), held[0]!);
    const bound = paths.filter((p) => p.boundBy);
    out.push({
      target: 'every other path (/search, /quote, autocomplete, More, @mentions, /figures): all answered, 0 late, p99 ≤ 1 s',
      measured:
        `${paths.reduce((n, p) => n + p.answered, 0)}/${paths.reduce((n, p) => n + p.requests, 0)} answered, ${paths.reduce((n, p) => n + p.late, 0)} late; worst p99 ${num(worst.answer.p99)} ms (${worst.path})` +
        (bound.length ? `; bursts bound by Discord's limit, not held to the p99: ${bound.map((p) => `${p.path} ${num(p.answer.p99)} ms`).join(', ')}` : ''),
      met: held.length > 0 && paths.every((p) => p.answered === p.requests && p.requests > 0 && p.late === 0) && held.every((p) => p.answer.p99 <= 1000),
    });
  } else out.push({ target: 'every other path: all answered, 0 late, p99 ≤ 1 s', measured: 'not measured', met: null });
  // No input from one user may slow the bot for the others: the worst hostile turn costs the order of a slow ordinary one (×10: the longest of them is a 1,000-character question of 250 words to search).
  out.push(
    hostile
      ? { target: 'input no one means: worst turn ≤ 10× the ordinary questions’ p99 (in process)', measured: `worst ${num(hostile.hostile.max)} ms (${hostile.hostile.worst}) vs p99 ${num(hostile.ordinary.p99)} ms`, met: hostile.hostile.max <= 10 * hostile.ordinary.p99 }
      : { target: 'input no one means: worst turn ≤ 10× the ordinary questions’ p99 (in process)', measured: 'not measured', met: null },
  );
  return out;
}
