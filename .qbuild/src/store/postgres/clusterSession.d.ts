import type { ClusterTopic } from "../ports/clusterBus.js";
/** Held while this node may deliver a route; `lost` aborts when the session ends. */
export interface SessionLease {
    readonly lost: AbortSignal;
    release(): void;
}
export interface ClusterSessionOptions {
    readonly connectionString: string;
    readonly schema: string;
    readonly nodeId: string;
    /** How often a waiting claim retries. */
    readonly leasePollMs: number;
    readonly log: (message: string, error?: unknown) => void;
}
type TopicListener = (data: string | undefined) => void;
/**
 * This node's one long-lived connection to PostgreSQL, outside the pool, for what lives as long
 * as a session: LISTEN (commits and configuration changes on other nodes) and session advisory
 * locks (route leases). When it drops, PostgreSQL releases the locks (so other nodes take the
 * routes over) and notifications may have been missed: leases are reported lost, and on
 * reconnection every topic's listeners are called once with no data, meaning "look again".
 */
export declare class ClusterSession {
    private readonly options;
    readonly channel: string;
    private client;
    private readonly listeners;
    private readonly leases;
    private closed;
    private connecting;
    private backoffMs;
    private everConnected;
    private reconnectTimer;
    constructor(options: ClusterSessionOptions);
    get nodeId(): string;
    /** Connects and starts listening; fails when the first connection fails. */
    start(): Promise<void>;
    /** The payload other nodes recognise (the sender skips its own). */
    payload(topic: ClusterTopic, data?: string): string;
    subscribe(topic: ClusterTopic, listener: TopicListener): () => void;
    /** Sends a notification outside any transaction (best effort: receivers also poll). */
    notify(topic: ClusterTopic, data?: string): Promise<void>;
    /**
     * Takes the lease `name` (the advisory lock `key` of this session), waiting while another node
     * holds it; null when `signal` aborts first. Two names with one key (a hash collision) are both
     * granted on one node: PostgreSQL counts a session's locks.
     */
    claim(name: string, key: number, signal: AbortSignal): Promise<SessionLease | null>;
    close(): Promise<void>;
    private lease;
    private connect;
    private open;
    private dispatch;
    private lost;
    private scheduleReconnect;
    /** After a gap in listening: every topic's listeners look again. */
    private everythingMayHaveChanged;
}
export {};
