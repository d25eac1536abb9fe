import type { RetryPolicy } from "../endpoints/endpointDefinition.js";

/**
 * Exponential backoff with "equal jitter": half the doubled delay is fixed, half random, so
 * retries spread out without ever retrying immediately. `attempt` counts failures so far (1 = the
 * first attempt failed).
 */
export function backoffDelay(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  const capped = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** exponent);
  return Math.round(capped / 2 + (random() * capped) / 2);
}
