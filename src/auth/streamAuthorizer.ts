import { DoppelError } from "../errors/catalogue.js";
import { AuthenticationError } from "./authenticationError.js";
import type { AuthService } from "./authService.js";
import type { DataAction } from "./dataActions.js";

/** Live streams carry every twin's and relationship's changes, so they need instance-wide read. */
export const streamAction: DataAction = "Microsoft.DigitalTwins/digitaltwins/read";

/**
 * The events service's `authorizeStream` hook. The WebSocket upgrade never passes through the
 * Fastify hooks, so this is where it is authenticated; SSE passes both ways.
 */
export function streamAuthorizer(
  auth: AuthService,
): (request: { headers: Record<string, string | string[] | undefined> }) => Promise<boolean> {
  return async (request) => {
    const header = request.headers.authorization;
    let principal: Awaited<ReturnType<AuthService["authenticate"]>>;
    try {
      principal = await auth.authenticate(typeof header === "string" ? header : undefined);
    } catch (error) {
      if (error instanceof AuthenticationError) throw new DoppelError("Unauthorized", "Unauthorized");
      throw error;
    }
    return (await auth.access()).scopeFor(principal, streamAction).kind === "all";
  };
}
