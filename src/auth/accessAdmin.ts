import { DoppelError } from "../errors/catalogue.js";
import type { AuthStore, StoredApiKey } from "../store/ports/authStore.js";
import type { AccessSnapshot } from "./accessSnapshot.js";
import { generateApiKey } from "./apiKeySecret.js";
import { parseRoleAssignment, type RoleAssignment } from "./roleAssignment.js";
import { parseRoleDefinition, type RoleDefinition } from "./roleDefinition.js";

/**
 * Changes to keys, roles and assignments, shared by the admin API and the CLI so both apply
 * the same rules. Built-in and configuration-file entries are read-only here.
 */

export interface ApiKeyView {
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly expiresAt: string | null;
  readonly revokedAt: string | null;
}

export function apiKeyView(key: StoredApiKey): ApiKeyView {
  return {
    id: key.id,
    name: key.name,
    createdAt: key.createdAt,
    createdBy: key.createdBy,
    expiresAt: key.expiresAt,
    revokedAt: key.revokedAt,
  };
}

export async function createApiKey(
  store: AuthStore,
  input: unknown,
  createdBy: string,
  now = new Date(),
): Promise<ApiKeyView & { readonly key: string }> {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new DoppelError("InvalidArgument", "The request body must be a JSON object {name, expiresAt?}.");
  }
  const { name, expiresAt, ...rest } = input as Record<string, unknown>;
  if (Object.keys(rest).length > 0) {
    throw new DoppelError("InvalidArgument", `Unknown field(s): ${Object.keys(rest).join(", ")}.`);
  }
  if (typeof name !== "string" || name.trim() === "" || name.length > 128) {
    throw new DoppelError("InvalidArgument", "An API key needs a name of 1-128 characters.");
  }
  let expires: string | null = null;
  if (expiresAt !== undefined && expiresAt !== null) {
    const at = typeof expiresAt === "string" ? Date.parse(expiresAt) : Number.NaN;
    if (Number.isNaN(at) || at <= now.getTime()) {
      throw new DoppelError("InvalidArgument", "expiresAt must be a date-time in the future (RFC 3339).");
    }
    expires = new Date(at).toISOString();
  }
  const secret = generateApiKey();
  const stored: StoredApiKey = {
    id: secret.id,
    name,
    hash: secret.hash,
    createdAt: now.toISOString(),
    createdBy,
    expiresAt: expires,
    revokedAt: null,
  };
  await store.insertApiKey(stored);
  return { ...apiKeyView(stored), key: secret.key };
}

export async function revokeApiKey(store: AuthStore, id: string, now = new Date()): Promise<void> {
  if (!(await store.revokeApiKey(id, now.toISOString()))) throw apiKeyNotFound(id);
}

export function apiKeyNotFound(id: string): DoppelError {
  return new DoppelError("ApiKeyNotFound", `There is no API key with the id ${id}.`);
}

export function roleNotFound(name: string): DoppelError {
  return new DoppelError("RoleDefinitionNotFound", `There is no role named ${name}.`);
}

export function assignmentNotFound(id: string): DoppelError {
  return new DoppelError("RoleAssignmentNotFound", `There is no role assignment with the id ${id}.`);
}

export async function putRole(
  store: AuthStore,
  access: AccessSnapshot,
  name: string,
  input: unknown,
): Promise<{ role: RoleDefinition; created: boolean }> {
  const existing = access.roles.get(name);
  if (existing && existing.source !== "api") throw readOnly("role", name, existing.source);
  const role = parseRoleDefinition(name, input, "api");
  const created = await store.putRole({
    name: role.name,
    description: role.description,
    dataActions: role.dataActions,
    notDataActions: role.notDataActions,
  });
  return { role, created };
}

export async function deleteRole(store: AuthStore, access: AccessSnapshot, name: string): Promise<void> {
  const existing = access.roles.get(name);
  if (existing && existing.source !== "api") throw readOnly("role", name, existing.source);
  const users = access.assignments.filter((a) => a.role === name || (existing !== undefined && a.role === existing.id));
  if (users.length > 0) {
    throw new DoppelError(
      "RoleDefinitionInUse",
      `The role ${name} is used by role assignment(s) ${users.map((a) => a.id).join(", ")}; delete them first.`,
    );
  }
  if (!(await store.deleteRole(name))) throw roleNotFound(name);
}

export async function putRoleAssignment(
  store: AuthStore,
  access: AccessSnapshot,
  id: string,
  input: unknown,
): Promise<{ assignment: RoleAssignment; created: boolean }> {
  const existing = access.assignments.find((a) => a.id === id);
  if (existing && existing.source !== "api") throw readOnly("role assignment", id, existing.source);
  // The store's compiler refuses a condition that does not compile here, rather than letting
  // it silently hide every twin later.
  const assignment = parseRoleAssignment(id, input, "api", store.scopePredicates);
  if (!access.roles.has(assignment.role)) {
    throw new DoppelError("InvalidArgument", `The role ${assignment.role} does not exist (see GET /admin/roles).`);
  }
  const created = await store.putRoleAssignment({
    id,
    principalType: assignment.principal.type,
    principalId: assignment.principal.id,
    role: assignment.role,
    scope: assignment.scope,
  });
  return { assignment, created };
}

export async function deleteRoleAssignment(store: AuthStore, access: AccessSnapshot, id: string): Promise<void> {
  const existing = access.assignments.find((a) => a.id === id);
  if (existing && existing.source !== "api") throw readOnly("role assignment", id, existing.source);
  if (!(await store.deleteRoleAssignment(id))) throw assignmentNotFound(id);
}

function readOnly(kind: string, name: string, source: string): DoppelError {
  const origin = source === "builtIn" ? "built in" : "defined in the auth configuration file";
  return new DoppelError("OperationNotAllowed", `The ${kind} ${name} is ${origin} and cannot be changed here.`);
}
