import type pg from "pg";
import type { NodeRegistry } from "../ports/nodeRegistry.js";

/**
 * Heartbeats in the `cluster_nodes` table. Liveness is judged by the database's clock (`now()`),
 * so the nodes' own clocks may disagree. One statement per heartbeat: upsert this node, forget
 * nodes silent for longer than the time to live, count the live ones.
 */
export class PostgresNodeRegistry implements NodeRegistry {
  constructor(private readonly pool: pg.Pool) {}

  async heartbeat(nodeId: string, ttlMs: number): Promise<number> {
    // The statement's snapshot does not see its own upsert: count the others, plus this node.
    const { rows } = await this.pool.query<{ others: number }>(
      `WITH beat AS (
         INSERT INTO cluster_nodes (node_id, seen_at) VALUES ($1, now())
         ON CONFLICT (node_id) DO UPDATE SET seen_at = now()
         RETURNING node_id
       ), gone AS (
         DELETE FROM cluster_nodes WHERE node_id <> $1 AND seen_at < now() - make_interval(secs => $2::double precision / 1000)
       )
       SELECT count(*)::integer AS others FROM cluster_nodes
       WHERE node_id <> $1 AND seen_at >= now() - make_interval(secs => $2::double precision / 1000)`,
      [nodeId, ttlMs],
    );
    return 1 + (rows[0]?.others ?? 0);
  }

  async leave(nodeId: string): Promise<void> {
    await this.pool.query("DELETE FROM cluster_nodes WHERE node_id = $1", [nodeId]);
  }
}
