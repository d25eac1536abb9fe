/**
 * Guards run before parsing: the input must be plain JSON data of bounded nesting, so that the
 * recursive parser cannot exhaust the stack and never meets cycles or non-JSON values.
 */

/** Deeper JSON than any valid model needs (complex schemas nest at most 24 levels, extends 12). */
export const MAX_JSON_DEPTH = 512;

export type JsonProblem = { readonly kind: "tooDeep" } | { readonly kind: "notJson"; readonly detail: string };

/** Iteratively scans a value; returns the first problem found, if any. */
export function checkJsonValue(root: unknown): JsonProblem | undefined {
  const stack: { value: unknown; depth: number }[] = [{ value: root, depth: 1 }];
  const onPath = new Set<object>();
  const exits: { obj: object; at: number }[] = [];
  while (stack.length > 0) {
    // Leave objects whose children have all been visited.
    while (exits.length > 0 && exits[exits.length - 1]!.at >= stack.length) onPath.delete(exits.pop()!.obj);
    const { value, depth } = stack.pop()!;
    if (depth > MAX_JSON_DEPTH) return { kind: "tooDeep" };
    switch (typeof value) {
      case "string":
      case "boolean":
        continue;
      case "number":
        if (!Number.isFinite(value)) return { kind: "notJson", detail: "a non-finite number" };
        continue;
      case "object": {
        if (value === null) continue;
        if (onPath.has(value)) return { kind: "notJson", detail: "a cyclic structure" };
        const proto = Object.getPrototypeOf(value);
        if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) {
          return { kind: "notJson", detail: "an object that is not plain JSON" };
        }
        onPath.add(value);
        exits.push({ obj: value, at: stack.length });
        if (Array.isArray(value)) {
          for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], depth: depth + 1 });
        } else {
          const keys = Object.keys(value);
          for (let i = keys.length - 1; i >= 0; i--) {
            stack.push({ value: (value as Record<string, unknown>)[keys[i]!], depth: depth + 1 });
          }
        }
        continue;
      }
      default:
        return { kind: "notJson", detail: `a value of type ${typeof value}` };
    }
  }
  return undefined;
}
