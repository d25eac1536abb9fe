import { type DataAction } from "./dataActions.js";
/**
 * Azure's action patterns: `*` stands for any run of characters (slashes included), matching is
 * case-insensitive, and everything else is literal. `Microsoft.DigitalTwins/digitaltwins/*`
 * therefore also grants `.../digitaltwins/relationships/read`, as it does in Azure.
 */
export declare function matchesAction(pattern: string, action: string): boolean;
/** The known actions a pattern grants; empty for a typo, which role validation rejects. */
export declare function expandActionPattern(pattern: string): DataAction[];
