import * as assert from "node:assert";
import { FailoverDns, FailoverDnsArgs } from "../lib";
import { Plan, PlanResource, dependsOn, findResources, getResource, hasResource, recordPlan } from "../lib/testing";
import { DNS_CASES, failoverDnsPlan } from "./support/held-out-dns-programs";
const TM_EP = "azure-native:trafficmanager:Endpoint";
const TM_PROFILE = "azure-native:trafficmanager:Profile";

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
const TM = { profile: "azure-native:trafficmanager:Profile", endpoint: "azure-native:trafficmanager:Endpoint" };

const of = (plan: Plan, type: string, component: string) =>
  findResources(plan, type).filter((r) => r.name.startsWith(`${component}-`));

describe("FailoverDns on Azure Traffic Manager", () => {
  let failover: Plan, manual: Plan, latency: Plan, geo: Plan;
  before(async () => {
    const base = {
      provider: "azure-traffic-manager",
      zone: "example.com",
      record: "api",
      azure: { resourceGroupName: "rg-dns" },
    } as const;
    failover = await record({ ...base, strategy: "failover", endpoints: two });
    manual = await record({
      ...base,
      strategy: "failover",
      endpoints: [
        ...two.map((e) => ({ ...e })),
        { id: "apse1", address: "lb-apse1.northwind-origins.net", enabled: false },
      ],
      primary: "euw1",
    });
    latency = await record({
      ...base,
      strategy: "latency",
      endpoints: [
        { ...two[0], region: "azure:eastus" },
        { ...two[1], region: "westeurope" },
      ],
    });
    geo = await record({
      ...base,
      strategy: "geo",
      endpoints: [
        { ...two[0], geo: ["GEO-NA"] },
        // Traffic Manager's own region for Oceania is GEO-AP, "Australia / Pacific" (there is no GEO-OC).
        { ...two[1], geo: ["GEO-EU", "GEO-AP"] },
      ],
    });
  });

  it("creates a global profile with a stable, globally unique DNS name, TTL and monitor", () => {
    const p = getResource(failover, TM_PROFILE);
    assert.strictEqual(p.inputs.location, "global");
    assert.strictEqual(p.inputs.trafficRoutingMethod, "Priority");
    const dns = p.inputs.dnsConfig as any;
    assert.match(dns.relativeName, /^meridian-dev-api-[a-z0-9]{8}$/);
    assert.strictEqual(dns.ttl, 30);
    assert.deepStrictEqual(p.inputs.monitorConfig, {
      protocol: "HTTPS",
      port: 443,
      path: "/",
      intervalInSeconds: 10,
      timeoutInSeconds: 5,
      toleratedNumberOfFailures: 1,
      expectedStatusCodeRanges: [{ min: 200, max: 399 }],
    });
    assert.strictEqual(p.inputs.endpoints, undefined, "no inline endpoints");
    assert.strictEqual(failover.outputs.failoverSeconds, 10 * 2 + 5 + 30);
    assert.match(failover.outputs.nativeFqdn as string, /\.trafficmanager\.net$/);
  });

  it("creates external endpoints as separate resources with unique priorities, and the vanity CNAME", () => {
    assert.strictEqual(findResources(failover, TM_EP).length, 2);
    hasResource(failover, TM_EP, {
      endpointName: "use1",
      endpointType: "ExternalEndpoints",
      target: "lb-use1.northwind-origins.net",
      priority: 2,
      endpointStatus: "Enabled",
    });
    hasResource(failover, TM_EP, { endpointName: "euw1", priority: 3 });
    const ep = byName(failover, "api-use1");
    assert.ok(ep.dependencies.includes(urnOf(failover, "api-profile")));
    hasResource(failover, "azure-native:dns:RecordSet", {
      zoneName: "example.com",
      relativeRecordSetName: "api",
      recordType: "CNAME",
      cnameRecord: {
        cname: `${(getResource(failover, TM_PROFILE).inputs.dnsConfig as any).relativeName}.trafficmanager.net`,
      },
    });
  });

  it("fails over manually by giving the chosen primary priority 1, and drains with Disabled", () => {
    hasResource(manual, TM_EP, { endpointName: "euw1", priority: 1 });
    hasResource(manual, TM_EP, { endpointName: "use1", priority: 2 });
    hasResource(manual, TM_EP, { endpointName: "apse1", endpointStatus: "Disabled" });
  });

  it("maps latency to Performance with endpoint locations, geo to Geographic with a WORLD catch-all", () => {
    hasResource(latency, TM_PROFILE, { trafficRoutingMethod: "Performance" });
    hasResource(latency, TM_EP, { endpointName: "use1", endpointLocation: "eastus" });
    hasResource(geo, TM_PROFILE, { trafficRoutingMethod: "Geographic" });
    hasResource(geo, TM_EP, { endpointName: "use1", geoMapping: ["WORLD", "GEO-NA"] });
    hasResource(geo, TM_EP, { endpointName: "euw1", geoMapping: ["GEO-EU", "GEO-AP"] });
  });
});

