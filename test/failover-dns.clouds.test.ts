import * as assert from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { FailoverDns, FailoverDnsArgs } from "../lib";
import { Plan, PlanResource, findResources, getResource, hasResource, recordPlan } from "../lib/testing";

// trafficSteering: geo and latency need Cloudflare's Traffic Steering add-on below Enterprise (issue #16 item 5).
const CF = {
  accountId: "0123456789abcdef0123456789abcdef",
  zoneId: "fedcba9876543210fedcba9876543210",
  trafficSteering: true,
};
const HC_R53 = "aws:route53/healthCheck:HealthCheck";
const REC_R53 = "aws:route53/record:Record";
const POOL = "cloudflare:index/loadBalancerPool:LoadBalancerPool";
const LB = "cloudflare:index/loadBalancer:LoadBalancer";
const TM_EP = "azure-native:trafficmanager:Endpoint";
const TM_PROFILE = "azure-native:trafficmanager:Profile";
const GCP_RS = "gcp:dns/recordSet:RecordSet";
const GCP_HC = "gcp:compute/healthCheck:HealthCheck";

function record(args: FailoverDnsArgs, name = "api"): Promise<Plan> {
  return recordPlan(() => {
    const d = new FailoverDns(name, args);
    return { fqdn: d.fqdn, failoverSeconds: d.failoverSeconds, nativeFqdn: d.nativeFqdn };
  });
}
const byName = (plan: Plan, name: string): PlanResource => plan.resources.find((r) => r.name === name)!;
const urnOf = (plan: Plan, name: string) => byName(plan, name).urn;
const two = [
  { id: "use1", address: "lb-use1.example.net", region: "aws:us-east-1" },
  { id: "euw1", address: "lb-euw1.example.net", region: "aws:eu-west-1" },
];

