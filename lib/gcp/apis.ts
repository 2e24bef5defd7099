import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { ConfigError, describe } from "../core/errors";
import { TransformsOf, withTransform } from "../core/transform";

/**
 * The Google APIs an expansion calls. A fresh project has almost none enabled, and the first call to a disabled API
 * fails ("API has not been used in project ... or it is disabled"): https://cloud.google.com/service-usage/docs/
 * enable-disable. Enabling is idempotent, so each component enables what it needs (another component or an
 * administrator may have done it already), and never disables on destroy: another component or stack in the project
 * may still use the API (`disableOnDestroy: false`, https://registry.terraform.io/providers/hashicorp/google/latest/
 * docs/resources/google_project_service, pulumi/pulumi-gcp#1024).
 */
export const GCP_APIS = {
  // Cloud Run functions builds with Cloud Build into Artifact Registry and runs on Cloud Run; the quickstart enables
  // exactly these: https://cloud.google.com/functions/docs/create-deploy-http-nodejs#before-you-begin
  cloudFunctions: "cloudfunctions.googleapis.com",
  cloudBuild: "cloudbuild.googleapis.com",
  artifactRegistry: "artifactregistry.googleapis.com",
  run: "run.googleapis.com",
  logging: "logging.googleapis.com",
  storage: "storage.googleapis.com",
  // Service accounts (https://cloud.google.com/iam/docs/service-accounts-create#before-you-begin) and project IAM
  // bindings (setIamPolicy on the project is a Resource Manager call).
  iam: "iam.googleapis.com",
  resourceManager: "cloudresourcemanager.googleapis.com",
  secretManager: "secretmanager.googleapis.com",
  scheduler: "cloudscheduler.googleapis.com",
  pubsub: "pubsub.googleapis.com",
  eventarc: "eventarc.googleapis.com",
  // API Gateway needs its own API plus Service Management and Service Control:
  // https://cloud.google.com/api-gateway/docs/secure-traffic-gcloud#enabling_required_services
  apiGateway: "apigateway.googleapis.com",
  serviceManagement: "servicemanagement.googleapis.com",
  serviceControl: "servicecontrol.googleapis.com",
  compute: "compute.googleapis.com",
  dns: "dns.googleapis.com",
  // Alert policies, notification channels and uptime checks (`alarms`): https://cloud.google.com/monitoring/api/enable-api
  monitoring: "monitoring.googleapis.com",
} as const;

export type GcpApi = keyof typeof GCP_APIS;

/** Pulumi config key (namespace `meridian`) that turns API enablement off, for organisations that manage APIs. */
export const ENABLE_APIS_CONFIG = "gcpEnableApis";

/**
 * Reads `meridian:gcpEnableApis` (default true). `false` leaves API enablement to the organisation (the APIs listed in
 * docs must then be enabled beforehand). Anything but a boolean is a ConfigError.
 */
export function apisEnabled(component: string): boolean {
  const raw = new pulumi.Config("meridian").get(ENABLE_APIS_CONFIG);
  if (raw === undefined || raw === "true") return true;
  if (raw === "false") return false;
  throw new ConfigError(
    component,
    `config meridian:${ENABLE_APIS_CONFIG}`,
    `got ${describe(raw)}; expected true (enable the Google APIs the component needs, the default) or false (the organisation enables them)`,
  );
}

/**
 * One `gcp.projects.Service` per API (sorted, so the plan is stable), or none with the opt-out. Every other child of
 * the component depends on them, so no create races the enablement.
 */
export function enableApis(
  component: string,
  name: string,
  apis: readonly GcpApi[],
  parent: pulumi.Resource,
  transforms?: TransformsOf<{ enableApi: gcp.projects.ServiceArgs }>,
  project?: pulumi.Input<string>,
): pulumi.Resource[] {
  if (!apisEnabled(component)) return [];
  return [...new Set(apis)].sort().map(
    (api) =>
      new gcp.projects.Service(
        ...withTransform(
          transforms,
          // Not "api": that key is the API Gateway's own Api child.
          "enableApi",
          `${name}-enable-${api.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`,
          {
            service: GCP_APIS[api],
            project,
            disableOnDestroy: false,
            disableDependentServices: false,
          } satisfies gcp.projects.ServiceArgs,
          { parent },
        ),
      ),
  );
}
