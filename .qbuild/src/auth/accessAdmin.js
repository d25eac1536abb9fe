import { DoppelError } from "../errors/catalogue.js";
import { generateApiKey } from "./apiKeySecret.js";
import { parseRoleAssignment } from "./roleAssignment.js";
import { parseRoleDefinition } from "./roleDefinition.js";
import { scopePredicateCompiler } from "./scopePredicateCompiler.js";
export function apiKeyView(key) {
    return {
        id: key.id,
        name: key.name,
        createdAt: key.createdAt,
        createdBy: key.createdBy,
        expiresAt: key.expiresAt,
        revokedAt: key.revokedAt,
    };
}
export async function createApiKey(store, input, createdBy, now = new Date()) {
    if (typeof input !== "object" || input === null || Array.isArray(input)) {
        throw new DoppelError("InvalidArgument", "The request body must be a JSON object {name, expiresAt?}.");
    }
    const { name, expiresAt, ...rest } = input;
    if (Object.keys(rest).length > 0) {
        throw new DoppelError("InvalidArgument", `Unknown field(s): ${Object.keys(rest).join(", ")}.`);
    }
    if (typeof name !== "string" || name.trim() === "" || name.length > 128) {
        throw new DoppelError("InvalidArgument", "An API key needs a name of 1-128 characters.");
    }
    let expires = null;
    if (expiresAt !== undefined && expiresAt !== null) {
        const at = typeof expiresAt === "string" ? Date.parse(expiresAt) : Number.NaN;
        if (Number.isNaN(at) || at <= now.getTime()) {
            throw new DoppelError("InvalidArgument", "expiresAt must be a date-time in the future (RFC 3339).");
        }
        expires = new Date(at).toISOString();
    }
    const secret = generateApiKey();
    const stored = {
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
export async function revokeApiKey(store, id, now = new Date()) {
    if (!(await store.revokeApiKey(id, now.toISOString())))
        throw apiKeyNotFound(id);
}
export function apiKeyNotFound(id) {
    return new DoppelError("ApiKeyNotFound", `There is no API key with the id ${id}.`);
}
export function roleNotFound(name) {
    return new DoppelError("RoleDefinitionNotFound", `There is no role named ${name}.`);
}
export function assignmentNotFound(id) {
    return new DoppelError("RoleAssignmentNotFound", `There is no role assignment with the id ${id}.`);
}
export async function putRole(store, access, name, input) {
    const existing = access.roles.get(name);
    if (existing && existing.source !== "api")
        throw readOnly("role", name, existing.source);
    const role = parseRoleDefinition(name, input, "api");
    const created = await store.putRole({
        name: role.name,
        description: role.description,
        dataActions: role.dataActions,
        notDataActions: role.notDataActions,
    });
    return { role, created };
}
export async function deleteRole(store, access, name) {
    const existing = access.roles.get(name);
    if (existing && existing.source !== "api")
        throw readOnly("role", name, existing.source);
    const users = access.assignments.filter((a) => a.role === name || (existing !== undefined && a.role === existing.id));
    if (users.length > 0) {
        throw new DoppelError("RoleDefinitionInUse", `The role ${name} is used by role assignment(s) ${users.map((a) => a.id).join(", ")}; delete them first.`);
    }
    if (!(await store.deleteRole(name)))
        throw roleNotFound(name);
}
export async function putRoleAssignment(store, access, id, input) {
    const existing = access.assignments.find((a) => a.id === id);
    if (existing && existing.source !== "api")
        throw readOnly("role assignment", id, existing.source);
    const assignment = parseRoleAssignment(id, input, "api");
    if (!access.roles.has(assignment.role)) {
        throw new DoppelError("InvalidArgument", `The role ${assignment.role} does not exist (see GET /admin/roles).`);
    }
    if (assignment.scope.kind === "query") {
        // Compile now so a typo is refused here rather than silently hiding every twin later.
        scopePredicateCompiler()?.(assignment.scope.where, "T");
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
export async function deleteRoleAssignment(store, access, id) {
    const existing = access.assignments.find((a) => a.id === id);
    if (existing && existing.source !== "api")
        throw readOnly("role assignment", id, existing.source);
    if (!(await store.deleteRoleAssignment(id)))
        throw assignmentNotFound(id);
}
function readOnly(kind, name, source) {
    const origin = source === "builtIn" ? "built in" : "defined in the auth configuration file";
    return new DoppelError("OperationNotAllowed", `The ${kind} ${name} is ${origin} and cannot be changed here.`);
}
//# sourceMappingURL=accessAdmin.js.map