import type { Principal } from "./principal.js";
import type { AccessSource } from "./roleDefinition.js";
import { type TwinScope } from "./twinScope.js";
/**
 * Who an assignment applies to: a user (matched against the token's `oid` and `sub`), a group or
 * an app role (matched against the token's groups and roles claims), or an API key.
 */
export type PrincipalSelector = {
    readonly type: "user";
    readonly id: string;
} | {
    readonly type: "group";
    readonly id: string;
} | {
    readonly type: "appRole";
    readonly id: string;
} | {
    readonly type: "apiKey";
    readonly id: string;
};
export interface RoleAssignment {
    readonly id: string;
    readonly principal: PrincipalSelector;
    /** A role name or id. */
    readonly role: string;
    readonly scope: TwinScope;
    readonly source: AccessSource;
}
export declare function selectsPrincipal(selector: PrincipalSelector, principal: Principal): boolean;
export declare function parseAssignmentId(id: string): string;
/** `user:<id>`, `group:<id>`, `appRole:<id>` or `apiKey:<id>` (the CLI's and config's short form). */
export declare function parsePrincipalSelector(value: unknown): PrincipalSelector;
export declare function parseRoleAssignment(id: string, input: unknown, source: AccessSource): RoleAssignment;
