import SwaggerParser from "@apidevtools/swagger-parser";
import * as assert from "node:assert/strict";
import { ApiGateway, ApiGatewayArgs } from "../../lib/api-gateway";
import type { Plan } from "../../lib/testing";
import { FakeFunction } from "../fixtures/api-fake-function";
import { JWT } from "./held-out-functions";

/** The ApiGateway program the per-cloud test files record (test/api-gateway.<cloud>.test.ts). */
export type Target = ApiGatewayArgs["target"];
export { JWT };

/** The users API of the held-out shape: three routes on two functions, JWT auth, a domain, CORS. */
export function usersApi(target: Target, extra: Partial<ApiGatewayArgs> = {}) {
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

/** The `openapi` output is an OpenAPI 3.1 document of the deployed API, served at its URL, and it validates. */
export async function assertOpenApiOutput(plan: Plan): Promise<void> {
  const doc = plan.outputs.openapi as any;
  assert.equal(doc.openapi, "3.1.0");
  assert.deepEqual(doc.servers, [{ url: plan.outputs.url }]);
  await SwaggerParser.validate(structuredClone(doc));
}
