import type { AuthStore } from "../store/ports/authStore.js";
import type { RequestAccess } from "./requestAccess.js";
/**
 * Drops the relationships of a list page whose other twin is outside the caller's scope: the
 * target for outgoing lists, the source for incoming ones. The page may come back shorter than
 * the page size, which ADT's paging allows ("the server may return fewer").
 */
export declare function filterRelationshipPage(store: AuthStore, access: RequestAccess, payload: unknown, direction: "listOutgoing" | "listIncoming"): Promise<unknown>;
