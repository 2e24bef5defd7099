import * as pulumi from "@pulumi/pulumi";
import { FailoverDns, FailoverDnsArgs, MultiRegionService, MultiRegionServiceArgs } from "../../lib";
import { Plan, recordPlan } from "../../lib/testing";

/**
 * Held-out-style programs for FailoverDns and MultiRegionService, written against the public API only
 * (`../lib`), with default arguments wherever the component allows them. Used by the failover-dns.<provider> and multi-region-service.region-count tests.
 */

// trafficSteering: geo and latency need Cloudflare's Traffic Steering add-on below Enterprise (issue #16 item 5).
const CF = {
  accountId: "0123456789abcdef0123456789abcdef",
  zoneId: "fedcba9876543210fedcba9876543210",
  trafficSteering: true,
};

type Provider = FailoverDnsArgs["provider"];
type Strategy = FailoverDnsArgs["strategy"];

/** Two or three endpoints per provider with the addresses the provider needs (Cloud DNS: public IPv4). */
function endpointsFor(provider: Provider, strategy: Strategy, count: 2 | 3): FailoverDnsArgs["endpoints"] {
  const regions =
    provider === "azure-traffic-manager"
      ? ["azure:eastus", "azure:westeurope", "azure:southeastasia"]
      : provider === "gcp-cloud-dns"
        ? ["gcp:us-east4", "gcp:europe-west1", "gcp:asia-southeast1"]
        : ["aws:us-east-1", "aws:eu-west-1", "aws:ap-southeast-1"];
  const ids = ["us", "eu", "ap"];
  const geo =
    provider === "gcp-cloud-dns"
      ? [["us-east4"], ["europe-west1"], ["asia-southeast1"]]
      : // Each provider's own grouping (lib/core/dns/geo.ts): a GEO-XX region is Traffic Manager's and has other
        // members than Route 53's continents or Cloudflare's regions, so it is refused elsewhere.
        provider === "route53"
        ? [["WORLD"], ["continent:EU"], ["continent:AS"]]
        : provider === "cloudflare"
          ? [["WORLD"], ["WEU", "EEU"], ["SEAS", "NEAS"]]
          : [["WORLD"], ["GEO-EU"], ["GEO-AS"]];
  return ids.slice(0, count).map((id, i) => ({
    id,
    address: provider === "gcp-cloud-dns" ? `34.120.113.${10 + i}` : `${id}.origin.northwind-origins.net`,
    region: regions[i],
    ...(strategy === "geo" ? { geo: geo[i] } : {}),
    ...(strategy === "weighted" ? { weight: i + 1 } : {}),
  }));
}

function providerOptions(provider: Provider): Partial<FailoverDnsArgs> {
  switch (provider) {
    case "route53":
      return { route53: { zoneId: "Z0123456789ABCDEFGHIJ" } };
    case "cloudflare":
      return { cloudflare: { ...CF } };
    case "azure-traffic-manager":
      return { azure: { resourceGroupName: "rg-dns" } };
    case "gcp-cloud-dns":
      return { gcp: { managedZone: "example-com" } };
  }
}

export const DNS_CASES: { name: string; provider: Provider; strategy: Strategy; count: 2 | 3 }[] = [];
for (const provider of ["route53", "cloudflare", "azure-traffic-manager", "gcp-cloud-dns"] as const) {
  for (const strategy of ["failover", "latency", "weighted", "geo"] as const) {
    if (provider === "gcp-cloud-dns" && strategy === "latency") continue;
    const short = { route53: "r53", cloudflare: "cf", "azure-traffic-manager": "tm", "gcp-cloud-dns": "gdns" }[
      provider
    ];
    DNS_CASES.push({ name: `${short}-${strategy}`, provider, strategy, count: strategy === "failover" ? 3 : 2 });
  }
}

