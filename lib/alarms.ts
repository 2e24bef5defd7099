import * as pulumi from "@pulumi/pulumi";
import type {
  ApiAlarmTarget,
  DnsAlarmTarget,
  ResolvedAlarms,
  ServiceFrontAlarmTarget,
  ServiceRegionAlarmTarget,
} from "./core/alarms";
import type { FunctionHandle } from "./core/function-handle";
import type { AwsAlarmChildren } from "./aws/children";
import type { AzureFrontAlarmChildren, AzureHealthAlarmChildren, AzureRequestAlarmChildren } from "./azure/children";
import type { CloudflareHealthAlarmChildren } from "./cloudflare/children";
import type { GcpAlarmChildren } from "./gcp/children";
import { CheckedTransforms, transformsOf } from "./core/transform";

/**
 * Creates the alarms of one component on its cloud: each cloud's alarms live in `lib/<cloud>/alarms.ts`, loaded
 * only when that cloud is used (an AWS-only program never loads another cloud's SDK).
 */
type Resolved = ResolvedAlarms & { gaps?: string[] };

/** A default alarm the cloud cannot evaluate is not silently dropped: the component says so in the engine's log. */
export function warnGaps(parent: pulumi.Resource, alarms: Resolved): void {
  for (const gap of alarms.gaps ?? [])
    pulumi.log.warn(`${alarms.component}: alarms.${gap} (this alarm is not created; see docs/alarms.md)`, parent);
}

const gcpAlarms = () => require("./gcp/alarms") as typeof import("./gcp/alarms");
const azureAlarms = () => require("./azure/alarms") as typeof import("./azure/alarms");
const awsAlarms = () => require("./aws/alarms") as typeof import("./aws/alarms");
const cloudflareAlarms = () => require("./cloudflare/alarms") as typeof import("./cloudflare/alarms");

// Typed views of a component's checked transforms (its keys were checked against its cloud's children).
const aws = (t: CheckedTransforms) => transformsOf<AwsAlarmChildren>(t);
const gcp = (t: CheckedTransforms) => transformsOf<GcpAlarmChildren>(t);
const azureRequests = (t: CheckedTransforms) => transformsOf<AzureRequestAlarmChildren>(t);
const azureHealth = (t: CheckedTransforms) => transformsOf<AzureHealthAlarmChildren>(t);
const azureFront = (t: CheckedTransforms) => transformsOf<AzureFrontAlarmChildren>(t);
const cloudflare = (t: CheckedTransforms) => transformsOf<CloudflareHealthAlarmChildren>(t);

export function functionAlarms(
  parent: pulumi.Resource,
  alarms: Resolved,
  handle: FunctionHandle,
  transforms: CheckedTransforms = {},
): void {
  warnGaps(parent, alarms);
  if (handle.aws) {
    awsAlarms().awsFunctionAlarms(
      { parent, alarms, region: handle.aws.region, transforms: aws(transforms) },
      handle.aws.functionName,
    );
  } else if (handle.gcp) {
    gcpAlarms().gcpRequestAlarms(
      { parent, alarms, project: handle.gcp.project, transforms: gcp(transforms) },
      alarms.name,
      {
        kind: "cloudRun",
        region: handle.gcp.region,
        serviceName: handle.gcp.serviceName,
      },
    );
  } else if (handle.azure) {
    const a = handle.azure;
    azureAlarms().azureInsightsRequestAlarms(
      {
        parent,
        alarms,
        resourceGroupName: a.resourceGroupName,
        location: a.region,
        transforms: azureRequests(transforms),
      },
      alarms.name,
      { region: a.region, insightsId: a.insightsId! },
    );
  }
  // Cloudflare: validation refuses request alarms there (no Workers metric alert), so nothing reaches here.
}

