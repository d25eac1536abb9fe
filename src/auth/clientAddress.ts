import { formatIpAddress, type IpAddress, parseIpAddress } from "./parseIpAddress.js";

/** A client's address as the audit and request logs record it, and as the per-address limits count it. */
export interface ClientAddress {
  /**
   * Canonical (`formatIpAddress`), so that one address is always recorded as the same text and an
   * exact-match filter finds all of it; a peer that is not an IP literal as the socket gave it.
   */
  readonly text: string;
  /** What the per-address limits count under (`addressKey`). */
  readonly key: string;
}

/** A parsed address, forwarded or a peer's. */
export function clientAddressOf(address: IpAddress): ClientAddress {
  const text = formatIpAddress(address);
  return { text, key: address.family === 4 ? text : addressKey(address) };
}

/**
 * A TCP peer as `socket.remoteAddress` gives it, parsed once per distinct peer: its requests
 * repeat it. Undefined when the socket has no address.
 */
export function peerAddress(peer: string | undefined): ClientAddress | undefined {
  if (peer === undefined || peer === "") return undefined;
  let client = known.get(peer);
  if (client === undefined) {
    // Bounded: a flood from many addresses clears it rather than growing it.
    if (known.size >= 10_000) known.clear();
    client = parsePeer(peer);
    known.set(peer, client);
  }
  return client;
}

/** The key of a peer's address (`peerAddress`); `unknown` when the socket has none. */
export function clientAddressKey(address: string | undefined): string {
  return peerAddress(address)?.key ?? "unknown";
}

/**
 * `text` as the logs record addresses (`ClientAddress.text`), for matching against them; as given
 * when it is not an IP literal.
 */
export function canonicalAddress(text: string): string {
  return parsePeer(text).text;
}

/** Recently seen peers. */
const known = new Map<string, ClientAddress>();

/** A link-local peer may carry its zone (`fe80::1%eth0`): kept in the text, left out of the key. */
function parsePeer(peer: string): ClientAddress {
  const percent = peer.indexOf("%");
  const address = parseIpAddress(percent < 0 ? peer : peer.slice(0, percent));
  if (address === null) return { text: peer, key: peer };
  const client = clientAddressOf(address);
  return percent < 0 ? client : { text: client.text + peer.slice(percent), key: client.key };
}

/**
 * An IPv4 address as is, an IPv6 address by its /64 prefix (one subscriber usually holds a whole
 * /64, so counting single addresses would let one client spread a flood over 2^64 of them).
 * IPv4-mapped IPv6 addresses parse as their IPv4.
 */
function addressKey(address: IpAddress): string {
  if (address.family === 4) return formatIpAddress(address);
  const [w0, w1] = address.words;
  return `${(w0 >>> 16).toString(16)}:${(w0 & 0xffff).toString(16)}:${(w1 >>> 16).toString(16)}:${(w1 & 0xffff).toString(16)}::/64`;
}
