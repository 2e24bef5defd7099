import * as assert from "node:assert";
import { MultiRegionService, isConfigError } from "../lib";
import { tryRecordPlan } from "../lib/testing";

const dns = { provider: "route53", zone: "example.com", record: "api" };
const good = (): any => ({
  regions: ["aws:us-east-1", "aws:eu-west-1"],
  container: { image: "ghcr.io/acme/api:1.0.0", port: 8080 },
  routing: { strategy: "latency", dns: { ...dns } },
});

/** [description, mutate(args), expected field] */
const CASES: Array<[string, (a: any) => void, string]> = [
  // Routing, DNS, primary and drained regions, per-region overrides and the remaining top-level fields.

  [
    "unknown strategy",
    (a) => {
      a.routing.strategy = "geo";
    },
    "routing.strategy",
  ],
  [
    "aws without dns",
    (a) => {
      delete a.routing.dns;
    },
    "routing.dns",
  ],
  [
    "gcp without dns",
    (a) => {
      a.regions = ["gcp:europe-west1"];
      delete a.routing.dns;
    },
    "routing.dns",
  ],
  [
    "dns provider unknown",
    (a) => {
      a.routing.dns.provider = "godaddy";
    },
    "routing.dns.provider",
  ],
  [
    "dns zone invalid",
    (a) => {
      a.routing.dns.zone = "not a zone";
    },
    "routing.dns.zone",
  ],
  [
    "dns record two labels",
    (a) => {
      a.routing.dns.record = "a.b";
    },
    "routing.dns.record",
  ],
  [
    "mixed clouds with route53",
    (a) => {
      a.regions = ["aws:us-east-1", "gcp:europe-west1"];
    },
    "routing.dns.provider",
  ],
  [
    "cloudflare without account",
    (a) => {
      a.routing.dns.provider = "cloudflare";
    },
    "routing.dns.cloudflare",
  ],
  [
    "cloudflare plan unknown",
    (a) => {
      a.routing.dns = {
        provider: "cloudflare",
        zone: "example.com",
        record: "api",
        cloudflare: {
          accountId: "0123456789abcdef0123456789abcdef",
          zoneId: "fedcba9876543210fedcba9876543210",
          plan: "free",
        },
      };
    },
    "routing.dns.cloudflare.plan",
  ],
  [
    "route53 options with cloudflare",
    (a) => {
      a.routing.dns = {
        provider: "cloudflare",
        zone: "example.com",
        record: "api",
        route53: {},
        cloudflare: { accountId: "0123456789abcdef0123456789abcdef", zoneId: "fedcba9876543210fedcba9876543210" },
      };
    },
    "routing.dns.route53",
  ],
  [
    "primary not a region",
    (a) => {
      a.routing.strategy = "failover";
      a.primary = "aws:us-west-2";
    },
    "primary",
  ],
  [
    "primary with latency",
    (a) => {
      a.primary = "aws:eu-west-1";
    },
    "primary",
  ],
  [
    "drained not a region",
    (a) => {
      a.drained = ["aws:us-west-2"];
    },
    "drained[0]",
  ],
  [
    "drained all",
    (a) => {
      a.drained = ["aws:us-east-1", "aws:eu-west-1"];
    },
    "drained",
  ],
  [
    "drained primary",
    (a) => {
      a.routing.strategy = "failover";
      a.drained = ["aws:us-east-1"];
    },
    "drained",
  ],
  [
    "perRegion unknown placement",
    (a) => {
      a.perRegion = { "aws:us-west-2": { count: 1 } };
    },
    "perRegion.aws:us-west-2",
  ],
  [
    "perRegion count negative",
    (a) => {
      a.perRegion = { "aws:us-east-1": { count: -1 } };
    },
    "perRegion.aws:us-east-1.count",
  ],
  [
    "perRegion size invalid",
    (a) => {
      a.perRegion = { "aws:us-east-1": { cpu: 2, memoryMb: 1024 } };
    },
    "perRegion.aws:us-east-1.memoryMb",
  ],
  [
    "perRegion weight without weighted",
    (a) => {
      a.perRegion = { "aws:us-east-1": { weight: 2 } };
    },
    "perRegion.aws:us-east-1.weight",
  ],
  [
    "perRegion unknown key",
    (a) => {
      a.perRegion = { "aws:us-east-1": { replicas: 2 } };
    },
    "perRegion.aws:us-east-1.replicas",
  ],
  [
    "all weights zero",
    (a) => {
      a.routing.strategy = "weighted";
      a.perRegion = { "aws:us-east-1": { weight: 0 }, "aws:eu-west-1": { weight: 0 } };
    },
    "perRegion",
  ],
  [
    "log retention not offered",
    (a) => {
      a.logRetentionDays = 10;
    },
    "logRetentionDays",
  ],
  [
    "aws options without aws",
    (a) => {
      a.regions = ["azure:westeurope"];
      delete a.routing.dns;
      a.container.cpu = 1;
      a.container.memoryMb = 2048;
      a.aws = { privateNetworking: true };
    },
    "aws",
  ],
  [
    "transform not a function",
    (a) => {
      a.transform = { service: 3 };
    },
    "transform.service",
  ],
  [
    "unknown top-level key",
    (a) => {
      a.region = "aws:us-east-1";
    },
    "region",
  ],
];

describe("MultiRegionService: bad input (routing, regions served, overrides)", () => {
  for (const [what, mutate, field] of CASES) {
    it(`${what} -> ConfigError on ${field}, nothing registered`, async () => {
      const args = good();
      mutate(args);
      const { plan, error } = await tryRecordPlan(() => new MultiRegionService("api", args));
      assert.ok(isConfigError(error), `expected a ConfigError, got ${error}`);
      assert.strictEqual((error as any).field, field, (error as Error).message);
      assert.strictEqual((error as any).component, `MultiRegionService "api"`);
      assert.strictEqual(plan.resources.length, 0);
    });
  }
});
