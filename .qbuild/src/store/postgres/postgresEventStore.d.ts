import type pg from "pg";
import type { RouteLease } from "../ports/clusterBus.js";
import type { EventStore, NewDeadLetter, OutboxRow, StoredDeadLetter, StoredEndpoint, StoredRoute } from "../ports/eventStore.js";
import type { ClusterSession } from "./clusterSession.js";
import type { OutboxReader } from "./outboxReader.js";
/**
 * Event delivery state in PostgreSQL, shared by every node. Changes to endpoints and routes
 * notify the other nodes in their transaction (their dispatchers reload); a route is delivered
 * by the one node holding its lease; trimming runs on one node at a time.
 */
export declare class PostgresEventStore implements EventStore {
    private readonly pool;
    private readonly reader;
    private readonly session;
    private readonly lockStore;
    constructor(pool: pg.Pool, reader: OutboxReader, session: ClusterSession, lockStore: number);
    listEndpoints(): Promise<StoredEndpoint[]>;
    getEndpoint(name: string): Promise<StoredEndpoint | undefined>;
    putEndpoint(name: string, kind: string, definition: unknown, now: number): Promise<{
        created: boolean;
    }>;
    deleteEndpoint(name: string): Promise<boolean>;
    listRoutes(): Promise<StoredRoute[]>;
    getRoute(id: string): Promise<StoredRoute | undefined>;
    putRoute(route: {
        id: string;
        endpointName: string;
        filter: string;
    }, startSeq: number, now: number): Promise<void>;
    deleteRoute(id: string): Promise<boolean>;
    getCursor(routeId: string): Promise<number | undefined>;
    setCursor(routeId: string, seq: number): Promise<void>;
    readOutbox(afterSeq: number, limit: number): Promise<OutboxRow[]>;
    latestSeq(): Promise<number>;
    oldestSeq(): Promise<number | undefined>;
    /** Runs on one node at a time: the others find the job's lock taken and skip (answering 0). */
    trimOutbox(upToSeq: number, createdBefore: number): Promise<number>;
    addDeadLetter(letter: NewDeadLetter, now: number): Promise<number>;
    listDeadLetters(options: {
        afterId: number;
        limit: number;
        endpointName?: string;
    }): Promise<StoredDeadLetter[]>;
    getDeadLetter(id: number): Promise<StoredDeadLetter | undefined>;
    deleteDeadLetter(id: number): Promise<boolean>;
    countDeadLetters(endpointName?: string): Promise<number>;
    /**
     * Waits until this node owns the route's delivery for the cluster (null when `signal` aborts
     * first). The lease is a session advisory lock: a node that dies loses it at once.
     */
    claimRoute(routeId: string, signal: AbortSignal): Promise<RouteLease | null>;
    private notify;
}
