import * as assert from "node:assert/strict";
import * as path from "path";
import { ServerlessFunction, ServerlessFunctionArgs } from "../lib";
import { Plan, dependsOn, findResources, getResource, recordPlan } from "../lib/testing";

// ServerlessFunction on AWS, each test an AWS behaviour with its public source (issue #14).
const ENTRY = path.join(__dirname, "fixtures", "function-hello.ts");

function plan(extra: Partial<ServerlessFunctionArgs> = {}): Promise<Plan> {
  return recordPlan(() => {
    const f = new ServerlessFunction("jobs", { target: "aws:us-east-1", entry: ENTRY, ...extra });
    return { name: f.nativeName };
  });
}

describe("ServerlessFunction on AWS, against AWS's documentation", () => {
  let p: Plan;
  before(async () => {
    p = await plan({
      secrets: { TOKEN: "t0ps3cret" },
      triggers: [{ type: "schedule", schedule: "cron(0 9 * * 1-5)" }, { type: "queue" }],
    });
  });
  const role = (name: string) => findResources(p, "aws:iam/role:Role").find((r) => r.name === name)!;
  const policy = (name: string) =>
    findResources(p, "aws:iam/rolePolicy:RolePolicy").find((r) => r.name === `${name}-policy`)!;

  it("the Scheduler role trusts scheduler.amazonaws.com only for this account: aws:SourceAccount against the confused deputy (https://docs.aws.amazon.com/scheduler/latest/UserGuide/cross-service-confused-deputy-prevention.html)", () => {
    const trust = JSON.parse(String(role("jobs-scheduler-role").inputs.assumeRolePolicy));
    assert.deepEqual(trust.Statement[0].Principal, { Service: ["scheduler.amazonaws.com"] });
    assert.deepEqual(trust.Statement[0].Condition, { StringEquals: { "aws:SourceAccount": "123456789012" } });
  });

  // Lambda's execution role is not scoped with aws:SourceAccount: AWS's Lambda guide gives the trust policy without a
  // condition (https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html), no AWS page says that
  // Lambda sets aws:SourceAccount when it assumes the role, and a condition on a key absent from the request does
  // not match (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html),
  // which would fail CreateFunction. docs/safety.md "Role trust" has the whole reasoning.
  it("the Lambda execution role trusts lambda.amazonaws.com with no condition (AWS documents none for it)", () => {
    const trust = JSON.parse(String(role("jobs-role").inputs.assumeRolePolicy));
    assert.deepEqual(trust.Statement[0].Principal, { Service: ["lambda.amazonaws.com"] });
    assert.equal(trust.Statement[0].Condition, undefined);
  });

  it("roles carry no deprecated inlinePolicies/managedPolicyArns; permissions are RolePolicy resources kept exclusive (https://www.pulumi.com/registry/packages/aws/api-docs/iam/role/)", () => {
    for (const r of findResources(p, "aws:iam/role:Role")) {
      assert.equal(r.inputs.inlinePolicies, undefined, r.name);
      assert.equal(r.inputs.managedPolicyArns, undefined, r.name);
    }
    for (const name of ["jobs-role", "jobs-scheduler-role"]) {
      assert.ok(policy(name), `${name} has its RolePolicy`);
      const exclusive = findResources(p, "aws:iam/rolePoliciesExclusive:RolePoliciesExclusive").find(
        (r) => r.name === `${name}-policies-exclusive`,
      )!;
      assert.deepEqual(exclusive.inputs.policyNames, ["least-privilege"]);
    }
  });

  it("what acts with a role waits for its policy: the queue mapping is checked against it at create (https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html#events-sqs-permissions)", () => {
    const mapping = getResource(p, "aws:lambda/eventSourceMapping:EventSourceMapping");
    assert.ok(dependsOn(p, mapping, policy("jobs-role")));
    assert.ok(dependsOn(p, getResource(p, "aws:lambda/function:Function"), policy("jobs-role")));
    for (const s of findResources(p, "aws:scheduler/schedule:Schedule"))
      assert.ok(dependsOn(p, s, policy("jobs-scheduler-role")));
  });

  it("maxRetries 3 (the default) is 3 redeliveries: SQS maxReceiveCount 4, as it counts the first receive (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html)", () => {
    const queue = findResources(p, "aws:sqs/queue:Queue").find((q) => q.name === "jobs-queue")!;
    assert.equal(JSON.parse(String(queue.inputs.redrivePolicy)).maxReceiveCount, 4);
  });
});

describe("maxRetries means the same on every cloud (issue #14, defect 9)", () => {
  it("Azure host.json maxDequeueCount counts attempts, the first included: maxRetries + 1 (https://learn.microsoft.com/en-us/azure/azure-functions/functions-bindings-storage-queue#host-json)", async () => {
    const { azureFunctionFiles } = await import("../lib/azure/function-files");
    const files = azureFunctionFiles({ timeoutSeconds: 30, queue: { batchSize: 4, maxRetries: 3 } });
    const host = JSON.parse(String(files.find((f) => f.path === "host.json")!.data));
    assert.equal(host.extensions.queues.maxDequeueCount, 4);
  });
});

describe("a secret rotation reaches every instance (issue #14, defect 8)", () => {
  it("the function's configuration names the secret version, so a new value rolls the execution environments (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html)", async () => {
    const p = await recordPlan(() => {
      const f = new ServerlessFunction("jobs", { target: "aws:us-east-1", entry: ENTRY, secrets: { TOKEN: "x" } });
      return { name: f.nativeName };
    });
    const fn = getResource(p, "aws:lambda/function:Function");
    const version = getResource(p, "aws:secretsmanager/secretVersion:SecretVersion");
    const vars = (fn.inputs.environment as { variables: Record<string, string> }).variables;
    assert.match(vars.MERIDIAN_SECRETS_VERSION, /^[0-9a-f]{32}$/);
    assert.ok(dependsOn(p, fn, version));
  });
});
