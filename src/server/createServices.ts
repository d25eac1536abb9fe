import type { AuthOptions } from "../auth/authOptions.js";
import { createAuthService } from "../auth/authService.js";
import { streamAuthorizer } from "../auth/streamAuthorizer.js";
import { createEventService } from "../events/createEventService.js";
import { EndpointSecretBox } from "../events/endpoints/endpointSecretBox.js";
import { sealEventStore } from "../events/endpoints/sealedEventStore.js";
import { GraphService } from "../graph/graphService.js";
import { defaultServerConfig, type ServerConfig, type Services } from "../http/services.js";
import { ModelRegistry } from "../models/modelRegistry.js";
import { createQueryService } from "../query/createQueryService.js";
import type { Store } from "../store/store.js";
import { followCluster, sharedKey } from "./followCluster.js";
import { checkInstanceKey } from "./instanceKeyCheck.js";
import { loadInstanceSecret, loadPreviousInstanceSecret } from "./instanceSecret.js";

/** Wires the services over one store. Start-up work (warming the model registry) happens here. */
export async function createServices(
  store: Store,
  config: Partial<ServerConfig> = {},
  security: {
    readonly auth?: AuthOptions;
    readonly loopbackOnly?: boolean;
    /** Where `secret.key` is generated when no key is given (see `instanceSecret.ts`). */
    readonly dataDir?: string;
    readonly secretKey?: string;
    /** The key being rotated away from (else `DOPPEL_SECRET_KEY_PREVIOUS` or `…_PREVIOUS_FILE`). */
    readonly previousSecretKey?: string;
  } = {},
): Promise<Services> {
  const merged: ServerConfig = { ...defaultServerConfig, ...config };
  // Endpoint credentials are encrypted at rest and stream ids are opaque, with keys kept out of the database.
  const secret = loadInstanceSecret({ dataDir: security.dataDir, key: security.secretKey });
  // During a rotation the previous key still opens what it sealed, until it is sealed again.
  const previous = loadPreviousInstanceSecret({ key: security.previousSecretKey });
  const eventStore = sealEventStore(
    store.events,
    new EndpointSecretBox(
      secret.derive("endpoint-secrets"),
      secret.source,
      previous && { key: previous.derive("endpoint-secrets"), source: previous.source },
    ),
  );
  // A node with the wrong key stops before it writes anything with it: stored credentials that
  // do not open name their endpoint; otherwise the stored key check value tells. The one read
  // that opens every row also finds the rows to seal again.
  const pending = await eventStore.checkStored();
  let resealed: Promise<number> | undefined;
  const resealStored = () => {
    resealed ??= eventStore.resealStored(pending);
    return resealed;
  };
  await checkInstanceKey(store.keyCheck, secret, previous && { previous, resealStored });
  // Without a rotation too: rows in clear, and rows a node still on the previous key wrote since
  // the switch. Done once: a rotation above already did it.
  await resealStored();
  const auth = createAuthService(store.auth, security.auth, { loopbackOnly: security.loopbackOnly ?? true });
  // In a cluster, a page token from one node must be accepted by the others.
  const pageTokenKey = store.cluster ? sharedKey(await store.queries.tokenSecret(), "model-pages") : undefined;
  const models = await ModelRegistry.load(store.models, {
    maxModelsPerUpload: merged.maxModelsPerUpload,
    pageTokenKey,
    // Another node's upload may be unknown here for a moment: a miss reloads (at most 5 times a second).
    ...(store.cluster ? { refreshOnMiss: { minIntervalMs: 200 } } : {}),
  });
  const events = await createEventService(eventStore, {
    ...merged.events,
    authorizeStream: merged.events?.authorizeStream ?? streamAuthorizer(auth),
  });
  events.streams.ids.useKey(secret.derive("stream-ids"));
  const graph = new GraphService({ repository: store.graph, models, config: merged.graph ?? {} });
  // Delivery and live streams wake up on every commit that appended events.
  store.outbox.onAppend(() => events.notify());
  const query = createQueryService(store, merged.queryCompat, merged.query);
  if (store.cluster) followCluster(store.cluster, eventStore, { models, events, auth });
  // Cluster-wide rate limits: each node enforces its share, from heartbeats in the store.
  if (store.cluster && auth.rateLimits.enabled) {
    await auth.cluster.start(store.nodes, store.cluster.nodeId, { heartbeatMs: auth.rateLimits.nodeHeartbeatMs });
  }
  return { store, config: merged, models, events, auth, graph, query };
}
