import * as assert from "node:assert";
import { FailoverDns, FailoverDnsArgs } from "../lib";
import { Plan, PlanResource, findResources, getResource, hasResource, recordPlan } from "../lib/testing";
import { DNS_CASES, failoverDnsPlan } from "./support/held-out-dns-programs";

// trafficSteering: geo and latency need Cloudflare's Traffic Steering add-on below Enterprise (issue #16 item 5).
const CF = {
  accountId: "0123456789abcdef0123456789abcdef",
  zoneId: "fedcba9876543210fedcba9876543210",
  trafficSteering: true,
};
const POOL = "cloudflare:index/loadBalancerPool:LoadBalancerPool";
const LB = "cloudflare:index/loadBalancer:LoadBalancer";

function record(args: FailoverDnsArgs, name = "api"): Promise<Plan> {
  return recordPlan(() => {
    const d = new FailoverDns(name, args);
    return { fqdn: d.fqdn, failoverSeconds: d.failoverSeconds, nativeFqdn: d.nativeFqdn };
  });
}
const byName = (plan: Plan, name: string): PlanResource => plan.resources.find((r) => r.name === name)!;
const urnOf = (plan: Plan, name: string) => byName(plan, name).urn;
const two = [
  { id: "use1", address: "lb-use1.northwind-origins.net", region: "aws:us-east-1" },
  { id: "euw1", address: "lb-euw1.northwind-origins.net", region: "aws:eu-west-1" },
];
const HCF = {
  monitor: "cloudflare:index/loadBalancerMonitor:LoadBalancerMonitor",
  pool: "cloudflare:index/loadBalancerPool:LoadBalancerPool",
  lb: "cloudflare:index/loadBalancer:LoadBalancer",
};

const of = (plan: Plan, type: string, component: string) =>
  findResources(plan, type).filter((r) => r.name.startsWith(`${component}-`));

describe("FailoverDns on Cloudflare", () => {
  let failover: Plan, business: Plan, weighted: Plan, geo: Plan, dnsOnly: Plan;
  before(async () => {
    const base = { provider: "cloudflare", zone: "example.com", record: "api" } as const;
    failover = await record({
      ...base,
      strategy: "failover",
      endpoints: [...two, { id: "apse1", address: "34.120.113.10" }],
      primary: "euw1",
      cloudflare: CF,
    });
    business = await record({ ...base, strategy: "latency", endpoints: two, cloudflare: { ...CF, plan: "business" } });
    weighted = await record({
      ...base,
      strategy: "weighted",
      endpoints: [
        { ...two[0], weight: 3 },
        { ...two[1], weight: 1 },
      ],
      cloudflare: { ...CF, plan: "enterprise" },
    });
    geo = await record({
      ...base,
      strategy: "geo",
      endpoints: [
        // Cloudflare's own regions (a bare code or "cloudflare:XX"); continents are not Cloudflare groupings.
        { ...two[0], geo: ["WORLD", "WNAM", "cloudflare:ENAM"] },
        { ...two[1], geo: ["WEU", "EEU", "GB"], enabled: false },
      ],
      cloudflare: CF,
    });
    dnsOnly = await record({
      ...base,
      strategy: "failover",
      endpoints: two,
      ttlSeconds: 60,
      cloudflare: { ...CF, plan: "enterprise", proxied: false },
    });
  });

  it("creates an account-level monitor, one pool per endpoint and a proxied zone load balancer", () => {
    hasResource(failover, "cloudflare:index/loadBalancerMonitor:LoadBalancerMonitor", {
      accountId: CF.accountId,
      type: "https",
      path: "/",
      port: 443,
      interval: 60,
      timeout: 5,
      retries: 1,
      consecutiveDown: 1,
    });
    assert.strictEqual(findResources(failover, POOL).length, 3);
    const pool = byName(failover, "api-use1-pool");
    assert.ok(pool.dependencies.includes(urnOf(failover, "api-monitor")), "pool uses the monitor");
    assert.deepStrictEqual((pool.inputs.origins as any[])[0].address, "lb-use1.northwind-origins.net");
    hasResource(failover, LB, {
      zoneId: CF.zoneId,
      name: "api.example.com",
      steeringPolicy: "off",
      proxied: true,
      adaptiveRouting: { failoverAcrossPools: true },
    });
    assert.strictEqual(byName(failover, "api-lb").inputs.ttl, undefined);
  });

  it("orders default pools by priority with the manual primary first, and falls back to the last pool", () => {
    const lb = byName(failover, "api-lb");
    const id = (n: string) => lb.dependencies.includes(urnOf(failover, n));
    assert.ok(id("api-use1-pool") && id("api-euw1-pool") && id("api-apse1-pool"));
    const pools = lb.inputs.defaultPools as string[];
    assert.strictEqual(pools.length, 3);
    assert.strictEqual(lb.inputs.fallbackPool, pools[2]);
    assert.notStrictEqual(pools[0], pools[1]);
  });

  it("computes failoverSeconds: proxied = the monitor (worst case), DNS-only = monitor + TTL", () => {
    // Zero-downtime failover retries only 521/522/523/525/526
    // (https://developers.cloudflare.com/load-balancing/understand-basics/adaptive-routing/): a dead app behind a load
    // balancer answers 502/503 and a hung origin 524, so only the monitor moves that traffic. pro: 60 + 5 × 2 = 70 s.
    // (This test used to expect min(monitor, 15 s): that was the best case, not the worst.)
    assert.strictEqual(failover.outputs.failoverSeconds, 60 + 5 * 2);
    hasResource(failover, LB, { proxied: true, adaptiveRouting: { failoverAcrossPools: true } });
    assert.strictEqual(business.outputs.failoverSeconds, 15 + 5 * 2);
    assert.strictEqual(dnsOnly.outputs.failoverSeconds, 10 + 4 * 2 + 60);
    hasResource(dnsOnly, LB, { proxied: false, ttl: 60 });
  });

  it("maps latency to dynamic_latency and weighted to random steering with normalised pool weights", () => {
    hasResource(business, LB, { steeringPolicy: "dynamic_latency" });
    const lb = getResource(weighted, LB);
    assert.strictEqual(lb.inputs.steeringPolicy, "random");
    const weights = Object.values((lb.inputs.randomSteering as any).poolWeights).sort();
    // Weights 1:3, each relative to the largest (Cloudflare pool weights are 0-1 and relative to the other pools,
    // API schema load-balancing_random_steering): 1/3 and 1. Normalising by the sum could round a small weight to 0.
    assert.deepStrictEqual(weights, [0.333, 1]);
  });

  it("maps geo to region and country pools, and a drained endpoint keeps a disabled pool", () => {
    const lb = getResource(geo, LB);
    assert.strictEqual(lb.inputs.steeringPolicy, "geo");
    const regions = lb.inputs.regionPools as Record<string, string[]>;
    assert.deepStrictEqual(Object.keys(regions).sort(), ["EEU", "ENAM", "WEU", "WNAM"]);
    assert.ok((lb.inputs.countryPools as Record<string, string[]>).GB.length === 2);
    hasResource(geo, POOL, { name: "meridian-dev-api-euw1", enabled: false });
    assert.strictEqual(lb.inputs.fallbackPool, (lb.inputs.defaultPools as string[])[0]);
  });
});

