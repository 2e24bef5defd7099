import * as assert from "node:assert/strict";
import * as path from "path";
import { ConfigError, ServerlessFunction } from "../lib";
import {
  Plan,
  allStrings,
  dependsOn,
  findResources,
  getResource,
  hasResource,
  recordPlan,
  tryRecordPlan,
  programFromFile,
} from "../lib/testing";

const ENTRY = path.join(__dirname, "fixtures", "function-hello.ts");
const SECRET = "s3cr3t-value-never-in-plan";
const ACCOUNT = "0123456789abcdef0123456789abcdef";
const CONFIG = { "cloudflare:accountId": ACCOUNT, "gcp:project": "meridian-test" };

function program(target: string, extra: Record<string, unknown> = {}) {
  return () => {
    const f = new ServerlessFunction("hello", {
      target: target as "aws:us-east-1",
      entry: ENTRY,
      url: true,
      environment: { GREETING: "hi" },
      secrets: { API_KEY: SECRET },
      logRetentionDays: 14,
      ...extra,
    });
    return {
      url: f.url,
      nativeName: f.nativeName,
      invokeCommand: f.invokeCommand,
      logsCommand: f.logsCommand,
      queue: f.queue,
    };
  };
}

function noSecretInPlan(plan: Plan) {
  assert.ok(!allStrings(plan).some((s) => s.includes(SECRET)), "secret value appears in clear in the plan");
}

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

describe("ServerlessFunction on Google Cloud", () => {
  let plan: Plan;
  before(async () => {
    plan = await recordPlan(
      program("gcp:europe-west1", {
        logRetentionDays: 90,
        triggers: [{ type: "http" }, { type: "schedule", schedule: "rate(15 minutes)" }],
      }),
      { config: CONFIG },
    );
  });

  it("uploads the source to a private bucket under its content hash", () => {
    hasResource(plan, "gcp:storage/bucket:Bucket", {
      uniformBucketLevelAccess: true,
      publicAccessPrevention: "enforced",
    });
    const obj = getResource(plan, "gcp:storage/bucketObject:BucketObject");
    assert.match(String((obj.inputs as any).name), /^function-[0-9a-f]{64}\.zip$/);
  });

  it("creates the function with its own service account and secret env vars", () => {
    const fn = hasResource(plan, "gcp:cloudfunctionsv2/function:Function", {
      location: "europe-west1",
      buildConfig: { runtime: "nodejs22", entryPoint: "handler" },
      serviceConfig: { availableMemory: "512Mi", timeoutSeconds: 30, environmentVariables: { GREETING: "hi" } },
    });
    const sc = (fn.inputs as any).serviceConfig;
    assert.match(sc.serviceAccountEmail, /@meridian-test\.iam\.gserviceaccount\.com$/);
    assert.equal(sc.secretEnvironmentVariables[0].key, "API_KEY");
    assert.equal(sc.secretEnvironmentVariables[0].version, "1");
    hasResource(plan, "gcp:secretmanager/secretIamMember:SecretIamMember", {
      role: "roles/secretmanager.secretAccessor",
    });
    assert.deepEqual((getResource(plan, "gcp:secretmanager/secretVersion:SecretVersion").inputs as any).secretData, {
      secret: true,
    });
    noSecretInPlan(plan);
  });

  it("grants run.invoker to allUsers on the Cloud Run service, not the function", () => {
    const pub = hasResource(plan, "gcp:cloudrunv2/serviceIamMember:ServiceIamMember", {
      member: "allUsers",
      role: "roles/run.invoker",
      name: "meridian-dev-hello",
    });
    assert.ok(dependsOn(plan, pub, getResource(plan, "gcp:cloudfunctionsv2/function:Function")));
    assert.equal(findResources(plan, "gcp:cloudfunctionsv2/functionIamMember:FunctionIamMember").length, 0);
  });

  it("schedules with Cloud Scheduler and OIDC", () => {
    const job = hasResource(plan, "gcp:cloudscheduler/job:Job", {
      schedule: "*/15 * * * *",
      httpTarget: { httpMethod: "POST" },
    });
    assert.match((job.inputs as any).httpTarget.uri, /\/__meridian\/schedule$/);
    assert.match((job.inputs as any).httpTarget.oidcToken.serviceAccountEmail, /iam\.gserviceaccount\.com$/);
  });

  it("keeps logs longer than 30 days in a dedicated log bucket", () => {
    hasResource(plan, "gcp:logging/projectBucketConfig:ProjectBucketConfig", { retentionDays: 90 });
    hasResource(plan, "gcp:logging/projectSink:ProjectSink", {});
  });

  it("outputs gcloud commands", () => {
    assert.match(
      String(plan.outputs.logsCommand),
      /^gcloud functions logs read meridian-dev-hello --gen2 --region europe-west1/,
    );
    assert.match(String(plan.outputs.invokeCommand), /gcloud auth print-identity-token/);
  });

  it("keeps a private function private and consumes a queue through a Pub/Sub event trigger", async () => {
    const p = await recordPlan(
      () => {
        new ServerlessFunction("worker", { target: "gcp:us-central1", entry: ENTRY, triggers: [{ type: "queue" }] });
      },
      { config: CONFIG },
    );
    assert.equal(
      findResources(p, "gcp:cloudrunv2/serviceIamMember:ServiceIamMember").filter(
        (r) => (r.inputs as any).member === "allUsers",
      ).length,
      0,
    );
    hasResource(p, "gcp:pubsub/topic:Topic", {});
    hasResource(p, "gcp:cloudfunctionsv2/function:Function", {
      eventTrigger: { eventType: "google.cloud.pubsub.topic.v1.messagePublished", retryPolicy: "RETRY_POLICY_RETRY" },
    });
  });
});

