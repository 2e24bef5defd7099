import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as azure from "@pulumi/azure-native";
import * as cloudflare from "@pulumi/cloudflare";
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { ConfigError } from "../lib/core/errors";
import { allStrings, dependsOn, getResource, hasResource, planToJson, recordPlan, tryRecordPlan } from "../lib/testing";

/** A program touching every feature the recording must capture, on every cloud. */
function program() {
  const parent = new pulumi.ComponentResource("meridian:index:Probe", "probe", {}, {});
  const provider = new aws.Provider("probe-west", { region: "us-west-2" }, { parent });
  const role = new aws.iam.Role("probe-role", { assumeRolePolicy: "{}" }, { parent });
  const logs = new aws.cloudwatch.LogGroup(
    "probe-logs",
    { name: "/aws/lambda/probe", retentionInDays: 14 },
    {
      parent,
      protect: true,
      retainOnDelete: true,
      aliases: [{ name: "old-logs" }],
      ignoreChanges: ["tags"],
      provider,
    },
  );
  const fn = new aws.lambda.Function(
    "probe-fn",
    {
      role: role.arn,
      runtime: "nodejs22.x",
      handler: "index.handler",
      code: new pulumi.asset.AssetArchive({
        "index.js": new pulumi.asset.StringAsset("exports.handler = async () => 1;"),
      }),
      environment: { variables: { TOKEN: pulumi.secret("s3cr3t-value") } },
      region: "eu-central-1",
    },
    {
      parent,
      dependsOn: [logs],
      replaceOnChanges: ["name"],
      deleteBeforeReplace: true,
      additionalSecretOutputs: ["arn"],
    },
  );
  const sa = new gcp.serviceaccount.Account(
    "probe-sa",
    { accountId: "probe-sa", project: "meridian-test" },
    { parent },
  );
  const rg = new azure.resources.ResourceGroup(
    "probe-rg",
    { resourceGroupName: "probe-rg", location: "westeurope" },
    { parent },
  );
  const cf = new cloudflare.WorkersScript(
    "probe-worker",
    {
      accountId: "0123456789abcdef0123456789abcdef",
      scriptName: "probe",
      content: "export default {}",
      mainModule: "index.js",
    },
    { parent },
  );
  const identity = pulumi.output(aws.getCallerIdentity({}));
  const zone = pulumi.output(cloudflare.getZone({ filter: { name: "example.com" } }));
  return {
    fnArn: fn.arn,
    invokeArn: fn.invokeArn,
    saEmail: sa.email,
    rgId: rg.id,
    script: cf.scriptName,
    account: identity.accountId,
    zoneId: zone.zoneId,
    secret: pulumi.secret("hidden"),
  };
}

