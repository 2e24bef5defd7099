import * as assert from "node:assert";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as aws from "@pulumi/aws";
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { ServerlessFunction } from "../lib";
import { checkPlan, isSecretName, POLICIES, Violation } from "../lib/policy";
import { Plan, recordPlan } from "../lib/testing";
import { PACK_POLICIES, PackPolicy } from "../lib/policy/pack/policies";
import { runCli } from "../policy/cli";
import { casePlan, CASES, urn } from "./fixtures/policy-cases";

const ROOT = path.resolve(__dirname, "..");
const byPolicy = (vs: Violation[], name: string) => vs.filter((v) => v.policy === name);
const show = (vs: Violation[]) => vs.map((v) => `${v.policy} ${v.urn}: ${v.message}`).join("\n");

describe("policy pack: rules", () => {
  it("has at least 15 policies, all mandatory, with unique names and a description of what and why", () => {
    assert.ok(POLICIES.length >= 15, `${POLICIES.length} policies`);
    assert.strictEqual(new Set(POLICIES.map((p) => p.name)).size, POLICIES.length);
    for (const p of POLICIES) {
      assert.match(p.name, /^[a-z0-9-]+$/);
      assert.ok(p.description.length > 80 && /Why:/.test(p.description), `${p.name}: description says what and why`);
      assert.ok(p.types.length > 0);
    }
    assert.ok(PACK_POLICIES.every((p) => p.enforcementLevel === "mandatory"));
    const clouds = new Set(POLICIES.flatMap((p) => p.clouds));
    for (const c of ["aws", "gcp", "azure", "cloudflare"]) assert.ok(clouds.has(c as never), `covers ${c}`);
  });

  it("docs/policy.md lists every policy with its description as the code says it", () => {
    const docs = fs.readFileSync(path.join(ROOT, "docs", "policy.md"), "utf8");
    for (const p of POLICIES)
      assert.ok(
        docs.includes(`| \`${p.name}\` | ${p.clouds.join(", ")} | ${p.scope} | ${p.description} |`),
        `docs/policy.md: the row of ${p.name} is missing or stale`,
      );
    assert.match(docs, new RegExp(`ships ${POLICIES.length} mandatory policies`));
  });

  it("has an insecure and a secure fixture for every policy", () => {
    assert.deepStrictEqual(
      POLICIES.map((p) => p.name).filter((n) => !CASES.some((c) => c.policy === n)),
      [],
    );
  });

  for (const c of CASES) {
    describe(c.policy, () => {
      it(`fires on insecure input (${c.why})`, () => {
        const vs = checkPlan(casePlan(c.insecure, c.stack));
        const mine = byPolicy(vs, c.policy);
        assert.strictEqual(mine.length, c.expected, show(vs));
        for (const v of mine) {
          assert.ok(v.urn.startsWith(`urn:pulumi:${c.stack ?? "dev"}::fixture::`));
          assert.strictEqual(v.enforcementLevel, "mandatory");
          assert.ok(v.message.length > 10);
        }
      });
      it("is silent on the secure counterpart (and so is every other policy)", () => {
        const vs = checkPlan(casePlan(c.secure, c.stack));
        assert.deepStrictEqual(vs, [], show(vs));
      });
    });
  }

  // The test this replaces asserted that unknown and secret settings are skipped: that is failing open (a
  // `blockPublicAcls: pulumi.secret(false)` passed). Settings a rule must see now fail closed; references to other
  // resources (a health check id, a URL map, a function name) are still fine when unknown.
  it("fails closed on settings it cannot judge (secret, or unknown offline) and accepts unknown references", () => {
    const unknown = { unknown: true };
    const secret = { secret: true };
    const plan = casePlan([
      { type: "aws:iam/rolePolicy:RolePolicy", name: "p", inputs: { role: "r", policy: unknown } },
      {
        type: "aws:lb/listener:Listener",
        name: "l",
        inputs: { protocol: "HTTPS", sslPolicy: secret, defaultActions: [] },
      },
      {
        type: "aws:lambda/function:Function",
        name: "f",
        inputs: { name: "f", environment: { variables: { API_TOKEN: unknown } } },
      },
      { type: "aws:cloudwatch/logGroup:LogGroup", name: "lg", inputs: { name: "/aws/lambda/f", retentionInDays: 7 } },
      { type: "gcp:compute/targetHttpProxy:TargetHttpProxy", name: "h", inputs: { urlMap: unknown } },
      {
        type: "aws:route53/record:Record",
        name: "r",
        inputs: { failoverRoutingPolicies: [{ type: "PRIMARY" }], healthCheckId: unknown },
      },
    ]);
    const vs = checkPlan(plan);
    assert.deepStrictEqual(
      vs.map((v) => `${v.policy} ${v.urn.split("::").pop()}`),
      ["aws-iam-no-wildcard-actions p", "aws-load-balancer-https-only l", "no-plaintext-secrets-in-environment f"],
      show(vs),
    );
    assert.match(vs[1].message, /sslPolicy is a Pulumi secret, so this policy cannot check it/);
    assert.match(vs[0].message, /not known until the update/);
  });

  it("keeps a secret from hiding its neighbours: a secret siteConfig is reported, not read as unset", () => {
    const vs = checkPlan(
      casePlan([
        { type: "azure-native:web:WebApp", name: "app", inputs: { httpsOnly: true, siteConfig: { secret: true } } },
      ]),
    );
    assert.deepStrictEqual(
      vs.map((v) => v.policy),
      ["azure-app-service-https-only", "no-plaintext-secrets-in-environment"],
    );
    assert.ok(
      vs.every((v) => /siteConfig/.test(v.message) && !/unset/.test(v.message)),
      show(vs),
    );
  });

  it("tells secret names from references to secrets", () => {
    for (const n of [
      "DB_PASSWORD",
      "apiKey",
      "API_KEY",
      "STRIPE_SECRET",
      "githubToken",
      "private-key",
      "CLIENT_SECRET",
      "AWS_SECRET_ACCESS_KEY",
      "Credentials",
    ])
      assert.ok(isSecretName(n), n);
    for (const n of [
      "SECRETS_ARN",
      "MERIDIAN_SECRETS_ARN",
      "TOKEN_URL",
      "API_KEY_HEADER",
      "AzureWebJobsSecretStorageType",
      "SECRET_NAME",
      "GREETING",
      "MONKEY",
      "KEYBOARD_LAYOUT",
      "PWD",
      "TOKEN_LIMIT",
    ])
      assert.ok(!isSecretName(n), n);
  });
});

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