export function apiAlarms(
  parent: pulumi.Resource,
  alarms: Resolved,
  target: ApiAlarmTarget,
  transforms: CheckedTransforms = {},
) {
  warnGaps(parent, alarms);
  if (target.aws) {
    awsAlarms().awsApiAlarms(
      { parent, alarms, region: target.aws.region, transforms: aws(transforms) },
      target.aws.apiId,
    );
  } else if (target.gcp) {
    gcpAlarms().gcpRequestAlarms(
      { parent, alarms, project: target.gcp.project, transforms: gcp(transforms) },
      alarms.name,
      {
        kind: "apiGateway",
        gatewayId: target.gcp.gatewayId,
      },
    );
  } else if (target.azure) {
    const a = target.azure;
    azureAlarms().azureInsightsRequestAlarms(
      {
        parent,
        alarms,
        resourceGroupName: a.resourceGroupName,
        location: a.region,
        transforms: azureRequests(transforms),
      },
      alarms.name,
      a,
    );
  }
}

/** Request alarms of one region of a MultiRegionService (AWS: its ALB; Google Cloud: its Cloud Run service). */
export function serviceRegionAlarms(
  parent: pulumi.Resource,
  alarms: Resolved,
  target: ServiceRegionAlarmTarget,
  transforms: CheckedTransforms = {},
  /** The front does not health-check through DNS (Global Accelerator): the region alarms on its own health. */
  regionHealth = false,
): void {
  if (target.aws) {
    awsAlarms().awsLoadBalancerAlarms(
      { parent, alarms, region: target.aws.region, transforms: aws(transforms) },
      target.label,
      target.aws.loadBalancerArnSuffix,
      regionHealth && alarms.health ? { targetGroupArnSuffix: target.aws.targetGroupArnSuffix } : undefined,
    );
  } else if (target.gcp) {
    gcpAlarms().gcpRequestAlarms(
      { parent, alarms, project: target.gcp.project, transforms: gcp(transforms) },
      `${alarms.name}-${target.label}`,
      { kind: "cloudRun", region: target.gcp.region, serviceName: target.gcp.serviceName },
    );
  }
}

/** Alarms of a MultiRegionService's global front when it is not DNS (Google's load balancer, Azure Front Door). */
export function serviceFrontAlarms(
  parent: pulumi.Resource,
  alarms: Resolved,
  target: ServiceFrontAlarmTarget,
  location: string,
  transforms: CheckedTransforms = {},
): void {
  if (target.gcp)
    gcpAlarms().gcpRequestAlarms(
      { parent, alarms, project: target.gcp.project, transforms: gcp(transforms) },
      `${alarms.name}-front`,
      {
        kind: "loadBalancer",
        urlMapName: target.gcp.urlMapName,
      },
    );
  if (target.azure)
    azureAlarms().azureFrontDoorAlarms(
      {
        parent,
        alarms,
        resourceGroupName: target.azure.resourceGroupName,
        location,
        transforms: azureFront(transforms),
      },
      target.azure,
    );
}

export function dnsAlarms(
  parent: pulumi.Resource,
  alarms: Resolved,
  target: DnsAlarmTarget,
  transforms: CheckedTransforms = {},
) {
  warnGaps(parent, alarms);
  if (!alarms.health) return;
  if (target.route53) {
    awsAlarms().awsHealthCheckAlarms({ parent, alarms, transforms: aws(transforms) }, target.route53);
  } else if (target.cloudflare) {
    cloudflareAlarms().cloudflareHealthAlarms(
      { parent, alarms, accountId: target.cloudflare.accountId, transforms: cloudflare(transforms) },
      target.cloudflare,
    );
  } else if (target.trafficManager) {
    const tm = target.trafficManager;
    azureAlarms().azureTrafficManagerAlarms(
      {
        parent,
        alarms,
        resourceGroupName: tm.resourceGroupName,
        location: tm.location,
        transforms: azureHealth(transforms),
      },
      tm,
    );
  } else if (target.gcp) {
    gcpAlarms().gcpUptimeAlarms(
      { parent, alarms, project: target.gcp.project, transforms: gcp(transforms) },
      target.gcp.endpoints,
    );
  }
}
