import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseTarget } from '../../src/store/index.js';
import { engines, postgresRequired, StoreOpener } from './engines.js';

/**
 * A vote acknowledged to a user survives the process being SIGKILLed right after: the
 * write is committed (WAL + synchronous=FULL on SQLite, a committed transaction on
 * PostgreSQL) before the store's promise resolves.
 */

const WRITER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'voteWriter.ts');

/** Runs the writer and SIGKILLs it once `killAfterAcks` votes were acknowledged; returns the acknowledged voters. */
function writeVotesThenKill(target: DatabaseTarget, votes: number, killAfterAcks: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, JSON.stringify(target), String(votes)], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acked: string[] = [];
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`writer did not reach ${killAfterAcks} acks in time: ${stderr}`));
    }, 15_000);
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    createInterface({ input: child.stdout }).on('line', (line) => {
      const match = /^acked (\d+)$/.exec(line);
      if (!match) return;
      acked.push(`user-${match[1]}`);
      if (acked.length === killAfterAcks) child.kill('SIGKILL');
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL' && acked.length >= killAfterAcks) resolve(acked);
      else reject(new Error(`writer exited (${signal ?? code}) after ${acked.length} acks: ${stderr}`));
    });
  });
}

describe.each(engines())('durability on $name', (engine) => {
  const opener = new StoreOpener();
  let target: DatabaseTarget;

  beforeEach(async ({ skip }) => {
    if (engine.unavailable) {
      if (engine.name === 'postgres' && postgresRequired()) throw new Error(engine.unavailable);
      skip(`${engine.name}: ${engine.unavailable}`);
    }
    target = await engine.newDatabase();
  });
  afterEach(() => opener.closeAll());
  afterAll(() => engine.dispose());

  it('keeps a vote acknowledged just before SIGKILL', async () => {
    await writeVotesThenKill(target, 1, 1);
    const store = await opener.open(target);
    expect(await store.getVote('burst', 'user-0')).toMatchObject({ direction: 'down', reason: 'wrong-passage' });
  });

  it('loses none of the acknowledged votes of a burst of 200 killed in the middle', async () => {
    const acked = await writeVotesThenKill(target, 200, 120);
    const store = await opener.open(target);
    for (const voter of acked) expect(await store.getVote('burst', voter), voter).not.toBeNull();
    const counts = await store.countVotes('burst');
    // The write in flight when the kill came may or may not have landed; none acked is lost.
    expect(counts.up + counts.down).toBeGreaterThanOrEqual(acked.length);
    expect(counts.up + counts.down).toBeLessThanOrEqual(200);
  });
});
