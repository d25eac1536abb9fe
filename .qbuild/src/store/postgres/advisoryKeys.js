/**
 * Advisory lock keys. PostgreSQL's two-int form is used throughout: the first int names the
 * store (a hash of its schema, so stores in one database never block each other), the second
 * the thing locked. The second int's top bits give the kind, so kinds cannot collide.
 */
const graphSpace = 0x00000000;
const routeSpace = 0x10000000;
const jobSpace = 0x20000000;
const migrationKey = 0x30000000;
const lowBits = 0x0fffffff;
/** FNV-1a, 32 bits, over the UTF-16 code units; stable across processes and versions. */
export function fnv1a(text) {
    let hash = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) {
        hash ^= text.charCodeAt(i);
        hash = Math.imul(hash, 0x01000193);
    }
    return hash >>> 0;
}
/** The key's first int (PostgreSQL's int4 is signed). */
export function storeKey(schema) {
    return fnv1a(`doppel:${schema}`) | 0;
}
/** Twins serialise every batch that touches them through this key (see `doppel_commit`). */
export function twinKey(twinId) {
    return graphSpace + (fnv1a(twinId) & lowBits);
}
/** The lease of one event route: whoever holds it delivers the route for the whole cluster. */
export function routeKey(routeId) {
    return routeSpace + (fnv1a(routeId) & lowBits);
}
/** Background jobs that should run on one node at a time. */
export const jobKeys = {
    trimOutbox: jobSpace + 1,
    pruneAudit: jobSpace + 2,
};
export const migrationLockKey = migrationKey;
//# sourceMappingURL=advisoryKeys.js.map