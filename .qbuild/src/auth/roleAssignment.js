import { DoppelError } from "../errors/catalogue.js";
import { parseTwinScope } from "./twinScope.js";
export function selectsPrincipal(selector, principal) {
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
export function parseAssignmentId(id) {
    if (!assignmentIdPattern.test(id)) {
        throw new DoppelError("InvalidArgument", `The role assignment id '${id}' is invalid: use 1-128 letters, digits and . _ -, starting with a letter or digit.`);
    }
    return id;
}
/** `user:<id>`, `group:<id>`, `appRole:<id>` or `apiKey:<id>` (the CLI's and config's short form). */
export function parsePrincipalSelector(value) {
    if (typeof value === "string") {
        const colon = value.indexOf(":");
        return parsePrincipalSelector({ type: value.slice(0, colon), id: value.slice(colon + 1) });
    }
    if (typeof value !== "object" || value === null)
        throw invalidSelector();
    const { type, id } = value;
    if (typeof type !== "string" || !selectorTypes.has(type) || typeof id !== "string" || id === "" || id.length > 1024) {
        throw invalidSelector();
    }
    return { type, id };
}
function invalidSelector() {
    return new DoppelError("InvalidArgument", "The assignment principal must be {type, id} with type user, group, appRole or apiKey (or 'type:id').");
}
export function parseRoleAssignment(id, input, source) {
    if (typeof input !== "object" || input === null || Array.isArray(input)) {
        throw new DoppelError("InvalidArgument", "A role assignment must be a JSON object {principal, role, scope?}.");
    }
    const body = input;
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
        scope: parseTwinScope(body.scope),
        source,
    };
}
//# sourceMappingURL=roleAssignment.js.map