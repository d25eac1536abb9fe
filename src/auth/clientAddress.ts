import { isIPv4, isIPv6 } from "node:net";

/**
 * The key per-address limits count under: an IPv4 address as is, an IPv6 address by its /64
 * prefix (one subscriber usually holds a whole /64, so counting single addresses would let one
 * client spread a flood over 2^64 of them). IPv4-mapped IPv6 addresses count as their IPv4.
 */
export function clientAddressKey(address: string | undefined): string {
  if (address === undefined || address === "") return "unknown";
  let key = known.get(address);
  if (key === undefined) {
    // Bounded: a flood from many addresses clears it rather than growing it.
    if (known.size >= 10_000) known.clear();
    key = keyOf(address);
    known.set(address, key);
  }
  return key;
}

/** Keys of recently seen addresses: the parsing below costs microseconds on IPv6. */
const known = new Map<string, string>();

function keyOf(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (isIPv4(address) || !isIPv6(address)) return address;
  const zoneless = address.split("%")[0]!;
  const [head = "", tail] = zoneless.split("::");
  const left = head === "" ? [] : head.split(":");
  const right = tail === undefined || tail === "" ? [] : tail.split(":");
  const groups = [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right];
  return `${groups
    .slice(0, 4)
    .map((group) => Number.parseInt(group, 16).toString(16))
    .join(":")}::/64`;
}
