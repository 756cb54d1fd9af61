/**
 * Per-user rate limit: a token bucket per user (`burst` requests, one more every
 * `seconds`), so one user's burst never slows anyone else. The clock is injectable for
 * tests. Buckets of idle users are forgotten so memory stays bounded.
 */
export class Cooldown {
  private readonly buckets = new Map<string, { tokens: number; updated: number }>();

  constructor(
    private readonly seconds: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** 0 when the user may go ahead (and spends a token), else seconds to wait. */
  take(userId: string): number {
    if (this.seconds <= 0) return 0;
    const now = this.now();
    const ratePerMs = 1 / (this.seconds * 1000);
    const bucket = this.buckets.get(userId) ?? { tokens: this.burst, updated: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + (now - bucket.updated) * ratePerMs);
    bucket.updated = now;
    this.buckets.set(userId, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      this.prune(now);
      return 0;
    }
    // The epsilon keeps float noise (2.0000000004 s) from adding a whole second.
    return Math.ceil((1 - bucket.tokens) / ratePerMs / 1000 - 1e-9);
  }

  private prune(now: number): void {
    if (this.buckets.size < 10_000) return;
    const full = this.seconds * 1000 * this.burst;
    for (const [id, b] of this.buckets) if (now - b.updated > full) this.buckets.delete(id);
  }
}
