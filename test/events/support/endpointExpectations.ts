/** What an endpoint answers for the retry policy and timeout it was not given. */
export const endpointDefaults = {
  retry: { maxAttempts: 10, maxAgeMs: 86_400_000, initialDelayMs: 500, maxDelayMs: 60_000 },
  timeoutMs: 10_000,
};

/** The live delivery state GET adds for an endpoint of a harness that does not deliver. */
export const notDelivered = {
  status: "disabled",
  routes: [],
  lastSuccessTime: null,
  lastErrorTime: null,
  lastError: null,
  consecutiveFailures: 0,
  backlog: 0,
};
