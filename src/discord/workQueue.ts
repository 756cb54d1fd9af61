/**
 * The global limit on answer work (searching, ranking, drawing a chart). That work is
 * synchronous: run as it arrives, a burst of questions runs back to back and holds the event
 * loop, so nothing else gets a turn — not the 1.5 s defer timers, not other users'
 * interactions, not autocomplete. Here each job starts in a turn of its own (so timers and
 * network I/O run between jobs), at most `concurrency` are in progress (an async command
 * waiting on I/O does not stall the rest), and the next job is taken from the users in turn:
 * a user with five questions queued waits behind one question of each other user, not the
 * other way round.
 */
export class WorkQueue {
  /** Queued jobs by user, in the order users first queued (a Map keeps insertion order). */
  private readonly queues = new Map<string, Array<() => void>>();
  private running = 0;
  private scheduled = false;
  /** Jobs started so far: lets a test count how many ran before another. */
  started = 0;

  constructor(private readonly concurrency = 2) {}

  /** Jobs waiting to start. */
  get waiting(): number {
    let n = 0;
    for (const q of this.queues.values()) n += q.length;
    return n;
  }

  run<T>(userId: string, job: () => T | Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const start = () => {
        this.running += 1;
        this.started += 1;
        let result: Promise<T>;
        try {
          result = Promise.resolve(job());
        } catch (err) {
          result = Promise.reject(err);
        }
        result.then(resolve, reject).finally(() => {
          this.running -= 1;
          this.schedule();
        });
      };
      const queue = this.queues.get(userId);
      if (queue) queue.push(start);
      else this.queues.set(userId, [start]);
      this.schedule();
    });
  }

  /** Starts the next job in a later turn of the event loop, never in the caller's. */
  private schedule(): void {
    if (this.scheduled || this.running >= this.concurrency || this.queues.size === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      const next = this.next();
      next?.();
      this.schedule();
    });
  }

  /** The first user's next job; that user then goes to the back of the line. */
  private next(): (() => void) | undefined {
    for (const [userId, queue] of this.queues) {
      const job = queue.shift();
      this.queues.delete(userId);
      if (queue.length > 0) this.queues.set(userId, queue);
      if (job) return job;
    }
    return undefined;
  }
}
