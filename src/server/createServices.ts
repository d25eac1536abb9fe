import type { AuthOptions } from "../auth/authOptions.js";
import { createAuthService } from "../auth/authService.js";
import { streamAuthorizer } from "../auth/streamAuthorizer.js";
import { createEventService } from "../events/createEventService.js";
import { GraphService } from "../graph/graphService.js";
import { defaultServerConfig, type ServerConfig, type Services } from "../http/services.js";
import { ModelRegistry } from "../models/modelRegistry.js";
import { createQueryService } from "../query/createQueryService.js";
import type { Store } from "../store/store.js";
import { followCluster, sharedKey } from "./followCluster.js";

/** Wires the services over one store. Start-up work (warming the model registry) happens here. */
export async function createServices(
  store: Store,
  config: Partial<ServerConfig> = {},
  security: { readonly auth?: AuthOptions; readonly loopbackOnly?: boolean } = {},
): Promise<Services> {
  const merged: ServerConfig = { ...defaultServerConfig, ...config };
  const auth = createAuthService(store.auth, security.auth, { loopbackOnly: security.loopbackOnly ?? true });
  // In a cluster, a page token from one node must be accepted by the others.
  const pageTokenKey = store.cluster ? sharedKey(await store.queries.tokenSecret(), "model-pages") : undefined;
  const models = await ModelRegistry.load(store.models, {
    maxModelsPerUpload: merged.maxModelsPerUpload,
    pageTokenKey,
  });
  const events = await createEventService(store.events, {
    ...merged.events,
    authorizeStream: merged.events?.authorizeStream ?? streamAuthorizer(auth),
  });
  const graph = new GraphService({ repository: store.graph, models, config: merged.graph ?? {} });
  // Delivery and live streams wake up on every commit that appended events.
  store.outbox.onAppend(() => events.notify());
  const query = createQueryService(store, merged.queryCompat, merged.query);
  if (store.cluster) followCluster(store.cluster, store.events, { models, events, auth });
  return { store, config: merged, models, events, auth, graph, query };
}
