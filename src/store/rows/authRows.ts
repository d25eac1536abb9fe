import type { AuditRecord, StoredApiKey, StoredRoleAssignment } from "../ports/authStore.js";

/** Rows of the auth tables as both SQL adapters read them, and their mapping to the port's types. */
export interface ApiKeyRow {
  id: string;
  name: string;
  hash: string;
  created_at: string;
  created_by: string;
  expires_at: string | null;
  revoked_at: string | null;
}

export interface AssignmentRow {
  id: string;
  principal_type: string;
  principal_id: string;
  role: string;
  scope: string;
}

export interface AuditRow {
  seq: number;
  at: string;
  principal: string;
  client_address: string | null;
  action: string | null;
  method: string;
  path: string;
  route: string | null;
  twin_id: string | null;
  status: number;
  outcome: "success" | "denied" | "failed";
  detail: string | null;
}

export function toApiKey(row: ApiKeyRow): StoredApiKey {
  return {
    id: row.id,
    name: row.name,
    hash: row.hash,
    createdAt: row.created_at,
    createdBy: row.created_by,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
  };
}

export function toRoleAssignment(row: AssignmentRow): StoredRoleAssignment {
  return {
    id: row.id,
    principalType: row.principal_type,
    principalId: row.principal_id,
    role: row.role,
    scope: JSON.parse(row.scope),
  };
}

export function toAuditRecord(row: AuditRow): AuditRecord {
  return {
    seq: row.seq,
    at: row.at,
    principal: row.principal,
    clientAddress: row.client_address,
    action: row.action,
    method: row.method,
    path: row.path,
    route: row.route,
    twinId: row.twin_id,
    status: row.status,
    outcome: row.outcome,
    detail: row.detail,
  };
}
