import { defaultServerConfig, type ServerConfig, type Services } from "../http/services.js";
import type { Store } from "../store/store.js";

/** Wires the services over one store. Start-up work (warming the model registry) happens here. */
export async function createServices(store: Store, config: Partial<ServerConfig> = {}): Promise<Services> {
  const merged: ServerConfig = { ...defaultServerConfig, ...config };
  return { store, config: merged };
}