/** What `@pulumi/policy` hands a policy: props behind its unknown-checking proxy, engine sentinels for unknowns. */

const { unknownCheckingProxy } = require("@pulumi/policy/proxy") as { unknownCheckingProxy<T>(v: T): T };
const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const opts = (protect = false) => ({
  protect,
  ignoreChanges: [],
  aliases: [],
  customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
  additionalSecretOutputs: [],
});

function runPackResource(
  policy: PackPolicy,
  type: string,
  name: string,
  props: Record<string, unknown>,
  stack = "dev",
  protect = false,
): string[] {
  const messages: string[] = [];
  if (!("validateResource" in policy) || !policy.validateResource) return messages;
  const validate = policy.validateResource as (args: unknown, report: (m: string) => void) => void;
  validate(
    {
      type,
      name,
      urn: urn(stack, type, name),
      props: unknownCheckingProxy(props),
      opts: opts(protect),
      stackTags: new Map(),
      isType: () => false,
      asType: () => undefined,
      getConfig: () => ({}),
      notApplicable: () => {
        throw new Error("n/a");
      },
    },
    (m) => messages.push(m),
  );
  return messages;
}

describe("policy pack: @pulumi/policy wrappers", () => {
  const pack = (name: string) => PACK_POLICIES.find((p) => p.name === name)!;

  it("reports a violation through validateResource", () => {
    const m = runPackResource(pack("azure-app-service-https-only"), "azure-native:web:WebApp", "app", {
      siteConfig: {},
    });
    assert.strictEqual(m.length, 2);
  });

  it("does not trip over unknown values in preview (the proxy would throw on them)", () => {
    const m = runPackResource(pack("aws-iam-no-wildcard-actions"), "aws:iam/role:Role", "r", {
      assumeRolePolicy: UNKNOWN_STRING,
      inlinePolicies: [
        {
          name: "p",
          policy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: "s3:*", Resource: UNKNOWN_STRING }] }),
        },
        { name: "q", policy: UNKNOWN_STRING },
      ],
    });
    assert.deepStrictEqual(m, ['statement[0] allows wildcard action "s3:*"']);
  });

  it("checks prod protection from the resource options (retainOnDelete is not sent to packs)", () => {
    assert.strictEqual(
      runPackResource(pack("prod-stateful-protected"), "aws:s3/bucket:Bucket", "b", {}, "prod").length,
      1,
    );
    assert.strictEqual(
      runPackResource(pack("prod-stateful-protected"), "aws:s3/bucket:Bucket", "b", {}, "prod", true).length,
      0,
    );
    assert.strictEqual(
      runPackResource(pack("prod-stateful-protected"), "aws:s3/bucket:Bucket", "b", {}, "dev").length,
      0,
    );
  });

  it("flags a secret-named variable even when its value was a Pulumi secret (the pack sees it unwrapped)", () => {
    assert.strictEqual(
      runPackResource(pack("no-plaintext-secrets-in-environment"), "aws:lambda/function:Function", "f", {
        environment: { variables: { DB_PASSWORD: "x1y2z3" } },
      }).length,
      1,
    );
    assert.strictEqual(
      runPackResource(pack("secret-inputs-are-pulumi-secrets"), "aws:secretsmanager/secretVersion:SecretVersion", "v", {
        secretString: "abc",
      }).length,
      0,
    );
  });

  it("runs stack policies over all resources with dependencies and reports the resource URN", () => {
    const policy = pack("s3-bucket-private");
    assert.ok("validateStack" in policy && policy.validateStack);
    const mk = (type: string, name: string, props: Record<string, unknown>, deps: string[] = []) => ({
      type,
      name,
      urn: urn("dev", type, name),
      props: unknownCheckingProxy(props),
      opts: opts(),
      dependencies: [] as unknown[],
      depUrns: deps,
      propertyDependencies: {},
      isType: () => false,
      asType: () => undefined,
    });
    const bucket = mk("aws:s3/bucket:Bucket", "b", { bucket: UNKNOWN_STRING });
    const other = mk("aws:s3/bucket:Bucket", "other", {});
    const block = mk("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "blk", {
      bucket: UNKNOWN_STRING,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    block.dependencies = [bucket];
    const reports: [string, string | undefined][] = [];
    const validate = policy.validateStack as (args: unknown, report: (m: string, u?: string) => void) => void;
    validate(
      {
        resources: [bucket, other, block],
        stackTags: new Map(),
        getConfig: () => ({}),
        notApplicable: () => {
          throw new Error("n/a");
        },
      },
      (m, u) => reports.push([m, u]),
    );
    assert.deepStrictEqual(
      reports.map(([, u]) => u),
      [other.urn],
    );
  });
});

