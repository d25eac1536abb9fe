import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";

const root = process.cwd();

/** The built CLI (`doppel`), which the process-level suites spawn as operators run it. */
export const cliPath = join(root, "dist", "src", "cli", "main.js");

/** Held while one test worker builds, so workers running at once do not rebuild over each other. */
const lockDir = join(root, "node_modules", ".cache", "doppel-test", "build.lock");

let building: Promise<string> | undefined;

/**
 * Makes dist/ current and answers the CLI's path. `npm test` builds first; a direct run rebuilds
 * when the CLI is missing or older than any source under src/. The build runs asynchronously: tsc
 * takes most of a minute on a busy machine, long enough for a blocked worker to miss vitest's RPC
 * timeout. Single-flight: every caller in a worker shares one build (the same promise, so a
 * caller that does not await it leaves no unhandled rejection behind while another awaits), and
 * workers take turns through a lock directory, checking again once they hold it.
 */
export function ensureBuilt(): Promise<string> {
  building ??= fresh() ? Promise.resolve(cliPath) : locked(build);
  return building;
}

function fresh(): boolean {
  return existsSync(cliPath) && statSync(cliPath).mtimeMs >= newestSource(join(root, "src"));
}

/** Newest modification time of the TypeScript sources under `dir`. */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith(".ts")) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

async function build(): Promise<string> {
  if (fresh()) return cliPath; // another worker built it while this one waited for the lock
  console.warn("dist/ is missing or older than src/; building (npm run build)...");
  try {
    await promisify(execFile)(
      process.execPath,
      [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.build.json"],
      { cwd: root, maxBuffer: 64 * 1024 * 1024 },
    );
  } catch (error) {
    // Type errors elsewhere in the tree still emit JavaScript; only a missing CLI is fatal.
    if (!existsSync(cliPath)) throw error;
  }
  return cliPath;
}

async function locked<T>(work: () => Promise<T>): Promise<T> {
  mkdirSync(join(lockDir, ".."), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lockDir); // atomic: exactly one worker creates it
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      if (holderGone()) rmSync(lockDir, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    writeFileSync(join(lockDir, "pid"), String(process.pid));
    return await work();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

/** A lock left by a worker that died (killed mid-build) must not block the next run forever. */
function holderGone(): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(join(lockDir, "pid"), "utf8"));
  } catch {
    // No pid yet: the holder is between creating the lock and writing it, unless the lock is old.
    const created = statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs;
    return created === undefined || Date.now() - created > 60_000;
  }
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}
