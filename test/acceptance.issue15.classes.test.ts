import * as assert from "node:assert";
import * as path from "node:path";
import { ApiGateway, MultiRegionService, ServerlessFunction } from "../lib";
import { dependsOn, findResources, getResource, recordPlan, tryRecordPlan } from "../lib/testing";
import { assertConfigError, gcpOptions } from "./support/acceptance-gcp";

/**
 * Issue 15 item 13's class ("values derived from user input exceed the field they land in", on both clouds), beyond
 * the examples the issue names: each derived value is checked against the field's documented range, or refused with
 * a ConfigError before anything registers.
 */
const ENTRY = path.join(__dirname, "fixtures", "function-hello.ts");
const IMAGE = "us-docker.pkg.dev/cloudrun/container/hello";
const AZURE = { config: { "azure-native:subscriptionId": "3f2a9c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b" } };
const DNS = { strategy: "latency" as const, dns: { provider: "route53" as const, zone: "example.com", record: "www" } };

describe("acceptance, issue 15, derived values within their fields (both clouds)", () => {
  it("a schedule on a one-hour function: Cloud Scheduler's attempt deadline stays within 15 s-30 min", async () => {
    // "For HTTP targets ... The deadline must be in the interval [15 seconds, 30 minutes]"
    // (https://cloud.google.com/scheduler/docs/reference/rest/v1/projects.locations.jobs#Job.FIELDS.attempt_deadline).
    for (const platform of ["cloud-functions", "cloud-run"] as const) {
      const plan = await recordPlan(() => {
        new ServerlessFunction("tick", {
          target: "gcp:europe-west1",
          entry: ENTRY,
          url: platform === "cloud-run",
          gcp: { platform },
          timeoutSeconds: 3600,
          triggers: [{ type: "http" }, { type: "schedule", schedule: "rate(10 minutes)" }],
        });
      }, gcpOptions());
      const seconds = Number(
        /^(\d+)s$/.exec(String(getResource(plan, "gcp:cloudscheduler/job:Job").inputs.attemptDeadline))?.[1],
      );
      assert.ok(seconds >= 15 && seconds <= 1800, `${platform}: attemptDeadline ${seconds}`);
    }
  });

  for (const [memoryMb, minCpu] of [
    [6144, 2],
    [12288, 4],
    [20480, 6],
    [32768, 8],
  ] as const) {
    it(`Cloud Run CPU follows memory: ${memoryMb} MiB gets at least ${minCpu} vCPU`, async () => {
      // "> 4 GiB ... at least 2 CPU; > 8 GiB 4; > 16 GiB 6; > 24 GiB 8"
      // (https://cloud.google.com/run/docs/configuring/services/memory-limits).
      const plan = await recordPlan(() => {
        new ServerlessFunction("big", { target: "gcp:europe-west1", entry: ENTRY, url: true, memoryMb });
      }, gcpOptions());
      const service = getResource(plan, "gcp:cloudrunv2/service:Service");
      const limits = (service.inputs.template as { containers: { resources: { limits: { cpu: string } } }[] })
        .containers[0].resources.limits;
      assert.ok(Number(limits.cpu) >= minCpu, `cpu ${limits.cpu}`);
    });
  }

  it("Cloud Run below 512 MiB runs in the first-generation environment", async () => {
    // "The second generation execution environment requires at least 512 MiB of memory"
    // (https://cloud.google.com/run/docs/about-execution-environments).
    const plan = await recordPlan(() => {
      new ServerlessFunction("small", { target: "gcp:europe-west1", entry: ENTRY, url: true, memoryMb: 256 });
    }, gcpOptions());
    const template = getResource(plan, "gcp:cloudrunv2/service:Service").inputs.template as {
      executionEnvironment?: string;
    };
    assert.strictEqual(template.executionEnvironment, "EXECUTION_ENVIRONMENT_GEN1");
  });

  it("the largest instance count keeps min ≤ max instances on Cloud Run and Container Apps", async () => {
    // Cloud Run: minimum instances above the maximum are refused (https://cloud.google.com/run/docs/configuring/min-instances);
    // Container Apps: minReplicas ≤ maxReplicas (https://learn.microsoft.com/azure/container-apps/scale-app).
    const plan = await recordPlan(
      () => {
        new MultiRegionService("web", {
          regions: ["gcp:us-central1"],
          container: { image: IMAGE, port: 8080 },
          count: 1000,
          routing: DNS,
        });
        new MultiRegionService("app", {
          regions: ["azure:westeurope"],
          container: { image: IMAGE, port: 8080 },
          count: 1000,
        });
      },
      gcpOptions({ ...AZURE.config, "aws:region": "us-east-1" }),
    );
    const run = (
      getResource(plan, "gcp:cloudrunv2/service:Service").inputs.template as { scaling: Record<string, number> }
    ).scaling;
    assert.ok(run.minInstanceCount <= run.maxInstanceCount, JSON.stringify(run));
    const scale = (
      getResource(plan, "azure-native:app:ContainerApp").inputs.template as { scale: Record<string, number> }
    ).scale;
    assert.ok(scale.minReplicas <= scale.maxReplicas, JSON.stringify(scale));
  });

  it("an event-driven function's timeout past 540 s and an HTTP one past 3600 s are ConfigErrors", async () => {
    // Event-driven functions: at most 540 s; HTTP functions: 3600 s (https://cloud.google.com/functions/docs/configuring/timeout).
    const queue = await tryRecordPlan(() => {
      new ServerlessFunction("worker", {
        target: "gcp:europe-west1",
        entry: ENTRY,
        timeoutSeconds: 541,
        triggers: [{ type: "queue" }],
      });
    }, gcpOptions());
    assertConfigError(queue.error, "timeoutSeconds", queue.plan);
    const http = await tryRecordPlan(() => {
      new ServerlessFunction("api", { target: "gcp:europe-west1", entry: ENTRY, url: true, timeoutSeconds: 3601 });
    }, gcpOptions());
    assertConfigError(http.error, "timeoutSeconds", http.plan);
  });

  describe("log retention at the edges of each cloud's range", () => {
    // Cloud Logging buckets keep 1-3650 days (https://cloud.google.com/logging/docs/buckets#custom-retention);
    // Log Analytics (PerGB2018) 30-730 (https://learn.microsoft.com/azure/azure-monitor/logs/data-retention-configure).
    for (const [target, days, ok] of [
      ["gcp:europe-west1", 3650, true],
      ["gcp:europe-west1", 3651, false],
      ["azure:westeurope", 730, true],
      ["azure:westeurope", 731, false],
      ["azure:westeurope", 29, false],
    ] as const) {
      it(`${target} logRetentionDays ${days}: ${ok ? "kept" : "a ConfigError"}`, async () => {
        const { plan, error } = await tryRecordPlan(() => {
          new ServerlessFunction("hello", { target, entry: ENTRY, logRetentionDays: days });
        }, gcpOptions(AZURE.config));
        if (!ok) return assertConfigError(error, "logRetentionDays", plan);
        assert.ifError(error);
        const kept = plan.resources
          .filter((r) => /ProjectBucketConfig|operationalinsights:Workspace|operationalinsights:Table/.test(r.type))
          .map((r) => Number(r.inputs.retentionDays ?? r.inputs.retentionInDays));
        assert.ok(kept.length > 0 && kept.every((d) => d === days), JSON.stringify(kept));
      });
    }
  });

  it("log bucket, sink and exclusion ids of a long program stay within Cloud Logging's 100 characters", async () => {
    // Bucket ids: "limited to 100 characters and can include only letters, digits, underscores, hyphens, and periods"
    // (https://cloud.google.com/logging/docs/reference/v2/rest/v2/projects.locations.buckets/create); sink and
    // exclusion names: the same 100 characters, "First character has to be alphanumeric"
    // (https://cloud.google.com/logging/docs/reference/v2/rest/v2/projects.exclusions).
    const plan = await recordPlan(
      () => {
        new ServerlessFunction("order-confirmation-mailer-and-notifier-for-every-region", {
          target: "gcp:northamerica-northeast1",
          entry: ENTRY,
          logRetentionDays: 90,
        });
      },
      {
        ...gcpOptions(),
        project: "northwind-storefront-platform-services-with-a-long-name",
        stack: "production-blue-green",
      },
    );
    const ids = [
      ...findResources(plan, "gcp:logging/projectBucketConfig:ProjectBucketConfig").map((r) => r.inputs.bucketId),
      ...findResources(plan, "gcp:logging/projectSink:ProjectSink").map((r) => r.inputs.name),
      ...findResources(plan, "gcp:logging/projectExclusion:ProjectExclusion").map((r) => r.inputs.name),
    ].map(String);
    assert.strictEqual(ids.length, 3);
    for (const id of ids) assert.ok(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/.test(id), `${id} (${id.length})`);
  });
});

