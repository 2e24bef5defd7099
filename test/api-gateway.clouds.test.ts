import * as assert from "node:assert/strict";
import { ApiGateway, ApiGatewayArgs } from "../lib/api-gateway";
import { planToJson, recordPlan } from "../lib/testing";
import { FakeFunction } from "./fixtures/api-fake-function";

type Target = ApiGatewayArgs["target"];
const JWT = { jwt: { issuer: "https://auth.example.com/", audiences: ["users-api"] } };

/** The users API of the held-out shape: three routes on two functions, JWT auth, a domain, CORS. */
function usersApi(target: Target, extra: Partial<ApiGatewayArgs> = {}) {
  return () => {
    const list = new FakeFunction("list", target);
    const get = new FakeFunction("get", target);
    const api = new ApiGateway("users", {
      target,
      routes: { "GET /users": list, "GET /users/{id}": get, "POST /users": list },
      auth: JWT,
      domain: "api.example.com",
      cors: true,
      ...extra,
    });
    return { url: api.url, openapi: api.openapi };
  };
}

describe("ApiGateway determinism", () => {
  it("the same program gives the same plan, byte for byte (config ids, router source, policies)", async () => {
    for (const target of ["gcp:europe-west1", "cloudflare"] as const) {
      const a = await recordPlan(usersApi(target));
      const b = await recordPlan(usersApi(target));
      assert.equal(planToJson(a), planToJson(b), target);
    }
  });
});
