import * as assert from "node:assert/strict";
import { ApiGateway } from "../lib/api-gateway";
import { isConfigError } from "../lib/core/errors";
import { tryRecordPlan } from "../lib/testing";
import { FakeFunction } from "./fixtures/api-fake-function";

/** Runs a bad ApiGateway and asserts a ConfigError on `field` and that the gateway registered nothing. */
async function rejects(
  field: string,
  target: string,
  args: (fn: FakeFunction, other: FakeFunction) => Record<string, unknown>,
  message?: RegExp,
): Promise<void> {
  const { plan, error } = await tryRecordPlan(() => {
    const fn = new FakeFunction("fn", target);
    const other = new FakeFunction("other", target === "aws:us-east-1" ? "gcp:europe-west1" : "aws:us-east-1");
    new ApiGateway("api", { target, ...args(fn, other) } as never);
  });
  assert.ok(isConfigError(error), `expected a ConfigError, got ${String(error)}`);
  assert.equal((error as any).field, field, (error as Error).message);
  assert.equal((error as any).component, `ApiGateway "api"`);
  if (message) assert.match((error as Error).message, message);
  assert.deepEqual(
    plan.resources.filter((r) => !r.type.startsWith("meridian:test:")),
    [],
    "nothing of the gateway is registered",
  );
}

const AWS = "aws:us-east-1";
const GCP = "gcp:europe-west1";

