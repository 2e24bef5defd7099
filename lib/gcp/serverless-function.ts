import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { CloudFunctionResult, shellQuote } from "../core/function/result";
import { FunctionSpec } from "../core/function/validate";
import type { BuiltFunctionSpec } from "../core/backend";
import { physicalName } from "../core/naming";
import { PUBLIC_ACCESS_LABEL } from "../core/tags";
import { transformsOf, withTransform } from "../core/transform";
import type { GcpApi } from "./apis";
import type { GcpFunctionChildren } from "./children";
import { gcpFunctionSecrets } from "./function-secrets";
import { gcpFunctionLogs, gcpFunctionSchedules, schedulerAccount, schedulerEnvironment } from "./function-triggers";
import { createCloudRunFunction } from "./cloud-run-function";
import { functionFoundation } from "./function-source";
import { serviceAccount } from "./service-account";

/**
 * Google Cloud expansion: a private source bucket and a source object named by the content hash (a code change
 * is a new object, so the function redeploys: hashicorp/terraform-provider-google#1938), a service account for the function, Secret
 * Manager secrets mounted as environment variables, the `cloudfunctionsv2.Function`, `roles/run.invoker` for
 * `allUsers` on the underlying Cloud Run service only with `url: true` (the function resource refuses run.invoker: hashicorp/terraform-provider-google#12562), Cloud Scheduler jobs
 * with OIDC for schedules and a Pub/Sub topic + event trigger for a queue.
 */
export function createGcpFunction(parent: pulumi.Resource, fn: BuiltFunctionSpec): CloudFunctionResult {
  if (fn.gcp.platform === "cloud-run") return createCloudRunFunction(parent, fn);
  const name = fn.name;
  const region = fn.placement.region!;
  const functionName = physicalName("gcpResource", name);
  const { labels, t, apis, opts, sa, bucket, object } = functionFoundation(parent, fn, functionApis(fn));

  const secrets = gcpFunctionSecrets(parent, fn, sa, labels, apis);
  const build = buildServiceAccount(parent, fn, bucket, apis);

  let topic: gcp.pubsub.Topic | undefined;
  const grants: pulumi.Resource[] = [...secrets.grants, ...build.grants];
  if (fn.queue) {
    topic = new gcp.pubsub.Topic(
      ...withTransform(
        t,
        "topic",
        `${name}-queue`,
        {
          name: physicalName("gcpResource", name, "queue"),
          messageRetentionDuration: "604800s",
          labels,
        } satisfies gcp.pubsub.TopicArgs,
        opts,
      ),
    );
    // Eventarc delivers as the function's service account, which needs to receive events.
    // Granted before the function: its Eventarc trigger is created with it (roles/eventarc.eventReceiver: https://cloud.google.com/eventarc/docs/run/create-trigger-storage-gcloud).
    grants.push(
      new gcp.projects.IAMMember(
        `${name}-event-receiver`,
        {
          project: sa.project,
          role: "roles/eventarc.eventReceiver",
          member: sa.member,
        },
        opts,
      ),
    );
  }

  // A url function is public (the allUsers grant below), so its schedules are told apart by the job's OIDC token,
  // which a public service receives as sent (https://cloud.google.com/endpoints/docs/openapi/troubleshoot-jwt: only
  // without --allow-unauthenticated does Cloud Run IAM intercept it) and the adapter verifies against this account
  // (lib/bundling/adapters/gcp.ts), as on the Cloud Run platform. A private function reads the claims of the token Cloud
  // Run IAM verified: an ApiGateway may invoke it too, forwarding its clients' headers.
  const scheduler = fn.schedules.length > 0 ? schedulerAccount(parent, fn, apis) : undefined;
  const environment: Record<string, pulumi.Input<string>> = { ...fn.environment };
  // A code directory runs its own handler, without Meridian's adapter.
  if (fn.source.kind === "entry") Object.assign(environment, schedulerEnvironment(scheduler, fn.url));

  const cloudFunction = new gcp.cloudfunctionsv2.Function(
    ...withTransform(
      t,
      "function",
      `${name}-function`,
      {
        name: functionName,
        location: region,
        description: `Meridian ServerlessFunction ${name}`,
        buildConfig: {
          runtime: fn.runtimeInfo.native.gcp!,
          entryPoint: fn.source.kind === "entry" ? "handler" : fn.source.handler,
          source: { storageSource: { bucket: bucket.name, object: object.name } },
          // Its own build account: the default one has no roles in organisations created after May 2024
          // (https://cloud.google.com/functions/docs/securing/build-custom-sa).
          serviceAccount: build.account.name,
        },
        serviceConfig: {
          availableMemory: `${fn.memoryMb ?? 512}Mi`,
          availableCpu: cpuFor(fn.memoryMb ?? 512),
          timeoutSeconds: fn.timeoutSeconds,
          maxInstanceCount: 100,
          environmentVariables: Object.keys(environment).length ? environment : undefined,
          secretEnvironmentVariables: secrets.environment.length ? secrets.environment : undefined,
          ingressSettings: "ALLOW_ALL",
          allTrafficOnLatestRevision: true,
          serviceAccountEmail: sa.email,
        },
        eventTrigger: topic
          ? {
              eventType: "google.cloud.pubsub.topic.v1.messagePublished",
              pubsubTopic: topic.id,
              retryPolicy: "RETRY_POLICY_RETRY",
              serviceAccountEmail: sa.email,
              triggerRegion: region,
            }
          : undefined,
        // A public function says so in its labels: the public-invoker policy accepts an allUsers grant only then.
        labels: fn.url ? { ...labels, [PUBLIC_ACCESS_LABEL.key]: PUBLIC_ACCESS_LABEL.value } : labels,
      } satisfies gcp.cloudfunctionsv2.FunctionArgs,
      { parent, dependsOn: [...apis, ...grants] },
    ),
  );

  const serviceName = cloudFunction.serviceConfig.apply((c) => c?.service?.split("/").pop() ?? functionName);
  const uri = cloudFunction.serviceConfig.apply((c) => c?.uri ?? "");
  if (fn.url) {
    // Gen2 functions are Cloud Run services: the invoker role is granted there, never on the function.
    // Under Domain Restricted Sharing (iam.allowedPolicyMemberDomains) this allUsers grant is refused; Google's way
    // around it, disabling the invoker IAM check (https://cloud.google.com/run/docs/authenticating/public), exists on
    // cloudrunv2.Service (invokerIamDisabled) but not on cloudfunctionsv2.Function (the Cloud Functions API has none:
    // hashicorp/terraform-provider-google#23360), so a url function on a portable entry deploys to Cloud Run by
    // default (cloud-run-function.ts); here it was pinned to Cloud Functions, or it is a code directory, and needs the
    // organisation-policy exception in docs/serverless-function.md (Google Cloud expansion).
    new gcp.cloudrunv2.ServiceIamMember(
      ...withTransform(
        t,
        "invoker",
        `${name}-public`,
        {
          name: cloudFunction.name,
          location: region,
          project: cloudFunction.project,
          role: "roles/run.invoker",
          member: "allUsers",
        } satisfies gcp.cloudrunv2.ServiceIamMemberArgs,
        opts,
      ),
    );
  }
  if (topic) {
    new gcp.cloudrunv2.ServiceIamMember(
      `${name}-event-invoker`,
      {
        name: cloudFunction.name,
        location: region,
        project: cloudFunction.project,
        role: "roles/run.invoker",
        member: sa.member,
      },
      opts,
    );
  }
  gcpFunctionSchedules(parent, fn, { name: cloudFunction.name, project: cloudFunction.project }, uri, apis, scheduler);
  gcpFunctionLogs(parent, fn, functionName, cloudFunction.project, apis);

  const project = cloudFunction.project;
  const invokeCommand = topic
    ? pulumi.interpolate`gcloud pubsub topics publish ${topic.name} --project ${project} --message ${shellQuote('{"hello":"world"}')}`
    : pulumi.interpolate`curl -sS -H "Authorization: Bearer $(gcloud auth print-identity-token)" ${uri}/`;
  return {
    nativeName: cloudFunction.name,
    url: fn.url ? uri : undefined,
    queue: topic?.id,
    invokeCommand,
    logsCommand: pulumi.interpolate`gcloud functions logs read ${cloudFunction.name} --gen2 --region ${region} --project ${project} --limit 50`,
    handle: { gcp: { region, project, functionName: cloudFunction.name, serviceName, uri } },
  };
}

