import { DigitalTwinsClient } from "@azure/digital-twins-core";
import type { EventService } from "../../../src/events/eventService.js";
import type { EventsConfig } from "../../../src/events/eventsConfig.js";
import { buildApp } from "../../../src/http/app.js";
import { deadLetterRoutes } from "../../../src/http/routes/deadLetters.js";
import { endpointRoutes } from "../../../src/http/routes/endpoints.js";
import { eventRouteRoutes } from "../../../src/http/routes/eventRoutes.js";
import { metricsRoutes } from "../../../src/http/routes/metrics.js";
import { streamRoutes } from "../../../src/http/routes/stream.js";
import { createServices } from "../../../src/server/createServices.js";
import { loadOrCreateTls } from "../../../src/server/tls.js";
import type { Store } from "../../../src/store/store.js";
import { fakeCredential, type RawResponse } from "../../support/testServer.js";
import { type OutboxChange, openEventTestStore } from "./eventTestStore.js";

export { type OutboxChange, updateEvent } from "./eventTestStore.js";

/**
 * The event parts over a real store and real HTTPS, without the rest of the server, so these
 * suites depend only on what events own. The store is SQLite, or PostgreSQL (a schema of its own)
 * with `DOPPEL_TEST_STORE=postgres`. `commit()` appends to the outbox through a connection of its
 * own, as the write path does, then notifies.
 */
export interface EventHarness {
  readonly url: string;
  readonly store: Store;
  readonly events: EventService;
  readonly client: DigitalTwinsClient;
  request(
    method: string,
    path: string,
    init?: { body?: unknown; headers?: Record<string, string> },
  ): Promise<RawResponse>;
  /** Appends Twin.Update events (one per entry) in one transaction; answers their seqs. */
  commit(changes: readonly OutboxChange[]): Promise<number[]>;
  close(): Promise<void>;
}

export async function startEventHarness(options: { events?: Partial<EventsConfig> } = {}): Promise<EventHarness> {
  const tlsDir = process.env.DOPPEL_TEST_TLS_DIR;
  if (!tlsDir) throw new Error("test/support/globalSetup.ts did not run");
  const data = await openEventTestStore();
  let services: Awaited<ReturnType<typeof createServices>>;
  try {
    services = await createServices(data.store, {
      events: { pollIntervalMs: 100, log: () => undefined, ...options.events },
    });
  } catch (error) {
    await data.close();
    throw error;
  }
  const events = services.events;
  const tls = loadOrCreateTls({ dir: tlsDir });
  const app = buildApp(services, [eventRouteRoutes, endpointRoutes, deadLetterRoutes, metricsRoutes, streamRoutes], {
    https: { key: tls.key, cert: tls.cert },
  });
  const address = await app.listen({ host: "127.0.0.1", port: 0 });
  const url = address.replace("://127.0.0.1", "://localhost");
  return {
    url,
    store: data.store,
    events,
    client: new DigitalTwinsClient(url, fakeCredential),
    request: (method, path, init) => rawRequest(url, method, path, init),
    async commit(changes) {
      const seqs = await data.append(changes);
      events.notify();
      return seqs;
    },
    async close() {
      await app.close();
      await events.stop();
      await data.close();
    },
  };
}

export async function rawRequest(
  url: string,
  method: string,
  path: string,
  init: { body?: unknown; headers?: Record<string, string>; rawBody?: string } = {},
): Promise<RawResponse> {
  const headers: Record<string, string> = { ...init.headers };
  let body: string | undefined = init.rawBody;
  if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers["content-type"] ??= "application/json";
  }
  const response = await fetch(url + path, { method, headers, body });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text === "" ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: response.status, headers: response.headers, text, body: parsed };
}

/** Polls until `check` holds (or throws after `timeoutMs` with what it last saw). */
export async function eventually<T>(
  read: () => T | Promise<T>,
  check: (value: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  while (!check(last)) {
    if (Date.now() > deadline)
      throw new Error(
        `condition not reached within ${timeoutMs} ms; last value: ${JSON.stringify(last)?.slice(0, 500)}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 25));
    last = await read();
  }
  return last;
}
