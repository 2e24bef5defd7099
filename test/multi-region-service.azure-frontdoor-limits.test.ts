import * as assert from "node:assert";
import { ConfigError, MultiRegionService, MultiRegionServiceArgs } from "../lib";
import { findResources, recordPlan, tryRecordPlan } from "../lib/testing";

/**
 * Front Door origin fields, as the AFD origin API documents them (https://learn.microsoft.com/rest/api/frontdoor/
 * azurefrontdoorstandardpremium/afd-origins/create; the same text is in the pinned SDK, @pulumi/azure-native
 * cdn/afdorigin.d.ts):
 * - priority: "Higher priorities will not be used for load balancing if any lower priority origin is healthy. Must
 *   be between 1 and 5";
 * - weight: "Weight of the origin in given origin group for load balancing. Must be between 1 and 1000".
 */
const container = { image: "ghcr.io/acme/web:1.0.0", port: 8080 };
const SIX = [
  "azure:westeurope",
  "azure:eastus",
  "azure:southeastasia",
  "azure:northeurope",
  "azure:westus2",
  "azure:japaneast",
] as const;

const service = (args: Partial<MultiRegionServiceArgs>) => () =>
  void new MultiRegionService("web", { regions: [...SIX], container, ...args } as MultiRegionServiceArgs);

describe("MultiRegionService on Azure Front Door: origin priority and weight ranges", () => {
  it("failover across more than 5 regions is a ConfigError before anything registers (priorities are 1-5)", async () => {
    const rec = await tryRecordPlan(service({ routing: { strategy: "failover" } }));
    assert.ok(rec.error instanceof ConfigError && rec.error.field === "regions", String(rec.error));
    assert.match(rec.error.message, /6 regions.*priorit(y|ies) 1-5/);
    assert.strictEqual(rec.plan.resources.length, 0);
  });

  it("failover across 5 regions gives 5 distinct priorities 1-5, in order", async () => {
    const plan = await recordPlan(() => {
      new MultiRegionService("web", { regions: SIX.slice(0, 5), container, routing: { strategy: "failover" } });
    });
    const priorities = findResources(plan, "azure-native:cdn:AFDOrigin").map((o) => o.inputs.priority);
    assert.deepStrictEqual([...priorities].sort(), [1, 2, 3, 4, 5]);
  });

  it("weights up to Front Door's 1000 are accepted and land as given", async () => {
    const plan = await recordPlan(
      service({
        regions: ["azure:westeurope", "azure:eastus"],
        routing: { strategy: "weighted" },
        perRegion: { "azure:westeurope": { weight: 1000 }, "azure:eastus": { weight: 300 } },
      }),
    );
    const weights = Object.fromEntries(
      findResources(plan, "azure-native:cdn:AFDOrigin").map((o) => [o.name, o.inputs.weight]),
    );
    assert.deepStrictEqual(weights, { "web-origin-westeurope": 1000, "web-origin-eastus": 300 });
  });

  it("a weight above 1000 on Front Door is a ConfigError naming Front Door's range", async () => {
    const rec = await tryRecordPlan(
      service({
        regions: ["azure:westeurope", "azure:eastus"],
        routing: { strategy: "weighted" },
        perRegion: { "azure:westeurope": { weight: 1001 } },
      }),
    );
    assert.ok(rec.error instanceof ConfigError && rec.error.field === "perRegion.azure:westeurope.weight");
    assert.match(rec.error.message, /1001.*0-1000.*Front Door/);
    assert.strictEqual(rec.plan.resources.length, 0);
  });

  // Route 53: "Weight ... an integer between 0 and 255"
  // (https://docs.aws.amazon.com/Route53/latest/APIReference/API_ResourceRecordSet.html).
  it("on a DNS front the weight range stays 0-255 (Route 53 record weights)", async () => {
    const rec = await tryRecordPlan(
      service({
        regions: ["aws:us-east-1", "aws:eu-west-1"],
        routing: {
          strategy: "weighted",
          dns: { provider: "route53", zone: "example.com", record: "www", route53: { zoneId: "Z0123456789ABC" } },
        },
        perRegion: { "aws:us-east-1": { weight: 256 } },
      }),
    );
    assert.ok(
      rec.error instanceof ConfigError && rec.error.field === "perRegion.aws:us-east-1.weight",
      String(rec.error),
    );
    assert.match(rec.error.message, /256/);
  });
});
