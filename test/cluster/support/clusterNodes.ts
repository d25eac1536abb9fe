import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { ensureBuilt } from "../../support/builtDist.js";

/**
 * The suites run the built CLI, as operators do; `startNode` waits for it. The suite may start
 * the build early without awaiting it: every caller shares the one build.
 */
export { ensureBuilt };

/** One instance key for every node this test process starts: nodes sharing a database must share it. */
const clusterSecretKey = randomBytes(32).toString("hex");

export interface ClusterNode {
  readonly name: string;
  readonly process: ChildProcess;
  /** HTTPS base URL (the run's test certificate, trusted through NODE_EXTRA_CA_CERTS). */
  readonly url: string;
  readonly output: string[];
  exited: boolean;
}

/**
 * Starts `doppel serve --store <url>` (HTTPS on a free port, plain HTTP off, plus `extraArgs`)
 * and waits until it listens.
 */
export async function startNode(
  name: string,
  storeUrl: string,
  dataDir: string,
  extraArgs: readonly string[] = [],
): Promise<ClusterNode> {
  const tlsDir = process.env.DOPPEL_TEST_TLS_DIR;
  if (!tlsDir) throw new Error("test/support/globalSetup.ts did not run");
  const cli = await ensureBuilt();
  const child = spawn(
    process.execPath,
    [
      cli,
      "serve",
      "--store",
      storeUrl,
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
      ...extraArgs,
    ],
    { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, DOPPEL_SECRET_KEY: clusterSecretKey } },
  );
  const output: string[] = [];
  return new Promise((resolve, reject) => {
    let settled = false;
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString());
      const match = /Doppel is listening on (https:\/\/[^\s]+)/.exec(output.join(""));
      if (match && !settled) {
        settled = true;
        const node: ClusterNode = { name, process: child, url: match[1]!, output, exited: false };
        child.once("exit", () => {
          node.exited = true;
        });
        resolve(node);
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => {
      if (!settled) reject(new Error(`node ${name} exited (${code}) before listening: ${output.join("")}`));
    });
  });
}

/** SIGTERM (or SIGKILL), and wait for the process to end. */
export function stopNode(node: ClusterNode, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  return new Promise((resolve) => {
    if (node.exited || node.process.exitCode !== null || node.process.signalCode !== null) {
      resolve();
      return;
    }
    const timer = setTimeout(() => node.process.kill("SIGKILL"), 10_000);
    node.process.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    node.process.kill(signal);
  });
}
