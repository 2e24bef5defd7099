import * as assert from "node:assert/strict";
import SwaggerParser from "@apidevtools/swagger-parser";
import { ApiGateway, ApiGatewayArgs } from "../lib/api-gateway";
import {
  Plan,
  allStrings,
  dependsOn,
  findResources,
  getResource,
  hasResource,
  planToJson,
  recordPlan,
  resourceCountIs,
} from "../lib/testing";
import { FakeFunction } from "./fixtures/api-fake-function";
import { routerConfig, routerWorkerSource } from "../lib/cloudflare/router-worker";

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

async function assertOpenApiOutput(plan: Plan): Promise<void> {
  const doc = plan.outputs.openapi as any;
  assert.equal(doc.openapi, "3.1.0");
  assert.deepEqual(doc.servers, [{ url: plan.outputs.url }]);
  await SwaggerParser.validate(structuredClone(doc));
}

describe("ApiGateway on AWS (HTTP API)", () => {
  let plan: Plan;
  before(async () => {
    plan = await recordPlan(usersApi("aws:us-east-1", { throttle: { ratePerSecond: 100, burst: 200 } }));
  });

  it("creates an HTTP API with CORS", () => {
    hasResource(plan, "aws:apigatewayv2/api:Api", {
      protocolType: "HTTP",
      name: "meridian-dev-users",
      region: "us-east-1",
      corsConfiguration: { allowOrigins: ["*"], allowMethods: ["*"], allowHeaders: ["*"] },
    });
    assert.equal(
      getResource(plan, "aws:apigatewayv2/api:Api").inputs.body,
      undefined,
      "no OpenAPI body next to Route/Integration resources",
    );
  });

  it("one AWS_PROXY integration per function, payload format 2.0", () => {
    resourceCountIs(plan, "aws:apigatewayv2/integration:Integration", 2);
    for (const i of findResources(plan, "aws:apigatewayv2/integration:Integration")) {
      assert.equal(i.inputs.integrationType, "AWS_PROXY");
      assert.equal(i.inputs.payloadFormatVersion, "2.0");
      assert.match(
        String(i.inputs.integrationUri),
        /^arn:aws:apigateway:us-east-1:lambda:path\/2015-03-31\/functions\/arn:aws:lambda:.*\/invocations$/,
      );
    }
  });

  it("one route per route key, with the JWT authorizer, targeting the right integration", () => {
    resourceCountIs(plan, "aws:apigatewayv2/route:Route", 3);
    const route = hasResource(plan, "aws:apigatewayv2/route:Route", {
      routeKey: "GET /users/{id}",
      authorizationType: "JWT",
    });
    const integ = getResource(plan, "aws:apigatewayv2/integration:Integration", "users-get-integration");
    assert.ok(dependsOn(plan, route, integ));
    const authorizer = hasResource(plan, "aws:apigatewayv2/authorizer:Authorizer", {
      authorizerType: "JWT",
      identitySources: ["$request.header.Authorization"],
      jwtConfiguration: { issuer: "https://auth.example.com/", audiences: ["users-api"] },
    });
    assert.ok(dependsOn(plan, route, authorizer));
  });

  it("$default stage with auto-deploy, access logs with retention and default throttling", () => {
    const stage = hasResource(plan, "aws:apigatewayv2/stage:Stage", {
      name: "$default",
      autoDeploy: true,
      defaultRouteSettings: { throttlingRateLimit: 100, throttlingBurstLimit: 200 },
    });
    const logs = hasResource(plan, "aws:cloudwatch/logGroup:LogGroup", { retentionInDays: 30 });
    const settings = stage.inputs.accessLogSettings as any;
    assert.match(settings.destinationArn, /^arn:aws:logs:us-east-1:\d+:log-group:\/aws\/apigateway\//);
    assert.match(settings.format, /\$context\.requestId/);
    assert.ok(dependsOn(plan, stage, logs));
  });

  it("lambda permissions for apigateway.amazonaws.com with sourceArn executionArn/*/*", () => {
    resourceCountIs(plan, "aws:lambda/permission:Permission", 2);
    for (const p of findResources(plan, "aws:lambda/permission:Permission")) {
      assert.equal(p.inputs.principal, "apigateway.amazonaws.com");
      assert.equal(p.inputs.action, "lambda:InvokeFunction");
      assert.match(String(p.inputs.sourceArn), /^arn:aws:execute-api:us-east-1:\d+:[a-z0-9]+\/\*\/\*$/);
    }
  });

  it("domain chain: DNS-validated certificate, TLS 1.2 regional domain, API mapping, alias record", () => {
    hasResource(plan, "aws:acm/certificate:Certificate", {
      domainName: "api.example.com",
      validationMethod: "DNS",
      region: "us-east-1",
    });
    const validation = getResource(plan, "aws:acm/certificateValidation:CertificateValidation");
    const domain = hasResource(plan, "aws:apigatewayv2/domainName:DomainName", {
      domainName: "api.example.com",
      domainNameConfiguration: { endpointType: "REGIONAL", securityPolicy: "TLS_1_2" },
    });
    assert.ok(dependsOn(plan, domain, validation), "the domain waits for the issued certificate");
    const mapping = hasResource(plan, "aws:apigatewayv2/apiMapping:ApiMapping", {
      domainName: "api.example.com",
      stage: "$default",
    });
    assert.ok(dependsOn(plan, mapping, getResource(plan, "aws:apigatewayv2/stage:Stage")));
    const record = hasResource(plan, "aws:route53/record:Record", { name: "api.example.com", type: "A" });
    assert.match((record.inputs.aliases as any)[0].name, /^d-[a-z0-9]+\.execute-api\.us-east-1\.amazonaws\.com$/);
    assert.equal(plan.outputs.url, "https://api.example.com");
  });

  it("children are parented to the component; openapi output validates", async () => {
    const component = getResource(plan, "meridian:index:ApiGateway");
    for (const r of plan.resources.filter((x) => x.type.startsWith("aws:")))
      assert.equal(r.parent, component.urn, r.urn);
    await assertOpenApiOutput(plan);
  });
});

describe("ApiGateway on Google Cloud (API Gateway)", () => {
  let plan: Plan;
  before(async () => {
    plan = await recordPlan(usersApi("gcp:europe-west1"));
  });

  it("gateway service account is the invoker of each function's Cloud Run service", () => {
    const sa = getResource(plan, "gcp:serviceaccount/account:Account");
    const invokers = findResources(plan, "gcp:cloudrunv2/serviceIamMember:ServiceIamMember");
    assert.equal(invokers.length, 2);
    for (const m of invokers) {
      assert.equal(m.inputs.role, "roles/run.invoker");
      assert.equal(m.inputs.member, `serviceAccount:${sa.inputs.accountId}@meridian-test.iam.gserviceaccount.com`);
      assert.equal(m.inputs.location, "europe-west1");
    }
    assert.deepEqual(invokers.map((m) => m.inputs.name).sort(), ["meridian-dev-get", "meridian-dev-list"]);
    assert.ok(!allStrings(plan).includes("allUsers"), "functions stay private");
  });

  it("ApiConfig is fed the Swagger 2.0 document, with a content-hashed config id", async () => {
    const config = getResource(plan, "gcp:apigateway/apiConfig:ApiConfig");
    const docs = config.inputs.openapiDocuments as any[];
    const swagger = JSON.parse(Buffer.from(docs[0].document.contents, "base64").toString("utf8"));
    await SwaggerParser.validate(structuredClone(swagger));
    assert.equal(swagger.swagger, "2.0");
    assert.equal(
      swagger.paths["/users/{id}"].get["x-google-backend"].address,
      "https://meridian-dev-get-abc123-ew.a.run.app",
    );
    assert.equal(swagger.securityDefinitions.jwt["x-google-issuer"], "https://auth.example.com/");
    assert.match(String(config.inputs.apiConfigId), /^meridian-dev-users-cfg-[a-z0-9]{8}$/);
    assert.match(
      String((config.inputs.gatewayConfig as any).backendConfig.googleServiceAccount),
      /@meridian-test\.iam\.gserviceaccount\.com$/,
    );
  });

  it("Gateway in the target region after the invoker grants", () => {
    const gw = hasResource(plan, "gcp:apigateway/gateway:Gateway", { region: "europe-west1" });
    for (const m of findResources(plan, "gcp:cloudrunv2/serviceIamMember:ServiceIamMember"))
      assert.ok(dependsOn(plan, gw, m));
    assert.ok(dependsOn(plan, gw, getResource(plan, "gcp:apigateway/apiConfig:ApiConfig")));
  });

  it("domain chain: serverless NEG on the gateway, HTTPS LB with managed cert and TLS 1.2 policy, A record", () => {
    hasResource(plan, "gcp:compute/regionNetworkEndpointGroup:RegionNetworkEndpointGroup", {
      networkEndpointType: "SERVERLESS",
      region: "europe-west1",
      serverlessDeployment: { platform: "apigateway.googleapis.com" },
    });
    hasResource(plan, "gcp:compute/managedSslCertificate:ManagedSslCertificate", {
      managed: { domains: ["api.example.com"] },
    });
    hasResource(plan, "gcp:compute/sSLPolicy:SSLPolicy", { minTlsVersion: "TLS_1_2" });
    hasResource(plan, "gcp:compute/globalForwardingRule:GlobalForwardingRule", {
      portRange: "443",
      loadBalancingScheme: "EXTERNAL_MANAGED",
    });
    hasResource(plan, "gcp:dns/recordSet:RecordSet", {
      name: "api.example.com.",
      type: "A",
      managedZone: "example-com",
    });
    assert.equal(plan.outputs.url, "https://api.example.com");
  });

  it("openapi output validates", async () => {
    await assertOpenApiOutput(plan);
  });

  it("API keys enable the managed service; throttling becomes a per-key quota", async () => {
    const p = await recordPlan(
      usersApi("gcp:europe-west1", {
        auth: { apiKey: true },
        domain: undefined,
        throttle: { ratePerSecond: 2, burst: 4 },
      }),
    );
    hasResource(p, "gcp:projects/service:Service", { disableOnDestroy: false });
    const swagger = JSON.parse(
      Buffer.from(
        (getResource(p, "gcp:apigateway/apiConfig:ApiConfig").inputs.openapiDocuments as any)[0].document.contents,
        "base64",
      ).toString(),
    );
    assert.equal(swagger["x-google-management"].quota.limits[0].values.STANDARD, 120);
    assert.match(String(p.outputs.url), /^https:\/\/.*\.gateway\.dev$/);
  });
});

describe("ApiGateway on Azure (API Management)", () => {
  let plan: Plan;
  before(async () => {
    plan = await recordPlan(
      usersApi("azure:westeurope", {
        domain: { name: "api.example.com", zoneResourceGroup: "dns" },
      }),
    );
  });

  it("Consumption-tier APIM with the custom hostname after its CNAME", () => {
    const svc = hasResource(plan, "azure-native:apimanagement:ApiManagementService", {
      sku: { name: "Consumption", capacity: 0 },
      location: "westeurope",
      hostnameConfigurations: [{ type: "Proxy", hostName: "api.example.com", certificateSource: "Managed" }],
    });
    const record = hasResource(plan, "azure-native:dns:RecordSet", {
      recordType: "CNAME",
      zoneName: "example.com",
      relativeRecordSetName: "api",
      resourceGroupName: "dns",
      cnameRecord: { cname: `${svc.inputs.serviceName}.azure-api.net` },
    });
    assert.ok(dependsOn(plan, svc, record));
  });

  it("API imported from the generated OpenAPI, one backend per function app", async () => {
    const api = hasResource(plan, "azure-native:apimanagement:Api", {
      format: "openapi+json",
      path: "",
      protocols: ["https"],
      subscriptionRequired: false,
    });
    const doc = JSON.parse(String(api.inputs.value));
    await SwaggerParser.validate(doc);
    assert.deepEqual(Object.keys(doc.paths), ["/users", "/users/{id}"]);
    resourceCountIs(plan, "azure-native:apimanagement:Backend", 2);
    hasResource(plan, "azure-native:apimanagement:Backend", {
      url: "https://meridian-dev-get.azurewebsites.net",
      protocol: "http",
    });
  });

  // APIM's rate-limit counts per subscription: without API keys there is none to count, so a throttle is refused
  // (test/azure.fresh-subscription.test.ts); this test used to assert a rate-limit that Azure would never enforce.
  it("policy validates JWTs and handles CORS", () => {
    const policy = getResource(plan, "azure-native:apimanagement:ApiPolicy");
    const xml = String(policy.inputs.value);
    assert.match(xml, /<validate-jwt header-name="Authorization"/);
    assert.match(xml, /<cors allow-credentials="false">/);
    assert.doesNotMatch(xml, /<rate-limit/);
    for (const b of findResources(plan, "azure-native:apimanagement:Backend")) assert.ok(dependsOn(plan, policy, b));
  });

  it("access logs: App Insights in a Log Analytics workspace with retention; connection string kept secret", () => {
    hasResource(plan, "azure-native:operationalinsights:Workspace", { retentionInDays: 30 });
    const logger = hasResource(plan, "azure-native:apimanagement:Logger", { loggerType: "applicationInsights" });
    assert.deepEqual((logger.inputs.credentials as any).connectionString, { secret: true });
    assert.ok(!allStrings(plan).some((s) => s.startsWith("InstrumentationKey=")));
    hasResource(plan, "azure-native:apimanagement:ApiDiagnostic", { diagnosticId: "applicationinsights" });
  });

  it("openapi output validates", async () => {
    await assertOpenApiOutput(plan);
  });
});

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

describe("ApiGateway determinism", () => {
  it("the same program gives the same plan, byte for byte (config ids, router source, policies)", async () => {
    for (const target of ["gcp:europe-west1", "cloudflare"] as const) {
      const a = await recordPlan(usersApi(target));
      const b = await recordPlan(usersApi(target));
      assert.equal(planToJson(a), planToJson(b), target);
    }
  });
});