describe("ServerlessFunction on Azure", () => {
  let plan: Plan;
  before(async () => {
    plan = await recordPlan(
      program("azure:westeurope", {
        logRetentionDays: 60,
        triggers: [{ type: "http" }, { type: "schedule", schedule: "rate(1 hour)" }, { type: "queue" }],
      }),
      { config: CONFIG },
    );
  });

  it("creates secure storage and a content-hashed code blob", () => {
    hasResource(plan, "azure-native:storage:StorageAccount", {
      enableHttpsTrafficOnly: true,
      minimumTlsVersion: "TLS1_2",
      allowBlobPublicAccess: false,
    });
    hasResource(plan, "azure-native:storage:BlobContainer", { publicAccess: "None" });
    const blob = getResource(plan, "azure-native:storage:Blob");
    assert.match(String((blob.inputs as any).blobName), /^function-[0-9a-f]{64}\.zip$/);
  });

  it("runs on a Consumption plan from the package URL with an identity and the roles it needs", () => {
    hasResource(plan, "azure-native:web:AppServicePlan", { sku: { name: "Y1", tier: "Dynamic" } });
    const app = hasResource(plan, "azure-native:web:WebApp", {
      kind: "functionapp",
      httpsOnly: true,
      identity: { type: "UserAssigned" },
      siteConfig: { minTlsVersion: "1.2", ftpsState: "Disabled" },
    });
    const settings = Object.fromEntries((app.inputs as any).siteConfig.appSettings.map((s: any) => [s.name, s.value]));
    assert.match(
      settings.WEBSITE_RUN_FROM_PACKAGE,
      /blob\.core\.windows\.net\/deployments\/function-[0-9a-f]{64}\.zip$/,
    );
    assert.equal(settings.AzureWebJobsStorage__credential, "managedidentity");
    assert.equal(settings.MERIDIAN_HTTP_AUTH, "anonymous");
    assert.equal(settings.MERIDIAN_SCHEDULE_0, "0 0 * * * *");
    assert.ok(settings.MERIDIAN_QUEUE_NAME);
    assert.match(
      settings.API_KEY,
      /^@Microsoft\.KeyVault\(SecretUri=https:\/\/.+\.vault\.azure\.net\/secrets\/API-KEY\)$/,
    );
    assert.ok(!Object.values(settings).some((v) => typeof v === "string" && /AccountKey=/.test(v)));
    const roles = findResources(plan, "azure-native:authorization:RoleAssignment");
    assert.deepEqual(
      roles
        .map((r) =>
          String((r.inputs as any).roleDefinitionId)
            .split("/")
            .pop(),
        )
        .sort(),
      [
        "4633458b-17de-408a-b874-0445c86b69e6",
        "974c5e8b-45b9-4653-ba55-5f855dd0fb88",
        "b7e6dc6d-f1e8-4753-8033-0f276bb0955b",
      ],
    );
    for (const r of roles) assert.ok(dependsOn(plan, app, r), "app starts after its roles are granted");
  });

  it("keeps secrets in an RBAC Key Vault", () => {
    hasResource(plan, "azure-native:keyvault:Vault", { properties: { enableRbacAuthorization: true } });
    assert.deepEqual((getResource(plan, "azure-native:keyvault:Secret").inputs as any).properties.value, {
      secret: true,
    });
    noSecretInPlan(plan);
  });

  it("has Log Analytics with retention and Application Insights", () => {
    hasResource(plan, "azure-native:operationalinsights:Workspace", { retentionInDays: 60 });
    hasResource(plan, "azure-native:applicationinsights:Component", { ingestionMode: "LogAnalytics" });
  });

  it("outputs the URL and az commands", () => {
    assert.match(String(plan.outputs.url), /^https:\/\/.+\.azurewebsites\.net$/);
    assert.match(String(plan.outputs.logsCommand), /^az monitor app-insights query --app /);
  });
});

