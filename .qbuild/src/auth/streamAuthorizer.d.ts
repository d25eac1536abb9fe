import type { AuthService } from "./authService.js";
import type { DataAction } from "./dataActions.js";
/** Live streams carry every twin's and relationship's changes, so they need instance-wide read. */
export declare const streamAction: DataAction;
/**
 * The events service's `authorizeStream` hook. The WebSocket upgrade never passes through the
 * Fastify hooks, so this is where it is authenticated; SSE passes both ways.
 */
export declare function streamAuthorizer(auth: AuthService): (request: {
    headers: Record<string, string | string[] | undefined>;
}) => Promise<boolean>;
