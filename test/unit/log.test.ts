import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, redact, registerSecret } from '../../src/log.js';

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
