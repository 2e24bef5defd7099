import * as assert from "node:assert/strict";
import { routerConfig, routerWorkerSource } from "../lib/cloudflare/router-worker";
import { Plan, hasResource, recordPlan } from "../lib/testing";
import { assertOpenApiOutput, usersApi } from "./support/api-program";

describe("ApiGateway on Cloudflare (router Worker)", () => {
  let plan: Plan;
  before(async () => {
    plan = await recordPlan(usersApi("cloudflare", { throttle: { ratePerSecond: 10, burst: 50 } }));
  });

  it("a module router Worker with a service binding per function and the rate-limit binding", () => {
    const router = hasResource(plan, "cloudflare:index/workersScript:WorkersScript", {
      mainModule: "index.js",
      accountId: "0123456789abcdef0123456789abcdef",
    });
    const bindings = router.inputs.bindings as any[];
    assert.deepEqual(
      bindings.filter((b) => b.type === "service").map((b) => [b.name, b.service]),
      [
        ["FN_0", "meridian-dev-list"],
        ["FN_1", "meridian-dev-get"],
      ],
    );
    assert.deepEqual(bindings.find((b) => b.type === "ratelimit").simple, { limit: 100, period: 10 });
    assert.ok(String(router.inputs.compatibilityDate).match(/^\d{4}-\d{2}-\d{2}$/));
    assert.equal((router.inputs.observability as any).enabled, true);
  });

  it("custom domain on the router", () => {
    hasResource(plan, "cloudflare:index/workersCustomDomain:WorkersCustomDomain", {
      hostname: "api.example.com",
      zoneName: "example.com",
      service: "meridian-dev-users-router",
    });
    assert.equal(plan.outputs.url, "https://api.example.com");
  });

  it("openapi output validates", async () => {
    await assertOpenApiOutput(plan);
  });
});

describe("Cloudflare router Worker runtime", () => {
  /** Loads the generated module source as a function (the runtime uses only web-standard globals). */
  function load(source: string): { fetch(req: Request, env: unknown): Promise<Response> } {
    return new Function(`${source.replace("export default", "return")}`)();
  }
  const model = (extra: object = {}) => ({
    routes: [
      {
        key: "GET /users",
        method: "GET",
        path: "/users",
        openApiPath: "/users",
        segments: [{ kind: "literal", value: "users" }],
        params: [],
        greedy: false,
        fn: { name: "list" },
        functionIndex: 0,
        operationId: "getUsers",
      },
      {
        key: "GET /users/me",
        method: "GET",
        path: "/users/me",
        openApiPath: "/users/me",
        segments: [
          { kind: "literal", value: "users" },
          { kind: "literal", value: "me" },
        ],
        params: [],
        greedy: false,
        fn: { name: "me" },
        functionIndex: 2,
        operationId: "getUsersMe",
      },
      {
        key: "GET /users/{id}",
        method: "GET",
        path: "/users/{id}",
        openApiPath: "/users/{id}",
        segments: [
          { kind: "literal", value: "users" },
          { kind: "param", name: "id", greedy: false },
        ],
        params: ["id"],
        greedy: false,
        fn: { name: "get" },
        functionIndex: 1,
        operationId: "getUsersById",
      },
      {
        key: "ANY /files/{key+}",
        method: "ANY",
        path: "/files/{key+}",
        openApiPath: "/files/{key}",
        segments: [
          { kind: "literal", value: "files" },
          { kind: "param", name: "key", greedy: true },
        ],
        params: ["key"],
        greedy: true,
        fn: { name: "files" },
        functionIndex: 0,
        operationId: "anyFilesByKey",
      },
    ] as any,
    accessLogs: { enabled: false },
    ...extra,
  });
  const env = (calls: string[]) =>
    Object.fromEntries(
      [0, 1, 2].map((i) => [
        `FN_${i}`,
        {
          fetch: async (r: Request) => {
            calls.push(`FN_${i} ${r.method} ${new URL(r.url).pathname}`);
            return new Response("ok");
          },
        },
      ]),
    );

  it("dispatches by method and path, literal before parameter, greedy last; 404 and 405 otherwise", async () => {
    const worker = load(routerWorkerSource(routerConfig(model())));
    const calls: string[] = [];
    const e = env(calls);
    for (const [m, p] of [
      ["GET", "/users"],
      ["GET", "/users/me"],
      ["GET", "/users/42"],
      ["DELETE", "/files/a/b/c"],
    ]) {
      assert.equal((await worker.fetch(new Request(`https://x.dev${p}`, { method: m }), e)).status, 200);
    }
    assert.deepEqual(calls, [
      "FN_0 GET /users",
      "FN_2 GET /users/me",
      "FN_1 GET /users/42",
      "FN_0 DELETE /files/a/b/c",
    ]);
    assert.equal((await worker.fetch(new Request("https://x.dev/nope"), e)).status, 404);
    assert.equal((await worker.fetch(new Request("https://x.dev/users", { method: "POST" }), e)).status, 405);
  });

  it("answers CORS preflights and rejects requests without a valid JWT", async () => {
    const worker = load(
      routerWorkerSource(
        routerConfig(
          model({
            cors: {
              allowOrigins: ["https://app.example.com"],
              allowMethods: ["GET"],
              allowHeaders: ["authorization"],
              maxAgeSeconds: 60,
            },
            auth: {
              kind: "jwt",
              issuer: "https://auth.example.com/",
              audiences: ["api"],
              jwksUri: "https://auth.example.com/.well-known/jwks.json",
            },
          }),
        ),
      ),
    );
    const calls: string[] = [];
    const pre = await worker.fetch(
      new Request("https://x.dev/users", {
        method: "OPTIONS",
        headers: { origin: "https://app.example.com", "access-control-request-method": "GET" },
      }),
      env(calls),
    );
    assert.equal(pre.status, 204);
    assert.equal(pre.headers.get("access-control-allow-origin"), "https://app.example.com");
    assert.equal(pre.headers.get("access-control-max-age"), "60");
    const denied = await worker.fetch(
      new Request("https://x.dev/users", { headers: { origin: "https://app.example.com" } }),
      env(calls),
    );
    assert.equal(denied.status, 401);
    assert.equal(denied.headers.get("access-control-allow-origin"), "https://app.example.com");
    assert.deepEqual(calls, []);
  });
});
