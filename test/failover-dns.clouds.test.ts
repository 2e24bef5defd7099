import * as assert from "node:assert";
import { FailoverDns } from "../lib";
import { checkPlan, formatViolation } from "../lib/policy";
import { Plan, findResources, getResource, recordPlan } from "../lib/testing";
import { DNS_CASES, failoverDnsPlan } from "./support/held-out-dns-programs";
const HC_R53 = "aws:route53/healthCheck:HealthCheck";
const two = [
  { id: "use1", address: "lb-use1.northwind-origins.net", region: "aws:us-east-1" },
  { id: "euw1", address: "lb-euw1.northwind-origins.net", region: "aws:eu-west-1" },
];

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

describe("review: FailoverDns held-out programs (every provider × strategy, defaults)", () => {
  let plan: Plan;
  before(async () => {
    plan = await failoverDnsPlan();
  });

  it("passes every policy", () => {
    assert.deepStrictEqual(checkPlan(plan).map(formatViolation), []);
  });

  it("failoverSeconds for the default configuration is the documented worst case (issue #16)", () => {
    // This test used to require Route 53 <= 60 s and proxied Cloudflare <= 30 s (15 s): both figures were not worst
    // cases. Route 53's RequestInterval counts from the last response (API_HealthCheckConfig), so (10 + 6) × 2 + 30;
    // proxied Cloudflare only retries 521/522/523/525/526 (adaptive-routing docs), so the pro monitor: 60 + 5 × 2.
    for (const c of DNS_CASES) {
      const s = plan.outputs[c.name] as number;
      if (c.provider === "route53") assert.strictEqual(s, 62, c.name);
      if (c.provider === "cloudflare") assert.strictEqual(s, 70, c.name);
    }
    // An alias takes the ELB's own 60 s TTL: documented in docs/failover-dns.md.
    assert.strictEqual(plan.outputs["r53-alias"], (10 + 6) * 2 + 60);
  });
});