describe("policy CLI (npm run policy -- --plan FILE)", () => {
  let dir: string;
  const insecure = () => path.join(dir, "insecure.json");
  const secure = () => path.join(dir, "secure.json");
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "meridian-policy-"));
    const all = (which: "insecure" | "secure") => {
      const plans = CASES.filter((c) => !c.stack).map((c, i) =>
        casePlan(c[which].map((r) => ({ ...r, name: `${i}-${r.name}`, deps: r.deps?.map((d) => `${i}-${d}`) }))),
      );
      return { project: "fixture", stack: "dev", resources: plans.flatMap((p) => p.resources), outputs: {} };
    };
    fs.writeFileSync(insecure(), JSON.stringify(all("insecure")));
    fs.writeFileSync(secure(), JSON.stringify(all("secure")));
    fs.writeFileSync(path.join(dir, "broken.json"), "{ not json");
    fs.writeFileSync(path.join(dir, "not-a-plan.json"), JSON.stringify({ hello: "world" }));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const spawn = (...args: string[]) =>
    spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", "policy/cli.ts", ...args], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 60_000,
    });

  it("exits 1 and prints policy, URN and reason for each violation (spawned)", () => {
    const r = spawn("--plan", insecure());
    assert.strictEqual(r.status, 1, r.stderr);
    for (const c of CASES.filter((x) => !x.stack))
      assert.ok(r.stdout.includes(`[${c.policy}] urn:pulumi:dev::fixture::`), c.policy);
    assert.match(r.stdout, /mandatory policy violation\(s\)/);
  });

  it("exits 0 on a clean plan (spawned)", () => {
    const r = spawn("--plan", secure());
    assert.strictEqual(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /No policy violations: \d+ policies over \d+ resources/);
  });

  it("exits 2 on a missing file, invalid JSON, a non-plan and bad arguments", () => {
    const missing = spawn("--plan", path.join(dir, "missing.json"));
    assert.strictEqual(missing.status, 2);
    assert.match(missing.stderr, /cannot read plan/);
    assert.strictEqual(runCli(["--plan", path.join(dir, "broken.json")]).code, 2);
    assert.match(runCli(["--plan", path.join(dir, "not-a-plan.json")]).stderr, /is not a plan/);
    assert.strictEqual(runCli([]).code, 2);
    assert.strictEqual(runCli(["--plan", secure(), "--frobnicate"]).code, 2);
  });

  it("prints JSON with --json", () => {
    const r = runCli(["--plan", insecure(), "--json"]);
    assert.strictEqual(r.code, 1);
    const out = JSON.parse(r.stdout) as { violations: Violation[]; policies: number };
    assert.strictEqual(out.policies, POLICIES.length);
    assert.ok(out.violations.length > 20);
  });
});
