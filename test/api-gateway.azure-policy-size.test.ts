import * as assert from "node:assert";
import * as path from "node:path";
import { ApiGateway, ConfigError, ServerlessFunction } from "../lib";
import { getResource, recordPlan, tryRecordPlan } from "../lib/testing";

/**
 * "In the Consumption tier, policy document size is limited to 16 KiB." (API Management service limits,
 * MicrosoftDocs/azure-docs includes/api-management-service-limits.md, on
 * https://learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits#api-management-limits).
 * The API policy picks each operation's backend, so it grows with the routes: one that would not fit is a
 * ConfigError on routes before anything registers, and operations of the first function (the `otherwise` backend)
 * add nothing to it.
 */
const ENTRY = path.join(__dirname, "fixtures", "function-hello.ts");
const LIMIT = 16 * 1024;

function gateway(routesToSecond: number, routesToFirst = 1) {
  return () => {
    const first = new ServerlessFunction("first", { target: "azure:westeurope", entry: ENTRY });
    const second = new ServerlessFunction("second", { target: "azure:westeurope", entry: ENTRY });
    const routes: Record<string, ServerlessFunction> = {};
    for (let i = 0; i < routesToFirst; i++) routes[`GET /first/resource-${i}/{id}`] = first;
    for (let i = 0; i < routesToSecond; i++) routes[`GET /second/resource-${i}/{id}`] = second;
    new ApiGateway("api", { target: "azure:westeurope", routes });
  };
}
const policyOf = async (program: () => void) =>
  String(getResource(await recordPlan(program), "azure-native:apimanagement:ApiPolicy").inputs.value);

describe("ApiGateway on Azure: the API policy fits API Management Consumption's 16 KiB", function () {
  this.timeout(120_000);

  it("routes of the first function add no backend condition; the policy stays small", async () => {
    const few = await policyOf(gateway(1, 1));
    const many = await policyOf(gateway(1, 200));
    assert.strictEqual(many, few, "200 routes of the first function change nothing");
    assert.strictEqual((few.match(/<when /g) ?? []).length, 1);
    assert.ok(Buffer.byteLength(many) <= LIMIT);
  });

  it("a path whose operations all go to one function (ANY) takes one condition, on its URL template", async () => {
    const policy = await policyOf(() => {
      const first = new ServerlessFunction("first", { target: "azure:westeurope", entry: ENTRY });
      const second = new ServerlessFunction("second", { target: "azure:westeurope", entry: ENTRY });
      new ApiGateway("api", {
        target: "azure:westeurope",
        routes: { "GET /": first, "ANY /orders/{id}": second, "GET /users": first, "POST /users": second },
      });
    });
    const whens = policy.match(/<when condition="[^"]*">/g) ?? [];
    assert.deepStrictEqual(whens, [
      '<when condition="@(context.Operation.UrlTemplate == &quot;/orders/{id}&quot;)">',
      '<when condition="@(context.Operation.Method == &quot;POST&quot; &amp;&amp; context.Operation.UrlTemplate == &quot;/users&quot;)">',
    ]);
  });

  it("a policy over 16 KiB is a ConfigError on routes, before anything registers", async () => {
    const rec = await tryRecordPlan(gateway(150));
    assert.ok(rec.error instanceof ConfigError && rec.error.field === "routes", String(rec.error));
    assert.match(rec.error.message, /\d+ bytes.*16 KiB/);
    assert.strictEqual(rec.plan.resources.filter((r) => r.type.startsWith("meridian:index:ApiGateway")).length, 0);
  });

  it("the largest accepted policy is within 16 KiB", async () => {
    let n = 1;
    while ((await tryRecordPlan(gateway(n + 10))).error === undefined) n += 10;
    const policy = await policyOf(gateway(n));
    assert.ok(Buffer.byteLength(policy) <= LIMIT, `${Buffer.byteLength(policy)} bytes`);
  });
});
