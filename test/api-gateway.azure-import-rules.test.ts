import * as assert from "node:assert";
import * as path from "node:path";
import { ApiGateway, ConfigError, ServerlessFunction } from "../lib";
import { tryRecordPlan } from "../lib/testing";

/**
 * API Management imports the generated OpenAPI document, and "we require parameter names to be unique within the
 * entire URL template. Names are case-insensitive." (API import restrictions and known issues, URL template
 * requirements: https://learn.microsoft.com/azure/api-management/api-management-api-import-restrictions). A path with
 * {id} and {Id} is two parameters to OpenAPI and one to APIM, so the import fails at deploy time: it is refused
 * before anything registers, on every cloud (a route key means the same on each gateway).
 */
const ENTRY = path.join(__dirname, "fixtures", "function-hello.ts");

describe("ApiGateway route parameters are unique ignoring case (API Management URL templates)", () => {
  for (const target of ["azure:westeurope", "aws:us-east-1"] as const) {
    it(`${target}: {id} and {Id} in one path is a ConfigError on the route, before anything registers`, async () => {
      const rec = await tryRecordPlan(() => {
        const fn = new ServerlessFunction("fn", { target, entry: ENTRY });
        new ApiGateway("api", { target, routes: { "GET /orgs/{id}/users/{Id}": fn } });
      });
      assert.ok(rec.error instanceof ConfigError, String(rec.error));
      assert.strictEqual(rec.error.field, 'routes["GET /orgs/{id}/users/{Id}"]');
      assert.match(rec.error.message, /\{id\}.*\{Id\}.*ignoring case/);
      assert.strictEqual(rec.plan.resources.filter((r) => r.type.startsWith("meridian:index:ApiGateway")).length, 0);
    });
  }
});