describe("ServerlessFunction on Cloudflare", () => {
  let plan: Plan;
  before(async () => {
    plan = await recordPlan(
      program("cloudflare", {
        logRetentionDays: undefined,
        cloudflare: { workersDevSubdomain: "team" },
        triggers: [{ type: "http" }, { type: "schedule", schedule: "cron(*/10 * * * *)" }, { type: "queue" }],
      }),
      { config: CONFIG },
    );
  });

  it("uploads a module Worker with compatibility date and content hash", () => {
    const script = hasResource(plan, "cloudflare:index/workersScript:WorkersScript", {
      accountId: ACCOUNT,
      scriptName: "meridian-dev-hello",
      mainModule: "index.js",
      compatibilityDate: "2025-09-01",
    });
    assert.match(String((script.inputs as any).contentSha256), /^[0-9a-f]{64}$/);
    const bindings = (script.inputs as any).bindings;
    assert.deepEqual(bindings[0], { name: "GREETING", type: "plain_text", text: "hi" });
    assert.deepEqual(bindings[1], { name: "API_KEY", type: "secret_text", text: { secret: true } });
    noSecretInPlan(plan);
  });

  it("enables workers.dev, cron and the queue consumer with a DLQ", () => {
    hasResource(plan, "cloudflare:index/workersScriptSubdomain:WorkersScriptSubdomain", { enabled: true });
    hasResource(plan, "cloudflare:index/workersCronTrigger:WorkersCronTrigger", {
      schedules: [{ cron: "*/10 * * * *" }],
    });
    hasResource(plan, "cloudflare:index/queueConsumer:QueueConsumer", {
      type: "worker",
      deadLetterQueue: "meridian-dev-hello-dlq",
    });
    assert.equal(plan.outputs.url, "https://meridian-dev-hello.team.workers.dev");
    assert.match(String(plan.outputs.logsCommand), /npx wrangler tail meridian-dev-hello/);
  });

  it("needs an account id", async () => {
    const rec = await tryRecordPlan(
      () => {
        new ServerlessFunction("x", { target: "cloudflare", entry: ENTRY });
      },
      { config: {} },
    );
    assert.ok(rec.error instanceof ConfigError && rec.error.field === "cloudflare.accountId", String(rec.error));
    assert.equal(rec.plan.resources.length, 0);
  });
});

describe("ServerlessFunction native code and the handle", () => {
  it("archives a Python directory as is for AWS and exposes the handle", async () => {
    let handle: any;
    const plan = await recordPlan(() => {
      const f = new ServerlessFunction("py", {
        target: "aws:eu-west-1",
        runtime: "python312",
        code: path.join(__dirname, "fixtures", "function-python"),
        handler: "main.handler",
      });
      handle = f.handle;
    });
    hasResource(plan, "aws:lambda/function:Function", { runtime: "python3.12", handler: "main.handler" });
    assert.equal(handle.placement.cloud, "aws");
    assert.equal(handle.aws.region, "eu-west-1");
    assert.equal(findResources(plan, "aws:lambda/functionUrl:FunctionUrl").length, 0);
  });
});

