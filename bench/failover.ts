import { recordPlan } from "../lib/engine/record";
import type { FailoverDnsArgs } from "../lib/failover-dns";
import { Row } from "./rows";
import { regionsOf, serviceProgram } from "./stacks";

export interface FailoverPoint {
  /** "FailoverDns route53", "MultiRegionService AWS (Route 53)", ... */
  name: string;
  seconds: number;
}

/** FailoverDns with two endpoints and default health checks, per provider: only the account details each provider needs. */
const DNS_CASES: Array<{
  provider: FailoverDnsArgs["provider"];
  regions: [string, string];
  extra: Partial<FailoverDnsArgs>;
}> = [
  {
    provider: "route53",
    regions: ["aws:us-east-1", "aws:eu-west-1"],
    extra: { route53: { zoneId: "Z0123456789ABCDEFGHIJ" } },
  },
  {
    provider: "cloudflare",
    regions: ["aws:us-east-1", "aws:eu-west-1"],
    extra: {
      cloudflare: { accountId: "0123456789abcdef0123456789abcdef", zoneId: "fedcba9876543210fedcba9876543210" },
    },
  },
  {
    provider: "azure-traffic-manager",
    regions: ["azure:eastus", "azure:westeurope"],
    extra: { azure: { resourceGroupName: "rg-dns" } },
  },
  {
    provider: "gcp-cloud-dns",
    regions: ["gcp:us-east4", "gcp:europe-west1"],
    extra: { gcp: { managedZone: "example-com" } },
  },
];

/** `failoverSeconds` of the default configuration of each DNS provider and of each MultiRegionService front (2 regions). */
export async function measureFailover(): Promise<FailoverPoint[]> {
  const { FailoverDns } = await import("../lib/failover-dns");
  const out: FailoverPoint[] = [];
  for (const c of DNS_CASES) {
    const plan = await recordPlan(() => {
      const dns = new FailoverDns("api", {
        provider: c.provider,
        zone: "example.com",
        record: "api",
        strategy: "failover",
        endpoints: [
          { id: "use", address: "203.0.113.10", region: c.regions[0] },
          { id: "euw", address: "198.51.100.20", region: c.regions[1] },
        ],
        ...c.extra,
      } as FailoverDnsArgs);
      return { failoverSeconds: dns.failoverSeconds };
    });
    out.push({
      name: `FailoverDns ${c.provider}, default health check`,
      seconds: plan.outputs.failoverSeconds as number,
    });
  }
  for (const [cloud, front] of [
    ["aws", "Route 53 latency"],
    ["gcp", "global load balancer"],
    ["azure", "Front Door"],
  ] as const) {
    const plan = await recordPlan(serviceProgram(regionsOf(cloud, 2)));
    out.push({
      name: `MultiRegionService ${cloud.toUpperCase()} (${front}), default health check`,
      seconds: plan.outputs.failoverSeconds as number,
    });
  }
  return out;
}

export function failoverRows(points: FailoverPoint[]): Row[] {
  return points.map((p) => ({
    figure: "failover",
    name: p.name,
    unit: "s",
    measured: p.seconds,
    note: "worst case to move clients off a dead endpoint",
  }));
}
