import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import SwaggerParser from "@apidevtools/swagger-parser";
import { validateApiGatewayArgs } from "../lib/core/api";
import { buildGoogleSwagger, buildOpenApi, openApiFromPlan, writeOpenApi } from "../lib/openapi";
import { apimPolicy } from "../lib/azure/apim-policy";
import { recordPlan } from "../lib/testing";
import { FakeFunction } from "./fixtures/api-fake-function";

/** Validates a copy (the parser dereferences in place) with a maintained OpenAPI/Swagger validator. */
async function assertValid(doc: object): Promise<void> {
  await SwaggerParser.validate(structuredClone(doc) as never);
}

describe("OpenAPI documents", () => {
  // Models need FunctionHandles; build them once inside a recording (components need an engine).
  let models: Record<string, ReturnType<typeof validateApiGatewayArgs>> = {};
  before(async () => {
    await recordPlan(() => {
      const fns = (target: string) => ({
        a: new FakeFunction(`a-${target.split(":")[0]}`, target),
        b: new FakeFunction(`b-${target.split(":")[0]}`, target),
      });
      const g = fns("gcp:europe-west1");
      const aws = fns("aws:us-east-1");
      models = {
        jwt: validateApiGatewayArgs("users", {
          target: "gcp:europe-west1",
          routes: {
            "GET /users": g.a,
            "GET /users/{id}": g.b,
            "POST /users": g.a,
            "DELETE /users/{id}/sessions/{sessionId}": g.b,
            "ANY /health": g.a,
            "GET /health": g.b,
            "GET /": g.a,
          },
          auth: { jwt: { issuer: "https://auth.example.com/", audiences: ["users-api", "admin"] } },
          cors: { allowOrigins: ["https://app.example.com"], maxAgeSeconds: 600 },
          info: { title: "Users API", version: "2.1.0", description: "Users" },
        }),
        apiKey: validateApiGatewayArgs("keys", {
          target: "gcp:europe-west1",
          routes: { "GET /items": g.a, "PUT /items/{itemId}": g.b },
          auth: { apiKey: true },
          throttle: { ratePerSecond: 5, burst: 10 },
        }),
        greedy: validateApiGatewayArgs("files", {
          target: "aws:us-east-1",
          routes: { "GET /files/{key+}": aws.a, "GET /files/index": aws.b },
        }),
      };
      return {};
    });
  });

  it("builds a valid OpenAPI 3.1 document with paths, parameters, methods, security and info", async () => {
    const doc = buildOpenApi(models.jwt, "https://api.example.com") as any;
    await assertValid(doc);
    assert.equal(doc.openapi, "3.1.0");
    assert.deepEqual(doc.info, { title: "Users API", version: "2.1.0", description: "Users" });
    assert.deepEqual(doc.servers, [{ url: "https://api.example.com" }]);
    assert.deepEqual(Object.keys(doc.paths), [
      "/",
      "/health",
      "/users",
      "/users/{id}",
      "/users/{id}/sessions/{sessionId}",
    ]);
    assert.deepEqual(Object.keys(doc.paths["/users"]), ["get", "post"]);
    assert.deepEqual(
      doc.paths["/users/{id}/sessions/{sessionId}"].delete.parameters.map((p: any) => [p.name, p.in, p.required]),
      [
        ["id", "path", true],
        ["sessionId", "path", true],
      ],
    );
    // ANY expands to every method, except the one routed explicitly (GET /health goes to b).
    assert.deepEqual(Object.keys(doc.paths["/health"]), ["get", "post", "put", "patch", "delete", "head", "options"]);
    assert.equal(doc.paths["/health"].get["x-meridian-function"], "b-gcp");
    assert.equal(doc.paths["/health"].post["x-meridian-function"], "a-gcp");
    assert.deepEqual(doc.security, [{ jwt: [] }]);
    assert.equal(doc.components.securitySchemes.jwt.scheme, "bearer");
    const ids = Object.values(doc.paths).flatMap((item: any) => Object.values(item).map((op: any) => op.operationId));
    assert.equal(new Set(ids).size, ids.length, "operation ids are unique");
  });

  it("is deterministic", () => {
    assert.equal(JSON.stringify(buildOpenApi(models.jwt)), JSON.stringify(buildOpenApi(models.jwt)));
  });

  it("declares API keys as a header security scheme", async () => {
    const doc = buildOpenApi(models.apiKey) as any;
    await assertValid(doc);
    assert.deepEqual(doc.components.securitySchemes.apiKey, { type: "apiKey", name: "x-api-key", in: "header" });
  });

  it("maps a greedy {key+} to an OpenAPI parameter marked x-meridian-greedy", async () => {
    const doc = buildOpenApi(models.greedy) as any;
    await assertValid(doc);
    assert.ok(doc.paths["/files/{key}"]);
    assert.equal(doc.paths["/files/{key}"].get.parameters[0]["x-meridian-greedy"], true);
  });

  it("the 3.0.3 form imported by Azure APIM validates too", async () => {
    await assertValid({ ...buildOpenApi(models.jwt), openapi: "3.0.3" });
  });

  it("converts to a valid Swagger 2.0 for Google API Gateway with x-google-backend per operation and JWT extensions", async () => {
    const uris = ["https://a-abc-ew.a.run.app", "https://b-abc-ew.a.run.app"];
    const doc = buildGoogleSwagger(models.jwt, uris) as any;
    await assertValid(doc);
    assert.equal(doc.swagger, "2.0");
    for (const [p, item] of Object.entries<any>(doc.paths)) {
      for (const [m, op] of Object.entries<any>(item)) {
        assert.equal(op["x-google-backend"].path_translation, "APPEND_PATH_TO_ADDRESS", `${m} ${p}`);
        assert.equal(op["x-google-backend"].address, op["x-google-backend"].jwt_audience);
        assert.ok(uris.includes(op["x-google-backend"].address));
      }
    }
    assert.equal(doc.paths["/users/{id}"].get["x-google-backend"].address, uris[1]);
    assert.deepEqual(doc.securityDefinitions.jwt, {
      type: "oauth2",
      flow: "implicit",
      authorizationUrl: "https://auth.example.com/",
      "x-google-issuer": "https://auth.example.com/",
      // No guessed x-google-jwks_uri: ESPv2 discovers it from the issuer's OpenID configuration (issue #16 item 13;
      // this test used to expect <issuer>/.well-known/jwks.json, which is wrong for Okta, Entra ID, Google, Keycloak).
      "x-google-audiences": "users-api,admin",
    });
    // CORS: unauthenticated OPTIONS operations let preflights reach the function.
    assert.deepEqual(doc.paths["/users"].options.security, []);
  });

  it("Swagger 2.0 with API keys carries a per-key quota for throttling", async () => {
    const doc = buildGoogleSwagger(models.apiKey, ["https://a.run.app", "https://b.run.app"]) as any;
    await assertValid(doc);
    assert.deepEqual(doc.securityDefinitions.api_key, { type: "apiKey", name: "x-api-key", in: "header" });
    assert.equal(doc["x-google-management"].quota.limits[0].values.STANDARD, 300);
    assert.deepEqual(doc.paths["/items"].get["x-google-quota"], { metricCosts: { requests: 1 } });
  });

  it("APIM policy: CORS before validate-jwt, backends chosen per operation, well-formed XML", () => {
    const xml = apimPolicy(models.jwt, ["fn-a", "fn-b"]);
    assert.ok(xml.indexOf("<cors") < xml.indexOf("<validate-jwt"));
    assert.match(xml, /<openid-config url="https:\/\/auth.example.com\/.well-known\/openid-configuration" \/>/);
    assert.match(xml, /<audience>users-api<\/audience><audience>admin<\/audience>/);
    assert.match(xml, /UrlTemplate == &quot;\/users\/\{id\}&quot;\)"><set-backend-service backend-id="fn-b" \/>/);
    const opens = (xml.match(/<[a-z-]+[\s>]/g) ?? []).length;
    const selfClosing = (xml.match(/\/>/g) ?? []).length;
    const closes = (xml.match(/<\/[a-z-]+>/g) ?? []).length;
    assert.equal(opens, selfClosing + closes, "every element is closed");
  });

  it("writeOpenApi writes sorted, byte-stable files from documents or from a plan's outputs", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "openapi-"));
    const doc = buildOpenApi(models.jwt);
    const files = writeOpenApi(dir, { users: doc, keys: buildOpenApi(models.apiKey) });
    assert.deepEqual(
      files.map((f) => path.basename(f)),
      ["keys.openapi.json", "users.openapi.json"],
    );
    const first = fs.readFileSync(files[1], "utf8");
    writeOpenApi(dir, { users: doc });
    assert.equal(fs.readFileSync(files[1], "utf8"), first);
    const plan = { resources: [], outputs: { api: { openapi: doc }, other: 1 } };
    assert.deepEqual(Object.keys(openApiFromPlan(plan)), ["api"]);
    assert.deepEqual(
      writeOpenApi(dir, plan).map((f) => path.basename(f)),
      ["api.openapi.json"],
    );
  });
});
