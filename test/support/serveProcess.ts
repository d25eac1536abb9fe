import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { ensureBuilt } from "./builtDist.js";

/** A `doppel serve` child of the built CLI, listening. */
export interface ServeProcess {
  readonly process: ChildProcess;
  /** HTTPS base URL (the run's test certificate, trusted through NODE_EXTRA_CA_CERTS). */
  readonly url: string;
  /** Everything it printed so far, stdout and stderr interleaved. */
  readonly output: string[];
  exited: boolean;
}

/** Thrown by `startServe` when the server exits before it listens. */
export class ServeExited extends Error {
  constructor(
    readonly code: number | null,
    readonly stdout: string,
    readonly stderr: string,
  ) {
    super(`doppel serve exited (${code}) before listening: ${stdout}${stderr}`);
  }
}

/**
 * Starts `doppel serve` as operators run it: HTTPS on a free port with the run's test
 * certificate, plain HTTP off, quiet, plus `args`, with `env` over this process's environment.
 * Resolves once it listens; rejects with `ServeExited` if it exits first.
 */
export async function startServe(
  args: readonly string[],
  options: { readonly env?: NodeJS.ProcessEnv; readonly timeoutMs?: number } = {},
): Promise<ServeProcess> {
  const tlsDir = process.env.DOPPEL_TEST_TLS_DIR;
  if (!tlsDir) throw new Error("test/support/globalSetup.ts did not run");
  const child = spawn(
    process.execPath,
    [
      await ensureBuilt(),
      "serve",
      "--https-port",
      "0",
      "--http-port",
      "0",
      "--tls-cert",
      join(tlsDir, "tls", "cert.pem"),
      "--tls-key",
      join(tlsDir, "tls", "key.pem"),
      "--quiet",
      ...args,
    ],
    { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...options.env } },
  );
  const output: string[] = [];
  let stdout = "";
  let stderr = "";
  return new Promise((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => {
      if (settled) return;
      settled = true;
      child.kill("SIGKILL");
      reject(new Error(`doppel serve neither listened nor exited: ${output.join("")}`));
    }, options.timeoutMs ?? 30_000);
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString());
      const match = /Doppel is listening on (https:\/\/\S+)/.exec(output.join(""));
      if (match && !settled) {
        settled = true;
        clearTimeout(timer);
        const served: ServeProcess = { process: child, url: match[1]!, output, exited: false };
        child.once("exit", () => {
          served.exited = true;
        });
        resolve(served);
      }
    };
    child.stdout!.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      onData(chunk);
    });
    child.stderr!.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      onData(chunk);
    });
    child.once("close", (code) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(new ServeExited(code, stdout, stderr));
    });
  });
}

/** SIGTERM (or SIGKILL), and wait for the process to end (SIGKILL after 10 s). */
export function stopServe(
  served: { readonly process: ChildProcess },
  signal: NodeJS.Signals = "SIGTERM",
): Promise<void> {
  const child = served.process;
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve();
      return;
    }
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill(signal);
  });
}
