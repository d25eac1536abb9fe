import { type IpAddress, parseIpAddress } from "./parseIpAddress.js";

/** The shortcuts `--trust-proxy` accepts besides addresses and ranges. */
const shortcuts: Readonly<Record<string, readonly string[]>> = {
  loopback: ["127.0.0.0/8", "::1/128"],
  private: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"],
};

/**
 * The header trusted proxies name the client in (`rateLimits.trustProxyHeader`,
 * `--trust-proxy-header`). Exactly one is read: a proxy overwrites or appends to the header it
 * writes, but passes the other one on from the client untouched.
 */
export type TrustProxyHeader = "x-forwarded-for" | "forwarded";

/** Reads a `--trust-proxy-header` value (any case); throws naming `origin` when it is neither header. */
export function parseTrustProxyHeader(value: unknown, origin: string): TrustProxyHeader {
  const header = typeof value === "string" ? value.trim().toLowerCase() : value;
  if (header === "x-forwarded-for" || header === "forwarded") return header;
  throw new Error(`${origin}: must be 'x-forwarded-for' or 'forwarded', got ${JSON.stringify(value)}`);
}

/**
 * The reverse proxies and load balancers whose forwarded header names the client
 * (`rateLimits.trustProxy`, `--trust-proxy`): addresses and CIDR ranges, parsed once at start-up
 * into masks, so a check is a few integer comparisons per range.
 */
export class TrustedProxies {
  /** Trust decisions on peer addresses, which repeat for every request of a connection. */
  private readonly peers = new Map<string, boolean>();

  private constructor(
    /** The one header the client is read from. */
    readonly header: TrustProxyHeader,
    private readonly v4Networks: readonly number[],
    private readonly v4Masks: readonly number[],
    private readonly v6Networks: readonly (readonly number[])[],
    private readonly v6Masks: readonly (readonly number[])[],
  ) {}

  /**
   * Parses a comma-separated list (or an array of lists); null when it names nothing, which is
   * the default: no proxy is trusted. Throws on an entry it cannot read, naming `origin`.
   */
  static parse(
    list: string | readonly string[],
    origin: string,
    header: TrustProxyHeader = "x-forwarded-for",
  ): TrustedProxies | null {
    const entries = proxyEntries(list);
    const v4Networks: number[] = [];
    const v4Masks: number[] = [];
    const v6Networks: number[][] = [];
    const v6Masks: (readonly number[])[] = [];
    for (const entry of entries) {
      for (const range of shortcuts[entry.toLowerCase()] ?? [entry]) {
        const parsed = parseRange(range);
        if (parsed === null) {
          throw new Error(
            `${origin}: '${entry}' is not an IP address, a CIDR range (address/bits), 'loopback' or 'private'`,
          );
        }
        if (parsed.family === 4) {
          v4Masks.push(parsed.mask);
          v4Networks.push((parsed.value & parsed.mask) >>> 0);
        } else {
          v6Masks.push(parsed.masks);
          v6Networks.push(parsed.words.map((word, i) => (word & parsed.masks[i]!) >>> 0));
        }
      }
    }
    if (v4Networks.length === 0 && v6Networks.length === 0) return null;
    return new TrustedProxies(header, v4Networks, v4Masks, v6Networks, v6Masks);
  }

  /** Whether `address` is in one of the trusted ranges. */
  trusts(address: IpAddress): boolean {
    if (address.family === 4) {
      for (let i = 0; i < this.v4Networks.length; i++) {
        if ((address.value & this.v4Masks[i]!) >>> 0 === this.v4Networks[i]) return true;
      }
      return false;
    }
    const [w0, w1, w2, w3] = address.words;
    for (let i = 0; i < this.v6Networks.length; i++) {
      const network = this.v6Networks[i]!;
      const mask = this.v6Masks[i]!;
      if (
        (w0 & mask[0]!) >>> 0 === network[0] &&
        (w1 & mask[1]!) >>> 0 === network[1] &&
        (w2 & mask[2]!) >>> 0 === network[2] &&
        (w3 & mask[3]!) >>> 0 === network[3]
      ) {
        return true;
      }
    }
    return false;
  }

  /** Whether a TCP peer (as `socket.remoteAddress` gives it) is trusted; false when unknown. */
  trustsPeer(address: string | undefined): boolean {
    if (address === undefined) return false;
    let trusted = this.peers.get(address);
    if (trusted === undefined) {
      const parsed = parseIpAddress(address);
      trusted = parsed !== null && this.trusts(parsed);
      // Bounded: a flood from many addresses clears it rather than growing it.
      if (this.peers.size >= 1024) this.peers.clear();
      this.peers.set(address, trusted);
    }
    return trusted;
  }
}

/** The entries of a comma-separated list, or of an array of such lists (a config file may give either). */
export function proxyEntries(list: string | readonly string[]): string[] {
  return (Array.isArray(list) ? list : [list])
    .flatMap((item) => String(item).split(","))
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
}

type Range =
  | { readonly family: 4; readonly value: number; readonly mask: number }
  | { readonly family: 6; readonly words: readonly number[]; readonly masks: readonly number[] };

/** `address` or `address/bits`; host bits past the prefix are ignored. */
function parseRange(text: string): Range | null {
  const slash = text.indexOf("/");
  const addressText = slash < 0 ? text : text.slice(0, slash);
  const address = parseIpAddress(addressText);
  if (address === null) return null;
  const written6 = addressText.indexOf(":") >= 0;
  let bits = written6 ? 128 : 32;
  if (slash >= 0) {
    const bitsText = text.slice(slash + 1);
    if (!/^\d{1,3}$/.test(bitsText) || Number(bitsText) > bits) return null;
    bits = Number(bitsText);
  }
  if (address.family === 4) {
    // An IPv4-mapped range written in IPv6 notation: its IPv4 part, since mapped peers count as IPv4.
    if (written6) {
      if (bits < 96) return null;
      bits -= 96;
    }
    return { family: 4, value: address.value, mask: maskOf(bits) };
  }
  const masks = [0, 1, 2, 3].map((i) => maskOf(Math.min(32, Math.max(0, bits - 32 * i))));
  return { family: 6, words: address.words, masks };
}

/** The 32-bit mask whose first `bits` bits are set (a shift by 32 is a shift by 0 in JavaScript). */
function maskOf(bits: number): number {
  return bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
}
