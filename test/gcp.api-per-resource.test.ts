import * as assert from "node:assert";
import * as path from "node:path";
import { ApiGateway, FailoverDns, MultiRegionService, ServerlessFunction } from "../lib";
import { Plan, PlanResource, dependsOn, findResources, recordPlan } from "../lib/testing";

/**
 * Every Google resource waits for the API that creates it (issue 15 item 2, hunted per resource type rather than per
 * component). A call to a disabled API fails: "API has not been used in project ... or it is disabled"
 * (https://cloud.google.com/service-usage/docs/enable-disable). Each resource type is served by the API its REST
 * reference lives under:
 * - Cloud Logging buckets, sinks and exclusions: logging.googleapis.com
 *   (https://cloud.google.com/logging/docs/reference/v2/rest/v2/projects.locations.buckets,
 *   https://cloud.google.com/logging/docs/reference/v2/rest/v2/projects.sinks,
 *   https://cloud.google.com/logging/docs/reference/v2/rest/v2/projects.exclusions);
 * - Cloud Run: run.googleapis.com; Compute Engine load balancing and health checks: compute.googleapis.com;
 *   Cloud DNS: dns.googleapis.com; Cloud Monitoring: monitoring.googleapis.com; service accounts: iam.googleapis.com;
 *   project IAM policy: cloudresourcemanager.googleapis.com; Cloud Storage: storage.googleapis.com; Secret Manager,
 *   Pub/Sub, Cloud Scheduler, Cloud Functions and API Gateway: their own APIs.
 * Projects created with the API or Terraform start with none of these enabled (only the console enables a default
 * set, https://cloud.google.com/service-usage/docs/enabled-service#default), so nothing may rely on them.
 */
const TYPE_API: Record<string, string> = {
  "gcp:cloudrunv2/": "run.googleapis.com",
  "gcp:compute/": "compute.googleapis.com",
  "gcp:dns/": "dns.googleapis.com",
  "gcp:logging/": "logging.googleapis.com",
  "gcp:monitoring/": "monitoring.googleapis.com",
  "gcp:serviceaccount/": "iam.googleapis.com",
  "gcp:projects/iAMMember": "cloudresourcemanager.googleapis.com",
  "gcp:storage/": "storage.googleapis.com",
  "gcp:secretmanager/": "secretmanager.googleapis.com",
  "gcp:pubsub/": "pubsub.googleapis.com",
  "gcp:cloudscheduler/": "cloudscheduler.googleapis.com",
  "gcp:cloudfunctionsv2/": "cloudfunctions.googleapis.com",
  "gcp:apigateway/": "apigateway.googleapis.com",
};
const ENTRY = path.join(__dirname, "fixtures", "function-hello.ts");
const NOTIFY = { email: ["oncall@northwind-origins.net"] };

function apiOf(r: PlanResource): string | undefined {
  const prefix = Object.keys(TYPE_API).find((p) => r.type.startsWith(p));
  return prefix && TYPE_API[prefix];
}

function missingApis(plan: Plan): string[] {
  const services = findResources(plan, "gcp:projects/service:Service");
  const missing: string[] = [];
  for (const r of plan.resources) {
    const api = r.custom ? apiOf(r) : undefined;
    if (!api) continue;
    const enabled = services.filter((s) => s.inputs.service === api);
    if (!enabled.some((s) => dependsOn(plan, r, s))) missing.push(`${r.type} ${r.name} does not wait for ${api}`);
  }
  return missing;
}

describe("Google Cloud: every resource waits for its own API (fresh project, issue 15 item 2)", () => {
  let plan: Plan;
  before(async () => {
    plan = await recordPlan(
      () => {
        const hello = new ServerlessFunction("hello", {
          target: "gcp:europe-west1",
          entry: ENTRY,
          url: true,
          secrets: { TOKEN: "s3cret" },
          logRetentionDays: 14,
          triggers: [{ type: "http" }, { type: "schedule", schedule: "rate(15 minutes)" }],
          alarms: { notify: NOTIFY },
        });
        new ServerlessFunction("worker", { target: "gcp:europe-west1", entry: ENTRY, triggers: [{ type: "queue" }] });
        new ServerlessFunction("runfn", {
          target: "gcp:europe-west1",
          entry: ENTRY,
          url: true,
          gcp: { platform: "cloud-run" },
          secrets: { TOKEN: "s3cret" },
          logRetentionDays: 7,
          triggers: [{ type: "http" }, { type: "schedule", schedule: "rate(15 minutes)" }],
        });
        new ApiGateway("users", {
          target: "gcp:europe-west1",
          routes: { "GET /users": hello },
          auth: { apiKey: true },
          domain: "api.example.com",
          accessLogs: { retentionDays: 90 },
          alarms: { notify: NOTIFY },
        });
        new MultiRegionService("web", {
          regions: ["gcp:us-central1", "gcp:europe-west1"],
          container: { image: "us-docker.pkg.dev/cloudrun/container/hello", port: 8080, secrets: { DB: "pw" } },
          healthCheck: { path: "/healthz" },
          logRetentionDays: 90,
          routing: {
            strategy: "weighted",
            dns: { provider: "route53", zone: "example.com", record: "www", route53: { zoneId: "Z0123456789ABC" } },
          },
          alarms: { notify: NOTIFY },
        });
        new FailoverDns("dns", {
          provider: "gcp-cloud-dns",
          zone: "example.com",
          record: "api",
          strategy: "weighted",
          gcp: { managedZone: "example-com" },
          healthCheck: { intervalSeconds: 30 },
          endpoints: [{ id: "a", address: "34.120.113.10" }],
          alarms: { notify: NOTIFY },
        });
      },
      { config: { "gcp:project": "meridian-test" } },
    );
  });

  it("covers every Google resource type of the plan", () => {
    const unknown = [
      ...new Set(plan.resources.filter((r) => r.custom && r.type.startsWith("gcp:") && !apiOf(r)).map((r) => r.type)),
    ];
    assert.deepStrictEqual(unknown, ["gcp:projects/service:Service"]);
  });

  it("no Google resource is created before the API that serves it is enabled", () => {
    assert.deepStrictEqual(missingApis(plan), []);
  });
});
