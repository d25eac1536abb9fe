import { DoppelError } from "../errors/catalogue.js";
import type { Principal } from "./principal.js";
import type { AccessSource } from "./roleDefinition.js";
import type { ScopePredicateCompiler } from "./scopePredicateCompiler.js";
import { parseTwinScope, type TwinScope } from "./twinScope.js";

/**
 * Who an assignment applies to: a user (matched against the token's `oid` and `sub`), a group or
 * an app role (matched against the token's groups and roles claims), or an API key.
 */
export type PrincipalSelector =
  | { readonly type: "user"; readonly id: string }
  | { readonly type: "group"; readonly id: string }
  | { readonly type: "appRole"; readonly id: string }
  | { readonly type: "apiKey"; readonly id: string };

export interface RoleAssignment {
  readonly id: string;
  readonly principal: PrincipalSelector;
  /** A role name or id. */
  readonly role: string;
  readonly scope: TwinScope;
  readonly source: AccessSource;
}

export function selectsPrincipal(selector: PrincipalSelector, principal: Principal): boolean {
  switch (principal.kind) {
    case "anonymous":
      return false;
    case "apiKey":
      return selector.type === "apiKey" && selector.id === principal.keyId;
    case "user":
      switch (selector.type) {
        case "user":
          return selector.id === principal.objectId || selector.id === principal.subject;
        case "group":
          return principal.groups.includes(selector.id);
        case "appRole":
          return principal.roles.includes(selector.id);
        default:
          return false;
      }
  }
}

const selectorTypes = new Set(["user", "group", "appRole", "apiKey"]);
const assignmentIdPattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export function parseAssignmentId(id: string): string {
  if (!assignmentIdPattern.test(id)) {
    throw new DoppelError(
      "InvalidArgument",
      `The role assignment id '${id}' is invalid: use 1-128 letters, digits and . _ -, starting with a letter or digit.`,
    );
  }
  return id;
}

/** `user:<id>`, `group:<id>`, `appRole:<id>` or `apiKey:<id>` (the CLI's and config's short form). */
export function parsePrincipalSelector(value: unknown): PrincipalSelector {
  if (typeof value === "string") {
    const colon = value.indexOf(":");
    return parsePrincipalSelector({ type: value.slice(0, colon), id: value.slice(colon + 1) });
  }
  if (typeof value !== "object" || value === null) throw invalidSelector();
  const { type, id } = value as Record<string, unknown>;
  if (typeof type !== "string" || !selectorTypes.has(type) || typeof id !== "string" || id === "" || id.length > 1024) {
    throw invalidSelector();
  }
  return { type, id } as PrincipalSelector;
}

function invalidSelector(): DoppelError {
  return new DoppelError(
    "InvalidArgument",
    "The assignment principal must be {type, id} with type user, group, appRole or apiKey (or 'type:id').",
  );
}

/** `predicates` (the store's compiler) refuses a `query` scope whose condition does not compile. */
export function parseRoleAssignment(
  id: string,
  input: unknown,
  source: AccessSource,
  predicates?: ScopePredicateCompiler,
): RoleAssignment {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new DoppelError("InvalidArgument", "A role assignment must be a JSON object {principal, role, scope?}.");
  }
  const body = input as Record<string, unknown>;
  const extra = Object.keys(body).filter((key) => !["id", "principal", "role", "scope", "source"].includes(key));
  if (extra.length > 0) {
    throw new DoppelError("InvalidArgument", `Unknown field(s) in role assignment: ${extra.join(", ")}.`);
  }
  if (typeof body.role !== "string" || body.role === "" || body.role.length > 128) {
    throw new DoppelError("InvalidArgument", "A role assignment's role must be a role name or id.");
  }
  return {
    id: parseAssignmentId(id),
    principal: parsePrincipalSelector(body.principal),
    role: body.role,
    scope: parseTwinScope(body.scope, predicates),
    source,
  };
}
