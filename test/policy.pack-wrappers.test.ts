import * as assert from "node:assert";
import { PACK_POLICIES, PackPolicy } from "../lib/policy/pack/policies";
import { urn } from "./fixtures/policy-cases";

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
