import type * as gcp from "@pulumi/gcp";
import { ConfigError, describe } from "../core/errors";
import { childKeys } from "../core/transform";

/**
 * The Google Cloud children of each component, keyed as `transform` names them, with the args type of each.
 * Only types come from the SDK here (`import type`), so loading this file does not load `@pulumi/gcp`.
 */

/** The Google APIs each expansion enables (lib/gcp/apis.ts): one `gcp.projects.Service` per API. */
export interface GcpApiEnablementChildren {
  enableApi: gcp.projects.ServiceArgs;
}

/** The notification channels of `alarms` (one per address and webhook, shared by the stack's components). */
export interface GcpNotifyChildren extends GcpApiEnablementChildren {
  alarmChannel: gcp.monitoring.NotificationChannelArgs;
}

/** `alarms` on a request-serving component: Cloud Monitoring error-rate and p99-latency alert policies. */
export interface GcpRequestAlarmChildren extends GcpNotifyChildren {
  alarmErrorRate: gcp.monitoring.AlertPolicyArgs;
  alarmLatency: gcp.monitoring.AlertPolicyArgs;
}

/** `alarms` on FailoverDns: an uptime check and an alert policy per endpoint. */
export interface GcpHealthAlarmChildren extends GcpNotifyChildren {
  alarmUptimeCheck: gcp.monitoring.UptimeCheckConfigArgs;
  alarmHealth: gcp.monitoring.AlertPolicyArgs;
}

/** Every Google Cloud alarm child (what lib/gcp/alarms.ts creates). */
export interface GcpAlarmChildren extends GcpRequestAlarmChildren, GcpHealthAlarmChildren {}

/**
 * A component's own log bucket when `logRetentionDays` is given (lib/gcp/log-bucket.ts): the bucket, the sink that
 * routes the component's logs to it, and their exclusion from `_Default`.
 */
export interface GcpLogBucketChildren {
  logBucket: gcp.logging.ProjectBucketConfigArgs;
  logSink: gcp.logging.ProjectSinkArgs;
  logExclusion: gcp.logging.ProjectExclusionArgs;
}

/** The Secret Manager secret of each `secrets` entry (lib/gcp/function-secrets.ts). */
export interface GcpSecretChildren {
  secret: gcp.secretmanager.SecretArgs;
}

/**
 * ServerlessFunction on Cloud Run functions: with `gcp.platform "cloud-functions"` (the default) a Cloud Functions v2
 * `function` built by its own `buildServiceAccount`; with `"cloud-run"` a `cloudRunService` deployed without a build.
 */
export interface GcpFunctionChildren extends GcpRequestAlarmChildren, GcpLogBucketChildren, GcpSecretChildren {
  serviceAccount: gcp.serviceaccount.AccountArgs;
  buildServiceAccount: gcp.serviceaccount.AccountArgs;
  bucket: gcp.storage.BucketArgs;
  object: gcp.storage.BucketObjectArgs;
  topic: gcp.pubsub.TopicArgs;
  function: gcp.cloudfunctionsv2.FunctionArgs;
  cloudRunService: gcp.cloudrunv2.ServiceArgs;
  invoker: gcp.cloudrunv2.ServiceIamMemberArgs;
  scheduler: gcp.cloudscheduler.JobArgs;
}

/** ApiGateway on Google API Gateway (and, with a domain, the global external load balancer in front of it). */
export interface GcpApiChildren extends GcpRequestAlarmChildren, GcpLogBucketChildren {
  serviceAccount: gcp.serviceaccount.AccountArgs;
  invoker: gcp.cloudrunv2.ServiceIamMemberArgs;
  service: gcp.projects.ServiceArgs;
  api: gcp.apigateway.ApiArgs;
  apiConfig: gcp.apigateway.ApiConfigArgs;
  gateway: gcp.apigateway.GatewayArgs;
  address: gcp.compute.GlobalAddressArgs;
  neg: gcp.compute.RegionNetworkEndpointGroupArgs;
  backendService: gcp.compute.BackendServiceArgs;
  urlMap: gcp.compute.URLMapArgs;
  certificate: gcp.compute.ManagedSslCertificateArgs;
  sslPolicy: gcp.compute.SSLPolicyArgs;
  proxy: gcp.compute.TargetHttpsProxyArgs;
  forwardingRule: gcp.compute.GlobalForwardingRuleArgs;
  record: gcp.dns.RecordSetArgs;
}

/** FailoverDns on Cloud DNS routing policies. */
export interface CloudDnsChildren extends GcpHealthAlarmChildren {
  healthCheck: gcp.compute.HealthCheckArgs;
  recordSet: gcp.dns.RecordSetArgs;
}

