/**
 * Exponential backoff with "equal jitter": half the doubled delay is fixed, half random, so
 * retries spread out without ever retrying immediately. `attempt` counts failures so far (1 = the
 * first attempt failed).
 */
export function backoffDelay(policy, attempt, random = Math.random) {
    const exponent = Math.min(Math.max(attempt - 1, 0), 30);
    const capped = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** exponent);
    return Math.round(capped / 2 + (random() * capped) / 2);
}
//# sourceMappingURL=backoff.js.map