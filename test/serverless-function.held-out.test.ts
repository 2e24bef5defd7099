import * as assert from "node:assert/strict";
import * as path from "path";
import SwaggerParser from "@apidevtools/swagger-parser";
import * as pulumi from "@pulumi/pulumi";
import { ApiGateway, ConfigError, ServerlessFunction } from "../lib";
import { checkPlan, formatViolation } from "../lib/policy";
import {
  Plan,
  PlanResource,
  allStrings,
  dependsOn,
  findResources,
  getResource,
  hasResource,
  recordPlan,
  tryRecordPlan,
} from "../lib/testing";

/**
 * Held-out-style review: programs that use only the public API — one portable handler deployed to all four clouds
 * (secrets, environment, url, schedule and queue triggers) behind an API with path parameters, JWT auth, CORS,
 * throttling and a custom domain — checked on their plans against the pitfalls (reference serverless-api.md §4),
 * the limits (§2) and DESIGN.md's secure-by-default rules.
 */
const ENTRY = path.join(__dirname, "fixtures", "function-hello.ts");
const SECRET = "held-out-secret-value-8d2f";
const CONFIG = {
  "cloudflare:accountId": "0123456789abcdef0123456789abcdef",
  "gcp:project": "held-out",
  cloudflareWorkersSubdomain: "team",
};
const TARGETS = {
  aws: "aws:us-east-1",
  gcp: "gcp:europe-west1",
  azure: "azure:westeurope",
  cloudflare: "cloudflare",
} as const;
type Cloud = keyof typeof TARGETS;
const JWT = { jwt: { issuer: "https://auth.example.com/", audiences: ["users-api"] } };

function heldOut(cloud: Cloud) {
  return () => {
    const target = TARGETS[cloud];
    const web = new ServerlessFunction("web", {
      target,
      entry: ENTRY,
      url: true,
      environment: { GREETING: "hi" },
      secrets: { API_KEY: pulumi.secret(SECRET) },
      triggers: [{ type: "http" }, { type: "schedule", schedule: "rate(5 minutes)" }],
    });
    // Google Cloud functions have either HTTP or one event trigger: the queue consumer is its own function everywhere.
    const worker = new ServerlessFunction("worker", {
      target,
      entry: ENTRY,
      secrets: { API_KEY: pulumi.secret(SECRET) },
      triggers: [{ type: "queue", ...(cloud === "gcp" ? {} : { batchSize: 5, maxRetries: 4 }) }],
    });
    const users = new ServerlessFunction("users", { target, entry: ENTRY, environment: { TABLE: "users" } });
    const api = new ApiGateway("api", {
      target,
      routes: {
        "GET /users": users,
        "GET /users/{id}": users,
        "POST /users": users,
        "DELETE /users/{id}/sessions/{sessionId}": web,
      },
      auth: JWT,
      domain: "api.example.com",
      cors: {
        allowOrigins: ["https://app.example.com"],
        allowMethods: ["GET", "POST", "DELETE"],
        allowHeaders: ["authorization", "content-type"],
        maxAgeSeconds: 600,
      },
      // Google API Gateway and APIM throttle only per API key / subscription (see the apiKey programs below).
      ...(cloud === "gcp" || cloud === "azure" ? {} : { throttle: { ratePerSecond: 50, burst: 100 } }),
      info: { title: "Users", version: "1.0.0" },
    });
    return { url: api.url, openapi: api.openapi, webUrl: web.url, workerQueue: worker.queue };
  };
}

function keyed(cloud: "gcp" | "azure") {
  return () => {
    const users = new ServerlessFunction("users", { target: TARGETS[cloud], entry: ENTRY });
    const api = new ApiGateway("keyed", {
      target: TARGETS[cloud],
      routes: { "GET /users/{id}": users },
      auth: { apiKey: true },
      throttle: { ratePerSecond: 10, burst: 20 },
      domain: "keyed.example.com",
    });
    return { url: api.url, openapi: api.openapi };
  };
}

