import type { AccessData, StoredApiKey } from "../store/ports/authStore.js";
import { type DataAction } from "./dataActions.js";
import type { Principal } from "./principal.js";
import { type RoleAssignment } from "./roleAssignment.js";
import { type RoleDefinition } from "./roleDefinition.js";
import { type ScopeFilter } from "./scopeFilter.js";
/** The configuration-file part of access control, validated once at start-up. */
export interface ConfiguredAccess {
    readonly roles: readonly RoleDefinition[];
    readonly assignments: readonly RoleAssignment[];
}
/**
 * One consistent view of keys, roles and assignments (built-in + configuration file + store),
 * answering "which twins may this principal touch with this action".
 */
export declare class AccessSnapshot {
    readonly version: number;
    readonly roles: ReadonlyMap<string, RoleDefinition>;
    readonly assignments: readonly RoleAssignment[];
    readonly apiKeys: ReadonlyMap<string, StoredApiKey>;
    /** Store rows that no longer validate (e.g. a role renamed away); skipped, reported by the admin API. */
    readonly problems: readonly string[];
    constructor(data: AccessData, configured: ConfiguredAccess);
    /** Distinct role definitions (the map also indexes them by id). */
    roleList(): RoleDefinition[];
    assignmentsOf(principal: Principal): RoleAssignment[];
    /**
     * The twins `principal` may touch with `action`: the union of the scopes of every assignment
     * whose role grants it. Instance-wide actions (models, routes, jobs, admin) need an
     * instance-scoped assignment, except the few a scoped one may carry (reading models).
     */
    scopeFor(principal: Principal, action: DataAction): ScopeFilter;
    private readonly memo;
    private computeScope;
}
