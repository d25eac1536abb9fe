import { DoppelError } from "../errors/catalogue.js";
/**
 * The shape limits of a parsed JSON body, checked without recursion (a hostile body cannot
 * overflow the stack): nesting depth, key length, `__proto__` keys and `constructor.prototype`
 * chains anywhere (object keys and JSON Patch paths), and, for twin data, string length.
 */
export function checkJsonBody(body, limits, twinData) {
    const stack = [
        { value: body, depth: 0, parentKey: null },
    ];
    while (stack.length > 0) {
        const { value, depth, parentKey } = stack.pop();
        if (typeof value === "string") {
            if (twinData && Buffer.byteLength(value, "utf8") > limits.stringBytes) {
                throw limitExceeded(`A string value is longer than ${limits.stringBytes} bytes.`);
            }
            continue;
        }
        if (typeof value !== "object" || value === null)
            continue;
        if (depth >= limits.jsonDepth)
            throw limitExceeded(`The JSON body is nested deeper than ${limits.jsonDepth} levels.`);
        if (Array.isArray(value)) {
            for (const item of value)
                stack.push({ value: item, depth: depth + 1, parentKey: null });
            continue;
        }
        for (const [key, child] of Object.entries(value)) {
            checkKey(key, parentKey, limits);
            if (key === "path" || key === "from")
                checkPointer(child);
            stack.push({ value: child, depth: depth + 1, parentKey: key });
        }
    }
}
function checkKey(key, parentKey, limits) {
    if (key === "__proto__" || (key === "prototype" && parentKey === "constructor")) {
        throw new DoppelError("InvalidArgument", `The key '${key}' is not allowed in request bodies.`);
    }
    if (Buffer.byteLength(key, "utf8") > limits.keyBytes) {
        throw limitExceeded(`A property name is longer than ${limits.keyBytes} bytes.`);
    }
}
/** JSON Patch paths reach properties too: `/__proto__/x` and `/constructor/prototype` are refused. */
function checkPointer(pointer) {
    if (typeof pointer !== "string")
        return;
    const segments = pointer.split("/").map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
    segments.forEach((segment, i) => {
        if (segment === "__proto__" || (segment === "prototype" && segments[i - 1] === "constructor")) {
            throw new DoppelError("InvalidArgument", `The path '${pointer}' is not allowed in a patch.`);
        }
    });
}
function limitExceeded(message) {
    return new DoppelError("LimitExceeded", message);
}
//# sourceMappingURL=checkJsonBody.js.map