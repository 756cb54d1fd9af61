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

export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info', destination: pino.DestinationStream = pino.destination(2)): Logger {
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
