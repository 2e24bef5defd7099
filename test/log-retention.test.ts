import * as assert from "node:assert/strict";
import * as path from "path";
import { MultiRegionService, MultiRegionServiceArgs, ServerlessFunction } from "../lib";
import { ApiGateway } from "../lib/api-gateway";
import { isConfigError } from "../lib/core/errors";
import { LOG_RETENTION } from "../lib/core/log-retention";
import { Plan, findResources, getResource, hasResource, recordPlan, tryRecordPlan } from "../lib/testing";
import { FakeFunction } from "./fixtures/api-fake-function";

/*
 * One log-retention rule per cloud, the same for every component (lib/core/log-retention.ts). What each cloud's store
 * can keep, from its documentation:
 * - CloudWatch Logs: retentionInDays "Possible values are: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545,
 *   731, 1096, 1827, 2192, 2557, 2922, 3288, and 3653"
 *   (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html).
 * - Log Analytics: a workspace's default interactive retention goes "up to two years", 30 to 730 days; tables of
 *   Application Insights "keep data for 90 days" unless their retention is set per table
 *   (https://learn.microsoft.com/azure/azure-monitor/logs/data-retention-configure#log-tables-with-90-day-default-retention).
 * - Cloud Logging: a log bucket's custom retention is 1 to 3650 days; the `_Default` bucket keeps 30 days and the
 *   `_Default` sink routes every log not in `_Required` to it (https://cloud.google.com/logging/docs/buckets#custom-retention,
 *   https://cloud.google.com/logging/docs/routing/overview).
 * - Workers Logs: retention is the plan's (https://developers.cloudflare.com/workers/observability/logs/workers-logs/#limits).
 */

const ENTRY = path.join(__dirname, "fixtures", "function-hello.ts");
const CONFIG = { "cloudflare:accountId": "0123456789abcdef0123456789abcdef", "gcp:project": "meridian-test" };

const fn = (target: string, logRetentionDays?: number) => () => {
  new ServerlessFunction("hello", { target: target as "aws:us-east-1", entry: ENTRY, logRetentionDays });
};
const svc = (regions: string[], logRetentionDays?: number) => () => {
  const a: MultiRegionServiceArgs = {
    regions: regions as MultiRegionServiceArgs["regions"],
    container: { image: "ghcr.io/acme/web:1.0.0", port: 8080, cpu: 1, memoryMb: 2048 },
    healthCheck: { path: "/healthz" },
    routing: regions.every((r) => r.startsWith("azure:"))
      ? { strategy: "failover" }
      : new Set(regions.map((r) => r.split(":")[0])).size > 1
        ? {
            strategy: "failover",
            dns: {
              provider: "cloudflare",
              zone: "example.com",
              record: "www",
              cloudflare: { accountId: "0".repeat(32), zoneId: "1".repeat(32), plan: "business" },
            },
          }
        : {
            strategy: "latency",
            dns: { provider: "route53", zone: "example.com", record: "www", route53: { zoneId: "Z0123456789ABC" } },
          },
    logRetentionDays,
  };
  new MultiRegionService("web", a);
};
const api = (target: string, retentionDays: number) => () => {
  const f = new FakeFunction("fn", target);
  new ApiGateway("api", { target, routes: { "GET /a": f }, accessLogs: { retentionDays } } as never);
};

async function refused(program: () => void, field: string, message: RegExp): Promise<void> {
  const { plan, error } = await tryRecordPlan(program, { config: CONFIG });
  assert.ok(isConfigError(error), `expected a ConfigError, got ${String(error)}`);
  assert.equal((error as any).field, field);
  assert.match((error as Error).message, message);
  assert.deepEqual(
    plan.resources.filter((r) => !r.type.startsWith("meridian:")),
    [],
    "nothing registered",
  );
}

