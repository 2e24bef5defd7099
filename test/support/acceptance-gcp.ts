import * as assert from "node:assert";
import { Plan, dependsOn, findResources } from "../../lib/testing";

/** Options for a fresh Google Cloud project (`gcp:project` is what `pulumi config set gcp:project` gives). */
export function gcpOptions(extra: Record<string, string> = {}, project = "acme-prod-4711") {
  return { config: { "gcp:project": project, ...extra } };
}

/**
 * The APIs a resource type calls, each from Google's own page for the product:
 * - Cloud Run: run.googleapis.com (https://cloud.google.com/run/docs/setup)
 * - Cloud Run functions: cloudfunctions, cloudbuild, artifactregistry, run
 *   (https://cloud.google.com/functions/docs/create-deploy-http-nodejs#before-you-begin)
 * - Cloud Storage: storage.googleapis.com; IAM service accounts: iam.googleapis.com
 *   (https://cloud.google.com/iam/docs/service-accounts-create#before-you-begin)
 * - Compute Engine (load balancers, addresses, health checks): compute.googleapis.com; Cloud DNS: dns.googleapis.com
 * - Secret Manager: secretmanager; Cloud Scheduler: cloudscheduler; Pub/Sub: pubsub; Eventarc: eventarc
 * - API Gateway: apigateway, servicemanagement, servicecontrol (https://cloud.google.com/api-gateway/docs/secure-traffic-gcloud#before_you_begin)
 * - Cloud Logging buckets, sinks and exclusions: logging.googleapis.com
 * - Project IAM policy (projects.setIamPolicy) is a Resource Manager method:
 *   https://cloud.google.com/resource-manager/reference/rest/v1/projects/setIamPolicy
 */
const APIS: [RegExp, string[]][] = [
  [/^gcp:cloudrunv2\//, ["run.googleapis.com"]],
  [
    /^gcp:cloudfunctionsv2\//,
    [
      "cloudfunctions.googleapis.com",
      "cloudbuild.googleapis.com",
      "artifactregistry.googleapis.com",
      "run.googleapis.com",
    ],
  ],
  [/^gcp:storage\//, ["storage.googleapis.com"]],
  [/^gcp:serviceaccount\//, ["iam.googleapis.com"]],
  [/^gcp:compute\//, ["compute.googleapis.com"]],
  [/^gcp:dns\//, ["dns.googleapis.com"]],
  [/^gcp:secretmanager\//, ["secretmanager.googleapis.com"]],
  [/^gcp:cloudscheduler\//, ["cloudscheduler.googleapis.com"]],
  [/^gcp:pubsub\//, ["pubsub.googleapis.com"]],
  [/^gcp:eventarc\//, ["eventarc.googleapis.com"]],
  [
    /^gcp:apigateway\//,
    ["apigateway.googleapis.com", "servicemanagement.googleapis.com", "servicecontrol.googleapis.com"],
  ],
  [/^gcp:logging\//, ["logging.googleapis.com"]],
  [/^gcp:projects\/iAMMember:/, ["cloudresourcemanager.googleapis.com"]],
];

export function apisNeeded(type: string): string[] {
  return APIS.filter(([re]) => re.test(type)).flatMap(([, apis]) => apis);
}

/** Every Google resource waits for every API its type needs, enabled in the same program (issue 15 item 2). */
export function assertApisEnabledFirst(plan: Plan): void {
  const services = findResources(plan, "gcp:projects/service:Service").filter((r) =>
    /googleapis\.com$/.test(String(r.inputs.service)),
  );
  for (const r of plan.resources.filter((x) => x.custom && x.type.startsWith("gcp:"))) {
    if (r.type === "gcp:projects/service:Service") continue;
    for (const api of apisNeeded(r.type)) {
      const enabling = services.filter((s) => s.inputs.service === api);
      assert.ok(enabling.length > 0, `${r.type} ${r.name} needs ${api}, which nothing enables`);
      assert.ok(
        enabling.some((s) => dependsOn(plan, r, s)),
        `${r.type} ${r.name} does not wait for ${api}`,
      );
    }
  }
  // "disableOnDestroy: false": destroying one stack must not turn an API off for everything else in the project
  // (the issue's own requirement; https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/google_project_service).
  for (const s of services) assert.strictEqual(s.inputs.disableOnDestroy, false, `${s.name} disables on destroy`);
}

/** A ConfigError on `field`, thrown before anything registered (docs/concepts.md, "Errors"). */
export function assertConfigError(error: unknown, field: string, plan: Plan): void {
  assert.ok(error, "expected a ConfigError, the program recorded");
  assert.strictEqual((error as Error).name, "ConfigError", String((error as Error).stack));
  assert.strictEqual((error as { field?: string }).field, field, (error as Error).message);
  assert.strictEqual(plan.resources.filter((r) => r.custom).length, 0, "resources registered before the error");
}

/** Compute Engine names: 1-63 characters, `[a-z]([-a-z0-9]*[a-z0-9])?` (https://cloud.google.com/compute/docs/naming-resources). */
export function assertRfc1035(name: unknown, what: string, max = 63): void {
  const s = String(name);
  assert.ok(
    s.length <= max && /^[a-z]([-a-z0-9]*[a-z0-9])?$/.test(s),
    `${what} ${s} (${s.length} chars) is not RFC 1035 / ≤ ${max}`,
  );
}

/** The Swagger 2.0 document an ApiConfig carries (base64 in `openapiDocuments[0].document.contents`). */
export function swaggerOf(plan: Plan): SwaggerDoc {
  const config = findResources(plan, "gcp:apigateway/apiConfig:ApiConfig")[0];
  const docs = config.inputs.openapiDocuments as { document: { contents: string } }[];
  return JSON.parse(Buffer.from(docs[0].document.contents, "base64").toString("utf8")) as SwaggerDoc;
}

export interface SwaggerOperation {
  security?: unknown[];
  [key: string]: unknown;
}
export interface SwaggerDoc {
  security?: unknown[];
  paths: Record<string, Record<string, SwaggerOperation>>;
  [key: string]: unknown;
}
