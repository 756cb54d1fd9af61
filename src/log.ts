import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';

/**
 * Structured logs on stderr (stdout belongs to `ask --json` and the console). Secrets are
 * registered here once and scrubbed from every line, whatever field or message holds them.
 */

const secrets = new Set<string>();

export function registerSecret(value: string | undefined): void {
  if (value && value.length >= 8) secrets.add(value);
}

export function redact(text: string): string {
  let out = text;
  for (const s of secrets) out = out.split(s).join('[REDACTED]');
  // Anything shaped like a bot token, even one we were not told about.
  return out.replace(/\b[\w-]{24,}\.[\w-]{6}\.[\w-]{27,}\b/g, '[REDACTED]');
}

function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redact(value);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) {
    return { type: value.name, message: redact(value.message), stack: value.stack ? redact(value.stack) : undefined };
  }
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v, depth + 1)]));
}

const LEVEL_NAMES: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };

/**
 * One log line as a person at a terminal reads it: time, level, message, then the fields
 * (`key=value`, an error's message and stack below). JSON that does not parse is passed on.
 */
export function prettyLine(json: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  const { level, time, msg, err, ...fields } = entry;
  const clock = typeof time === 'number' ? new Date(time).toTimeString().slice(0, 8) : '';
  const name = (LEVEL_NAMES[Number(level)] ?? String(level)).toUpperCase().padEnd(5);
  const rest = Object.entries(fields).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
  let line = `${clock} ${name} ${String(msg ?? '')}${rest.length ? `  ${rest.join(' ')}` : ''}`;
  const e = err as { message?: string; stack?: string } | undefined;
  if (e) line += `\n    ${(e.stack ?? e.message ?? JSON.stringify(e)).split('\n').join('\n    ')}`;
  return line;
}

/**
 * Where logs go: JSON lines on stderr when it is piped or redirected (for a collector), the
 * same lines made readable when stderr is a terminal (`npm start` by hand). No pino-pretty:
 * the lines are simple enough, and a transport would add a worker thread.
 */
export function logDestination(stderr: NodeJS.WriteStream = process.stderr): pino.DestinationStream {
  if (!stderr.isTTY) return pino.destination(2);
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      const out = chunk
        .toString('utf8')
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => `${prettyLine(l)}\n`)
        .join('');
      stderr.write(out, () => done());
    },
  });
}

export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info', destination: pino.DestinationStream = logDestination()): Logger {
  return pino(
    {
      level,
      base: undefined,
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => scrub(a)) as Parameters<typeof method>);
        },
      },
      redact: { paths: ['token', '*.token', 'headers.authorization', '*.headers.authorization'], censor: '[REDACTED]' },
    },
    destination,
  );
}

export type { Logger };
