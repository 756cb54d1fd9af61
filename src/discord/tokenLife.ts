/**
 * How long an interaction's token can still be used, so that a reply held by a 429 is
 * dropped (with a log line) instead of waiting past that: the first response must reach
 * Discord within 3 s of the interaction, edits and follow-ups within 15 min. discord.js
 * would otherwise wait out any Retry-After, then send a reply Discord refuses, while the
 * interaction is counted as in flight (and holds a shutdown) all that time.
 */

export const FIRST_RESPONSE_MS = 3000;
export const TOKEN_LIFE_MS = 15 * 60 * 1000;

const CALLBACK = /\/interactions\/\d+\/([^/?]+)\/callback/;
const WEBHOOK = /\/webhooks\/\d+\/([^/?]+)/;

export class InteractionTokens {
  private readonly created = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Remembers when an interaction (and so its token) was created. */
  note(token: string, createdAt: number): void {
    this.created.set(token, createdAt);
    // Tokens past their life are of no more use; the map stays the size of 15 minutes of traffic.
    if (this.created.size % 1000 === 0) {
      const oldest = this.now() - TOKEN_LIFE_MS;
      for (const [t, at] of this.created) if (at < oldest) this.created.delete(t);
    }
  }

  /** Milliseconds left to use the token a request URL carries; null for other requests. */
  left(url: string): number | null {
    const callback = CALLBACK.exec(url);
    const token = callback?.[1] ?? WEBHOOK.exec(url)?.[1];
    const createdAt = token === undefined ? undefined : this.created.get(decodeURIComponent(token));
    if (createdAt === undefined) return null;
    return createdAt + (callback ? FIRST_RESPONSE_MS : TOKEN_LIFE_MS) - this.now();
  }

  /** Whether a request held for `retryAfterMs` would arrive after its token has expired. */
  expiresBefore(url: string, retryAfterMs: number): boolean {
    const left = this.left(url);
    return left !== null && retryAfterMs >= left;
  }
}
