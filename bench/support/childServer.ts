import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { BenchTls } from "./benchTls.js";

/** A server under test running as a child process of the benchmark. */
export interface ChildServer {
  readonly process: ChildProcess;
  readonly url: string;
}

const cli = fileURLToPath(new URL("../../src/cli/main.js", import.meta.url));

/**
 * `doppel serve` through the CLI on ephemeral ports, HTTPS with `tls`, request log off; `args`
 * add to the command (`--data`, `--store`, ...), `nodeArgs` go to node (`--cpu-prof`).
 */
export function startDoppel(
  tls: BenchTls,
  args: readonly string[],
  nodeArgs: readonly string[] = [],
): Promise<ChildServer> {
  return startChild(
    [
      ...nodeArgs,
      cli,
      "serve",
      "--https-port",
      "0",
      "--http-port",
      "0",
      "--quiet",
      "--tls-cert",
      tls.certPath,
      "--tls-key",
      tls.keyPath,
      ...args,
    ],
    /Doppel is listening on https:\/\/[^:]+:(\d+)/,
  );
}

/** Runs `node args` and waits until its output matches `ready`, whose first group is the HTTPS port. */
export async function startChild(args: readonly string[], ready: RegExp): Promise<ChildServer> {
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
  const port = await new Promise<string>((resolve, reject) => {
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => reject(new Error(`server exited (${code}): ${output}`)));
  });
  return { process: child, url: `https://localhost:${port}` };
}

export function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) {
      resolve();
      return;
    }
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}
