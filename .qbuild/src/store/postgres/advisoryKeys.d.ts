/**
 * Advisory lock keys. PostgreSQL's two-int form is used throughout: the first int names the
 * store (a hash of its schema, so stores in one database never block each other), the second
 * the thing locked. The second int's top bits give the kind, so kinds cannot collide.
 */
/** FNV-1a, 32 bits, over the UTF-16 code units; stable across processes and versions. */
export declare function fnv1a(text: string): number;
/** The key's first int (PostgreSQL's int4 is signed). */
export declare function storeKey(schema: string): number;
/** Twins serialise every batch that touches them through this key (see `doppel_commit`). */
export declare function twinKey(twinId: string): number;
/** The lease of one event route: whoever holds it delivers the route for the whole cluster. */
export declare function routeKey(routeId: string): number;
/** Background jobs that should run on one node at a time. */
export declare const jobKeys: {
    readonly trimOutbox: number;
    readonly pruneAudit: number;
};
export declare const migrationLockKey = 805306368;
