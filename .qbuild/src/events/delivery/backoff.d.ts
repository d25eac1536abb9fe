import type { RetryPolicy } from "../endpoints/endpointDefinition.js";
/**
 * Exponential backoff with "equal jitter": half the doubled delay is fixed, half random, so
 * retries spread out without ever retrying immediately. `attempt` counts failures so far (1 = the
 * first attempt failed).
 */
export declare function backoffDelay(policy: RetryPolicy, attempt: number, random?: () => number): number;