const plans = {} as Record<Cloud | "gcpKey" | "azureKey", Plan>;
before(async function () {
  this.timeout(60_000);
  for (const cloud of Object.keys(TARGETS) as Cloud[])
    plans[cloud] = await recordPlan(heldOut(cloud), { config: CONFIG });
  plans.gcpKey = await recordPlan(keyed("gcp"), { config: CONFIG });
  plans.azureKey = await recordPlan(keyed("azure"), { config: CONFIG });
});

const named = (plan: Plan, type: string, name: string) => getResource(plan, type, name);
const inputs = (r: PlanResource) => r.inputs as any;

describe("review: every held-out plan", () => {
  for (const key of ["aws", "gcp", "azure", "cloudflare", "gcpKey", "azureKey"] as const) {
    it(`${key}: passes the policy pack with zero violations`, () => {
      const violations = checkPlan(plans[key]);
      assert.deepEqual(violations.map(formatViolation), []);
    });
    it(`${key}: no secret value and no function key in clear anywhere in the plan`, () => {
      const strings = allStrings(plans[key]);
      assert.ok(!strings.some((s) => s.includes(SECRET)), "secret value in clear");
      assert.ok(
        !strings.some((s) => s.includes("mock-function-key") || s.includes("mock-master-key")),
        "host key in clear",
      );
    });
    it(`${key}: the openapi output is a valid OpenAPI 3.1 document served at the url`, async () => {
      const doc = plans[key].outputs.openapi as any;
      assert.equal(doc.openapi, "3.1.0");
      assert.deepEqual(doc.servers, [{ url: plans[key].outputs.url }]);
      await SwaggerParser.validate(structuredClone(doc));
    });
  }

  it("the custom domain is the API url on every cloud", () => {
    for (const cloud of Object.keys(TARGETS) as Cloud[])
      assert.equal(plans[cloud].outputs.url, "https://api.example.com", cloud);
  });

  it("JWT auth and path parameters are in every openapi document", () => {
    for (const cloud of Object.keys(TARGETS) as Cloud[]) {
      const doc = plans[cloud].outputs.openapi as any;
      assert.ok(doc.paths["/users/{id}/sessions/{sessionId}"].delete, cloud);
      assert.deepEqual(
        doc.paths["/users/{id}"].get.parameters.map((p: any) => p.name),
        ["id"],
      );
      assert.ok(doc.components.securitySchemes.jwt, cloud);
    }
  });
});

