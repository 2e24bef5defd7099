import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { toUnixCron } from "../core/function/schedule";
import { FunctionSpec } from "../core/function/validate";
import { physicalName } from "../core/naming";
import { transformsOf, withTransform } from "../core/transform";
import type { GcpFunctionChildren } from "./children";
import { dedicatedLogBucket } from "./log-bucket";
import { serviceAccount } from "./service-account";

/** The Cloud Run service that serves a function, on either Google platform (a gen2 function's service has its name). */
export interface GcpFunctionService {
  readonly name: pulumi.Output<string>;
  readonly project: pulumi.Output<string>;
}

/** The service account a function's Cloud Scheduler jobs sign their OIDC tokens as (one per function). */
export function schedulerAccount(
  parent: pulumi.Resource,
  fn: FunctionSpec,
  after: pulumi.Resource[],
): gcp.serviceaccount.Account {
  return serviceAccount(`${fn.name}-scheduler-sa`, {
    parts: [fn.name, "sched"],
    displayName: `Scheduler of ${fn.name}`,
    parent,
    dependsOn: after,
  });
}

/**
 * What the adapter needs to tell a schedule from another request (lib/bundling/adapters/gcp.ts): the scheduler's
 * account, and on a private service (no `url`) that Cloud Run IAM has verified the token, so its claims are read
 * (Cloud Run passes a verified token on with its signature removed); a public service checks the signature itself.
 */
export function schedulerEnvironment(
  scheduler: gcp.serviceaccount.Account | undefined,
  url: boolean,
): Record<string, pulumi.Output<string> | string> {
  if (!scheduler) return {};
  return url
    ? { MERIDIAN_SCHEDULER_EMAIL: scheduler.email }
    : { MERIDIAN_SCHEDULER_EMAIL: scheduler.email, MERIDIAN_SCHEDULER_CHECK: "claims" };
}

/**
 * Schedules: Cloud Scheduler jobs calling `POST <uri>/__meridian/schedule` with an OIDC token of a dedicated
 * service account that may invoke this function's Cloud Run service only.
 */
export function gcpFunctionSchedules(
  parent: pulumi.Resource,
  fn: FunctionSpec,
  service: GcpFunctionService,
  uri: pulumi.Output<string>,
  after: pulumi.Resource[],
  /** The scheduler's account when the function needed it first (schedulerAccount). @default created here */
  account?: gcp.serviceaccount.Account,
): void {
  if (fn.schedules.length === 0) return;
  const region = fn.placement.region!;
  const sa = account ?? schedulerAccount(parent, fn, after);
  const invoker = new gcp.cloudrunv2.ServiceIamMember(
    `${fn.name}-scheduler-invoker`,
    {
      name: service.name,
      location: region,
      project: service.project,
      role: "roles/run.invoker",
      member: sa.member,
    },
    { parent, dependsOn: after },
  );
  fn.schedules.forEach((s, i) => {
    new gcp.cloudscheduler.Job(
      ...withTransform(
        transformsOf<GcpFunctionChildren>(fn.transform),
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
 * Retention: without `logRetentionDays` the function's logs stay in the project's `_Default` bucket (30 days unless the
 * project changed it). Given, they go to a bucket of their own with exactly that retention, and only there.
 */
export function gcpFunctionLogs(
  parent: pulumi.Resource,
  fn: FunctionSpec,
  serviceName: pulumi.Input<string>,
  project: pulumi.Output<string>,
  after: pulumi.Resource[],
): void {
  if (!fn.logRetentionGiven) return;
  dedicatedLogBucket({
    name: fn.name,
    project,
    region: fn.placement.region!,
    retentionDays: fn.logRetentionDays,
    filter: pulumi.interpolate`resource.type="cloud_run_revision" AND resource.labels.service_name="${serviceName}"`,
    description: `Logs of ServerlessFunction ${fn.name}`,
    parent,
    dependsOn: after,
    transform: transformsOf<GcpFunctionChildren>(fn.transform),
  });
}
