import { DoppelError } from "../errors/catalogue.js";
import type { StreamGrant } from "../events/eventsConfig.js";
import { countAuthFailure, throttleAddress } from "./addressLimits.js";
import { AuthenticationError } from "./authenticationError.js";
import type { AuthService } from "./authService.js";
import type { DataAction } from "./dataActions.js";
import { streamVisibility } from "./streamVisibility.js";

/** Live streams carry twins' and relationships' changes and telemetry: reading twins is what they need. */
export const streamAction: DataAction = "Microsoft.DigitalTwins/digitaltwins/read";

/**
 * The events service's `authorizeStream` hook. The WebSocket upgrade never passes through the
 * Fastify hooks, so this is where it is authenticated; SSE passes both ways. An instance-wide
 * reader gets every event; a caller whose read access covers only some twins gets the events of
 * those twins (`streamVisibility`); a caller without read access gets 403.
 */
export function streamAuthorizer(auth: AuthService): (request: {
  headers: Record<string, string | string[] | undefined>;
  /** The client's address, when the caller passes it (the WebSocket upgrade, which no hook sees). */
  remoteAddress?: string | undefined;
}) => Promise<StreamGrant> {
  return async (request) => {
    const header = request.headers.authorization;
    // Per-address limits apply here only for a request the Fastify hooks did not see.
    const address =
      auth.rateLimits.enabled && request.remoteAddress !== undefined
        ? throttleAddress(auth, request.remoteAddress, request.headers)
        : null;
    let principal: Awaited<ReturnType<AuthService["authenticate"]>>;
    try {
      principal = await auth.authenticate(typeof header === "string" ? header : undefined);
    } catch (error) {
      if (error instanceof AuthenticationError) {
        if (address !== null) countAuthFailure(auth, address);
        throw new DoppelError("Unauthorized", "Unauthorized");
      }
      throw error;
    }
    const scope = (await auth.access()).scopeFor(principal, streamAction);
    if (scope.kind === "all") return true;
    if (scope.kind === "none") return false;
    return {
      visible: streamVisibility(auth.store, async () => (await auth.access()).scopeFor(principal, streamAction)),
    };
  };
}