describe("FailoverDns on Route 53", () => {
  let failover: Plan, three: Plan, latency: Plan, weighted: Plan, geo: Plan, alias: Plan, manual: Plan;
  before(async () => {
    const base = {
      provider: "route53",
      zone: "example.com",
      record: "api",
      route53: { zoneId: "Z0123456789ABCDEFGHIJ" },
    } as const;
    failover = await record({ ...base, strategy: "failover", endpoints: two, healthCheck: { path: "/healthz" } });
    three = await record({
      ...base,
      strategy: "failover",
      endpoints: [...two, { id: "apse1", address: "lb-apse1.example.net" }],
    });
    latency = await record({ ...base, strategy: "latency", endpoints: two, ttlSeconds: 60 });
    weighted = await record({
      ...base,
      strategy: "weighted",
      endpoints: [
        { ...two[0], weight: 3 },
        { ...two[1], weight: 1, enabled: false },
      ],
    });
    geo = await record({
      ...base,
      strategy: "geo",
      endpoints: [
        // Route 53's continents are spelled "continent:XX" (GEO-XX is Traffic Manager's, with other members).
        { ...two[0], geo: ["continent:NA", "US-CA"] },
        { ...two[1], geo: ["continent:EU", "GB"] },
      ],
    });
    alias = await record({
      ...base,
      strategy: "failover",
      endpoints: [
        { id: "use1", address: "my-alb-123.us-east-1.elb.amazonaws.com" },
        {
          id: "euw1",
          address: pulumi.output("d-abc.execute-api.eu-west-1.amazonaws.com"),
          aliasZoneId: "ZLY8HYME6SFDD",
        },
      ],
    });
    manual = await record({ ...base, strategy: "failover", endpoints: two, primary: "euw1" });
  });

  it("creates one health check and one record per endpoint, each record tied to its check", () => {
    assert.strictEqual(findResources(failover, HC_R53).length, 2);
    assert.strictEqual(findResources(failover, REC_R53).length, 2);
    hasResource(failover, HC_R53, {
      type: "HTTPS",
      fqdn: "lb-use1.example.net",
      port: 443,
      resourcePath: "/healthz",
      requestInterval: 10,
      failureThreshold: 2,
      enableSni: true,
      disabled: false,
      invertHealthcheck: false,
    });
    for (const id of ["use1", "euw1"]) {
      const rec = byName(failover, `api-${id}`);
      assert.strictEqual(rec.inputs.setIdentifier, id);
      assert.ok(
        rec.dependencies.includes(urnOf(failover, `api-${id}-health`)),
        `record ${id} depends on its health check`,
      );
      assert.strictEqual(typeof rec.inputs.healthCheckId, "string");
      assert.strictEqual(rec.deleteBeforeReplace, true);
      assert.deepStrictEqual(rec.replaceOnChanges, ["setIdentifier"]);
    }
  });

  it("maps failover to PRIMARY/SECONDARY CNAMEs with the TTL", () => {
    hasResource(failover, REC_R53, {
      name: "api.example.com",
      type: "CNAME",
      ttl: 30,
      records: ["lb-use1.example.net"],
      failoverRoutingPolicies: [{ type: "PRIMARY" }],
    });
    hasResource(failover, REC_R53, {
      name: "api.example.com",
      type: "CNAME",
      records: ["lb-euw1.example.net"],
      failoverRoutingPolicies: [{ type: "SECONDARY" }],
    });
  });

  it("reports failoverSeconds by default: (10 s interval + 6 s probe) x 2 + 30 s TTL", () => {
    // RequestInterval counts from the last response, so a cycle is interval + timeout
    // (https://docs.aws.amazon.com/Route53/latest/APIReference/API_HealthCheckConfig.html).
    assert.strictEqual(failover.outputs.failoverSeconds, 62);
    assert.strictEqual(failover.outputs.fqdn, "api.example.com");
    assert.strictEqual(latency.outputs.failoverSeconds, (10 + 6) * 2 + 60);
  });

  it("chains a third failover tier through an alias SECONDARY", () => {
    hasResource(three, REC_R53, {
      name: "api.example.com",
      setIdentifier: "use1",
      failoverRoutingPolicies: [{ type: "PRIMARY" }],
    });
    hasResource(three, REC_R53, {
      name: "api.example.com",
      setIdentifier: "tier2",
      failoverRoutingPolicies: [{ type: "SECONDARY" }],
      aliases: [{ name: "_tier2.api.example.com", zoneId: "Z0123456789ABCDEFGHIJ", evaluateTargetHealth: true }],
    });
    hasResource(three, REC_R53, {
      name: "_tier2.api.example.com",
      setIdentifier: "euw1",
      failoverRoutingPolicies: [{ type: "PRIMARY" }],
    });
    hasResource(three, REC_R53, {
      name: "_tier2.api.example.com",
      setIdentifier: "apse1",
      failoverRoutingPolicies: [{ type: "SECONDARY" }],
    });
    assert.strictEqual(findResources(three, HC_R53).length, 3);
  });

  it("maps latency to the endpoints' AWS regions", () => {
    hasResource(latency, REC_R53, {
      setIdentifier: "use1",
      latencyRoutingPolicies: [{ region: "us-east-1" }],
      ttl: 60,
    });
    hasResource(latency, REC_R53, { setIdentifier: "euw1", latencyRoutingPolicies: [{ region: "eu-west-1" }] });
  });

  it("drains with weight 0 and a held-out (disabled + inverted) health check, keeping record and check", () => {
    hasResource(weighted, REC_R53, { setIdentifier: "use1", weightedRoutingPolicies: [{ weight: 3 }] });
    hasResource(weighted, REC_R53, { setIdentifier: "euw1", weightedRoutingPolicies: [{ weight: 0 }] });
    hasResource(weighted, HC_R53, { fqdn: "lb-euw1.example.net", disabled: true, invertHealthcheck: true });
    hasResource(weighted, HC_R53, { fqdn: "lb-use1.example.net", disabled: false, invertHealthcheck: false });
  });

  it("maps geo to one record per location plus the mandatory default (*) record", () => {
    hasResource(geo, REC_R53, { setIdentifier: "use1-geo-na", geolocationRoutingPolicies: [{ continent: "NA" }] });
    hasResource(geo, REC_R53, {
      setIdentifier: "use1-us-ca",
      geolocationRoutingPolicies: [{ country: "US", subdivision: "CA" }],
    });
    hasResource(geo, REC_R53, { setIdentifier: "euw1-gb", geolocationRoutingPolicies: [{ country: "GB" }] });
    hasResource(geo, REC_R53, { setIdentifier: "use1-default", geolocationRoutingPolicies: [{ country: "*" }] });
    for (const r of findResources(geo, REC_R53)) assert.strictEqual(typeof r.inputs.healthCheckId, "string");
  });

  it("uses alias records with evaluateTargetHealth for ELB and API Gateway targets", () => {
    const elb = hasResource(alias, REC_R53, {
      setIdentifier: "use1",
      type: "A",
      aliases: [{ name: "my-alb-123.us-east-1.elb.amazonaws.com", evaluateTargetHealth: true }],
    });
    assert.strictEqual(elb.inputs.ttl, undefined);
    hasResource(alias, REC_R53, {
      setIdentifier: "euw1",
      type: "A",
      aliases: [
        { name: "d-abc.execute-api.eu-west-1.amazonaws.com", zoneId: "ZLY8HYME6SFDD", evaluateTargetHealth: true },
      ],
    });
    assert.strictEqual(alias.outputs.failoverSeconds, (10 + 6) * 2 + 60);
  });

  it("fails over manually by holding out the endpoints above the chosen primary, without swapping record roles", () => {
    hasResource(manual, REC_R53, { setIdentifier: "use1", failoverRoutingPolicies: [{ type: "PRIMARY" }] });
    hasResource(manual, HC_R53, { fqdn: "lb-use1.example.net", disabled: true, invertHealthcheck: true });
    hasResource(manual, HC_R53, { fqdn: "lb-euw1.example.net", disabled: false });
    // Same URNs as without the override: nothing is replaced.
    assert.deepStrictEqual(manual.resources.map((r) => r.urn).sort(), failover.resources.map((r) => r.urn).sort());
  });

  it("keeps identifiers stable across runs and endpoint reordering", async () => {
    const again = await record({
      provider: "route53",
      zone: "example.com",
      record: "api",
      strategy: "failover",
      endpoints: [two[1], two[0]].map((e, i) => ({ ...e, priority: 2 - i })),
      route53: { zoneId: "Z0123456789ABCDEFGHIJ" },
      healthCheck: { path: "/healthz" },
    });
    assert.deepStrictEqual(again.resources.map((r) => r.urn).sort(), failover.resources.map((r) => r.urn).sort());
    hasResource(again, REC_R53, { setIdentifier: "use1", failoverRoutingPolicies: [{ type: "PRIMARY" }] });
  });
});

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
    assert.deepStrictEqual((pool.inputs.origins as any[])[0].address, "lb-use1.example.net");
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
      endpoints: [...two.map((e) => ({ ...e })), { id: "apse1", address: "lb-apse1.example.net", enabled: false }],
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
      target: "lb-use1.example.net",
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

