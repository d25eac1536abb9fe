import type { DeliveryEvent } from "../delivery/deliveryEvent.js";

/** The outcome of one event's delivery attempt; `error` says why it failed. */
export type DeliveryOutcome = { readonly ok: true } | { readonly ok: false; readonly error: string };

/**
 * Something events can be delivered to (one per endpoint, shared by its routes). `send` delivers
 * a batch in order and answers one outcome per event, in the same order; it never throws. An
 * event counts as delivered only when the far side acknowledged it (HTTP 2xx, MQTT PUBACK,
 * JetStream ack, AMQP publisher confirm, core NATS flush).
 */
export interface Sink {
  send(events: readonly DeliveryEvent[]): Promise<DeliveryOutcome[]>;
  close(): Promise<void>;
}

export const delivered: DeliveryOutcome = { ok: true };

export function failed(error: unknown): DeliveryOutcome {
  return { ok: false, error: describeError(error) };
}

export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    const detail = cause instanceof Error ? `: ${cause.message}` : "";
    return `${error.message}${detail}`.slice(0, 1000);
  }
  return String(error).slice(0, 1000);
}

/** Rejects after `ms` unless `promise` settles first. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
