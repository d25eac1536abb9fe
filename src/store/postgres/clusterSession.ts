import pg from "pg";
import type { ClusterTopic } from "../ports/clusterBus.js";
import { storeKey } from "./advisoryKeys.js";
import { storeTypes } from "./pgTypes.js";

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

const maxBackoffMs = 5000;

/**
 * This node's one long-lived connection to PostgreSQL, outside the pool, for what lives as long
 * as a session: LISTEN (commits and configuration changes on other nodes) and session advisory
 * locks (route leases). When it drops, PostgreSQL releases the locks (so other nodes take the
 * routes over) and notifications may have been missed: leases are reported lost, and on
 * reconnection every topic's listeners are called once with no data, meaning "look again".
 */
export class ClusterSession {
  readonly channel: string;
  private client: pg.Client | null = null;
  private readonly listeners = new Map<ClusterTopic, Set<TopicListener>>();
  private readonly leases = new Map<string, { controller: AbortController; key: number }>();
  private closed = false;
  private connecting: Promise<void> | null = null;
  private backoffMs = 100;
  private everConnected = false;
  private reconnectTimer: NodeJS.Timeout | null = null;
  /** The session's last query: the next one waits for it (see `inSession`). */
  private sessionTail: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: ClusterSessionOptions) {
    this.channel = `doppel_${(storeKey(options.schema) >>> 0).toString(16)}`;
  }

  get nodeId(): string {
    return this.options.nodeId;
  }

  /** Connects and starts listening; fails when the first connection fails. */
  async start(): Promise<void> {
    await this.connect();
  }

  /** The payload other nodes recognise (the sender skips its own). */
  payload(topic: ClusterTopic, data = ""): string {
    return `${topic}\t${this.options.nodeId}\t${data}`;
  }

  subscribe(topic: ClusterTopic, listener: TopicListener): () => void {
    let set = this.listeners.get(topic);
    if (!set) {
      set = new Set();
      this.listeners.set(topic, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  /** Sends a notification outside any transaction (best effort: receivers also poll). */
  async notify(topic: ClusterTopic, data = ""): Promise<void> {
    const client = this.client;
    if (!client) return;
    await this.inSession(client, "SELECT pg_notify($1, $2)", [this.channel, this.payload(topic, data)]);
  }

  /**
   * Takes the lease `name` (the advisory lock `key` of this session), waiting while another node
   * holds it; null when `signal` aborts first. Two names with one key (a hash collision) are both
   * granted on one node: PostgreSQL counts a session's locks.
   */
  async claim(name: string, key: number, signal: AbortSignal): Promise<SessionLease | null> {
    while (!signal.aborted && !this.closed) {
      if (this.leases.has(name)) {
        // Held by another worker of this node (a stale one still stopping): wait for it.
        await sleep(this.options.leasePollMs, signal);
        continue;
      }
      const client = this.client;
      if (client) {
        try {
          const { rows } = await this.inSession<{ ok: boolean }>(client, "SELECT pg_try_advisory_lock($1, $2) AS ok", [
            storeKey(this.options.schema),
            key,
          ]);
          if (rows[0]?.ok && this.client === client) return this.lease(name, key, client, signal);
        } catch {
          // The session is reconnecting; try again later.
        }
      }
      await sleep(this.options.leasePollMs, signal);
    }
    return null;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    for (const lease of this.leases.values()) lease.controller.abort();
    this.leases.clear();
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private lease(name: string, key: number, client: pg.Client, signal: AbortSignal): SessionLease {
    const controller = new AbortController();
    this.leases.set(name, { controller, key });
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      signal.removeEventListener("abort", release);
      if (this.leases.get(name)?.controller === controller) this.leases.delete(name);
      if (!controller.signal.aborted && this.client === client) {
        this.inSession(client, "SELECT pg_advisory_unlock($1, $2)", [storeKey(this.options.schema), key]).catch(
          () => undefined,
        );
      }
      controller.abort();
    };
    signal.addEventListener("abort", release, { once: true });
    return { lost: controller.signal, release };
  }

  /**
   * Runs a query on the session's connection after the ones already sent: route workers take and
   * release their leases concurrently, and a pg client handed a query while another runs queues it
   * itself, which pg deprecates.
   */
  private inSession<R extends pg.QueryResultRow = pg.QueryResultRow>(
    client: pg.Client,
    sql: string,
    params: unknown[],
  ): Promise<pg.QueryResult<R>> {
    const run = this.sessionTail.then(() => client.query<R>(sql, params));
    this.sessionTail = run.catch(() => undefined);
    return run;
  }

  private connect(): Promise<void> {
    this.connecting ??= this.open().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async open(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.options.connectionString,
      types: storeTypes,
      keepAlive: true,
      // Notifications sent from here need not wait for a disk flush.
      options: "-c synchronous_commit=off",
      application_name: `doppel-session:${process.pid}:${this.options.nodeId.slice(0, 8)}`,
    });
    client.on("notification", (message) => this.dispatch(message.channel, message.payload));
    client.on("error", (error) => this.lost(client, error));
    client.on("end", () => this.lost(client));
    await client.connect();
    await client.query(`LISTEN ${this.channel}`);
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    const reconnected = this.everConnected;
    this.everConnected = true;
    this.client = client;
    this.backoffMs = 100;
    if (reconnected) this.everythingMayHaveChanged();
  }

  private dispatch(channel: string, payload: string | undefined): void {
    if (channel !== this.channel || payload === undefined) return;
    const [topic, node, data] = payload.split("\t");
    if (node === this.options.nodeId) return;
    for (const listener of this.listeners.get(topic as ClusterTopic) ?? []) listener(data);
  }

  private lost(client: pg.Client, error?: unknown): void {
    if (this.client !== client && this.client !== null) return;
    if (this.client === client) this.client = null;
    // PostgreSQL has released this session's locks: other nodes may take the routes now.
    for (const lease of this.leases.values()) lease.controller.abort();
    this.leases.clear();
    client.end().catch(() => undefined);
    if (this.closed) return;
    this.options.log("PostgreSQL cluster session lost; reconnecting", error);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.reconnectTimer || this.closed) return;
    const delay = this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, maxBackoffMs);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.connect().then(
        () => {
          if (!this.client && !this.closed) this.scheduleReconnect();
        },
        (error: unknown) => {
          this.options.log("PostgreSQL cluster session: reconnection failed", error);
          this.scheduleReconnect();
        },
      );
    }, delay);
    this.reconnectTimer.unref();
  }

  /** After a gap in listening: every topic's listeners look again. */
  private everythingMayHaveChanged(): void {
    for (const set of this.listeners.values()) for (const listener of set) listener(undefined);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) {
      resolve();
      return;
    }
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}
