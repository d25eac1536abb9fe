/**
 * Persistence for access control (API keys, custom roles, role assignments) and the audit log.
 * Owned by `src/auth`. Every change to keys, roles or assignments bumps one version number, so
 * a server caching them notices changes made by another process (the CLI) cheaply.
 */
export {};
//# sourceMappingURL=authStore.js.map