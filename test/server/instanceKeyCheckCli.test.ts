import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ensureBuilt } from "../support/builtDist.js";
import { ServeExited, type ServeProcess, startServe, stopServe } from "../support/serveProcess.js";

const dataDir = mkdtempSync(join(tmpdir(), "doppel-key-check-cli-"));
const running: ChildProcess[] = [];

beforeAll(async () => {
  await ensureBuilt();
}, 300_000);

afterAll(() => {
  for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
});

/** `doppel serve --data <dataDir>` with the key in DOPPEL_SECRET_KEY: listening, or how it exited. */
async function serve(key: string): Promise<ServeProcess | ServeExited> {
  const env: NodeJS.ProcessEnv = { DOPPEL_SECRET_KEY: key, DOPPEL_SECRET_KEY_FILE: undefined, DOPPEL_STORE: undefined };
  try {
    const served = await startServe(["--data", dataDir], { env });
    running.push(served.process);
    return served;
  } catch (error) {
    if (error instanceof ServeExited) return error;
    throw error;
  }
}

function listening(outcome: ServeProcess | ServeExited): ServeProcess {
  if (outcome instanceof ServeExited) throw outcome;
  return outcome;
}

it("doppel serve exits non-zero, saying what to do, when its key is not the one the database is used with", async () => {
  const key = randomBytes(32).toString("hex");
  await stopServe(listening(await serve(key)));

  const other = randomBytes(32).toString("hex");
  const refused = await serve(other);
  expect(refused).toBeInstanceOf(ServeExited);
  if (!(refused instanceof ServeExited)) return;
  expect(refused.code).toBe(1);
  expect(refused.stdout).toBe("");
  expect(refused.stderr).toBe(
    "doppel: This node's secret key (from DOPPEL_SECRET_KEY) is not the key this database is used with: the key " +
      "check value stored in the database was made with another key. Every node sharing a database must use the " +
      "same key: set DOPPEL_SECRET_KEY (or DOPPEL_SECRET_KEY_FILE) on every node to the key the database is used " +
      "with.\n",
  );

  // The right key still starts.
  const again = listening(await serve(key));
  await stopServe(again);
  expect(again.process.exitCode).toBe(0);
}, 120_000);
