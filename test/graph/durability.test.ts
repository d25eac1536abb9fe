import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, expect, it } from "vitest";
import { startServe } from "../support/serveProcess.js";
import { richModels } from "./support.js";

/**
 * Durability across a crash: the built CLI serves a temp data dir, takes a stream of writes,
 * is killed with SIGKILL mid-stream and restarted. Every write that was answered 2xx must be
 * there, with its event in the outbox, and no event may exist for a change that is not.
 */

const api = "api-version=2023-10-31";
const rich = "dtmi:test:Rich;1";
const dataDir = mkdtempSync(join(tmpdir(), "doppel-durability-"));
let child: ChildProcess | undefined;

afterAll(() => {
  child?.kill("SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
});

async function serve(): Promise<{ process: ChildProcess; url: string }> {
  const served = await startServe(["--data", dataDir]);
  child = served.process;
  return served;
}

function stopped(proc: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) resolve();
    else proc.once("exit", () => resolve());
  });
}

function send(url: string, method: string, path: string, body?: unknown, contentType = "application/json") {
  return fetch(url + path, {
    method,
    headers: body === undefined ? {} : { "content-type": contentType },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

it("keeps every write answered 2xx, with its event, across SIGKILL and restart", async () => {
  let server = await serve();
  expect((await send(server.url, "POST", `/models?${api}`, richModels)).status).toBe(201);

  const writers = 8;
  const acknowledged = new Map<string, number>(); // twin → last acknowledged counter
  const attempted = new Map<string, Set<number>>(); // twin → every counter sent
  const created = new Set<string>(); // acknowledged creations
  let killed = false;
  let answered = 0;

  const writer = async (w: number) => {
    for (let n = 0; !killed; n++) {
      // Every 20th write creates a new twin; the others count up on the writer's own twin.
      const create = n % 20 === 0;
      const id = create ? `new-${w}-${n}` : `w${w}`;
      try {
        if (create || n === 1) {
          const res = await send(server.url, "PUT", `/digitaltwins/${id}?${api}`, {
            $metadata: { $model: rich },
            panel: {},
            count: n,
          });
          if (res.status === 200) {
            answered++;
            created.add(id);
            if (!create) acknowledged.set(id, n);
          }
          if (!attempted.has(id)) attempted.set(id, new Set());
          attempted.get(id)!.add(n);
          continue;
        }
        attempted.get(id)?.add(n);
        const res = await send(
          server.url,
          "PATCH",
          `/digitaltwins/${id}?${api}`,
          [{ op: "replace", path: "/count", value: n }],
          "application/json-patch+json",
        );
        if (res.status === 204) {
          answered++;
          acknowledged.set(id, n);
        } else expect(res.status).toBe(204);
      } catch {
        return; // the server is gone
      }
    }
  };
  const running = Array.from({ length: writers }, (_, w) => writer(w));
  // Kill once a few hundred writes were answered (at most after 10 s on a busy machine).
  const started = Date.now();
  while (answered < 400 && Date.now() - started < 10_000) await new Promise((resolve) => setTimeout(resolve, 50));
  killed = true;
  server.process.kill("SIGKILL");
  await Promise.all(running);
  await stopped(server.process);

  expect(answered).toBeGreaterThan(100);
  expect(created.size).toBeGreaterThan(writers);

  // Restart on the same data: every acknowledged write is there.
  server = await serve();
  for (const [id, n] of acknowledged) {
    const res = await send(server.url, "GET", `/digitaltwins/${id}?${api}`);
    expect(res.status, id).toBe(200);
    const twin = (await res.json()) as { count: number };
    // A write may have committed without its answer arriving before the kill: never less, never unsent.
    expect(twin.count, id).toBeGreaterThanOrEqual(n);
    expect(attempted.get(id)!.has(twin.count), id).toBe(true);
  }
  for (const id of created) expect((await send(server.url, "GET", `/digitaltwins/${id}?${api}`)).status, id).toBe(200);
  server.process.kill("SIGTERM");
  await stopped(server.process);

  // Every acknowledged change has its event, and the events replay to exactly the stored state.
  const db = new Database(join(dataDir, "doppel.db"), { readonly: true });
  try {
    const rows = db.prepare("SELECT twin_id, type, event FROM outbox ORDER BY seq").all() as {
      twin_id: string;
      type: string;
      event: string;
    }[];
    const replayed = new Map<string, number>();
    const seen = new Map<string, Set<number>>();
    for (const row of rows) {
      const event = JSON.parse(row.event);
      const value: number =
        row.type === "Microsoft.DigitalTwins.Twin.Create" || row.type === "Microsoft.DigitalTwins.Twin.Update"
          ? row.type.endsWith("Create")
            ? event.data.count
            : event.data.patch[0].value
          : Number.NaN;
      if (Number.isNaN(value)) continue;
      replayed.set(row.twin_id, value);
      if (!seen.has(row.twin_id)) seen.set(row.twin_id, new Set());
      seen.get(row.twin_id)!.add(value);
    }
    for (const [id, n] of acknowledged) expect(seen.get(id)?.has(n), `${id} event ${n}`).toBe(true);
    for (const id of created) expect(seen.has(id), `${id} create event`).toBe(true);
    const twins = db.prepare("SELECT id, doc FROM twins").all() as { id: string; doc: string }[];
    expect(twins.length).toBe(replayed.size);
    for (const twin of twins) expect(JSON.parse(twin.doc).count, twin.id).toBe(replayed.get(twin.id));
  } finally {
    db.close();
  }
}, 120_000);
