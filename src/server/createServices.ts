import type { AuthOptions } from "../auth/authOptions.js";
import { createAuthService } from "../auth/authService.js";
import { streamAuthorizer } from "../auth/streamAuthorizer.js";
import { createEventService } from "../events/createEventService.js";
import { GraphService } from "../graph/graphService.js";
import { defaultServerConfig, type ServerConfig, type Services } from "../http/services.js";
import { ModelRegistry } from "../models/modelRegistry.js";
import { createQueryService } from "../query/createQueryService.js";
import type { Store } from "../store/store.js";

/** Wires the services over one store. Start-up work (warming the model registry) happens here. */
export async function createServices(
  store: Store,
  config: Partial<ServerConfig> = {},
  security: { readonly auth?: AuthOptions; readonly loopbackOnly?: boolean } = {},
): Promise<Services> {
  const merged: ServerConfig = { ...defaultServerConfig, ...config };
  const auth = createAuthService(store.auth, security.auth, { loopbackOnly: security.loopbackOnly ?? true });
  const models = await ModelRegistry.load(store.models, { maxModelsPerUpload: merged.maxModelsPerUpload });
  const events = await createEventService(store.events, { authorizeStream: streamAuthorizer(auth), ...merged.events });
  const graph = new GraphService({ repository: store.graph, models, config: merged.graph ?? {} });
  // Delivery and live streams wake up on every commit that appended events.
  store.outbox.onAppend(() => events.notify());
  const query = createQueryService(store, merged.queryCompat, merged.query);
  return { store, config: merged, models, events, auth, graph, query };
}
