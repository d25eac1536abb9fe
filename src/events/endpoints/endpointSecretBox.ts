import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { type EndpointKind, secretFields } from "./endpointDefinition.js";
import { putSecretField, takeSecretField } from "./secretField.js";

/** The member of a stored definition holding its credentials, encrypted. */
export const sealedField = "sealedSecrets";
const version = "v1";

/** Thrown when stored credentials do not decrypt: the key differs from the one that sealed them. */
export class EndpointSecretsUnreadable extends Error {
  /** The message without where the keys came from (paths, variables): what an API client may read. */
  readonly publicMessage: string;

  constructor(
    readonly endpointName: string,
    keySource: string,
    /** Where the previous key came from, when the node has one (during a rotation). */
    previousKeySource?: string,
  ) {
    const keys =
      previousKeySource === undefined
        ? `this node's secret key (from ${keySource})`
        : `this node's secret key (from ${keySource}) nor with its previous key (from ${previousKeySource})`;
    super(unreadableMessage(endpointName, keys));
    this.name = "EndpointSecretsUnreadable";
    this.publicMessage = unreadableMessage(
      endpointName,
      previousKeySource === undefined ? "this node's secret key" : "this node's secret key nor with its previous key",
    );
  }
}

function unreadableMessage(endpointName: string, keys: string): string {
  return (
    `The stored credentials of the event endpoint '${endpointName}' cannot be decrypted with ${keys}. ` +
    "Every node sharing a database must use the same key: set DOPPEL_SECRET_KEY (or " +
    "DOPPEL_SECRET_KEY_FILE) on every node to the key that sealed them."
  );
}

/** A stored definition opened, and whether it should be written again sealed under the current key. */
export interface InspectedDefinition {
  readonly definition: unknown;
  readonly needsSealing: boolean;
}

/** The key a node is rotating away from: it still opens what it sealed, and never seals. */
export interface PreviousSecretKey {
  readonly key: Uint8Array;
  /** Where it came from, for error messages. */
  readonly source: string;
}

/**
 * Encrypts endpoint credentials at rest with AES-256-GCM. The credential fields of a definition
 * move into one `sealedSecrets` member (`v1.<base64url of iv ‖ ciphertext ‖ tag>`), bound to the
 * endpoint's name as associated data so sealed credentials cannot be pasted into another endpoint.
 * Nested credentials (`tls.key`) are sealed under their dotted name and put back in place when
 * opened; rows sealed before there were any hold top-level names only and open as before.
 * During a key rotation the box also holds the previous key: what the current key does not open
 * is tried with it, so rows sealed before (or by nodes not yet rotated) stay readable until
 * they are sealed again (`needsSealing`).
 */
export class EndpointSecretBox {
  constructor(
    private readonly key: Uint8Array,
    /** Where the key came from, for the error when it is the wrong one. */
    readonly keySource: string,
    private readonly previous?: PreviousSecretKey,
  ) {
    if (key.length !== 32 || (previous && previous.key.length !== 32)) {
      throw new Error("the endpoint secret key must be 32 bytes");
    }
  }

  /** The definition to store: credentials sealed (a definition without any is stored as is). */
  seal(name: string, definition: unknown): unknown {
    const fields = fieldsOf(definition);
    if (!fields) return definition;
    const { rest, secrets } = split(definition as Record<string, unknown>, fields);
    if (Object.keys(secrets).length === 0) return rest;
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.key, iv);
    cipher.setAAD(aad(name));
    const body = Buffer.concat([cipher.update(JSON.stringify(secrets), "utf8"), cipher.final(), cipher.getAuthTag()]);
    return { ...rest, [sealedField]: `${version}.${Buffer.concat([iv, body]).toString("base64url")}` };
  }

  /** The definition with its credentials in clear; rows stored before encryption are read as they are. */
  open(name: string, stored: unknown): unknown {
    return this.inspect(name, stored).definition;
  }

  /** Whether a stored definition still carries credentials in clear (written before encryption). */
  hasPlaintext(stored: unknown): boolean {
    const fields = fieldsOf(stored);
    if (!fields) return false;
    return Object.keys(split(stored as Record<string, unknown>, fields).secrets).length > 0;
  }

  /**
   * Whether a stored definition should be written again, sealed under the current key: it carries
   * credentials in clear, or only the previous key opens them. Throws as `open` does when neither
   * key opens them.
   */
  needsSealing(name: string, stored: unknown): boolean {
    return this.inspect(name, stored).needsSealing;
  }

  /** `open` and `needsSealing` at once, decrypting once. */
  inspect(name: string, stored: unknown): InspectedDefinition {
    const plaintext = this.hasPlaintext(stored);
    if (stored === null || typeof stored !== "object" || !Object.hasOwn(stored, sealedField)) {
      return { definition: stored, needsSealing: plaintext };
    }
    const { [sealedField]: sealed, ...rest } = stored as Record<string, unknown>;
    const current = this.decrypt(this.key, name, sealed);
    const secrets = current ?? this.decryptWithPrevious(name, sealed);
    let opened: Record<string, unknown> = rest;
    for (const [field, value] of Object.entries(secrets)) {
      opened = putSecretField(opened, field, value);
    }
    return { definition: opened, needsSealing: plaintext || current === undefined };
  }

  private decryptWithPrevious(name: string, sealed: unknown): Record<string, unknown> {
    const secrets = this.previous && this.decrypt(this.previous.key, name, sealed);
    if (!secrets) throw new EndpointSecretsUnreadable(name, this.keySource, this.previous?.source);
    return secrets;
  }

  /** The sealed credentials opened with `key`; undefined when they are not sealed with it. */
  private decrypt(key: Uint8Array, name: string, sealed: unknown): Record<string, unknown> | undefined {
    if (typeof sealed !== "string" || !sealed.startsWith(`${version}.`)) return undefined;
    const bytes = Buffer.from(sealed.slice(version.length + 1), "base64url");
    if (bytes.length < 12 + 16) return undefined;
    try {
      const decipher = createDecipheriv("aes-256-gcm", key, bytes.subarray(0, 12));
      decipher.setAAD(aad(name));
      decipher.setAuthTag(bytes.subarray(bytes.length - 16));
      const text = Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]);
      return JSON.parse(text.toString("utf8")) as Record<string, unknown>;
    } catch {
      return undefined;
    }
  }
}

function fieldsOf(definition: unknown): readonly string[] | undefined {
  if (definition === null || typeof definition !== "object") return undefined;
  const kind = (definition as { kind?: unknown }).kind;
  return typeof kind === "string" && Object.hasOwn(secretFields, kind) ? secretFields[kind as EndpointKind] : undefined;
}

/** Moves the credential fields out (sealed under their names, dotted ones included). */
function split(
  definition: Record<string, unknown>,
  fields: readonly string[],
): { rest: Record<string, unknown>; secrets: Record<string, unknown> } {
  let rest = definition;
  const secrets: Record<string, unknown> = {};
  for (const field of fields) {
    const taken = takeSecretField(rest, field);
    if (taken.value === undefined) continue;
    // No secret headers: nothing to hide, and the empty object stays where readers expect it.
    if (field === "secretHeaders" && isEmptyObject(taken.value)) continue;
    rest = taken.rest;
    secrets[field] = taken.value;
  }
  return { rest, secrets };
}

function isEmptyObject(value: unknown): boolean {
  return value !== null && typeof value === "object" && Object.keys(value).length === 0;
}

function aad(name: string): Buffer {
  return Buffer.from(`doppel:endpoint:${name}`, "utf8");
}
