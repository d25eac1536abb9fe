/**
 * Continuation tokens of the relationship lists: opaque (base64url JSON) positions in a list
 * ordered by relationship id (outgoing) or by source twin then relationship id (incoming). A token
 * is a position, never a query, so a forged one can only skip ahead in the same twin's list.
 */
export type RelationshipPosition = {
    readonly list: "outgoing";
    readonly afterId: string;
    readonly name?: string;
} | {
    readonly list: "incoming";
    readonly afterSourceId: string;
    readonly afterId: string;
};
export declare function encodePageToken(position: RelationshipPosition): string;
export declare function decodePageToken(token: string, list: "outgoing"): Extract<RelationshipPosition, {
    list: "outgoing";
}>;
export declare function decodePageToken(token: string, list: "incoming"): Extract<RelationshipPosition, {
    list: "incoming";
}>;
