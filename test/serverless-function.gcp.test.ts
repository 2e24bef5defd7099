import SwaggerParser from "@apidevtools/swagger-parser";
import * as assert from "node:assert/strict";
import { ServerlessFunction } from "../lib";
import { Plan, dependsOn, findResources, getResource, hasResource, recordPlan } from "../lib/testing";
import { inputs, loadHeldOutPlans, named, plans } from "./support/held-out-functions";
import { ENTRY, CONFIG, program, noSecretInPlan } from "./support/function-program";

// The Cloud Functions v2 platform (gcp.platform "cloud-functions"), pinned: a url function on a portable entry deploys
// to Cloud Run by default (test/gcp.cloud-run-function.test.ts).
describe("ServerlessFunction on Google Cloud Functions", () => {
  let plan: Plan;
  before(async () => {
    plan = await recordPlan(
      program("gcp:europe-west1", {
        gcp: { platform: "cloud-functions" },
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

describe("review: Google Cloud plan against documented Cloud Run functions failure modes", () => {
  before(loadHeldOutPlans);
  let plan: Plan;
  before(() => {
    plan = plans.gcp;
  });

  it("private source bucket (hashicorp/terraform-provider-google#1938, pulumi/pulumi-gcp#3146), deterministic archive uploaded as a file asset under a content-hash name", () => {
    for (const fn of ["web", "worker", "users"]) {
      const bucket = named(plan, "gcp:storage/bucket:Bucket", `${fn}-source`);
      assert.equal(inputs(bucket).publicAccessPrevention, "enforced");
      assert.equal(inputs(bucket).uniformBucketLevelAccess, true);
      const object = named(plan, "gcp:storage/bucketObject:BucketObject", `${fn}-source-object`);
      assert.equal(inputs(object).source.$asset, "file");
      if (fn === "web") {
        // The url function deploys to Cloud Run without a build (gcp.platform default): a tar.gz its service runs.
        assert.equal(inputs(object).name, `function-${inputs(object).source.sha256}.tar.gz`);
        const run = named(plan, "gcp:cloudrunv2/service:Service", "web-run");
        assert.equal(inputs(run).template.containers[0].sourceCode.cloudStorageSource.object, inputs(object).name);
        continue;
      }
      assert.equal(inputs(object).name, `function-${inputs(object).source.sha256}.zip`);
      const cf = named(plan, "gcp:cloudfunctionsv2/function:Function", `${fn}-function`);
      assert.equal(inputs(cf).buildConfig.source.storageSource.object, inputs(object).name);
    }
  });

  it("no allUsers grant anywhere: the url: true function is public by a disabled invoker IAM check, which Domain Restricted Sharing allows (https://cloud.google.com/run/docs/authenticating/public#disable-invoker); run.invoker grants are on Cloud Run services (hashicorp/terraform-provider-google#12562)", () => {
    // This test asserted an allUsers grant for the url function: that grant is refused in every organisation created
    // since May 2024 (https://cloud.google.com/resource-manager/docs/secure-by-default-organizations).
    assert.equal(findResources(plan, "gcp:cloudfunctionsv2/functionIamMember:FunctionIamMember").length, 0);
    const everyone = findResources(plan, "gcp:cloudrunv2/serviceIamMember:ServiceIamMember").filter((m) =>
      ["allUsers", "allAuthenticatedUsers"].includes(inputs(m).member),
    );
    assert.deepEqual(everyone, []);
    const disabled = findResources(plan, "gcp:cloudrunv2/service:Service").filter((s) => inputs(s).invokerIamDisabled);
    assert.deepEqual(
      disabled.map((s) => inputs(s).name),
      ["meridian-dev-web-run"],
    );
  });

  it("the queue function's Eventarc receiver role (https://cloud.google.com/eventarc/docs/roles-permissions) exists before the function; it also may invoke its service", () => {
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
    const fn = named(plan, "gcp:cloudfunctionsv2/function:Function", "worker-function");
    assert.equal(inputs(fn).serviceConfig.environmentVariables?.API_KEY, undefined);
    assert.deepEqual(Object.keys(inputs(fn).serviceConfig.secretEnvironmentVariables[0]).sort(), [
      "key",
      "projectId",
      "secret",
      "version",
    ]);
    assert.equal(inputs(fn).serviceConfig.secretEnvironmentVariables[0].key, "API_KEY");
    const run = named(plan, "gcp:cloudrunv2/service:Service", "web-run");
    const env = inputs(run).template.containers[0].envs.find((e: any) => e.name === "API_KEY");
    assert.equal(env.value, undefined);
    assert.ok(env.valueSource.secretKeyRef.version);
    for (const [consumer, owner] of [
      [fn, "worker"],
      [run, "web"],
    ] as const) {
      assert.deepEqual(
        inputs(named(plan, "gcp:secretmanager/secretVersion:SecretVersion", `${owner}-secret-api-key-value`))
          .secretData,
        { secret: true },
      );
      assert.ok(
        dependsOn(
          plan,
          consumer,
          named(plan, "gcp:secretmanager/secretIamMember:SecretIamMember", `${owner}-secret-api-key-accessor`),
        ),
      );
    }
  });

  it("schedule: Cloud Scheduler with an OIDC token of an account that may invoke this function only, after the grant", () => {
    const job = hasResource(plan, "gcp:cloudscheduler/job:Job", { schedule: "*/5 * * * *" });
    assert.ok(inputs(job).httpTarget.oidcToken.serviceAccountEmail);
    assert.ok(
      dependsOn(plan, job, named(plan, "gcp:cloudrunv2/serviceIamMember:ServiceIamMember", "web-scheduler-invoker")),
    );
  });

  it("the ApiConfig id carries the document hash (ApiConfig is immutable: https://cloud.google.com/api-gateway/docs/creating-api-config); the gateway runs after the invoker grants", () => {
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
