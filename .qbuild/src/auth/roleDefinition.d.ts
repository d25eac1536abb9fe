import { type DataAction } from "./dataActions.js";
/** Where a role or assignment came from: only `api` ones may be changed through the admin API. */
export type AccessSource = "builtIn" | "config" | "api";
/** A role: the actions it grants, in Azure's shape (`dataActions` minus `notDataActions`). */
export interface RoleDefinition {
    readonly name: string;
    /** A stable id; the built-in ADT roles keep Azure's GUIDs so assignments may name them either way. */
    readonly id: string;
    readonly description: string;
    readonly dataActions: readonly string[];
    readonly notDataActions: readonly string[];
    readonly source: AccessSource;
}
export declare function roleGrants(role: RoleDefinition, action: DataAction): boolean;
/** Every known action the role grants, for `whoami` and the admin API. */
export declare function roleActions(role: RoleDefinition): DataAction[];
export declare function isTwinDataAction(action: DataAction): boolean;
/** Validates a role definition from the admin API, the CLI or the config file. */
export declare function parseRoleDefinition(name: string, input: unknown, source: AccessSource, id?: string): RoleDefinition;
