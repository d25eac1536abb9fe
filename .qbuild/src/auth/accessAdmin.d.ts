import { DoppelError } from "../errors/catalogue.js";
import type { AuthStore, StoredApiKey } from "../store/ports/authStore.js";
import type { AccessSnapshot } from "./accessSnapshot.js";
import { type RoleAssignment } from "./roleAssignment.js";
import { type RoleDefinition } from "./roleDefinition.js";
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
export declare function apiKeyView(key: StoredApiKey): ApiKeyView;
export declare function createApiKey(store: AuthStore, input: unknown, createdBy: string, now?: Date): Promise<ApiKeyView & {
    readonly key: string;
}>;
export declare function revokeApiKey(store: AuthStore, id: string, now?: Date): Promise<void>;
export declare function apiKeyNotFound(id: string): DoppelError;
export declare function roleNotFound(name: string): DoppelError;
export declare function assignmentNotFound(id: string): DoppelError;
export declare function putRole(store: AuthStore, access: AccessSnapshot, name: string, input: unknown): Promise<{
    role: RoleDefinition;
    created: boolean;
}>;
export declare function deleteRole(store: AuthStore, access: AccessSnapshot, name: string): Promise<void>;
export declare function putRoleAssignment(store: AuthStore, access: AccessSnapshot, id: string, input: unknown): Promise<{
    assignment: RoleAssignment;
    created: boolean;
}>;
export declare function deleteRoleAssignment(store: AuthStore, access: AccessSnapshot, id: string): Promise<void>;
