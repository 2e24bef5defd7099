import * as aws from "@pulumi/aws";
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import * as assert from "node:assert";
import * as path from "node:path";
import { ServerlessFunction } from "../lib";
import { checkPlan, Violation } from "../lib/policy";
import { Plan, recordPlan } from "../lib/testing";
const show = (vs: Violation[]) => vs.map((v) => `${v.policy} ${v.urn}: ${v.message}`).join("\n");

describe("policy pack: over recorded programs", () => {
  let insecure: Plan;
  let secure: Plan;
  before(async () => {
    insecure = await recordPlan(
      () => {
        new aws.iam.Role("admin", {
          assumeRolePolicy: JSON.stringify({
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
          }),
          inlinePolicies: [
            {
              name: "all",
              policy: pulumi.jsonStringify({
                Version: "2012-10-17",
                Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
              }),
            },
          ],
        });
        new aws.s3.Bucket("open", { region: "us-east-1" });
        new aws.lambda.Function("fn", {
          name: "fn",
          role: "arn:aws:iam::123456789012:role/r",
          runtime: "nodejs22.x",
          handler: "index.handler",
          code: new pulumi.asset.AssetArchive({
            "index.js": new pulumi.asset.StringAsset("exports.handler = async () => 1;"),
          }),
          environment: { variables: { DB_PASSWORD: "hunter2!" } },
        });
        new gcp.storage.Bucket("src", { location: "EU" });
      },
      { stack: "prod" },
    );
    secure = await recordPlan(
      () => {
        const logs = new aws.cloudwatch.LogGroup(
          "fn-logs",
          { name: "/aws/lambda/fn", retentionInDays: 30 },
          { protect: true },
        );
        const bucket = new aws.s3.Bucket("data", { region: "us-east-1" }, { protect: true });
        new aws.s3.BucketPublicAccessBlock("data-block", {
          bucket: bucket.id,
          blockPublicAcls: true,
          blockPublicPolicy: true,
          ignorePublicAcls: true,
          restrictPublicBuckets: true,
        });
        new aws.lambda.Function("fn", {
          name: "fn",
          role: "arn:aws:iam::123456789012:role/r",
          runtime: "nodejs22.x",
          handler: "index.handler",
          code: new pulumi.asset.AssetArchive({
            "index.js": new pulumi.asset.StringAsset("exports.handler = async () => 1;"),
          }),
          environment: {
            variables: {
              DB_PASSWORD: pulumi.secret("hunter2!"),
              SECRETS_ARN: "arn:aws:secretsmanager:us-east-1:1:secret:s",
            },
          },
          loggingConfig: { logFormat: "JSON", logGroup: logs.name },
        });
        new gcp.storage.Bucket(
          "src",
          { location: "EU", uniformBucketLevelAccess: true, publicAccessPrevention: "enforced" },
          { retainOnDelete: true },
        );
      },
      { stack: "prod" },
    );
  });

  it("catches each problem in a real plan", () => {
    const vs = checkPlan(insecure);
    const fired = new Set(vs.map((v) => v.policy));
    for (const p of [
      "aws-iam-no-wildcard-actions",
      "s3-bucket-private",
      "no-plaintext-secrets-in-environment",
      "aws-log-groups-managed",
      "gcs-bucket-private",
      "prod-stateful-protected",
    ]) {
      assert.ok(fired.has(p), `${p} fires:\n${show(vs)}`);
    }
    assert.ok(
      vs.some(
        (v) =>
          v.urn === "urn:pulumi:prod::meridian::aws:iam/role:Role::admin" && /wildcard action "\*"/.test(v.message),
      ),
    );
  });

  it("finds nothing in the secure program", () => {
    assert.deepStrictEqual(checkPlan(secure), [], show(checkPlan(secure)));
  });
});

describe("policy pack: a secret does not hide its neighbours (recorded ServerlessFunction)", function () {
  this.timeout(60_000);
  const HELLO = path.join(__dirname, "fixtures", "function-hello.ts");
  const record = (environment: Record<string, pulumi.Input<string>>) =>
    recordPlan(() => {
      new ServerlessFunction("fn", {
        target: "azure:westeurope",
        entry: HELLO,
        runtime: "nodejs22",
        environment,
        secrets: { API_KEY: "s3cret" },
      });
    });

  it("Meridian's own function passes: secrets go to Key Vault, siteConfig stays plain", async () => {
    const plan = await record({ GREETING: "hi" });
    assert.deepStrictEqual(checkPlan(plan), [], show(checkPlan(plan)));
  });

  // azure-native lifts siteConfig with output(...).apply, so one secret app setting makes the whole siteConfig a
  // secret: the plaintext DB_PASSWORD beside it must not pass unseen, and the TLS settings must not read as unset.
  it("a secret in environment makes siteConfig opaque: both policies fail closed and say why", async () => {
    const plan = await record({ TOKEN: pulumi.secret("x"), DB_PASSWORD: "hunter2" });
    const vs = checkPlan(plan).filter((v) => v.type === "azure-native:web:WebApp");
    assert.deepStrictEqual(vs.map((v) => v.policy).sort(), [
      "azure-app-service-https-only",
      "no-plaintext-secrets-in-environment",
    ]);
    for (const v of vs) assert.match(v.message, /siteConfig is a Pulumi secret/);
    assert.ok(!JSON.stringify(vs).includes("hunter2"));
  });

  it("without the secret, the plaintext DB_PASSWORD itself is named", async () => {
    const plan = await record({ DB_PASSWORD: "hunter2" });
    const vs = checkPlan(plan);
    assert.deepStrictEqual(
      vs.map((v) => v.message),
      ["DB_PASSWORD looks like a secret and holds a plain value"],
    );
  });
});
