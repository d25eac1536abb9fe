/**
 * In-memory token buckets keyed by string (principal + class, or twin id). A bucket starts full,
 * refills continuously at `perSecond`, and holds at most `capacity` tokens.
 */
export class TokenBuckets {
    now;
    maxKeys;
    buckets = new Map();
    constructor(now = Date.now, maxKeys = 100_000) {
        this.now = now;
        this.maxKeys = maxKeys;
    }
    /** Takes one token: 0 when granted, otherwise the whole seconds to wait before retrying. */
    take(key, perSecond, capacity) {
        const now = this.now();
        let bucket = this.buckets.get(key);
        if (!bucket) {
            if (this.buckets.size >= this.maxKeys)
                this.prune(now, perSecond, capacity);
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
    get size() {
        return this.buckets.size;
    }
    /** Forgets buckets that have refilled (they would start full anyway), so memory stays bounded. */
    prune(now, perSecond, capacity) {
        for (const [key, bucket] of this.buckets) {
            if (bucket.tokens + ((now - bucket.updatedAt) / 1000) * perSecond >= capacity)
                this.buckets.delete(key);
        }
        if (this.buckets.size >= this.maxKeys)
            this.buckets.clear();
    }
}
//# sourceMappingURL=tokenBuckets.js.map