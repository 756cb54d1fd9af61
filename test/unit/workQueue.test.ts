import { describe, expect, it } from 'vitest';
import { WorkQueue } from '../../src/discord/workQueue.js';

/**
 * The global limit on answer work: jobs from the users in turn, each in a turn of the event
 * loop of its own. Counted (which job ran when), never timed.
 */

/** Synchronous "work" that records its turn. */
const job = (order: string[], name: string) => () => {
  order.push(name);
  return name;
};

describe('the answer work queue', () => {
  it('serves a user arriving after a flood from three others after at most one job of each', async () => {
    const queue = new WorkQueue(1);
    const order: string[] = [];
    const all: Array<Promise<string>> = [];
    for (const user of ['a', 'b', 'c']) for (let i = 0; i < 5; i++) all.push(queue.run(user, job(order, `${user}${i}`)));
    all.push(queue.run('victim', job(order, 'victim')));
    await Promise.all(all);
    // a0 b0 c0 victim a1 …: the victim waited for three jobs, not fifteen.
    expect(order.indexOf('victim')).toBeLessThanOrEqual(3);
    // and each flooder's own jobs keep their order
    expect(order.filter((n) => n.startsWith('a'))).toEqual(['a0', 'a1', 'a2', 'a3', 'a4']);
  });

  it('lets timers and I/O run between jobs (the defer timer fires during a burst)', async () => {
    const queue = new WorkQueue(1);
    const order: string[] = [];
    const burst = Array.from({ length: 10 }, (_, i) => queue.run('flooder', job(order, `job${i}`)));
    setImmediate(() => order.push('event loop turn'));
    await Promise.all(burst);
    const turn = order.indexOf('event loop turn');
    expect(turn).toBeGreaterThanOrEqual(0);
    expect(turn).toBeLessThan(3);
  });

  it('never runs a job in the caller’s turn, and passes on its result and its error', async () => {
    const queue = new WorkQueue();
    let ran = false;
    const p = queue.run('u', () => {
      ran = true;
      return 42;
    });
    expect(ran).toBe(false);
    await expect(p).resolves.toBe(42);
    await expect(
      queue.run('u', () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await expect(queue.run('u', async () => 'later')).resolves.toBe('later');
  });

  it('keeps at most `concurrency` async jobs in progress', async () => {
    const queue = new WorkQueue(2);
    let inProgress = 0;
    let most = 0;
    const releases: Array<() => void> = [];
    const jobs = Array.from({ length: 6 }, (_, i) =>
      queue.run(`u${i}`, async () => {
        inProgress += 1;
        most = Math.max(most, inProgress);
        await new Promise<void>((r) => releases.push(r));
        inProgress -= 1;
      }),
    );
    const done = Promise.all(jobs);
    let finished = false;
    void done.then(() => (finished = true));
    while (!finished) {
      await new Promise((r) => setImmediate(r));
      // hold every job started until as many as allowed are in progress (or none wait)
      if (releases.length >= 2 || queue.waiting === 0) releases.shift()?.();
    }
    expect(most).toBe(2);
  });
});