/** The APIs this function's expansion calls (see GCP_APIS for the sources). */
function functionApis(fn: FunctionSpec): GcpApi[] {
  const apis: GcpApi[] = ["cloudFunctions", "cloudBuild", "artifactRegistry", "run", "logging", "storage", "iam"];
  // The build account's roles are project IAM bindings (Resource Manager's setIamPolicy).
  apis.push("resourceManager");
  if (Object.keys(fn.secrets).length > 0) apis.push("secretManager");
  if (fn.schedules.length > 0) apis.push("scheduler");
  if (fn.queue) apis.push("pubsub", "eventarc");
  return apis;
}

/**
 * The account Cloud Build runs the function's build as, with the roles Google lists for a custom build account
 * (https://cloud.google.com/functions/docs/securing/build-custom-sa#grant_permissions): Logs Writer and Artifact
 * Registry Writer on the project (the build stores its image in the `gcf-artifacts` repository Cloud Run functions
 * creates), and read access to this function's source bucket only (Storage Object Viewer on the bucket, not the project).
 */
function buildServiceAccount(
  parent: pulumi.Resource,
  fn: FunctionSpec,
  bucket: gcp.storage.Bucket,
  apis: pulumi.Resource[],
): { account: gcp.serviceaccount.Account; grants: pulumi.Resource[] } {
  const name = fn.name;
  const account = serviceAccount(`${name}-build-sa`, {
    parts: [name, "build"],
    displayName: `Builds of ServerlessFunction ${name}`,
    parent,
    dependsOn: apis,
    transform: transformsOf<GcpFunctionChildren>(fn.transform).buildServiceAccount,
  });
  const opts = { parent, dependsOn: apis };
  const grants: pulumi.Resource[] = (["roles/logging.logWriter", "roles/artifactregistry.writer"] as const).map(
    (role) =>
      new gcp.projects.IAMMember(
        `${name}-build-${role.split("/")[1].split(".")[0]}`,
        { project: account.project, role, member: account.member } satisfies gcp.projects.IAMMemberArgs,
        opts,
      ),
  );
  grants.push(
    new gcp.storage.BucketIAMMember(
      `${name}-build-source`,
      {
        bucket: bucket.name,
        role: "roles/storage.objectViewer",
        member: account.member,
      } satisfies gcp.storage.BucketIAMMemberArgs,
      opts,
    ),
  );
  return { account, grants };
}

/** Gen2 ties CPU to memory: above 4 GiB a function needs more than the derived CPU. */
function cpuFor(memoryMb: number): string | undefined {
  if (memoryMb <= 4096) return undefined;
  if (memoryMb <= 8192) return "2";
  if (memoryMb <= 16384) return "4";
  return "8";
}
