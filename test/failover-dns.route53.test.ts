import * as pulumi from "@pulumi/pulumi";
import * as assert from "node:assert";
import { FailoverDns, FailoverDnsArgs } from "../lib";
import { Plan, PlanResource, dependsOn, findResources, getResource, hasResource, recordPlan } from "../lib/testing";
import { DNS_CASES, failoverDnsPlan } from "./support/held-out-dns-programs";
const HC_R53 = "aws:route53/healthCheck:HealthCheck";
const REC_R53 = "aws:route53/record:Record";

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

const R53 = { hc: "aws:route53/healthCheck:HealthCheck", record: "aws:route53/record:Record" };

const of = (plan: Plan, type: string, component: string) =>
  findResources(plan, type).filter((r) => r.name.startsWith(`${component}-`));

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
      endpoints: [...two, { id: "apse1", address: "lb-apse1.northwind-origins.net" }],
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
      fqdn: "lb-use1.northwind-origins.net",
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
      records: ["lb-use1.northwind-origins.net"],
      failoverRoutingPolicies: [{ type: "PRIMARY" }],
    });
    hasResource(failover, REC_R53, {
      name: "api.example.com",
      type: "CNAME",
      records: ["lb-euw1.northwind-origins.net"],
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
    hasResource(weighted, HC_R53, { fqdn: "lb-euw1.northwind-origins.net", disabled: true, invertHealthcheck: true });
    hasResource(weighted, HC_R53, { fqdn: "lb-use1.northwind-origins.net", disabled: false, invertHealthcheck: false });
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
    hasResource(manual, HC_R53, { fqdn: "lb-use1.northwind-origins.net", disabled: true, invertHealthcheck: true });
    hasResource(manual, HC_R53, { fqdn: "lb-euw1.northwind-origins.net", disabled: false });
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

describe("review: FailoverDns held-out programs (every provider × strategy, defaults)", () => {
  let plan: Plan;
  before(async () => {
    plan = await failoverDnsPlan();
  });

  describe("Route 53", () => {
    it("ties every endpoint record to its own health check; only chained-tier aliases have none (they evaluate target health)", () => {
      for (const c of DNS_CASES.filter((x) => x.provider === "route53")) {
        assert.strictEqual(of(plan, R53.hc, c.name).length, c.count, c.name);
        for (const r of of(plan, R53.record, c.name)) {
          const alias = (r.inputs.aliases as any[] | undefined)?.[0];
          if (r.inputs.healthCheckId === undefined) {
            assert.ok(
              alias && alias.evaluateTargetHealth === true && /^tier\d+$/.test(r.inputs.setIdentifier as string),
              `${r.name} has no health check`,
            );
            continue;
          }
          const id = (r.inputs.setIdentifier as string).split("-")[0];
          assert.ok(
            dependsOn(plan, r, getResource(plan, R53.hc, `${c.name}-${id}-health`)),
            `${r.name} is not tied to its endpoint's check`,
          );
        }
        const ids = of(plan, R53.record, c.name)
          .map((r) => r.inputs.healthCheckId)
          .filter((x) => x !== undefined);
        assert.strictEqual(
          new Set(ids).size,
          new Set(
            of(plan, R53.record, c.name)
              .filter((r) => r.inputs.healthCheckId)
              .map((r) => (r.inputs.setIdentifier as string).split("-")[0]),
          ).size,
        );
      }
    });

    it("derives setIdentifier from the endpoint id, unique per name, replaced delete-first when it changes (hashicorp/terraform-provider-aws#7199, hashicorp/terraform#330)", () => {
      for (const c of DNS_CASES.filter((x) => x.provider === "route53")) {
        const records = of(plan, R53.record, c.name);
        const keys = records.map((r) => `${r.inputs.name} ${r.inputs.setIdentifier}`);
        assert.strictEqual(new Set(keys).size, keys.length, `${c.name}: duplicate setIdentifier`);
        for (const r of records) {
          assert.ok(typeof r.inputs.setIdentifier === "string" && (r.inputs.setIdentifier as string).length > 0);
          assert.ok(r.replaceOnChanges.includes("setIdentifier"), r.name);
          assert.strictEqual(r.deleteBeforeReplace, true, r.name);
        }
      }
      assert.deepStrictEqual(
        of(plan, R53.record, "r53-latency")
          .map((r) => r.inputs.setIdentifier)
          .sort(),
        ["eu", "us"],
      );
    });

    it("sets requestInterval explicitly (10 or 30) and never measureLatency (hashicorp/terraform-provider-aws#23514, aws/aws-cdk#27536)", () => {
      for (const h of findResources(plan, R53.hc)) {
        assert.ok([10, 30].includes(h.inputs.requestInterval as number), h.name);
        assert.strictEqual(h.inputs.measureLatency, undefined, h.name);
        assert.ok((h.inputs.failureThreshold as number) >= 1 && (h.inputs.failureThreshold as number) <= 10);
      }
    });

    it("failover: one PRIMARY and one SECONDARY per name, three endpoints chained through an alias tier (Route 53 failover has PRIMARY and SECONDARY only)", () => {
      const records = of(plan, R53.record, "r53-failover");
      const byName = new Map<string, string[]>();
      for (const r of records)
        byName.set(r.inputs.name as string, [
          ...(byName.get(r.inputs.name as string) ?? []),
          (r.inputs.failoverRoutingPolicies as any[])[0].type,
        ]);
      assert.strictEqual(byName.size, 2);
      for (const types of byName.values()) assert.deepStrictEqual(types.sort(), ["PRIMARY", "SECONDARY"]);
      for (const r of records.filter((x) => (x.inputs.failoverRoutingPolicies as any[])[0].type === "PRIMARY"))
        assert.ok(
          r.inputs.healthCheckId,
          "a non-alias PRIMARY needs a health check (kubernetes-sigs/external-dns#2362)",
        );
    });

    it("geo: has the default (*) record (https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/routing-policy-geo.html)", () => {
      const geos = of(plan, R53.record, "r53-geo").map((r) => (r.inputs.geolocationRoutingPolicies as any[])[0]);
      assert.ok(geos.some((g) => g.country === "*"));
    });

    it("aliases to ELBs evaluate target health (https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resource-record-sets-values-alias.html#rrsets-values-alias-evaluate-target-health)", () => {
      for (const r of findResources(plan, R53.record).filter((x) => x.name.startsWith("r53-alias-"))) {
        assert.strictEqual((r.inputs.aliases as any[])[0].evaluateTargetHealth, true);
        assert.strictEqual(r.inputs.ttl, undefined, "alias records take no TTL");
        assert.ok(r.inputs.healthCheckId);
      }
    });

    it("drain and manual failover hold an endpoint out through its health check, keeping the record", () => {
      const held = (name: string) => getResource(plan, R53.hc, name).inputs;
      assert.deepStrictEqual(
        [held("r53-drain-eu-health").disabled, held("r53-drain-eu-health").invertHealthcheck],
        [true, true],
      );
      assert.deepStrictEqual(
        [held("r53-manual-us-health").disabled, held("r53-manual-us-health").invertHealthcheck],
        [true, true],
      );
      assert.strictEqual(held("r53-manual-eu-health").disabled, false);
      assert.strictEqual(findResources(plan, R53.record).filter((r) => r.name.startsWith("r53-drain-")).length, 4);
    });
  });
});
