/**
 * Every failure the store reports is a `StoreError` whose message is one line, so the
 * caller can print it and exit (at start-up) or log it and carry on (later).
 * - `open`: the database cannot be reached or opened; `migrate`: a migration failed;
 * - `schema-newer`: the database was migrated by a newer Steppe;
 * - `query`: a read or write failed after start-up; `invalid-input`: a caller's bug.
 */
export type StoreErrorCode = 'open' | 'migrate' | 'schema-newer' | 'query' | 'invalid-input';

export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(oneLine(message), options);
    this.name = 'StoreError';
  }
}

/** A driver's message on one line (PostgreSQL's can span several). */
export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

export function causeMessage(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const message = error.message || String(code ?? error.name);
    return oneLine(typeof code === 'string' && !message.includes(code) ? `${message} (${code})` : message);
  }
  return oneLine(String(error));
}
