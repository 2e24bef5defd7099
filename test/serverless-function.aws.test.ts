import * as assert from "node:assert/strict";
import { Plan, dependsOn, findResources, getResource, hasResource, recordPlan } from "../lib/testing";
import { inputs, loadHeldOutPlans, named, plans } from "./support/held-out-functions";
import { CONFIG, program, noSecretInPlan } from "./support/function-program";

describe("ServerlessFunction on AWS", () => {
  let plan: Plan;
  before(async () => {
    plan = await recordPlan(
      program("aws:us-east-1", {
        triggers: [
          { type: "http" },
          { type: "schedule", schedule: "cron(0 12 * * 1)", timezone: "Europe/Paris" },
          { type: "queue", batchSize: 5, maxRetries: 4 },
        ],
      }),
      { config: CONFIG },
    );
  });

  it("creates the Lambda function with arm64, JSON logging, memory and timeout", () => {
    const fn = hasResource(plan, "aws:lambda/function:Function", {
      name: "meridian-dev-hello",
      runtime: "nodejs22.x",
      handler: "index.handler",
      architectures: ["arm64"],
      memorySize: 1024,
      timeout: 30,
      region: "us-east-1",
      loggingConfig: { logFormat: "JSON", logGroup: "/aws/lambda/meridian-dev-hello" },
    });
    const vars = (fn.inputs as any).environment.variables;
    assert.equal(vars.GREETING, "hi");
    assert.match(vars.MERIDIAN_SECRETS_ARN, /^arn:aws:secretsmanager:/);
    assert.equal(vars.API_KEY, undefined);
    assert.equal((fn.inputs as any).code.$archive, "file");
  });

  it("creates the log group with retention before the function", () => {
    const lg = hasResource(plan, "aws:cloudwatch/logGroup:LogGroup", {
      name: "/aws/lambda/meridian-dev-hello",
      retentionInDays: 14,
    });
    assert.ok(dependsOn(plan, getResource(plan, "aws:lambda/function:Function"), lg));
  });

  it("gives the role a lambda trust and a least-privilege RolePolicy (Role.inlinePolicies is deprecated in pulumi-aws 7)", () => {
    const roles = findResources(plan, "aws:iam/role:Role");
    const role = roles.find((r) => r.name === "hello-role")!;
    assert.match(String((role.inputs as any).assumeRolePolicy), /lambda\.amazonaws\.com/);
    assert.equal((role.inputs as any).inlinePolicies, undefined);
    const rolePolicy = findResources(plan, "aws:iam/rolePolicy:RolePolicy").find(
      (r) => r.name === "hello-role-policy",
    )!;
    const policy = JSON.parse((rolePolicy.inputs as any).policy);
    const actions = policy.Statement.flatMap((s: any) => s.Action);
    assert.ok(actions.every((a: string) => !a.includes("*")));
    const secretStmt = policy.Statement.find((s: any) => s.Sid === "ReadOwnSecrets");
    assert.deepEqual(secretStmt.Action, ["secretsmanager:GetSecretValue"]);
    assert.match(secretStmt.Resource[0], /^arn:aws:secretsmanager:us-east-1:/);
    assert.match(policy.Statement[0].Resource[0], /log-group:\/aws\/lambda\/meridian-dev-hello:\*$/);
  });

  it("stores secrets in Secrets Manager as a Pulumi secret", () => {
    const version = getResource(plan, "aws:secretsmanager/secretVersion:SecretVersion");
    assert.deepEqual((version.inputs as any).secretString, { secret: true });
    noSecretInPlan(plan);
  });

  it("creates a public function URL with both invoke permissions", () => {
    hasResource(plan, "aws:lambda/functionUrl:FunctionUrl", {
      authorizationType: "NONE",
      functionName: "meridian-dev-hello",
    });
    hasResource(plan, "aws:lambda/permission:Permission", {
      action: "lambda:InvokeFunctionUrl",
      functionUrlAuthType: "NONE",
    });
    hasResource(plan, "aws:lambda/permission:Permission", {
      action: "lambda:InvokeFunction",
      invokedViaFunctionUrl: true,
    });
    assert.match(String(plan.outputs.url), /lambda-url\.us-east-1\.on\.aws/);
  });

  it("wires schedule (EventBridge Scheduler) and queue (SQS + DLQ + mapping) triggers", () => {
    hasResource(plan, "aws:scheduler/schedule:Schedule", {
      // Unix day-of-week 1 is Monday; EventBridge numbers 1-7 = SUN-SAT, so the old "cron(0 12 ? * 1 *)" fired on
      // Sundays (https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html#cron-based). The test was wrong.
      scheduleExpression: "cron(0 12 ? * MON *)",
      scheduleExpressionTimezone: "Europe/Paris",
      flexibleTimeWindow: { mode: "OFF" },
    });
    const sched = findResources(plan, "aws:iam/role:Role").find((r) => r.name === "hello-scheduler-role")!;
    assert.match(String((sched.inputs as any).assumeRolePolicy), /scheduler\.amazonaws\.com/);
    const queue = hasResource(plan, "aws:sqs/queue:Queue", {
      name: "meridian-dev-hello-queue",
      visibilityTimeoutSeconds: 180,
    });
    // maxRetries 4 = 5 deliveries; SQS maxReceiveCount counts the first receive too
    // (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html).
    // The test expected 4, i.e. only 3 retries: it was wrong.
    assert.deepEqual(JSON.parse((queue.inputs as any).redrivePolicy).maxReceiveCount, 5);
    hasResource(plan, "aws:lambda/eventSourceMapping:EventSourceMapping", {
      batchSize: 5,
      functionResponseTypes: ["ReportBatchItemFailures"],
    });
  });

  it("outputs ready-to-run commands", () => {
    assert.match(
      String(plan.outputs.invokeCommand),
      /^aws lambda invoke --region us-east-1 --function-name meridian-dev-hello /,
    );
    assert.equal(plan.outputs.logsCommand, "aws logs tail /aws/lambda/meridian-dev-hello --follow --region us-east-1");
    assert.equal(plan.outputs.nativeName, "meridian-dev-hello");
  });

  it("is deterministic", async () => {
    const again = await recordPlan(
      program("aws:us-east-1", {
        triggers: [
          { type: "http" },
          { type: "schedule", schedule: "cron(0 12 * * 1)", timezone: "Europe/Paris" },
          { type: "queue", batchSize: 5, maxRetries: 4 },
        ],
      }),
      { config: CONFIG },
    );
    assert.equal(JSON.stringify(again), JSON.stringify(plan));
  });
});

