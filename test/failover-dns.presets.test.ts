import * as assert from "node:assert";
import { FailoverDns, FailoverDnsArgs, isConfigError } from "../lib";
import { resolveFailoverDns } from "../lib/core/dns/validate";
import { dnsFailoverTime } from "../lib/core/dns/failover-time";
import { ELB_DNS_TTL_SECONDS } from "../lib/core/failover-time";
import { FAST_TTL_SECONDS } from "../lib/core/dns/presets";
import { Plan, findResources, getResource, recordPlan } from "../lib/testing";

const CF = { accountId: "0123456789abcdef0123456789abcdef", zoneId: "fedcba9876543210fedcba9876543210" };
const ELB_USE1 = "api-use1-123456789.us-east-1.elb.amazonaws.com";
const ELB_EUW1 = "api-euw1-987654321.eu-west-1.elb.amazonaws.com";
const elbs = [
  { id: "use1", address: ELB_USE1, region: "aws:us-east-1" },
  { id: "euw1", address: ELB_EUW1, region: "aws:eu-west-1" },
];
const ips = [
  { id: "use", address: "20.62.10.10", region: "azure:eastus" },
  { id: "euw", address: "20.73.20.20", region: "azure:westeurope" },
];

function record(args: FailoverDnsArgs): Promise<Plan> {
  return recordPlan(() => {
    const d = new FailoverDns("api", args);
    return { failoverSeconds: d.failoverSeconds };
  });
}

