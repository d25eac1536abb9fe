import type { ErrorCollector } from "./errors.js";
import type { ParsedElement } from "./parsedElement.js";
import { classRule, versionIndex } from "./rules.js";

/** An upper bound of `outlinedSize` that needs no encoding work (every character escaped as \uXXXX). */
function sizeBound(value: unknown): number {
  let total = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === "string") total += 6 * v.length + 2;
    else if (Array.isArray(v)) {
      total += 2 + v.length;
      for (const x of v) stack.push(x);
    } else if (typeof v === "object" && v !== null) {
      const obj = v as Record<string, unknown>;
      for (const k of Object.keys(obj)) {
        total += 6 * k.length + 4;
        stack.push(obj[k]);
      }
      total += 2;
    } else total += 24;
  }
  return total;
}

/** Size of a JSON value as UTF-8 text, nested partitions (Interfaces) counted as their id string. */
function outlinedSize(value: unknown, isRoot: boolean): number {
  if (typeof value === "string") return Buffer.byteLength(JSON.stringify(value), "utf8");
  if (typeof value === "number" || typeof value === "boolean" || value === null) return String(value).length;
  if (Array.isArray(value)) {
    let n = 2 + Math.max(0, value.length - 1);
    for (const v of value) n += outlinedSize(v, false);
    return n;
  }
  if (typeof value === "object" && value !== null) {
    const obj = value as Record<string, unknown>;
    if (!isRoot && isInterfaceObject(obj) && typeof obj["@id"] === "string") return outlinedSize(obj["@id"], false);
    const keys = Object.keys(obj);
    let n = 2 + Math.max(0, keys.length - 1);
    for (const k of keys) n += Buffer.byteLength(JSON.stringify(k), "utf8") + 1 + outlinedSize(obj[k], false);
    return n;
  }
  return 0;
}

function isInterfaceObject(obj: Record<string, unknown>): boolean {
  const t = obj["@type"];
  const types = Array.isArray(t) ? t : [t];
  return types.some((x) => typeof x === "string" && /^(?:Interface|dtmi:dtdl:class:Interface;\d)$/.test(x));
}

/**
 * v3+: the JSON text of each Interface (nested Interfaces outlined) is limited to 1 MiB.
 * `documentBounds` gives an upper bound of the size of each input document (by document index),
 * which settles the question for every Interface of a document that is small enough.
 */
export function checkPartitions(
  elements: ReadonlyMap<string, ParsedElement>,
  documentBounds: readonly number[],
  errors: ErrorCollector,
): void {
  for (const el of elements.values()) {
    if (el.isStandard || !classRule(el.version, el.kind)?.partition) continue;
    const limits = versionIndex(el.version).rules.partitionMaxBytes;
    const max = limits?.[el.context.limitSpecifier] ?? limits?.[""];
    if (max === undefined) continue;
    const documentBound = el.docIndex === undefined ? undefined : documentBounds[el.docIndex];
    if (documentBound !== undefined && documentBound <= max) continue;
    if (sizeBound(el.raw) <= max) continue;
    const size = outlinedSize(el.raw, true);
    if (size > max) {
      errors.add("partitionTooLarge", {
        primaryId: el.id,
        value: String(size),
        restriction: String(max),
        documentIndex: el.docIndex,
      });
    }
  }
}
