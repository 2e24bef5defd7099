import * as assert from "node:assert";
import * as path from "node:path";
import { ApiGateway, ServerlessFunction } from "../lib";
import { Plan, getResource, recordPlan } from "../lib/testing";

/**
 * `ANY` routes with `cors` (issue 15 items 8 and 11). A CORS preflight is an OPTIONS request without credentials
 * (https://fetch.spec.whatwg.org/#cors-preflight-fetch): it must never meet authentication.
 * - Google API Gateway: the OPTIONS operation must be unauthenticated (`security: []`) or the document-wide security
 *   answers the preflight 401 (https://cloud.google.com/api-gateway/docs/openapi-overview#security, operation-level
 *   `security` overrides the top-level one; https://cloud.google.com/endpoints/docs/openapi/support-cors).
 * - Azure API Management: the API-scope cors policy answers preflights
 *   (https://learn.microsoft.com/azure/api-management/cors-policy); an imported OPTIONS operation would route them to
 *   the backend instead, so `ANY` expands to no OPTIONS operation there.
 */
const ENTRY = path.join(__dirname, "fixtures", "function-hello.ts");
const JWT = { jwt: { issuer: "https://auth.example.com", audiences: ["api"] } };

const program = (target: "gcp:us-central1" | "azure:westeurope", auth: object) => () => {
  const fn = new ServerlessFunction("app", { target, entry: ENTRY });
  new ApiGateway("api", {
    target,
    routes: { "ANY /items/{id}": fn, "GET /health": fn },
    cors: true,
    auth: auth as any,
  });
};

function swagger(plan: Plan): any {
  const config = getResource(plan, "gcp:apigateway/apiConfig:ApiConfig");
  const doc = (config.inputs.openapiDocuments as any[])[0].document.contents;
  return JSON.parse(Buffer.from(String(doc), "base64").toString());
}

describe("CORS preflights through ANY routes (issue 15 items 8 and 11)", () => {
  for (const [label, auth] of [
    ["JWT", JWT],
    ["API keys", { apiKey: true }],
  ] as const) {
    it(`Google: every OPTIONS operation is unauthenticated under ${label}, the others keep the document's security`, async () => {
      const doc = swagger(await recordPlan(program("gcp:us-central1", auth), { config: { "gcp:project": "p-test" } }));
      assert.ok(Array.isArray(doc.security) && doc.security.length === 1);
      for (const [p, item] of Object.entries<any>(doc.paths)) {
        assert.ok(item.options, `${p} has an OPTIONS operation`);
        assert.deepStrictEqual(item.options.security, [], `${p} OPTIONS falls under the document-wide security`);
        assert.strictEqual(item.options["x-google-quota"], undefined, "no per-key quota on a keyless preflight");
        assert.strictEqual(item.get.security, undefined, `${p} GET keeps the document-wide security`);
      }
    });
  }

  it("Azure: ANY imports no OPTIONS operation with cors, so the cors policy answers the preflight", async () => {
    const plan = await recordPlan(program("azure:westeurope", JWT));
    const doc = JSON.parse(String(getResource(plan, "azure-native:apimanagement:Api").inputs.value));
    assert.strictEqual(doc.paths["/items/{id}"].options, undefined);
    assert.ok(doc.paths["/items/{id}"].delete, "the other methods of ANY stay");
    const xml = String(getResource(plan, "azure-native:apimanagement:ApiPolicy").inputs.value);
    assert.ok(xml.indexOf("<cors") < xml.indexOf("<validate-jwt"), "cors comes before JWT validation");
    assert.doesNotMatch(xml, /Method == &quot;OPTIONS&quot;/);
  });

  it("Azure without cors: ANY still includes OPTIONS (nothing else answers it)", async () => {
    const plan = await recordPlan(() => {
      const fn = new ServerlessFunction("app", { target: "azure:westeurope", entry: ENTRY });
      new ApiGateway("api", { target: "azure:westeurope", routes: { "ANY /items/{id}": fn } });
    });
    const doc = JSON.parse(String(getResource(plan, "azure-native:apimanagement:Api").inputs.value));
    assert.ok(doc.paths["/items/{id}"].options);
  });
});
