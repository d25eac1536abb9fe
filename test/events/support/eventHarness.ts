import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DigitalTwinsClient } from "@azure/digital-twins-core";
import Database from "better-sqlite3";
import { twinUpdateEvent } from "../../../src/events/cloudEvents.js";
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
import { createSqliteStore } from "../../../src/store/sqlite/createSqliteStore.js";
import type { Store } from "../../../src/store/store.js";
import { fakeCredential, type RawResponse } from "../../support/testServer.js";

/**
 * The event parts over a real SQLite file and real HTTPS, without the rest of the server, so
 * these suites depend only on what events own. `commit()` appends to the outbox through a second
 * connection, as the graph's write path will, then notifies.
 */
export interface EventHarness {
  readonly url: string;
  readonly file: string;
  readonly store: Store;
  readonly events: EventService;
  readonly client: DigitalTwinsClient;
  request(
    method: string,
    path: string,
    init?: { body?: unknown; headers?: Record<string, string> },
  ): Promise<RawResponse>;
  /** Appends Twin.Update events (one per entry) in one transaction; answers their seqs. */
  commit(changes: readonly { twinId: string; value?: unknown }[]): number[];
  close(): Promise<void>;
}

export async function startEventHarness(
  options: { events?: Partial<EventsConfig>; file?: string; keepFile?: boolean } = {},
): Promise<EventHarness> {
  const dir = options.file ? undefined : mkdtempSync(join(tmpdir(), "doppel-events-"));
  const file = options.file ?? join(dir!, "doppel.db");
  const store = createSqliteStore(file);
  const services = await createServices(store, {
    events: { pollIntervalMs: 100, log: () => undefined, ...options.events },
  });
  const events = services.events;
  const tlsDir = process.env.DOPPEL_TEST_TLS_DIR;
  if (!tlsDir) throw new Error("test/support/globalSetup.ts did not run");
  const tls = loadOrCreateTls({ dir: tlsDir });
  const app = buildApp(services, [eventRouteRoutes, endpointRoutes, deadLetterRoutes, metricsRoutes, streamRoutes], {
    https: { key: tls.key, cert: tls.cert },
  });
  const address = await app.listen({ host: "127.0.0.1", port: 0 });
  const url = address.replace("://127.0.0.1", "://localhost");
  const writer = new Database(file);
  writer.pragma("busy_timeout = 5000");
  const insert = writer.prepare("INSERT INTO outbox (twin_id, type, event, created_at) VALUES (?, ?, ?, ?)");
  const commitAll = writer.transaction((changes: readonly { twinId: string; value?: unknown }[]) =>
    changes.map((change) =>
      Number(
        insert.run(change.twinId, "Microsoft.DigitalTwins.Twin.Update", updateEvent(change), Date.now())
          .lastInsertRowid,
      ),
    ),
  );
  return {
    url,
    file,
    store,
    events,
    client: new DigitalTwinsClient(url, fakeCredential),
    request: (method, path, init) => rawRequest(url, method, path, init),
    commit(changes) {
      const seqs = commitAll(changes);
      events.notify();
      return seqs;
    },
    async close() {
      await app.close();
      await events.stop();
      writer.close();
      await store.close();
      if (dir && !options.keepFile) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function updateEvent(change: { twinId: string; value?: unknown }): string {
  return twinUpdateEvent(
    {
      source: "localhost:8443",
      traceparent: "00-2aa957558db348f387ef704b37631a1d-96f834571bf4fe45-01",
      time: "2026-01-01T00:00:00.0000000Z",
    },
    randomUUID(),
    change.twinId,
    { modelId: "dtmi:example:Room;1", patch: [{ value: change.value ?? 1, path: "/temperature", op: "replace" }] },
  );
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