describe("review: FailoverDns held-out programs (every provider × strategy, defaults)", () => {
  let plan: Plan;
  before(async () => {
    plan = await failoverDnsPlan();
  });

  describe("Cloudflare", () => {
    it("monitor and pools are account resources, the load balancer a zone resource (https://developers.cloudflare.com/load-balancing/); probes from named regions (all data centres is Enterprise only)", () => {
      for (const c of DNS_CASES.filter((x) => x.provider === "cloudflare")) {
        const [monitor] = of(plan, HCF.monitor, c.name);
        assert.ok(monitor.inputs.accountId);
        assert.ok((monitor.inputs.interval as number) >= 60, "pro plan minimum");
        assert.ok(
          (monitor.inputs.timeout as number) * (1 + (monitor.inputs.retries as number)) <
            (monitor.inputs.interval as number),
        );
        for (const p of of(plan, HCF.pool, c.name)) {
          assert.ok(p.inputs.accountId);
          assert.ok(
            Array.isArray(p.inputs.checkRegions) && (p.inputs.checkRegions as string[]).length > 0,
            "all-data-centre probing is Enterprise only",
          );
        }
        const [lb] = of(plan, HCF.lb, c.name);
        assert.ok(lb.inputs.zoneId);
        assert.strictEqual(lb.inputs.accountId, undefined);
      }
    });

    it("proxied by default, no TTL, default pools in priority order and a fallback pool, v6 property names (TTL is ignored when proxied)", () => {
      const steering: Record<string, string> = {
        failover: "off",
        latency: "dynamic_latency",
        weighted: "random",
        geo: "geo",
      };
      for (const c of DNS_CASES.filter((x) => x.provider === "cloudflare")) {
        const [lb] = of(plan, HCF.lb, c.name);
        assert.strictEqual(lb.inputs.proxied, true);
        assert.strictEqual(lb.inputs.ttl, undefined);
        assert.strictEqual((lb.inputs.defaultPools as string[]).length, c.count);
        assert.ok(lb.inputs.fallbackPool);
        assert.strictEqual(lb.inputs.steeringPolicy, steering[c.strategy]);
        assert.deepStrictEqual(lb.inputs.adaptiveRouting, { failoverAcrossPools: true });
        assert.ok(
          lb.ignoreChanges.includes("sessionAffinityAttributes"),
          "perpetual diff: cloudflare/terraform-provider-cloudflare#7339",
        );
      }
      assert.ok(Object.keys(of(plan, HCF.lb, "cf-geo")[0].inputs.regionPools as object).length > 0);
    });

    it("probes with the public name as Host (origin overrides win), so an origin's certificate check passes", () => {
      for (const m of findResources(plan, HCF.monitor)) {
        assert.deepStrictEqual(m.inputs.header, { Host: [`${m.name.replace(/-monitor$/, "")}.example.com`] });
        assert.strictEqual(m.inputs.allowInsecure, false);
      }
    });

    it("drain disables the pool but keeps it (and the load balancer's pool list)", () => {
      assert.strictEqual(getResource(plan, HCF.pool, "cf-drain-eu-pool").inputs.enabled, false);
      assert.strictEqual((getResource(plan, HCF.lb, "cf-drain-lb").inputs.defaultPools as string[]).length, 3);
    });
  });
});
