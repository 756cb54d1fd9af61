import { autocomplete, buttonClick, slashCommand, type FakeDiscord, type InteractionInput, type InteractionResult } from '../test/fake-discord/fakeDiscord.js';
import { latency, type Latency } from './stats.js';

/**
 * Every other path a user can hit at volume, after the /ask bursts, on the same bot and the
 * same loopback Discord: /search, /quote, autocomplete, the More button on /ask answers,
 * @mentions answered as replies, and /figures with its chart. Each path is its own burst of
 * distinct requests from distinct users (a cooldown or a per-user queue must not be what is
 * measured), so its latency and CPU are its own. The naive bot has only /ask: these rows
 * are held against Discord's deadline and the /ask burst of the same run.
 */

/** Requests per path, and in flight at once (a chart is drawn on the event loop: fewer of them). */
const PER_PATH = 200;
const CONCURRENCY = 20;
const CHARTS = 40;
const CHART_CONCURRENCY = 5;
const TIMEOUT_MS = 15_000;
const DISCORD_DEADLINE_MS = 3000;
/**
 * Discord lets a bot make 50 REST requests a second in all (discord.js holds the 51st until
 * the second is over; interaction callbacks are exempt). Every message answer is one such
 * request, so 200 messages at once are answered 50 a second whatever the bot does: measured,
 * each fourth of the burst waits ~0.8 s for the next second. The paced rows send messages at
 * a rate Discord lets any bot answer, and measure the bot.
 */
const DISCORD_GLOBAL_PER_SECOND = 50;
const PACED_PER_SECOND = 40;

export interface PathResult {
  path: string;
  requests: number;
  answered: number;
  /** Initial callbacks (interactions) or replies (messages) later than 3 s. */
  late: number;
  /** Dispatch → what the user sees (the answer, the edit of a deferred one, the choices, the reply). */
  answer: Latency & { max: number };
  /** The bot's CPU (user + system, /proc) per request over the path's burst. */
  cpuMsPerRequest: number;
  failures: string[];
  /** Set when what bounds the row is Discord's own limit, not the bot: such a row is shown, not held to the p99 target. */
  boundBy?: string;
}

const user = (i: number) => ({ user: { id: String(300_000_000_000_000_000n + BigInt(i)), username: `reader${i}`, global_name: null } });

/** When the user sees the answer: the callback, or for a deferred one its first edit/follow-up. */
function answeredAt(r: InteractionResult): number | undefined {
  if (!r.callback) return undefined;
  if (r.callback.type !== 5 && r.callback.type !== 6) return r.callback.atMs;
  const later = [...r.edits, ...r.followUps].map((c) => c.atMs);
  return later.length ? Math.min(...later) : undefined;
}

async function inFlight(count: number, concurrency: number, one: (i: number) => Promise<number | null>, failures: string[]): Promise<number[]> {
  const times: number[] = [];
  let next = 0;
  const slot = async () => {
    for (;;) {
      const i = next++;
      if (i >= count) return;
      try {
        const ms = await one(i);
        if (ms !== null) times.push(ms);
      } catch (err) {
        failures.push((err as Error).message.split('\n')[0]!);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, slot));
  return times;
}

/** Starts request i at i / perSecond seconds (an open loop: arrivals do not wait for answers). */
async function paced(count: number, perSecond: number, one: (i: number) => Promise<number | null>, failures: string[]): Promise<number[]> {
  const times: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const due = started + (i * 1000) / perSecond - performance.now();
      if (due > 0) await new Promise((resolve) => setTimeout(resolve, due));
      try {
        const ms = await one(i);
        if (ms !== null) times.push(ms);
      } catch (err) {
        failures.push((err as Error).message.split('\n')[0]!);
      }
    }),
  );
  return times;
}

async function interactionPath(
  fake: FakeDiscord,
  cpuMs: () => number,
  name: string,
  count: number,
  concurrency: number,
  input: (i: number) => InteractionInput,
): Promise<PathResult> {
  const failures: string[] = [];
  const before = cpuMs();
  const times = await inFlight(
    count,
    concurrency,
    async (i) => {
      const r = await fake.interact(input(i), { waitFor: 'callback', timeoutMs: TIMEOUT_MS });
      const done = await r.waitUntil((x) => answeredAt(x) !== undefined, TIMEOUT_MS);
      const at = answeredAt(done);
      return at === undefined ? null : at;
    },
    failures,
  );
  return summary(name, count, times, (cpuMs() - before) / count, failures);
}

function summary(path: string, requests: number, times: number[], cpuMsPerRequest: number, failures: string[]): PathResult {
  return {
    path,
    requests,
    answered: times.length,
    late: times.filter((ms) => ms > DISCORD_DEADLINE_MS).length,
    answer: { ...latency(times), max: times.length ? Math.max(...times) : NaN },
    cpuMsPerRequest,
    failures: [...new Set(failures)].slice(0, 3),
  };
}

