import { DoppelError } from "../errors/catalogue.js";
import type { DataAction } from "./dataActions.js";
import { expandActionPattern, matchesAction } from "./matchesAction.js";

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

export function roleGrants(role: RoleDefinition, action: DataAction): boolean {
  return (
    role.dataActions.some((pattern) => matchesAction(pattern, action)) &&
    !role.notDataActions.some((pattern) => matchesAction(pattern, action))
  );
}

/** Every known action the role grants, for `whoami` and the admin API. */
export function roleActions(role: RoleDefinition): DataAction[] {
  const granted = new Set<DataAction>();
  for (const pattern of role.dataActions) for (const action of expandActionPattern(pattern)) granted.add(action);
  return [...granted].filter((action) => roleGrants(role, action));
}

const roleNamePattern = /^[A-Za-z0-9][A-Za-z0-9 ._\-()]{0,127}$/;

/** Validates a role definition from the admin API, the CLI or the config file. */
export function parseRoleDefinition(name: string, input: unknown, source: AccessSource, id?: string): RoleDefinition {
  if (!roleNamePattern.test(name)) {
    throw new DoppelError(
      "InvalidArgument",
      `The role name '${name}' is invalid: use 1-128 letters, digits, spaces and . _ - ( ), starting with a letter or digit.`,
    );
  }
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new DoppelError("InvalidArgument", "A role definition must be a JSON object with a dataActions array.");
  }
  const body = input as Record<string, unknown>;
  const dataActions = parsePatterns(body.dataActions, "dataActions", true);
  const notDataActions = parsePatterns(body.notDataActions, "notDataActions", false);
  const description = body.description ?? "";
  if (typeof description !== "string" || description.length > 1024) {
    throw new DoppelError("InvalidArgument", "A role's description must be a string of at most 1024 characters.");
  }
  return { name, id: id ?? name, description, dataActions, notDataActions, source };
}

function parsePatterns(value: unknown, field: string, required: boolean): string[] {
  if (value === undefined && !required) return [];
  if (!Array.isArray(value) || (required && value.length === 0) || value.length > 200) {
    throw new DoppelError("InvalidArgument", `A role's ${field} must be an array of 1-200 action patterns.`);
  }
  return value.map((pattern) => {
    if (typeof pattern !== "string" || pattern.length > 256 || expandActionPattern(pattern).length === 0) {
      throw new DoppelError(
        "InvalidArgument",
        `The ${field} entry ${JSON.stringify(pattern)} matches no known action (see GET /admin/actions).`,
      );
    }
    return pattern;
  });
}
