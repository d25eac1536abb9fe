import type { AccessData, StoredApiKey } from "../store/ports/authStore.js";
import { builtInRoles } from "./builtInRoles.js";
import { type DataAction, scopedInstanceActions, twinDataActions } from "./dataActions.js";
import type { Principal } from "./principal.js";
import { parseRoleAssignment, type RoleAssignment, selectsPrincipal } from "./roleAssignment.js";
import { parseRoleDefinition, type RoleDefinition, roleGrants } from "./roleDefinition.js";
import { allTwins, noTwins, type ScopeFilter, unionOfScopes } from "./scopeFilter.js";
import type { TwinScope } from "./twinScope.js";

/** The configuration-file part of access control, validated once at start-up. */
export interface ConfiguredAccess {
  readonly roles: readonly RoleDefinition[];
  readonly assignments: readonly RoleAssignment[];
}

/**
 * One consistent view of keys, roles and assignments (built-in + configuration file + store),
 * answering "which twins may this principal touch with this action".
 */
export class AccessSnapshot {
  readonly version: number;
  readonly roles: ReadonlyMap<string, RoleDefinition>;
  readonly assignments: readonly RoleAssignment[];
  readonly apiKeys: ReadonlyMap<string, StoredApiKey>;
  /** Store rows that no longer validate (e.g. a role renamed away); skipped, reported by the admin API. */
  readonly problems: readonly string[];

  constructor(data: AccessData, configured: ConfiguredAccess) {
    const problems: string[] = [];
    const roles = new Map<string, RoleDefinition>();
    const addRole = (role: RoleDefinition) => {
      roles.set(role.name, role);
      if (role.id !== role.name) roles.set(role.id, role);
    };
    for (const role of builtInRoles) addRole(role);
    for (const role of configured.roles) addRole(role);
    for (const stored of data.roles) {
      if (roles.has(stored.name)) continue;
      try {
        addRole(parseRoleDefinition(stored.name, stored, "api"));
      } catch (error) {
        problems.push(`role '${stored.name}': ${(error as Error).message}`);
      }
    }
    const assignments: RoleAssignment[] = [...configured.assignments];
    for (const stored of data.assignments) {
      try {
        assignments.push(
          parseRoleAssignment(
            stored.id,
            {
              principal: { type: stored.principalType, id: stored.principalId },
              role: stored.role,
              scope: stored.scope,
            },
            "api",
          ),
        );
      } catch (error) {
        problems.push(`role assignment '${stored.id}': ${(error as Error).message}`);
      }
    }
    this.version = data.version;
    this.roles = roles;
    this.assignments = assignments;
    this.apiKeys = new Map(data.apiKeys.map((key) => [key.id, key]));
    this.problems = problems;
  }

  /** Distinct role definitions (the map also indexes them by id). */
  roleList(): RoleDefinition[] {
    return [...new Set(this.roles.values())];
  }

  assignmentsOf(principal: Principal): RoleAssignment[] {
    return this.assignments.filter((assignment) => selectsPrincipal(assignment.principal, principal));
  }

  /**
   * The twins `principal` may touch with `action`: the union of the scopes of every assignment
   * whose role grants it. Instance-wide actions (models, routes, jobs, admin) need an
   * instance-scoped assignment, except the few a scoped one may carry (reading models).
   */
  scopeFor(principal: Principal, action: DataAction): ScopeFilter {
    if (principal.kind === "anonymous") return allTwins;
    const key = `${memoKey(principal)}\u0000${action}`;
    let scope = this.memo.get(key);
    if (scope === undefined) {
      if (this.memo.size >= 10_000) this.memo.clear();
      scope = this.computeScope(principal, action);
      this.memo.set(key, scope);
    }
    return scope;
  }

  private readonly memo = new Map<string, ScopeFilter>();

  private computeScope(principal: Principal, action: DataAction): ScopeFilter {
    const scopes: TwinScope[] = [];
    for (const assignment of this.assignmentsOf(principal)) {
      const role = this.roles.get(assignment.role);
      if (!role || !roleGrants(role, action)) continue;
      if (assignment.scope.kind !== "instance" && !twinDataActions.has(action)) {
        if (scopedInstanceActions.has(action)) return allTwins;
        continue;
      }
      scopes.push(assignment.scope);
    }
    return scopes.length === 0 ? noTwins : unionOfScopes(scopes);
  }
}

/** Everything an assignment can select a principal by, as one string. */
function memoKey(principal: Principal): string {
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
