import * as assert from "node:assert/strict";
import { FailoverDns, FailoverDnsArgs, isConfigError } from "../lib";
import { Plan, findResources, getResource, recordPlan, tryRecordPlan } from "../lib/testing";

// AWS issue #14 item 7: a health check must probe what the endpoint really serves. An API Gateway regional domain
// target (d-<id>.execute-api.<region>.amazonaws.com) answers only for its custom domain
// (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-regional-api-custom-domain-create.html),
// so each endpoint can name the probe's Host and path.
const ACCOUNT = "0123456789abcdef0123456789abcdef";
const ZONE = "fedcba9876543210fedcba9876543210";
const GW = "d-abc123def4.execute-api.eu-west-1.amazonaws.com";
const API = "abc123.execute-api.eu-west-1.amazonaws.com";
const base = (provider: FailoverDnsArgs["provider"], probe?: object): FailoverDnsArgs => ({
  provider,
  zone: "example.com",
  record: "api",
  strategy: "failover",
  endpoints: [
    { id: "euw1", address: GW, region: "aws:eu-west-1", ...(probe ? { healthCheck: probe } : {}) },
    { id: "use1", address: "lb-use1.northwind-origins.net", region: "aws:us-east-1" },
  ],
  healthCheck: { path: "/healthz" },
  ...(provider === "route53" ? { route53: { zoneId: "Z0123456789ABCDEFGHIJ" } } : {}),
  ...(provider === "cloudflare" ? { cloudflare: { accountId: ACCOUNT, zoneId: ZONE } } : {}),
  ...(provider === "azure-traffic-manager" ? { azure: { resourceGroupName: "rg-dns" } } : {}),
});
const record = (args: FailoverDnsArgs): Promise<Plan> =>
  recordPlan(() => {
    new FailoverDns("api", args);
  });
async function refused(args: FailoverDnsArgs, field: string) {
  const { plan, error } = await tryRecordPlan(() => new FailoverDns("api", args));
  assert.ok(isConfigError(error), `expected a ConfigError, got ${error}`);
  assert.equal((error as any).field, field, (error as Error).message);
  assert.equal(plan.resources.length, 0);
}

describe("FailoverDns endpoints[].healthCheck: probe what the endpoint really serves", () => {
  it("Route 53 refuses to probe an API Gateway regional domain under its own name", async () => {
    await refused(base("route53"), "endpoints[0].healthCheck.host");
    await refused(base("azure-traffic-manager"), "endpoints[0].healthCheck.host");
  });

  it("Route 53 checks the given host and path (FullyQualifiedDomainName, ResourcePath); the others keep the shared check", async () => {
    const plan = await record(base("route53", { host: API, path: "/prod/healthz" }));
    const own = getResource(plan, "aws:route53/healthCheck:HealthCheck", "api-euw1-health");
    assert.equal(own.inputs.fqdn, API);
    assert.equal(own.inputs.resourcePath, "/prod/healthz");
    const other = getResource(plan, "aws:route53/healthCheck:HealthCheck", "api-use1-health");
    assert.equal(other.inputs.fqdn, "lb-use1.northwind-origins.net");
    assert.equal(other.inputs.resourcePath, "/healthz");
  });

  it("Cloudflare gives that endpoint's pool a monitor of its own with the Host and path", async () => {
    const plan = await record(base("cloudflare", { host: API, path: "/prod/healthz" }));
    const monitors = findResources(plan, "cloudflare:index/loadBalancerMonitor:LoadBalancerMonitor");
    assert.equal(monitors.length, 2);
    const own = getResource(plan, "cloudflare:index/loadBalancerMonitor:LoadBalancerMonitor", "api-euw1-monitor");
    assert.deepEqual(own.inputs.header, { Host: [API] });
    assert.equal(own.inputs.path, "/prod/healthz");
    const shared = getResource(plan, "cloudflare:index/loadBalancerMonitor:LoadBalancerMonitor", "api-monitor");
    assert.deepEqual(shared.inputs.header, { Host: ["api.example.com"] });
  });

  it("Traffic Manager sends the host as an endpoint custom header; its path is per profile, so a per-endpoint path is refused", async () => {
    const plan = await record(base("azure-traffic-manager", { host: API }));
    const ep = getResource(plan, "azure-native:trafficmanager:Endpoint", "api-euw1");
    assert.deepEqual(ep.inputs.customHeaders, [{ name: "host", value: API }]);
    await refused(base("azure-traffic-manager", { host: API, path: "/x" }), "endpoints[0].healthCheck.path");
  });

  it("refuses what a provider cannot probe per endpoint: Cloud DNS (one check per record), TCP (no Host, no path)", async () => {
    const gcp: FailoverDnsArgs = {
      provider: "gcp-cloud-dns",
      zone: "example.com",
      record: "api",
      strategy: "failover",
      gcp: { managedZone: "example-com" },
      endpoints: [
        { id: "a", address: "34.120.0.10", region: "gcp:us-east4", healthCheck: { path: "/x" } },
        { id: "b", address: "34.120.0.20", region: "gcp:europe-west1" },
      ],
    };
    await refused(gcp, "endpoints[0].healthCheck");
    await refused({ ...base("route53", { host: API }), healthCheck: { protocol: "TCP" } }, "endpoints[0].healthCheck");
  });
});
