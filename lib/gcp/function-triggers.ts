import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { toUnixCron } from "../core/function/schedule";
import { ValidatedFunction } from "../core/function/validate";
import { physicalName } from "../core/naming";
import { withTransform } from "../core/transform";
import { serviceAccount } from "./service-account";

/**
 * Schedules: Cloud Scheduler jobs calling `POST <uri>/__meridian/schedule` with an OIDC token of a dedicated
 * service account that may invoke this function's Cloud Run service only.
 */
export function gcpFunctionSchedules(
  parent: pulumi.Resource,
  fn: ValidatedFunction,
  cloudFunction: gcp.cloudfunctionsv2.Function,
  uri: pulumi.Output<string>,
  after: pulumi.Resource[],
): void {
  if (fn.schedules.length === 0) return;
  const region = fn.placement.region!;
  const sa = serviceAccount(`${fn.name}-scheduler-sa`, {
    parts: [fn.name, "sched"],
    displayName: `Scheduler of ${fn.name}`,
    parent,
    dependsOn: after,
  });
  const invoker = new gcp.cloudrunv2.ServiceIamMember(
    `${fn.name}-scheduler-invoker`,
    {
      name: cloudFunction.name,
      location: region,
      project: cloudFunction.project,
      role: "roles/run.invoker",
      member: sa.member,
    },
    { parent, dependsOn: after },
  );
  fn.schedules.forEach((s, i) => {
    new gcp.cloudscheduler.Job(
      ...withTransform(
        fn.transform,
        "scheduler",
        `${fn.name}-schedule-${i}`,
        {
          name: physicalName("gcpResource", fn.name, "schedule", String(i)),
          region,
          schedule: toUnixCron(s.parsed),
          timeZone: s.timezone ?? "Etc/UTC",
          attemptDeadline: `${Math.min(1800, Math.max(15, fn.timeoutSeconds))}s`,
          retryConfig: { retryCount: 2 },
          httpTarget: {
            uri: pulumi.interpolate`${uri}/__meridian/schedule`,
            httpMethod: "POST",
            headers: { "content-type": "application/json", "x-meridian-trigger": "schedule" },
            body: Buffer.from(JSON.stringify({ function: fn.name, schedule: s.expression })).toString("base64"),
            oidcToken: { serviceAccountEmail: sa.email, audience: uri },
          },
        } satisfies gcp.cloudscheduler.JobArgs,
        { parent, dependsOn: [...after, invoker] },
      ),
    );
  });
}

/**
 * Retention: Cloud Logging keeps a function's logs in the project's `_Default` bucket for 30 days. A longer
 * `logRetentionDays` routes this function's logs to a dedicated log bucket with that retention.
 */
export function gcpFunctionLogs(
  parent: pulumi.Resource,
  fn: ValidatedFunction,
  functionName: string,
  project: pulumi.Output<string>,
  after: pulumi.Resource[],
): void {
  if (fn.logRetentionDays <= 30) return;
  const bucketId = physicalName("gcpResource", fn.name, "logs");
  const bucket = new gcp.logging.ProjectBucketConfig(
    ...withTransform(
      fn.transform,
      "logBucket",
      `${fn.name}-log-bucket`,
      {
        project,
        location: fn.placement.region!,
        bucketId,
        retentionDays: fn.logRetentionDays,
        description: `Logs of ServerlessFunction ${fn.name}`,
      } satisfies gcp.logging.ProjectBucketConfigArgs,
      { parent, dependsOn: after },
    ),
  );
  new gcp.logging.ProjectSink(
    ...withTransform(
      fn.transform,
      "logSink",
      `${fn.name}-log-sink`,
      {
        name: physicalName("gcpResource", fn.name, "logs"),
        project,
        destination: pulumi.interpolate`logging.googleapis.com/projects/${project}/locations/${fn.placement.region!}/buckets/${bucketId}`,
        filter: `resource.type="cloud_run_revision" AND resource.labels.service_name="${functionName}"`,
        uniqueWriterIdentity: true,
      } satisfies gcp.logging.ProjectSinkArgs,
      { parent, dependsOn: [...after, bucket] },
    ),
  );
}
