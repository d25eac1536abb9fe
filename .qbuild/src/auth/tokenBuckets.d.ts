/**
 * In-memory token buckets keyed by string (principal + class, or twin id). A bucket starts full,
 * refills continuously at `perSecond`, and holds at most `capacity` tokens.
 */
export declare class TokenBuckets {
    private readonly now;
    private readonly maxKeys;
    private readonly buckets;
    constructor(now?: () => number, maxKeys?: number);
    /** Takes one token: 0 when granted, otherwise the whole seconds to wait before retrying. */
    take(key: string, perSecond: number, capacity: number): number;
    get size(): number;
    /** Forgets buckets that have refilled (they would start full anyway), so memory stays bounded. */
    private prune;
}
