import * as pulumi from "@pulumi/pulumi";
import { describe } from "../errors";
import { specialAddressRange } from "../special-addresses";
import { specialNameReason, specialUseName } from "../special-names";
import { Validator, isHostname, isIPv4, isIPv6 } from "../validate";
import { AddressKind, AliasTarget } from "./resolved";
import { DnsProvider } from "./types";

const ADDRESS_KINDS = ["ipv4", "ipv6", "hostname"] as const;

export function endpointAddress(
  v: Validator,
  provider: DnsProvider,
  value: unknown,
  declaredKind: unknown,
  f: string,
): { address: pulumi.Input<string>; kind: AddressKind } {
  const field = `${f}.address`;
  const declared = declaredKind === undefined ? undefined : v.oneOf(declaredKind, `${f}.addressKind`, ADDRESS_KINDS);
  if (pulumi.Output.isInstance(value)) {
    // An output's text is unknown here: its maker declares what it is (an IP must never become a CNAME value).
    // Cloud DNS health-checks only IP addresses ("externalEndpoints[]: The Internet IP addresses to be health checked",
    // https://cloud.google.com/dns/docs/reference/rest/v1/resourceRecordSets#healthcheckedtargets), and an output not
    // declared `ipv4` is taken for a hostname (docs/failover-dns.md, `addressKind`): it would land in the A record's
    // targets as a name. So on Cloud DNS an output must say it is an IPv4 address.
    if (provider === "gcp-cloud-dns" && declared !== "ipv4")
      v.fail(
        `${f}.addressKind`,
        `got ${declared === undefined ? "none for an output address, which is then a hostname" : describe(declared)}; Cloud DNS health-checks only external IPv4 endpoints in public zones: declare addressKind "ipv4" for an output that is the endpoint's public IPv4 address, or use provider "route53", "cloudflare" or "azure-traffic-manager" for hostnames`,
      );
    if (declared === undefined) return { address: value as pulumi.Output<string>, kind: "output" };
    return { address: value as pulumi.Output<string>, kind: declared };
  }
  const s = v.string(value, field, { maxLength: 253 });
  let kind: AddressKind;
  if (isIPv4(s) || isIPv6(s)) {
    // One classifier for every provider (lib/core/special-addresses.ts, the IANA special-purpose registries): Route 53's
    // CreateHealthCheck refuses these ranges, and no provider's public checkers (nor clients) can reach them.
    const special = specialAddressRange(s);
    if (special)
      v.fail(
        field,
        `got ${describe(s)}, in ${special.block} (${special.name}, ${special.rfc}), which is not globally reachable: public health checkers and clients cannot reach it; give the endpoint's public IP or hostname`,
      );
    kind = isIPv4(s) ? "ipv4" : "ipv6";
  } else if (isHostname(s)) {
    // The same for names (lib/core/special-names.ts, the IANA special-use domain names): .test, .example, example.com,
    // .local, .home.arpa, .onion ... are never answered by public resolvers, so no provider can check them.
    const special = specialUseName(s);
    if (special) v.fail(field, `got ${specialNameReason(s, special)}`);
    kind = "hostname";
  } else {
    return v.fail(
      field,
      `got ${describe(s)}; expected a public hostname ("lb-eu.northwind-origins.net") or IP address`,
    );
  }
  if (declared !== undefined && declared !== kind)
    v.fail(`${f}.addressKind`, `got ${describe(declared)}, but the address ${describe(s)} is ${describe(kind)}`);
  if (provider === "gcp-cloud-dns" && kind !== "ipv4") {
    v.fail(
      field,
      `got ${describe(s)}; Cloud DNS health-checks only external IPv4 endpoints in public zones: give the endpoint's public IPv4 address, or use provider "route53", "cloudflare" or "azure-traffic-manager" for hostnames`,
    );
  }
  return { address: kind === "hostname" ? s.toLowerCase().replace(/\.$/, "") : s, kind };
}

/** ELB and CloudFront hostnames become alias records; API Gateway domains need `aliasZoneId` (no lookup exists). */
export function detectAlias(host: string): AliasTarget | undefined {
  const alb = /\.([a-z]{2}(?:-[a-z]+)+-\d)\.elb\.amazonaws\.com(?:\.cn)?$/.exec(host);
  if (alb) return { kind: "elb", region: alb[1], loadBalancerType: "application" };
  const nlb = /\.elb\.([a-z]{2}(?:-[a-z]+)+-\d)\.amazonaws\.com(?:\.cn)?$/.exec(host);
  if (nlb) return { kind: "elb", region: nlb[1], loadBalancerType: "network" };
  if (/\.cloudfront\.net$/.test(host)) return { kind: "cloudfront" };
  return undefined;
}