/** The Google Cloud regions of a MultiRegionService (Cloud Run, and the global load balancer when it fronts). */
export interface GcpServiceChildren extends GcpRequestAlarmChildren, GcpLogBucketChildren, GcpSecretChildren {
  serviceAccount: gcp.serviceaccount.AccountArgs;
  cloudRunService: gcp.cloudrunv2.ServiceArgs;
  invoker: gcp.cloudrunv2.ServiceIamMemberArgs;
  neg: gcp.compute.RegionNetworkEndpointGroupArgs;
  backendService: gcp.compute.BackendServiceArgs;
  address: gcp.compute.GlobalAddressArgs;
  urlMap: gcp.compute.URLMapArgs;
  certificate: gcp.compute.ManagedSslCertificateArgs;
  sslPolicy: gcp.compute.SSLPolicyArgs;
  httpsProxy: gcp.compute.TargetHttpsProxyArgs;
  httpProxy: gcp.compute.TargetHttpProxyArgs;
  forwardingRule: gcp.compute.GlobalForwardingRuleArgs;
}

declare module "../core/children" {
  interface FunctionChildrenByCloud {
    gcp: GcpFunctionChildren;
  }
  interface ApiChildrenByCloud {
    gcp: GcpApiChildren;
  }
  interface DnsChildrenByProvider {
    "gcp-cloud-dns": CloudDnsChildren;
  }
  interface ServiceChildrenByCloud {
    gcp: GcpServiceChildren;
  }
}

export const GCP_FUNCTION_CHILDREN = childKeys<GcpFunctionChildren>({
  serviceAccount: true,
  buildServiceAccount: true,
  bucket: true,
  object: true,
  secret: true,
  topic: true,
  function: true,
  cloudRunService: true,
  invoker: true,
  scheduler: true,
  logBucket: true,
  logSink: true,
  logExclusion: true,
  enableApi: true,
  alarmChannel: true,
  alarmErrorRate: true,
  alarmLatency: true,
});

/** The children of one Google platform only: a transform of the other platform's child would change nothing. */
const ONLY_ON: Record<"cloud-functions" | "cloud-run", readonly (keyof GcpFunctionChildren)[]> = {
  "cloud-functions": ["buildServiceAccount", "topic", "function", "invoker"],
  "cloud-run": ["cloudRunService"],
};

/**
 * Refuses a `transform` key that is a child of the other Google platform only, saying which platform creates it: a url
 * function on a portable entry deploys to "cloud-run" unless `gcp.platform` says otherwise (#15 item 7), so a program
 * written for Cloud Functions (`transform.function`, `transform.invoker`, ...) learns how to keep that platform.
 */
export function refuseOtherPlatformTransforms(
  transforms: object,
  platform: "cloud-functions" | "cloud-run",
  component: string,
): void {
  const other = platform === "cloud-run" ? "cloud-functions" : "cloud-run";
  const key = Object.keys(transforms).find((k) => (ONLY_ON[other] as readonly string[]).includes(k));
  if (key === undefined) return;
  throw new ConfigError(
    component,
    `transform.${key}`,
    `${describe(key)} is a child of gcp.platform "${other}": set gcp: { platform: "${other}" } to deploy there, ` +
      `or transform the children of gcp.platform "${platform}" (${gcpFunctionChildKeys(platform).join(", ")})`,
  );
}

/** The ServerlessFunction children `transform` may name on a Google platform. */
export function gcpFunctionChildKeys(platform: "cloud-functions" | "cloud-run"): readonly string[] {
  const other = platform === "cloud-run" ? ONLY_ON["cloud-functions"] : ONLY_ON["cloud-run"];
  return GCP_FUNCTION_CHILDREN.filter((k) => !other.includes(k));
}

export const GCP_API_CHILDREN = childKeys<GcpApiChildren>({
  serviceAccount: true,
  invoker: true,
  service: true,
  api: true,
  apiConfig: true,
  gateway: true,
  address: true,
  neg: true,
  backendService: true,
  urlMap: true,
  certificate: true,
  sslPolicy: true,
  proxy: true,
  forwardingRule: true,
  record: true,
  logBucket: true,
  logSink: true,
  logExclusion: true,
  enableApi: true,
  alarmChannel: true,
  alarmErrorRate: true,
  alarmLatency: true,
});

export const CLOUD_DNS_CHILDREN = childKeys<CloudDnsChildren>({
  healthCheck: true,
  recordSet: true,
  enableApi: true,
  alarmChannel: true,
  alarmUptimeCheck: true,
  alarmHealth: true,
});

export const GCP_SERVICE_CHILDREN = childKeys<GcpServiceChildren>({
  serviceAccount: true,
  cloudRunService: true,
  invoker: true,
  neg: true,
  backendService: true,
  address: true,
  urlMap: true,
  certificate: true,
  sslPolicy: true,
  httpsProxy: true,
  httpProxy: true,
  forwardingRule: true,
  logBucket: true,
  logSink: true,
  logExclusion: true,
  secret: true,
  enableApi: true,
  alarmChannel: true,
  alarmErrorRate: true,
  alarmLatency: true,
});
