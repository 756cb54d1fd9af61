import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, logDestination, prettyLine, redact, registerSecret } from '../../src/log.js';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GsecrT.zyxwvutsrqponmlkjihgfedcba9876543210ZZ';

function capture() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _e, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { lines, logger: createLogger('info', sink) };
}

describe('secrets never reach the logs', () => {
  registerSecret(TOKEN);

  it('redacts the token from messages, fields, nested objects and error stacks', () => {
    const { lines, logger } = capture();
    const err = new Error(`login failed for token ${TOKEN}`);
    logger.error({ err, ref: 'AB12CD' }, `interaction failed with ${TOKEN}`);
    logger.info({ config: { token: TOKEN, nested: [`Bot ${TOKEN}`] }, headers: { authorization: `Bot ${TOKEN}` } }, 'config');
    const out = lines.join('');
    expect(out).not.toContain(TOKEN);
    expect(out).not.toContain('GsecrT');
    expect(out).toContain('[REDACTED]');
    expect(out).toContain('AB12CD');
  });

  it('redacts strings shaped like bot tokens even when never registered', () => {
    const other = 'OTk5OTk5OTk5OTk5OTk5OTk5OQ.Gabcde.abcdefghijklmnopqrstuvwxyz0123456789';
    expect(redact(`oops ${other} end`)).toBe('oops [REDACTED] end');
  });
});

describe('where logs go', () => {
  const stream = (isTTY: boolean) => {
    const written: string[] = [];
    const s = new Writable({
      write(chunk: Buffer, _e, done) {
        written.push(chunk.toString('utf8'));
        done();
      },
    }) as unknown as NodeJS.WriteStream;
    (s as { isTTY?: boolean }).isTTY = isTTY;
    return { s, written };
  };

  it('a terminal gets readable lines: time, level, message, fields; no JSON', async () => {
    const { s, written } = stream(true);
    const logger = createLogger('info', logDestination(s));
    logger.info({ documents: 2, index: 'cache' }, 'corpus indexed');
    logger.error({ err: new Error('boom') }, 'interaction failed (ref ABC123)');
    await new Promise((r) => setImmediate(r));
    const text = written.join('');
    expect(text).toMatch(/^\d\d:\d\d:\d\d INFO {2}corpus indexed {2}documents=2 index=cache\n/);
    expect(text).toMatch(/\d\d:\d\d:\d\d ERROR interaction failed \(ref ABC123\)\n {4}Error: boom\n {4}\s*at /);
    expect(text).not.toContain('{"level"');
  });

  it('a pipe or a file gets JSON lines (pino writes to fd 2 itself)', () => {
    const { s } = stream(false);
    expect(logDestination(s)).not.toBeInstanceOf(Writable);
    expect(prettyLine('not json')).toBe('not json');
  });
});
