import * as assert from "node:assert";
import * as path from "node:path";
import { ApiGateway, ConfigError, ServerlessFunction } from "../lib";
import { getResource, recordPlan, tryRecordPlan } from "../lib/testing";

/**
 * Azure: what a fresh subscription would refuse or silently not enforce (issue 15, Azure items).
 */
const ENTRY = path.join(__dirname, "fixtures", "function-hello.ts");

describe("Azure API Management throttling (issue 15 item 10)", () => {
  // "The rate-limit policy prevents API usage spikes on a per subscription basis"
  // (https://learn.microsoft.com/azure/api-management/rate-limit-policy), and rate-limit-by-key is not offered on the
  // Consumption tier (https://learn.microsoft.com/azure/api-management/rate-limit-by-key-policy, Gateways). Without API
  // keys (subscriptions) no caller would be counted: the throttle is refused, as on Google Cloud.
  it("a throttle without API keys is a ConfigError on throttle, before anything registers", async () => {
    const rec = await tryRecordPlan(() => {
      const fn = new ServerlessFunction("f", { target: "azure:westeurope", entry: ENTRY });
      new ApiGateway("a", {
        target: "azure:westeurope",
        routes: { "GET /x": fn },
        auth: { jwt: { issuer: "https://auth.example.com", audiences: ["api"] } },
        throttle: { ratePerSecond: 10, burst: 20 },
      });
    });
    assert.ok(rec.error instanceof ConfigError && rec.error.field === "throttle", String(rec.error));
    assert.match(rec.error.message, /per subscription/);
    assert.strictEqual(rec.plan.resources.filter((r) => r.type.startsWith("meridian:index:ApiGateway")).length, 0);
  });

  it("with API keys the subscription-counted rate-limit is in the policy", async () => {
    const plan = await recordPlan(() => {
      const fn = new ServerlessFunction("f", { target: "azure:westeurope", entry: ENTRY });
      new ApiGateway("a", {
        target: "azure:westeurope",
        routes: { "GET /x": fn },
        auth: { apiKey: true },
        throttle: { ratePerSecond: 10, burst: 20 },
      });
    });
    const xml = String(getResource(plan, "azure-native:apimanagement:ApiPolicy").inputs.value);
    assert.match(xml, /<rate-limit calls="20" renewal-period="2" \/>/);
    assert.strictEqual(getResource(plan, "azure-native:apimanagement:Api").inputs.subscriptionRequired, true);
  });
});