describe("FailoverDns on Google Cloud DNS", () => {
  let failover: Plan, weighted: Plan, geo: Plan;
  const ips = [
    { id: "use4", address: "34.120.0.10", region: "gcp:us-east4" },
    { id: "euw1", address: "34.120.0.20", region: "gcp:europe-west1" },
    { id: "asse1", address: "34.120.0.30", region: "asia-southeast1" },
  ];
  before(async () => {
    const base = {
      provider: "gcp-cloud-dns",
      zone: "example.com",
      record: "api",
      gcp: { managedZone: "example-com", project: "acme-prod" },
    } as const;
    failover = await record({ ...base, strategy: "failover", endpoints: ips, primary: "euw1" });
    weighted = await record({
      ...base,
      strategy: "weighted",
      endpoints: [
        { ...ips[0], weight: 2 },
        { ...ips[1], enabled: false },
      ],
    });
    geo = await record({
      ...base,
      strategy: "geo",
      endpoints: [ips[0], { ...ips[1], geo: ["europe-west1", "europe-west4"] }],
    });
  });

  it("creates a global health check with exactly three source regions and a >= 30 s interval", () => {
    const hc = getResource(failover, GCP_HC);
    assert.deepStrictEqual(hc.inputs.sourceRegions, ["us-east4", "europe-west1", "asia-southeast1"]);
    assert.strictEqual(hc.inputs.checkIntervalSec, 30);
    assert.deepStrictEqual(hc.inputs.httpsHealthCheck, { port: 443, requestPath: "/", host: "api.example.com" });
    assert.strictEqual(failover.outputs.failoverSeconds, 30 + 5 + 30);
  });

  it("maps failover to primaryBackup with health-checked external endpoints, the manual primary first", () => {
    const rs = getResource(failover, GCP_RS);
    assert.strictEqual(rs.inputs.name, "api.example.com.");
    assert.ok(rs.dependencies.includes(getResource(failover, GCP_HC).urn));
    const policy = rs.inputs.routingPolicy as any;
    assert.strictEqual(typeof policy.healthCheck, "string");
    assert.deepStrictEqual(policy.primaryBackup.primary, { externalEndpoints: ["34.120.0.20"] });
    assert.deepStrictEqual(policy.primaryBackup.backupGeos, [
      { location: "us-east4", healthCheckedTargets: { externalEndpoints: ["34.120.0.10"] } },
      { location: "asia-southeast1", healthCheckedTargets: { externalEndpoints: ["34.120.0.30"] } },
    ]);
  });

  it("maps weighted to wrrs (drained = weight 0) and geo to geos by GCP region", () => {
    const wrrs = (getResource(weighted, GCP_RS).inputs.routingPolicy as any).wrrs;
    assert.deepStrictEqual(
      wrrs.map((w: any) => w.weight),
      [2, 0],
    );
    const geos = (getResource(geo, GCP_RS).inputs.routingPolicy as any).geos;
    assert.deepStrictEqual(
      geos.map((g: any) => g.location),
      ["us-east4", "europe-west1", "europe-west4"],
    );
  });
});

describe("FailoverDns transform", () => {
  it("lets a caller change a child's args before it is created", async () => {
    const plan = await recordPlan(
      () =>
        new FailoverDns("api", {
          provider: "route53",
          zone: "example.com",
          record: "api",
          strategy: "failover",
          endpoints: two,
          route53: { zoneId: "Z0123456789ABCDEFGHIJ" },
          transform: {
            healthCheck: (args: any) => {
              args.measureLatency = true;
            },
          },
        }),
    );
    for (const hc of findResources(plan, HC_R53)) assert.strictEqual(hc.inputs.measureLatency, true);
    assert.strictEqual(getResource(plan, "meridian:index:FailoverDns").type, "meridian:index:FailoverDns");
  });
});