describe("FailoverDns healthCheck.preset", () => {
  describe('Route 53 "fast"', () => {
    let below: Plan, apex: Plan;
    const base = {
      provider: "route53",
      zone: "example.com",
      strategy: "failover",
      endpoints: elbs,
      route53: { zoneId: "Z0123456789ABCDEFGHIJ" },
      healthCheck: { path: "/healthz", preset: "fast" },
    } as const;
    before(async () => {
      below = await record({ ...base, record: "api" });
      apex = await record({ ...base, record: "@" });
    });

    it("checks every 10 s (the fast interval; the other is 30 s) with a failure threshold of 1 (1-10 allowed)", () => {
      // docs.aws.amazon.com/Route53/latest/APIReference/API_HealthCheckConfig.html: RequestInterval 10 or 30,
      // FailureThreshold 1-10.
      for (const hc of findResources(below, "aws:route53/healthCheck:HealthCheck")) {
        assert.strictEqual(hc.inputs.requestInterval, 10);
        assert.strictEqual(hc.inputs.failureThreshold, 1);
      }
    });

    it("below the apex answers with health-checked CNAMEs carrying the preset TTL instead of 60 s ELB aliases", () => {
      // An alias record takes the TTL of the AWS resource it points to, 60 s for an ELB (Route 53 developer guide,
      // "Choosing between alias and non-alias records"); a CNAME has its own TTL.
      const records = findResources(below, "aws:route53/record:Record");
      assert.strictEqual(records.length, 2);
      for (const r of records) {
        assert.strictEqual(r.inputs.type, "CNAME");
        assert.strictEqual(r.inputs.ttl, FAST_TTL_SECONDS);
        assert.strictEqual(r.inputs.aliases, undefined);
        assert.ok(r.inputs.healthCheckId, "each record keeps its health check");
      }
      const r = resolveFailoverDns("api", { ...base, record: "api" });
      assert.strictEqual(
        below.outputs.failoverSeconds,
        dnsFailoverTime("route53", { ...r.healthCheck, ttlSeconds: FAST_TTL_SECONDS }).seconds,
      );
      assert.ok((below.outputs.failoverSeconds as number) <= 30, `${below.outputs.failoverSeconds} s`);
    });

    it("keeps the alias (and its 60 s) at the apex, where a CNAME is not allowed (RFC 1034 §3.6.2)", () => {
      for (const r of findResources(apex, "aws:route53/record:Record")) {
        assert.strictEqual(r.inputs.type, "A");
        assert.ok(Array.isArray(r.inputs.aliases));
      }
      const r = resolveFailoverDns("api", { ...base, record: "@" });
      assert.strictEqual(
        apex.outputs.failoverSeconds,
        dnsFailoverTime("route53", {
          ...r.healthCheck,
          ttlSeconds: FAST_TTL_SECONDS,
          aliasTtlSeconds: ELB_DNS_TTL_SECONDS,
        }).seconds,
      );
    });

    it("keeps an alias asked for with aliasZoneId, and fields given beside the preset", () => {
      const r = resolveFailoverDns("api", {
        ...base,
        record: "api",
        endpoints: elbs.map((e) => ({ ...e, aliasZoneId: "Z35SXDOTRQ7X7K" })),
        healthCheck: { preset: "fast", failureThreshold: 3 },
        ttlSeconds: 30,
      });
      assert.strictEqual(r.route53!.recordType, "A");
      assert.strictEqual(r.healthCheck.failureThreshold, 3);
      assert.strictEqual(r.healthCheck.intervalSeconds, 10);
      assert.strictEqual(r.ttlSeconds, 30);
    });
  });

  it('Traffic Manager "fast": 10 s fast probing, no tolerated failure, 5 s timeout, preset TTL', async () => {
    // learn.microsoft.com/azure/traffic-manager/traffic-manager-monitoring: interval 10 or 30 s; with 10 s the
    // timeout is 5-9 s; toleratedNumberOfFailures 0-9.
    const args: FailoverDnsArgs = {
      provider: "azure-traffic-manager",
      zone: "example.com",
      record: "api",
      strategy: "failover",
      endpoints: ips,
      azure: { resourceGroupName: "rg-dns" },
      healthCheck: { preset: "fast" },
    };
    const plan = await record(args);
    const profile: any = getResource(plan, "azure-native:trafficmanager:Profile");
    assert.deepStrictEqual(
      {
        interval: profile.inputs.monitorConfig.intervalInSeconds,
        timeout: profile.inputs.monitorConfig.timeoutInSeconds,
        tolerated: profile.inputs.monitorConfig.toleratedNumberOfFailures,
        ttl: profile.inputs.dnsConfig.ttl,
      },
      { interval: 10, timeout: 5, tolerated: 0, ttl: FAST_TTL_SECONDS },
    );
    const r = resolveFailoverDns("api", args);
    assert.strictEqual(
      plan.outputs.failoverSeconds,
      dnsFailoverTime("azure-traffic-manager", { ...r.healthCheck, ttlSeconds: r.ttlSeconds }).seconds,
    );
    assert.ok((plan.outputs.failoverSeconds as number) <= 30);
  });

  for (const [plan, interval] of [
    ["pro", 60],
    ["business", 15],
    ["enterprise", 10],
  ] as const) {
    it(`Cloudflare "fast" on ${plan}: the plan's ${interval} s minimum interval, 1 failure, no retry`, async () => {
      // developers.cloudflare.com/load-balancing/monitors: the shortest monitor interval depends on the plan.
      const args: FailoverDnsArgs = {
        provider: "cloudflare",
        zone: "example.com",
        record: "api",
        strategy: "failover",
        endpoints: elbs,
        cloudflare: { ...CF, plan },
        healthCheck: { preset: "fast" },
      };
      const p = await record(args);
      const monitor = getResource(p, "cloudflare:index/loadBalancerMonitor:LoadBalancerMonitor");
      assert.strictEqual(monitor.inputs.interval, interval);
      assert.strictEqual(monitor.inputs.consecutiveDown, 1);
      assert.strictEqual(monitor.inputs.retries, 0);
      const r = resolveFailoverDns("api", args);
      assert.strictEqual(
        p.outputs.failoverSeconds,
        dnsFailoverTime("cloudflare", {
          ...r.healthCheck,
          retries: r.cloudflare!.retries,
          proxied: r.cloudflare!.proxied,
          ttlSeconds: r.ttlSeconds,
        }).seconds,
      );
    });
  }

  it('Cloud DNS "fast": 30 s is already the floor for source-region health checks; threshold 1', async () => {
    const args: FailoverDnsArgs = {
      provider: "gcp-cloud-dns",
      zone: "example.com",
      record: "api",
      strategy: "failover",
      endpoints: [
        { id: "use", address: "34.86.10.10", region: "gcp:us-east4" },
        { id: "euw", address: "34.76.20.20", region: "gcp:europe-west1" },
      ],
      gcp: { managedZone: "example-com" },
      healthCheck: { preset: "fast" },
    };
    const plan = await record(args);
    const hc = getResource(plan, "gcp:compute/healthCheck:HealthCheck");
    assert.strictEqual(hc.inputs.checkIntervalSec, 30);
    assert.strictEqual(hc.inputs.unhealthyThreshold, 1);
    const r = resolveFailoverDns("api", args);
    assert.strictEqual(
      plan.outputs.failoverSeconds,
      dnsFailoverTime("gcp-cloud-dns", { ...r.healthCheck, ttlSeconds: r.ttlSeconds }).seconds,
    );
    assert.ok((plan.outputs.failoverSeconds as number) > 30, "documented as the provider that cannot reach 30 s");
  });

  it("standard stays the default, and an unknown preset is a ConfigError naming the field", () => {
    const args: FailoverDnsArgs = {
      provider: "route53",
      zone: "example.com",
      record: "api",
      strategy: "failover",
      endpoints: elbs,
      route53: { zoneId: "Z0123456789ABCDEFGHIJ" },
    };
    assert.strictEqual(resolveFailoverDns("api", args).preset, "standard");
    assert.throws(
      () => resolveFailoverDns("api", { ...args, healthCheck: { preset: "turbo" } }),
      (e: unknown) =>
        isConfigError(e) &&
        e.field === "healthCheck.preset" &&
        /turbo/.test(e.message) &&
        /standard/.test(e.message) &&
        /fast/.test(e.message),
    );
  });
});
