// A user's unit test of their program, on Meridian's recording engine (no credentials, no Pulumi CLI).
import * as assert from "assert";
import * as path from "path";
import { ServerlessFunction } from "meridian";
import { checkPlan } from "meridian/policy";
import { findResources, hasResource, programFromFile, recordPlan, tryRecordPlan } from "meridian/testing";

describe("the consumer's program", function () {
  this.timeout(120_000);

  it("records the program with its config", async () => {
    const plan = await recordPlan(programFromFile(path.join(__dirname, "..", "index.ts")), {
      project: "consumer-app",
      stack: "dev",
      config: { "aws:region": "us-east-1", greeting: "hi" },
    });
    hasResource(plan, "aws:lambda/function:Function", { environment: { variables: { GREETING: "hi" } } });
    assert.equal(findResources(plan, "aws:apigatewayv2/api:Api").length, 1);
    assert.equal(plan.outputs.errorName, "ConfigError");
    // The policy rules run without @pulumi/policy installed (only the pack needs it).
    assert.ok(Array.isArray(checkPlan(plan)));
  });

  it("gets a ConfigError, and no resource, for bad input", async () => {
    const { plan, error } = await tryRecordPlan(() => {
      new ServerlessFunction("bad", { target: "aws:mars-north-1", runtime: "nodejs22", entry: "./handlers/hello.ts" });
    });
    assert.equal((error as Error).name, "ConfigError");
    assert.equal(plan.resources.length, 0);
  });
});
