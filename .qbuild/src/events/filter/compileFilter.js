import { parseFilter } from "./parseFilter.js";
/** Parses and compiles a filter into a predicate of closures (evaluated per event, so no tree walk). */
export function compileFilter(text) {
    const node = parseFilter(text);
    const isConstant = node.kind === "literal" && typeof node.value === "boolean";
    return {
        text,
        matches: compileCondition(node),
        matchesAll: isConstant && node.value === true,
        matchesNothing: isConstant && node.value === false,
    };
}
function compileCondition(node) {
    switch (node.kind) {
        case "and": {
            const left = compileCondition(node.left);
            const right = compileCondition(node.right);
            return (e) => left(e) && right(e);
        }
        case "or": {
            const left = compileCondition(node.left);
            const right = compileCondition(node.right);
            return (e) => left(e) || right(e);
        }
        case "not": {
            const operand = compileCondition(node.operand);
            return (e) => !operand(e);
        }
        case "comparison":
            return compileComparison(node.operator, compileValue(node.left), compileValue(node.right));
        case "call":
            return compileCall(node.name, node.args);
        default: {
            // A value in a condition's place counts only when it is exactly `true` (`$body.enabled`).
            const get = compileValue(node);
            return (e) => get(e) === true;
        }
    }
}
function compileValue(node) {
    switch (node.kind) {
        case "literal": {
            const value = node.value;
            return () => value;
        }
        case "attribute":
            return node.name === "$eventType" ? legacyEventType : attributeGetter(node.name);
        case "body":
            return bodyGetter(node.path);
        default:
            return compileCondition(node);
    }
}
function attributeGetter(name) {
    return (e) => e[name];
}
function bodyGetter(path) {
    return (e) => {
        let value = e.data;
        for (const member of path) {
            // No array indexing, as in ADT: only object members are addressable.
            if (value === null || typeof value !== "object" || Array.isArray(value))
                return undefined;
            if (!Object.hasOwn(value, member))
                return undefined;
            value = value[member];
        }
        return value;
    };
}
/** The preview-era `$eventType` names, which the live service still accepts in route filters. */
function legacyEventType(e) {
    const type = e.type;
    if (typeof type !== "string")
        return undefined;
    if (type === "microsoft.iot.telemetry")
        return "DigitalTwinTelemetryMessages";
    if (type === "Microsoft.DigitalTwins.Twin.Update")
        return "DigitalTwinChangeNotification";
    if (type.startsWith("Microsoft.DigitalTwins.Twin."))
        return "DigitalTwinLifecycleNotification";
    if (type.startsWith("Microsoft.DigitalTwins.Relationship."))
        return "DigitalTwinRelationshipChangeNotification";
    return undefined;
}
function compileComparison(operator, left, right) {
    return (e) => compare(operator, left(e), right(e));
}
/**
 * SQL-like: a missing value (`undefined`) makes every comparison false, `!=` included. Values of
 * different types are never equal; ordering compares numbers with numbers and strings with
 * strings (ordinal, case-sensitive).
 */
export function compare(operator, a, b) {
    if (a === undefined || b === undefined)
        return false;
    switch (operator) {
        case "=":
            return scalarEquals(a, b);
        case "!=":
            return !scalarEquals(a, b);
        default:
            return ordered(operator, a, b);
    }
}
function scalarEquals(a, b) {
    if (a === null || b === null)
        return a === b;
    if (typeof a === "object" || typeof b === "object")
        return false;
    return a === b;
}
function ordered(operator, a, b) {
    const comparable = (typeof a === "number" && typeof b === "number") || (typeof a === "string" && typeof b === "string");
    if (!comparable)
        return false;
    const x = a;
    const y = b;
    switch (operator) {
        case "<":
            return x < y;
        case "<=":
            return x <= y;
        case ">":
            return x > y;
        default:
            return x >= y;
    }
}
function compileCall(name, args) {
    if (name === "CHANGED")
        return compileChanged(args);
    const [first, second] = args.map(compileValue);
    const test = stringFunctions[name];
    return (e) => {
        const a = first(e);
        const b = second(e);
        return typeof a === "string" && typeof b === "string" && test(a, b);
    };
}
const stringFunctions = {
    STARTS_WITH: (a, b) => a.startsWith(b),
    ENDS_WITH: (a, b) => a.endsWith(b),
    CONTAINS: (a, b) => a.includes(b),
};
/**
 * Our extension: `CHANGED('/temperature'[, 'replace'])` is true for an update event whose JSON
 * Patch touches that path — the path itself, something inside it, or a parent replaced whole.
 */
function compileChanged(args) {
    const path = args[0].value;
    const op = args[1] ? args[1].value : undefined;
    return (e) => {
        const data = e.data;
        const patch = data && typeof data === "object" ? data.patch : undefined;
        if (!Array.isArray(patch))
            return false;
        return patch.some((entry) => {
            if (entry === null || typeof entry !== "object")
                return false;
            const { path: touched, op: kind } = entry;
            if (typeof touched !== "string")
                return false;
            if (op !== undefined && kind !== op)
                return false;
            return pointerOverlaps(touched, path);
        });
    };
}
function pointerOverlaps(a, b) {
    if (a === b)
        return true;
    return a.startsWith(`${b}/`) || b.startsWith(`${a}/`);
}
//# sourceMappingURL=compileFilter.js.map