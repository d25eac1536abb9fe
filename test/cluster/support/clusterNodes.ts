import { randomBytes } from "node:crypto";
import { ensureBuilt } from "../../support/builtDist.js";
import { type ServeProcess, startServe, stopServe } from "../../support/serveProcess.js";

/**
 * The suites run the built CLI, as operators do; `startNode` waits for it. The suite may start
 * the build early without awaiting it: every caller shares the one build.
 */
export { ensureBuilt };

/** One instance key for every node this test process starts: nodes sharing a database must share it. */
const clusterSecretKey = randomBytes(32).toString("hex");

export interface ClusterNode extends ServeProcess {
  readonly name: string;
}

/** Starts `doppel serve --store <url> --data <dir>` (plus `extraArgs`) and waits until it listens. */
export async function startNode(
  name: string,
  storeUrl: string,
  dataDir: string,
  extraArgs: readonly string[] = [],
): Promise<ClusterNode> {
  const served = await startServe(["--store", storeUrl, "--data", dataDir, ...extraArgs], {
    env: { DOPPEL_SECRET_KEY: clusterSecretKey },
  }).catch((error: unknown) => {
    throw new Error(`node ${name}: ${(error as Error).message}`);
  });
  return Object.assign(served, { name });
}

/** SIGTERM (or SIGKILL), and wait for the process to end. */
export function stopNode(node: ClusterNode, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  return stopServe(node, signal);
}
