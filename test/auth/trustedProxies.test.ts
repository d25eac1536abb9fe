import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { isIP } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { authOptionsFromCli } from "../../src/auth/authCliOptions.js";
import { canonicalAddress, clientAddressKey, peerAddress } from "../../src/auth/clientAddress.js";
import { forwardedClient } from "../../src/auth/forwardedClient.js";
import { formatIpAddress, formatIpv6, parseIpAddress } from "../../src/auth/parseIpAddress.js";
import { proxyEntries, TrustedProxies, type TrustProxyHeader } from "../../src/auth/trustedProxies.js";
import { startTestServer } from "../support/testServer.js";

/** Parses a list that must name something. */
function proxies(list: string | readonly string[], header?: TrustProxyHeader): TrustedProxies {
  const parsed = TrustedProxies.parse(list, "test", header);
  if (parsed === null) throw new Error(`'${String(list)}' names no proxy`);
  return parsed;
}

/** Whether the list trusts the literal `address` (which must parse). */
function trusts(list: string, address: string): boolean {
  const parsed = parseIpAddress(address);
  if (parsed === null) throw new Error(`'${address}' is not an address`);
  return proxies(list).trusts(parsed);
}

describe("IP address literals", () => {
  it("reads IPv4, IPv6 and IPv4-mapped IPv6 (in either notation) as numbers", () => {
    expect(parseIpAddress("0.0.0.0")).toEqual({ family: 4, value: 0 });
    expect(parseIpAddress("255.255.255.255")).toEqual({ family: 4, value: 0xffffffff });
    expect(parseIpAddress("203.0.113.7")).toEqual({ family: 4, value: 0xcb007107 });
    expect(parseIpAddress("::ffff:203.0.113.7")).toEqual({ family: 4, value: 0xcb007107 });
    expect(parseIpAddress("::FFFF:cb00:7107")).toEqual({ family: 4, value: 0xcb007107 });
    expect(parseIpAddress("::")).toEqual({ family: 6, words: [0, 0, 0, 0] });
    expect(parseIpAddress("::1")).toEqual({ family: 6, words: [0, 0, 0, 1] });
    expect(parseIpAddress("2001:db8::1")).toEqual({ family: 6, words: [0x20010db8, 0, 0, 1] });
    expect(parseIpAddress("1:2:3:4:5:6:7:8")).toEqual({ family: 6, words: [0x10002, 0x30004, 0x50006, 0x70008] });
    expect(parseIpAddress("1:2:3:4:5:6:7::")).toEqual({ family: 6, words: [0x10002, 0x30004, 0x50006, 0x70000] });
    expect(parseIpAddress("64:ff9b::192.0.2.33")).toEqual({ family: 6, words: [0x64ff9b, 0, 0, 0xc0000221] });
    expect(parseIpAddress("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")).toEqual({
      family: 6,
      words: [0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff],
    });
  });

  it("refuses what is not a plain literal", () => {
    for (const text of [
      "",
      " 1.2.3.4",
      "1.2.3",
      "1.2.3.4.5",
      "1.2.3.256",
      "01.2.3.4",
      "1.2.3.4 ",
      "1..3.4",
      "0x1.2.3.4",
      "unknown",
      "_hidden",
      ":",
      ":::",
      "1::2::3",
      "1:2:3:4:5:6:7:8:9",
      "1:2:3:4:5:6:7",
      "1:2:3:4:5:6:7:8::",
      "12345::",
      "g::1",
      "::1:",
      ":1::2",
      "1.2.3.4::",
      "::1.2.3",
      "fe80::1%eth0",
      "[::1]",
    ]) {
      expect({ text, parsed: parseIpAddress(text) }).toEqual({ text, parsed: null });
    }
  });

  it("accepts only what node:net accepts, and every IPv4 and IPv6 address fast-check generates", () => {
    fc.assert(
      fc.property(fc.oneof(fc.ipV4(), fc.ipV6(), fc.ipV4Extended(), fc.string({ maxLength: 45 })), (text) => {
        if (parseIpAddress(text) !== null) expect(isIP(text)).not.toBe(0);
      }),
      { numRuns: 5000 },
    );
    fc.assert(
      fc.property(fc.oneof(fc.ipV4(), fc.ipV6()), (text) => {
        expect(parseIpAddress(text)).not.toBeNull();
      }),
      { numRuns: 5000 },
    );
  });
});

