import { appendPointer } from "../dtdl/valueValidation/jsonPointer.js";
import { isComponentValue } from "./twinDocument.js";
/**
 * The JSON Patch that turns one twin into another, for the Update event of a replacing PUT:
 * changed values (components property by property) and a model change.
 */
export function diffTwins(before, after) {
    const patch = [];
    if (before.$metadata.$model !== after.$metadata.$model) {
        patch.push({ value: after.$metadata.$model, path: "/$metadata/$model", op: "replace" });
    }
    diffValues(before, after, "", patch, true);
    return patch;
}
/** The patch between two relationships' properties. */
export function diffProperties(before, after) {
    const patch = [];
    diffValues(before, after, "", patch, false);
    return patch;
}
function diffValues(before, after, prefix, patch, intoComponents) {
    for (const key of Object.keys(before)) {
        if (!key.startsWith("$") && !Object.hasOwn(after, key))
            patch.push({ path: appendPointer(prefix, key), op: "remove" });
    }
    for (const key of Object.keys(after)) {
        if (key.startsWith("$"))
            continue;
        const path = appendPointer(prefix, key);
        const next = after[key];
        if (!Object.hasOwn(before, key)) {
            patch.push({ value: next, path, op: "add" });
            continue;
        }
        const previous = before[key];
        if (intoComponents && isComponentValue(previous) && isComponentValue(next)) {
            diffValues(previous, next, path, patch, false);
        }
        else if (JSON.stringify(previous) !== JSON.stringify(next)) {
            patch.push({ value: next, path, op: "replace" });
        }
    }
}
//# sourceMappingURL=diffDocuments.js.map