import * as assert from "node:assert/strict";
import { FailoverDns, FailoverDnsArgs, MultiRegionService, isConfigError } from "../lib";
import { Plan, findResources, getResource, recordPlan, tryRecordPlan } from "../lib/testing";

// Issue #16 items 3, 5, 6 and 9: configurations a provider refuses or misroutes, each with the provider's rule cited.
const ACCOUNT = "0123456789abcdef0123456789abcdef";
const ZONE = "fedcba9876543210fedcba9876543210";
const TM_EP = "azure-native:trafficmanager:Endpoint";
const TM_PROFILE = "azure-native:trafficmanager:Profile";
const LB = "cloudflare:index/loadBalancer:LoadBalancer";
const two = [
  { id: "use1", address: "lb-use1.northwind-origins.net", region: "aws:us-east-1" },
  { id: "euw1", address: "lb-euw1.northwind-origins.net", region: "aws:eu-west-1" },
];
const record = (args: FailoverDnsArgs): Promise<Plan> =>
  recordPlan(() => {
    new FailoverDns("api", args);
  });

describe("Traffic Manager geo fails over through nested profiles (item 3)", () => {
  let plan: Plan;
  before(async () => {
    plan = await record({
      provider: "azure-traffic-manager",
      zone: "example.com",
      record: "api",
      strategy: "geo",
      azure: { resourceGroupName: "rg-dns" },
      endpoints: [
        { ...two[0], geo: ["WORLD", "GEO-NA"] },
        { ...two[1], geo: ["GEO-EU"] },
      ],
    });
  });

  it("maps each location to a nested Priority profile: its endpoint first, the others as backups", () => {
    // Traffic Manager FAQ (https://learn.microsoft.com/azure/traffic-manager/traffic-manager-faqs): in a Geographic
    // profile an unhealthy endpoint keeps receiving its region's traffic unless it is a nested profile.
    const parent = getResource(plan, TM_PROFILE, "api-profile");
    assert.equal(parent.inputs.trafficRoutingMethod, "Geographic");
    for (const [id, other, geo] of [
      ["use1", "euw1", ["WORLD", "GEO-NA"]],
      ["euw1", "use1", ["GEO-EU"]],
    ] as const) {
      const nested = getResource(plan, TM_EP, `api-${id}`);
      assert.equal(nested.inputs.endpointType, "NestedEndpoints");
      assert.equal(nested.inputs.minChildEndpoints, 1);
      assert.deepEqual(nested.inputs.geoMapping, geo);
      const child = getResource(plan, TM_PROFILE, `api-${id}-profile`);
      assert.equal(child.inputs.trafficRoutingMethod, "Priority");
      assert.deepEqual(child.inputs.monitorConfig, parent.inputs.monitorConfig, "same probe as the parent");
      assert.equal(getResource(plan, TM_EP, `api-${id}-via-${id}`).inputs.priority, 1);
      const backup = getResource(plan, TM_EP, `api-${id}-via-${other}`);
      assert.equal(backup.inputs.priority, 2);
      assert.equal(backup.inputs.endpointType, "ExternalEndpoints");
    }
    assert.equal(findResources(plan, TM_PROFILE).length, 3);
  });
});

describe("Cloudflare load balancer rules (items 5, 6, 9)", () => {
  const cf = (extra: object = {}) => ({ accountId: ACCOUNT, zoneId: ZONE, ...extra });
  const base = { provider: "cloudflare", zone: "example.com", record: "api", endpoints: two } as const;

  it("geo and latency need the Traffic Steering add-on below Enterprise; failover and weighted do not", async () => {
    // "Standard steering policies include Off - Failover and Random"; geo and dynamic steering are add-on policies
    // (https://developers.cloudflare.com/load-balancing/understand-basics/traffic-steering/steering-policies/).
    for (const strategy of ["geo", "latency"] as const) {
      const endpoints =
        strategy === "geo"
          ? [
              { ...two[0], geo: ["WORLD"] },
              { ...two[1], geo: ["cloudflare:WEU"] },
            ]
          : two;
      const { plan, error } = await tryRecordPlan(() => {
        new FailoverDns("api", { ...base, endpoints, strategy, cloudflare: cf({ plan: "business" }) });
      });
      assert.ok(isConfigError(error), strategy);
      assert.equal((error as any).field, "cloudflare.trafficSteering");
      assert.equal(plan.resources.length, 0);
      await record({ ...base, endpoints, strategy, cloudflare: cf({ trafficSteering: true }) });
      await record({ ...base, endpoints, strategy, cloudflare: cf({ plan: "enterprise" }) });
    }
    await record({ ...base, strategy: "failover", cloudflare: cf() });
    await record({ ...base, strategy: "weighted", cloudflare: cf() });
  });

  it("MultiRegionService checks the add-on for a latency Cloudflare front with its own field", async () => {
    const { error } = await tryRecordPlan(() => {
      new MultiRegionService("web", {
        regions: ["aws:us-east-1", "aws:eu-west-1"],
        container: { image: "nginx:1.27", port: 80 },
        routing: {
          strategy: "latency",
          dns: { provider: "cloudflare", zone: "example.com", record: "www", cloudflare: cf() },
        },
      });
    });
    assert.ok(isConfigError(error));
    assert.equal((error as any).field, "routing.dns.cloudflare.trafficSteering");
  });

  it("a non-geo load balancer sets its region and country pools to empty and manages them", async () => {
    // Cloudflare keeps region/country pools from an earlier geo configuration when they are left out; ignoring them
    // meant switching away from geo never cleared them, and a later pool delete failed.
    const lb = getResource(await record({ ...base, strategy: "failover", cloudflare: cf() }), LB);
    assert.deepEqual(lb.inputs.regionPools, {});
    assert.deepEqual(lb.inputs.countryPools, {});
    assert.ok(!lb.ignoreChanges.includes("regionPools"));
    assert.ok(!lb.ignoreChanges.includes("countryPools"));
  });

  it("never rounds a positive weight to zero (1 against ten endpoints of 255)", async () => {
    // Pool weights are 0-1 and relative to the other pools (API schema load-balancing_random_steering).
    const endpoints = [
      { id: "small", address: "small.northwind-origins.net", weight: 1 },
      ...Array.from({ length: 10 }, (_, i) => ({
        id: `big${i}`,
        address: `big${i}.northwind-origins.net`,
        weight: 255,
      })),
    ];
    const lb = getResource(await record({ ...base, endpoints, strategy: "weighted", cloudflare: cf() }), LB);
    const weights = Object.values((lb.inputs.randomSteering as any).poolWeights) as number[];
    assert.equal(weights.filter((w) => w === 1).length, 10);
    assert.ok(weights.every((w) => w > 0));
    assert.equal(Math.min(...weights), 0.004);
  });
});
