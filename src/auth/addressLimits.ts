import { DoppelError } from "../errors/catalogue.js";
import type { AuthService } from "./authService.js";
import { type ClientAddress, peerAddress } from "./clientAddress.js";
import { type ForwardingHeaders, forwardedClient } from "./forwardedClient.js";

/**
 * Per-address limits, before authentication: every request draws from its address's bucket, and
 * a request that would need a JWT signature check is refused while the address's bucket of
 * failed authentications is empty. The address is the TCP peer's, or the client's as a trusted
 * proxy forwards it (`forwardedClient`). Answers the address key, under which `countAuthFailure`
 * counts. Only called when rate limits are on.
 */
export function throttleAddress(auth: AuthService, peer: string | undefined, headers: ForwardingHeaders): string {
  // Without trusted proxies (the default) this null check is all forwarding costs.
  const proxies = auth.proxies;
  return throttleClient(auth, proxies === null ? peerAddress(peer) : forwardedClient(proxies, peer, headers), headers);
}

/**
 * `throttleAddress` for a client already resolved from the peer and its headers (`requestClient`,
 * which HTTP requests resolve once for the limits and the audit log).
 */
export function throttleClient(
  auth: AuthService,
  client: ClientAddress | undefined,
  headers: ForwardingHeaders,
): string {
  const limits = auth.rateLimits;
  const address = client?.key ?? "unknown";
  const wait = auth.buckets.take(`ip:${address}`, limits.perIp, limits.perIp * limits.burstSeconds);
  if (wait > 0) {
    throw tooManyFrom(`the limit is ${limits.perIp} requests per second from one address`, wait);
  }
  if (auth.mode === "none") return address;
  // The bucket first: it is almost always there to spare, and cheaper to look at than the header.
  const perSecond = limits.perIpAuthFailures;
  const failureWait = auth.buckets.peek(`ipf:${address}`, perSecond, perSecond * limits.burstSeconds);
  const authorization = headers.authorization;
  if (failureWait > 0 && auth.needsSignatureCheck(typeof authorization === "string" ? authorization : undefined)) {
    throw tooManyFrom(`the limit is ${perSecond} failed authentications per second from one address`, failureWait);
  }
  return address;
}

/** Counts a failed authentication against the address `throttleAddress` answered. */
export function countAuthFailure(auth: AuthService, address: string): void {
  const perSecond = auth.rateLimits.perIpAuthFailures;
  auth.buckets.take(`ipf:${address}`, perSecond, perSecond * auth.rateLimits.burstSeconds);
}

function tooManyFrom(limit: string, wait: number): DoppelError {
  return new DoppelError(
    "TooManyRequests",
    `Too many requests from this address: ${limit}. Please check Retry-After header to retry request.`,
    { headers: { "retry-after": String(wait) } },
  );
}
