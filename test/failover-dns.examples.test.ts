import * as assert from "node:assert";
import { Plan, findResources } from "../lib/testing";
import { loadExample, recordExample } from "./support/examples";

// The dev config as `npm run plan` reads it: Pulumi.dev.yaml plus the offline stand-ins (meridian.offline.yaml)
// for the zone and addresses a user sets.
const example = loadExample("failover-dns");

function plan(overrides: Record<string, string> = {}): Promise<Plan> {
  return recordExample({
    ...example,
    config: {
      ...example.config,
      ...Object.fromEntries(Object.entries(overrides).map(([k, v]) => [`failover-dns:${k}`, v])),
    },
  });
}

describe("examples/failover-dns", () => {
  const expected: Record<string, [string, number]> = {
    // Worst cases from lib/core/failover-time.ts (docs/failover-dns.md cites each constant).
    route53: ["aws:route53/record:Record", 62],
    cloudflare: ["cloudflare:index/loadBalancerPool:LoadBalancerPool", 25],
    "azure-traffic-manager": ["azure-native:trafficmanager:Endpoint", 55],
    "gcp-cloud-dns": ["gcp:dns/recordSet:RecordSet", 65],
  };
  const plans: Record<string, Plan> = {};
  before(async () => {
    for (const provider of Object.keys(expected)) plans[provider] = await plan({ provider });
  });

  for (const [provider, [type, seconds]] of Object.entries(expected)) {
    it(`plans two regional endpoints behind ${provider}`, () => {
      const p = plans[provider];
      assert.ok(findResources(p, type).length >= 1);
      assert.strictEqual(p.outputs.fqdn, "api.example.com");
      assert.strictEqual(p.outputs.failoverSeconds, seconds);
    });
  }

  it("is deterministic: the same config gives the same plan", async () => {
    const again = await plan({ provider: "route53" });
    assert.deepStrictEqual(again, plans.route53);
  });
});
