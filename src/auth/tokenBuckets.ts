interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * In-memory token buckets keyed by string (principal + class, or twin id). A bucket starts full,
 * refills continuously at `perSecond`, and holds at most `capacity` tokens.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 100_000,
  ) {}

  /** Takes one token: 0 when granted, otherwise the whole seconds to wait before retrying. */
  take(key: string, perSecond: number, capacity: number): number {
    const now = this.now();
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= this.maxKeys) this.prune(now, perSecond, capacity);
      bucket = { tokens: capacity, updatedAt: now };
      this.buckets.set(key, bucket);
    }
    bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.updatedAt) / 1000) * perSecond);
    bucket.updatedAt = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond));
  }

  /** What `take` would answer, without taking: 0 when a token is there, otherwise the seconds to wait. */
  peek(key: string, perSecond: number, capacity: number): number {
    const bucket = this.buckets.get(key);
    if (!bucket) return 0;
    const tokens = Math.min(capacity, bucket.tokens + ((this.now() - bucket.updatedAt) / 1000) * perSecond);
    return tokens >= 1 ? 0 : Math.max(1, Math.ceil((1 - tokens) / perSecond));
  }

  get size(): number {
    return this.buckets.size;
  }

  /** Forgets buckets that have refilled (they would start full anyway), so memory stays bounded. */
  private prune(now: number, perSecond: number, capacity: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + ((now - bucket.updatedAt) / 1000) * perSecond >= capacity) this.buckets.delete(key);
    }
    if (this.buckets.size >= this.maxKeys) this.buckets.clear();
  }
}
