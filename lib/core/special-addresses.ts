/**
 * One classifier of IP addresses that a public health checker cannot probe and clients cannot reach: the blocks of
 * the IANA special-purpose address registries that are not globally reachable, plus multicast and the reserved
 * space. Every provider's endpoint validation uses it (Route 53's CreateHealthCheck refuses these ranges, and no other
 * provider's checkers can reach them either).
 *
 * Sources: IANA IPv4 Special-Purpose Address Registry (https://www.iana.org/assignments/iana-ipv4-special-registry/,
 * RFC 6890) and IANA IPv6 Special-Purpose Address Registry
 * (https://www.iana.org/assignments/iana-ipv6-special-registry/); the RFC of each block is named beside it.
 * Blocks the registry marks globally reachable (AS112 192.31.196.0/24 and 192.175.48.0/24, AMT 192.52.193.0/24,
 * NAT64 64:ff9b::/96) are left out: they are not refused.
 */

/** Why an address is refused: the block, what it is, and its RFC. */
export interface SpecialRange {
  readonly block: string;
  readonly name: string;
  readonly rfc: string;
}

interface Block extends SpecialRange {
  readonly bits: readonly number[];
  readonly prefix: number;
}

const V4: readonly SpecialRange[] = [
  { block: "0.0.0.0/8", name: '"this network"', rfc: "RFC 791" },
  { block: "10.0.0.0/8", name: "private-use", rfc: "RFC 1918" },
  { block: "100.64.0.0/10", name: "shared address space (carrier-grade NAT)", rfc: "RFC 6598" },
  { block: "127.0.0.0/8", name: "loopback", rfc: "RFC 1122" },
  { block: "169.254.0.0/16", name: "link-local", rfc: "RFC 3927" },
  { block: "172.16.0.0/12", name: "private-use", rfc: "RFC 1918" },
  { block: "192.0.0.0/24", name: "IETF protocol assignments", rfc: "RFC 6890" },
  { block: "192.0.2.0/24", name: "documentation (TEST-NET-1)", rfc: "RFC 5737" },
  { block: "192.88.99.0/24", name: "deprecated 6to4 relay anycast", rfc: "RFC 7526" },
  { block: "192.168.0.0/16", name: "private-use", rfc: "RFC 1918" },
  { block: "198.18.0.0/15", name: "benchmarking", rfc: "RFC 2544" },
  { block: "198.51.100.0/24", name: "documentation (TEST-NET-2)", rfc: "RFC 5737" },
  { block: "203.0.113.0/24", name: "documentation (TEST-NET-3)", rfc: "RFC 5737" },
  { block: "224.0.0.0/4", name: "multicast", rfc: "RFC 5771" },
  { block: "240.0.0.0/4", name: "reserved (and 255.255.255.255, limited broadcast)", rfc: "RFC 1112, RFC 919" },
];

const V6: readonly SpecialRange[] = [
  { block: "::/128", name: "unspecified", rfc: "RFC 4291" },
  { block: "::1/128", name: "loopback", rfc: "RFC 4291" },
  { block: "::/96", name: "deprecated IPv4-compatible", rfc: "RFC 4291 §2.5.5.1" },
  { block: "::ffff:0:0/96", name: "IPv4-mapped", rfc: "RFC 4291" },
  { block: "64:ff9b:1::/48", name: "local-use IPv4/IPv6 translation", rfc: "RFC 8215" },
  { block: "100::/64", name: "discard-only", rfc: "RFC 6666" },
  { block: "2001::/23", name: "IETF protocol assignments (Teredo, benchmarking, ORCHID)", rfc: "RFC 2928" },
  { block: "2001:db8::/32", name: "documentation", rfc: "RFC 3849" },
  { block: "2002::/16", name: "6to4", rfc: "RFC 3056" },
  { block: "3fff::/20", name: "documentation", rfc: "RFC 9637" },
  { block: "5f00::/16", name: "segment routing (SRv6) SIDs", rfc: "RFC 9602" },
  { block: "fc00::/7", name: "unique local", rfc: "RFC 4193" },
  { block: "fe80::/10", name: "link-local unicast", rfc: "RFC 4291" },
  { block: "ff00::/8", name: "multicast", rfc: "RFC 4291" },
];

/** An IPv4 dotted quad as 32 bits, or undefined when it is not one. */
function ipv4Bits(ip: string): number[] | undefined {
  const parts = ip.split(".");
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.flatMap((p) => byteBits(Number(p), 8));
}

/** An IPv6 address (RFC 4291 §2.2 text forms, `::` and a trailing dotted quad included) as 128 bits. */
function ipv6Bits(ip: string): number[] | undefined {
  let text = ip.toLowerCase();
  let tail: number[] = [];
  const quad = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (quad) {
    const v4 = ipv4Bits(quad[2]);
    if (!v4) return undefined;
    tail = v4;
    text = quad[1].endsWith("::") ? quad[1] : quad[1].slice(0, -1);
  }
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const groups = (h: string) => (h === "" ? [] : h.split(":"));
  const head = groups(halves[0]);
  const rest = halves.length === 2 ? groups(halves[1]) : [];
  const want = 8 - tail.length / 16;
  if (![...head, ...rest].every((g) => /^[0-9a-f]{1,4}$/.test(g))) return undefined;
  const fill = want - head.length - rest.length;
  if (halves.length === 2 ? fill < 1 : fill !== 0) return undefined;
  const all = [...head, ...Array<string>(fill).fill("0"), ...rest];
  return [...all.flatMap((g) => byteBits(parseInt(g, 16), 16)), ...tail];
}

function byteBits(value: number, width: number): number[] {
  return Array.from({ length: width }, (_, i) => (value >> (width - 1 - i)) & 1);
}

function compile(ranges: readonly SpecialRange[], parse: (ip: string) => number[] | undefined): Block[] {
  return ranges.map((r) => {
    const [ip, len] = r.block.split("/");
    return { ...r, bits: parse(ip)!, prefix: Number(len) };
  });
}
const V4_BLOCKS = compile(V4, ipv4Bits);
const V6_BLOCKS = compile(V6, ipv6Bits);

function within(bits: number[], blocks: Block[]): SpecialRange | undefined {
  const hit = blocks
    .filter((b) => b.bits.slice(0, b.prefix).every((bit, i) => bits[i] === bit))
    .sort((a, b) => b.prefix - a.prefix)[0];
  return hit ? { block: hit.block, name: hit.name, rfc: hit.rfc } : undefined;
}

/**
 * The special-purpose block an IP address falls in (the most specific one), or undefined when it is an ordinary,
 * globally reachable unicast address. Not an IP at all: undefined too (hostnames are classified elsewhere).
 */
export function specialAddressRange(ip: string): SpecialRange | undefined {
  const v4 = ipv4Bits(ip);
  if (v4) return within(v4, V4_BLOCKS);
  const v6 = ipv6Bits(ip);
  if (!v6) return undefined;
  // An IPv4-mapped address (::ffff:a.b.c.d) is refused whatever the IPv4 part is: it names no IPv6 endpoint.
  return within(v6, V6_BLOCKS);
}

/** The registries' blocks, for docs and tests. */
export const SPECIAL_ADDRESS_BLOCKS: {
  readonly ipv4: readonly SpecialRange[];
  readonly ipv6: readonly SpecialRange[];
} = { ipv4: V4, ipv6: V6 };
