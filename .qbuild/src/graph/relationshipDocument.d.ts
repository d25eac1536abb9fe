import type { Relationship } from "../dtdl/model.js";
import { type SizeLimits } from "./contentValidation.js";
import { type PatchOp } from "./jsonPatch.js";
/** A relationship PUT body, reduced to what it asks for. */
export interface RelationshipRequest {
    readonly name: string;
    readonly targetId: string;
    readonly properties: Record<string, unknown>;
}
/**
 * Reads a relationship PUT body. `$relationshipName` and `$targetId` are required; the
 * `$relationshipId`, `$sourceId` and `$etag` real clients echo back are accepted (the ids must
 * then match the path); everything else is a relationship property.
 */
export declare function parseRelationshipBody(body: unknown, sourceId: string, relationshipId: string): RelationshipRequest;
/** The stored relationship JSON, in ADT's key order. */
export declare function relationshipDoc(input: {
    readonly sourceId: string;
    readonly id: string;
    readonly etag: string;
    readonly name: string;
    readonly targetId: string;
    readonly properties: Record<string, unknown>;
}): Record<string, unknown>;
/** Each property must be declared by the relationship and conform to its schema. */
export declare function checkRelationshipProperties(definition: Relationship, properties: Record<string, unknown>, limits: SizeLimits, names?: Iterable<string>): void;
/**
 * Applies a JSON Patch to a relationship's properties (in place, on a private copy): system
 * fields cannot change, and only declared properties may be added. Returns the touched names.
 */
export declare function applyRelationshipPatch(doc: Record<string, unknown>, ops: readonly PatchOp[], definition: Relationship | undefined): Set<string>;
/** The user properties of a stored relationship document. */
export declare function relationshipProperties(doc: Record<string, unknown>): Record<string, unknown>;
