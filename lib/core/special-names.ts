/**
 * One classifier of host names that public health checkers cannot probe and public resolvers do not answer: the
 * special-use domain names, next to the special-use addresses of ./special-addresses. An endpoint or health-check
 * target under one of them can never be checked from the internet, so it is refused rather than deployed as a
 * check that is unhealthy (or unresolvable) forever.
 *
 * Source: IANA Special-Use Domain Names registry (https://www.iana.org/assignments/special-use-domain-names/), with
 * the RFC of each name beside it. Reserved example names: RFC 2606 §2-3 and RFC 6761 §6.5 ("example", and
 * "example.com", "example.net", "example.org", which resolve to an IANA placeholder page, never to your service).
 */

/** Why a name is refused: the special-use suffix it is under, what it is, and its RFC. */
export interface SpecialName {
  readonly suffix: string;
  readonly name: string;
  readonly rfc: string;
}

const NAMES: readonly SpecialName[] = [
  { suffix: "test", name: "reserved for testing", rfc: "RFC 6761 §6.2, RFC 2606" },
  { suffix: "localhost", name: "loopback (resolves to this machine)", rfc: "RFC 6761 §6.3" },
  { suffix: "invalid", name: "reserved as never valid", rfc: "RFC 6761 §6.4, RFC 2606" },
  { suffix: "example", name: "reserved for documentation", rfc: "RFC 6761 §6.5, RFC 2606" },
  { suffix: "example.com", name: "reserved for documentation", rfc: "RFC 6761 §6.5, RFC 2606 §3" },
  { suffix: "example.net", name: "reserved for documentation", rfc: "RFC 6761 §6.5, RFC 2606 §3" },
  { suffix: "example.org", name: "reserved for documentation", rfc: "RFC 6761 §6.5, RFC 2606 §3" },
  { suffix: "local", name: "link-local multicast DNS", rfc: "RFC 6762" },
  { suffix: "home.arpa", name: "home networks only", rfc: "RFC 8375" },
  { suffix: "onion", name: "Tor onion services, not resolvable in the DNS", rfc: "RFC 7686" },
  { suffix: "alt", name: "non-DNS name spaces", rfc: "RFC 9476" },
];

/** The special-use name `host` is (or is under), or undefined when it is an ordinary public name. */
export function specialUseName(host: string): SpecialName | undefined {
  const name = host.toLowerCase().replace(/\.$/, "");
  return NAMES.find((n) => name === n.suffix || name.endsWith(`.${n.suffix}`));
}

/** The sentence a ConfigError gives for a special-use name. */
export function specialNameReason(host: string, special: SpecialName): string {
  return `${JSON.stringify(host)} is under .${special.suffix} (${special.name}, ${special.rfc}), which public health checkers and resolvers cannot reach: give the endpoint's real public hostname or IP`;
}
