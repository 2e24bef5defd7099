import * as pulumi from "@pulumi/pulumi";
import { ApiGateway } from "../../lib";
import { FunctionHandle } from "../../lib/core/function-handle";
import { parsePlacement } from "../../lib/core/placement";
import { BadInput } from "./case";

/**
 * A route target that registers nothing (unlike a real ServerlessFunction), so "nothing registered" is exact:
 * a handle with realistic per-cloud details. Bad input is rejected before the gateway ever reads them.
 */
function fn(target: string, name = "users"): { handle: FunctionHandle } {
  const placement = parsePlacement(target, "test", "target");
  const o = (s: string) => pulumi.output(s);
  const region = placement.region ?? "";
  return {
    handle: {
      name,
      placement,
      resource: undefined as never,
      environment: {},
      aws:
        placement.cloud === "aws"
          ? {
              region,
              functionName: o(name),
              functionArn: o(`arn:aws:lambda:${region}:123456789012:function:${name}`),
              invokeArn: o("arn"),
            }
          : undefined,
      gcp:
        placement.cloud === "gcp"
          ? { region, project: o("p"), functionName: o(name), serviceName: o(name), uri: o("https://x.a.run.app") }
          : undefined,
      azure:
        placement.cloud === "azure"
          ? {
              region,
              resourceGroupName: o("rg"),
              appName: o(name),
              appId: o("/subscriptions/x"),
              baseUrl: o("https://x.azurewebsites.net"),
            }
          : undefined,
      cloudflare:
        placement.cloud === "cloudflare"
          ? { accountId: o("0123456789abcdef0123456789abcdef"), scriptName: o(name) }
          : undefined,
    } as FunctionHandle,
  };
}

const AWS = "aws:us-east-1";
const f = fn(AWS);
const base = { target: AWS, routes: { "GET /users": f } };
const jwt = (extra: Record<string, unknown>) => ({
  ...base,
  auth: { jwt: { issuer: "https://auth.example.com/", audiences: ["api"], ...extra } },
});
const manyRoutes = Object.fromEntries(Array.from({ length: 301 }, (_, i) => [`GET /r${i}`, f]));

