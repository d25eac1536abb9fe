import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ensureBuilt } from "../support/builtDist.js";

const dataDir = mkdtempSync(join(tmpdir(), "doppel-key-check-cli-"));
const running: ChildProcess[] = [];

beforeAll(async () => {
  await ensureBuilt();
}, 300_000);

afterAll(() => {
  for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
});

interface Outcome {
  /** The exit code, or null while the server runs (it printed that it listens). */
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly child: ChildProcess;
}

/** `doppel serve --data <dataDir>` with the key in DOPPEL_SECRET_KEY: until it listens or exits. */
async function serve(key: string): Promise<Outcome> {
  const tlsDir = process.env.DOPPEL_TEST_TLS_DIR;
  if (!tlsDir) throw new Error("test/support/globalSetup.ts did not run");
  const env: NodeJS.ProcessEnv = { ...process.env, DOPPEL_SECRET_KEY: key };
  delete env.DOPPEL_SECRET_KEY_FILE;
  delete env.DOPPEL_STORE;
  const child = spawn(
    process.execPath,
    [
      await ensureBuilt(),
      "serve",
      "--data",
      dataDir,
      "--https-port",
      "0",
      "--http-port",
      "0",
      "--tls-cert",
      join(tlsDir, "tls", "cert.pem"),
      "--tls-key",
      join(tlsDir, "tls", "key.pem"),
      "--quiet",
    ],
    { stdio: ["ignore", "pipe", "pipe"], env },
  );
  running.push(child);
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr!.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`doppel serve neither listened nor exited: ${stdout}${stderr}`)),
      30_000,
    );
    child.stdout!.on("data", () => {
      if (!stdout.includes("Doppel is listening on")) return;
      clearTimeout(timer);
      resolve({ code: null, stdout, stderr, child });
    });
    child.once("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, child });
    });
  });
}

/**
 * Ends a server that listens. Its exit code is not asserted: `doppel serve` prints that it listens
 * a moment before it handles SIGTERM, so a signal sent at once may end it by the default action.
 */
function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

it("doppel serve exits non-zero, saying what to do, when its key is not the one the database is used with", async () => {
  const key = randomBytes(32).toString("hex");
  const first = await serve(key);
  expect(first.code).toBeNull();
  await stop(first.child);

  const other = randomBytes(32).toString("hex");
  const refused = await serve(other);
  expect(refused.code).toBe(1);
  expect(refused.stdout).toBe("");
  expect(refused.stderr).toBe(
    "doppel: This node's secret key (from DOPPEL_SECRET_KEY) is not the key this database is used with: the key " +
      "check value stored in the database was made with another key. Every node sharing a database must use the " +
      "same key: set DOPPEL_SECRET_KEY (or DOPPEL_SECRET_KEY_FILE) on every node to the key the database is used " +
      "with.\n",
  );

  // The right key still starts.
  const again = await serve(key);
  expect(again.code).toBeNull();
  await stop(again.child);
}, 120_000);
