import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import type { BuiltFunctionSpec } from "../core/backend";
import { CloudFunctionResult } from "../core/function/result";
import { physicalName } from "../core/naming";
import { cloudRunMinCpu } from "../core/service/sizes";
import { PUBLIC_ACCESS_LABEL } from "../core/tags";
import { withTransform } from "../core/transform";
import type { GcpApi } from "./apis";
import { gcpSecrets } from "./function-secrets";
import { functionFoundation } from "./function-source";
import { gcpFunctionLogs, gcpFunctionSchedules, schedulerAccount, schedulerEnvironment } from "./function-triggers";
import { runBaseImage } from "./run-base-image";

/**
 * ServerlessFunction with `gcp.platform: "cloud-run"`: one Cloud Run service that runs the bundled handler on Google's
 * Node.js base image without a build. Cloud Run's source deploy without build (Preview) takes the archive from Cloud
 * Storage (`sourceCode.cloudStorageSource`), a `baseImageUri`, and the command that starts it, with `image: "scratch"`
 * — the provider's "Cloudrunv2 Service Zip Deploy" example
 * (https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/cloud_run_v2_service; its acceptance
 * test, GoogleCloudPlatform/magic-modules mmv1/templates/terraform/examples/cloudrunv2_service_zip_deploy.tf.tmpl, reads
 * the archive from a uniform-access bucket of the project with no further grant and no launch stage), as
 * firebase/firebase-tools deploys Cloud Run functions (src/deploy/functions/release/fabricator.ts, createRunFunction).
 *
 * Why not `buildConfig`: on a Cloud Run service it records how a function was built and starts no build
 * (hashicorp/terraform-provider-google#22263, #23057; GoogleCloudPlatform/terraform-google-cloud-run#398).
 *
 * With `url`, the service is public through a disabled invoker IAM check (`invokerIamDisabled`), which Google
 * recommends and which Domain Restricted Sharing allows, where an `allUsers` grant is refused
 * (https://cloud.google.com/run/docs/authenticating/public#disable-invoker). Without `url` the check stays on and only
 * the grants below (the scheduler's, an ApiGateway's) may invoke it, exactly as on Cloud Functions.
 */
export function createCloudRunFunction(parent: pulumi.Resource, fn: BuiltFunctionSpec): CloudFunctionResult {
  const name = fn.name;
  const region = fn.placement.region!;
  const { labels, t, apis, sa, bucket, object } = functionFoundation(parent, fn, cloudRunApis(fn));
  const secrets = gcpSecrets(parent, { name, secrets: fn.secrets, transform: t }, sa.member, labels, apis);

  const envs: gcp.types.input.cloudrunv2.ServiceTemplateContainerEnv[] = Object.keys(fn.environment)
    .sort()
    .map((key) => ({ name: key, value: fn.environment[key] }));
  // Schedules are told apart by the job's OIDC token for this account (lib/bundling/adapters/gcp.ts): its signature
  // checked by the adapter on a public service, its claims read on a private one, whose token Cloud Run IAM verified.
  const scheduler = fn.schedules.length > 0 ? schedulerAccount(parent, fn, apis) : undefined;
  for (const [key, value] of Object.entries(schedulerEnvironment(scheduler, fn.url))) envs.push({ name: key, value });
  // Secret Manager references, resolved by Cloud Run when an instance starts: no value is in the service
  // (https://cloud.google.com/run/docs/configuring/services/secrets#env-var).
  for (const ref of secrets.refs)
    envs.push({ name: ref.key, valueSource: { secretKeyRef: { secret: ref.secret, version: ref.version } } });
  const memoryMb = fn.memoryMb ?? 512;
  // CPU follows memory with Cloud Run's one rule (cloudRunMinCpu); ServerlessFunction takes up to 32,768 MB here.

  const service = new gcp.cloudrunv2.Service(
    ...withTransform(
      t,
      "cloudRunService",
      `${name}-run`,
      {
        // Not the Cloud Functions service's name: switching platforms creates this service before the function (and
        // its service) is deleted.
        name: physicalName("gcpResource", name, "run"),
        location: region,
        description: `Meridian ServerlessFunction ${name}`,
        ingress: "INGRESS_TRAFFIC_ALL",
        invokerIamDisabled: fn.url,
        // The provider defaults deletion protection to on, which would make `pulumi destroy` fail.
        deletionProtection: false,
        // A public function says so in its labels: the public-invoker policy accepts a disabled invoker check only then.
        labels: fn.url ? { ...labels, [PUBLIC_ACCESS_LABEL.key]: PUBLIC_ACCESS_LABEL.value } : labels,
        template: {
          serviceAccount: sa.email,
          // Below 512 MiB Google says to use the first generation, whose minimum is 128 MiB (the second's is 512 MiB):
          // https://cloud.google.com/run/docs/configuring/services/memory-limits
          executionEnvironment: memoryMb < 512 ? "EXECUTION_ENVIRONMENT_GEN1" : undefined,
          timeout: `${fn.timeoutSeconds}s`,
          // One request per instance, as the function has on Cloud Functions and Lambda; up to 100 instances.
          maxInstanceRequestConcurrency: 1,
          scaling: { maxInstanceCount: 100 },
          containers: [
            {
              name: "function",
              image: "scratch",
              baseImageUri: runBaseImage(region, fn.runtimeInfo.native.gcp!),
              commands: ["node"],
              args: ["index.js"],
              sourceCode: {
                cloudStorageSource: {
                  bucket: bucket.name,
                  object: object.name,
                  generation: object.generation.apply((g) => String(g)),
                },
              },
              envs: envs.length ? envs : undefined,
              resources: {
                limits: { cpu: String(cloudRunMinCpu(memoryMb)), memory: `${memoryMb}Mi` },
                cpuIdle: true,
                startupCpuBoost: true,
              },
            },
          ],
        },
      } satisfies gcp.cloudrunv2.ServiceArgs,
      // The secret accessor grants come first: a revision whose identity cannot read its secrets does not start.
      { parent, dependsOn: [...apis, ...secrets.grants] },
    ),
  );

  const uri = service.uri;
  gcpFunctionSchedules(parent, fn, { name: service.name, project: service.project }, uri, apis, scheduler);
  gcpFunctionLogs(parent, fn, service.name, service.project, apis);

  const project = service.project;
  return {
    nativeName: service.name,
    url: fn.url ? uri : undefined,
    invokeCommand: fn.url
      ? pulumi.interpolate`curl -sS ${uri}/`
      : pulumi.interpolate`curl -sS -H "Authorization: Bearer $(gcloud auth print-identity-token)" ${uri}/`,
    logsCommand: pulumi.interpolate`gcloud run services logs read ${service.name} --region ${region} --project ${project} --limit 50`,
    handle: { gcp: { region, project, functionName: service.name, serviceName: service.name, uri } },
  };
}

/**
 * The APIs this expansion calls (see GCP_APIS): no Cloud Functions, no Cloud Build. Artifact Registry serves the base
 * image (https://cloud.google.com/docs/buildpacks/base-images).
 */
function cloudRunApis(fn: BuiltFunctionSpec): GcpApi[] {
  const apis: GcpApi[] = ["run", "artifactRegistry", "logging", "storage", "iam"];
  if (Object.keys(fn.secrets).length > 0) apis.push("secretManager");
  if (fn.schedules.length > 0) apis.push("scheduler");
  return apis;
}
