import { type ChildProcess, execFile, spawn } from "node:child_process";
import { pbkdf2Sync, randomBytes } from "node:crypto";
import { accessSync, constants } from "node:fs";
import { appendFile, mkdtemp, rm, writeFile } from "node:fs/promises";
import { type AddressInfo, createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import { delimiter, join } from "node:path";
import { promisify } from "node:util";
import { isReachable, skipOrFail } from "./services.js";

/**
 * A Mosquitto of the test's own, on a free loopback port, for what the shared broker cannot be
 * configured for (authentication). Its config, password file and log live in a temp dir that
 * `stop()` removes.
 */
export interface PrivateMosquitto {
  readonly host: string;
  readonly port: number;
  readonly url: string;
  /** What the broker logged so far (connects, refusals): for failure messages. */
  log(): string;
  stop(): Promise<void>;
}

export interface PrivateMosquittoOptions {
  /** user → password, written with `mosquitto_passwd` when it is installed. */
  readonly users?: Readonly<Record<string, string>>;
  /** user → password, always written by `passwordFileLine` (to check that it stays compatible). */
  readonly builtinUsers?: Readonly<Record<string, string>>;
  /** Default false: only the users above may connect. */
  readonly allowAnonymous?: boolean;
}

export const mosquittoPath = findExecutable("mosquitto", ["/usr/sbin/mosquitto"]);
const mosquittoPasswdPath = findExecutable("mosquitto_passwd", ["/usr/bin/mosquitto_passwd"]);

/**
 * Answers whether a suite can start its own Mosquitto. When the binary is missing: with
 * `DOPPEL_REQUIRE_SERVICES=1` (CI) this throws, so the suite fails; otherwise it prints a loud
 * message and answers false, and the suite skips — as `requireService` does for running services.
 */
export function requireMosquittoBinary(suite: string): boolean {
  if (mosquittoPath) return true;
  return skipOrFail(`${suite}: the mosquitto binary is not installed (looked in PATH and /usr/sbin)`, "Install it");
}

/**
 * One line of a Mosquitto 2.0 password file, as `mosquitto_passwd` writes it: `$7$` is
 * PBKDF2-HMAC-SHA512 with the iteration count, a 12-byte salt and the 64-byte hash in base64.
 */
export function passwordFileLine(user: string, password: string, iterations = 101): string {
  const salt = randomBytes(12);
  const hash = pbkdf2Sync(password, salt, iterations, 64, "sha512");
  return `${user}:$7$${iterations}$${salt.toString("base64")}$${hash.toString("base64")}\n`;
}

export async function startPrivateMosquitto(options: PrivateMosquittoOptions = {}): Promise<PrivateMosquitto> {
  if (!mosquittoPath) throw new Error("the mosquitto binary is not installed");
  const dir = await mkdtemp(join(tmpdir(), "doppel-mosquitto-"));
  try {
    const passwordFile = join(dir, "passwd");
    await writePasswordFile(passwordFile, options);
    // A port taken between probing and binding makes Mosquitto exit at once: try another.
    let lastError: Error | undefined;
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        return await launch(mosquittoPath, dir, passwordFile, await freePort(), options.allowAnonymous ?? false);
      } catch (error) {
        lastError = error as Error;
      }
    }
    throw lastError;
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

async function writePasswordFile(path: string, options: PrivateMosquittoOptions): Promise<void> {
  await writeFile(path, "", { mode: 0o600 });
  let first = true;
  for (const [user, password] of Object.entries(options.users ?? {})) {
    if (mosquittoPasswdPath) {
      await promisify(execFile)(mosquittoPasswdPath, [...(first ? ["-c"] : []), "-b", path, user, password]);
    } else {
      await appendFile(path, passwordFileLine(user, password));
    }
    first = false;
  }
  for (const [user, password] of Object.entries(options.builtinUsers ?? {})) {
    await appendFile(path, passwordFileLine(user, password));
  }
}

async function launch(
  binary: string,
  dir: string,
  passwordFile: string,
  port: number,
  allowAnonymous: boolean,
): Promise<PrivateMosquitto> {
  const configFile = join(dir, "mosquitto.conf");
  await writeFile(
    configFile,
    [
      `listener ${port} 127.0.0.1`,
      `allow_anonymous ${allowAnonymous}`,
      `password_file ${passwordFile}`,
      "persistence false",
      "log_dest stderr",
      "log_timestamp false",
      // Started as root, Mosquitto would switch to the `mosquitto` user, which cannot read the
      // private temp dir; naming the current user keeps it as it is.
      `user ${userInfo().username}`,
      "",
    ].join("\n"),
  );
  const child = spawn(binary, ["-c", configFile], { stdio: ["ignore", "ignore", "pipe"] });
  let log = "";
  child.stderr?.setEncoding("utf8").on("data", (text: string) => {
    log += text;
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let running = true;
  void exited.then(() => {
    running = false;
  });
  const host = "127.0.0.1";
  const deadline = Date.now() + 10_000;
  while (!(await isReachable(host, port, 200))) {
    if (!running || Date.now() > deadline) {
      await kill(child, exited);
      throw new Error(`mosquitto did not start on port ${port}:\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    host,
    port,
    url: `mqtt://${host}:${port}`,
    log: () => log,
    async stop() {
      await kill(child, exited);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function kill(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
  await exited;
  clearTimeout(timer);
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

function findExecutable(name: string, fallbacks: readonly string[]): string | undefined {
  const candidates = [
    ...(process.env.PATH ?? "")
      .split(delimiter)
      .filter(Boolean)
      .map((d) => join(d, name)),
    ...fallbacks,
  ];
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}