describe("ServerlessFunction bad input", () => {
  const base = { target: "aws:us-east-1", entry: ENTRY };
  const cases: [string, Record<string, unknown>, string, RegExp][] = [
    ["unknown region", { target: "aws:us-east-9" }, "target", /not a aws region/],
    ["no source", { entry: undefined }, "entry", /give entry/],
    ["missing entry file", { entry: "nope.ts" }, "entry", /no such file/],
    ["entry and code", { code: "." }, "code", /exclusive/],
    ["python entry", { runtime: "python312" }, "runtime", /bundled for Node/],
    ["bad runtime", { runtime: "node18" }, "runtime", /allowed/],
    [
      "python on azure",
      { target: "azure:westeurope", runtime: "python312", entry: undefined, code: ".", handler: "x" },
      "runtime",
      /supports nodejs20, nodejs22/,
    ],
    ["memory too big for Lambda", { memoryMb: 20000 }, "memoryMb", /128 to 10240 MB/],
    ["memory beyond every FaaS", { target: "gcp:us-central1", memoryMb: 65536 }, "memoryMb", /MultiRegionService/],
    ["memory on Workers", { target: "cloudflare", memoryMb: 256 }, "memoryMb", /fixed 128 MB/],
    ["timeout too long for Lambda", { timeoutSeconds: 901 }, "timeoutSeconds", /at most 900 s/],
    ["timeout beyond every FaaS", { timeoutSeconds: 7200 }, "timeoutSeconds", /MultiRegionService/],
    ["HTTP timeout on Azure", { target: "azure:westeurope", timeoutSeconds: 300 }, "timeoutSeconds", /at most 230 s/],
    ["memory not an integer", { memoryMb: "512" }, "memoryMb", /integer/],
    ["bad env name", { environment: { "1X": "a" } }, "environment.1X", /invalid name/],
    ["env null", { environment: { A: null } }, "environment.A", /expected a string/],
    ["reserved env", { environment: { AWS_REGION: "x" } }, "environment.AWS_REGION", /reserved/],
    ["secret also plain", { environment: { K: "a" }, secrets: { K: "b" } }, "secrets.K", /either plain or secret/],
    ["bad retention on AWS", { logRetentionDays: 10 }, "logRetentionDays", /CloudWatch Logs accepts/],
    ["bad trigger type", { triggers: [{ type: "cron" }] }, "triggers.0.type", /allowed/],
    ["null trigger", { triggers: [null] }, "triggers.0", /required/],
    [
      "bad schedule",
      { triggers: [{ type: "schedule", schedule: "every 5 minutes" }] },
      "triggers.0.schedule",
      /rate\(N minutes/,
    ],
    [
      "rate not expressible",
      { triggers: [{ type: "schedule", schedule: "rate(7 minutes)" }] },
      "triggers.0.schedule",
      /divides 60/,
    ],
    [
      "tz on cloudflare",
      {
        target: "cloudflare",
        cloudflare: { accountId: ACCOUNT },
        triggers: [{ type: "schedule", schedule: "rate(1 hour)", timezone: "Europe/Paris" }],
      },
      "triggers.0.timezone",
      /UTC/,
    ],
    ["batch too big", { triggers: [{ type: "queue", batchSize: 50 }] }, "triggers.0.batchSize", /1 to 10/],
    [
      "queue + http on GCP",
      { target: "gcp:us-central1", triggers: [{ type: "http" }, { type: "queue" }] },
      "triggers",
      /one trigger|no other trigger/,
    ],
    ["url without http", { url: true, triggers: [{ type: "queue" }] }, "url", /http trigger/],
    ["unknown arg", { memory: 512 }, "args.memory", /unknown field/],
    ["architecture off AWS", { target: "gcp:us-central1", architecture: "x86_64" }, "architecture", /only AWS/],
    [
      "bad account id",
      { target: "cloudflare", cloudflare: { accountId: "nope" } },
      "cloudflare.accountId",
      /32 hexadecimal/,
    ],
    ["transform not a function", { transform: { function: 42 } }, "transform.function", /expected a function/],
    [
      "syntax error in entry",
      { entry: path.join(__dirname, "fixtures", "function-broken.js") },
      "entry",
      /esbuild could not bundle/,
    ],
  ];
  for (const [title, override, field, pattern] of cases) {
    it(`refuses ${title} (${field}) and registers nothing`, async () => {
      const args = { ...base, ...override };
      const rec = await tryRecordPlan(
        () => {
          new ServerlessFunction("api", args as any);
        },
        { config: {} },
      );
      assert.ok(rec.error instanceof ConfigError, `expected ConfigError, got ${rec.error}`);
      const err = rec.error as ConfigError;
      assert.equal(err.field, field, err.message);
      assert.equal(err.component, `ServerlessFunction "api"`);
      assert.match(err.message, pattern);
      assert.equal(rec.plan.resources.length, 0);
    });
  }
});

describe("examples/serverless-hello", () => {
  for (const target of ["aws:us-east-1", "gcp:europe-west1", "azure:westeurope", "cloudflare"]) {
    it(`plans for ${target}`, async () => {
      const plan = await recordPlan(programFromFile(path.join(__dirname, "../examples/serverless-hello/index.ts")), {
        project: "serverless-hello",
        config: {
          "meridian:target": target,
          "cloudflare:accountId": ACCOUNT,
          "serverless-hello:cloudflareWorkersSubdomain": "team",
        },
      });
      assert.ok(plan.resources.length > 3);
      assert.match(String(plan.outputs.url), /^https:\/\//);
    });
  }
});
