import type { Engine } from './engine.js';

/**
 * `/reload`: the corpus read again while the bot runs, and swapped in whole once it has
 * loaded. Answers in flight finish on the engine they started with; a corpus that fails
 * to load leaves the running one in place and says why in one line. Reloads run one at a
 * time. Transport-neutral: Discord's handler asks, this decides.
 */

export interface ReloadSummary {
  documents: number;
  paragraphs: number;
  added: string[];
  removed: string[];
  /** Documents whose paragraphs changed. */
  changed: string[];
  ms: number;
}

export type ReloadOutcome =
  | { kind: 'reloaded'; summary: ReloadSummary }
  | { kind: 'failed'; message: string }
  | { kind: 'not-owner' }
  | { kind: 'unavailable' };

function fingerprint(engine: Engine): Map<string, string> {
  return new Map(engine.corpus.documents.map((d) => [d.meta.id, `${d.meta.title}\u0000${d.paragraphs.map((p) => p.text).join('\u0000')}`]));
}

export function summarizeReload(before: Engine, after: Engine, ms: number): ReloadSummary {
  const a = fingerprint(before);
  const b = fingerprint(after);
  return {
    documents: after.corpus.documents.length,
    paragraphs: after.corpus.documents.reduce((n, d) => n + d.paragraphs.length, 0),
    added: [...b.keys()].filter((id) => !a.has(id)),
    removed: [...a.keys()].filter((id) => !b.has(id)),
    changed: [...b.keys()].filter((id) => a.has(id) && a.get(id) !== b.get(id)),
    ms: Math.round(ms),
  };
}

export class CorpusReloader {
  private running: Promise<ReloadOutcome> | null = null;

  constructor(
    private readonly load: () => Promise<Engine>,
    private readonly current: () => Engine,
    private readonly swap: (engine: Engine) => void,
  ) {}

  /** Reload now, or join the reload already running. */
  reload(): Promise<ReloadOutcome> {
    this.running ??= this.run().finally(() => (this.running = null));
    return this.running;
  }

  private async run(): Promise<ReloadOutcome> {
    const started = performance.now();
    let next: Engine;
    try {
      next = await this.load();
    } catch (err) {
      return { kind: 'failed', message: (err as Error).message.split('\n')[0] ?? String(err) };
    }
    const summary = summarizeReload(this.current(), next, performance.now() - started);
    this.swap(next);
    return { kind: 'reloaded', summary };
  }
}
