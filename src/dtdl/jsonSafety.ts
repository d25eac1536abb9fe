/**
 * Guards run before parsing: the input must be plain JSON data of bounded nesting and size, so
 * that the recursive parser cannot exhaust the stack and never meets cycles or non-JSON values.
 */

/** Deeper JSON than any valid model needs (complex schemas nest at most 24 levels, extends 12). */
export const MAX_JSON_DEPTH = 512;
/** JSON values visited at most per document (shared sub-objects count each time they occur). */
export const MAX_JSON_NODES = 20_000_000;

export type JsonProblem =
  | { readonly kind: "tooDeep" }
  | { readonly kind: "tooLarge" }
  | { readonly kind: "notJson"; readonly detail: string };

export interface JsonScan {
  readonly problem: JsonProblem | undefined;
  /**
   * An upper bound of the size of the value as JSON text (UTF-8), with every character counted
   * as if escaped; lets size limits be checked without encoding anything in the usual case.
   */
  readonly sizeBound: number;
}

/**
 * Iteratively scans a value; returns the first problem found, if any, and a bound of its JSON
 * text's size. A cyclic structure is reported as too deep, since following it never ends.
 */
export function checkJsonValue(root: unknown): JsonScan {
  const values = valueStack;
  const depths = depthStack;
  values[0] = root;
  depths[0] = 1;
  let top = 1;
  let visited = 0;
  let size = 0;
  let problem: JsonProblem | undefined;
  while (top > 0) {
    top--;
    const value = values[top];
    const depth = depths[top]!;
    values[top] = undefined;
    if (++visited > MAX_JSON_NODES) {
      problem = { kind: "tooLarge" };
      break;
    }
    switch (typeof value) {
      case "string":
        size += 6 * value.length + 2;
        continue;
      case "boolean":
        size += 24;
        continue;
      case "number":
        if (!Number.isFinite(value)) {
          problem = { kind: "notJson", detail: "a non-finite number" };
          break;
        }
        size += 24;
        continue;
      case "object": {
        if (value === null) {
          size += 24;
          continue;
        }
        if (depth >= MAX_JSON_DEPTH) {
          problem = { kind: "tooDeep" };
          break;
        }
        if (Array.isArray(value)) {
          size += 2 + value.length;
          for (let i = value.length - 1; i >= 0; i--) {
            const item = value[i];
            const itemSize = plainSize(item);
            if (itemSize >= 0) {
              size += itemSize;
              visited++;
              continue;
            }
            values[top] = item;
            depths[top] = depth + 1;
            top++;
          }
          if (visited > MAX_JSON_NODES) {
            problem = { kind: "tooLarge" };
            break;
          }
          continue;
        }
        const proto = Object.getPrototypeOf(value);
        if (proto !== Object.prototype && proto !== null) {
          problem = { kind: "notJson", detail: "an object that is not plain JSON data" };
          break;
        }
        const obj = value as Record<string, unknown>;
        size += 2;
        for (const key in obj) {
          if (!Object.hasOwn(obj, key)) continue;
          size += 6 * key.length + 4;
          const member = obj[key];
          const memberSize = plainSize(member);
          if (memberSize >= 0) {
            size += memberSize;
            visited++;
            continue;
          }
          values[top] = member;
          depths[top] = depth + 1;
          top++;
        }
        if (visited > MAX_JSON_NODES) {
          problem = { kind: "tooLarge" };
          break;
        }
        continue;
      }
      default:
        problem = { kind: "notJson", detail: `a value of type ${typeof value}` };
    }
    break;
  }
  // A scan that stopped early must not keep the values it had still to visit.
  for (let i = 0; i < top; i++) values[i] = undefined;
  return { problem, sizeBound: size };
}

/**
 * The size bound of a value that cannot be a problem (a string, boolean, null or finite number),
 * counted on the spot rather than stacked; -1 for anything else.
 */
function plainSize(value: unknown): number {
  switch (typeof value) {
    case "string":
      return 6 * value.length + 2;
    case "boolean":
      return 24;
    case "number":
      return Number.isFinite(value) ? 24 : -1;
    case "object":
      return value === null ? 24 : -1;
    default:
      return -1;
  }
}

/** Work stacks, reused from one document to the next (a scan never nests, and never shrinks them). */
const valueStack: unknown[] = [];
const depthStack: number[] = [];
