/** What the dispatcher knows of one endpoint's recent deliveries (this process only, since start). */
export interface EndpointHealthState {
  lastSuccessAt: number | undefined;
  lastErrorAt: number | undefined;
  lastError: string | undefined;
  /** Delivery attempts in a row (over every route to the endpoint) that had a failure. */
  consecutiveFailures: number;
  /** The last failure dead-lettered an event (its retry policy gave up). */
  gaveUp: boolean;
}

/** Per endpoint, the outcome of the latest delivery attempts; route workers report each attempt. */
export class EndpointHealth {
  private readonly states = new Map<string, EndpointHealthState>();

  /** One attempt (a send of a batch) to `endpoint`: how many events went through, the first error. */
  attempted(endpoint: string, outcome: { delivered: number; error?: string; deadLettered: number }, at: number): void {
    const state = this.of(endpoint);
    if (outcome.delivered > 0) state.lastSuccessAt = at;
    if (outcome.error === undefined) {
      state.consecutiveFailures = 0;
      state.gaveUp = false;
      return;
    }
    state.consecutiveFailures++;
    state.lastError = outcome.error;
    state.lastErrorAt = at;
    state.gaveUp = outcome.deadLettered > 0;
  }

  get(endpoint: string): Readonly<EndpointHealthState> | undefined {
    return this.states.get(endpoint);
  }

  delete(endpoint: string): void {
    this.states.delete(endpoint);
  }

  private of(endpoint: string): EndpointHealthState {
    let state = this.states.get(endpoint);
    if (!state) {
      state = {
        lastSuccessAt: undefined,
        lastErrorAt: undefined,
        lastError: undefined,
        consecutiveFailures: 0,
        gaveUp: false,
      };
      this.states.set(endpoint, state);
    }
    return state;
  }
}