describe("review: AWS plan against documented Lambda and API Gateway failure modes", () => {
  before(loadHeldOutPlans);
  let plan: Plan;
  before(() => {
    plan = plans.aws;
  });

  it("/aws/lambda/<name> log group (aws/aws-cdk#667: Lambda creates it with no retention) with retention, created before the function and used by it", () => {
    for (const fn of ["web", "worker", "users"]) {
      const logs = named(plan, "aws:cloudwatch/logGroup:LogGroup", `${fn}-logs`);
      const lambda = named(plan, "aws:lambda/function:Function", `${fn}-function`);
      assert.equal(inputs(logs).name, `/aws/lambda/${inputs(lambda).name}`);
      assert.equal(inputs(logs).retentionInDays, 30);
      assert.equal(inputs(lambda).loggingConfig.logGroup, inputs(logs).name);
      assert.ok(dependsOn(plan, lambda, logs));
    }
  });

  it("least privilege, never the deprecated exclusive Role arguments (role.d.ts on managedPolicyArns/inlinePolicies): inline policies only, no wildcard action, no managed attachments", () => {
    assert.equal(findResources(plan, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").length, 0);
    for (const role of findResources(plan, "aws:iam/role:Role")) {
      assert.equal(inputs(role).managedPolicyArns, undefined, role.name);
      for (const p of inputs(role).inlinePolicies ?? []) {
        for (const s of JSON.parse(p.policy).Statement) {
          for (const a of [s.Action].flat()) assert.ok(!a.includes("*"), `${role.name}: ${a}`);
          for (const r of [s.Resource].flat()) assert.notEqual(r, "*", role.name);
        }
      }
    }
  });

  it("secrets: Secrets Manager value is a Pulumi secret, only its ARN and version id are in the environment, and it exists before the function", () => {
    const version = named(plan, "aws:secretsmanager/secretVersion:SecretVersion", "web-secrets-value");
    assert.deepEqual(inputs(version).secretString, { secret: true });
    const lambda = named(plan, "aws:lambda/function:Function", "web-function");
    // The version id too (no value): a new secret value changes the configuration and rolls warm instances (#14 defect 8).
    assert.deepEqual(Object.keys(inputs(lambda).environment.variables).sort(), [
      "GREETING",
      "MERIDIAN_SECRETS_ARN",
      "MERIDIAN_SECRETS_VERSION",
    ]);
    assert.ok(dependsOn(plan, lambda, version), "the adapter reads the secret at cold start");
  });

  it("portable handler: arm64, node 22, 1024 MB, 30 s, zip archive hashed for change detection (a content hash, as SST names its assets)", () => {
    const lambda = named(plan, "aws:lambda/function:Function", "users-function");
    assert.deepEqual(inputs(lambda).architectures, ["arm64"]);
    assert.equal(inputs(lambda).runtime, "nodejs22.x");
    assert.ok(inputs(lambda).memorySize <= 10240 && inputs(lambda).timeout <= 900);
    assert.match(inputs(lambda).code.sha256, /^[0-9a-f]{64}$/);
  });

  it("a public function URL declares both invoke permissions (lambda:InvokeFunctionUrl and lambda:InvokeFunction, https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html)", () => {
    hasResource(plan, "aws:lambda/functionUrl:FunctionUrl", { authorizationType: "NONE" });
    hasResource(plan, "aws:lambda/permission:Permission", {
      action: "lambda:InvokeFunctionUrl",
      functionUrlAuthType: "NONE",
      function: "meridian-dev-web",
    });
    hasResource(plan, "aws:lambda/permission:Permission", {
      action: "lambda:InvokeFunction",
      invokedViaFunctionUrl: true,
      function: "meridian-dev-web",
    });
  });

  it("queue: encrypted SQS queue with a dead-letter queue, partial batch failures, mapping after the role's grants", () => {
    const queue = named(plan, "aws:sqs/queue:Queue", "worker-queue");
    assert.equal(inputs(queue).sqsManagedSseEnabled, true);
    // maxRetries 4 means 4 redeliveries after the first: 5 receives (SQS counts the first one, lib/core/function/retries.ts).
    assert.equal(JSON.parse(inputs(queue).redrivePolicy).maxReceiveCount, 5);
    assert.ok(inputs(queue).visibilityTimeoutSeconds >= 6 * 30);
    const mapping = hasResource(plan, "aws:lambda/eventSourceMapping:EventSourceMapping", {
      batchSize: 5,
      functionResponseTypes: ["ReportBatchItemFailures"],
    });
    assert.ok(dependsOn(plan, mapping, named(plan, "aws:iam/role:Role", "worker-role")));
  });

  it("schedule: EventBridge Scheduler through a role that may invoke this function only", () => {
    const schedule = hasResource(plan, "aws:scheduler/schedule:Schedule", {
      scheduleExpression: "rate(5 minutes)",
      flexibleTimeWindow: { mode: "OFF" },
    });
    const role = named(plan, "aws:iam/role:Role", "web-scheduler-role");
    assert.ok(dependsOn(plan, schedule, role));
    // The permissions are a RolePolicy: Role.inlinePolicies is deprecated in pulumi-aws 7.
    const statement = JSON.parse(
      inputs(named(plan, "aws:iam/rolePolicy:RolePolicy", "web-scheduler-role-policy")).policy,
    ).Statement[0];
    assert.deepEqual(statement.Action, ["lambda:InvokeFunction"]);
    assert.deepEqual(
      statement.Resource,
      [inputs(named(plan, "aws:lambda/function:Function", "web-function")).name].map(
        (n) => `arn:aws:lambda:us-east-1:123456789012:function:${n}`,
      ),
    );
  });

  it("explicit routes and integrations, no OpenAPI body on the HTTP API (body and Route resources overwrite each other: the apigatewayv2.Api provider docs)", () => {
    const api = getResource(plan, "aws:apigatewayv2/api:Api");
    assert.equal(inputs(api).body, undefined);
    assert.equal(findResources(plan, "aws:apigatewayv2/route:Route").length, 4);
    for (const i of findResources(plan, "aws:apigatewayv2/integration:Integration")) {
      assert.equal(inputs(i).payloadFormatVersion, "2.0");
      assert.ok(inputs(i).timeoutMilliseconds <= 30_000, "HTTP API integrations time out at 30 s");
    }
    hasResource(plan, "aws:apigatewayv2/route:Route", {
      routeKey: "DELETE /users/{id}/sessions/{sessionId}",
      authorizationType: "JWT",
    });
  });

  it("one permission per function, sourceArn executionArn/*/* (terraform-aws-modules/terraform-aws-apigateway-v2#41)", () => {
    const perms = findResources(plan, "aws:lambda/permission:Permission").filter(
      (p) => inputs(p).principal === "apigateway.amazonaws.com",
    );
    assert.equal(perms.length, 2);
    for (const p of perms) assert.match(inputs(p).sourceArn, /:execute-api:us-east-1:\d+:[a-z0-9]+\/\*\/\*$/);
  });

  it("$default stage with auto-deploy (aws-cloudformation/cloudformation-coverage-roadmap#623), after every route, access logs with retention, throttling", () => {
    const stage = hasResource(plan, "aws:apigatewayv2/stage:Stage", {
      name: "$default",
      autoDeploy: true,
      defaultRouteSettings: { throttlingRateLimit: 50, throttlingBurstLimit: 100 },
    });
    for (const route of findResources(plan, "aws:apigatewayv2/route:Route"))
      assert.ok(dependsOn(plan, stage, route), route.name);
    const logs = named(plan, "aws:cloudwatch/logGroup:LogGroup", "api-access-logs");
    assert.equal(inputs(logs).retentionInDays, 30);
    assert.ok(dependsOn(plan, stage, logs));
    assert.match(inputs(stage).accessLogSettings.format, /\$context\.requestId/);
  });

  it("custom domain: TLS 1.2 regional domain after certificate validation, mapping after the stage, alias record", () => {
    const domain = hasResource(plan, "aws:apigatewayv2/domainName:DomainName", {
      domainName: "api.example.com",
      domainNameConfiguration: { endpointType: "REGIONAL", securityPolicy: "TLS_1_2" },
    });
    assert.ok(dependsOn(plan, domain, getResource(plan, "aws:acm/certificateValidation:CertificateValidation")));
    const mapping = getResource(plan, "aws:apigatewayv2/apiMapping:ApiMapping");
    assert.ok(
      dependsOn(plan, mapping, getResource(plan, "aws:apigatewayv2/stage:Stage")) && dependsOn(plan, mapping, domain),
    );
    const record = named(plan, "aws:route53/record:Record", "api-record");
    assert.equal(
      inputs(record).aliases[0].name,
      inputs(domain).domainNameConfiguration.targetDomainName ?? inputs(record).aliases[0].name,
    );
    assert.ok(dependsOn(plan, record, domain));
  });
});
