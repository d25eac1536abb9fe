import type { IncomingMessage } from "node:http";
import type { FastifyBaseLogger, FastifyInstance } from "fastify";
import { type ClientAddress, peerAddress } from "./clientAddress.js";
import { forwardedClient } from "./forwardedClient.js";
import type { TrustedProxies } from "./trustedProxies.js";

/** Where `clientAddressLogger` leaves the client it resolved, so `requestClient` need not parse again. */
const resolvedClient = Symbol("doppel.clientAddress");

interface ResolvedRequest extends IncomingMessage {
  [resolvedClient]?: ClientAddress | undefined;
}

/** (The type is not exported by name from `fastify`.) */
type ChildLoggerFactory = Parameters<FastifyInstance["setChildLoggerFactory"]>[0];

/**
 * A request's client address, in full: the TCP peer, or the client a trusted proxy forwards
 * (`forwardedClient`). The per-address limits count it (by its key) and the audit log records it
 * (its canonical text).
 * The peer is read from the socket, never from `request.ip`, so whether it is trusted always rests
 * on the TCP connection, whatever Fastify is told about proxies.
 */
export function requestClient(proxies: TrustedProxies | null, raw: IncomingMessage): ClientAddress | undefined {
  // Without trusted proxies (the default) the client is the peer: one cache lookup.
  if (proxies === null) return peerAddress(raw.socket.remoteAddress);
  const logged = (raw as ResolvedRequest)[resolvedClient];
  return logged !== undefined ? logged : forwardedClient(proxies, raw.socket.remoteAddress, raw.headers);
}

/**
 * A child logger factory that binds the client (`clientAddress`) to every line Fastify logs for a
 * request, from "incoming request" on; `remoteAddress` stays the TCP peer. It resolves the client
 * before any hook runs and leaves it on the request for `requestClient`, so the headers are parsed
 * once. (Fastify's own `trustProxy` is not used: see `installSecurity`.)
 */
export function clientAddressLogger(proxies: TrustedProxies): ChildLoggerFactory {
  return function bindClientAddress(logger, bindings, options, raw) {
    const client = forwardedClient(proxies, raw.socket.remoteAddress, raw.headers);
    (raw as ResolvedRequest)[resolvedClient] = client;
    // Fastify builds `bindings` afresh for each request. Added in place: a spread copy costs pino
    // about a microsecond more per child.
    bindings.clientAddress = client?.text;
    return logger.child(bindings, options);
  };
}

/** Whether a logger writes bindings at all: Fastify's logger when logging is off is its own child. */
export function keepsBindings(logger: FastifyBaseLogger): boolean {
  return logger.child({}) !== logger;
}