/** Every provider × strategy with the default health check, plus a drained endpoint and a manual primary per provider. */
export function failoverDnsProgram() {
  const out: Record<string, unknown> = {};
  for (const c of DNS_CASES) {
    const dns = new FailoverDns(c.name, {
      provider: c.provider,
      zone: "example.com",
      record: c.name,
      strategy: c.strategy,
      endpoints: endpointsFor(c.provider, c.strategy, c.count),
      ...providerOptions(c.provider),
    });
    out[c.name] = dns.failoverSeconds;
  }
  for (const provider of ["route53", "cloudflare", "azure-traffic-manager", "gcp-cloud-dns"] as const) {
    const short = { route53: "r53", cloudflare: "cf", "azure-traffic-manager": "tm", "gcp-cloud-dns": "gdns" }[
      provider
    ];
    const eps = endpointsFor(provider, "failover", 3);
    new FailoverDns(`${short}-drain`, {
      provider,
      zone: "example.com",
      record: `${short}-drain`,
      strategy: "failover",
      endpoints: eps.map((e, i) => (i === 1 ? { ...e, enabled: false } : e)),
      ...providerOptions(provider),
    });
    new FailoverDns(`${short}-manual`, {
      provider,
      zone: "example.com",
      record: `${short}-manual`,
      strategy: "failover",
      primary: "eu",
      endpoints: eps,
      ...providerOptions(provider),
    });
  }
  // Route 53 with ALB alias targets (what MultiRegionService uses).
  const alias = new FailoverDns("r53-alias", {
    provider: "route53",
    zone: "example.com",
    record: "r53-alias",
    strategy: "latency",
    route53: { zoneId: "Z0123456789ABCDEFGHIJ" },
    endpoints: [
      { id: "us", address: "api-123.us-east-1.elb.amazonaws.com", region: "aws:us-east-1" },
      { id: "eu", address: "api-456.eu-west-1.elb.amazonaws.com", region: "aws:eu-west-1" },
    ],
  });
  out["r53-alias"] = alias.failoverSeconds;
  return out;
}

export const SERVICE_REGIONS = {
  aws: ["aws:us-east-1", "aws:eu-west-1", "aws:ap-southeast-1", "aws:us-west-2", "aws:eu-central-1"],
  gcp: ["gcp:us-central1", "gcp:europe-west1", "gcp:asia-northeast1", "gcp:us-east4", "gcp:europe-west4"],
  azure: ["azure:eastus", "azure:westeurope", "azure:southeastasia", "azure:westus2", "azure:northeurope"],
} as const;

const CONTAINER = { image: "ghcr.io/acme/api:1.0.0", port: 8080 };

export function serviceArgs(cloud: keyof typeof SERVICE_REGIONS, n: 1 | 5): MultiRegionServiceArgs {
  const regions = SERVICE_REGIONS[cloud].slice(0, n) as MultiRegionServiceArgs["regions"];
  const routing: MultiRegionServiceArgs["routing"] =
    cloud === "azure"
      ? undefined
      : { strategy: "latency", dns: { provider: "route53", zone: "example.com", record: "api" } };
  return { regions, container: { ...CONTAINER }, routing };
}

export function serviceProgram(cloud: keyof typeof SERVICE_REGIONS, n: 1 | 5) {
  return () => {
    const svc = new MultiRegionService("api", serviceArgs(cloud, n));
    return { url: svc.url, endpoints: svc.endpoints, failoverSeconds: svc.failoverSeconds };
  };
}

export const SERVICE_SECRET = "review-s3cr3t-value";

/** AWS + GCP behind a proxied Cloudflare load balancer (default plan), with a secret in the environment. */
export function mixedCloudflareProgram() {
  const svc = new MultiRegionService("api", {
    regions: ["aws:us-east-1", "gcp:europe-west1"],
    container: { ...CONTAINER, environment: { DB_PASSWORD: pulumi.secret(SERVICE_SECRET) } },
    routing: {
      strategy: "failover",
      dns: { provider: "cloudflare", zone: "example.com", record: "api", cloudflare: { ...CF } },
    },
  });
  return { url: svc.url, endpoints: svc.endpoints, failoverSeconds: svc.failoverSeconds };
}

/** Google Cloud with its global load balancer, and the name in a Cloudflare zone. */
export function gcpBehindCloudflareProgram() {
  const svc = new MultiRegionService("api", {
    regions: ["gcp:us-central1", "gcp:europe-west1"],
    container: { ...CONTAINER },
    routing: {
      strategy: "latency",
      dns: { provider: "cloudflare", zone: "example.com", record: "api", cloudflare: { ...CF } },
    },
  });
  return { url: svc.url, failoverSeconds: svc.failoverSeconds };
}

let dnsPlan: Promise<Plan> | undefined;
/** The plan of `failoverDnsProgram`, recorded once per test run whichever file asks first. */
export function failoverDnsPlan(): Promise<Plan> {
  dnsPlan ??= recordPlan(failoverDnsProgram);
  return dnsPlan;
}
