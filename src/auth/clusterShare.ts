import type { NodeRegistry } from "../store/ports/nodeRegistry.js";

export interface ClusterShareOptions {
  /** How often this node says it is alive; a node silent for three periods is counted out. */
  readonly heartbeatMs: number;
  readonly log?: (message: string, error?: unknown) => void;
}

/**
 * This node's share of the cluster-wide rate limits: each node enforces `limit / live nodes`, so
 * the cluster as a whole never grants more than the limit (plus each node's burst share), with no
 * round trip per request. Node liveness comes from heartbeats in the shared store. A single node
 * (SQLite, or a cluster before its first heartbeat) enforces the whole limit.
 */
export class ClusterShare {
  private live = 1;
  private timer: NodeJS.Timeout | null = null;
  private beating: Promise<void> | null = null;
  private failing = false;
  private registry: NodeRegistry | null = null;
  private nodeId = "";

  /** Live nodes as of the last heartbeat (at least 1). */
  get nodes(): number {
    return this.live;
  }

  /** Starts heartbeats; resolves after the first, so limits are shared from the first request on. */
  async start(registry: NodeRegistry, nodeId: string, options: ClusterShareOptions): Promise<void> {
    this.registry = registry;
    this.nodeId = nodeId;
    const log = options.log ?? ((message, error) => console.warn(`doppel: ${message}`, error ?? ""));
    const ttlMs = options.heartbeatMs * 3;
    const beat = async () => {
      try {
        this.live = Math.max(1, await registry.heartbeat(nodeId, ttlMs));
        this.failing = false;
      } catch (error) {
        // Keep the last count: guessing fewer nodes would let the cluster exceed its limits.
        if (!this.failing) log("node heartbeat failed; rate limits keep the last known node count", error);
        this.failing = true;
      }
    };
    await beat();
    this.timer = setInterval(() => {
      this.beating ??= beat().finally(() => {
        this.beating = null;
      });
    }, options.heartbeatMs);
    this.timer.unref();
  }

  /** Stops heartbeats and leaves the cluster, so the others take this node's share at once. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.beating;
    if (this.registry) await this.registry.leave(this.nodeId).catch(() => undefined);
    this.registry = null;
  }
}
