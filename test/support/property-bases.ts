import * as path from "path";
import fc from "fast-check";
import { ApiGateway, FailoverDns, MultiRegionService, ServerlessFunction } from "../../lib";
import { FakeFunction } from "../fixtures/api-fake-function";

/**
 * Valid arguments of each component (the bases the property tests mutate) and the constructor call for each.
 * Shared by test/property.test.ts (any arguments) and test/property.hostile.test.ts (hostile classes).
 */

const ENTRY = path.join(__dirname, "..", "fixtures", "function-hello.ts");
const ACCOUNT = "0123456789abcdef0123456789abcdef";
const ZONE_ID = "fedcba9876543210fedcba9876543210";

export const FUNCTION_BASES = fc.constantFrom<unknown>(
  {
    target: "aws:us-east-1",
    entry: ENTRY,
    url: true,
    memoryMb: 512,
    environment: { STAGE: "dev" },
    triggers: [{ type: "http" }, { type: "schedule", schedule: "rate(5 minutes)" }],
  },
  {
    target: "gcp:europe-west1",
    entry: ENTRY,
    timeoutSeconds: 60,
    secrets: { TOKEN: "s3cret" },
    triggers: [{ type: "queue", batchSize: 1 }],
  },
  {
    target: "azure:westeurope",
    entry: ENTRY,
    logRetentionDays: 30,
    triggers: [{ type: "http" }, { type: "queue", batchSize: 5, maxRetries: 3 }],
  },
  {
    target: "cloudflare",
    entry: ENTRY,
    url: true,
    cloudflare: {
      accountId: ACCOUNT,
      workersDevSubdomain: "team",
      domain: { hostname: "hello.example.com", zoneId: ZONE_ID },
    },
  },
);
export const makeFunction = (args: unknown, name: string): void => {
  new ServerlessFunction(name, args as never);
};

const targets = ["aws:us-east-1", "gcp:europe-west1", "azure:westeurope", "cloudflare"];
export const API_BASES = fc.constantFrom(...targets).map((target) => ({
  target,
  routes: { "GET /users": "$fn", "GET /users/{id}": "$fn", "POST /users": "$fn" },
  cors: { allowOrigins: ["https://app.example.com"], allowMethods: ["GET", "POST"], maxAgeSeconds: 600 },
  auth:
    target === "gcp:europe-west1"
      ? { apiKey: true }
      : { jwt: { issuer: "https://auth.example.com/", audiences: ["api"] } },
  domain: "api.example.com",
  // APIM rate-limits per subscription (API key) only, so an Azure JWT API has no throttle (issue #15 item 10).
  ...(target === "azure:westeurope" ? {} : { throttle: { ratePerSecond: 10, burst: 20 } }),
  info: { title: "Users", version: "1.0.0" },
}));
// Routes point at a fake function of the base's cloud: "$fn" stands for it, so mutations can replace it.
export const makeApi = (args: unknown, name: string): void => {
  const target = (args as { target?: unknown })?.target;
  const fn = new FakeFunction("fn", typeof target === "string" && targets.includes(target) ? target : "aws:us-east-1");
  const routes = (args as { routes?: unknown })?.routes;
  if (routes && typeof routes === "object")
    for (const [k, v] of Object.entries(routes)) if (v === "$fn") (routes as Record<string, unknown>)[k] = fn;
  new ApiGateway(name, args as never);
};

const endpoints = (addresses: [string, string], regions: [string, string]) =>
  addresses.map((address, i) => ({ id: `e${i}`, address, region: regions[i] }));
export const DNS_BASES = fc.constantFrom<unknown>(
  {
    provider: "route53",
    zone: "example.com",
    record: "api",
    strategy: "failover",
    endpoints: endpoints(["34.120.113.10", "35.190.100.20"], ["aws:us-east-1", "aws:eu-west-1"]),
    healthCheck: { path: "/healthz", intervalSeconds: 10, failureThreshold: 3 },
    route53: { zoneId: "Z0123456789ABCDEFGHIJ" },
  },
  {
    provider: "cloudflare",
    zone: "example.com",
    record: "api",
    strategy: "geo",
    endpoints: [
      { id: "us", address: "us.northwind-origins.net", geo: ["WORLD"] },
      { id: "eu", address: "eu.northwind-origins.net", geo: ["GEO-EU"] },
    ],
    cloudflare: { accountId: ACCOUNT, zoneId: ZONE_ID, plan: "business", trafficSteering: true },
  },
  {
    provider: "azure-traffic-manager",
    zone: "example.com",
    record: "www",
    strategy: "weighted",
    endpoints: [
      { id: "a", address: "a.northwind-origins.net", weight: 3 },
      { id: "b", address: "b.northwind-origins.net", weight: 1 },
    ],
    azure: { resourceGroupName: "rg-dns" },
  },
  {
    provider: "gcp-cloud-dns",
    zone: "example.com",
    record: "api",
    strategy: "failover",
    endpoints: endpoints(["34.1.1.1", "34.1.1.2"], ["gcp:us-east4", "gcp:europe-west1"]),
    gcp: { managedZone: "example-com" },
    ttlSeconds: 30,
  },
);
export const makeDns = (args: unknown, name: string): void => {
  new FailoverDns(name, args as never);
};

const dns = {
  provider: "route53",
  zone: "example.com",
  record: "api",
  route53: { zoneId: "Z0123456789ABCDEFGHIJ" },
};
const cf = {
  provider: "cloudflare",
  zone: "example.com",
  record: "api",
  cloudflare: { accountId: ACCOUNT, zoneId: ZONE_ID, plan: "business", trafficSteering: true },
};
export const SERVICE_BASES = fc.constantFrom<unknown>(
  {
    regions: ["aws:us-east-1"],
    container: { image: "ghcr.io/acme/api:1", port: 8080, cpu: 0.5, memoryMb: 1024, environment: { A: "1" } },
    routing: { strategy: "latency", dns },
    count: 1,
  },
  {
    regions: ["gcp:europe-west1"],
    container: { image: "ghcr.io/acme/api:1" },
    healthCheck: { path: "/ready", intervalSeconds: 10 },
    routing: { dns: { provider: "route53", zone: "example.com", record: "www" } },
  },
  {
    regions: ["azure:westeurope", "azure:northeurope"],
    container: { image: "ghcr.io/acme/api:1", cpu: 1, memoryMb: 2048 },
    routing: { strategy: "failover" },
    primary: "azure:northeurope",
  },
  {
    regions: ["aws:us-east-1", "gcp:europe-west1"],
    container: { image: "ghcr.io/acme/api:1", cpu: 1, memoryMb: 2048, command: ["node", "server.js"] },
    healthCheck: { intervalSeconds: 30, timeoutSeconds: 10, failureThreshold: 2 },
    routing: { strategy: "weighted", dns: cf },
    perRegion: { "gcp:europe-west1": { weight: 2 } },
  },
);
export const makeService = (args: unknown, name: string): void => {
  new MultiRegionService(name, args as never);
};
