import { isIPv4, isIPv6 } from "node:net";

// What a rate limit counts per "IP". An IPv6 client usually holds a whole /64 (one customer,
// one LAN; privacy extensions rotate the low 64 bits at will), so counting each address would
// give one person 2^64 fresh counters: IPv6 clients are keyed by their /64 (ASVS 6.3.1's limits
// must hold per client, not per address). One written form per network: `::` expanded, zone id
// dropped, lower case; an IPv4-mapped address (::ffff:192.0.2.1) counts as the IPv4 address.

/** The 16-bit groups of an IPv6 address (already checked with isIPv6, no zone id). */
function ipv6Groups(address: string): number[] {
  let text = address;
  // A trailing dotted IPv4 part (::ffff:192.0.2.1, 64:ff9b::192.0.2.1) is the last two groups.
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1].split(".").map(Number);
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes("::") ? text.split("::") : [text, undefined];
  const parse = (part: string | undefined) => (part ? part.split(":").map((group) => parseInt(group, 16)) : []);
  const left = parse(head);
  const right = parse(tail);
  const zeros = tail === undefined ? [] : Array<number>(8 - left.length - right.length).fill(0);
  return [...left, ...zeros, ...right];
}

/**
 * The rate-limit key for a client IP: an IPv4 address as it is, an IPv6 address as its /64
 * (`2001:db8:0:1::/64`), anything else unchanged (the caller hashes what is not a plain address).
 */
export function rateLimitIp(ip: string): string {
  // Brackets ([2001:db8::1]) and a zone id (fe80::1%eth0) are not part of the network.
  const address = ip.trim().replace(/^\[(.*)\]$/, "$1").replace(/%.*$/, "").toLowerCase();
  if (isIPv4(address)) return address;
  if (!isIPv6(address)) return ip;
  const groups = ipv6Groups(address);
  const mapped = groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff;
  if (mapped) return [groups[6] >> 8, groups[6] & 255, groups[7] >> 8, groups[7] & 255].join(".");
  return `${groups
    .slice(0, 4)
    .map((group) => group.toString(16))
    .join(":")}::/64`;
}
