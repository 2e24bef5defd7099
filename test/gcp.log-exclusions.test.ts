import * as assert from "node:assert/strict";
import * as path from "node:path";
import { MultiRegionService, ServerlessFunction } from "../lib";
import { isConfigError } from "../lib/core/errors";
import { findResources, recordPlan, tryRecordPlan } from "../lib/testing";

/**
 * Each component that keeps its logs in its own bucket adds one exclusion per bucket to the project's `_Default` sink
 * (lib/gcp/log-bucket.ts), and "Number of exclusion filters: 50 per sink" cannot be raised
 * (https://cloud.google.com/logging/quotas): the 51st exclusion of a project fails in the middle of `pulumi up`.
 * So a program asking for more is a ConfigError on the retention field of the component that passes 50, before it
 * registers anything.
 */
const ENTRY = path.join(__dirname, "fixtures", "function-hello.ts");
const CONFIG = { config: { "gcp:project": "meridian-test" } };
const EXCLUSION = "gcp:logging/projectExclusion:ProjectExclusion";

const functions = (count: number) => {
  for (let i = 0; i < count; i++)
    new ServerlessFunction(`fn${i}`, { target: "gcp:europe-west1", entry: ENTRY, logRetentionDays: 14 });
};
const service = (name: string, regions: string[]) =>
  new MultiRegionService(name, {
    regions: regions as ["gcp:europe-west1"],
    container: { image: "us-docker.pkg.dev/cloudrun/container/hello", port: 8080 },
    healthCheck: { path: "/healthz" },
    logRetentionDays: 90,
    routing: {
      strategy: "latency",
      dns: { provider: "route53", zone: "example.com", record: name, route53: { zoneId: "Z0123456789ABC" } },
    },
  });

describe("Google Cloud: at most 50 _Default sink exclusions per project (https://cloud.google.com/logging/quotas)", function () {
  this.timeout(120_000);

  it("50 components with their own retention plan cleanly, one exclusion each", async () => {
    const plan = await recordPlan(() => functions(50), CONFIG);
    assert.equal(findResources(plan, EXCLUSION).length, 50);
  });

  it("the 51st is a ConfigError on logRetentionDays naming the limit, with nothing of it registered", async () => {
    const { plan, error } = await tryRecordPlan(() => functions(51), CONFIG);
    assert.ok(isConfigError(error), String(error));
    assert.equal(error.component, 'ServerlessFunction "fn50"');
    assert.equal(error.field, "logRetentionDays");
    assert.match(error.message, /at most 50 exclusions \(https:\/\/cloud\.google\.com\/logging\/quotas\)/);
    assert.ok(!plan.resources.some((r) => r.name.startsWith("fn50")), "nothing of fn50 registered");
  });

  it("a MultiRegionService counts one exclusion per Google region", async () => {
    const { error } = await tryRecordPlan(() => {
      functions(48);
      service("web", ["gcp:europe-west1", "gcp:us-central1", "gcp:asia-northeast1"]);
    }, CONFIG);
    assert.ok(isConfigError(error), String(error));
    assert.equal(error.component, 'MultiRegionService "web"');
    assert.equal(error.field, "logRetentionDays");
    assert.match(error.message, /its 3 log buckets would add 3 exclusions/);
  });

  it("components without a retention of their own add none, and each recording counts afresh", async () => {
    const plan = await recordPlan(() => {
      functions(50);
      new ServerlessFunction("plain", { target: "gcp:europe-west1", entry: ENTRY });
    }, CONFIG);
    assert.equal(findResources(plan, EXCLUSION).length, 50);
  });
});
