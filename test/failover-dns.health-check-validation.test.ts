import { BadInputCase, cf, az, gcp, itRefusesEach } from "./support/failover-dns-bad-input";

const CASES: BadInputCase[] = [
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
  itRefusesEach(CASES);
});
