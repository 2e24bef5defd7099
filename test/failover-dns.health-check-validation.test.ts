import * as assert from "node:assert";
import { FailoverDns, isConfigError } from "../lib";
import { tryRecordPlan } from "../lib/testing";

// trafficSteering: geo and latency need Cloudflare's Traffic Steering add-on below Enterprise (issue #16 item 5).
const CF = {
  accountId: "0123456789abcdef0123456789abcdef",
  zoneId: "fedcba9876543210fedcba9876543210",
  trafficSteering: true,
};
const good = (): any => ({
  provider: "route53",
  zone: "example.com",
  record: "api",
  strategy: "failover",
  endpoints: [
    { id: "use1", address: "lb-use1.northwind-origins.net", region: "aws:us-east-1" },
    { id: "euw1", address: "lb-euw1.northwind-origins.net", region: "aws:eu-west-1" },
  ],
});
const cf = (a: any) => {
  a.provider = "cloudflare";
  a.cloudflare = { ...CF };
};
const az = (a: any) => {
  a.provider = "azure-traffic-manager";
  a.azure = { resourceGroupName: "rg" };
};
const gcp = (a: any) => {
  a.provider = "gcp-cloud-dns";
  a.gcp = { managedZone: "example-com" };
  a.endpoints = [
    { id: "a", address: "34.1.1.1", region: "gcp:us-east4" },
    { id: "b", address: "34.1.1.2", region: "gcp:europe-west1" },
  ];
};

/** [description, mutate(args), expected field] */
const CASES: Array<[string, (a: any) => void, string]> = [
  [
    "healthCheck not an object",
    (a) => {
      a.healthCheck = "/healthz";
    },
    "healthCheck",
  ],
  [
    "unknown healthCheck key",
    (a) => {
      a.healthCheck = { host: "x" };
    },
    "healthCheck.host",
  ],
  [
    "bad protocol",
    (a) => {
      a.healthCheck = { protocol: "GRPC" };
    },
    "healthCheck.protocol",
  ],
  [
    "path without slash",
    (a) => {
      a.healthCheck = { path: "healthz" };
    },
    "healthCheck.path",
  ],
  [
    "path with TCP",
    (a) => {
      a.healthCheck = { protocol: "TCP", path: "/x" };
    },
    "healthCheck.path",
  ],
  [
    "port out of range",
    (a) => {
      a.healthCheck = { port: 0 };
    },
    "healthCheck.port",
  ],
  [
    "Route 53 interval 15",
    (a) => {
      a.healthCheck = { intervalSeconds: 15 };
    },
    "healthCheck.intervalSeconds",
  ],
  [
    "Route 53 threshold 11",
    (a) => {
      a.healthCheck = { failureThreshold: 11 };
    },
    "healthCheck.failureThreshold",
  ],
  [
    "Route 53 timeout",
    (a) => {
      a.healthCheck = { timeoutSeconds: 5 };
    },
    "healthCheck.timeoutSeconds",
  ],
  [
    "Cloudflare pro interval 30",
    (a) => {
      cf(a);
      a.healthCheck = { intervalSeconds: 30 };
    },
    "healthCheck.intervalSeconds",
  ],
  [
    "Cloudflare business interval 10",
    (a) => {
      cf(a);
      a.cloudflare.plan = "business";
      a.healthCheck = { intervalSeconds: 10 };
    },
    "healthCheck.intervalSeconds",
  ],
  [
    "Cloudflare timeout too long for interval",
    (a) => {
      cf(a);
      a.cloudflare.plan = "enterprise";
      a.healthCheck = { timeoutSeconds: 8 };
    },
    "healthCheck.timeoutSeconds",
  ],
  [
    "Cloudflare bad plan",
    (a) => {
      cf(a);
      a.cloudflare.plan = "free";
    },
    "cloudflare.plan",
  ],
  [
    "Cloudflare missing accountId",
    (a) => {
      cf(a);
      delete a.cloudflare.accountId;
    },
    "cloudflare.accountId",
  ],
  [
    "Cloudflare bad zoneId",
    (a) => {
      cf(a);
      a.cloudflare.zoneId = "example.com";
    },
    "cloudflare.zoneId",
  ],
  [
    "Cloudflare ttl when proxied",
    (a) => {
      cf(a);
      a.ttlSeconds = 60;
    },
    "ttlSeconds",
  ],
  [
    "Traffic Manager interval 20",
    (a) => {
      az(a);
      a.healthCheck = { intervalSeconds: 20 };
    },
    "healthCheck.intervalSeconds",
  ],
  [
    "Traffic Manager timeout 10 at 10 s",
    (a) => {
      az(a);
      a.healthCheck = { intervalSeconds: 10, timeoutSeconds: 10 };
    },
    "healthCheck.timeoutSeconds",
  ],
  [
    "Traffic Manager missing resource group",
    (a) => {
      az(a);
      delete a.azure.resourceGroupName;
    },
    "azure.resourceGroupName",
  ],
  [
    "Traffic Manager geo drain",
    (a) => {
      az(a);
      a.strategy = "geo";
      a.endpoints[0].geo = ["WORLD"];
      a.endpoints[1].geo = ["DE"];
      a.endpoints[1].enabled = false;
    },
    "endpoints[1].enabled",
  ],
  [
    "Cloud DNS interval 10",
    (a) => {
      gcp(a);
      a.healthCheck = { intervalSeconds: 10 };
    },
    "healthCheck.intervalSeconds",
  ],
  [
    "Cloud DNS timeout above interval",
    (a) => {
      gcp(a);
      a.healthCheck = { intervalSeconds: 30, timeoutSeconds: 31 };
    },
    "healthCheck.timeoutSeconds",
  ],
  [
    "Cloud DNS two source regions",
    (a) => {
      gcp(a);
      a.gcp.healthCheckRegions = ["us-east4", "europe-west1"];
    },
    "gcp.healthCheckRegions",
  ],
  [
    "Cloud DNS missing managed zone",
    (a) => {
      gcp(a);
      delete a.gcp.managedZone;
    },
    "gcp.managedZone",
  ],
  [
    "Route 53 bad zone id",
    (a) => {
      a.route53 = { zoneId: "example.com" };
    },
    "route53.zoneId",
  ],
  [
    "Route 53 two checker regions",
    (a) => {
      a.route53 = { regions: ["us-east-1", "eu-west-1"] };
    },
    "route53.regions",
  ],
  [
    "ttl negative",
    (a) => {
      a.ttlSeconds = -1;
    },
    "ttlSeconds",
  ],
  [
    "ttl not integer",
    (a) => {
      a.ttlSeconds = 1.5;
    },
    "ttlSeconds",
  ],
];

describe("FailoverDns bad input (health checks, provider options, ttl)", () => {
  for (const [what, mutate, field] of CASES) {
    it(`${what} → ConfigError on ${field}, nothing registered`, async () => {
      const args = good();
      mutate(args);
      const { plan, error } = await tryRecordPlan(() => new FailoverDns("api", args));
      assert.ok(isConfigError(error), `expected a ConfigError, got ${error}`);
      assert.strictEqual((error as any).field, field, (error as Error).message);
      assert.strictEqual((error as any).component, 'FailoverDns "api"');
      assert.strictEqual(plan.resources.length, 0);
    });
  }
});
