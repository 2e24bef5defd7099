import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { diffPlans } from "../lib/cli/diff";
import { renderDiff } from "../lib/cli/render-diff";
import { recordPlan } from "../lib/testing";

/** A program whose log group, bucket and queue change between versions. */
function version(v: { retention: number; logsName: string; aliasLogs?: string; bucket: boolean; queueName: string }) {
  return () => {
    new aws.cloudwatch.LogGroup(
      v.logsName,
      { name: "/app/logs", retentionInDays: v.retention },
      v.aliasLogs ? { aliases: [{ name: v.aliasLogs }] } : {},
    );
    if (v.bucket) new aws.s3.Bucket("data", { bucket: "meridian-data" });
    new aws.sqs.Queue("jobs", { name: v.queueName });
  };
}

describe("plan diff (npm run plan -- --diff)", () => {
  it("tells updates in place, aliased renames, replacements and data loss apart", async () => {
    const before = await recordPlan(version({ retention: 30, logsName: "logs", bucket: true, queueName: "jobs" }));
    const after = await recordPlan(
      version({ retention: 365, logsName: "app-logs", aliasLogs: "logs", bucket: false, queueName: "jobs-v2" }),
    );
    const diff = diffPlans(before, after);
    assert.deepEqual(
      diff.renamed.map((e) => [e.urn.split("::").pop(), e.from?.split("::").pop()]),
      [["app-logs", "logs"]],
    );
    assert.deepEqual(
      diff.updated.map((e) => [e.urn.split("::").pop(), e.changed]),
      [["app-logs", ["retentionInDays"]]],
    );
    assert.deepEqual(
      diff.replaced.map((e) => [e.urn.split("::").pop(), e.reason]),
      [["jobs", "changed name"]],
    );
    assert.deepEqual(
      diff.removed.map((e) => e.urn.split("::").pop()),
      ["data"],
    );
    assert.deepEqual(diff.added, []);
    assert.deepEqual(diff.dataLoss.map((e) => e.urn.split("::").pop()).sort(), ["data", "jobs"]);
    const text = renderDiff(diff);
    assert.match(text, /^DATA LOSS: 2 stateful resource/);
    assert.match(text, /inputs: retentionInDays/);
    assert.match(text, /Renamed under an alias \(1\)/);
  });

  it("says so when nothing changes", async () => {
    const p = await recordPlan(version({ retention: 30, logsName: "logs", bucket: true, queueName: "jobs" }));
    assert.equal(renderDiff(diffPlans(p, p)), "No changes.");
  });
});
