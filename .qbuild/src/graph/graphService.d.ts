import type { GraphRepository, IncomingRelationshipRow, StoredRelationship, StoredTwin } from "../store/ports/graphRepository.js";
import { type Clock } from "./clock.js";
import { type IfMatch } from "./etag.js";
import { type GraphConfig } from "./graphConfig.js";
import type { ModelLookup } from "./modelLookup.js";
/** Who caused a change: stamped on its events. */
export interface ChangeOrigin {
    /** The instance host events name as `source`. */
    readonly source: string;
    readonly traceparent: string;
}
export interface WrittenDocument {
    readonly etag: string;
    /** The stored JSON (as GET answers at the newest api-version). */
    readonly json: string;
}
export interface TelemetryInput {
    readonly componentPath?: string;
    /** The posted body as JSON text (passed on unmodified). */
    readonly dataJson: string;
    readonly messageId: string;
    /** `Telemetry-Source-Time`, already checked to be RFC 3339. */
    readonly sourceTime?: string;
}
export interface RelationshipPage {
    readonly items: readonly StoredRelationship[];
    /** Token of the next page, when there is one. */
    readonly next?: string;
}
export interface IncomingPage {
    readonly items: readonly IncomingRelationshipRow[];
    readonly next?: string;
}
export interface GraphServiceOptions {
    readonly repository: GraphRepository;
    readonly models: ModelLookup;
    readonly config?: Partial<GraphConfig>;
    readonly clock?: Clock;
    /** Reload-and-retry rounds for a write whose compare-and-swap lost to a concurrent change. */
    readonly maxAttempts?: number;
}
/**
 * The twin graph and its one write path. Every change (API, devices, processors, jobs) goes
 * through here: load the current state, check the caller's preconditions, apply, validate against
 * the model, stamp metadata and a new etag, then commit the rows and the change's events to the
 * outbox in one store transaction guarded by compare-and-swap preconditions. Writes to one twin
 * (and the relationships it is the source of) are serialised; a write that loses a race with
 * another process is re-planned on the fresh state, which re-checks the caller's If-Match.
 */
export declare class GraphService {
    readonly config: GraphConfig;
    private readonly repository;
    private readonly models;
    private readonly clock;
    private readonly maxAttempts;
    private readonly serializer;
    /** Rows written by batches handed to the store but not yet committed (undefined row: deleted). */
    private readonly pendingTwins;
    private readonly pendingRelationships;
    constructor(options: GraphServiceOptions);
    getTwin(id: string): Promise<StoredTwin>;
    /** Creates or replaces a twin (`If-None-Match: *` makes it create-only). */
    putTwin(origin: ChangeOrigin, id: string, body: unknown, options?: {
        ifNoneMatch?: boolean;
    }): Promise<WrittenDocument>;
    /** Applies a JSON Patch to a twin; answers the new etag. */
    patchTwin(origin: ChangeOrigin, id: string, body: unknown, options?: {
        ifMatch?: IfMatch;
    }): Promise<{
        etag: string;
    }>;
    /** Deletes a twin; with `deleteRelationships` its incoming and outgoing relationships go too. */
    deleteTwin(origin: ChangeOrigin, id: string, options?: {
        ifMatch?: IfMatch;
        deleteRelationships?: boolean;
    }): Promise<void>;
    getComponent(id: string, name: string): Promise<{
        etag: string;
        component: Record<string, unknown>;
    }>;
    /** A JSON Patch relative to one component of the twin. */
    patchComponent(origin: ChangeOrigin, id: string, name: string, body: unknown, options?: {
        ifMatch?: IfMatch;
    }): Promise<{
        etag: string;
    }>;
    private patch;
    getRelationship(sourceId: string, relationshipId: string): Promise<StoredRelationship>;
    /** Creates or replaces a relationship (`If-None-Match: *` makes it create-only). */
    putRelationship(origin: ChangeOrigin, sourceId: string, relationshipId: string, body: unknown, options?: {
        ifNoneMatch?: boolean;
    }): Promise<WrittenDocument>;
    patchRelationship(origin: ChangeOrigin, sourceId: string, relationshipId: string, body: unknown, options?: {
        ifMatch?: IfMatch;
    }): Promise<{
        etag: string;
    }>;
    deleteRelationship(origin: ChangeOrigin, sourceId: string, relationshipId: string, options?: {
        ifMatch?: IfMatch;
    }): Promise<void>;
    /** One page of a twin's outgoing relationships, optionally of one name, ordered by id. */
    listRelationships(sourceId: string, options?: {
        name?: string;
        token?: string;
    }): Promise<RelationshipPage>;
    /** One page of the relationships that target a twin, ordered by source twin, then id. */
    listIncoming(targetId: string, options?: {
        token?: string;
    }): Promise<IncomingPage>;
    /** Appends a telemetry event for the twin (or one of its components); nothing is stored. */
    sendTelemetry(origin: ChangeOrigin, id: string, input: TelemetryInput): Promise<void>;
    /**
     * Plans a change under the twin's serialisation key and commits it, re-planning on the fresh
     * state when the store's compare-and-swap reports a concurrent change. The key is released as
     * soon as the batch is handed to the store, not when it commits: the next change to the same
     * twin is planned on top of the pending one (`pending*` maps) and lands in the same group
     * commit. Its compare-and-swap expects the pending etag, so if the pending change fails, the
     * next one fails too and is re-planned on what the store really holds.
     */
    private write;
    /**
     * Retries go straight back in line at first; after that with a growing random delay, so
     * writers racing from several processes stop invalidating each other's whole pipelines.
     */
    private retryLater;
    /** Records the rows a batch is about to write, for the plans queued behind it. */
    private markPending;
    private clearPending;
    /** The twin as the write being planned must see it: pending (queued to commit) or stored. */
    private loadOwnTwin;
    private requireOwnTwin;
    private loadOwnRelationship;
    private requireTwin;
    private missingRelationship;
    private relationshipDefinition;
    private relationshipLifecycle;
    private eventOrigin;
    /** Serialises a twin after checking its content (everything but `$metadata`) fits the limit. */
    private serializeChecked;
    private checkTwinId;
    private checkRelationshipId;
}