/** [title, field, name, args]: beyond the cases of test/api-gateway.validation.test.ts. */
const rows: [string, string, string, unknown][] = [
  ["unicode name", "name", "ápi", base],
  ["oversized name", "name", "a".repeat(100), base],
  ["args null", "args", "api", null],
  ["target missing", "target", "api", { routes: base.routes }],
  ["target region typo", "target", "api", { ...base, target: "gcp:europe-west" }],
  ["routes null", "routes", "api", { ...base, routes: null }],
  ["routes an array", "routes", "api", { ...base, routes: [f] }],
  ["more than 300 routes", "routes", "api", { ...base, routes: manyRoutes }],
  [
    "query string in a route",
    `routes["GET /users?active=1"]`,
    "api",
    { ...base, routes: { "GET /users?active=1": f } },
  ],
  ["unicode path segment", `routes["GET /ünïcode"]`, "api", { ...base, routes: { "GET /ünïcode": f } }],
  ["space inside a path", `routes["GET /a b"]`, "api", { ...base, routes: { "GET /a b": f } }],
  ["empty parameter name", `routes["GET /a/{}"]`, "api", { ...base, routes: { "GET /a/{}": f } }],
  [
    "conflicting greedy routes",
    `routes["GET /f/{b+}"]`,
    "api",
    { ...base, routes: { "GET /f/{a+}": f, "GET /f/{b+}": f } },
  ],
  ["route target a string", `routes["GET /a"]`, "api", { ...base, routes: { "GET /a": "users" } }],
  [
    "route target of an unknown cloud",
    `routes["GET /a"]`,
    "api",
    { ...base, routes: { "GET /a": { handle: { name: "x", placement: { cloud: "ibm", key: "ibm:dal" } } } } },
  ],
  [
    "route target without this cloud's details",
    `routes["GET /a"]`,
    "api",
    { ...base, routes: { "GET /a": { handle: { ...f.handle, aws: undefined } } } },
  ],
  [
    "greedy parameter on Azure",
    `routes["GET /f/{p+}"]`,
    "api",
    { target: "azure:westeurope", routes: { "GET /f/{p+}": fn("azure:westeurope") } },
  ],
  [
    "Azure function behind a Google gateway",
    `routes["GET /a"]`,
    "api",
    { target: "gcp:europe-west1", routes: { "GET /a": fn("azure:westeurope") } },
  ],
  ["cors origins empty", "cors.allowOrigins", "api", { ...base, cors: { allowOrigins: [] } }],
  [
    "cors origin with a path",
    "cors.allowOrigins[0]",
    "api",
    { ...base, cors: { allowOrigins: ["https://app.example.com/home"] } },
  ],
  ["cors header with a space", "cors.allowHeaders[0]", "api", { ...base, cors: { allowHeaders: ["x header"] } }],
  ["cors null", "cors", "api", { ...base, cors: null }],
  ["cors max age negative", "cors.maxAgeSeconds", "api", { ...base, cors: { maxAgeSeconds: -1 } }],
  ["cors unknown key", "cors.allowCredentials", "api", { ...base, cors: { allowCredentials: true } }],
  [
    "auth jwt and apiKey together",
    "auth",
    "gw",
    {
      target: "gcp:europe-west1",
      routes: { "GET /a": fn("gcp:europe-west1") },
      auth: { apiKey: true, jwt: { issuer: "https://a.example.com", audiences: ["x"] } },
    },
  ],
  [
    "auth apiKey false",
    "auth.apiKey",
    "api",
    { ...base, target: "azure:westeurope", routes: { "GET /a": fn("azure:westeurope") }, auth: { apiKey: false } },
  ],
  ["jwt audiences a string", "auth.jwt.audiences", "api", jwt({ audiences: "api" })],
  ["jwt jwksUri over http", "auth.jwt.jwksUri", "api", jwt({ jwksUri: "http://auth.example.com/jwks" })],
  ["jwt issuer missing", "auth.jwt.issuer", "api", jwt({ issuer: undefined })],
  ["jwt unknown key", "auth.jwt.scopes", "api", jwt({ scopes: ["read"] })],
  ["51 jwt audiences", "auth.jwt.audiences", "api", jwt({ audiences: Array.from({ length: 51 }, (_, i) => `a${i}`) })],
  ["oversized jwt audience", "auth.jwt.audiences[0]", "api", jwt({ audiences: ["a".repeat(257)] })],
  ["throttle null", "throttle", "api", { ...base, throttle: null }],
  ["throttle burst above 5000", "throttle.burst", "api", { ...base, throttle: { ratePerSecond: 10, burst: 5001 } }],
  ["throttle rate NaN", "throttle.ratePerSecond", "api", { ...base, throttle: { ratePerSecond: NaN, burst: 10 } }],
  ["throttle without burst", "throttle.burst", "api", { ...base, throttle: { ratePerSecond: 10 } }],
  ["access logs a string", "accessLogs", "api", { ...base, accessLogs: "on" }],
  [
    "access log retention below Azure's 30",
    "accessLogs.retentionDays",
    "api",
    { target: "azure:westeurope", routes: { "GET /a": fn("azure:westeurope") }, accessLogs: { retentionDays: 10 } },
  ],
  [
    "access log retention fractional",
    "accessLogs.retentionDays",
    "api",
    { ...base, accessLogs: { retentionDays: 1.5 } },
  ],
  ["internationalized domain", "domain", "api", { ...base, domain: "api.bücher.de" }],
  ["domain label over 63 characters", "domain", "api", { ...base, domain: `${"a".repeat(64)}.example.com` }],
  ["wildcard domain", "domain", "api", { ...base, domain: "*.example.com" }],
  ["domain with a scheme", "domain", "api", { ...base, domain: "https://api.example.com" }],
  ["domain zone of one label", "domain.zone", "api", { ...base, domain: { name: "api.example.com", zone: "example" } }],
  [
    "domain zone resource group with spaces",
    "domain.zoneResourceGroup",
    "api",
    { ...base, domain: { name: "api.example.com", zoneResourceGroup: "my dns rg" } },
  ],
  ["domain name null", "domain.name", "api", { ...base, domain: { name: null } }],
  [
    "domain unknown key",
    "domain.certificateArn",
    "api",
    { ...base, domain: { name: "api.example.com", certificateArn: "arn:x" } },
  ],
  ["info null", "info", "api", { ...base, info: null }],
  ["info version oversized", "info.version", "api", { ...base, info: { version: "1".repeat(101) } }],
  ["info unknown key", "info.license", "api", { ...base, info: { license: "MIT" } }],
  ["transform null", "transform", "api", { ...base, transform: null }],
];

export const API_GATEWAY_CASES: BadInput[] = rows.map(([title, field, name, args]) => ({
  title,
  field,
  program: () => {
    new ApiGateway(name, args as never);
  },
}));

/** A route target that registers nothing, for other catalogues of ApiGateway input. */
export { fn as routeTarget };
