/**
 * Guards run before parsing: the input must be plain JSON data of bounded nesting and size, so
 * that the recursive parser cannot exhaust the stack and never meets cycles or non-JSON values.
 */
/** Deeper JSON than any valid model needs (complex schemas nest at most 24 levels, extends 12). */
export const MAX_JSON_DEPTH = 512;
/** JSON values visited at most per document (shared sub-objects count each time they occur). */
export const MAX_JSON_NODES = 20_000_000;
/**
 * Iteratively scans a value; returns the first problem found, if any. A cyclic structure is
 * reported as too deep, since following it never ends.
 */
export function checkJsonValue(root) {
    const values = [root];
    const depths = [1];
    let visited = 0;
    while (values.length > 0) {
        const value = values.pop();
        const depth = depths.pop();
        if (++visited > MAX_JSON_NODES)
            return { kind: "tooLarge" };
        switch (typeof value) {
            case "string":
            case "boolean":
                continue;
            case "number":
                if (!Number.isFinite(value))
                    return { kind: "notJson", detail: "a non-finite number" };
                continue;
            case "object": {
                if (value === null)
                    continue;
                if (depth >= MAX_JSON_DEPTH)
                    return { kind: "tooDeep" };
                if (Array.isArray(value)) {
                    for (let i = value.length - 1; i >= 0; i--) {
                        values.push(value[i]);
                        depths.push(depth + 1);
                    }
                    continue;
                }
                const proto = Object.getPrototypeOf(value);
                if (proto !== Object.prototype && proto !== null) {
                    return { kind: "notJson", detail: "an object that is not plain JSON data" };
                }
                const obj = value;
                for (const key in obj) {
                    if (!Object.hasOwn(obj, key))
                        continue;
                    values.push(obj[key]);
                    depths.push(depth + 1);
                }
                continue;
            }
            default:
                return { kind: "notJson", detail: `a value of type ${typeof value}` };
        }
    }
    return undefined;
}
//# sourceMappingURL=jsonSafety.js.map