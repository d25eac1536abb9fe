import type { TokenCredential } from "@azure/core-auth";
import { DigitalTwinsClient } from "@azure/digital-twins-core";
import { type RunningServer, type ServeOptions, startServer } from "../../src/server/startServer.js";
import { openPostgresTestStore } from "../store/support/postgresTestStore.js";

export interface TestServer {
  readonly server: RunningServer;
  /** e.g. https://localhost:43567 */
  readonly url: string;
  /** The official SDK, pointed at the server over HTTPS. */
  readonly client: DigitalTwinsClient;
  /** Raw HTTPS request helper for exact status/header/body assertions. */
  request(
    method: string,
    path: string,
    init?: { body?: unknown; headers?: Record<string, string>; rawBody?: string },
  ): Promise<RawResponse>;
  close(): Promise<void>;
}

export interface RawResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** Parsed JSON body, or undefined when empty. */
  readonly body: any;
}

export const fakeCredential: TokenCredential = {
  getToken: async () => ({ token: "test-token", expiresOnTimestamp: Date.now() + 3_600_000 }),
};

/**
 * Starts an in-memory server on free ports with the run's shared test certificate. With
 * `DOPPEL_TEST_STORE=postgres` the throwaway store is PostgreSQL, in a schema of its own that
 * `close()` drops (tests that bring their own store or data directory keep it).
 */
export async function startTestServer(options: Partial<ServeOptions> = {}): Promise<TestServer> {
  const dataDir = process.env.DOPPEL_TEST_TLS_DIR;
  if (!dataDir) throw new Error("test/support/globalSetup.ts did not run");
  const onPostgres =
    process.env.DOPPEL_TEST_STORE === "postgres" &&
    options.store === undefined &&
    options.storeUrl === undefined &&
    options.memory !== false;
  const postgres = onPostgres ? await openPostgresTestStore() : undefined;
  let server: RunningServer;
  try {
    server = await startServer({
      dataDir,
      memory: true,
      httpsPort: 0,
      httpPort: null,
      ...options,
      ...(postgres ? { store: postgres } : {}),
    });
  } catch (error) {
    await postgres?.destroy();
    throw error;
  }
  const url = server.httpsUrl;
  const client = new DigitalTwinsClient(url, fakeCredential);
  return {
    server,
    url,
    client,
    async request(method, path, init = {}) {
      const headers: Record<string, string> = { ...init.headers };
      let body: string | undefined = init.rawBody;
      if (init.body !== undefined) {
        body = JSON.stringify(init.body);
        headers["content-type"] ??= "application/json";
      }
      const response = await fetch(url + path, { method, headers, body });
      const text = await response.text();
      let parsed: unknown;
      if (text !== "") {
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = undefined;
        }
      }
      return { status: response.status, headers: response.headers, text, body: parsed };
    },
    close: async () => {
      await server.close();
      await postgres?.destroy();
    },
  };
}
