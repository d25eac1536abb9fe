import type { AuthOptions } from "../auth/authOptions.js";
import { type ServerConfig, type Services } from "../http/services.js";
import type { Store } from "../store/store.js";
/** Wires the services over one store. Start-up work (warming the model registry) happens here. */
export declare function createServices(store: Store, config?: Partial<ServerConfig>, security?: {
    readonly auth?: AuthOptions;
    readonly loopbackOnly?: boolean;
}): Promise<Services>;