describe("canonical address text", () => {
  /** The RFC 5952 text of an IPv6 literal (which must parse as IPv6). */
  const v6 = (text: string) => {
    const parsed = parseIpAddress(text);
    if (parsed?.family !== 6) throw new Error(`'${text}' is not IPv6`);
    return formatIpv6(parsed.words);
  };

  it("writes IPv6 per RFC 5952: lower case, no leading zeros, the first longest zero run of two or more as ::", () => {
    expect(v6("2001:DB8::1")).toBe("2001:db8::1");
    expect(v6("2001:db8:0:0::1")).toBe("2001:db8::1");
    expect(v6("2001:0db8:0000:0000:0000:0000:0000:0001")).toBe("2001:db8::1");
    // One zero group is not compressed.
    expect(v6("2001:db8:0:1:1:1:1:1")).toBe("2001:db8:0:1:1:1:1:1");
    // The longest run wins; of equally long ones, the first.
    expect(v6("2001:0:0:1:0:0:0:1")).toBe("2001:0:0:1::1");
    expect(v6("2001:db8:0:0:1:0:0:1")).toBe("2001:db8::1:0:0:1");
    expect(v6("::")).toBe("::");
    expect(v6("::1")).toBe("::1");
    expect(v6("1::")).toBe("1::");
    expect(v6("0:0:1::")).toBe("0:0:1::");
    expect(v6("1:0:0:0:0:0:0:0")).toBe("1::");
    expect(v6("FFFF:ffff:ffff:ffff:ffff:ffff:ffff:FFFF")).toBe("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
    expect(v6("64:ff9b::192.0.2.33")).toBe("64:ff9b::c000:221");
  });

  it("writes IPv4, also when it was written IPv4-mapped, dotted", () => {
    expect(formatIpAddress(parseIpAddress("203.0.113.7")!)).toBe("203.0.113.7");
    expect(formatIpAddress(parseIpAddress("::FFFF:203.0.113.7")!)).toBe("203.0.113.7");
    expect(formatIpAddress(parseIpAddress("::ffff:cb00:7107")!)).toBe("203.0.113.7");
  });

  it("round-trips whatever fast-check generates, and agrees with node:net on the address", () => {
    fc.assert(
      fc.property(fc.oneof(fc.ipV4(), fc.ipV6()), (text) => {
        const formatted = formatIpAddress(parseIpAddress(text)!);
        expect(parseIpAddress(formatted)).toEqual(parseIpAddress(text));
        expect(isIP(formatted)).not.toBe(0);
        expect(formatted).toBe(formatted.toLowerCase());
        expect(canonicalAddress(formatted)).toBe(formatted);
      }),
      { numRuns: 5000 },
    );
  });

  it("is what peers are recorded as, a zone kept, and what is not an address stays as given", () => {
    expect(peerAddress("::ffff:192.0.2.1")).toEqual({ text: "192.0.2.1", key: "192.0.2.1" });
    expect(peerAddress("2001:DB8:0:0::1")).toEqual({ text: "2001:db8::1", key: "2001:db8:0:0::/64" });
    expect(peerAddress("fe80::0001%eth0")).toEqual({ text: "fe80::1%eth0", key: "fe80:0:0:0::/64" });
    expect(peerAddress("not-an-address")).toEqual({ text: "not-an-address", key: "not-an-address" });
    expect(peerAddress(undefined)).toBeUndefined();
    expect(peerAddress("")).toBeUndefined();
    expect(clientAddressKey("")).toBe("unknown");
    expect(canonicalAddress("2001:0DB8::0:1")).toBe("2001:db8::1");
    expect(canonicalAddress("::ffff:192.0.2.1")).toBe("192.0.2.1");
    expect(canonicalAddress("2001:db8::1%EN0")).toBe("2001:db8::1%EN0");
    expect(canonicalAddress("2001:db8::g")).toBe("2001:db8::g");
  });
});

describe("trusted proxy ranges", () => {
  it("match IPv4 ranges up to their edges", () => {
    expect(trusts("private", "9.255.255.255")).toBe(false);
    expect(trusts("private", "10.0.0.0")).toBe(true);
    expect(trusts("private", "10.255.255.255")).toBe(true);
    expect(trusts("private", "11.0.0.0")).toBe(false);
    expect(trusts("private", "172.15.255.255")).toBe(false);
    expect(trusts("private", "172.16.0.0")).toBe(true);
    expect(trusts("private", "172.31.255.255")).toBe(true);
    expect(trusts("private", "172.32.0.0")).toBe(false);
    expect(trusts("private", "192.167.255.255")).toBe(false);
    expect(trusts("private", "192.168.0.0")).toBe(true);
    expect(trusts("private", "192.168.255.255")).toBe(true);
    expect(trusts("private", "192.169.0.0")).toBe(false);
    expect(trusts("loopback", "126.255.255.255")).toBe(false);
    expect(trusts("loopback", "127.0.0.0")).toBe(true);
    expect(trusts("loopback", "127.255.255.255")).toBe(true);
    expect(trusts("loopback", "128.0.0.0")).toBe(false);
    // The sign bit: 32-bit masks over addresses from 128.0.0.0 up.
    expect(trusts("128.0.0.0/1", "128.0.0.0")).toBe(true);
    expect(trusts("128.0.0.0/1", "255.255.255.255")).toBe(true);
    expect(trusts("128.0.0.0/1", "127.255.255.255")).toBe(false);
    expect(trusts("203.0.113.7", "203.0.113.7")).toBe(true);
    expect(trusts("203.0.113.7/32", "203.0.113.8")).toBe(false);
    expect(trusts("203.0.113.7/31", "203.0.113.6")).toBe(true);
    expect(trusts("203.0.113.7/31", "203.0.113.8")).toBe(false);
    // Host bits past the prefix are ignored: 10.1.2.3/8 is 10.0.0.0/8.
    expect(trusts("10.1.2.3/8", "10.200.0.1")).toBe(true);
    expect(trusts("0.0.0.0/0", "255.255.255.255")).toBe(true);
    expect(trusts("0.0.0.0/0", "2001:db8::1")).toBe(false);
  });

  it("match IPv6 ranges up to their edges", () => {
    expect(trusts("loopback", "::1")).toBe(true);
    expect(trusts("loopback", "::")).toBe(false);
    expect(trusts("loopback", "::2")).toBe(false);
    expect(trusts("private", "fbff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")).toBe(false);
    expect(trusts("private", "fc00::")).toBe(true);
    expect(trusts("private", "fd12:3456::1")).toBe(true);
    expect(trusts("private", "fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")).toBe(true);
    expect(trusts("private", "fe00::")).toBe(false);
    expect(trusts("2001:db8:1:2::/64", "2001:db8:1:2:ffff:ffff:ffff:ffff")).toBe(true);
    expect(trusts("2001:db8:1:2::/64", "2001:db8:1:3::")).toBe(false);
    expect(trusts("2001:db8::/33", "2001:db8:7fff::1")).toBe(true);
    expect(trusts("2001:db8::/33", "2001:db8:8000::1")).toBe(false);
    expect(trusts("8000::/1", "ffff::1")).toBe(true);
    expect(trusts("8000::/1", "7fff::1")).toBe(false);
    expect(trusts("2001:db8::7/128", "2001:db8::7")).toBe(true);
    expect(trusts("2001:db8::7/127", "2001:db8::6")).toBe(true);
    expect(trusts("2001:db8::7/127", "2001:db8::8")).toBe(false);
    expect(trusts("::/0", "2001:db8::1")).toBe(true);
    // Mapped peers count as IPv4, so an IPv6 range does not reach them.
    expect(trusts("::/0", "1.2.3.4")).toBe(false);
  });

  it("match IPv4-mapped addresses by their IPv4 address, and read mapped ranges as IPv4 ranges", () => {
    expect(trusts("private", "::ffff:10.1.2.3")).toBe(true);
    expect(trusts("private", "::ffff:a01:203")).toBe(true);
    expect(trusts("private", "::ffff:11.0.0.0")).toBe(false);
    expect(trusts("loopback", "::ffff:127.0.0.1")).toBe(true);
    expect(trusts("::ffff:10.0.0.0/104", "10.255.0.1")).toBe(true);
    expect(trusts("::ffff:10.0.0.0/104", "11.0.0.1")).toBe(false);
    expect(trusts("::ffff:10.0.0.1", "10.0.0.1")).toBe(true);
    expect(trusts("10.0.0.1", "::ffff:10.0.0.1")).toBe(true);
  });

  it("read lists, arrays of lists and shortcuts in any case; nothing named is null", () => {
    expect(trusts(" 203.0.113.7 ,LOOPBACK,", "127.0.0.9")).toBe(true);
    expect(trusts(" 203.0.113.7 ,LOOPBACK,", "203.0.113.7")).toBe(true);
    expect(trusts(" 203.0.113.7 ,LOOPBACK,", "10.0.0.1")).toBe(false);
    expect(proxies(["10.0.0.1", "private, ::1"]).trusts(parseIpAddress("::1")!)).toBe(true);
    expect(proxyEntries(["10.0.0.1", " private, ::1 ,"])).toEqual(["10.0.0.1", "private", "::1"]);
    expect(proxyEntries("loopback")).toEqual(["loopback"]);
    expect(TrustedProxies.parse("", "test")).toBeNull();
    expect(TrustedProxies.parse(" , ", "test")).toBeNull();
    expect(TrustedProxies.parse([], "test")).toBeNull();
  });

  it("refuse entries they cannot read, naming the setting", () => {
    for (const entry of [
      "proxy.example",
      "10.0.0.0/33",
      "10.0.0.0/",
      "10.0.0.0/-1",
      "10.0.0.0/8/8",
      "10.0.0.0/1e1",
      "::/129",
      "::ffff:10.0.0.0/95",
      "fe80::1%eth0",
      "[::1]",
      "10.0.0.1:80",
    ]) {
      expect(() => TrustedProxies.parse(`loopback, ${entry}`, "--trust-proxy")).toThrow(
        new Error(
          `--trust-proxy: '${entry}' is not an IP address, a CIDR range (address/bits), 'loopback' or 'private'`,
        ),
      );
    }
  });

  it("answer for TCP peers as sockets report them, unknown peers untrusted", () => {
    const loopback = proxies("loopback");
    expect(loopback.trustsPeer("127.0.0.1")).toBe(true);
    expect(loopback.trustsPeer("::ffff:127.0.0.1")).toBe(true);
    expect(loopback.trustsPeer("::1")).toBe(true);
    expect(loopback.trustsPeer("192.0.2.1")).toBe(false);
    // Again, from the cache.
    expect(loopback.trustsPeer("192.0.2.1")).toBe(false);
    expect(loopback.trustsPeer("127.0.0.1")).toBe(true);
    expect(loopback.trustsPeer(undefined)).toBe(false);
    expect(loopback.trustsPeer("")).toBe(false);
  });
});

describe("the client behind trusted proxies", () => {
  const list = "loopback, 198.51.100.0/24, 2001:db8:ffff::/48";
  const trusted = proxies(list);
  /** Proxies that write `Forwarded` (`--trust-proxy-header forwarded`). */
  const trustedForwarded = proxies(list, "forwarded");
  type Headers = Record<string, string | string[]>;
  /** The client's recorded text with the default header, X-Forwarded-For. */
  const client = (peer: string | undefined, headers: Headers) => forwardedClient(trusted, peer, headers)?.text;
  /** The same behind proxies that write Forwarded. */
  const fwdClient = (peer: string | undefined, headers: Headers) =>
    forwardedClient(trustedForwarded, peer, headers)?.text;

  it("is the peer when the peer is not trusted, whatever the headers say", () => {
    expect(trusted.header).toBe("x-forwarded-for");
    expect(trustedForwarded.header).toBe("forwarded");
    for (const answer of [client, fwdClient]) {
      expect(answer("192.0.2.1", { "x-forwarded-for": "203.0.113.1" })).toBe("192.0.2.1");
      expect(answer("192.0.2.1", { forwarded: "for=203.0.113.1" })).toBe("192.0.2.1");
      // Written canonically: a mapped peer as its IPv4 address.
      expect(answer("::ffff:192.0.2.1", { "x-forwarded-for": "203.0.113.1" })).toBe("192.0.2.1");
      expect(answer("2001:DB8:0::5", { forwarded: "for=203.0.113.1" })).toBe("2001:db8::5");
      expect(answer(undefined, { "x-forwarded-for": "203.0.113.1" })).toBeUndefined();
    }
  });

  it("is the peer when a trusted peer forwards nothing", () => {
    expect(client("127.0.0.1", {})).toBe("127.0.0.1");
    expect(client("::1", { "x-real-ip": "203.0.113.1" })).toBe("::1");
    expect(fwdClient("::ffff:127.0.0.1", {})).toBe("127.0.0.1");
  });

  it("is read from the configured header only, never the other one", () => {
    // Default, X-Forwarded-For: a Forwarded header alone is the client's own, passed on untouched.
    expect(client("127.0.0.1", { forwarded: "for=203.0.113.1" })).toBe("127.0.0.1");
    expect(client("127.0.0.1", { "x-forwarded-for": "203.0.113.2", forwarded: "for=203.0.113.1" })).toBe("203.0.113.2");
    // Forwarded: an X-Forwarded-For header is ignored, alone or beside Forwarded.
    expect(fwdClient("127.0.0.1", { "x-forwarded-for": "203.0.113.2" })).toBe("127.0.0.1");
    expect(fwdClient("127.0.0.1", { "x-forwarded-for": "203.0.113.2", forwarded: "for=203.0.113.1" })).toBe(
      "203.0.113.1",
    );
    expect(fwdClient("127.0.0.1", { "x-forwarded-for": "203.0.113.2", forwarded: "for=unknown" })).toBe("127.0.0.1");
  });

  it("is written canonically, and keyed by its /64 when IPv6, from the one parse of its hop", () => {
    const full = (headers: Headers, proxies = trusted) => forwardedClient(proxies, "127.0.0.1", headers);
    expect(full({ "x-forwarded-for": "2001:DB8::1" })).toEqual({ text: "2001:db8::1", key: "2001:db8:0:0::/64" });
    expect(full({ "x-forwarded-for": "2001:db8:0:0::1" })).toEqual({ text: "2001:db8::1", key: "2001:db8:0:0::/64" });
    expect(full({ "x-forwarded-for": "[2001:0DB8:0000:0000:0001:0000:0000:0001]:443" })).toEqual({
      text: "2001:db8::1:0:0:1",
      key: "2001:db8:0:0::/64",
    });
    expect(full({ "x-forwarded-for": "::FFFF:192.0.2.1" })).toEqual({ text: "192.0.2.1", key: "192.0.2.1" });
    expect(full({ forwarded: 'for="[2001:db8:a:b:0:0:0:9]"' }, trustedForwarded)).toEqual({
      text: "2001:db8:a:b::9",
      key: "2001:db8:a:b::/64",
    });
    expect(full({ forwarded: "for=192.0.2.9" }, trustedForwarded)).toEqual({ text: "192.0.2.9", key: "192.0.2.9" });
    // The peer, when it is the answer, the same way.
    expect(forwardedClient(trusted, "::ffff:127.0.0.1", {})).toEqual({ text: "127.0.0.1", key: "127.0.0.1" });
  });

  it("is the rightmost untrusted X-Forwarded-For hop, or the leftmost when all are trusted", () => {
    expect(client("127.0.0.1", { "x-forwarded-for": "203.0.113.1" })).toBe("203.0.113.1");
    expect(client("127.0.0.1", { "x-forwarded-for": "203.0.113.9, 203.0.113.1, 198.51.100.7" })).toBe("203.0.113.1");
    expect(client("127.0.0.1", { "x-forwarded-for": "203.0.113.9,203.0.113.1,198.51.100.7,127.0.0.5" })).toBe(
      "203.0.113.1",
    );
    expect(client("127.0.0.1", { "x-forwarded-for": "198.51.100.1, 198.51.100.2, ::1" })).toBe("198.51.100.1");
    expect(client("127.0.0.1", { "x-forwarded-for": " 2001:db8::1 , 2001:db8:ffff::9" })).toBe("2001:db8::1");
    // Ports and brackets are stripped; a mapped address is its IPv4 address.
    expect(client("127.0.0.1", { "x-forwarded-for": "203.0.113.1:54321" })).toBe("203.0.113.1");
    expect(client("127.0.0.1", { "x-forwarded-for": "[2001:db8::1]:443" })).toBe("2001:db8::1");
    expect(client("127.0.0.1", { "x-forwarded-for": "[2001:db8::1]" })).toBe("2001:db8::1");
    expect(client("127.0.0.1", { "x-forwarded-for": "::ffff:203.0.113.1" })).toBe("203.0.113.1");
    // Repeated headers, as a caller's own header object may carry them.
    expect(client("127.0.0.1", { "x-forwarded-for": ["203.0.113.9", "203.0.113.1, 198.51.100.7"] })).toBe(
      "203.0.113.1",
    );
  });

  it("is read from Forwarded's for= when the proxies write Forwarded", () => {
    const client = fwdClient;
    expect(client("127.0.0.1", { forwarded: "for=203.0.113.1" })).toBe("203.0.113.1");
    expect(client("127.0.0.1", { forwarded: 'for="[2001:db8::1]:443"' })).toBe("2001:db8::1");
    expect(client("127.0.0.1", { forwarded: 'For="203.0.113.1:8080"' })).toBe("203.0.113.1");
    expect(
      client("127.0.0.1", {
        forwarded: 'for=203.0.113.9;proto=https, for="[2001:db8::1]";by=198.51.100.1, for=198.51.100.7;host="a,b"',
      }),
    ).toBe("2001:db8::1");
    expect(client("127.0.0.1", { forwarded: 'proto=https;for="198.51.100.1" ,\tfor=198.51.100.2' })).toBe(
      "198.51.100.1",
    );
    expect(client("127.0.0.1", { forwarded: 'for="\\[2001:db8::1\\]"' })).toBe("2001:db8::1");
    // A quoted comma does not separate elements, an escaped quote does not end the string.
    expect(client("127.0.0.1", { forwarded: 'for=203.0.113.1, for=198.51.100.7;ext="a\\",b\\\\"' })).toBe(
      "203.0.113.1",
    );
  });

  it("is the peer when a hop it has to read is malformed, but not for garbage left of the client", () => {
    for (const header of [
      "",
      " ",
      "unknown",
      "203.0.113.1, garbage",
      "203.0.113.1,",
      ",198.51.100.7",
      "203.0.113.1 198.51.100.7",
      "203.0.113.1:0x50",
      "203.0.113.1:65536",
      "[203.0.113.1]",
      "[2001:db8::1",
      "[2001:db8::1]443",
      "2001:db8::1:443:x",
      "fe80::1%eth0",
    ]) {
      expect({ header, client: client("127.0.0.1", { "x-forwarded-for": header }) }).toEqual({
        header,
        client: "127.0.0.1",
      });
    }
    for (const header of [
      "",
      "for=unknown",
      "for=_hidden",
      "for=",
      'for=""',
      "by=198.51.100.1",
      "for=203.0.113.1;for=203.0.113.2",
      'for="[2001:db8::1]:443',
      'for="[2001:db8::1]:443"x',
      "for=203.0.113.1 ;; proto=http",
      "for 203.0.113.1",
      "=203.0.113.1",
      "for=203.0.113.1,",
      "for=[2001:db8::1",
    ]) {
      expect({ header, client: fwdClient("::1", { forwarded: header }) }).toEqual({ header, client: "::1" });
    }
    // What a client wrote left of its own address is never read.
    expect(client("127.0.0.1", { "x-forwarded-for": "garbage, 203.0.113.1" })).toBe("203.0.113.1");
    expect(fwdClient("127.0.0.1", { forwarded: 'for="garbage, for=203.0.113.1' })).toBe("203.0.113.1");
    expect(fwdClient("127.0.0.1", { forwarded: "for=garbage;;, for=203.0.113.1" })).toBe("203.0.113.1");
  });

  it("never throws, and answers the peer or a valid address in canonical text (fuzzed)", () => {
    const piece = fc.oneof(
      fc.constantFrom(",", ";", " ", "\t", '"', "\\", "[", "]", ":", "=", "for", "For", "by=", "proto=https", "%", "/"),
      fc.ipV4(),
      fc.ipV6(),
      fc.ipV4Extended(),
      fc.integer({ min: 0, max: 70_000 }).map(String),
      fc.string({ maxLength: 6 }),
    );
    const header = fc.oneof(
      fc.string({ maxLength: 60 }),
      fc.array(piece, { maxLength: 16 }).map((p) => p.join("")),
    );
    const peer = fc.constantFrom("127.0.0.1", "::1", "::ffff:127.0.0.1", "198.51.100.3", "192.0.2.1", "2001:db8::5");
    const headers = fc.record(
      {
        "x-forwarded-for": fc.oneof(header, fc.array(header, { maxLength: 3 })),
        forwarded: fc.oneof(header, fc.array(header, { maxLength: 3 })),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(peer, headers, fc.boolean(), (from, sent, writesForwarded) => {
        const answer = (writesForwarded ? fwdClient : client)(from, sent);
        const peerText = peerAddress(from)?.text;
        if (answer !== peerText) {
          expect(isIP(answer ?? "")).not.toBe(0);
          expect(canonicalAddress(answer ?? "")).toBe(answer);
        }
        if (!trusted.trustsPeer(from)) expect(answer).toBe(peerText);
        // The header the proxies do not write is never read.
        const [written, other] = writesForwarded ? ["forwarded", "x-forwarded-for"] : ["x-forwarded-for", "forwarded"];
        const all: Headers = sent;
        if (all[written] === undefined) expect(answer).toBe(peerText);
        const { [other]: _ignored, ...withoutOther } = all;
        expect((writesForwarded ? fwdClient : client)(from, withoutOther)).toBe(answer);
      }),
      { numRuns: 20_000 },
    );
  });
});

describe("--trust-proxy and --trust-proxy-header", () => {
  /** An `--auth-config` file with `rateLimits`; removed after `body`. */
  function withConfig(rateLimits: Record<string, unknown>, body: (file: string) => Promise<void> | void) {
    const dir = mkdtempSync(join(tmpdir(), "doppel-trust-proxy-"));
    const file = join(dir, "auth.json");
    writeFileSync(file, JSON.stringify({ mode: ["apikey"], rateLimits }));
    return Promise.resolve(body(file)).finally(() => rmSync(dir, { recursive: true, force: true }));
  }

  it("are read with the auth config, overriding its rateLimits settings and keeping its other rate limits", async () => {
    await withConfig({ perIp: 7, trustProxy: "private", trustProxyHeader: "forwarded" }, (file) => {
      expect(authOptionsFromCli({ "auth-config": file })).toEqual({
        mode: ["apikey"],
        rateLimits: { perIp: 7, trustProxy: "private", trustProxyHeader: "forwarded" },
      });
      expect(authOptionsFromCli({ "auth-config": file, "trust-proxy": "loopback,2001:db8::/32" })).toEqual({
        mode: ["apikey"],
        rateLimits: { perIp: 7, trustProxy: "loopback,2001:db8::/32", trustProxyHeader: "forwarded" },
        settingOrigins: { trustProxy: "--trust-proxy" },
      });
      expect(authOptionsFromCli({ "auth-config": file, "trust-proxy-header": "X-Forwarded-For" })).toEqual({
        mode: ["apikey"],
        rateLimits: { perIp: 7, trustProxy: "private", trustProxyHeader: "X-Forwarded-For" },
        settingOrigins: { trustProxyHeader: "--trust-proxy-header" },
      });
    });
    expect(authOptionsFromCli({ auth: "apikey", "trust-proxy": "10.0.0.1" })).toEqual({
      mode: ["apikey"],
      rateLimits: { trustProxy: "10.0.0.1" },
      settingOrigins: { trustProxy: "--trust-proxy" },
    });
    expect(authOptionsFromCli({ auth: "apikey" })).toEqual({ mode: ["apikey"] });
  });

  it("are parsed once, when the server starts: the header (any case) is on the trusted proxies", async () => {
    for (const [header, expected] of [
      [undefined, "x-forwarded-for"],
      ["Forwarded", "forwarded"],
      [" x-forwarded-for", "x-forwarded-for"],
    ] as const) {
      const t = await startTestServer({
        auth: authOptionsFromCli({
          auth: "apikey",
          "trust-proxy": "loopback",
          ...(header === undefined ? {} : { "trust-proxy-header": header }),
        }),
      });
      try {
        expect(t.server.services.auth.proxies?.header).toBe(expected);
        expect(t.server.services.auth.rateLimits).toEqual({
          enabled: true,
          perPrincipal: t.server.services.auth.rateLimits.perPrincipal,
          perTwin: 100,
          burstSeconds: 2,
          perIp: 20_000,
          perIpAuthFailures: 20,
          connectionsPerIp: 512,
          nodeHeartbeatMs: 2000,
        });
      } finally {
        await t.close();
      }
    }
  });

  it("refuse a value they cannot read when the server starts, naming the flag or the setting", async () => {
    const start = (auth: Parameters<typeof authOptionsFromCli>[0]) =>
      startTestServer({ auth: authOptionsFromCli({ auth: "apikey", ...auth }) });
    await expect(start({ "trust-proxy": "loopback,lb.internal" })).rejects.toThrow(
      new Error(
        "--trust-proxy: 'lb.internal' is not an IP address, a CIDR range (address/bits), 'loopback' or 'private'",
      ),
    );
    await expect(start({ "trust-proxy": "loopback", "trust-proxy-header": "x-real-ip" })).rejects.toThrow(
      new Error(`--trust-proxy-header: must be 'x-forwarded-for' or 'forwarded', got "x-real-ip"`),
    );
    // Also without a trusted proxy: the setting is wrong either way.
    await expect(start({ "trust-proxy-header": "both" })).rejects.toThrow(
      new Error(`--trust-proxy-header: must be 'x-forwarded-for' or 'forwarded', got "both"`),
    );
    await withConfig({ trustProxy: "loopback", trustProxyHeader: "x-forwarded-for,forwarded" }, async (file) => {
      await expect(start({ "auth-config": file })).rejects.toThrow(
        new Error(
          `rateLimits.trustProxyHeader: must be 'x-forwarded-for' or 'forwarded', got "x-forwarded-for,forwarded"`,
        ),
      );
    });
    await withConfig({ trustProxy: ["loopback", "10.0.0.0/40"] }, async (file) => {
      await expect(start({ "auth-config": file })).rejects.toThrow(
        new Error(
          "rateLimits.trustProxy: '10.0.0.0/40' is not an IP address, a CIDR range (address/bits), 'loopback' or 'private'",
        ),
      );
      // The flag overrides the file's list, and its entries are then named by the flag.
      await expect(start({ "auth-config": file, "trust-proxy": "nope" })).rejects.toThrow(
        new Error("--trust-proxy: 'nope' is not an IP address, a CIDR range (address/bits), 'loopback' or 'private'"),
      );
    });
  });
});
