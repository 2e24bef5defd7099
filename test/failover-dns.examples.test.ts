import * as assert from "node:assert";
import * as fs from "fs";
import * as YAML from "yaml";
import { Plan, findResources, programFromFile, recordPlan } from "../lib/testing";

const DIR = "examples/failover-dns";
const program = programFromFile(`${DIR}/index.ts`);
const stackConfig: Record<string, string> = YAML.parse(fs.readFileSync(`${DIR}/Pulumi.dev.yaml`, "utf8")).config;

function plan(overrides: Record<string, string> = {}): Promise<Plan> {
  return recordPlan(program, {
    project: "failover-dns",
    stack: "dev",
    config: {
      ...stackConfig,
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
