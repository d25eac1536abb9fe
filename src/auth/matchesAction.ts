import { allDataActions, type DataAction } from "./dataActions.js";

/**
 * Azure's action patterns: `*` stands for any run of characters (slashes included), matching is
 * case-insensitive, and everything else is literal. `Microsoft.DigitalTwins/digitaltwins/*`
 * therefore also grants `.../digitaltwins/relationships/read`, as it does in Azure.
 */
export function matchesAction(pattern: string, action: string): boolean {
  return patternRegExp(pattern).test(action);
}

const compiled = new Map<string, RegExp>();

function patternRegExp(pattern: string): RegExp {
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
export function expandActionPattern(pattern: string): DataAction[] {
  return allDataActions.filter((action) => matchesAction(pattern, action));
}
