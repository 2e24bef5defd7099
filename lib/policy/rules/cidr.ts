/**
 * How much of the public internet a set of source ranges admits, whatever their spelling: `0.0.0.0/0`,
 * `0.0.0.0/1` + `128.0.0.0/1`, `::/0`, `0::/0`, `2000::/3`, Azure's `*`/`Internet`/`Any` tags. A rule asks
 * `admitsInternet(sources)` instead of comparing strings, so that splitting the world into pieces does not pass.
 */

import { SPECIAL_ADDRESS_BLOCKS } from "../../core/special-addresses";

/** IPv4 blocks no one on the internet can use: the IANA special-purpose registry, one list for Meridian (lib/core). */
const IPV4_NOT_PUBLIC = SPECIAL_ADDRESS_BLOCKS.ipv4.map((b) => b.block);
/** IPv6 global unicast (https://www.iana.org/assignments/ipv6-unicast-address-assignments/): everything public is in 2000::/3. */
const IPV6_PUBLIC = "2000::/3";

/** A source set that reaches at least this many public addresses is "the internet": a /8 of IPv4, a /28 of IPv6. */
const IPV4_WORLD = 2 ** 24;
const IPV6_WORLD = 2n ** 100n;

const TAGS = new Set(["*", "internet", "any", "0/0"]);

type Range = [start: bigint, end: bigint]; // [start, end)

function parseIpv4(s: string): bigint | undefined {
  const parts = s.split(".");
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
  return parts.reduce((acc, p) => (acc << 8n) | BigInt(Number(p)), 0n);
}

function parseIpv6(s: string): bigint | undefined {
  let text = s.toLowerCase();
  // A dotted IPv4 tail (`::ffff:1.2.3.4`) becomes two groups.
  const dotted = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const v4 = parseIpv4(dotted[2]);
    if (v4 === undefined) return undefined;
    text = `${dotted[1]}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const groups = (h: string) => (h === "" ? [] : h.split(":"));
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 1 && missing !== 0) || missing < 0) return undefined;
  const all = [...head, ...Array(halves.length === 2 ? missing : 0).fill("0"), ...tail];
  if (all.some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return undefined;
  return all.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}

/** `"10.0.0.0/8"` → its family and [start, end); a bare address is one address; anything else undefined. */
export function parseCidr(text: string): { family: 4 | 6; range: Range } | undefined {
  const [addr, prefixText, extra] = text.trim().split("/");
  if (extra !== undefined) return undefined;
  const family: 4 | 6 = addr.includes(":") ? 6 : 4;
  const bits = family === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? bits : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!(prefix >= 0 && prefix <= bits)) return undefined;
  const value = family === 4 ? parseIpv4(addr) : parseIpv6(addr);
  if (value === undefined) return undefined;
  const size = 1n << BigInt(bits - prefix);
  const start = (value / size) * size;
  return { family, range: [start, start + size] };
}

function union(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const out: Range[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1]) last[1] = r[1] > last[1] ? r[1] : last[1];
    else out.push([r[0], r[1]]);
  }
  return out;
}

function overlap(a: Range, b: Range): bigint {
  const start = a[0] > b[0] ? a[0] : b[0];
  const end = a[1] < b[1] ? a[1] : b[1];
  return end > start ? end - start : 0n;
}

/** The special-purpose IPv4 blocks as merged ranges, parsed once. */
const IPV4_HIDDEN = union(IPV4_NOT_PUBLIC.map((c) => parseCidr(c)!.range));
const IPV6_GLOBAL = parseCidr(IPV6_PUBLIC)!.range;

/** Public addresses a set of ranges of one family covers. */
function publicCount(ranges: Range[], family: 4 | 6): bigint {
  const merged = union(ranges);
  if (family === 6) {
    return merged.reduce((n, r) => n + overlap(r, IPV6_GLOBAL), 0n);
  }
  return merged.reduce((n, r) => n + (r[1] - r[0]) - IPV4_HIDDEN.reduce((h, x) => h + overlap(r, x), 0n), 0n);
}

/**
 * The sources among `sources` that together admit the internet (a service tag such as `*`/`Internet`, or CIDRs
 * covering at least a /8 of public IPv4 or a /28 of IPv6), or [] when they do not. Unparseable strings are
 * ignored here (a provider refuses them).
 */
export function admitsInternet(sources: readonly unknown[]): string[] {
  const strings = sources.filter((s): s is string => typeof s === "string");
  const tags = strings.filter((s) => TAGS.has(s.trim().toLowerCase()));
  if (tags.length) return tags;
  const byFamily: Record<4 | 6, { text: string; range: Range }[]> = { 4: [], 6: [] };
  for (const text of strings) {
    const c = parseCidr(text);
    if (c) byFamily[c.family].push({ text, range: c.range });
  }
  const out: string[] = [];
  for (const family of [4, 6] as const) {
    const list = byFamily[family];
    const count = publicCount(
      list.map((x) => x.range),
      family,
    );
    if (count >= (family === 4 ? BigInt(IPV4_WORLD) : IPV6_WORLD)) out.push(...list.map((x) => x.text));
  }
  return out;
}
