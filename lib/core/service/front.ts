import type { Cloud } from "../placement";
import type { ServiceDnsProvider, ServiceFront, ServiceStrategy } from "./args";

/**
 * What sits in front of the regions:
 * - `dns`: `FailoverDns` over the regional endpoints (Route 53 or Cloudflare). AWS, mixed clouds, and
 *   Google Cloud with `failover` (its global load balancer has no priority tiers).
 * - `gcp-lb`: one global external Application Load Balancer (anycast) with every region as a backend.
 * - `azure-frontdoor`: Azure Front Door Standard with one origin per region.
 * - `global-accelerator`: one AWS Global Accelerator with an endpoint group per region (`routing.front`).
 */
export type FrontKind = "dns" | "gcp-lb" | "azure-frontdoor" | "global-accelerator";

export interface FrontChoice {
  kind: FrontKind;
  /** Why a DNS name is needed, when it is (for the error message); undefined when optional. */
  dnsRequiredBecause?: string;
  /** Why only Cloudflare can front these regions, when that is the case. */
  cloudflareOnlyBecause?: string;
}

/** Picks the front from the clouds in use, the strategy, whether a DNS name was given and `routing.front`. */
export function chooseFront(
  clouds: readonly Cloud[],
  strategy: ServiceStrategy,
  dnsProvider: ServiceDnsProvider | undefined,
  front?: ServiceFront,
): FrontChoice {
  const set = new Set(clouds);
  const only = (c: Cloud) => set.size === 1 && set.has(c);
  const hostRouted = [...set].filter((c) => c === "gcp" || c === "azure");
  const cloudflareOnlyBecause =
    hostRouted.length > 0
      ? `${hostRouted.map((c) => (c === "gcp" ? "Cloud Run" : "Container Apps")).join(" and ")} route requests by Host name, so a DNS-only front would reach them with the wrong Host; Cloudflare's proxy rewrites it`
      : undefined;
  if (only("azure") && dnsProvider === undefined) return { kind: "azure-frontdoor" };
  if (only("gcp") && strategy !== "failover") {
    return {
      kind: "gcp-lb",
      dnsRequiredBecause: "Google's global load balancer serves HTTPS with a managed certificate for this name",
    };
  }
  if (only("aws") && front === "global-accelerator")
    return {
      kind: "global-accelerator",
      dnsRequiredBecause:
        "the public name points at the accelerator (alias or CNAME) and each ALB needs an ACM certificate for it",
    };
  if (only("aws"))
    return {
      kind: "dns",
      dnsRequiredBecause:
        "AWS regions are fronted by DNS (FailoverDns) and each ALB needs an ACM certificate for the name",
    };
  return {
    kind: "dns",
    dnsRequiredBecause: only("gcp")
      ? 'strategy "failover" on Google Cloud is served by a DNS front (the global load balancer has no priority tiers)'
      : only("azure")
        ? "routing.dns moves the front from Front Door to FailoverDns"
        : "regions in several clouds are fronted by DNS (FailoverDns)",
    cloudflareOnlyBecause,
  };
}