describe("acceptance, issue 15, more of the same classes (soft-deleted names, org policies, ordering)", () => {
  it("log buckets, soft-deleted for 7 days, get a name seeded per stack life (destroy then up works)", async () => {
    // Deleting a log bucket "Changes the bucket's lifecycleState to the DELETE_REQUESTED state. After 7 days, the
    // bucket will be purged" (https://cloud.google.com/logging/docs/reference/v2/rest/v2/projects.locations.buckets/delete):
    // the id stays taken meanwhile, as a Key Vault's does (issue 15 item 5).
    const plan = await recordPlan(
      () => {
        new ServerlessFunction("hello", { target: "gcp:europe-west1", entry: ENTRY, logRetentionDays: 60 });
        new MultiRegionService("web", {
          regions: ["gcp:us-central1"],
          container: { image: IMAGE, port: 8080 },
          logRetentionDays: 60,
          routing: DNS,
        });
      },
      gcpOptions({ "aws:region": "us-east-1" }),
    );
    const buckets = findResources(plan, "gcp:logging/projectBucketConfig:ProjectBucketConfig");
    assert.strictEqual(buckets.length, 2);
    for (const b of buckets)
      assert.ok(
        b.dependencies.some((d) => d.includes("pulumi-nodejs:dynamic:Resource") && d.includes("name-seed")),
        b.name,
      );
  });

  it("every bucket meets the secure-by-default storage policies (uniform access, public access prevention)", async () => {
    // Secure-by-default organisations enforce storage.uniformBucketLevelAccess and storage.publicAccessPrevention
    // (https://cloud.google.com/resource-manager/docs/secure-by-default-organizations).
    const plan = await recordPlan(() => {
      new ServerlessFunction("a", { target: "gcp:europe-west1", entry: ENTRY, url: true });
      new ServerlessFunction("b", { target: "gcp:europe-west1", entry: ENTRY, triggers: [{ type: "queue" }] });
    }, gcpOptions());
    const buckets = findResources(plan, "gcp:storage/bucket:Bucket");
    assert.strictEqual(buckets.length, 2);
    for (const b of buckets) {
      assert.strictEqual(b.inputs.uniformBucketLevelAccess, true, b.name);
      assert.strictEqual(b.inputs.publicAccessPrevention, "enforced", b.name);
    }
  });

  it("a function waits for its secret grants; a queue consumer for its Eventarc receiver role", async () => {
    // Cloud Run checks that the service account can access each referenced secret when it deploys
    // (https://cloud.google.com/run/docs/configuring/services/secrets#access-secret); an Eventarc trigger's service
    // account needs roles/eventarc.eventReceiver (https://cloud.google.com/eventarc/docs/roles-permissions).
    const plan = await recordPlan(() => {
      new ServerlessFunction("web", { target: "gcp:europe-west1", entry: ENTRY, url: true, secrets: { TOKEN: "t" } });
      new ServerlessFunction("fn", { target: "gcp:europe-west1", entry: ENTRY, secrets: { TOKEN: "t" } });
      new ServerlessFunction("worker", { target: "gcp:europe-west1", entry: ENTRY, triggers: [{ type: "queue" }] });
    }, gcpOptions());
    const grants = findResources(plan, "gcp:secretmanager/secretIamMember:SecretIamMember");
    assert.strictEqual(grants.length, 2);
    for (const g of grants) {
      const owner = g.name.split("-")[0];
      const target = plan.resources.find(
        (r) =>
          r.name.startsWith(`${owner}-`) &&
          /cloudrunv2\/service:Service|cloudfunctionsv2\/function:Function/.test(r.type),
      );
      assert.ok(target && dependsOn(plan, target, g), `${owner} does not wait for ${g.name}`);
    }
    const worker = plan.resources.find(
      (r) => r.name.startsWith("worker-") && r.type === "gcp:cloudfunctionsv2/function:Function",
    )!;
    const receiver = plan.resources.find((r) => String(r.inputs.role) === "roles/eventarc.eventReceiver");
    assert.ok(receiver, "no eventarc.eventReceiver grant");
    assert.ok(dependsOn(plan, worker, receiver), "the queue consumer does not wait for its receiver role");
  });

  it("an API-key gateway enables its own managed service after the API that creates it", async () => {
    // API keys on API Gateway need the API's managed service enabled (https://cloud.google.com/api-gateway/docs/authenticate-api-keys);
    // the service exists once the API is created.
    const plan = await recordPlan(() => {
      const fn = new ServerlessFunction("users", { target: "gcp:europe-west1", entry: ENTRY });
      new ApiGateway("api", { target: "gcp:europe-west1", routes: { "GET /users": fn }, auth: { apiKey: true } });
    }, gcpOptions());
    const managed = findResources(plan, "gcp:projects/service:Service").find((s) =>
      String(s.inputs.service).endsWith(".cloud.goog"),
    );
    assert.ok(managed, "no managed service enabled");
    assert.ok(dependsOn(plan, managed, getResource(plan, "gcp:apigateway/api:Api")));
  });

  it("an explicit OPTIONS route beside cors is a preflight too: unauthenticated, the others keep their API key", async () => {
    // Swagger 2.0: an operation's `security` overrides the top-level one and "an empty array can be used" to remove
    // it (https://swagger.io/specification/v2/#operation-object); a preflight carries no credentials
    // (https://fetch.spec.whatwg.org/#cors-preflight-fetch).
    const plan = await recordPlan(() => {
      const fn = new ServerlessFunction("users", { target: "gcp:europe-west1", entry: ENTRY });
      new ApiGateway("api", {
        target: "gcp:europe-west1",
        routes: { "OPTIONS /users": fn, "GET /users": fn },
        cors: true,
        auth: { apiKey: true },
      });
    }, gcpOptions());
    const config = getResource(plan, "gcp:apigateway/apiConfig:ApiConfig");
    const docs = config.inputs.openapiDocuments as { document: { contents: string } }[];
    const doc = JSON.parse(Buffer.from(docs[0].document.contents, "base64").toString("utf8")) as {
      security?: unknown[];
      paths: Record<string, Record<string, { security?: unknown[] }>>;
    };
    assert.deepStrictEqual(doc.paths["/users"].options.security, []);
    assert.ok((doc.paths["/users"].get.security ?? doc.security ?? []).length > 0);
  });

  it("a changed document is a new API config id (configs are replaced, never updated in place)", async () => {
    // `openapi_documents` forces a new API config (https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/api_gateway_api_config),
    // so its id must change with it or the create-before-delete replacement collides with the old one.
    const idFor = async (route: string) => {
      const plan = await recordPlan(() => {
        const fn = new ServerlessFunction("users", { target: "gcp:europe-west1", entry: ENTRY });
        new ApiGateway("api", { target: "gcp:europe-west1", routes: { [route]: fn } });
      }, gcpOptions());
      return String(getResource(plan, "gcp:apigateway/apiConfig:ApiConfig").inputs.apiConfigId);
    };
    const [a, b] = [await idFor("GET /users"), await idFor("GET /people")];
    assert.notStrictEqual(a, b);
    for (const id of [a, b]) assert.ok(/^[a-z][a-z0-9-]{0,61}[a-z0-9]$/.test(id), id);
  });
});
