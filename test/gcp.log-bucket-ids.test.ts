import * as assert from "node:assert/strict";
import * as path from "node:path";
import { MultiRegionService, ServerlessFunction } from "../lib";
import { Plan, dependsOn, findResources, recordPlan } from "../lib/testing";

/**
 * A deleted log bucket keeps its id for 7 days: `projects.locations.buckets.delete` "Changes the bucket's
 * lifecycleState to the DELETE_REQUESTED state. After 7 days, the bucket will be purged"
 * (https://cloud.google.com/logging/docs/reference/v2/rest/v2/projects.locations.buckets/delete), and creating one
 * with the same id meanwhile fails ("Buckets must be in an ACTIVE state to be modified",
 * GoogleCloudPlatform/cloud-foundation-fabric#1898). So with a fixed bucket id, `pulumi destroy` then `pulumi up` of
 * the same stack fails for a week, as a soft-deleted Key Vault name does (issue 15 item 5). The id carries the hash of
 * a random seed kept in state (lib/core/global-name.ts NameSeed): new after a destroy, the same on every deploy.
 */
const ENTRY = path.join(__dirname, "fixtures", "function-hello.ts");
const CONFIG = { config: { "gcp:project": "meridian-test" } };
const BUCKET = "gcp:logging/projectBucketConfig:ProjectBucketConfig";
const SEED = "pulumi-nodejs:dynamic:Resource";

const program = () => {
  new ServerlessFunction("hello", { target: "gcp:europe-west1", entry: ENTRY, logRetentionDays: 14 });
  new MultiRegionService("web", {
    regions: ["gcp:europe-west1", "gcp:us-central1"],
    container: { image: "us-docker.pkg.dev/cloudrun/container/hello", port: 8080 },
    healthCheck: { path: "/healthz" },
    logRetentionDays: 90,
    routing: {
      strategy: "latency",
      dns: { provider: "route53", zone: "example.com", record: "www", route53: { zoneId: "Z0123456789ABC" } },
    },
  });
};

function bucketIds(plan: Plan): string[] {
  return findResources(plan, BUCKET).map((b) => String(b.inputs.bucketId));
}

describe("Google Cloud log bucket ids survive destroy-then-up (7 days DELETE_REQUESTED)", () => {
  let plan: Plan;
  before(async () => {
    plan = await recordPlan(program, CONFIG);
  });

  it("each bucket id ends in the hash of a seed kept in state, and waits for that seed", () => {
    const buckets = findResources(plan, BUCKET);
    assert.equal(buckets.length, 3);
    for (const b of buckets) {
      assert.match(String(b.inputs.bucketId), /^meridian-dev-[a-z0-9-]+-logs-[a-z0-9]{8}$/);
      const seeds = findResources(plan, SEED).filter((s) => dependsOn(plan, b, s) && s.parent === b.parent);
      assert.ok(
        seeds.some((s) => s.name.endsWith(".log-bucket-name-seed")),
        `${b.name} does not derive its id from a seed`,
      );
      // Ids are at most 100 characters (LogBucket name: https://cloud.google.com/logging/docs/reference/v2/rest/v2/projects.locations.buckets).
      assert.ok(String(b.inputs.bucketId).length <= 100);
    }
    assert.equal(new Set(bucketIds(plan)).size, 3);
  });

  it("the sink routes to that id and the exclusion names it", () => {
    const sinks = findResources(plan, "gcp:logging/projectSink:ProjectSink").map((s) => String(s.inputs.destination));
    for (const id of bucketIds(plan))
      assert.ok(
        sinks.some((d) => d.endsWith(`/buckets/${id}`)),
        id,
      );
  });

  it("the plan stays deterministic: the same program gives the same ids", async () => {
    assert.deepEqual(bucketIds(await recordPlan(program, CONFIG)), bucketIds(plan));
  });
});
