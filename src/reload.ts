import { EventEmitter } from 'node:events';
import { watch, type FSWatcher } from 'node:fs';
import type { Engine } from './engine.js';
import type { Logger } from './log.js';

/**
 * `/reload` (and WATCH_CORPUS): the corpus read again while the bot runs, and swapped in
 * whole once it has loaded. Answers in flight finish on the engine they started with; a
 * corpus that fails to load leaves the running one in place and says why in one line.
 * Reloads run one at a time. Transport-neutral: Discord's handler asks, this decides.
 */

/** What started a reload: the owner's /reload, or a change in the watched corpus folder. */
export type ReloadTrigger = 'command' | 'watch';

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

/**
 * Runs reloads one at a time. Emits `reloaded` (summary, trigger) once the new corpus is
 * in use and `failed` (message, trigger) when it did not load, whoever asked.
 */
export class CorpusReloader extends EventEmitter<{ reloaded: [ReloadSummary, ReloadTrigger]; failed: [string, ReloadTrigger]; queued: [ReloadTrigger] }> {
  private running: Promise<ReloadOutcome> | null = null;
  private queued: Promise<ReloadOutcome> | null = null;

  constructor(
    private readonly load: () => Promise<Engine>,
    private readonly current: () => Engine,
    private readonly swap: (engine: Engine, summary: ReloadSummary, trigger: ReloadTrigger) => void,
  ) {
    super();
  }

  /** Reload now, or join the reload already running. */
  reload(trigger: ReloadTrigger = 'command'): Promise<ReloadOutcome> {
    this.running ??= this.run(trigger).finally(() => (this.running = null));
    return this.running;
  }

  /**
   * Reload from the folder as it is now: never joins a reload that began before (it may have
   * read the folder already); one more runs after it instead (emitting `queued`), and every
   * request meanwhile shares that one.
   */
  reloadAfter(trigger: ReloadTrigger): Promise<ReloadOutcome> {
    if (!this.running) return this.reload(trigger);
    if (!this.queued) {
      this.queued = this.idle().then(() => {
        this.queued = null;
        return this.reload(trigger);
      });
      this.emit('queued', trigger);
    }
    return this.queued;
  }

  /** Whether a reload is running (one asked for now would join it, reading the folder as it was when it began). */
  get busy(): boolean {
    return this.running !== null;
  }

  /** Resolves once no reload is running. */
  async idle(): Promise<void> {
    while (this.running) await this.running.catch(() => undefined);
  }

  private async run(trigger: ReloadTrigger): Promise<ReloadOutcome> {
    const started = performance.now();
    let next: Engine;
    try {
      next = await this.load();
    } catch (err) {
      const message = (err as Error).message.split('\n')[0] ?? String(err);
      this.emit('failed', message, trigger);
      return { kind: 'failed', message };
    }
    const summary = summarizeReload(this.current(), next, performance.now() - started);
    this.swap(next, summary, trigger);
    this.emit('reloaded', summary, trigger);
    return { kind: 'reloaded', summary };
  }
}

/** Default quiet time after the last change before the folder is read (a copy of many files is one reload). */
export const WATCH_DEBOUNCE_MS = 500;

/** Files whose changes never matter: hidden files, editors' swap and backup files, partial downloads. */
const IGNORED = /^\.|~$|\.(?:swp|swx|swo|tmp|temp|part|crdownload|download)$/i;

/** Whether a change to the file `name` in the corpus folder is left unwatched (see IGNORED). */
export function ignoredCorpusFile(name: string): boolean {
  return IGNORED.test(name);
}

export interface CorpusWatch {
  close(): void;
}

/**
 * WATCH_CORPUS: `fs.watch` on the corpus folder; once it has been quiet for `debounceMs`
 * after a change, the corpus is reloaded through `reloader` as /reload does (one at a
 * time: a change while a reload runs brings one more reload after it, never a join; see
 * `reloadAfter`). A corpus that does not
 * load is logged in one line and the running one stays; the next change tries again.
 */
export function watchCorpus(dir: string, reloader: CorpusReloader, logger: Logger, options: { debounceMs?: number } = {}): CorpusWatch {
  const debounceMs = options.debounceMs ?? WATCH_DEBOUNCE_MS;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  const schedule = () => {
    if (closed) return;
    clearTimeout(timer);
    timer = setTimeout(fire, debounceMs);
  };
  const fire = () => {
    timer = undefined;
    if (!closed) void reloader.reloadAfter('watch');
  };
  // One line per reload the folder caused that did not load (a /reload joining it is told by its reply).
  const onFailed = (message: string, trigger: ReloadTrigger) => {
    if (trigger === 'watch') logger.warn({ dir, error: message }, 'the corpus folder changed but does not load; the current corpus stays in use');
  };
  let watcher: FSWatcher;
  try {
    watcher = watch(dir, { persistent: false }, (_event, name) => {
      if (name && ignoredCorpusFile(String(name))) return;
      schedule();
    });
  } catch (err) {
    logger.warn({ dir, error: (err as Error).message }, 'cannot watch the corpus folder (WATCH_CORPUS); use /reload');
    return { close: () => undefined };
  }
  const close = () => {
    closed = true;
    clearTimeout(timer);
    reloader.off('failed', onFailed);
    watcher.close();
  };
  watcher.on('error', (err) => {
    logger.warn({ dir, error: err.message }, 'stopped watching the corpus folder (WATCH_CORPUS); use /reload');
    close();
  });
  reloader.on('failed', onFailed);
  logger.info({ dir, debounceMs }, 'watching the corpus folder');
  return { close };
}
