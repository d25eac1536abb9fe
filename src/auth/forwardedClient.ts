import { type ClientAddress, clientAddressOf, peerAddress } from "./clientAddress.js";
import { type IpAddress, parseIpAddress } from "./parseIpAddress.js";
import type { TrustedProxies } from "./trustedProxies.js";

export type ForwardingHeaders = Readonly<Record<string, string | string[] | undefined>>;

/**
 * The client's address as the trusted proxies in front of this server report it. From a peer
 * that is not trusted, the peer: its headers are whatever the client wrote. From a trusted one,
 * the one header the proxies are configured to write (`TrustedProxies.header`: `X-Forwarded-For`,
 * or `Forwarded`'s `for=`), read from the right, past the trusted hops, to the first address no
 * trusted proxy vouches for; every hop left of that one is the client's own claim. If every hop is
 * trusted, the leftmost. No header, or a hop that cannot be read on the way there, makes the
 * answer the peer: never an error for the request.
 *
 * The other header is never read, not even in the absence of the configured one: a proxy that
 * writes one of them passes the other on from the client untouched.
 *
 * Only the hops up to the answer are parsed, so a client cannot make a proxy's request fall back
 * to the proxy's address by prepending garbage (which would throttle everyone behind the proxy).
 * The answer is built from the parsed hop, so nothing parses it again.
 */
export function forwardedClient(
  proxies: TrustedProxies,
  peer: string | undefined,
  headers: ForwardingHeaders,
): ClientAddress | undefined {
  if (!proxies.trustsPeer(peer)) return peerAddress(peer);
  const header = headers[proxies.header];
  if (header === undefined) return peerAddress(peer);
  const hop =
    proxies.header === "forwarded" ? fromForwarded(proxies, joined(header)) : fromForwardedFor(proxies, joined(header));
  return hop === null ? peerAddress(peer) : clientAddressOf(hop);
}

/** Node joins repeated headers of these names with ", "; a caller's own object may not. */
function joined(value: string | string[]): string {
  return typeof value === "string" ? value : value.join(",");
}

/** `X-Forwarded-For: client, proxy1, proxy2`; null when a hop on the way is malformed. */
function fromForwardedFor(proxies: TrustedProxies, value: string): IpAddress | null {
  let end = value.length;
  for (;;) {
    const comma = end === 0 ? -1 : value.lastIndexOf(",", end - 1);
    const hop = parseHop(value.slice(comma + 1, end).trim());
    if (hop === null) return null;
    if (comma < 0 || !proxies.trusts(hop)) return hop;
    end = comma;
  }
}

/**
 * `Forwarded: for=192.0.2.60;proto=https, for="[2001:db8::1]:443"` (RFC 7239). Elements are
 * found from the right; a comma inside a quoted string does not separate them.
 */
function fromForwarded(proxies: TrustedProxies, value: string): IpAddress | null {
  let end = value.length;
  for (;;) {
    const start = elementStart(value, end);
    if (start < 0) return null;
    const forValue = forParameter(value, start, end);
    const hop = forValue === null ? null : parseHop(forValue);
    if (hop === null) return null;
    if (start === 0 || !proxies.trusts(hop)) return hop;
    end = start - 1;
  }
}

/** Where the element ending at `end` starts (just after its comma, or 0); -1 inside an unclosed quote. */
function elementStart(value: string, end: number): number {
  let quoted = false;
  for (let i = end - 1; i >= 0; i--) {
    const code = value.charCodeAt(i);
    if (code === 44 && !quoted) return i + 1;
    if (code === 34) {
      // Scanning leftwards, a quote inside a quoted string closes it unless it is escaped.
      if (!quoted) quoted = true;
      else if (!escaped(value, i)) quoted = false;
    }
  }
  return quoted ? -1 : 0;
}

/** Whether the character at `i` follows an odd run of backslashes. */
function escaped(value: string, i: number): boolean {
  let run = 0;
  while (i - run - 1 >= 0 && value.charCodeAt(i - run - 1) === 92) run++;
  return run % 2 === 1;
}

const tokenName = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** The `for` value of the element `value[start, end)`; null when it is malformed, has none, or has two. */
function forParameter(value: string, start: number, end: number): string | null {
  let found: string | null = null;
  let i = skipSpace(value, start, end);
  for (;;) {
    const equals = value.indexOf("=", i);
    if (equals < 0 || equals >= end) return null;
    const name = value.slice(i, equals);
    if (!tokenName.test(name)) return null;
    i = equals + 1;
    let parameter: string;
    if (value.charCodeAt(i) === 34) {
      const close = closingQuote(value, i + 1, end);
      if (close < 0) return null;
      parameter = quotedContent(value, i + 1, close);
      i = close + 1;
    } else {
      const valueStart = i;
      while (i < end && !isDelimiter(value.charCodeAt(i))) i++;
      if (i === valueStart) return null;
      parameter = value.slice(valueStart, i);
    }
    if (name.length === 3 && name.toLowerCase() === "for") {
      if (found !== null) return null;
      found = parameter;
    }
    i = skipSpace(value, i, end);
    if (i >= end) return found;
    if (value.charCodeAt(i) !== 59) return null;
    i = skipSpace(value, i + 1, end);
  }
}

/** Where the quoted string whose content starts at `i` ends (its closing quote), or -1. */
function closingQuote(value: string, i: number, end: number): number {
  for (; i < end; i++) {
    const code = value.charCodeAt(i);
    if (code === 34) return i;
    if (code === 92) i++;
  }
  return -1;
}

/** The content of a quoted string, `value[start, end)`, without its escapes. */
function quotedContent(value: string, start: number, end: number): string {
  const content = value.slice(start, end);
  return content.indexOf("\\") < 0 ? content : content.replace(/\\(.)/gs, "$1");
}

/** `;`, `,`, `"`, space, tab. */
function isDelimiter(code: number): boolean {
  return code === 59 || code === 44 || code === 34 || code === 32 || code === 9;
}

function skipSpace(value: string, i: number, end: number): number {
  while (i < end && (value.charCodeAt(i) === 32 || value.charCodeAt(i) === 9)) i++;
  return i;
}

/** `1.2.3.4`, `1.2.3.4:port`, `2001:db8::1`, `[2001:db8::1]`, `[2001:db8::1]:port`. */
function parseHop(entry: string): IpAddress | null {
  let host = entry;
  let port = "";
  if (entry.charCodeAt(0) === 91) {
    const close = entry.indexOf("]");
    if (close < 0) return null;
    host = entry.slice(1, close);
    const rest = entry.slice(close + 1);
    if (rest !== "") {
      if (rest.charCodeAt(0) !== 58) return null;
      port = rest.slice(1);
      if (!validPort(port)) return null;
    }
    // Brackets hold IPv6 only.
    if (host.indexOf(":") < 0) return null;
  } else {
    const colon = entry.indexOf(":");
    if (colon >= 0 && colon === entry.lastIndexOf(":")) {
      host = entry.slice(0, colon);
      port = entry.slice(colon + 1);
      if (!validPort(port)) return null;
    }
  }
  return parseIpAddress(host);
}

function validPort(port: string): boolean {
  if (port.length === 0 || port.length > 5) return false;
  for (let i = 0; i < port.length; i++) {
    const code = port.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return Number(port) <= 65535;
}
