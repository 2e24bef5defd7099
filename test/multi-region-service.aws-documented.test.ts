import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { MultiRegionService, MultiRegionServiceArgs, protectStateful } from "../lib";
import { rolloutFailure } from "../lib/aws/multi-region-service/rollout";
import { Plan, dependsOn, findResources, getResource, recordPlan } from "../lib/testing";

// MultiRegionService on AWS, each test an AWS behaviour with its public source (issue #14).
const args = (extra: Partial<MultiRegionServiceArgs> = {}): MultiRegionServiceArgs => ({
  regions: ["aws:us-east-1", "aws:eu-west-1"],
  container: { image: "ghcr.io/acme/api:1.0.0", port: 8080 },
  healthCheck: { path: "/healthz" },
  routing: {
    strategy: "failover",
    dns: { provider: "route53", zone: "example.com", record: "api", route53: { zoneId: "Z0123456789ABC" } },
  },
  ...extra,
});

function plan(extra: Partial<MultiRegionServiceArgs> = {}): Promise<Plan> {
  return recordPlan(() => {
    const svc = new MultiRegionService("api", args(extra));
    return { url: svc.url };
  });
}

describe("MultiRegionService on AWS, against AWS's documentation", () => {
  let p: Plan;
  before(async () => {
    p = await plan();
  });

  it("subnets only in regular zones: opted-in Local Zones are listed unless opt-in-status is filtered (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeAvailabilityZones.html)", () => {
    const subnets = findResources(p, "aws:ec2/subnet:Subnet");
    assert.ok(subnets.length > 0);
    for (const s of subnets) assert.doesNotMatch(String(s.inputs.availabilityZone), /-lz-/, s.name);
  });

  it("the execution role: managed policy as a RolePolicyAttachment, not the deprecated managedPolicyArns (https://www.pulumi.com/registry/packages/aws/api-docs/iam/role/)", () => {
    const role = findResources(p, "aws:iam/role:Role").find((r) => r.name === "api-execution-role")!;
    assert.equal(role.inputs.managedPolicyArns, undefined);
    assert.equal(role.inputs.inlinePolicies, undefined);
    const attachment = getResource(p, "aws:iam/rolePolicyAttachment:RolePolicyAttachment");
    assert.match(String(attachment.inputs.policyArn), /AmazonECSTaskExecutionRolePolicy$/);
    // Tasks cannot pull the image or write logs before the policy is attached: each service waits for it.
    for (const svc of findResources(p, "aws:ecs/service:Service")) assert.ok(dependsOn(p, svc, attachment), svc.name);
  });

  it("the execution role's trust is scoped with aws:SourceAccount (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html)", () => {
    const role = findResources(p, "aws:iam/role:Role").find((r) => r.name === "api-execution-role")!;
    const trust = JSON.parse(String(role.inputs.assumeRolePolicy));
    assert.deepEqual(trust.Statement[0].Condition, { StringEquals: { "aws:SourceAccount": "123456789012" } });
  });

  it("changing container.port creates a differently named target group: a fixed name on a resource whose port forces replacement cannot be replaced while the listener uses it (pulumi/pulumi-aws#4226)", async () => {
    const tgNames = (plan: Plan) =>
      findResources(plan, "aws:lb/targetGroup:TargetGroup")
        .map((r) => String(r.inputs.name))
        .sort();
    const again = await plan();
    const other = await recordPlan(() => {
      const svc = new MultiRegionService("api", args({ container: { image: "ghcr.io/acme/api:1.0.0", port: 9090 } }));
      return { url: svc.url };
    });
    assert.deepEqual(tgNames(again), tgNames(p), "deterministic");
    for (const n of tgNames(p)) assert.ok(n.length <= 32, n);
    const before = tgNames(p);
    for (const n of tgNames(other)) assert.ok(!before.includes(n), `${n} reused after a port change`);
    // Nothing else in the service has a fixed name and a replacement-forcing input we change.
    const tg = findResources(other, "aws:lb/targetGroup:TargetGroup")[0];
    assert.equal(tg.deleteBeforeReplace, false);
  });

  it("a rollout the circuit breaker rolled back fails the update: the service then runs another task definition than the one registered (hashicorp/terraform-provider-aws#19519, terraform-aws-modules/terraform-aws-ecs#325)", () => {
    const requested = "arn:aws:ecs:us-east-1:123456789012:task-definition/api:8";
    assert.equal(rolloutFailure("api", "us-east-1", requested, requested), undefined);
    const failure = rolloutFailure(
      "api",
      "us-east-1",
      "arn:aws:ecs:us-east-1:123456789012:task-definition/api:7",
      requested,
    );
    assert.match(failure!, /rolled the service back to .*api:7/);
    assert.match(failure!, /aws ecs describe-services --region us-east-1/);
    assert.equal(rolloutFailure("api", "us-east-1", undefined, requested), undefined, "unknown during preview");
  });
});

describe("re-creating a prod stack after pulumi destroy (issue #14, defect 11)", () => {
  const args = (type: string, name?: string) =>
    ({ type, name: "x", props: name ? { name } : {}, opts: {} }) as unknown as pulumi.ResourceTransformationArgs;

  it("protectStateful retains log groups; with adoptRetainedLogGroups it imports them by name instead of failing with ResourceAlreadyExistsException (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html)", () => {
    const plain = protectStateful()(args("aws:cloudwatch/logGroup:LogGroup", "/aws/lambda/f"))!;
    assert.equal(plain.opts.retainOnDelete, true);
    assert.equal((plain.opts as pulumi.CustomResourceOptions).import, undefined);
    const adopt = protectStateful({ adoptRetainedLogGroups: true });
    assert.equal(
      (adopt(args("aws:cloudwatch/logGroup:LogGroup", "/aws/lambda/f"))!.opts as pulumi.CustomResourceOptions).import,
      "/aws/lambda/f",
    );
    assert.equal((adopt(args("aws:sqs/queue:Queue", "q"))!.opts as pulumi.CustomResourceOptions).import, undefined);
  });
});
