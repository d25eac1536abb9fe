/** A new weak ETag, `W/"<uuid>"`, as ADT issues on every change. */
export declare function newEtag(): string;
/** A parsed `If-Match`: any current version, or one of the listed entity tags. */
export type IfMatch = {
    readonly kind: "any";
} | {
    readonly kind: "tags";
    readonly opaque: readonly string[];
    readonly header: string;
};
/** `undefined` when the header is absent; throws ADT's InvalidArgument when it is malformed. */
export declare function parseIfMatch(header: string | undefined): IfMatch | undefined;
/** True for `If-None-Match: *`, false when absent; any other value is ADT's InvalidArgument. */
export declare function parseIfNoneMatch(header: string | undefined): boolean;
/**
 * Compares by opaque tag: ADT's tags are all weak, and clients send them back with or without
 * the `W/` prefix.
 */
export declare function ifMatchAccepts(condition: IfMatch, currentEtag: string): boolean;