describe("review: FailoverDns held-out programs (every provider × strategy, defaults)", () => {
  let plan: Plan;
  before(async () => {
    plan = await failoverDnsPlan();
  });

  describe("Azure Traffic Manager", () => {
    it("endpoints are separate resources, never inline (hashicorp/terraform-provider-azurerm#6041); the DNS label is unique and deterministic (a global *.trafficmanager.net name)", () => {
      const names = new Set<string>();
      for (const c of DNS_CASES.filter((x) => x.provider === "azure-traffic-manager")) {
        const profile = getResource(plan, TM.profile, `${c.name}-profile`);
        assert.strictEqual(profile.inputs.endpoints, undefined);
        assert.ok(profile.ignoreChanges.includes("endpoints"));
        assert.strictEqual(profile.inputs.location, "global");
        const label = (profile.inputs.dnsConfig as any).relativeName as string;
        assert.match(label, /^meridian-dev-.+-[a-z0-9]{6,}$/);
        names.add(label);
        for (const e of of(plan, TM.endpoint, c.name).filter((x) => !x.name.includes("-via-"))) {
          // Geo endpoints are nested Priority profiles (issue #16 item 3: a Geographic profile never fails over an
          // external endpoint); the others are external endpoints.
          assert.strictEqual(e.inputs.endpointType, c.strategy === "geo" ? "NestedEndpoints" : "ExternalEndpoints");
          assert.ok(dependsOn(plan, e, profile));
        }
      }
      assert.strictEqual(names.size, 4);
    });

    it("Performance endpoints carry endpointLocation and geographic profiles a WORLD catch-all (https://learn.microsoft.com/azure/traffic-manager/traffic-manager-routing-methods#geographic)", () => {
      for (const e of of(plan, TM.endpoint, "tm-latency")) assert.ok(e.inputs.endpointLocation, e.name);
      assert.ok(
        of(plan, TM.endpoint, "tm-geo").some((e) =>
          ((e.inputs.geoMapping as string[] | undefined) ?? []).includes("WORLD"),
        ),
      );
      const mc = of(plan, TM.profile, "tm-failover")[0].inputs.monitorConfig as any;
      assert.ok(
        [10, 30].includes(mc.intervalInSeconds) &&
          mc.timeoutInSeconds >= 5 &&
          mc.timeoutInSeconds <= (mc.intervalInSeconds === 10 ? 9 : 10),
      );
    });

    it("drain disables the endpoint; manual failover gives the chosen endpoint priority 1", () => {
      assert.strictEqual(getResource(plan, TM.endpoint, "tm-drain-eu").inputs.endpointStatus, "Disabled");
      assert.strictEqual(getResource(plan, TM.endpoint, "tm-manual-eu").inputs.priority, 1);
      const priorities = findResources(plan, TM.endpoint)
        .filter((e) => e.name.startsWith("tm-manual-"))
        .map((e) => e.inputs.priority);
      assert.strictEqual(new Set(priorities).size, priorities.length);
    });
  });
});