/** A /quote id as a reader types it into autocomplete: a document's first letters, or an id and a paragraph's first digits. */
function idPrefixes(): string[] {
  const out: string[] = [];
  for (const doc of ['i', 'ir', 'irg', 'irgengioro', 'm', 'mi', 'miliate', 'miliate-2013/']) out.push(doc);
  for (let n = 1; n <= 40; n++) out.push(`irgengioro-2022/${n}`, `miliate-2013/${n % 10}`);
  return out;
}

/** The distinct questions asked as the other paths' words (topics, queries, mentions). */
export async function runOtherPaths(fake: FakeDiscord, cpuMs: () => number, questions: string[], log: (s: string) => void): Promise<PathResult[]> {
  const q = (i: number) => questions[i % questions.length]!;
  const results: PathResult[] = [];
  log(`  other paths: ${PER_PATH} each at concurrency ${CONCURRENCY} (/figures charts: ${CHARTS} at ${CHART_CONCURRENCY})`);
  results.push(await interactionPath(fake, cpuMs, '/search', PER_PATH, CONCURRENCY, (i) => slashCommand('search', { query: q(i) }, user(i))));
  results.push(await interactionPath(fake, cpuMs, '/quote topic', PER_PATH, CONCURRENCY, (i) => slashCommand('quote', { topic: q(i + 1) }, user(i))));
  const prefixes = idPrefixes();
  results.push(await interactionPath(fake, cpuMs, 'autocomplete /quote id', PER_PATH, CONCURRENCY, (i) => autocomplete('quote', { id: prefixes[i % prefixes.length]! }, user(i))));
  const words = questions.map((x) => x.split(/\s+/).slice(0, 1 + (x.length % 3)).join(' '));
  results.push(await interactionPath(fake, cpuMs, 'autocomplete /search document', PER_PATH, CONCURRENCY, (i) => autocomplete('search', { query: q(i), document: words[i % words.length]!.slice(0, 6) }, { ...user(i), focused: 'document' })));

  // More: the button of an /ask answer, pressed by its asker. The answers are asked first (not timed).
  const asked: Array<{ customId: string; message: Record<string, unknown>; i: number }> = [];
  await inFlight(
    PER_PATH,
    CONCURRENCY,
    async (i) => {
      const r = await fake.interact(slashCommand('ask', { question: q(i + 2) }, user(i)), { waitFor: 'final', timeoutMs: TIMEOUT_MS });
      const data = r.final();
      const button = (data?.components as Array<{ components?: Array<{ custom_id?: string; label?: string }> }> | undefined)?.flatMap((row) => row.components ?? []).find((c) => c.label === 'More');
      if (button?.custom_id && data) asked.push({ customId: button.custom_id, message: { embeds: data.embeds, components: data.components }, i });
      return null;
    },
    [],
  );
  results.push(await interactionPath(fake, cpuMs, 'More button', asked.length, CONCURRENCY, (k) => buttonClick(asked[k]!.customId, asked[k]!.message, user(asked[k]!.i))));

  // Messages: a mention in the server's channel, answered as a reply (typing first, as in
  // Discord), and a DM. Discord runs one channel's posts one after another (discord.js queues
  // the requests of a route's bucket, here the channel: its typing and its replies), so a burst
  // of mentions in one channel measures that queue; DMs, a channel each, the answer path. The
  // bursts meet Discord's global limit (see DISCORD_GLOBAL_PER_SECOND); the paced rows do not.
  const bound = `Discord's ${DISCORD_GLOBAL_PER_SECOND} requests/s`;
  for (const [label, dm, rate] of [
    ['@mention → reply (one channel)', false, null],
    ['DM → reply', true, null],
    [`@mention → reply, ${PACED_PER_SECOND}/s`, false, PACED_PER_SECOND],
    [`DM → reply, ${PACED_PER_SECOND}/s`, true, PACED_PER_SECOND],
  ] as const) {
    const failures: string[] = [];
    const before = cpuMs();
    const one = async (i: number) => {
      const start = performance.now();
      const k = i + (rate ? PER_PATH : 0);
      const said = await fake.say(dm ? { content: q(k + 3), dm: true, author: user(k).user } : { content: q(k + 3), mentionBot: true, author: user(k).user });
      await fake.waitForBotMessage((m) => (m.message_reference as { message_id?: string } | undefined)?.message_id === said.id, { timeoutMs: TIMEOUT_MS });
      return performance.now() - start;
    };
    const times = rate ? await paced(PER_PATH, rate, one, failures) : await inFlight(PER_PATH, CONCURRENCY, one, failures);
    results.push({ ...summary(label, PER_PATH, times, (cpuMs() - before) / PER_PATH, failures), ...(rate ? {} : { boundBy: bound }) });
  }

  const partners = ['Kazakhstan', 'Kyrgyzstan', 'kazakhstan', 'Kyrgyz Republic'];
  results.push(await interactionPath(fake, cpuMs, '/figures (chart)', CHARTS, CHART_CONCURRENCY, (i) => slashCommand('figures', { partner: partners[i % partners.length]!, from: 2005 + (i % 8) }, user(i))));
  return results;
}
