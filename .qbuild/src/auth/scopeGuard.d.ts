import type { AuthStore } from "../store/ports/authStore.js";
import type { RequestAccess } from "./requestAccess.js";
/**
 * Point reads and writes of a scoped caller. A twin outside the scope answers exactly like a
 * missing one (the graph's own 404s); changing a twin's model, or creating one, must land in
 * scope. Called before the handler, only when the scope is narrower than the instance.
 */
export declare function guardTwinScope(store: AuthStore, access: RequestAccess, params: readonly string[], body: unknown): Promise<void>;
