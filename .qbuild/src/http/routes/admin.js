import { adminAuditRoutes } from "./adminAudit.js";
import { adminKeyRoutes } from "./adminKeys.js";
import { adminRoleAssignmentRoutes } from "./adminRoleAssignments.js";
import { adminRoleRoutes } from "./adminRoles.js";
/** Our own administration API for access control (no api-version; see docs/security.md). */
export function adminRoutes(app, services) {
    adminKeyRoutes(app, services);
    adminRoleRoutes(app, services);
    adminRoleAssignmentRoutes(app, services);
    adminAuditRoutes(app, services);
}
//# sourceMappingURL=admin.js.map