describe("recording engine", () => {
  let plan: Awaited<ReturnType<typeof recordPlan>>;
  before(async () => {
    plan = await recordPlan(program, { stack: "test" });
  });

  it("records parents, providers and the resource options", () => {
    const logs = getResource(plan, "aws:cloudwatch/logGroup:LogGroup");
    assert.equal(logs.parent, "urn:pulumi:test::meridian::meridian:index:Probe::probe");
    assert.equal(logs.provider, "urn:pulumi:test::meridian::meridian:index:Probe$pulumi:providers:aws::probe-west");
    assert.equal(logs.protect, true);
    assert.equal(logs.retainOnDelete, true);
    assert.deepEqual(logs.ignoreChanges, ["tags"]);
    assert.deepEqual(logs.aliases, [
      "urn:pulumi:test::meridian::meridian:index:Probe$aws:cloudwatch/logGroup:LogGroup::old-logs",
    ]);
    const fn = getResource(plan, "aws:lambda/function:Function");
    assert.deepEqual(fn.replaceOnChanges, ["name"]);
    assert.equal(fn.deleteBeforeReplace, true);
    assert.deepEqual(fn.additionalSecretOutputs, ["arn"]);
    assert.equal(getResource(plan, "meridian:index:Probe").custom, false);
  });

  it("records dependencies from dependsOn and from inputs", () => {
    const fn = getResource(plan, "aws:lambda/function:Function");
    assert.ok(dependsOn(plan, fn, getResource(plan, "aws:cloudwatch/logGroup:LogGroup")));
    assert.ok(dependsOn(plan, fn, getResource(plan, "aws:iam/role:Role")));
    assert.equal(
      fn.inputs.role,
      "arn:aws:iam::123456789012:role/probe-role-" + (fn.inputs.role as string).split("probe-role-")[1],
    );
  });

  it("redacts secrets in inputs and outputs", () => {
    const fn = getResource(plan, "aws:lambda/function:Function");
    assert.deepEqual((fn.inputs.environment as any).variables.TOKEN, { secret: true });
    assert.deepEqual(plan.outputs.secret, { secret: true });
    assert.ok(!allStrings(plan).some((s) => s.includes("s3cr3t") || s.includes("hidden")));
    assert.ok(!planToJson(plan).includes("s3cr3t"));
  });

  it("describes assets by content hash, not by content", () => {
    const code = getResource(plan, "aws:lambda/function:Function").inputs.code as any;
    assert.equal(code.$archive, "assets");
    assert.match(code.assets["index.js"].sha256, /^[0-9a-f]{64}$/);
  });

  it("gives realistic outputs per cloud so output chains run through", () => {
    assert.match(
      plan.outputs.fnArn as string,
      /^arn:aws:lambda:eu-central-1:123456789012:function:probe-fn-[0-9a-f]{7}$/,
    );
    assert.match(
      plan.outputs.invokeArn as string,
      /^arn:aws:apigateway:eu-central-1:lambda:path\/2015-03-31\/functions\/arn:aws:lambda:.*\/invocations$/,
    );
    assert.equal(plan.outputs.saEmail, "probe-sa@meridian-test.iam.gserviceaccount.com");
    assert.match(plan.outputs.rgId as string, /^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/probe-rg$/);
    assert.equal(plan.outputs.script, "probe");
    assert.equal(plan.outputs.account, "123456789012");
    assert.match(plan.outputs.zoneId as string, /^[0-9a-f]{32}$/);
  });

  it("gives the same plan, byte for byte, for the same program", async () => {
    const again = await recordPlan(program, { stack: "test" });
    assert.equal(planToJson(again), planToJson(plan));
  });

  it("isolates recordings: config and registrations do not carry over", async () => {
    const read = () => ({ v: new pulumi.Config("meridian").get("flavour") ?? "none" });
    const first = await recordPlan(read, { config: { flavour: "vanilla" } });
    const second = await recordPlan(read);
    assert.equal(first.outputs.v, "vanilla");
    assert.equal(second.outputs.v, "none");
    assert.equal(second.resources.length, 0);
  });

  it("runs concurrent recordings one after the other, each with its own stack", async () => {
    const [a, b] = await Promise.all([
      recordPlan(() => ({ s: pulumi.getStack() }), { stack: "a" }),
      recordPlan(() => ({ s: pulumi.getStack() }), { stack: "b" }),
    ]);
    assert.equal(a.outputs.s, "a");
    assert.equal(b.outputs.s, "b");
  });

  it("reports a ConfigError with what was registered before it", async () => {
    const { plan: partial, error } = await tryRecordPlan(() => {
      throw new ConfigError(`Probe "x"`, "regions[0]", "bad");
    });
    assert.ok(error instanceof ConfigError);
    assert.equal(partial.resources.length, 0);
    await assert.rejects(
      recordPlan(() => {
        throw new ConfigError("c", "f", "m");
      }),
      (e: unknown) => e instanceof ConfigError && e.field === "f",
    );
  });

  it("surfaces errors raised inside apply callbacks", async () => {
    const { error } = await tryRecordPlan(() => {
      const g = new aws.cloudwatch.LogGroup("g", { retentionInDays: 1 });
      g.arn.apply(() => {
        throw new Error("boom in apply");
      });
    });
    assert.match(String((error as Error)?.message ?? error), /boom in apply/);
  });

  it("hasResource explains a mismatch", () => {
    hasResource(plan, "aws:cloudwatch/logGroup:LogGroup", { retentionInDays: 14 });
    assert.throws(
      () => hasResource(plan, "aws:cloudwatch/logGroup:LogGroup", { retentionInDays: 30 }),
      /retentionInDays: expected 30, got 14/,
    );
    assert.throws(() => hasResource(plan, "aws:s3/bucket:Bucket"), /no resource of type aws:s3\/bucket:Bucket/);
  });
});
