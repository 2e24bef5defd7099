import * as assert from "node:assert/strict";
import { ApiGateway, ApiGatewayArgs } from "../lib/api-gateway";
import { ConfigError } from "../lib";
import { isGatewayPreflight } from "../lib/bundling/adapters/aws";
import { Plan, findResources, getResource, recordPlan, tryRecordPlan } from "../lib/testing";
import { FakeFunction } from "./fixtures/api-fake-function";
import { awsUnauthenticatedOptions } from "../lib/dev/gateway";
import { RouteTable } from "../lib/dev/routes";

// Each test states an AWS behaviour with its public source; the plan must respect it (issue #14).
const JWT = { jwt: { issuer: "https://auth.example.com/", audiences: ["users-api"] } };

function api(extra: Partial<ApiGatewayArgs>, routes?: (f: FakeFunction) => ApiGatewayArgs["routes"]) {
  return () => {
    const f = new FakeFunction("users", "aws:us-east-1");
    const gw = new ApiGateway("users", {
      target: "aws:us-east-1",
      routes: routes ? routes(f) : { "GET /users": f },
      ...extra,
    });
    return { url: gw.url };
  };
}

describe("ApiGateway on AWS, against AWS's documentation", () => {
  it("sends no route settings without throttle: any defaultRouteSettings block means limits of 0, 429 on every request (pulumi/pulumi-aws#2363, hashicorp/terraform-provider-aws#14742)", async () => {
    const plan = await recordPlan(api({}));
    const stage = getResource(plan, "aws:apigatewayv2/stage:Stage");
    assert.equal(stage.inputs.defaultRouteSettings, undefined);
    assert.equal(stage.inputs.routeSettings, undefined);
  });

  it("with throttle, the route settings hold exactly the limits asked for", async () => {
    const plan = await recordPlan(api({ throttle: { ratePerSecond: 10, burst: 20 } }));
    assert.deepEqual(getResource(plan, "aws:apigatewayv2/stage:Stage").inputs.defaultRouteSettings, {
      throttlingRateLimit: 10,
      throttlingBurstLimit: 20,
    });
  });

  describe("CORS + JWT + ANY: preflights are routed unauthenticated (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html)", () => {
    let plan: Plan;
    before(async () => {
      plan = await recordPlan(
        api({ cors: true, auth: JWT }, (f) => ({ "ANY /users/{proxy+}": f, "ANY /items": f, "GET /health": f })),
      );
    });
    const routes = () => findResources(plan, "aws:apigatewayv2/route:Route");

    it("an OPTIONS route without authorization for each path an ANY route covers", () => {
      const options = routes().filter((r) => String(r.inputs.routeKey).startsWith("OPTIONS "));
      assert.deepEqual(options.map((r) => r.inputs.routeKey).sort(), ["OPTIONS /items", "OPTIONS /users/{proxy+}"]);
      for (const r of options) {
        assert.equal(r.inputs.authorizationType, "NONE");
        assert.equal(r.inputs.authorizerId, undefined);
        assert.match(String(r.inputs.target), /^integrations\//, "AWS's guidance: attach an integration");
      }
    });

    it("every other route keeps the JWT authorizer", () => {
      for (const r of routes().filter((x) => !String(x.inputs.routeKey).startsWith("OPTIONS ")))
        assert.equal(r.inputs.authorizationType, "JWT");
    });

    it("no OPTIONS route without JWT (API Gateway answers preflights itself) or without CORS", async () => {
      for (const extra of [{ cors: true }, { auth: JWT }]) {
        const p = await recordPlan(api(extra, (f) => ({ "ANY /items": f })));
        const keys = findResources(p, "aws:apigatewayv2/route:Route").map((r) => r.inputs.routeKey);
        assert.deepEqual(keys, ["ANY /items"]);
      }
    });

    it("the stage waits for the preflight routes too", () => {
      const stage = getResource(plan, "aws:apigatewayv2/stage:Stage");
      for (const r of routes()) assert.ok(stage.dependencies.includes(r.urn), `stage does not wait for ${r.name}`);
    });

    it("the Lambda adapter answers OPTIONS on such a route 204 without running the handler, and nothing else", () => {
      const preflight = {
        version: "2.0",
        routeKey: "OPTIONS /items",
        headers: { origin: "https://app.example.com", "access-control-request-method": "POST" },
      };
      assert.equal(isGatewayPreflight(preflight, "OPTIONS"), true);
      assert.equal(
        isGatewayPreflight({ ...preflight, headers: {} }, "OPTIONS"),
        true,
        "no unauthenticated handler run",
      );
      assert.equal(isGatewayPreflight({ ...preflight, routeKey: "ANY /items" }, "OPTIONS"), false);
      assert.equal(isGatewayPreflight({ ...preflight, routeKey: "$default" }, "OPTIONS"), false, "function URL");
      const authorized = { ...preflight, requestContext: { authorizer: { jwt: { claims: {} } } } };
      assert.equal(isGatewayPreflight(authorized, "OPTIONS"), false, "the user's own OPTIONS route keeps its handler");
      assert.equal(isGatewayPreflight(preflight, "GET"), false);
    });

    it("the dev server answers OPTIONS on those paths the same way: 204, CORS headers, no token asked", () => {
      const table = new RouteTable([
        {
          method: "ANY" as const,
          path: "/items",
          segments: [{ kind: "literal" as const, value: "items" }],
          target: "fn",
        },
        {
          method: "GET" as const,
          path: "/health",
          segments: [{ kind: "literal" as const, value: "health" }],
          target: "fn",
        },
      ]);
      const endpoint = {
        kind: "api" as const,
        name: "users",
        cloud: "aws" as const,
        table,
        cors: { allowOrigins: ["*"], allowMethods: ["*"], allowHeaders: ["*"] },
        auth: { kind: "jwt" as const, issuer: "https://auth.example.com/", audiences: ["users-api"] },
      };
      const options = awsUnauthenticatedOptions(
        endpoint as never,
        "OPTIONS",
        table.match("OPTIONS", "/items"),
        "https://a.example",
      );
      assert.equal(options?.kind, "respond");
      assert.equal(options?.kind === "respond" && options.status, 204);
      assert.equal(
        awsUnauthenticatedOptions(endpoint as never, "GET", table.match("GET", "/items"), undefined),
        undefined,
      );
      assert.equal(
        awsUnauthenticatedOptions(
          { ...endpoint, cloud: "gcp" } as never,
          "OPTIONS",
          table.match("OPTIONS", "/items"),
          undefined,
        ),
        undefined,
      );
      assert.equal(
        awsUnauthenticatedOptions(
          { ...endpoint, auth: undefined } as never,
          "OPTIONS",
          table.match("OPTIONS", "/items"),
          undefined,
        ),
        undefined,
      );
    });
  });

  it("uses a configured hosted zone id as is (no lookup by name) for the certificate and the alias record", async () => {
    const plan = await recordPlan(
      api({ domain: { name: "api.example.com", zone: "example.com", zoneId: "ZCONFIGURED123" } }),
    );
    const records = findResources(plan, "aws:route53/record:Record");
    assert.ok(records.length >= 2);
    for (const r of records) assert.equal(r.inputs.zoneId, "ZCONFIGURED123", r.name);
  });

  it("refuses domain.zoneId off AWS and a malformed one", async () => {
    const bad = await tryRecordPlan(api({ domain: { name: "api.example.com", zoneId: "not-an-id" } }));
    assert.ok(bad.error instanceof ConfigError);
    assert.equal(bad.error.field, "domain.zoneId");
  });

  it("refuses auth.jwt.jwksUri: an HTTP API JWT authorizer has issuer and audience only and finds the keys via the issuer's discovery document (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html)", async () => {
    const r = await tryRecordPlan(
      api({ auth: { jwt: { ...JWT.jwt, jwksUri: "https://keys.example.com/jwks.json" } } }),
    );
    assert.ok(r.error instanceof ConfigError, String(r.error));
    assert.equal(r.error.field, "auth.jwt.jwksUri");
    assert.match(r.error.message, /openid-configuration/);
  });
});
