import * as assert from "node:assert";
import * as path from "node:path";
import { ApiGateway, ConfigError, FailoverDns, MultiRegionService, ServerlessFunction } from "../lib";
import { Plan, dependsOn, findResources, getResource, recordPlan } from "../lib/testing";

/**
 * A fresh Google Cloud project (issue 15 items 2, 3 and 6). Sources, stated here and beside the code:
 * - A disabled API fails the first call ("API has not been used in project ... or it is disabled"); APIs are enabled
 *   through Service Usage: https://cloud.google.com/service-usage/docs/enable-disable. Cloud Run functions need
 *   Artifact Registry, Cloud Build, Cloud Functions, Logging and Cloud Run
 *   (https://cloud.google.com/functions/docs/create-deploy-http-nodejs#before-you-begin); API Gateway needs
 *   apigateway, servicemanagement and servicecontrol (https://cloud.google.com/api-gateway/docs/secure-traffic-gcloud).
 * - Builds run as the default Compute Engine account unless one is given, and that account gets no roles in
 *   organisations that enforce `iam.automaticIamGrantsForDefaultServiceAccounts` (the default since May 2024):
 *   https://cloud.google.com/functions/docs/securing/build-custom-sa, GoogleCloudPlatform/terraform-google-cloud-functions#129.
 *   A custom build account needs Logs Writer, Artifact Registry Writer and read access to the source.
 * - API Gateway deploys only to asia-northeast1, australia-southeast1, europe-west1, europe-west2, us-east1, us-east4,
 *   us-central1, us-west2, us-west3, us-west4: https://cloud.google.com/api-gateway/docs/deployment-model#choosing_a_region
 */
const ENTRY = path.join(__dirname, "fixtures", "function-hello.ts");
const CONFIG = { "gcp:project": "meridian-test" };
const API = "gcp:projects/service:Service";

const apisOf = (plan: Plan) => findResources(plan, API);
const enabled = (plan: Plan) => apisOf(plan).map((r) => String(r.inputs.service));

/** Every other custom resource waits for every API its component enables: nothing races the enablement. */
function assertNothingRaces(plan: Plan): void {
  const apis = apisOf(plan);
  assert.ok(apis.length > 0);
  for (const r of plan.resources) {
    if (!r.custom || r.type === API || !r.type.startsWith("gcp:")) continue;
    for (const api of apis.filter((a) => a.parent === r.parent))
      assert.ok(dependsOn(plan, r, api), `${r.type} ${r.name} does not wait for ${String(api.inputs.service)}`);
  }
}

