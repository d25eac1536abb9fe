import type { AuthStore } from "./ports/authStore.js";
import type { ClusterBus } from "./ports/clusterBus.js";
import type { EventStore } from "./ports/eventStore.js";
import type { GraphRepository } from "./ports/graphRepository.js";
import type { KeyCheckStore } from "./ports/keyCheckStore.js";
import type { ModelRepository } from "./ports/modelRepository.js";
import type { NodeRegistry } from "./ports/nodeRegistry.js";
import type { OutboxRepository } from "./ports/outboxRepository.js";
import type { QueryRunner } from "./ports/queryRunner.js";

/**
 * The one store interface. The core depends only on these ports; SQLite (embedded, default)
 * and PostgreSQL (scale-out) are adapters chosen once at start-up. Every adapter runs the same
 * conformance suite (`test/store/conformance.ts`).
 */
export interface Store {
  readonly kind: "sqlite" | "postgres";
  readonly models: ModelRepository;
  readonly graph: GraphRepository;
  readonly outbox: OutboxRepository;
  readonly queries: QueryRunner;
  readonly events: EventStore;
  readonly auth: AuthStore;
  /** Live nodes sharing the store (always one on SQLite), for cluster-wide rate limits. */
  readonly nodes: NodeRegistry;
  /** The instance key's check value: every node using the store must have the same key. */
  readonly keyCheck: KeyCheckStore;
  /** Coordination with the other processes sharing the store (PostgreSQL only). */
  readonly cluster?: ClusterBus;
  close(): Promise<void>;
}
