import type { RoleDefinition } from "./roleDefinition.js";
/** ADT's two built-in data-plane roles with exactly their Azure actions, plus our administrator. */
export declare const builtInRoles: readonly RoleDefinition[];
