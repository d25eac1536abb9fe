import type { EventStore, NewDeadLetter, OutboxRow, StoredDeadLetter, StoredEndpoint, StoredRoute } from "../ports/eventStore.js";
import type { SqliteDatabase } from "./openSqlite.js";
export declare class SqliteEventStore implements EventStore {
    private readonly db;
    private readonly readOutboxStatement;
    private readonly setCursorStatement;
    constructor(db: SqliteDatabase);
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
}
