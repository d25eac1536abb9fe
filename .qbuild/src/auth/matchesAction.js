import { allDataActions } from "./dataActions.js";
/**
 * Azure's action patterns: `*` stands for any run of characters (slashes included), matching is
 * case-insensitive, and everything else is literal. `Microsoft.DigitalTwins/digitaltwins/*`
 * therefore also grants `.../digitaltwins/relationships/read`, as it does in Azure.
 */
export function matchesAction(pattern, action) {
    return patternRegExp(pattern).test(action);
}
const compiled = new Map();
function patternRegExp(pattern) {
    let re = compiled.get(pattern);
    if (!re) {
        const body = pattern
            .split("*")
            .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
            .join(".*");
        re = new RegExp(`^${body}$`, "i");
        compiled.set(pattern, re);
    }
    return re;
}
/** The known actions a pattern grants; empty for a typo, which role validation rejects. */
export function expandActionPattern(pattern) {
    return allDataActions.filter((action) => matchesAction(pattern, action));
}
//# sourceMappingURL=matchesAction.js.map