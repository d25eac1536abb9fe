import type { PatchOperation } from "../events/cloudEvents.js";
import { patchInvalid, patchTargetNotFound, unsupportedPatchOperation } from "./graphErrors.js";

/** One parsed JSON Patch (RFC 6902) operation of the subset ADT accepts. */
export interface PatchOp {
  readonly op: "add" | "replace" | "remove";
  /** The path as sent (a JSON Pointer). */
  readonly path: string;
  /** The decoded reference tokens of `path`. */
  readonly segments: readonly string[];
  /** Present for add and replace. */
  readonly value?: unknown;
}

/**
 * Checks the shape of a patch document: an array of `{op, path, value?}` with `op` one of
 * add, replace, remove (ADT refuses move, copy and test).
 */
export function parsePatchDocument(body: unknown): PatchOp[] {
  if (!Array.isArray(body)) throw patchInvalid("The patch document must be a JSON array of operations.");
  return body.map(parseOperation);
}

function parseOperation(entry: unknown): PatchOp {
  if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
    throw patchInvalid("Each patch operation must be a JSON object.");
  }
  const record = entry as Record<string, unknown>;
  const op = record.op;
  if (op === undefined || op === null || op === "") throw patchInvalid("Parameter op must not be empty.");
  if (op !== "add" && op !== "replace" && op !== "remove") {
    throw unsupportedPatchOperation(typeof op === "string" ? op : JSON.stringify(op));
  }
  const path = record.path;
  if (typeof path !== "string" || path === "") throw patchInvalid("Parameter path must not be empty.");
  const segments = parsePointer(path);
  if (op === "remove") return { op, path, segments };
  if (!Object.hasOwn(record, "value")) throw patchInvalid(`Parameter value must not be empty for operation ${op}.`);
  return { op, path, segments, value: record.value };
}

/** RFC 6901: `/a/b~1c` → ["a", "b/c"]. The root pointer "" is not a valid target here. */
export function parsePointer(path: string): string[] {
  if (!path.startsWith("/")) throw patchInvalid(`The path '${path}' is not a JSON Pointer; it must start with '/'.`);
  return path
    .slice(1)
    .split("/")
    .map((token) => {
      if (token === "__proto__") throw patchInvalid(`The path '${path}' is not allowed.`);
      if (!token.includes("~")) return token; // nearly every token: nothing to unescape
      if (/~(?![01])/.test(token)) throw patchInvalid(`The path '${path}' has an invalid escape sequence.`);
      return token.replaceAll("~1", "/").replaceAll("~0", "~");
    });
}

/** The operation as Update events carry it (keys in ADT's order: value, path, op). */
export function toEventOperation(op: PatchOp, pathPrefix = ""): PatchOperation {
  const path = pathPrefix + op.path;
  return op.op === "remove" ? { path, op: op.op } : { value: op.value, path, op: op.op };
}

/**
 * Applies one operation inside a JSON value (a property value), at `segments` relative to it
 * (at least one segment). Mutates and returns nothing; throws JsonPatchInvalid when the target
 * location does not exist.
 */
export function applyInside(root: unknown, segments: readonly string[], op: PatchOp): void {
  let parent: unknown = root;
  for (let i = 0; i < segments.length - 1; i++) parent = child(parent, segments[i]!);
  const last = segments[segments.length - 1]!;
  if (Array.isArray(parent)) applyToArray(parent, last, op);
  else if (isObject(parent)) applyToObject(parent, last, op);
  else throw patchTargetNotFound(last);
}

function child(container: unknown, segment: string): unknown {
  if (Array.isArray(container)) {
    const index = arrayIndex(segment, container.length - 1);
    return container[index];
  }
  if (isObject(container) && Object.hasOwn(container, segment)) return container[segment];
  throw patchTargetNotFound(segment);
}

function applyToObject(target: Record<string, unknown>, key: string, op: PatchOp): void {
  const exists = Object.hasOwn(target, key);
  if (op.op !== "add" && !exists) throw patchTargetNotFound(key);
  if (op.op === "remove") delete target[key];
  else target[key] = op.value;
}

function applyToArray(target: unknown[], segment: string, op: PatchOp): void {
  if (op.op === "add") {
    if (segment === "-") target.push(op.value);
    else target.splice(arrayIndex(segment, target.length), 0, op.value);
    return;
  }
  const index = arrayIndex(segment, target.length - 1);
  if (op.op === "remove") target.splice(index, 1);
  else target[index] = op.value;
}

/** A decimal array index no greater than `max`. */
function arrayIndex(segment: string, max: number): number {
  if (!/^(?:0|[1-9][0-9]*)$/.test(segment)) throw patchTargetNotFound(segment);
  const index = Number(segment);
  if (index > max) throw patchTargetNotFound(segment);
  return index;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
