import { DoppelError } from "../errors/catalogue.js";
import { AuthenticationError } from "./authenticationError.js";
/** Live streams carry every twin's and relationship's changes, so they need instance-wide read. */
export const streamAction = "Microsoft.DigitalTwins/digitaltwins/read";
/**
 * The events service's `authorizeStream` hook. The WebSocket upgrade never passes through the
 * Fastify hooks, so this is where it is authenticated; SSE passes both ways.
 */
export function streamAuthorizer(auth) {
    return async (request) => {
        const header = request.headers.authorization;
        let principal;
        try {
            principal = await auth.authenticate(typeof header === "string" ? header : undefined);
        }
        catch (error) {
            if (error instanceof AuthenticationError)
                throw new DoppelError("Unauthorized", "Unauthorized");
            throw error;
        }
        return (await auth.access()).scopeFor(principal, streamAction).kind === "all";
    };
}
//# sourceMappingURL=streamAuthorizer.js.map