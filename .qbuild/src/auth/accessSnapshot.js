import { builtInRoles } from "./builtInRoles.js";
import { scopedInstanceActions, twinDataActions } from "./dataActions.js";
import { parseRoleAssignment, selectsPrincipal } from "./roleAssignment.js";
import { parseRoleDefinition, roleGrants } from "./roleDefinition.js";
import { allTwins, noTwins, unionOfScopes } from "./scopeFilter.js";
/**
 * One consistent view of keys, roles and assignments (built-in + configuration file + store),
 * answering "which twins may this principal touch with this action".
 */
export class AccessSnapshot {
    version;
    roles;
    assignments;
    apiKeys;
    /** Store rows that no longer validate (e.g. a role renamed away); skipped, reported by the admin API. */
    problems;
    constructor(data, configured) {
        const problems = [];
        const roles = new Map();
        const addRole = (role) => {
            roles.set(role.name, role);
            if (role.id !== role.name)
                roles.set(role.id, role);
        };
        for (const role of builtInRoles)
            addRole(role);
        for (const role of configured.roles)
            addRole(role);
        for (const stored of data.roles) {
            if (roles.has(stored.name))
                continue;
            try {
                addRole(parseRoleDefinition(stored.name, stored, "api"));
            }
            catch (error) {
                problems.push(`role '${stored.name}': ${error.message}`);
            }
        }
        const assignments = [...configured.assignments];
        for (const stored of data.assignments) {
            try {
                assignments.push(parseRoleAssignment(stored.id, {
                    principal: { type: stored.principalType, id: stored.principalId },
                    role: stored.role,
                    scope: stored.scope,
                }, "api"));
            }
            catch (error) {
                problems.push(`role assignment '${stored.id}': ${error.message}`);
            }
        }
        this.version = data.version;
        this.roles = roles;
        this.assignments = assignments;
        this.apiKeys = new Map(data.apiKeys.map((key) => [key.id, key]));
        this.problems = problems;
    }
    /** Distinct role definitions (the map also indexes them by id). */
    roleList() {
        return [...new Set(this.roles.values())];
    }
    assignmentsOf(principal) {
        return this.assignments.filter((assignment) => selectsPrincipal(assignment.principal, principal));
    }
    /**
     * The twins `principal` may touch with `action`: the union of the scopes of every assignment
     * whose role grants it. Instance-wide actions (models, routes, jobs, admin) need an
     * instance-scoped assignment, except the few a scoped one may carry (reading models).
     */
    scopeFor(principal, action) {
        if (principal.kind === "anonymous")
            return allTwins;
        const key = `${memoKey(principal)}\u0000${action}`;
        let scope = this.memo.get(key);
        if (scope === undefined) {
            if (this.memo.size >= 10_000)
                this.memo.clear();
            scope = this.computeScope(principal, action);
            this.memo.set(key, scope);
        }
        return scope;
    }
    memo = new Map();
    computeScope(principal, action) {
        const scopes = [];
        for (const assignment of this.assignmentsOf(principal)) {
            const role = this.roles.get(assignment.role);
            if (!role || !roleGrants(role, action))
                continue;
            if (assignment.scope.kind !== "instance" && !twinDataActions.has(action)) {
                if (scopedInstanceActions.has(action))
                    return allTwins;
                continue;
            }
            scopes.push(assignment.scope);
        }
        return scopes.length === 0 ? noTwins : unionOfScopes(scopes);
    }
}
/** Everything an assignment can select a principal by, as one string. */
function memoKey(principal) {
    switch (principal.kind) {
        case "anonymous":
            return "anonymous";
        case "apiKey":
            return `key\u0000${principal.keyId}`;
        case "user":
            return [
                "user",
                principal.objectId ?? "",
                principal.subject ?? "",
                principal.groups.join("\u0001"),
                principal.roles.join("\u0001"),
            ].join("\u0000");
    }
}
//# sourceMappingURL=accessSnapshot.js.map