describe("review: AWS plan against the AWS pitfalls", () => {
  let plan: Plan;
  before(() => {
    plan = plans.aws;
  });

  it("pitfall 4: /aws/lambda/<name> log group with retention, created before the function and used by it", () => {
    for (const fn of ["web", "worker", "users"]) {
      const logs = named(plan, "aws:cloudwatch/logGroup:LogGroup", `${fn}-logs`);
      const lambda = named(plan, "aws:lambda/function:Function", `${fn}-function`);
      assert.equal(inputs(logs).name, `/aws/lambda/${inputs(lambda).name}`);
      assert.equal(inputs(logs).retentionInDays, 30);
      assert.equal(inputs(lambda).loggingConfig.logGroup, inputs(logs).name);
      assert.ok(dependsOn(plan, lambda, logs));
    }
  });

  it("pitfall 7 and least privilege: inline policies only, no wildcard action, no managed attachments", () => {
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

  it("portable handler: arm64, node 22, 1024 MB, 30 s, zip archive hashed for change detection (pitfall 6)", () => {
    const lambda = named(plan, "aws:lambda/function:Function", "users-function");
    assert.deepEqual(inputs(lambda).architectures, ["arm64"]);
    assert.equal(inputs(lambda).runtime, "nodejs22.x");
    assert.ok(inputs(lambda).memorySize <= 10240 && inputs(lambda).timeout <= 900);
    assert.match(inputs(lambda).code.sha256, /^[0-9a-f]{64}$/);
  });

  it("pitfall 5: a public function URL declares both invoke permissions", () => {
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

  it("pitfall 3: explicit routes and integrations, no OpenAPI body on the HTTP API", () => {
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

  it("pitfall 1: one permission per function, sourceArn executionArn/*/*", () => {
    const perms = findResources(plan, "aws:lambda/permission:Permission").filter(
      (p) => inputs(p).principal === "apigateway.amazonaws.com",
    );
    assert.equal(perms.length, 2);
    for (const p of perms) assert.match(inputs(p).sourceArn, /:execute-api:us-east-1:\d+:[a-z0-9]+\/\*\/\*$/);
  });

  it("pitfall 2: $default stage with auto-deploy, after every route, access logs with retention, throttling", () => {
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

describe("review: Google Cloud plan against the GCP pitfalls", () => {
  let plan: Plan;
  before(() => {
    plan = plans.gcp;
  });

  it("pitfalls 1-2: private source bucket, deterministic zip uploaded as a file asset under a content-hash name", () => {
    for (const fn of ["web", "worker", "users"]) {
      const bucket = named(plan, "gcp:storage/bucket:Bucket", `${fn}-source`);
      assert.equal(inputs(bucket).publicAccessPrevention, "enforced");
      assert.equal(inputs(bucket).uniformBucketLevelAccess, true);
      const object = named(plan, "gcp:storage/bucketObject:BucketObject", `${fn}-source-object`);
      assert.equal(inputs(object).name, `function-${inputs(object).source.sha256}.zip`);
      assert.equal(inputs(object).source.$asset, "file");
      const cf = named(plan, "gcp:cloudfunctionsv2/function:Function", `${fn}-function`);
      assert.equal(inputs(cf).buildConfig.source.storageSource.object, inputs(object).name);
    }
  });

  it("pitfall 3: run.invoker is granted on the Cloud Run service, allUsers only for the url: true function", () => {
    assert.equal(findResources(plan, "gcp:cloudfunctionsv2/functionIamMember:FunctionIamMember").length, 0);
    const everyone = findResources(plan, "gcp:cloudrunv2/serviceIamMember:ServiceIamMember").filter(
      (m) => inputs(m).member === "allUsers",
    );
    assert.deepEqual(
      everyone.map((m) => inputs(m).name),
      ["meridian-dev-web"],
    );
  });

  it("pitfall 4: the queue function's Eventarc receiver role exists before the function; it also may invoke its service", () => {
    const fn = named(plan, "gcp:cloudfunctionsv2/function:Function", "worker-function");
    const receiver = hasResource(plan, "gcp:projects/iAMMember:IAMMember", { role: "roles/eventarc.eventReceiver" });
    assert.ok(dependsOn(plan, fn, receiver));
    assert.equal(inputs(fn).eventTrigger.eventType, "google.cloud.pubsub.topic.v1.messagePublished");
    hasResource(plan, "gcp:cloudrunv2/serviceIamMember:ServiceIamMember", {
      name: "meridian-dev-worker",
      role: "roles/run.invoker",
      member: inputs(receiver).member,
    });
  });

  it("secrets: Secret Manager versions are Pulumi secrets, mounted by version after the accessor grant", () => {
    const fn = named(plan, "gcp:cloudfunctionsv2/function:Function", "web-function");
    assert.equal(inputs(fn).serviceConfig.environmentVariables.API_KEY, undefined);
    assert.deepEqual(Object.keys(inputs(fn).serviceConfig.secretEnvironmentVariables[0]).sort(), [
      "key",
      "projectId",
      "secret",
      "version",
    ]);
    assert.equal(inputs(fn).serviceConfig.secretEnvironmentVariables[0].key, "API_KEY");
    assert.deepEqual(
      inputs(named(plan, "gcp:secretmanager/secretVersion:SecretVersion", "web-secret-api-key-value")).secretData,
      { secret: true },
    );
    assert.ok(
      dependsOn(
        plan,
        fn,
        named(plan, "gcp:secretmanager/secretIamMember:SecretIamMember", "web-secret-api-key-accessor"),
      ),
    );
  });

  it("schedule: Cloud Scheduler with an OIDC token of an account that may invoke this function only, after the grant", () => {
    const job = hasResource(plan, "gcp:cloudscheduler/job:Job", { schedule: "*/5 * * * *" });
    assert.ok(inputs(job).httpTarget.oidcToken.serviceAccountEmail);
    assert.ok(
      dependsOn(plan, job, named(plan, "gcp:cloudrunv2/serviceIamMember:ServiceIamMember", "web-scheduler-invoker")),
    );
  });

  it("pitfall 5: the ApiConfig id carries the document hash; the gateway runs after the invoker grants", () => {
    const config = getResource(plan, "gcp:apigateway/apiConfig:ApiConfig");
    assert.match(inputs(config).apiConfigId, /-cfg-[a-z0-9]+$/);
    const gateway = getResource(plan, "gcp:apigateway/gateway:Gateway");
    for (const invoker of findResources(plan, "gcp:cloudrunv2/serviceIamMember:ServiceIamMember").filter((m) =>
      m.name.startsWith("api-"),
    )) {
      assert.ok(dependsOn(plan, gateway, invoker), invoker.name);
    }
  });

  it("the Swagger 2.0 fed to the gateway validates, with x-google-backend and JWT settings on every operation", async () => {
    const config = getResource(plan, "gcp:apigateway/apiConfig:ApiConfig");
    const swagger = JSON.parse(Buffer.from(inputs(config).openapiDocuments[0].document.contents, "base64").toString());
    await SwaggerParser.validate(structuredClone(swagger));
    assert.equal(swagger.swagger, "2.0");
    assert.equal(swagger.securityDefinitions.jwt["x-google-issuer"], "https://auth.example.com/");
    const op = swagger.paths["/users/{id}/sessions/{sessionId}"].delete;
    assert.equal(op["x-google-backend"].jwt_audience, op["x-google-backend"].address);
    assert.deepEqual(swagger.paths["/users"].options.security, [], "CORS preflights pass unauthenticated");
  });

  it("custom domain: HTTPS load balancer with a managed certificate, TLS 1.2 policy and an A record", () => {
    hasResource(plan, "gcp:compute/managedSslCertificate:ManagedSslCertificate", {
      managed: { domains: ["api.example.com"] },
    });
    const policy = hasResource(plan, "gcp:compute/sSLPolicy:SSLPolicy", { minTlsVersion: "TLS_1_2" });
    assert.ok(dependsOn(plan, getResource(plan, "gcp:compute/targetHttpsProxy:TargetHttpsProxy"), policy));
    hasResource(plan, "gcp:compute/regionNetworkEndpointGroup:RegionNetworkEndpointGroup", {
      serverlessDeployment: { platform: "apigateway.googleapis.com" },
    });
    hasResource(plan, "gcp:dns/recordSet:RecordSet", { name: "api.example.com.", type: "A" });
  });

  it("API keys: the API's managed service is enabled before the gateway, with a per-key quota", async () => {
    const keyedPlan = plans.gcpKey;
    const service = getResource(keyedPlan, "gcp:projects/service:Service", "keyed-managed-service");
    assert.ok(dependsOn(keyedPlan, getResource(keyedPlan, "gcp:apigateway/gateway:Gateway"), service));
    const swagger = JSON.parse(
      Buffer.from(
        inputs(getResource(keyedPlan, "gcp:apigateway/apiConfig:ApiConfig")).openapiDocuments[0].document.contents,
        "base64",
      ).toString(),
    );
    await SwaggerParser.validate(structuredClone(swagger));
    assert.equal(swagger.securityDefinitions.api_key.type, "apiKey");
    assert.ok(swagger["x-google-management"].quota);
  });
});

describe("review: Azure plan against the Azure pitfalls", () => {
  let plan: Plan;
  before(() => {
    plan = plans.azure;
  });
  const settings = (app: PlanResource) =>
    Object.fromEntries(inputs(app).siteConfig.appSettings.map((s: any) => [s.name, s.value]));

  it("storage: HTTPS only, TLS 1.2, no public blob access; code blob named by content hash (pitfall 2)", () => {
    for (const fn of ["web", "worker", "users"]) {
      hasResource(plan, "azure-native:storage:StorageAccount", {
        accountName: inputs(named(plan, "azure-native:storage:StorageAccount", `${fn}-storage`)).accountName,
        enableHttpsTrafficOnly: true,
        minimumTlsVersion: "TLS1_2",
        allowBlobPublicAccess: false,
      });
      assert.equal(inputs(named(plan, "azure-native:storage:BlobContainer", `${fn}-deployments`)).publicAccess, "None");
      const blob = named(plan, "azure-native:storage:Blob", `${fn}-code`);
      assert.equal(inputs(blob).blobName, `function-${inputs(blob).source.sha256}.zip`);
    }
  });

  it("pitfalls 1, 3-5: Windows Consumption app, run from the blob URL, AzureWebJobsStorage set, no alwaysOn or Flex-only settings", () => {
    for (const fn of ["web", "worker", "users"]) {
      hasResource(plan, "azure-native:web:AppServicePlan", {
        name: `meridian-dev-${fn}-plan`,
        sku: { name: "Y1", tier: "Dynamic" },
      });
      const app = named(plan, "azure-native:web:WebApp", `${fn}-app`);
      const s = settings(app);
      assert.match(s.WEBSITE_RUN_FROM_PACKAGE, /^https:\/\/.*\/deployments\/function-[0-9a-f]{64}\.zip$/);
      assert.ok(s.AzureWebJobsStorage__accountName);
      assert.equal(s.FUNCTIONS_EXTENSION_VERSION, "~4");
      assert.equal(inputs(app).siteConfig.alwaysOn, undefined);
      // netFrameworkVersion is only rejected on Flex (pitfall 3); on Y1 the SDK's own default "v4.6" is harmless.
      assert.equal(inputs(app).functionAppConfig, undefined);
      assert.equal(inputs(app).httpsOnly, true);
      assert.equal(inputs(app).siteConfig.minTlsVersion, "1.2");
      assert.equal(inputs(app).siteConfig.ftpsState, "Disabled");
      for (const grant of findResources(plan, "azure-native:authorization:RoleAssignment").filter((g) =>
        g.name.startsWith(`${fn}-`),
      )) {
        assert.ok(dependsOn(plan, app, grant), `${fn}: ${grant.name} before the app starts`);
      }
    }
  });

  it("secrets: Key Vault references in app settings, values as Pulumi secrets", () => {
    const s = settings(named(plan, "azure-native:web:WebApp", "web-app"));
    assert.match(s.API_KEY, /^@Microsoft\.KeyVault\(SecretUri=https:\/\//);
    assert.deepEqual(inputs(named(plan, "azure-native:keyvault:Secret", "web-secret-api-key")).properties.value, {
      secret: true,
    });
    hasResource(plan, "azure-native:keyvault:Vault", { properties: { enableRbacAuthorization: true } });
  });

  it("triggers: timer and queue settings; logs with retention", () => {
    assert.equal(settings(named(plan, "azure-native:web:WebApp", "web-app")).MERIDIAN_SCHEDULE_0, "0 */5 * * * *");
    assert.ok(settings(named(plan, "azure-native:web:WebApp", "worker-app")).MERIDIAN_QUEUE_NAME);
    assert.equal(settings(named(plan, "azure-native:web:WebApp", "users-app")).MERIDIAN_HTTP_AUTH, "function");
    for (const w of findResources(plan, "azure-native:operationalinsights:Workspace"))
      assert.equal(inputs(w).retentionInDays, 30);
  });

  it("APIM: Consumption tier, HTTPS only, API imported from a valid OpenAPI 3.0 document", async () => {
    hasResource(plan, "azure-native:apimanagement:ApiManagementService", {
      sku: { name: "Consumption" },
      hostnameConfigurations: [{ type: "Proxy", hostName: "api.example.com" }],
    });
    const api = getResource(plan, "azure-native:apimanagement:Api");
    assert.deepEqual(inputs(api).protocols, ["https"]);
    const doc = JSON.parse(inputs(api).value);
    assert.equal(doc.openapi, "3.0.3");
    await SwaggerParser.validate(structuredClone(doc));
  });

  // APIM's rate-limit counts per subscription (https://learn.microsoft.com/azure/api-management/rate-limit-policy):
  // a JWT-only API has none, so it takes no throttle (this test used to assert an unenforced rate-limit).
  it("APIM: policy with CORS and validate-jwt", () => {
    const policy = inputs(getResource(plan, "azure-native:apimanagement:ApiPolicy")).value as string;
    assert.match(policy, /<cors /);
    assert.match(
      policy,
      /<validate-jwt [^>]*><openid-config url="https:\/\/auth\.example\.com\/\.well-known\/openid-configuration" \/><audiences><audience>users-api<\/audience>/,
    );
    assert.doesNotMatch(policy, /<rate-limit/);
  });

  it("APIM backends send each app's host key from a secret named value (private function apps answer only with a key)", () => {
    for (const fn of ["users", "web"]) {
      const key = named(plan, "azure-native:apimanagement:NamedValue", `api-${fn}-key`);
      assert.equal(inputs(key).secret, true);
      assert.deepEqual(inputs(key).value, { secret: true });
      const backend = named(plan, "azure-native:apimanagement:Backend", `api-${fn}-backend`);
      assert.deepEqual(inputs(backend).credentials.header["x-functions-key"], [`{{${inputs(key).namedValueId}}}`]);
      assert.ok(dependsOn(plan, backend, key));
      assert.ok(
        dependsOn(plan, key, named(plan, "azure-native:web:WebApp", `${fn}-app`)),
        "keys are read after the app exists",
      );
    }
  });

  it("API keys: a subscription on the API and subscriptionRequired", () => {
    hasResource(plans.azureKey, "azure-native:apimanagement:Api", { subscriptionRequired: true });
    getResource(plans.azureKey, "azure-native:apimanagement:Subscription");
  });
});

describe("review: Cloudflare plan against the Cloudflare pitfalls", () => {
  let plan: Plan;
  before(() => {
    plan = plans.cloudflare;
  });

  it("pitfalls 1 and 3: module syntax with mainModule, a compatibility date and contentSha256 for contentFile", () => {
    for (const fn of ["web", "worker", "users"]) {
      const script = named(plan, "cloudflare:index/workersScript:WorkersScript", `${fn}-script`);
      assert.equal(inputs(script).mainModule, "index.js");
      assert.match(inputs(script).compatibilityDate, /^\d{4}-\d{2}-\d{2}$/);
      assert.match(inputs(script).contentSha256, /^[0-9a-f]{64}$/);
      assert.ok(inputs(script).contentFile);
    }
    const router = named(plan, "cloudflare:index/workersScript:WorkersScript", "api-router");
    assert.equal(inputs(router).mainModule, "index.js");
  });

  it("pitfall 2: the account id is set on every resource", () => {
    for (const r of plan.resources.filter((x) => x.custom && x.type.startsWith("cloudflare:"))) {
      assert.equal(inputs(r).accountId, CONFIG["cloudflare:accountId"], r.name);
    }
  });

  it("secrets as secret_text bindings; workers.dev only for the url: true function", () => {
    const web = named(plan, "cloudflare:index/workersScript:WorkersScript", "web-script");
    assert.deepEqual(
      inputs(web).bindings.find((b: any) => b.name === "API_KEY"),
      { name: "API_KEY", type: "secret_text", text: { secret: true } },
    );
    assert.equal(
      inputs(named(plan, "cloudflare:index/workersScriptSubdomain:WorkersScriptSubdomain", "web-workers-dev")).enabled,
      true,
    );
    assert.equal(
      inputs(named(plan, "cloudflare:index/workersScriptSubdomain:WorkersScriptSubdomain", "users-workers-dev"))
        .enabled,
      false,
    );
  });

  it("cron trigger and a queue consumer with a dead-letter queue", () => {
    hasResource(plan, "cloudflare:index/workersCronTrigger:WorkersCronTrigger", {
      schedules: [{ cron: "*/5 * * * *" }],
    });
    hasResource(plan, "cloudflare:index/queueConsumer:QueueConsumer", {
      deadLetterQueue: "meridian-dev-worker-dlq",
      settings: { batchSize: 5, maxRetries: 4 },
    });
  });

  it("router Worker: service bindings to each function, rate limit, JWT issuer in its config, custom domain", () => {
    const router = named(plan, "cloudflare:index/workersScript:WorkersScript", "api-router");
    const bindings = inputs(router).bindings as any[];
    assert.deepEqual(
      bindings
        .filter((b) => b.type === "service")
        .map((b) => b.service)
        .sort(),
      ["meridian-dev-users", "meridian-dev-web"],
    );
    assert.ok(bindings.some((b) => b.type === "ratelimit"));
    assert.match(inputs(router).content, /https:\/\/auth\.example\.com\//);
    assert.match(inputs(router).content, /sessionId/);
    const domain = hasResource(plan, "cloudflare:index/workersCustomDomain:WorkersCustomDomain", {
      hostname: "api.example.com",
      zoneName: "example.com",
    });
    assert.ok(dependsOn(plan, domain, router));
  });
});

describe("review: limits (§2) and impossible requests are ConfigErrors before anything is created", () => {
  const cases: [string, () => void, string][] = [
    [
      "Lambda memory above 10,240 MB",
      () => new ServerlessFunction("f", { target: "aws:us-east-1", entry: ENTRY, memoryMb: 10241 }),
      "memoryMb",
    ],
    [
      "Lambda timeout above 900 s",
      () => new ServerlessFunction("f", { target: "aws:us-east-1", entry: ENTRY, timeoutSeconds: 901 }),
      "timeoutSeconds",
    ],
    [
      "GCP memory above 32 GiB",
      () => new ServerlessFunction("f", { target: "gcp:europe-west1", entry: ENTRY, memoryMb: 32769 }),
      "memoryMb",
    ],
    [
      "GCP event-driven timeout above 540 s",
      () =>
        new ServerlessFunction("f", {
          target: "gcp:europe-west1",
          entry: ENTRY,
          timeoutSeconds: 541,
          triggers: [{ type: "queue" }],
        }),
      "timeoutSeconds",
    ],
    [
      "Azure Consumption memory above 1.5 GB",
      () => new ServerlessFunction("f", { target: "azure:westeurope", entry: ENTRY, memoryMb: 2048 }),
      "memoryMb",
    ],
    [
      "Azure HTTP timeout above 230 s",
      () => new ServerlessFunction("f", { target: "azure:westeurope", entry: ENTRY, timeoutSeconds: 231 }),
      "timeoutSeconds",
    ],
    [
      "Workers memory other than 128 MB",
      () => new ServerlessFunction("f", { target: "cloudflare", entry: ENTRY, memoryMb: 256 }),
      "memoryMb",
    ],
    [
      "Workers CPU time above 300 s",
      () => new ServerlessFunction("f", { target: "cloudflare", entry: ENTRY, timeoutSeconds: 301 }),
      "timeoutSeconds",
    ],
  ];
  for (const [title, program, field] of cases) {
    it(title, async () => {
      const rec = await tryRecordPlan(program, { config: CONFIG });
      assert.ok(rec.error instanceof ConfigError, String(rec.error));
      assert.equal((rec.error as ConfigError).field, field);
      assert.equal(rec.plan.resources.length, 0);
    });
  }

  it("API keys on an AWS HTTP API and throttling without API keys on Google and Azure are refused", async () => {
    const fake = { handle: undefined as any };
    for (const [target, auth, throttle, field] of [
      ["aws:us-east-1", { apiKey: true }, undefined, "auth.apiKey"],
      ["gcp:europe-west1", JWT, { ratePerSecond: 1, burst: 1 }, "throttle"],
      ["azure:westeurope", JWT, { ratePerSecond: 1, burst: 1 }, "throttle"],
    ] as const) {
      const rec = await tryRecordPlan(
        () => {
          const fn = new ServerlessFunction("f", { target, entry: ENTRY });
          fake.handle = fn.handle;
          new ApiGateway("a", { target, routes: { "GET /x": fn }, auth: auth as any, throttle: throttle as any });
        },
        { config: CONFIG },
      );
      assert.ok(rec.error instanceof ConfigError && rec.error.field === field, String(rec.error));
      assert.equal(rec.plan.resources.filter((r) => r.type.startsWith("meridian:index:ApiGateway")).length, 0);
    }
  });
});
