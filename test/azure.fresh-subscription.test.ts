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

describe("Azure role assignment names (issue 15 item 14)", () => {
  // A role assignment's name is a GUID; ARM templates derive it from scope, role and principal with guid(...) so a
  // redeploy targets the same assignment (https://learn.microsoft.com/azure/role-based-access-control/role-assignments-template#name).
  const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
  const program = () =>
    void new ServerlessFunction("f", {
      target: "azure:westeurope",
      entry: ENTRY,
      secrets: { TOKEN: "s3cret" },
      triggers: [{ type: "http" }, { type: "queue" }],
    });

  it("every assignment is named by a GUID derived from scope, role and principal: stable and distinct", async () => {
    const names = async () =>
      (await recordPlan(program)).resources
        .filter((r) => r.type === "azure-native:authorization:RoleAssignment")
        .map((r) => String(r.inputs.roleAssignmentName));
    const first = await names();
    assert.ok(first.length >= 3);
    for (const n of first) assert.match(n, GUID);
    assert.strictEqual(new Set(first).size, first.length, "one name per (scope, role, principal)");
    assert.deepStrictEqual(await names(), first, "the same inputs give the same names");
  });
});
