import type { FastifyInstance } from "fastify";
import { canonicalAddress } from "../../auth/clientAddress.js";
import { allDataActions } from "../../auth/dataActions.js";
import { roleActions } from "../../auth/roleDefinition.js";
import { DoppelError } from "../../errors/catalogue.js";
import type { Services } from "../services.js";

const admin = { config: { skipApiVersion: true } };
const outcomes = new Set(["success", "denied", "failed"]);

/** The audit log (`GET /admin/audit`) and `GET /admin/whoami`. */
export function adminAuditRoutes(app: FastifyInstance, services: Services): void {
  const auth = services.auth;

  app.get("/admin/audit", admin, async (request) => {
    const query = request.query as Record<string, unknown>;
    const after = integer(query.after, "after", 0, Number.MAX_SAFE_INTEGER) ?? 0;
    const limit = integer(query.limit, "limit", 1, 1000) ?? 100;
    const principal = text(query.principal, "principal");
    // Addresses are recorded canonically (`ClientAddress.text`): the filter is written the same way.
    const askedAddress = text(query.clientAddress, "clientAddress");
    const clientAddress = askedAddress === undefined ? undefined : canonicalAddress(askedAddress);
    const outcome = text(query.outcome, "outcome");
    if (outcome !== undefined && !outcomes.has(outcome)) {
      throw new DoppelError("InvalidArgument", "outcome must be success, denied or failed.");
    }
    await auth.audit.flush();
    const value = await auth.store.readAudit({ after, limit, principal, clientAddress, outcome });
    const last = value.at(-1);
    const nextLink =
      value.length === limit && last
        ? `/admin/audit?${new URLSearchParams({
            after: String(last.seq),
            limit: String(limit),
            ...(principal === undefined ? {} : { principal }),
            ...(clientAddress === undefined ? {} : { clientAddress }),
            ...(outcome === undefined ? {} : { outcome }),
          })}`
        : null;
    return { value, nextLink };
  });

  app.get("/admin/whoami", admin, async (request) => {
    const principal = request.access?.principal;
    if (!principal) throw new DoppelError("Forbidden", "No principal.");
    const access = await auth.access();
    const assignments = access.assignmentsOf(principal);
    const actions =
      principal.kind === "anonymous"
        ? [...allDataActions]
        : [
            ...new Set(
              assignments.flatMap((a) => {
                const role = access.roles.get(a.role);
                return role ? roleActions(role) : [];
              }),
            ),
          ];
    return {
      principal,
      mode: auth.mode,
      assignments: assignments.map((a) => ({ id: a.id, role: a.role, scope: a.scope, source: a.source })),
      actions,
    };
  });
}

function integer(value: unknown, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new DoppelError("InvalidArgument", `${name} must be an integer between ${min} and ${max}.`);
  }
  return n;
}

function text(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || value === "") throw new DoppelError("InvalidArgument", `${name} must be a string.`);
  return value;
}
