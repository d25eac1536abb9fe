import { hkdfSync, randomBytes } from "node:crypto";
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** The environment variable holding the instance key (32 bytes: 64 hex digits or base64). */
export const secretKeyVariable = "DOPPEL_SECRET_KEY";
/** The environment variable naming a file that holds the instance key (Docker/Kubernetes secrets). */
export const secretKeyFileVariable = "DOPPEL_SECRET_KEY_FILE";
/** The environment variable holding the key being rotated away from (same formats as the current key). */
export const previousSecretKeyVariable = "DOPPEL_SECRET_KEY_PREVIOUS";
/** The environment variable naming a file that holds the key being rotated away from. */
export const previousSecretKeyFileVariable = "DOPPEL_SECRET_KEY_PREVIOUS_FILE";
/** The key file generated in the data directory when no key is given. */
export const secretKeyFileName = "secret.key";

/**
 * The instance's secret key, from which the keys that must not live in the database are
 * derived: the one encrypting endpoint credentials at rest, the one making live-stream ids
 * opaque. Every node sharing a database must use the same key.
 */
export interface InstanceSecret {
  /** Where the key came from, for error messages (never the key itself). */
  readonly source: string;
  /** A 32-byte key for one purpose (HKDF-SHA256), so no two uses share a key. */
  derive(purpose: string): Buffer;
}

export interface InstanceSecretOptions {
  /** The key itself (64 hex digits or base64 of 32 bytes); wins over everything else. */
  readonly key?: string;
  /** Where generated files live: `secret.key` is created there (mode 0600) on first start. */
  readonly dataDir?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/**
 * Finds the instance key: `options.key`, else `DOPPEL_SECRET_KEY`, else the file named by
 * `DOPPEL_SECRET_KEY_FILE`, else `<dataDir>/secret.key` (generated once), else — no data
 * directory, as in tests and in-memory use — a random key that lives as long as the process.
 */
export function loadInstanceSecret(options: InstanceSecretOptions = {}): InstanceSecret {
  const env = options.env ?? process.env;
  if (options.key !== undefined) return fromKey(parseKey(options.key, "the configured secret key"), "configuration");
  const fromEnv = env[secretKeyVariable];
  if (fromEnv) return fromKey(parseKey(fromEnv, secretKeyVariable), secretKeyVariable);
  const file = env[secretKeyFileVariable];
  if (file) return fromKey(parseKey(readKeyFile(file, "secret key"), `${secretKeyFileVariable} (${file})`), file);
  if (options.dataDir !== undefined) {
    const path = join(options.dataDir, secretKeyFileName);
    return fromKey(parseKey(readOrCreateKeyFile(path), path), path);
  }
  // One for the whole process, so services created again over the same store agree with its key check.
  processKey ??= randomBytes(32);
  return fromKey(processKey, "a random key of this process");
}

let processKey: Buffer | undefined;

export interface PreviousInstanceSecretOptions {
  /** The previous key itself (64 hex digits or base64 of 32 bytes); wins over the environment. */
  readonly key?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/**
 * Finds the key being rotated away from, if any: `options.key`, else `DOPPEL_SECRET_KEY_PREVIOUS`,
 * else the file named by `DOPPEL_SECRET_KEY_PREVIOUS_FILE`. Never generated: a previous key exists
 * only while an operator rotates (see `instanceKeyCheck.ts`).
 */
export function loadPreviousInstanceSecret(options: PreviousInstanceSecretOptions = {}): InstanceSecret | undefined {
  const env = options.env ?? process.env;
  if (options.key !== undefined) {
    return fromKey(parseKey(options.key, "the configured previous secret key"), "configuration");
  }
  const fromEnv = env[previousSecretKeyVariable];
  if (fromEnv) return fromKey(parseKey(fromEnv, previousSecretKeyVariable), previousSecretKeyVariable);
  const file = env[previousSecretKeyFileVariable];
  if (file) {
    return fromKey(
      parseKey(readKeyFile(file, "previous secret key"), `${previousSecretKeyFileVariable} (${file})`),
      file,
    );
  }
  return undefined;
}

function fromKey(key: Buffer, source: string): InstanceSecret {
  return {
    source,
    derive: (purpose) => Buffer.from(hkdfSync("sha256", key, "doppel", `doppel:${purpose}`, 32)),
  };
}

function parseKey(text: string, where: string): Buffer {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, "hex");
  if (/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(trimmed)) {
    const key = Buffer.from(trimmed, "base64");
    if (key.length === 32) return key;
  }
  throw new Error(
    `${where} must be a 32-byte key written as 64 hex digits or in base64 (generate one with: openssl rand -hex 32)`,
  );
}

function readKeyFile(path: string, what: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    throw new Error(`the ${what} file ${path} cannot be read: ${(error as Error).message}`);
  }
}

/** Creates the key file atomically (write aside, then link), so racing starts agree on one key. */
function readOrCreateKeyFile(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  mkdirSync(join(path, ".."), { recursive: true });
  const aside = `${path}.${process.pid}.${randomBytes(4).toString("hex")}`;
  writeFileSync(aside, `${randomBytes(32).toString("hex")}\n`, { mode: 0o600 });
  try {
    linkSync(aside, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    rmSync(aside, { force: true });
  }
  return readFileSync(path, "utf8");
}