describe("log retention: one rule per cloud, the same in every component", () => {
  it("Azure: 7 and 731 days are refused by ServerlessFunction, MultiRegionService and ApiGateway alike (30-730)", async () => {
    for (const days of [7, 731]) {
      const msg = new RegExp(`got ${days}; on "azure:westeurope" a Log Analytics workspace keeps logs 30 to 730 days`);
      await refused(fn("azure:westeurope", days), "logRetentionDays", msg);
      // Before: MultiRegionService turned 7 into 30 and passed 731 to Log Analytics.
      await refused(svc(["azure:westeurope"], days), "logRetentionDays", msg);
      await refused(api("azure:westeurope", days), "accessLogs.retentionDays", msg);
    }
  });

  it("AWS: a value CloudWatch does not accept is refused everywhere; every accepted one is kept", async () => {
    const msg = /got 10; on "aws:us-east-1" CloudWatch Logs accepts 1, 3, .*, 3653 days/;
    await refused(fn("aws:us-east-1", 10), "logRetentionDays", msg);
    await refused(svc(["aws:us-east-1"], 10), "logRetentionDays", msg);
    await refused(api("aws:us-east-1", 10), "accessLogs.retentionDays", msg);
    // Before: MultiRegionService refused 1096 and longer, which CloudWatch accepts.
    const plan = await recordPlan(svc(["aws:us-east-1"], 3653));
    hasResource(plan, "aws:cloudwatch/logGroup:LogGroup", { retentionInDays: 3653 });
  });

  it("a service across clouds is refused when any region's cloud cannot keep the value", async () => {
    await refused(
      svc(["gcp:europe-west1", "aws:us-east-1"], 10),
      "logRetentionDays",
      /got 10; on "aws:us-east-1" CloudWatch Logs accepts 1, 3, 5/,
    );
  });

  it("Google Cloud: 1-3650 days; outside is refused", async () => {
    const msg = /got 3651; on "gcp:europe-west1" a Cloud Logging bucket keeps logs 1 to 3650 days/;
    await refused(fn("gcp:europe-west1", 3651), "logRetentionDays", msg);
    await refused(svc(["gcp:europe-west1"], 3651), "logRetentionDays", msg);
  });

  it("Cloudflare: Workers Logs retention is the plan's, so a value given is refused", async () => {
    await refused(fn("cloudflare", 7), "logRetentionDays", /Workers Logs retention is fixed by the account's plan/);
    await refused(api("cloudflare", 7), "accessLogs.retentionDays", /Workers Logs retention is fixed/);
  });

  it("every rule cites the provider's documentation", () => {
    for (const rule of Object.values(LOG_RETENTION)) assert.match(rule.source, /^https:\/\//);
  });
});

/** The log bucket, sink and `_Default` exclusion of one component, checked to store each log once. */
function assertStoredOnce(plan: Plan, days: number): void {
  const bucket = getResource(plan, "gcp:logging/projectBucketConfig:ProjectBucketConfig");
  assert.equal(bucket.inputs.retentionDays, days);
  const sink = getResource(plan, "gcp:logging/projectSink:ProjectSink");
  const exclusion = getResource(plan, "gcp:logging/projectExclusion:ProjectExclusion");
  // The `_Default` sink would otherwise keep its own 30-day copy of what the sink routes to the bucket.
  assert.equal(exclusion.inputs.filter, sink.inputs.filter);
  assert.match(String(sink.inputs.destination), new RegExp(`/buckets/${String(bucket.inputs.bucketId)}$`));
}

describe("log retention on Google Cloud: kept exactly as long as asked, stored once", () => {
  it("ServerlessFunction: 7 days (before: silently 30 in _Default) and 90 days, each excluded from _Default", async () => {
    for (const days of [7, 90]) {
      const plan = await recordPlan(fn("gcp:europe-west1", days), { config: CONFIG });
      assertStoredOnce(plan, days);
    }
  });

  it("MultiRegionService: Cloud Run logs per region in a bucket with that retention (before: ignored)", async () => {
    const plan = await recordPlan(svc(["gcp:europe-west1", "gcp:us-central1"], 14), { config: CONFIG });
    const buckets = findResources(plan, "gcp:logging/projectBucketConfig:ProjectBucketConfig");
    assert.deepEqual(
      buckets.map((b) => [b.inputs.location, b.inputs.retentionDays]),
      [
        ["europe-west1", 14],
        ["us-central1", 14],
      ],
    );
    const sinks = findResources(plan, "gcp:logging/projectSink:ProjectSink");
    const exclusions = findResources(plan, "gcp:logging/projectExclusion:ProjectExclusion");
    assert.deepEqual(
      exclusions.map((e) => e.inputs.filter),
      sinks.map((s) => s.inputs.filter),
    );
    for (const s of sinks) assert.match(String(s.inputs.filter), /resource\.type="cloud_run_revision"/);
  });

  it("ApiGateway: accessLogs.retentionDays keeps the gateway's platform logs that long, in a bucket of its own", async () => {
    // Google API Gateway's platform logs are entries of resource.type "apigateway.googleapis.com/Gateway" with the
    // gateway_id and location labels (https://cloud.google.com/api-gateway/docs/platform-logging). Before, the retention
    // was refused although a log bucket can keep them (https://cloud.google.com/logging/docs/buckets#custom-retention).
    const plan = await recordPlan(api("gcp:europe-west1", 90), { config: CONFIG });
    assertStoredOnce(plan, 90);
    const bucket = getResource(plan, "gcp:logging/projectBucketConfig:ProjectBucketConfig");
    assert.equal(bucket.inputs.location, "europe-west1");
    const gateway = getResource(plan, "gcp:apigateway/gateway:Gateway");
    const sink = getResource(plan, "gcp:logging/projectSink:ProjectSink");
    assert.equal(
      sink.inputs.filter,
      `resource.type="apigateway.googleapis.com/Gateway" AND resource.labels.gateway_id="${String(gateway.inputs.gatewayId)}" AND resource.labels.location="europe-west1"`,
    );
    // Without it the gateway's logs stay in _Default (30 days) and nothing is added.
    const plain = await recordPlan(
      () => {
        const f = new FakeFunction("fn", "gcp:europe-west1");
        new ApiGateway("api", { target: "gcp:europe-west1", routes: { "GET /a": f } });
      },
      { config: CONFIG },
    );
    assert.equal(findResources(plain, "gcp:logging/projectBucketConfig:ProjectBucketConfig").length, 0);
    await refused(api("gcp:europe-west1", 3651), "accessLogs.retentionDays", /1 to 3650 days/);
  });

  it("no value given: logs stay in the project's _Default bucket, nothing added", async () => {
    const plan = await recordPlan(fn("gcp:europe-west1"), { config: CONFIG });
    assert.equal(findResources(plan, "gcp:logging/projectBucketConfig:ProjectBucketConfig").length, 0);
    assert.equal(findResources(plan, "gcp:logging/projectExclusion:ProjectExclusion").length, 0);
  });
});

describe("log retention on Azure: workspace-based Application Insights", () => {
  const APP_TABLES = [
    "AppAvailabilityResults",
    "AppBrowserTimings",
    "AppDependencies",
    "AppEvents",
    "AppExceptions",
    "AppMetrics",
    "AppPageViews",
    "AppPerformanceCounters",
    "AppRequests",
    "AppSystemEvents",
    "AppTraces",
  ];

  for (const [what, program] of [
    ["ServerlessFunction", fn("azure:westeurope", 60)],
    ["ApiGateway access logs", api("azure:westeurope", 60)],
  ] as const) {
    it(`${what}: no retentionInDays on the component (it does nothing); the App tables keep 60 days, not 90`, async () => {
      const plan = await recordPlan(program, { config: CONFIG });
      const insights = getResource(plan, "azure-native:applicationinsights:Component");
      assert.ok(insights.inputs.workspaceResourceId !== undefined, "workspace-based");
      assert.equal(insights.inputs.retentionInDays, undefined);
      hasResource(plan, "azure-native:operationalinsights:Workspace", { retentionInDays: 60 });
      const tables = findResources(plan, "azure-native:operationalinsights:Table");
      assert.deepEqual(tables.map((t) => t.inputs.tableName).sort(), APP_TABLES);
      for (const t of tables) {
        assert.equal(t.inputs.retentionInDays, 60);
        // Azure tables cannot be deleted ("An Azure table ... can't be deleted", same page): the workspace goes instead.
        assert.equal(t.retainOnDelete, true);
      }
    });
  }

  it("MultiRegionService: the workspace keeps exactly the value given", async () => {
    const plan = await recordPlan(svc(["azure:westeurope"], 45));
    hasResource(plan, "azure-native:operationalinsights:Workspace", { retentionInDays: 45 });
  });
});