describe("Google Cloud: first `pulumi up` on a fresh project (issue 15 items 2, 3, 6)", () => {
  let fnPlan: Plan;
  before(async () => {
    fnPlan = await recordPlan(
      () => {
        new ServerlessFunction("hello", {
          target: "gcp:europe-west1",
          gcp: { platform: "cloud-functions" },
          entry: ENTRY,
          url: true,
          secrets: { TOKEN: "s3cret" },
          triggers: [{ type: "http" }, { type: "schedule", schedule: "rate(5 minutes)" }],
        });
      },
      { config: CONFIG },
    );
  });

  it("ServerlessFunction enables the APIs a Cloud Run function needs, never disabling them on destroy", () => {
    const services = enabled(fnPlan);
    for (const api of [
      "cloudfunctions.googleapis.com",
      "cloudbuild.googleapis.com",
      "artifactregistry.googleapis.com",
      "run.googleapis.com",
      "logging.googleapis.com",
      "storage.googleapis.com",
      "iam.googleapis.com",
      "cloudresourcemanager.googleapis.com",
      "secretmanager.googleapis.com",
      "cloudscheduler.googleapis.com",
    ])
      assert.ok(services.includes(api), `${api} is not enabled`);
    for (const r of apisOf(fnPlan)) assert.strictEqual(r.inputs.disableOnDestroy, false);
    assertNothingRaces(fnPlan);
  });

  it("on Cloud Run (the default for a url function) it enables Cloud Run, Artifact Registry for the base image, and no build APIs; nothing races", async () => {
    const plan = await recordPlan(
      () => {
        new ServerlessFunction("hello", {
          target: "gcp:europe-west1",
          entry: ENTRY,
          url: true,
          secrets: { TOKEN: "s3cret" },
          triggers: [{ type: "http" }, { type: "schedule", schedule: "rate(5 minutes)" }],
        });
      },
      { config: CONFIG },
    );
    const services = enabled(plan);
    for (const api of [
      "run.googleapis.com",
      "artifactregistry.googleapis.com",
      "logging.googleapis.com",
      "storage.googleapis.com",
      "iam.googleapis.com",
      "secretmanager.googleapis.com",
      "cloudscheduler.googleapis.com",
    ])
      assert.ok(services.includes(api), `${api} is not enabled`);
    for (const api of ["cloudfunctions.googleapis.com", "cloudbuild.googleapis.com"])
      assert.ok(!services.includes(api), api);
    assertNothingRaces(plan);
  });

  it("a queue adds Pub/Sub and Eventarc", async () => {
    const plan = await recordPlan(
      () =>
        void new ServerlessFunction("worker", {
          target: "gcp:us-central1",
          entry: ENTRY,
          triggers: [{ type: "queue" }],
        }),
      { config: CONFIG },
    );
    assert.ok(enabled(plan).includes("pubsub.googleapis.com"));
    assert.ok(enabled(plan).includes("eventarc.googleapis.com"));
    assertNothingRaces(plan);
  });

  it("the build runs as its own service account with the documented roles, not the default compute account", () => {
    const fn = getResource(fnPlan, "gcp:cloudfunctionsv2/function:Function");
    const build = getResource(fnPlan, "gcp:serviceaccount/account:Account", "hello-build-sa");
    const buildSa = (fn.inputs.buildConfig as any).serviceAccount;
    assert.match(
      String(buildSa),
      /^projects\/meridian-test\/serviceAccounts\/.+@meridian-test\.iam\.gserviceaccount\.com$/,
    );
    assert.ok(String(buildSa).includes(String(build.inputs.accountId)));
    const member = `serviceAccount:${String(build.inputs.accountId)}@meridian-test.iam.gserviceaccount.com`;
    const projectRoles = findResources(fnPlan, "gcp:projects/iAMMember:IAMMember")
      .filter((r) => r.inputs.member === member)
      .map((r) => r.inputs.role)
      .sort();
    assert.deepStrictEqual(projectRoles, ["roles/artifactregistry.writer", "roles/logging.logWriter"]);
    const source = findResources(fnPlan, "gcp:storage/bucketIAMMember:BucketIAMMember").filter(
      (r) => r.inputs.member === member,
    );
    assert.deepStrictEqual(
      source.map((r) => r.inputs.role),
      ["roles/storage.objectViewer"],
      "read access to the source bucket only",
    );
    for (const grant of [...source, ...findResources(fnPlan, "gcp:projects/iAMMember:IAMMember")])
      assert.ok(dependsOn(fnPlan, fn, grant), `the build starts before ${grant.name}`);
  });

  it("ApiGateway enables API Gateway, Service Management and Service Control (plus Compute and DNS with a domain)", async () => {
    const plan = await recordPlan(
      () => {
        const fn = new ServerlessFunction("list", { target: "gcp:us-central1", entry: ENTRY });
        new ApiGateway("api", { target: "gcp:us-central1", routes: { "GET /users": fn }, domain: "api.example.com" });
      },
      { config: CONFIG },
    );
    const gateway = apisOf(plan)
      .filter((r) => r.name.startsWith("api-enable-"))
      .map((r) => r.inputs.service);
    for (const s of [
      "apigateway.googleapis.com",
      "servicemanagement.googleapis.com",
      "servicecontrol.googleapis.com",
      "compute.googleapis.com",
      "dns.googleapis.com",
    ])
      assert.ok(gateway.includes(s), `${s} is not enabled by the gateway`);
    assertNothingRaces(plan);
  });

  it("MultiRegionService and FailoverDns enable Cloud Run, IAM, Compute and Cloud DNS", async () => {
    const plan = await recordPlan(
      () => {
        new MultiRegionService("web", {
          regions: ["gcp:us-central1", "gcp:europe-west1"],
          container: { image: "us-docker.pkg.dev/cloudrun/container/hello", port: 8080 },
          healthCheck: { path: "/healthz" },
          routing: {
            strategy: "latency",
            dns: { provider: "route53", zone: "example.com", record: "www", route53: { zoneId: "Z0123456789ABC" } },
          },
        });
        new FailoverDns("dns", {
          provider: "gcp-cloud-dns",
          zone: "example.com",
          record: "api",
          strategy: "weighted",
          gcp: { managedZone: "example-com" },
          healthCheck: { intervalSeconds: 30 },
          endpoints: [{ id: "a", address: "34.120.113.10" }],
        });
      },
      { config: CONFIG },
    );
    for (const s of ["run.googleapis.com", "iam.googleapis.com", "compute.googleapis.com", "dns.googleapis.com"])
      assert.ok(enabled(plan).includes(s), `${s} is not enabled`);
    assertNothingRaces(plan);
  });

  it("meridian:gcpEnableApis false leaves APIs to the organisation; anything but a boolean is a ConfigError", async () => {
    const plan = await recordPlan(
      () => void new ServerlessFunction("hello", { target: "gcp:europe-west1", entry: ENTRY }),
      { config: { ...CONFIG, "meridian:gcpEnableApis": "false" } },
    );
    assert.strictEqual(apisOf(plan).length, 0);
    await assert.rejects(
      recordPlan(() => void new ServerlessFunction("hello", { target: "gcp:europe-west1", entry: ENTRY }), {
        config: { ...CONFIG, "meridian:gcpEnableApis": "sometimes" },
      }),
      (e: unknown) => e instanceof ConfigError && /gcpEnableApis/.test(e.field) && /"sometimes"/.test(e.message),
    );
  });

  it("API Gateway outside its regions is a ConfigError on target, before anything registers", async () => {
    await assert.rejects(
      recordPlan(
        () => {
          const list = new ServerlessFunction("list", { target: "gcp:europe-west3", entry: ENTRY });
          new ApiGateway("api", { target: "gcp:europe-west3", routes: { "GET /users": list } });
        },
        { config: CONFIG },
      ),
      (e: unknown) =>
        e instanceof ConfigError &&
        e.field === "target" &&
        /europe-west3/.test(e.message) &&
        /gcp:europe-west1/.test(e.message),
    );
  });
});