describe("ApiGateway bad input", () => {
  it("routes: missing, empty, not an object", async () => {
    await rejects("routes", AWS, () => ({}));
    await rejects("routes", AWS, () => ({ routes: {} }), /at least one route/);
    await rejects("routes", AWS, () => ({ routes: [] }));
  });
  it("route keys: method, leading slash, empty segment, trailing slash, parameter syntax", async () => {
    await rejects(`routes["FETCH /a"]`, AWS, (fn) => ({ routes: { "FETCH /a": fn } }), /method "FETCH"/);
    await rejects(`routes["get /a"]`, AWS, (fn) => ({ routes: { "get /a": fn } }));
    await rejects(`routes["GET a"]`, AWS, (fn) => ({ routes: { "GET a": fn } }), /must start with "\/"/);
    await rejects(`routes["GET /a//b"]`, AWS, (fn) => ({ routes: { "GET /a//b": fn } }), /empty segment/);
    await rejects(`routes["GET /a/"]`, AWS, (fn) => ({ routes: { "GET /a/": fn } }));
    await rejects(`routes["GET /a/x{id}"]`, AWS, (fn) => ({ routes: { "GET /a/x{id}": fn } }), /whole segment/);
    await rejects(`routes["GET /a/{1d}"]`, AWS, (fn) => ({ routes: { "GET /a/{1d}": fn } }));
    await rejects(`routes["GET /a/{id}/{id}"]`, AWS, (fn) => ({ routes: { "GET /a/{id}/{id}": fn } }), /twice/);
    await rejects(`routes["GET /a/{p+}/b"]`, AWS, (fn) => ({ routes: { "GET /a/{p+}/b": fn } }), /last segment/);
    await rejects(`routes["GET"]`, AWS, (fn) => ({ routes: { GET: fn } }));
  });
  it("duplicate and conflicting routes", async () => {
    await rejects(`routes["GET  /a"]`, AWS, (fn) => ({ routes: { "GET /a": fn, "GET  /a": fn } }), /duplicate/);
    await rejects(
      `routes["GET /u/{name}"]`,
      AWS,
      (fn) => ({ routes: { "GET /u/{id}": fn, "GET /u/{name}": fn } }),
      /conflicts with route "GET \/u\/\{id\}"/,
    );
  });
  it("route targets: not a function, a function of another cloud or region", async () => {
    await rejects(`routes["GET /a"]`, AWS, () => ({ routes: { "GET /a": null } }));
    await rejects(`routes["GET /a"]`, AWS, () => ({ routes: { "GET /a": { handle: 3 } } }));
    await rejects(`routes["GET /a"]`, AWS, (_, other) => ({ routes: { "GET /a": other } }), /runs on gcp:europe-west1/);
    const { error } = await tryRecordPlan(() => {
      new ApiGateway("api", { target: "aws:eu-west-1", routes: { "GET /a": new FakeFunction("fn", AWS) } });
    });
    assert.match(String(error), /its own region/);
  });
  it("greedy parameters on gateways that import OpenAPI", async () => {
    await rejects(`routes["GET /f/{p+}"]`, GCP, (fn) => ({ routes: { "GET /f/{p+}": fn } }), /greedy/);
  });
  it("auth: modes the cloud cannot do, malformed JWT settings", async () => {
    await rejects(
      "auth.apiKey",
      AWS,
      (fn) => ({ routes: { "GET /a": fn }, auth: { apiKey: true } }),
      /HTTP APIs have no API keys/,
    );
    await rejects("auth.apiKey", "cloudflare", (fn) => ({ routes: { "GET /a": fn }, auth: { apiKey: true } }));
    await rejects("auth", AWS, (fn) => ({ routes: { "GET /a": fn }, auth: {} }));
    await rejects("auth.jwt.issuer", AWS, (fn) => ({
      routes: { "GET /a": fn },
      auth: { jwt: { issuer: "http://x", audiences: ["a"] } },
    }));
    await rejects("auth.jwt.audiences", AWS, (fn) => ({
      routes: { "GET /a": fn },
      auth: { jwt: { issuer: "https://x", audiences: [] } },
    }));
    await rejects("auth.jwt.audiences[0]", AWS, (fn) => ({
      routes: { "GET /a": fn },
      auth: { jwt: { issuer: "https://x", audiences: [null] } },
    }));
    await rejects("auth.jwt", AWS, (fn) => ({ routes: { "GET /a": fn }, auth: { jwt: null } }));
  });
  it("cors and throttle values", async () => {
    await rejects("cors.allowOrigins[0]", AWS, (fn) => ({
      routes: { "GET /a": fn },
      cors: { allowOrigins: ["app.example.com"] },
    }));
    await rejects("cors.allowMethods[0]", AWS, (fn) => ({ routes: { "GET /a": fn }, cors: { allowMethods: ["ANY"] } }));
    await rejects("cors.maxAgeSeconds", AWS, (fn) => ({ routes: { "GET /a": fn }, cors: { maxAgeSeconds: 100000 } }));
    await rejects("cors", AWS, (fn) => ({ routes: { "GET /a": fn }, cors: "yes" }));
    await rejects("throttle.burst", AWS, (fn) => ({
      routes: { "GET /a": fn },
      throttle: { ratePerSecond: 10, burst: 1.5 },
    }));
    await rejects("throttle.ratePerSecond", AWS, (fn) => ({
      routes: { "GET /a": fn },
      throttle: { ratePerSecond: 0, burst: 1 },
    }));
    await rejects(
      "throttle",
      GCP,
      (fn) => ({ routes: { "GET /a": fn }, throttle: { ratePerSecond: 10, burst: 10 } }),
      /per API key/,
    );
  });
  it("access logs, domain, info, unknown fields, transform", async () => {
    await rejects(
      "accessLogs.retentionDays",
      AWS,
      (fn) => ({ routes: { "GET /a": fn }, accessLogs: { retentionDays: 10 } }),
      /CloudWatch/,
    );
    await rejects("accessLogs", GCP, (fn) => ({ routes: { "GET /a": fn }, accessLogs: false }));
    await rejects("accessLogs.retentionDays", "cloudflare", (fn) => ({
      routes: { "GET /a": fn },
      accessLogs: { retentionDays: 7 },
    }));
    await rejects("domain", AWS, (fn) => ({ routes: { "GET /a": fn }, domain: "not a domain" }));
    await rejects("domain", AWS, (fn) => ({ routes: { "GET /a": fn }, domain: "example.com" }), /subdomain/);
    await rejects("domain.zone", AWS, (fn) => ({
      routes: { "GET /a": fn },
      domain: { name: "api.example.com", zone: "other.com" },
    }));
    await rejects("info.title", AWS, (fn) => ({ routes: { "GET /a": fn }, info: { title: 5 } }));
    await rejects("routs", AWS, (fn) => ({ routs: { "GET /a": fn } }));
    await rejects("transform.api", AWS, (fn) => ({ routes: { "GET /a": fn }, transform: { api: "x" } }));
    await rejects("target", AWS, (fn) => ({ routes: { "GET /a": fn }, target: "aws:mars-1" }));
  });
});
